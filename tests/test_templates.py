"""The shipped templates: the .docx files are the source; their twins follow them; they name only their contexts' fields."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest

from equality_docs.kinds import KINDS
from equality_docs.renderers.docx import prepare
from equality_docs.template_names import markdown_names, word_names

from .conftest import ROOT

TEMPLATES = ROOT / "templates"


def _twins() -> Any:
    spec = importlib.util.spec_from_file_location("twins", TEMPLATES / "twins.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_twin_is_in_step_with_its_word_template() -> None:
    """templates/docx-xml holds each template's document, headers and footers as they are in the .docx."""
    assert _twins().out_of_step(TEMPLATES / "docx", TEMPLATES / "docx-xml") == []
    assert sorted(p.stem for p in (TEMPLATES / "docx-xml").glob("*.xml")) == sorted(
        p.stem for p in (TEMPLATES / "docx").glob("*.docx"))


def test_a_twin_out_of_step_is_found(tmp_path: Path) -> None:
    """A template changed without its twin (or a twin missing) is named, and --check exits 1."""
    docx_dir, twins = tmp_path / "docx", tmp_path / "docx-xml"
    shutil.copytree(TEMPLATES / "docx", docx_dir)
    shutil.copytree(TEMPLATES / "docx-xml", twins)
    stale = twins / "strategy.xml"
    stale.write_text(stale.read_text(encoding="utf-8").replace("{{", "{{ ", 1), encoding="utf-8")
    (twins / "psed_statement.xml").unlink()

    assert _twins().out_of_step(docx_dir, twins) == ["psed_statement.docx", "strategy.docx"]
    assert subprocess.run([sys.executable, str(TEMPLATES / "twins.py"), "--check"], check=False).returncode == 0


def test_an_edited_twin_is_applied_to_its_template(tmp_path: Path) -> None:
    """A twin edited as text (or merged) is written back into its template, which then matches it again."""
    template, twin_file = tmp_path / "strategy.docx", tmp_path / "strategy.xml"
    shutil.copy(TEMPLATES / "docx" / "strategy.docx", template)
    edited = (TEMPLATES / "docx-xml" / "strategy.xml").read_text(encoding="utf-8").replace(
        "{{", "{{ ", 1)
    twin_file.write_text(edited, encoding="utf-8")

    _twins().apply(twin_file, template)

    assert _twins().twin(template) == edited
    assert docx.Document(str(template)).paragraphs


@pytest.mark.parametrize("template", sorted((TEMPLATES / "docx").glob("*.docx")), ids=lambda p: p.stem)
def test_each_word_template_opens_in_python_docx(template: Path) -> None:
    """Each shipped template is a Word document python-docx opens, with a body, styles and numbering."""
    document = docx.Document(str(template))

    assert document.paragraphs
    assert document.part.numbering_part is not None
    assert document.styles["Heading 1"] is not None


@pytest.mark.parametrize("template", sorted((TEMPLATES / "docx").glob("*.docx")), ids=lambda p: p.stem)
def test_each_word_template_is_prepared_by_the_renderer(template: Path) -> None:
    """Each template is read, patched and compiled without error, its headers and footers with it."""
    prepared = prepare(template)

    assert prepared.numbered is not None
    assert all(part.name.startswith("word/") for part in prepared.others)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_word_template_uses_only_its_context(kind: object) -> None:
    """Every name a Word template uses is a field of its kind's context."""
    used = word_names(kind.template_name("docx")).fields  # type: ignore[attr-defined]
    fields = {f.name for f in attrs.fields(kind.context_type)}  # type: ignore[attr-defined]

    assert used <= fields
    assert used


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_markdown_template_uses_only_its_context(kind: object) -> None:
    """Every name a Markdown template uses (or a template it imports) is a field of its kind's context."""
    used = markdown_names(kind.template_name("md")).fields  # type: ignore[attr-defined]
    fields = {f.name for f in attrs.fields(kind.context_type)}  # type: ignore[attr-defined]

    assert used <= fields
    assert used


def test_a_prose_number_may_be_any_value() -> None:
    """`prose(prefix=loop.index)` in a user's template numbers the paragraph with the number."""
    from equality_docs.renderers.docx import _prose

    assert ">3<" in str(_prose("Text", prefix=3))  # type: ignore[arg-type]
    assert str(_prose("Text", prefix=None)) == str(_prose("Text"))  # type: ignore[arg-type]
