"""
The prepared Word path changes no byte: it gives what docxtpl gives, rendered straightforwardly.

Three comparisons, each over every example and kind:
- with plain docxtpl (a new `DocxTemplate`, its `render`, python-docx's `save`), part by part in
  canonical XML, after the same post-processing;
- with `render_docx_reference`, byte for byte;
- for generated plans (any text, links, nested lists), byte for byte again.
"""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from docxtpl import DocxTemplate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import equality_docs
from equality_docs import model as m
from equality_docs.api import _properties, context_dict
from equality_docs.kinds import DocumentKind, get_kind, kinds_for
from equality_docs.renderers import docx as word
from equality_docs.renderers.package import ZIP_TIME, Entry, assemble
from equality_docs.renderers.prepared import Unsupported, prepare
from equality_docs.renderers.templates import builtin_templates, find_template

from .conftest import EXAMPLES
from .strategies import TEXT, plans

EXAMPLES_ = 5 if os.environ.get("FAST") else (60 if os.environ.get("CI") else 15)


def _cases() -> Iterator[tuple[str, str]]:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        for kind in kinds_for(equality_docs.load(path)):
            yield path.name, kind.name


CASES = list(_cases())


def _inputs(plan: m.EqualityPlan, kind: DocumentKind) -> tuple[Path, dict[str, object], word.DocumentProperties]:
    """The template, context and properties `equality_docs.render` uses for a .docx."""
    context = kind.build_context(plan)
    return find_template(kind.template_name("docx"), "docx"), context_dict(context), _properties(context)


def _plain_docxtpl(path: Path, context: dict[str, object], properties: word.DocumentProperties) -> bytes:
    """Render as a docxtpl user would: a new template, its render, python-docx's own save."""
    template = DocxTemplate(str(path))
    token = word._CURRENT.set(word.TemplatePackage(template))  # noqa: SLF001  # links and charts
    try:
        template.render(context, jinja_env=word.make_docx_environment(), autoescape=True)
    finally:
        word._CURRENT.reset(token)  # noqa: SLF001
    document = template.docx
    styles = document.part.styles.element
    word.finish(document.element.body, document.part.numbering_part.element, styles)
    word._set_properties(document.core_properties, properties)  # noqa: SLF001
    word._set_language(styles, properties.language)  # noqa: SLF001
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def _canonical(data: bytes) -> dict[str, bytes]:
    """Each part of a package: XML in canonical form (C14N 2.0), anything else as it is."""
    parts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            raw = package.read(name)
            is_xml = name.endswith((".xml", ".rels"))
            parts[name] = etree.tostring(etree.fromstring(raw), method="c14n2") if is_xml else raw
    return parts


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_the_prepared_path_gives_what_plain_docxtpl_gives(example: str, kind_name: str) -> None:
    """Every part, in canonical XML, equals a straightforward docxtpl render of the same input."""
    plan = equality_docs.load(EXAMPLES / example)
    path, context, properties = _inputs(plan, get_kind(kind_name))
    fast = prepare(path).render(context, properties)
    plain = _plain_docxtpl(path, context, properties)
    assert _canonical(fast) == _canonical(plain)


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_the_prepared_path_gives_the_reference_bytes(example: str, kind_name: str) -> None:
    """Byte for byte, the same as the straightforward path, zip entries and order included."""
    plan = equality_docs.load(EXAMPLES / example)
    path, context, properties = _inputs(plan, get_kind(kind_name))
    fast = prepare(path).render(context, properties)
    assert fast == word.render_docx_reference(path, context, properties=properties)
    assert fast == equality_docs.render(plan, kind=kind_name, fmt="docx")


def test_the_comparison_sees_a_difference() -> None:
    """The canonical comparison is not blind: a changed objective or author shows in its part."""
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    objective = attrs.evolve(plan.objectives[0], text="A different objective")
    kind = get_kind("psed-statement")

    def changed(other: m.EqualityPlan) -> set[str]:
        first, second = (prepare(p).render(c, props) for p, c, props in (_inputs(plan, kind), _inputs(other, kind)))
        return {n for n, v in _canonical(first).items() if _canonical(second)[n] != v}

    assert changed(attrs.evolve(plan, objectives=(objective, *plan.objectives[1:]))) == {"word/document.xml"}
    renamed = attrs.evolve(plan, organisation=attrs.evolve(plan.organisation, name="Another Trust"))
    assert "docProps/core.xml" in changed(renamed)


