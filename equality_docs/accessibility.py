"""
`check-output`: an accessibility check of a generated Word document, modelled on the rules of
Word's Accessibility Checker. It runs on every render, and on any .docx given to it.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterator

import attrs
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "wp": WP, "dc": "http://purl.org/dc/elements/1.1/"}


@attrs.frozen(kw_only=True)
class OutputFinding:
    """An accessibility problem in a document: rule code, severity, where, and how to fix it."""

    code: str
    severity: str
    where: str
    message: str


@attrs.frozen(kw_only=True)
class OutputRule:
    """A rule of the output check, and the Word Accessibility Checker rule it follows."""

    code: str
    severity: str
    title: str
    word_rule: str


OUTPUT_RULES = (
    OutputRule(code="DX001", severity="error", title="document has no title", word_rule="Document title missing"),
    OutputRule(code="DX002", severity="error", title="document has no language", word_rule="Language not set"),
    OutputRule(code="DX003", severity="warning", title="heading levels skip a level", word_rule="Skipped heading level"),
    OutputRule(code="DX004", severity="error", title="table has no header row", word_rule="No header row specified"),
    OutputRule(code="DX005", severity="error", title="image has no alternative text", word_rule="Missing alternative text"),
    OutputRule(code="DX006", severity="warning", title="empty paragraphs used for spacing", word_rule="Repeated blank characters"),
    OutputRule(code="DX007", severity="info", title="table has merged cells", word_rule="Merged cells"),
    OutputRule(code="DX008", severity="error", title="text contrast below 4.5:1", word_rule="Hard-to-read text contrast"),
    OutputRule(code="DX009", severity="warning", title="table has no title", word_rule="Missing alternative text (table)"),
)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]  # WCAG's constants
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """Return the WCAG contrast ratio of two hex RGB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _hex(value: str | None) -> str | None:
    if value and len(value) == 6 and all(c in "0123456789abcdefABCDEF" for c in value):  # RRGGBB
        return value.upper()
    return None


def _styles(package: zipfile.ZipFile) -> tuple[dict[str, str], dict[str, str], str | None]:
    """Return style id -> name, style id -> text colour, and the default language."""
    return _read_styles(package.read("word/styles.xml"))


@functools.lru_cache(maxsize=8)
def _read_styles(data: bytes) -> tuple[dict[str, str], dict[str, str], str | None]:
    # Documents from one template share their styles, so a batch reads them once.
    root = etree.fromstring(data)
    names: dict[str, str] = {}
    colours: dict[str, str] = {}
    for style in root.iterfind("w:style", NS):
        sid = style.get(f"{{{W}}}styleId") or ""
        name = style.find("w:name", NS)
        names[sid] = (name.get(f"{{{W}}}val") if name is not None else None) or sid
        colour = style.find("w:rPr/w:color", NS)
        value = _hex(colour.get(f"{{{W}}}val")) if colour is not None else None
        if value:
            colours[sid] = value
    lang = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    return names, colours, lang.get(f"{{{W}}}val") if lang is not None else None


_P, _VAL, _DRAWING, _BR = f"{{{W}}}p", f"{{{W}}}val", f"{{{W}}}drawing", f"{{{W}}}br"
_PPR, _PSTYLE_TAG, _SECTPR_TAG = f"{{{W}}}pPr", f"{{{W}}}pStyle", f"{{{W}}}sectPr"


def _text(element: etree._Element) -> str:
    return "".join(str(t) for t in element.itertext())


def _check(package: zipfile.ZipFile) -> Iterator[tuple[str, str, str]]:
    core = etree.fromstring(package.read("docProps/core.xml")) if "docProps/core.xml" in package.namelist() else None
    body = etree.fromstring(package.read("word/document.xml")).find("w:body", NS)
    yield from _check_parts(core, _styles(package), body)


