"""
Render a context into a Word document through a Word template (`wordtemplate.WordTemplate`,
prepared once per process while its file is unchanged), with the filters Word templates use.
Every value printed is escaped; a failure caused by the template is a `TemplateError`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from docx.shared import Cm
from lxml import etree
from markupsafe import Markup, escape

from equality_docs.charts import ChartData, chart_png
from equality_docs.memo import kept_for_short_texts
from equality_docs.output.accessibility import OutputFinding, check_tree
from equality_docs.reference_doc import read_reference, reference_key
from equality_docs.renderers.prose import LinkMaker, heading_to_word, plain_text, prose_to_word, text_to_word
from equality_docs.renderers.templates import find_template, make_environment
from equality_docs.renderers.wordtemplate import (
    CURRENT_PACKAGE,
    DocumentProperties,
    WordTemplate,
    property_text,
)
from equality_docs.safe_text import xml_safe


def _braces_as_references(xml: str) -> str:
    """Return XML with its braces written as references, so that docxtpl's unescaping leaves them be."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


#: Text with nothing `_finalize` would change: no markup characters, braces, or characters XML cannot hold.
_PLAIN_TEXT = re.compile("[^&<>\"'{}\x00-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]*\\Z")
#: The paragraphs of the last 1,024 short plain texts printed (under 15,000 characters each), as table cells repeat.
_kept_paragraph = functools.lru_cache(maxsize=1024)(lambda text: Markup(text_to_word(str(_finalize(text)))))


def _finalize(value: object) -> object:
    """Escape every printed value for XML; braces become references."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    text = str(value)
    if _PLAIN_TEXT.match(text):  # most values: nothing to escape or leave out
        return text
    return Markup(_braces_as_references(str(escape(plain_text(text)))))


class _Links(LinkMaker):
    def __call__(self, url: str, runs: str) -> str:
        return f'<w:hyperlink r:id="{CURRENT_PACKAGE.get().hyperlink(url)}">{runs}</w:hyperlink>'


class _Probe(LinkMaker):
    """A link maker that only notes it was asked: the prose has links."""

    asked = False

    def __call__(self, url: str, runs: str) -> str:
        self.asked = True
        return runs


@kept_for_short_texts(entries=1024, longest=2_000)
def _prose_without_links(text: str, style: str | None, prefix: str) -> Markup | None:
    """Return the Word paragraphs of prose without links (the same in every document), else None."""
    probe = _Probe()
    xml = prose_to_word(text, style=style, prefix=prefix, link=probe)
    return None if probe.asked else Markup(_braces_as_references(xml))


def _prose(value: object, style: str | None = None, prefix: str = "") -> Markup:
    """Return Word paragraphs for Markdown prose (use as `{{p value|prose }}`); links add relationships to this
    document's package, so prose with links is made for each document, and no long text is kept."""
    text = "" if value is None else str(value)
    style = None if style is None else str(style)
    prefix = "" if prefix is None else str(prefix)
    return _prose_without_links(text, style, prefix) or Markup(
        _braces_as_references(prose_to_word(text, style=style, prefix=prefix, link=_Links())))


def _chart(value: ChartData, width_cm: float = 15.0) -> Markup:
    """Return a centred paragraph holding a chart, with its text alternative (`{{p c|chart }}`)."""
    inline = CURRENT_PACKAGE.get().picture(chart_png(value), Cm(width_cm))
    properties = inline.find("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr")
    properties.set("descr", xml_safe(value.alt))
    properties.set("title", xml_safe(value.title))
    xml = etree.tostring(inline, encoding="unicode")
    return Markup(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>{xml}</w:drawing></w:r></w:p>')


def _sections(value: Sequence[Any]) -> Markup:
    """Return Word paragraphs for sections (`{{p list|sections }}`): each one's heading at its level,
    opening text, numbered paragraphs and closing text."""
    parts: list[str] = []
    for section in value:
        if section.heading:
            parts.append(_braces_as_references(heading_to_word(str(section.heading), section.level)))
        if section.body:
            parts.append(_prose(section.body))
        parts.extend(_prose(p.text, prefix=p.number) for p in section.paragraphs)
        if section.closing:
            parts.append(_prose(section.closing))
    return Markup("".join(parts))


@functools.cache
def make_docx_environment() -> jinja2.Environment:
    """Return the one sandboxed environment Word templates render in."""
    env = make_environment(subfolder=None, autoescape=True, finalize=_finalize)
    env.filters["prose"] = _prose
    env.filters["chart"] = _chart
    env.filters["paragraph"] = lambda value: (  # `{{p value|paragraph }}`; a Markup's paragraph differs: not kept
        _kept_paragraph if type(value) is str and len(value) <= 200 else _kept_paragraph.__wrapped__)(value)
    env.filters["sections"] = _sections
    env.filters["heading"] = lambda text, level=1: Markup(heading_to_word(str(text), level))
    return env


def prepare(path: Path, reference_doc: Path | None = None) -> WordTemplate:
    """
    Return the Word template at `path`, prepared (kept while the file is unchanged), in the house
    style of `reference_doc` if one is named (kept while that file is unchanged too).

    Raises:
        InputError: the reference document cannot be read.
        TemplateError: the template or reference document is broken, hostile, or not a Word document.
    """
    stat = path.stat()
    house = None if reference_doc is None else reference_key(reference_doc)
    return _prepare(str(path), stat.st_mtime_ns, stat.st_size, house)


@functools.lru_cache(maxsize=16)  # keyed by the file's path, time and size
def _prepare(path: str, mtime_ns: int, size: int, house: tuple[str, int, int] | None) -> WordTemplate:
    reference = None if house is None else read_reference(Path(house[0]))
    return WordTemplate(Path(path), make_docx_environment(), reference)


def render_docx(
    name: str, context: Mapping[str, Any], *, properties: DocumentProperties, user_dirs: Sequence[Path] = (),
    reference_doc: Path | None = None,
) -> bytes:
    """
    Return the bytes of a Word document rendered from the template `name`, in the house style
    of `reference_doc` if one is named.

    Raises:
        InputError: the reference document cannot be read.
        TemplateError: the template or reference document is missing, broken, or the template
            uses a name the context lacks.
    """
    return prepare(find_template(name, "docx", user_dirs), reference_doc).render(context, properties).data


def render_docx_checked(
    name: str, context: Mapping[str, Any], *, properties: DocumentProperties, user_dirs: Sequence[Path] = (),
    reference_doc: Path | None = None,
) -> tuple[bytes, tuple[OutputFinding, ...]]:
    """
    Return a Word document as `render_docx` does (raising what it raises), with its accessibility
    findings, checked on its trees still in memory (the findings `check_docx` gives for the bytes).
    """
    document = prepare(find_template(name, "docx", user_dirs), reference_doc).render(context, properties)
    findings = check_tree(
        title=property_text(properties.title), language=property_text(properties.language),
        styles=document.styles, body=document.body, parts=document.others,
    )
    return document.data, findings


__all__ = ["CURRENT_PACKAGE", "DocumentProperties", "make_docx_environment", "prepare", "render_docx",
           "render_docx_checked"]