LINKED = m.Prose(
    "See [the duty](https://www.legislation.gov.uk/ukpga/2010/15/section/149) and "
    "<https://www.gov.uk/guidance/equality-act-2010-guidance>.\n\n"
    "1. first\n2. second\n\n- a\n    1. nested\n\n[the duty again](https://www.legislation.gov.uk/ukpga/2010/15/section/149)"
)


def test_links_get_the_relationships_python_docx_gives() -> None:
    """Links add relationships to each document (two links to one address share one)."""
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    section = m.Section(title="Links", body=LINKED, kinds=("psed-statement", "objectives-statement"))
    linked = attrs.evolve(plan, sections=(*plan.sections, section))
    shown = 0
    for kind in kinds_for(linked):
        path, context, properties = _inputs(linked, kind)
        fast = prepare(path).render(context, properties)
        assert fast == word.render_docx_reference(path, context, properties=properties), kind.name
        package = zipfile.ZipFile(io.BytesIO(fast))
        if b"the duty again" in package.read("word/document.xml"):
            shown += 1
            rels = package.read("word/_rels/document.xml.rels").decode()
            assert rels.count("legislation.gov.uk") == 1
            assert rels.count("equality-act-2010-guidance") == 1
    assert shown
    # The next document starts from the template's relationships again.
    path, context, properties = _inputs(plan, get_kind("psed-statement"))
    plain = zipfile.ZipFile(io.BytesIO(prepare(path).render(context, properties)))
    assert b"legislation.gov.uk" not in plain.read("word/_rels/document.xml.rels")


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_plan_gives_the_reference_bytes(plan: m.EqualityPlan) -> None:
    """Whatever a plan holds (any text, links, lists, charts), both paths give the same bytes."""
    for kind in kinds_for(plan):
        path, context, properties = _inputs(plan, kind)
        assert prepare(path).render(context, properties) == word.render_docx_reference(
            path, context, properties=properties
        ), kind.name


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


def _statement_inputs() -> tuple[dict[str, object], word.DocumentProperties]:
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    _, context, properties = _inputs(plan, get_kind("psed-statement"))
    return context, properties


BUILTIN = builtin_templates() / "docx" / "psed_statement.docx"


def test_a_template_with_footnotes_goes_the_straightforward_way(tmp_path: Path) -> None:
    """docxtpl renders footnotes; the prepared path leaves such a template to it."""
    with zipfile.ZipFile(BUILTIN) as z:
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    footnotes = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:footnote w:id="1"><w:p><w:r><w:t>Note for {{ document.organisation }}</w:t></w:r></w:p>'
        "</w:footnote></w:footnotes>"
    )
    types = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'
    ))
    rels = rels.replace("</Relationships>", (
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/footnotes" Target="footnotes.xml"/></Relationships>'
    ))
    path = _rewrite(BUILTIN, tmp_path / "footnoted.docx", {
        "[Content_Types].xml": types.encode(), "word/_rels/document.xml.rels": rels.encode(),
        "word/footnotes.xml": footnotes.encode(),
    })
    with pytest.raises(Unsupported):
        prepare(path)
    context, properties = _statement_inputs()
    data = word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    note = zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml").decode()
    assert f"Note for {context['document'].organisation}" in note  # type: ignore[attr-defined]


def test_a_template_without_properties_still_gives_the_same_bytes_each_time(tmp_path: Path) -> None:
    """python-docx stamps missing properties with the clock; the times are fixed instead."""
    with zipfile.ZipFile(BUILTIN) as z:
        types = z.read("[Content_Types].xml").decode()
        package_rels = z.read("_rels/.rels").decode()
    package_rels = etree.tostring(_without(etree.fromstring(package_rels.encode()), "core-properties"))
    types = types.replace('<Override PartName="/docProps/core.xml"', '<Override PartName="/docProps/gone.xml"')
    path = _rewrite(BUILTIN, tmp_path / "bare.docx", {
        "docProps/core.xml": None, "_rels/.rels": package_rels, "[Content_Types].xml": types.encode(),
    })
    with pytest.raises(Unsupported):
        prepare(path)
    context, properties = _statement_inputs()
    first = word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    second = word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    assert first == second
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml").decode()
    assert "1980-01-01T00:00:00Z" in core


