"""Every example document opens in LibreOffice: converted to PDF headless, without complaint."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

import equality_docs

from .conftest import EXAMPLES, require_program

CASES = [
    (example, kind.name)
    for example in sorted(EXAMPLES.glob("*.yaml"))
    for kind in equality_docs.kinds_for(equality_docs.load(example))
]


@pytest.mark.slow
def test_every_example_converts_to_pdf(tmp_path: Path) -> None:
    """LibreOffice converts each example x kind .docx into a non-empty PDF."""
    soffice = require_program("soffice")
    files = []
    for example, kind in CASES:
        path = tmp_path / f"{example.stem}.{kind}.docx"
        path.write_bytes(equality_docs.render(equality_docs.load(example), kind=kind, fmt="docx"))
        files.append(path)
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path / "pdf"), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )

    pdfs = {p.stem: p.read_bytes() for p in (tmp_path / "pdf").glob("*.pdf")}
    assert sorted(f.stem for f in files) == sorted(pdfs)
    assert all(data.startswith(b"%PDF") and len(data) > 1000 for data in pdfs.values())


@pytest.mark.slow
def test_templates_saved_by_libreoffice_render_what_plain_docxtpl_renders(tmp_path: Path) -> None:
    """
    A built-in template opened and saved again in LibreOffice writes its XML its own way; the
    renderer still renders what plain docxtpl renders from it, for every kind and example.
    """
    from equality_docs.api import context_dict
    from equality_docs.renderers.templates import builtin_templates

    from .test_word_renderer import ours, plain_docxtpl

    soffice = require_program("soffice")
    names = sorted({equality_docs.get_kind(kind).template_name("docx") for _, kind in CASES})
    profile = tmp_path / "profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
         *(str(builtin_templates() / "docx" / name) for name in names)],
        check=True, capture_output=True, timeout=300,
    )
    compared = 0
    for example, kind_name in CASES:
        kind = equality_docs.get_kind(kind_name)
        path = tmp_path / "saved" / kind.template_name("docx")
        values = context_dict(kind.build_context(equality_docs.load(example)))
        assert ours(path, values) == plain_docxtpl(path, values), (example.name, kind_name)
        compared += 1
    assert compared == len(CASES)
