"""The shipped templates: in step with the script that builds them, and with their contexts."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import attrs
import pytest
from docxtpl import DocxTemplate

from equality_docs.kinds import KINDS
from equality_docs.renderers.docx import make_docx_environment
from equality_docs.renderers.markdown import make_md_environment

from .conftest import ROOT

TEMPLATES = ROOT / "templates"


def _build_module() -> object:
    spec = importlib.util.spec_from_file_location("build_docx", TEMPLATES / "build_docx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_word_templates_match_their_build_script(tmp_path: Path) -> None:
    """Regenerating the Word templates gives the committed files, part for part."""
    written = _build_module().build(tmp_path)  # type: ignore[attr-defined]

    for path in written:
        fresh = zipfile.ZipFile(path)
        committed = zipfile.ZipFile(TEMPLATES / "docx" / path.name)
        assert fresh.namelist() == committed.namelist()
        for name in fresh.namelist():
            assert fresh.read(name) == committed.read(name), f"{path.name}: {name} differs"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_word_template_uses_only_its_context(kind: object) -> None:
    """Every name a Word template uses is a field of its kind's context."""
    template = DocxTemplate(str(TEMPLATES / "docx" / kind.template_name("docx")))  # type: ignore[attr-defined]
    used = template.get_undeclared_template_variables(jinja_env=make_docx_environment())
    fields = {f.name for f in attrs.fields(kind.context_type)}  # type: ignore[attr-defined]

    assert used <= fields
    assert used


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_markdown_template_uses_only_its_context(kind: object) -> None:
    """Every name a Markdown template uses is a field of its kind's context."""
    from jinja2 import meta, nodes

    env = make_md_environment()
    name = kind.template_name("md")  # type: ignore[attr-defined]
    source = env.loader.get_source(env, name)[0]  # type: ignore[union-attr]
    tree = env.parse(source)
    imported = {node.target for node in tree.find_all(nodes.Import)}
    used = meta.find_undeclared_variables(tree) - imported
    fields = {f.name for f in attrs.fields(kind.context_type)}  # type: ignore[attr-defined]

    assert used <= fields


def test_a_prose_number_may_be_any_value() -> None:
    """`prose(prefix=loop.index)` in a user's template numbers the paragraph with the number."""
    from equality_docs.renderers.docx import _prose

    assert ">3<" in str(_prose("Text", prefix=3))  # type: ignore[arg-type]
    assert str(_prose("Text", prefix=None)) == str(_prose("Text"))  # type: ignore[arg-type]