def _check_parts(
    core: etree._Element | None,
    styles: tuple[dict[str, str], dict[str, str], str | None],
    body: etree._Element | None,
) -> Iterator[tuple[str, str, str]]:
    title = core.findtext("dc:title", default="", namespaces=NS) if core is not None else ""
    if not title.strip():
        yield "DX001", "document properties", "set a title: File > Info > Properties > Title"
    names, colours, lang = styles
    core_lang = core.findtext("dc:language", default="", namespaces=NS) if core is not None else ""
    if not lang and not core_lang:
        yield "DX002", "document properties", "set the language: Review > Language > Set Proofing Language"
    if body is None:
        yield "DX001", "document", "the document has no body"
        return
    previous_level = 0
    empties = 0
    for index, paragraph in enumerate(body.iterchildren(_P), start=1):
        properties = paragraph.find(_PPR)  # two finds: a path would be evaluated in Python
        style = None if properties is None else properties.find(_PSTYLE_TAG)
        name = names.get(style.get(_VAL) or "", "") if style is not None else ""
        text = _text(paragraph)
        if name.startswith("heading "):
            level = int(name.split()[1])
            if level > previous_level + 1:
                yield "DX003", f"paragraph {index}", (
                    f"'{text[:60]}' is Heading {level} after Heading {previous_level}; "
                    "use the next level down"
                )
            previous_level = level
        section = None if properties is None else properties.find(_SECTPR_TAG)
        if text.strip() or section is not None or any(
            True for _ in paragraph.iter(_DRAWING, _BR)
        ):
            empties = 0
            continue
        empties += 1
        if empties == 1:
            yield "DX006", f"paragraph {index}", "remove the empty paragraph; use paragraph spacing instead"
    for number, table in enumerate(body.iter(f"{{{W}}}tbl"), start=1):
        rows = table.findall("w:tr", NS)
        if rows and rows[0].find("w:trPr/w:tblHeader", NS) is None:
            yield "DX004", f"table {number}", "mark the first row: Table Properties > Row > Repeat as header row"
        if table.find("w:tblPr/w:tblCaption", NS) is None and table.find("w:tblPr/w:tblDescription", NS) is None:
            yield "DX009", f"table {number}", "give it a title: Table Properties > Alt Text"
        merged = [v for v in table.iter(f"{{{W}}}vMerge") if v.get(f"{{{W}}}val", "continue") == "continue"]
        spans = [g for g in table.iter(f"{{{W}}}gridSpan") if g.get(f"{{{W}}}val", "1") != "1"]
        if merged or spans:
            yield "DX007", f"table {number}", "check that a screen reader reads the merged cells in order"
        for cell in table.iter(f"{{{W}}}tc"):
            shading = cell.find("w:tcPr/w:shd", NS)
            fill = _hex(shading.get(f"{{{W}}}fill")) if shading is not None else None
            if fill and contrast("000000", fill) < 4.5:  # WCAG AA for text
                yield "DX008", f"table {number}", f"black text on fill #{fill} has contrast {contrast('000000', fill):.1f}:1"
    for picture in body.iter(f"{{{WP}}}docPr"):
        if not (picture.get("descr") or "").strip():
            yield "DX005", f"image {picture.get('name')}", "add alternative text: right-click > Edit Alt Text"
    used = {s.get(f"{{{W}}}val") or "" for s in body.iter(f"{{{W}}}pStyle")} | {
        s.get(f"{{{W}}}val") or "" for s in body.iter(f"{{{W}}}rStyle")
    }
    for sid in sorted(used & set(colours)):
        ratio = contrast(colours[sid], "FFFFFF")
        if ratio < 4.5:  # WCAG AA for text
            yield "DX008", f"style {names.get(sid, sid)}", f"text colour #{colours[sid]} on white has contrast {ratio:.1f}:1"


_SEVERITIES = {rule.code: rule.severity for rule in OUTPUT_RULES}


def _findings(found: Iterator[tuple[str, str, str]]) -> tuple[OutputFinding, ...]:
    return tuple(
        OutputFinding(code=code, severity=_SEVERITIES[code], where=where, message=message)
        for code, where, message in found
    )


def check_docx(data: bytes) -> tuple[OutputFinding, ...]:
    """Return the accessibility findings for a .docx given as bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return _findings(_check(package))


def check_document(core: etree._Element, styles: bytes, body: etree._Element) -> tuple[OutputFinding, ...]:
    """
    Return the findings `check_docx` gives for a document, from its parts still in memory: its
    core properties element, its styles part's bytes and its body element (as a renderer has
    them, saving a reread of the package).
    """
    return _findings(_check_parts(core, _read_styles(styles), body))


def format_findings(file: str, findings: tuple[OutputFinding, ...]) -> str:
    """Return findings as text lines: `file: where: severity CODE message`."""
    return "".join(f"{file}: {f.where}: {f.severity} {f.code} {f.message}\n" for f in findings)