@pytest.mark.parametrize(("identifier", "expected"), [
    ("{{ document.organisation }}", None),  # rendered for each document
    ("ref { 12 }\n", "ref { 12 }\n"),  # no Jinja: its text, kept once
])
def test_core_properties_render_as_docxtpl_renders_them(tmp_path: Path, identifier: str, expected: str | None) -> None:
    """A property with Jinja is rendered for each document, one without is kept: the reference bytes."""
    with zipfile.ZipFile(BUILTIN) as z:
        core = etree.fromstring(z.read("docProps/core.xml"))
    field = core.find("{http://purl.org/dc/elements/1.1/}identifier")
    if field is None:
        field = etree.SubElement(core, "{http://purl.org/dc/elements/1.1/}identifier")
    field.text = identifier
    path = _rewrite(BUILTIN, tmp_path / "identified.docx", {"docProps/core.xml": etree.tostring(core)})
    context, properties = _statement_inputs()

    fast = prepare(path).render(context, properties)

    assert word.render_docx_reference(path, context, properties=properties) == fast
    found = etree.fromstring(zipfile.ZipFile(io.BytesIO(fast)).read("docProps/core.xml")).findtext(
        "{http://purl.org/dc/elements/1.1/}identifier"
    )
    assert (expected or context["document"].organisation) == found  # type: ignore[attr-defined]


def _without(rels: etree._Element, kind: str) -> etree._Element:
    for rel in list(rels):
        if rel.get("Type", "").endswith(kind):
            rels.remove(rel)
    return rels


def test_a_changed_template_is_prepared_again(tmp_path: Path) -> None:
    """The prepared template is kept while its file is unchanged, and no longer."""
    path = tmp_path / "statement.docx"
    shutil.copy(BUILTIN, path)
    context, properties = _statement_inputs()
    before = word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    with zipfile.ZipFile(BUILTIN) as z:
        body = z.read("word/document.xml").decode()
    changed = body.replace("{{ document.title }}", "Changed: {{ document.title }}", 1)
    assert changed != body
    _rewrite(BUILTIN, tmp_path / "new.docx", {"word/document.xml": changed.encode()})
    os.replace(tmp_path / "new.docx", path)
    os.utime(path, ns=(1, 1))  # a different time, whatever the clock's resolution
    after = word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    assert after != before
    assert b"Changed: " in zipfile.ZipFile(io.BytesIO(after)).read("word/document.xml")


def test_a_rendering_error_is_reported_as_the_straightforward_path_reports_it(tmp_path: Path) -> None:
    """An unknown name raises the same message, with the paragraph it is in."""
    with zipfile.ZipFile(BUILTIN) as z:
        body = z.read("word/document.xml").decode()
    broken = body.replace("{{ document.title }}", "{{ document.no_such_field }}", 1)
    assert broken != body
    path = _rewrite(BUILTIN, tmp_path / "broken.docx", {"word/document.xml": broken.encode()})
    context, properties = _statement_inputs()
    with pytest.raises(equality_docs.errors.TemplateError) as fast:
        word.render_docx(path.name, context, properties=properties, user_dirs=(tmp_path,))
    with pytest.raises(equality_docs.errors.TemplateError) as reference:
        word.render_docx_reference(path, context, properties=properties)
    assert str(fast.value) == str(reference.value)
    assert "no_such_field" in str(fast.value)


