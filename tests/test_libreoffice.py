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
