"""
The one Word renderer: what it renders before its own finishing passes is what plain docxtpl
renders (the oracle, which shares none of the project's post-processing); templates are kept
while unchanged; links, pictures, footnotes and properties; no fallback; no cycles left behind.
"""

from __future__ import annotations

import gc
import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from lxml import etree

import equality_docs
from equality_docs import model as m
from equality_docs.api import _properties, context_dict, render_checked
from equality_docs.errors import TemplateError
from equality_docs.kinds import DocumentKind, get_kind, kinds_for
from equality_docs.output.accessibility import check_docx
from equality_docs.renderers import docx as word
from equality_docs.renderers import passes
from equality_docs.renderers.package import ZIP_LEVEL, ZIP_TIME, Entry, assemble
from equality_docs.renderers.templates import builtin_templates, find_template
from equality_docs.renderers.wordtemplate import Additions

from .conftest import EXAMPLES
from .strategies import plans

EXAMPLES_ = 5 if os.environ.get("FAST") else (40 if os.environ.get("CI") else 10)
BUILTIN = builtin_templates() / "docx" / "psed_statement.docx"
CASES = [(p.name, k.name) for p in sorted(EXAMPLES.glob("*.yaml")) for k in kinds_for(equality_docs.load(p))]


def _inputs(plan: m.EqualityPlan, kind: DocumentKind) -> tuple[Path, dict[str, object], word.DocumentProperties]:
    """The template, context and properties `equality_docs.render` uses for a .docx."""
    context = kind.build_context(plan)
    return find_template(kind.template_name("docx"), "docx"), context_dict(context), _properties(context)


class _OraclePackage:
    """Where the filters put links and pictures in a plain docxtpl render: python-docx's own calls."""

    def __init__(self, template: DocxTemplate) -> None:
        self.template = template

    def hyperlink(self, url: str) -> str:
        return str(self.template.build_url_id(url))

    def picture(self, png: bytes, width: int) -> Any:
        return self.template.docx.part.new_pic_inline(io.BytesIO(png), width, None)


def plain_docxtpl(path: Path, context: dict[str, object]) -> bytes:
    """document.xml in canonical XML as plain, unpatched docxtpl renders it (no finishing passes)."""
    template = DocxTemplate(str(path))
    token = word.CURRENT_PACKAGE.set(_OraclePackage(template))
    try:
        template.render(dict(context), jinja_env=word.make_docx_environment(), autoescape=True)
    finally:
        word.CURRENT_PACKAGE.reset(token)
    # Read back with a plain parser: python-docx's element classes answer `.text` their own way.
    return etree.tostring(etree.fromstring(etree.tostring(template.docx.element)), method="c14n2")


def ours(path: Path, context: dict[str, object]) -> bytes:
    """document.xml in canonical XML as this renderer renders it, before its finishing passes."""
    prepared = word.prepare(path)
    return etree.tostring(prepared.render_trees(dict(context), Additions(prepared))[0], method="c14n2")


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_the_renderer_renders_what_plain_docxtpl_renders(example: str, kind_name: str) -> None:
    """Before its finishing passes, every example's document.xml equals a plain docxtpl render in C14N."""
    path, context, _ = _inputs(equality_docs.load(EXAMPLES / example), get_kind(kind_name))
    assert ours(path, context) == plain_docxtpl(path, context)


def test_the_oracle_comparison_sees_a_difference() -> None:
    """The canonical comparison is not blind: a changed objective shows."""
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    objective = attrs.evolve(plan.objectives[0], text="A different objective")
    changed = attrs.evolve(plan, objectives=(objective, *plan.objectives[1:]))
    path, context, _ = _inputs(plan, get_kind("psed-statement"))
    assert ours(path, context) != plain_docxtpl(path, _inputs(changed, get_kind("psed-statement"))[1])


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_plan_renders_what_plain_docxtpl_renders(plan: m.EqualityPlan) -> None:
    """Whatever a plan holds (any text, links, lists, charts), the unfinished tree is docxtpl's."""
    for kind in kinds_for(plan):
        path, context, _ = _inputs(plan, kind)
        assert ours(path, context) == plain_docxtpl(path, context), kind.name


LINKED = m.Prose(
    "See [the duty](https://www.legislation.gov.uk/ukpga/2010/15/section/149) and "
    "<https://www.gov.uk/guidance/equality-act-2010-guidance>.\n\n"
    "[the duty again](https://www.legislation.gov.uk/ukpga/2010/15/section/149)"
)