@pytest.mark.parametrize(("find", "replace"), [
    ("{{ document.title }}", "{{ document.title }}"),  # unchanged: no breaks needed
    # A line break of the template's own before a paragraph: docxtpl keeps one of two.
    ("</w:p><w:p>", "</w:p>\n<w:p>"),
    # A paragraph tag in a Jinja string: the break docxtpl puts there is printed.
    ("{{ document.title }}", "{{ document.title ~ '&lt;w:p&gt;' }}"),
    ("{{ document.title }}", "{{ document.title ~ '&lt;w:p class' }}"),
])
def test_line_breaks_before_paragraphs_are_added_only_where_they_change_the_text(
    tmp_path: Path, find: str, replace: str
) -> None:
    """docxtpl's line per paragraph is compiled in where it matters, and the bytes are the same."""
    with zipfile.ZipFile(BUILTIN) as z:
        body = z.read("word/document.xml").decode()
    assert find in body
    changed = body.replace(find, replace, 1)
    path = _rewrite(BUILTIN, tmp_path / "lines.docx", {"word/document.xml": changed.encode()})
    context, properties = _statement_inputs()

    fast = prepare(path).render(context, properties)

    assert fast == word.render_docx_reference(path, context, properties=properties)
    assert _canonical(fast) == _canonical(_plain_docxtpl(path, context, properties))


@pytest.mark.parametrize("name", ["word/document.xml", "docProps/café.xml", "empty"])
def test_the_package_writer_writes_what_zipfile_writes(name: str) -> None:
    """The same entries give the same bytes as `zipfile`, ASCII and UTF-8 names alike."""
    entries = [("[Content_Types].xml", b"<Types/>" * 40), (name, bytes(range(256)) * 20), ("x", b"")]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for entry_name, data in entries:
            info = zipfile.ZipInfo(entry_name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            z.writestr(info, data)
    assembled = assemble(Entry.of(n, d) for n, d in entries)
    assert assembled == buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(assembled)) as z:
        assert z.testzip() is None
        assert [z.read(n) for n, _ in entries] == [d for _, d in entries]


@pytest.mark.parametrize("piece", [1, 300, 5000])
def test_a_body_parsed_in_pieces_gives_the_same_bytes(monkeypatch: pytest.MonkeyPatch, piece: int) -> None:
    """A long body is rendered and parsed in pieces; wherever they are cut, the bytes are the same."""
    from equality_docs.renderers import prepared

    monkeypatch.setattr(prepared, "_PIECE", piece)
    monkeypatch.setattr(prepared, "_CHUNKS", 1)  # every string Jinja yields may end a piece
    multiline = m.Prose("First line\nsecond\tline\n\n- a list\n- with\ttabs")
    for example, kind_name in CASES:
        plan = equality_docs.load(EXAMPLES / example)
        plan = attrs.evolve(plan, sections=(*plan.sections, m.Section(title="Lines", body=multiline,
                                                                    kinds=(kind_name,))))
        path, context, properties = _inputs(plan, get_kind(kind_name))
        fast = prepare(path).render(context, properties)
        assert fast == word.render_docx_reference(path, context, properties=properties), (example, kind_name)


def test_documents_rendered_in_threads_are_the_documents_rendered_one_by_one() -> None:
    """A prepared template is shared: documents rendered at once in threads come out the same."""
    from concurrent.futures import ThreadPoolExecutor

    plans = [(equality_docs.load(EXAMPLES / example), kind) for example, kind in CASES]
    expected = [equality_docs.render(plan, kind=kind, fmt="docx") for plan, kind in plans]
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(3):
            got = list(pool.map(lambda job: equality_docs.render(job[0], kind=job[1], fmt="docx"), plans * 4))
            assert got == expected * 4


def test_a_failure_the_prepared_path_did_not_foresee_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    """A template the prepared path cannot open, or a failure while rendering, still gives the document."""
    from equality_docs.renderers import prepared

    context, properties = _statement_inputs()
    expected = word.render_docx_reference(BUILTIN, context, properties=properties)

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("an unforeseen part")

    prepared._prepare.cache_clear()
    try:
        monkeypatch.setattr(prepared.PreparedTemplate, "__init__", broken)
        with pytest.raises(Unsupported, match="unforeseen"):
            prepare(BUILTIN)
        assert word.render_docx(BUILTIN.name, context, properties=properties) == expected
        monkeypatch.undo()
        prepared._prepare.cache_clear()
        monkeypatch.setattr(prepared.PreparedTemplate, "render", broken)
        assert word.render_docx(BUILTIN.name, context, properties=properties) == expected
    finally:
        monkeypatch.undo()
        prepared._prepare.cache_clear()


