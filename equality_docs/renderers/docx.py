"""
Render a context into a Word document through a Word template: one renderer.

Each template is prepared once per process (`wordtemplate.WordTemplate`, kept while its file is
unchanged). Each document renders with autoescape on, in a sandboxed environment; the result is
parsed, docxtpl's own fixes and the finishing passes (`passes`) run on the tree, document
properties and language are set from the data, and the parts are zipped with fixed times, so the
same input gives the same bytes. A failure caused by the template is a `TemplateError`.
"""

from __future__ import annotations

import contextvars
import copy
import datetime
import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs
import jinja2
from docx.shared import Cm
from lxml import etree
from markupsafe import Markup, escape

from equality_docs.accessibility import OutputFinding, check_tree
from equality_docs.model.values import Prose
from equality_docs.renderers import passes
from equality_docs.renderers.charts import ChartData, chart_png
from equality_docs.renderers.package import ZIP_TIME, Entry
from equality_docs.renderers.prose import LinkMaker, plain_text, prose_to_word, xml_safe
from equality_docs.renderers.templates import find_template, make_environment
from equality_docs.renderers.wordtemplate import Additions, WordTemplate

#: The creation time given to a document whose template has none.
FIXED_TIME = datetime.datetime(*ZIP_TIME, tzinfo=datetime.timezone.utc)
#: The longest text a core property holds (python-docx refuses longer).
PROPERTY_LIMIT = 255


@attrs.frozen(kw_only=True)
class DocumentProperties:
    """What Word shows under File > Info, and what assistive technology reads first."""

    title: str
    subject: str = ""
    author: str = ""
    language: str = "en-GB"
    keywords: str = ""


def _braces_as_references(xml: str) -> str:
    """Return XML with its braces written as references, so that docxtpl's unescaping leaves them be."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


#: Text with nothing `_finalize` would change: no markup characters, braces, or characters XML cannot hold.
_PLAIN_TEXT = re.compile("[^&<>\"'{}\x00-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]*\\Z")


def _finalize(value: object) -> object:
    """Escape every printed value for XML; braces become references."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if _PLAIN_TEXT.match(text):  # most values: nothing to escape or leave out
        return text
    return Markup(_braces_as_references(str(escape(xml_safe(text)))))


class Package(Protocol):
    """Where the filters that add relationships (links, pictures) put them while rendering."""

    def hyperlink(self, url: str) -> str:
        """Return the relationship id of an external link to `url`."""
        ...

    def picture(self, png: bytes, width: int) -> Any:
        """Return a `wp:inline` element showing the picture, `width` EMU wide."""
        ...


#: The package being rendered into, for the filters that add relationships (links, images).
CURRENT_PACKAGE: contextvars.ContextVar[Package] = contextvars.ContextVar("equality_docs_docx")
_CURRENT = CURRENT_PACKAGE


class _Links(LinkMaker):
    def __call__(self, url: str, runs: str) -> str:
        return f'<w:hyperlink r:id="{CURRENT_PACKAGE.get().hyperlink(url)}">{runs}</w:hyperlink>'


class _Probe(LinkMaker):
    """A link maker that only notes it was asked: the prose has links."""

    asked = False

    def __call__(self, url: str, runs: str) -> str:
        self.asked = True
        return runs


@functools.lru_cache(maxsize=1024)
def _prose_without_links(text: str, style: str | None, prefix: str) -> Markup | None:
    """Return the Word paragraphs of prose without links (the same in every document), else None."""
    probe = _Probe()
    xml = prose_to_word(text, style=style, prefix=prefix, link=probe)
    return None if probe.asked else Markup(_braces_as_references(xml))


def _prose(value: object, style: str | None = None, prefix: str = "") -> Markup:
    """Return Word paragraphs for Markdown prose (use as `{{p value|prose }}`)."""
    text = "" if value is None else str(value)
    style = None if style is None else str(style)
    prefix = "" if prefix is None else str(prefix)
    kept = _prose_without_links(text, style, prefix)
    if kept is not None:
        return kept
    # Links add relationships to this document's package, so are made for each document.
    return Markup(_braces_as_references(prose_to_word(text, style=style, prefix=prefix, link=_Links())))