def test_links_add_one_relationship_per_address_to_each_document() -> None:
    """Two links to one address share one relationship; the next document starts from the template's."""
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    section = m.Section(title="Links", body=LINKED, kinds=("psed-statement",))
    path, context, properties = _inputs(attrs.evolve(plan, sections=(*plan.sections, section)), get_kind("psed-statement"))
    linked = zipfile.ZipFile(io.BytesIO(word.render_docx(path.name, context, properties=properties)))
    rels = linked.read("word/_rels/document.xml.rels").decode()
    assert rels.count("legislation.gov.uk") == 1
    assert rels.count("equality-act-2010-guidance") == 1
    ids = etree.fromstring(linked.read("word/document.xml")).xpath("//w:hyperlink/@r:id", namespaces={
        "w": passes.W, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"})
    assert len(ids) == 3 and ids[0] == ids[2] != ids[1]
    path, context, properties = _inputs(plan, get_kind("psed-statement"))
    plain = zipfile.ZipFile(io.BytesIO(word.render_docx(path.name, context, properties=properties)))
    assert b"legislation.gov.uk" not in plain.read("word/_rels/document.xml.rels")


def _rewrite(source: Path, target: Path, change: dict[str, bytes | None]) -> Path:
    """Copy a .docx, replacing (bytes) or leaving out (None) the named entries, adding new ones."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            if name not in change:
                new.writestr(name, old.read(name))
        for name, data in change.items():
            if data is not None:
                new.writestr(name, data)
    return target


def _statement() -> tuple[dict[str, object], word.DocumentProperties]:
    _, context, properties = _inputs(equality_docs.load(EXAMPLES / "inmat-trust.yaml"), get_kind("psed-statement"))
    return context, properties


def _render(path: Path) -> bytes:
    context, properties = _statement()
    return word.render_docx(path.name, context, properties=properties, user_dirs=(path.parent,))


def test_footnotes_are_rendered_as_docxtpl_renders_them(tmp_path: Path) -> None:
    """A template's footnotes part is a template too."""
    with zipfile.ZipFile(BUILTIN) as z:
        types, rels = z.read("[Content_Types].xml").decode(), z.read("word/_rels/document.xml.rels").decode()
    footnotes = (
        f'<w:footnotes xmlns:w="{passes.W}"><w:footnote w:id="1"><w:p><w:r>'
        "<w:t>Note for {{ document.organisation }}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    types = types.replace("</Types>", '<Override PartName="/word/footnotes.xml" ContentType="application/'
                          'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
    rels = rels.replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
    path = _rewrite(BUILTIN, tmp_path / "footnoted.docx", {
        "[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode(),
        "word/footnotes.xml": footnotes.encode(),
    })
    note = zipfile.ZipFile(io.BytesIO(_render(path))).read("word/footnotes.xml").decode()
    assert f"Note for {_statement()[0]['document'].organisation}" in note  # type: ignore[attr-defined]


def test_a_template_without_properties_gets_them_with_fixed_times(tmp_path: Path) -> None:
    """Core properties are added to a template without them, stamped with the fixed time, not the clock."""
    with zipfile.ZipFile(BUILTIN) as z:
        types, package_rels = z.read("[Content_Types].xml").decode(), etree.fromstring(z.read("_rels/.rels"))
    for rel in list(package_rels):
        if rel.get("Type", "").endswith("core-properties"):
            package_rels.remove(rel)
    path = _rewrite(BUILTIN, tmp_path / "bare.docx", {
        "docProps/core.xml": None, "_rels/.rels": etree.tostring(package_rels),
        "[Content_Types].xml": types.replace("/docProps/core.xml", "/docProps/gone.xml").encode(),
    })
    first, second = _render(path), _render(path)
    assert first == second
    package = zipfile.ZipFile(io.BytesIO(first))
    assert "1980-01-01T00:00:00Z" in package.read("docProps/core.xml").decode()
    assert equality_docs.load(EXAMPLES / "inmat-trust.yaml").organisation.name in package.read("docProps/core.xml").decode()


def test_a_changed_template_is_prepared_again(tmp_path: Path) -> None:
    """The prepared template is kept while its file is unchanged, and no longer."""
    path = tmp_path / "statement.docx"
    shutil.copy(BUILTIN, path)
    assert word.prepare(path) is word.prepare(path)
    before = _render(path)
    with zipfile.ZipFile(BUILTIN) as z:
        body = z.read("word/document.xml").decode()
    changed = body.replace("{{ document.title }}", "Changed: {{ document.title }}", 1)
    assert changed != body
    _rewrite(BUILTIN, tmp_path / "new.docx", {"word/document.xml": changed.encode()})
    os.replace(tmp_path / "new.docx", path)
    os.utime(path, ns=(1, 1))  # a different time, whatever the clock's resolution
    after = _render(path)
    assert after != before
    assert b"Changed: " in zipfile.ZipFile(io.BytesIO(after)).read("word/document.xml")


@pytest.mark.parametrize("name", ["word/document.xml", "word/media/ünïcode.png"])
def test_the_package_writer_writes_what_zipfile_writes(name: str) -> None:
    """The same entries give the same bytes as `zipfile`, ASCII and UTF-8 names alike."""
    entries = [("[Content_Types].xml", b"<Types/>" * 40), (name, bytes(range(256)) * 20), ("x", b"")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data, compresslevel=ZIP_LEVEL)
    assert assemble(Entry.of(n, d) for n, d in entries) == buffer.getvalue()


def test_documents_rendered_in_threads_are_the_documents_rendered_one_by_one() -> None:
    """A prepared template is shared: documents rendered at once in threads come out the same."""
    from concurrent.futures import ThreadPoolExecutor

    inputs = [_inputs(equality_docs.load(EXAMPLES / e), get_kind(k)) for e, k in CASES]

    def one(case: tuple[Path, dict[str, object], word.DocumentProperties]) -> bytes:
        return word.render_docx(case[0].name, case[1], properties=case[2])

    alone = [one(case) for case in inputs]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(one, inputs * 2)) == alone * 2


def test_a_failure_in_the_renderer_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a finishing pass is raised as it is: there is no second path to fall back on."""
    def broken(*_: object, **__: object) -> list[tuple[int, int]]:
        raise RuntimeError("a bug")

    monkeypatch.setattr(passes, "finish", broken)
    context, properties = _statement()
    with pytest.raises(RuntimeError, match="a bug"):
        word.render_docx("psed_statement.docx", context, properties=properties)


def test_a_template_mistake_outside_jinja_names_is_a_template_error(tmp_path: Path) -> None:
    """An expression the template got wrong ({{ 1 / 0 }}) is reported against the template, near its paragraph."""
    with zipfile.ZipFile(BUILTIN) as z:
        body = z.read("word/document.xml").decode()
    path = _rewrite(BUILTIN, tmp_path / "divided.docx", {
        "word/document.xml": body.replace("{{ document.title }}", "Share {{ 1 / 0 }}", 1).encode()})
    with pytest.raises(TemplateError, match=r"ZeroDivisionError: .*near: Share \{\{ 1 / 0 \}\}"):
        _render(path)


def _logo() -> bytes:
    from equality_docs.charts import ChartData, chart_png

    return chart_png(ChartData(title="Logo", periods=("a",), targets=(1.0,), actuals=(1.0,), unit="", alt="Logo"))


def test_a_picture_without_alt_text_in_a_header_is_found(tmp_path: Path) -> None:
    """Organisations put logos in headers: one without alternative text is a finding, from the bytes and in memory."""
    import docx

    document = docx.Document(str(BUILTIN))
    document.sections[0].header.add_paragraph().add_run().add_picture(io.BytesIO(_logo()))
    path = tmp_path / "psed_statement.docx"
    document.save(str(path))
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    data, found = render_checked(plan, kind="psed-statement", templates=[tmp_path])
    header = [f for f in found if f.code == "DX005"]
    assert len(header) == 1 and " in word/header" in header[0].where
    assert check_docx(data) == found


def test_a_template_with_its_own_picture_keeps_it_beside_the_charts(tmp_path: Path) -> None:
    """A logo in the template's body keeps its part; a report's charts get new parts and ids beside it."""
    import docx

    template = builtin_templates() / "docx" / "annual_report.docx"
    document = docx.Document(str(template))
    document.paragraphs[0].add_run().add_picture(io.BytesIO(b"\x89PNG" + _logo()[4:]))
    path = tmp_path / "annual_report.docx"
    document.save(str(path))
    plan = equality_docs.load(EXAMPLES / "childrens-services-action-plan.yaml")
    data = equality_docs.render(plan, kind="annual-report", fmt="docx", templates=[tmp_path])
    package = zipfile.ZipFile(io.BytesIO(data))
    media = [n for n in package.namelist() if n.startswith("word/media/")]
    assert len(media) == len(set(media)) >= 2
    reopened = docx.Document(io.BytesIO(data))
    assert len(reopened.inline_shapes) == len(media)
    _, context, _ = _inputs(plan, get_kind("annual-report"))
    assert ours(path, context) == plain_docxtpl(path, context)


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_findings_from_the_trees_in_memory_are_those_of_the_bytes(plan: m.EqualityPlan) -> None:
    """Every render is checked on the trees it has just made: the same findings as reading the file."""
    for kind in kinds_for(plan):
        data, found = render_checked(plan, kind=kind)
        assert found == check_docx(data), kind.name


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_findings_of_the_examples_from_memory_are_those_of_the_bytes(example: str, kind_name: str) -> None:
    """The examples' findings, in memory and from the bytes, agree."""
    data, found = render_checked(equality_docs.load(EXAMPLES / example), kind=kind_name)
    assert found == check_docx(data)


def _cycles(renders: Iterator[None]) -> int:
    gc.collect()
    gc.disable()
    try:
        for _ in renders:
            pass
        return gc.collect()
    finally:
        gc.enable()


def test_a_batch_leaves_no_reference_cycles_behind() -> None:
    """Documents leave nothing for the cycle collector, so memory does not grow over a batch."""
    context, properties = _statement()
    word.render_docx("psed_statement.docx", context, properties=properties)  # prepared, caches filled

    def renders() -> Iterator[None]:
        for _ in range(20):
            word.render_docx("psed_statement.docx", context, properties=properties)
            yield None

    assert _cycles(renders()) == 0