def test_a_template_with_its_own_pictures_gives_the_reference_bytes(tmp_path: Path) -> None:
    """A logo already in the template, in its body and header, sits beside the charts a report adds."""
    import docx

    from equality_docs.renderers.charts import ChartData, chart_png

    source = builtin_templates() / "docx" / "annual_report.docx"
    document = docx.Document(str(source))
    logo = chart_png(ChartData(title="logo", periods=("a", "b"), targets=(1.0, 2.0), actuals=(2.0, 1.0),
                               unit="", alt="logo"))
    document.sections[0].header.paragraphs[0].add_run().add_picture(io.BytesIO(logo), width=docx.shared.Cm(2))
    document.paragraphs[0].insert_paragraph_before("Logo:").add_run().add_picture(
        io.BytesIO(logo), width=docx.shared.Cm(3))
    folder = tmp_path / "templates"
    (folder / "docx").mkdir(parents=True)
    document.save(str(folder / "docx" / "annual_report.docx"))
    plan = equality_docs.load(EXAMPLES / "childrens-services-action-plan.yaml")
    kind = get_kind("annual-report")
    context = kind.build_context(plan)
    properties = _properties(context)
    path = find_template(kind.template_name("docx"), "docx", (folder,))
    assert path.parent.parent == folder
    fast = prepare(path).render(context_dict(context), properties)
    assert fast == word.render_docx_reference(path, context_dict(context), properties=properties)
    names = zipfile.ZipFile(io.BytesIO(fast)).namelist()
    assert sum(n.startswith("word/media/") for n in names) > 1  # the logo and the charts


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_findings_from_the_parts_in_memory_are_those_of_the_bytes(plan: m.EqualityPlan) -> None:
    """The batch checks accessibility on the parts it has just made: the same as reading the file."""
    from equality_docs.accessibility import check_docx
    from equality_docs.api import render_checked

    for kind in kinds_for(plan):
        data, findings = render_checked(plan, kind=kind)
        assert data == equality_docs.render(plan, kind=kind, fmt="docx")
        assert findings == check_docx(data), kind.name


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_findings_of_the_examples_from_the_parts_in_memory(example: str, kind_name: str) -> None:
    from equality_docs.accessibility import check_docx
    from equality_docs.api import render_checked

    data, findings = render_checked(equality_docs.load(EXAMPLES / example), kind=kind_name)
    assert findings == check_docx(data)


PROPERTY_TEXT = st.one_of(TEXT, st.text(alphabet="ab&<>\r\n\"' ", min_size=250, max_size=260))


@settings(max_examples=200, deadline=None)
@given(st.builds(
    word.DocumentProperties, title=PROPERTY_TEXT, subject=PROPERTY_TEXT, author=PROPERTY_TEXT,
    language=PROPERTY_TEXT, keywords=PROPERTY_TEXT,
))
def test_core_properties_from_their_marked_text_are_python_docxs(properties: word.DocumentProperties) -> None:
    """Any title, subject, author, language and keywords, long or hostile: python-docx's own bytes."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    prepared = prepare(BUILTIN)
    core = CoreProperties(parse_xml(prepared.core))  # type: ignore[arg-type]
    for name, value in prepared.properties.items():
        setattr(core, name, value)
    word._set_properties(core, properties, prepared.created)  # noqa: SLF001

    assert prepared._core_pieces is not None  # noqa: SLF001  # the marked text is in use
    assert serialize_part_xml(core._element) == prepared._core(prepared.properties, properties)  # noqa: SLF001


class _TextWritten:
    """Counts the bodies written from their text alone (no tree), and those that needed one."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from equality_docs.renderers import prepared

        self.counts = {"text": 0, "tree": 0}
        monkeypatch.setattr(prepared, "_SCREENED_FROM", 0)  # every body is read as a long one is
        written = prepared.PreparedTemplate._text_entry  # noqa: SLF001

        def counted(template: prepared.PreparedTemplate, pieces: list[str]) -> Entry | None:
            entry = written(template, pieces)
            self.counts["text" if entry is not None else "tree"] += 1
            return entry

        monkeypatch.setattr(prepared.PreparedTemplate, "_text_entry", counted)