def _chart(value: ChartData, width_cm: float = 15.0) -> Markup:
    """Return a centred paragraph holding a chart, with its text alternative (`{{p c|chart }}`)."""
    inline = CURRENT_PACKAGE.get().picture(chart_png(value), Cm(width_cm))
    properties = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    properties.set("descr", xml_safe(value.alt))
    properties.set("title", xml_safe(value.title))
    xml = etree.tostring(inline, encoding="unicode")
    return Markup(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>{xml}</w:drawing></w:r></w:p>')


@functools.cache
def make_docx_environment() -> jinja2.Environment:
    """Return the one sandboxed environment Word templates render in."""
    env = make_environment(subfolder=None, autoescape=True, finalize=_finalize)
    env.filters["prose"] = _prose
    env.filters["chart"] = _chart
    return env


def prepare(path: Path) -> WordTemplate:
    """
    Return the Word template at `path`, prepared (kept while the file is unchanged).

    Raises:
        TemplateError: the template is broken, hostile, or not a Word document.
    """
    stat = path.stat()
    return _prepare(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _prepare(path: str, mtime_ns: int, size: int) -> WordTemplate:  # noqa: ARG001  # the key
    return WordTemplate(Path(path), make_docx_environment())


def property_text(text: str) -> str:
    """Return text as a core property holds it: XML-safe, and cut short with an ellipsis if too long."""
    safe = xml_safe(text)
    return safe if len(safe) <= PROPERTY_LIMIT else safe[: PROPERTY_LIMIT - 1] + "\u2026"


_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC, _DCTERMS = "{http://purl.org/dc/elements/1.1/}", "{http://purl.org/dc/terms/}"
_XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"


def _core(template: Any, props: DocumentProperties) -> Any:
    """Return the template's core properties filled in from the data, with fixed times."""
    core = copy.deepcopy(template)
    created = core.find(f"{_DCTERMS}created")
    if created is None:
        created = etree.SubElement(core, f"{_DCTERMS}created", {_XSI_TYPE: "dcterms:W3CDTF"})
        created.text = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = (
        (f"{_DC}title", props.title), (f"{_DC}subject", props.subject), (f"{_DC}creator", props.author),
        (f"{_CP}keywords", props.keywords), (f"{_DC}language", props.language),
        (f"{_CP}lastModifiedBy", props.author), (f"{_CP}revision", "1"), (f"{_DC}description", ""),
        (f"{_CP}category", ""), (f"{_DCTERMS}modified", created.text or ""),
    )
    for tag, value in values:
        element = core.find(tag)
        if element is None:
            element = etree.SubElement(core, tag)
        element.text = property_text(value)
    core.find(f"{_DCTERMS}modified").set(_XSI_TYPE, "dcterms:W3CDTF")
    return core


def _styles(template: WordTemplate, language: str) -> tuple[Entry, bytes] | None:
    """Return the styles part with the language set where Word's checker reads it, and its bytes."""
    if template.styles is None:
        return None
    name = next(t for _, kind, t, external in template.rels if kind.endswith("/styles") and not external)

    def make() -> tuple[Entry, bytes]:
        styles = copy.deepcopy(template.styles)
        rpr = styles.find(f"{passes._W}docDefaults/{passes._W}rPrDefault/{passes._W}rPr")  # noqa: SLF001
        if rpr is not None:
            lang = rpr.find(f"{passes._W}lang")  # noqa: SLF001
            if lang is None:
                lang = etree.SubElement(rpr, f"{passes._W}lang")  # noqa: SLF001
            for attribute in ("val", "eastAsia", "bidi"):
                lang.set(f"{passes._W}{attribute}", language)  # noqa: SLF001
        data = etree.tostring(styles, encoding="UTF-8", xml_declaration=True, standalone=True)
        return Entry.of(name, data), data

    made: tuple[Entry, bytes] = template.kept(("styles", language), make)
    return made


def _render(
    path: Path, context: Mapping[str, Any], properties: DocumentProperties
) -> tuple[bytes, Any, list[tuple[str, Any]], bytes]:
    """Return a document's bytes, its document element, its other rendered parts and its styles' bytes."""
    template = prepare(path)
    root, others, added = _rendered(template, context)
    body = root.find(f"{passes._W}body")  # noqa: SLF001
    lists = passes.finish(body, template.numbered) if body is not None else []
    changed: dict[str, Entry] = {}
    core = _core(template.core, properties)
    changed[template.core_name] = Entry.of(template.core_name, etree.tostring(
        core, encoding="UTF-8", xml_declaration=True, standalone=True))
    styles = _styles(template, properties.language)
    if styles is not None:
        changed[styles[0].name] = styles[0]
    if template.numbering is not None:
        name = next(t for _, kind, t, external in template.rels if kind.endswith("/numbering") and not external)

        def numbering() -> Entry:
            tree = copy.deepcopy(template.numbering)
            passes.add_lists(tree, lists)
            return Entry.of(name, etree.tostring(tree, encoding="UTF-8", xml_declaration=True, standalone=True))

        changed[name] = template.kept(("numbering", tuple(lists)), numbering)
    data = template.package(root, others, changed, added)
    return data, root, others, b"" if styles is None else styles[1]


def _rendered(template: WordTemplate, context: Mapping[str, Any]) -> tuple[Any, list[tuple[str, Any]], Additions]:
    """Return a template's document element and other parts rendered, with docxtpl's own fixes only."""
    values = dict(context)
    added = Additions(template)
    token = CURRENT_PACKAGE.set(added)
    try:
        root = template.render_part(template.body, values)
        others = [(part.name, template.render_part(part, values)) for part in template.others]
    finally:
        CURRENT_PACKAGE.reset(token)
    passes.docxtpl_fix_tables(root)
    passes.number_drawings(root)
    return root, others, added


def render_docx_unfinished(path: Path, context: Mapping[str, Any]) -> Any:
    """
    Return the document element of a template rendered as docxtpl renders it, before the
    finishing passes (what a plain docxtpl render gives; the tests compare the two).

    Raises:
        TemplateError: the template is broken, or uses a name the context lacks.
    """
    return _rendered(prepare(path), context)[0]


def render_docx(
    name: str, context: Mapping[str, Any], *, properties: DocumentProperties, user_dirs: Sequence[Path] = ()
) -> bytes:
    """
    Return the bytes of a Word document rendered from the template `name`.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    return _render(find_template(name, "docx", user_dirs), context, properties)[0]


def render_docx_checked(
    name: str, context: Mapping[str, Any], *, properties: DocumentProperties, user_dirs: Sequence[Path] = ()
) -> tuple[bytes, tuple[OutputFinding, ...]]:
    """
    Return a Word document as `render_docx` does, with its accessibility findings, checked on
    its trees still in memory (the findings `check_docx` gives for the bytes).

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    data, root, others, styles = _render(find_template(name, "docx", user_dirs), context, properties)
    findings = check_tree(
        title=property_text(properties.title), language=property_text(properties.language),
        styles=styles, body=root.find(f"{passes._W}body"), parts=others,  # noqa: SLF001
    )
    return data, findings


__all__ = [
    "CURRENT_PACKAGE", "DocumentProperties", "Package", "Prose", "make_docx_environment", "prepare",
    "property_text", "render_docx", "render_docx_checked", "render_docx_unfinished",
]