def _with_everything(plan: m.EqualityPlan, kind_name: str) -> m.EqualityPlan:
    """A plan whose text needs escaping everywhere (quotes in table titles too) and breaks lines."""
    lines = m.Prose('First "line"\nsecond\tline & more\n\n- a list\n- with\ttabs')
    name = 'The "O\'Brien" & <Partners> {School}'
    return attrs.evolve(
        plan,
        organisation=attrs.evolve(plan.organisation, name=name),
        sections=(*plan.sections, m.Section(title="Lines", body=lines, kinds=(kind_name,))),
        objectives=tuple(
            attrs.evolve(o, text=f'{o.text} "quoted" & it\'s {{braced}}\nover two lines') for o in plan.objectives
        ),
    )


@pytest.mark.parametrize(("example", "kind_name"), CASES)
def test_a_body_written_from_its_text_gives_the_reference_bytes(
    monkeypatch: pytest.MonkeyPatch, example: str, kind_name: str
) -> None:
    """Where no pass needs the tree, the body is written from its text: the bytes lxml would write."""
    written = _TextWritten(monkeypatch)
    for plan in (equality_docs.load(EXAMPLES / example), _with_everything(equality_docs.load(EXAMPLES / example), kind_name)):
        path, context, properties = _inputs(plan, get_kind(kind_name))
        fast = prepare(path).render(context, properties)
        assert fast == word.render_docx_reference(path, context, properties=properties)
        checked, _ = prepare(path).render_checked(context, properties)  # always from the tree
        assert checked == fast


def test_most_bodies_are_written_from_their_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """
    The comparison above is not idle: statements, strategies and objectives plans (text,
    prose and a long table) are written without a tree; an action plan and an annual report,
    whose tables need the tree's passes, are parsed.
    """
    written = _TextWritten(monkeypatch)
    for example, kind_name in CASES:
        before = written.counts["text"]
        path, context, properties = _inputs(equality_docs.load(EXAMPLES / example), get_kind(kind_name))
        prepare(path).render(context, properties)
        assert (written.counts["text"] > before) is (kind_name not in {"action-plan", "annual-report"}), kind_name
    assert written.counts["tree"] == 0


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_any_plan_written_from_its_text_gives_the_reference_bytes(monkeypatch: pytest.MonkeyPatch, plan: m.EqualityPlan) -> None:
    """Whatever a plan holds, a body written from its text is the body its tree gives."""
    _TextWritten(monkeypatch)
    for kind in kinds_for(plan):
        path, context, properties = _inputs(plan, kind)
        assert prepare(path).render(context, properties) == word.render_docx_reference(
            path, context, properties=properties
        ), kind.name


@pytest.mark.parametrize(("text", "expected"), [
    ("<w:t>&#34;a&#34; it&#39;s &#123;x&#125;</w:t>", "<w:t>\"a\" it's {x}</w:t>"),
    ('<w:tblCaption w:val="&#34;a&#34; it&#39;s"/><w:t>&#34;</w:t>', '<w:tblCaption w:val="&quot;a&quot; it\'s"/><w:t>"</w:t>'),
    ("<w:t>&amp;#34; stays</w:t>", "<w:t>&amp;#34; stays</w:t>"),
])
def test_references_are_written_as_lxml_writes_them(text: str, expected: str) -> None:
    """Escaped quotes and braces: characters in text, a double quote escaped in an attribute."""
    from equality_docs.renderers import prepared

    assert prepared._as_lxml_writes_references(text.encode()) == expected.encode()  # noqa: SLF001
    body = f'<w:body xmlns:w="{word.nsmap["w"]}">{text}</w:body>'
    assert etree.tostring(etree.fromstring(body), encoding="unicode") == body.replace(text, expected)


def test_a_body_that_is_not_well_formed_is_made_from_its_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """Text libxml2 does not read whole is never written as it is: the tree path decides (and falls back)."""
    written = _TextWritten(monkeypatch)
    path, context, properties = _inputs(equality_docs.load(EXAMPLES / "inmat-trust.yaml"), get_kind("psed-statement"))
    template = prepare(path)
    monkeypatch.setattr(template, "well_formed", False)  # as for a template whose Jinja could leave it so

    assert template._text_entry(["<w:p><w:r></w:p>"]) is None  # noqa: SLF001
    assert template._text_entry(["<w:p>&nbsp;</w:p>"]) is None  # noqa: SLF001
    assert template._text_entry(["<w:p/>"]) is not None  # noqa: SLF001
    assert written.counts == {"text": 1, "tree": 2}


@pytest.mark.parametrize(("source", "forms"), [
    # A value's text may be empty: the start tag before it may be left with its end tag.
    ("<w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p>", ["<w:t></w:t>", '<w:t xml:space="preserve"></w:t>']),
    ('<w:p w:rsidR="1">{% if a %}<w:r/>{% endif %}</w:p>',
     ['<w:p w:rsidR="1"></w:p>', '<w:t xml:space="preserve"></w:t>']),
    # Jinja in an attribute's value is escaped as any value is (quotes written as lxml writes them).
    ('<w:tblCaption w:val="{{ a }}"/><w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>',
     ['<w:t xml:space="preserve"></w:t>']),
    # Among a tag's attributes Jinja could print anything: such a body is always parsed.
    ("<w:p {% if a %}w:rsidR='1'{% endif %}/>", None),
])
def test_the_empty_elements_a_body_may_hold_are_read_from_its_source(source: str, forms: list[str] | None) -> None:
    """The empty elements lxml writes as one tag are found where Jinja may print nothing."""
    template = prepare(BUILTIN)
    found = template._empty_forms(source)  # noqa: SLF001
    assert (None if found is None else [pair for pair, _ in found]) == (None if forms is None else sorted(forms))
    for pair, single in found or ():
        assert etree.tostring(etree.fromstring(pair.replace("w:", ""))) == single.replace("w:", "").encode()


def test_a_line_break_in_an_attribute_keeps_the_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table title with a line break: in an attribute's value the parser reads it as a space, as the tree writes it."""
    written = _TextWritten(monkeypatch)
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Council", type=m.OrganisationType.COUNCIL),
        information=(m.DataTable(title="Two\nlines", columns=("A", "B"), rows=()),),
    )
    path, context, properties = _inputs(plan, get_kind("annual-report"))

    assert prepare(path).render(context, properties) == word.render_docx_reference(path, context, properties=properties)
    assert written.counts == {"text": 0, "tree": 1}  # tried, and the tree made


@pytest.mark.parametrize(("source", "well_formed"), [
    ("<w:body><w:p><w:r><w:t>{{ a }}</w:t></w:r></w:p></w:body>", True),
    ("<w:body>{% for x in xs %}<w:p>{{p x|prose }}</w:p>{% else %}<w:p/>{% endfor %}</w:body>", True),
    ("<w:body>{% if a %}<w:p/>{% elif b %}<w:p><w:r/></w:p>{% else %}{% endif %}{# note #}</w:body>", True),
    ('<w:body><w:tbl><w:tblPr><w:tblCaption w:val="{{ title }}"/></w:tblPr></w:tbl></w:body>', True),
    # A branch that opens an element another closes, a loop that leaves one open.
    ("<w:body>{% if a %}<w:p>{% endif %}</w:p></w:body>", False),
    ("<w:body>{% for x in xs %}<w:p>{% endfor %}</w:body>", False),
    ("<w:body>{% if a %}<w:p>{% else %}<w:p/>{% endif %}</w:body>", False),
    # Statements not read, prose printed in a tag, a comment in the text.
    ("<w:body>{% set a = 1 %}<w:p/></w:body>", False),
    ('<w:body><w:p w:rsidR="{{ a|prose }}"/></w:body>', False),
    ("<w:body><!-- x --><w:p/></w:body>", False),
])
def test_a_template_shows_whether_every_body_rendered_is_well_formed(source: str, well_formed: bool) -> None:  # noqa: FBT001
    """Whole elements in every branch and loop, and only text or prose printed: no need to read the text through."""
    assert prepare(BUILTIN)._always_well_formed(source) is well_formed  # noqa: SLF001


def test_the_built_in_templates_always_render_well_formed_bodies() -> None:
    """So their bodies written from the text are not read through by libxml2 again."""
    for path in sorted((builtin_templates() / "docx").glob("*.docx")):
        assert prepare(path).well_formed, path.name
