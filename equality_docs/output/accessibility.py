"""
`check-output`: an accessibility check of a generated Word document, modelled on the rules of
Word's Accessibility Checker. It runs on every render, and on any .docx given to it.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import cast

import attrs
from lxml import etree

from equality_docs.collector import paused_collector
from equality_docs.errors import InputError, Problem

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "wp": WP, "dc": "http://purl.org/dc/elements/1.1/"}
#: Documents are read without resolving entities or reaching the network.
_SAFE = etree.XMLParser(resolve_entities=False, no_network=True)


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


@functools.lru_cache(maxsize=8)
def _read_styles(data: bytes) -> tuple[dict[str, str], dict[str, str], str | None]:
    # Documents from one template share their styles, so a batch reads them once.
    if not data:
        return {}, {}, None
    root = etree.fromstring(data, _SAFE)
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
    return "".join(cast("Iterator[str]", element.itertext()))  # text, as the document is parsed


def _strings(query: etree.XPath, element: etree._Element) -> list[str]:
    return cast("list[str]", query(element))  # queries of attributes, without smart strings


def _elements(query: etree.XPath, element: etree._Element) -> list[etree._Element]:
    return cast("list[etree._Element]", query(element))


#: The characters Python's `str.strip` removes that XML allows, ASCII first (a test derives them
#: again).
SPACE = (
    "\t\n\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000"
)
#: Paragraphs of the body with no text but spaces: those that may be empty. Translating
#: characters beyond ASCII is slow in libxml2, so the first character that is not an ASCII space
#: rules out most paragraphs before the whole text is translated.
_BLANK = etree.XPath(
    f"w:p[translate(substring(normalize-space(.), 1, 1), '{SPACE[4:]}', '') = ''"
    f" and translate(string(.), '{SPACE}', '') = '']",
    namespaces=NS,
)
#: The number of paragraphs before one, among the body's.
_BEFORE = etree.XPath("count(preceding-sibling::w:p)", namespaces=NS)
#: Each paragraph's style, as the check reads it: the first style of its first properties.
_STYLE_IDS = etree.XPath("w:p/w:pPr[1]/w:pStyle[1]/@w:val", namespaces=NS, smart_strings=False)
_VMERGE, _GRIDSPAN, _SHD, _TCPR, _TC = (f"{{{W}}}{name}" for name in ("vMerge", "gridSpan", "shd", "tcPr", "tc"))
_RSTYLE_TAG, _FILL, _TBL, _DOCPR = f"{{{W}}}rStyle", f"{{{W}}}fill", f"{{{W}}}tbl", f"{{{WP}}}docPr"


# A table's or body's descendants of a few tags are found by lxml's walk of the tree (in C);
# a path starting `.//` had libxml2 gather every node below first (a third of a second in a
# table of 10,000 rows).

def _merged(table: etree._Element) -> bool:
    """Whether a table merges cells: a cell continuing a vertical merge, or spanning columns."""
    for element in table.iter(_VMERGE, _GRIDSPAN):
        value = element.get(_VAL)
        if element.tag == _VMERGE and value in (None, "continue"):
            return True
        if element.tag == _GRIDSPAN and value is not None and value != "1":
            return True
    return False


def _fills(table: etree._Element) -> set[str]:
    """The fills of a table's cells' shading."""
    fills = set()
    for shading in table.iter(_SHD):
        properties = shading.getparent()
        cell = None if properties is None else properties.getparent()
        fill = shading.get(_FILL)
        if fill is not None and properties is not None and properties.tag == _TCPR and cell is not None and cell.tag == _TC:
            fills.add(fill)
    return fills


def _gather(body: etree._Element) -> tuple[list[etree._Element], bool, list[etree._Element], set[str]]:
    """A body's tables, whether any shading's fill is too dark for black text, its pictures, and the ids
    of the paragraph and character styles it uses: one walk of the tree."""
    tables, pictures, used, dark = [], [], set(), False
    for element in body.iter(_TBL, _SHD, _DOCPR, _PSTYLE_TAG, _RSTYLE_TAG):
        if element.tag == _TBL:
            tables.append(element)
        elif element.tag == _DOCPR:
            pictures.append(element)
        elif element.tag == _SHD:
            dark = dark or _low_contrast_fill(element.get(_FILL))
        elif (value := element.get(_VAL)) is not None:
            used.add(value)
    return tables, dark, pictures, used


#: A long body of blank paragraphs is checked one paragraph at a time.
_MANY_BLANK = 64


@functools.lru_cache(maxsize=1024)
def _level(name: str) -> int | None:
    """Return the level of a heading style's name ("heading 2"), None for any other style."""
    words = name.split()
    if name.startswith("heading ") and len(words) > 1 and words[1].isdecimal():
        return int(words[1])
    return None


@functools.lru_cache(maxsize=256)
def _low_contrast_fill(fill: str | None) -> bool:
    hexed = _hex(fill)
    return hexed is not None and contrast("000000", hexed) < 4.5  # WCAG AA for text


def _check_parts(
    title: str,
    core_lang: str,
    styles: tuple[dict[str, str], dict[str, str], str | None],
    body: etree._Element | None,
) -> Iterator[tuple[str, str, str]]:
    """
    The findings, in order. Most documents pass most rules, so each rule first asks libxml2
    whether anything could break it (XPath, in C), and walks the elements one by one in Python
    only where something could.
    """
    names, colours, lang = styles
    yield from _property_findings(title, core_lang, lang)
    if body is None:
        yield "DX001", "document", "the document has no body"
        return
    yield from _paragraphs(body, names)
    tables, dark, pictures, used = _gather(body)
    for number, table in enumerate(tables, start=1):
        first = table.find("w:tr", NS)
        if first is not None and first.find("w:trPr/w:tblHeader", NS) is None:
            yield "DX004", f"table {number}", "mark the first row: Table Properties > Row > Repeat as header row"
        if table.find("w:tblPr/w:tblCaption", NS) is None and table.find("w:tblPr/w:tblDescription", NS) is None:
            yield "DX009", f"table {number}", "give it a title: Table Properties > Alt Text"
        if _merged(table):
            yield "DX007", f"table {number}", "check that a screen reader reads the merged cells in order"
        if not dark or not any(_low_contrast_fill(fill) for fill in _fills(table)):
            continue  # no cell's shading could be too dark
        for cell in table.iter(f"{{{W}}}tc"):
            shading = cell.find("w:tcPr/w:shd", NS)
            fill = _hex(shading.get(f"{{{W}}}fill")) if shading is not None else None
            if fill and _low_contrast_fill(fill):
                yield "DX008", f"table {number}", f"black text on fill #{fill} has contrast {contrast('000000', fill):.1f}:1"
    for picture in pictures:
        if not (picture.get("descr") or "").strip():
            yield "DX005", f"image {picture.get('name')}", "add alternative text: right-click > Edit Alt Text"
    if "" in colours:  # a coloured style without an id: a style reference without one may be it
        used.add("")
    yield from _style_findings(used, names, colours)


def _property_findings(title: str, core_lang: str, lang: str | None) -> Iterator[tuple[str, str, str]]:
    """The findings of the document's properties: a title, a language (its own or its styles')."""
    if not title.strip():
        yield "DX001", "document properties", "set a title: File > Info > Properties > Title"
    if not lang and not core_lang:
        yield "DX002", "document properties", "set the language: Review > Language > Set Proofing Language"


def _skips(headings: list[int]) -> bool:
    """Whether heading levels, in order, skip a level."""
    return any(level > before + 1 for before, level in zip([0, *headings], headings, strict=False))


def _empty_runs(indices: Iterable[int]) -> Iterator[tuple[str, str, str]]:
    """The findings of empty paragraphs, by their numbers in order: one for each run of them."""
    empty_before = -1
    for index in indices:
        if index != empty_before + 1:  # the first of a run of empty paragraphs
            yield "DX006", f"paragraph {index}", "remove the empty paragraph; use paragraph spacing instead"
        empty_before = index


def _style_findings(used: set[str], names: dict[str, str], colours: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """The findings of the styles a body uses: text colours too light on white."""
    for sid in sorted(used & set(colours)):
        ratio = contrast(colours[sid], "FFFFFF")
        if ratio < 4.5:  # WCAG AA for text
            yield "DX008", f"style {names.get(sid, sid)}", f"text colour #{colours[sid]} on white has contrast {ratio:.1f}:1"


def _paragraphs(body: etree._Element, names: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """The findings of the body's paragraphs: headings that skip a level, empty paragraphs."""
    levels = [_level(names.get(sid, "")) for sid in _strings(_STYLE_IDS, body)]
    headings = [level for level in levels if level is not None]
    blank = _elements(_BLANK, body)
    if _skips(headings) or len(blank) > _MANY_BLANK or "" in names:
        yield from _each_paragraph(body, names)  # the messages need each paragraph's text
        return
    yield from _empty_runs(int(cast("float", _BEFORE(paragraph))) + 1 for paragraph in blank if _empty(paragraph))


def _empty(paragraph: etree._Element) -> bool:
    """Whether a paragraph holds nothing: no text but spaces, no section end, picture or break."""
    properties = paragraph.find(_PPR)
    section = None if properties is None else properties.find(_SECTPR_TAG)
    return not (_text(paragraph).strip() or section is not None or any(True for _ in paragraph.iter(_DRAWING, _BR)))


def _each_paragraph(body: etree._Element, names: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """`_paragraphs`, walking every paragraph in Python."""
    previous_level = 0
    empties = 0
    for index, paragraph in enumerate(body.iterchildren(_P), start=1):
        properties = paragraph.find(_PPR)  # two finds: a path would be evaluated in Python
        style = None if properties is None else properties.find(_PSTYLE_TAG)
        name = names.get(style.get(_VAL) or "", "") if style is not None else ""
        level = _level(name)
        if level is not None:
            if level > previous_level + 1:
                yield "DX003", f"paragraph {index}", (
                    f"'{_text(paragraph)[:60]}' is Heading {level} after Heading {previous_level}; "
                    "use the next level down"
                )
            previous_level = level
        if not _empty(paragraph):
            empties = 0
            continue
        empties += 1
        if empties == 1:
            yield "DX006", f"paragraph {index}", "remove the empty paragraph; use paragraph spacing instead"


_SEVERITIES = {rule.code: rule.severity for rule in OUTPUT_RULES}


def _findings(found: Iterator[tuple[str, str, str]]) -> tuple[OutputFinding, ...]:
    return tuple(
        OutputFinding(code=code, severity=_SEVERITIES[code], where=where, message=message)
        for code, where, message in found
    )


@paused_collector()  # its many elements hold no cycles
def check_tree(
    *, title: str, language: str, styles: bytes, body: etree._Element | None,
    parts: Iterable[tuple[str, etree._Element]] = (),
) -> tuple[OutputFinding, ...]:
    """
    Return the accessibility findings of a document from its parsed parts: the title and
    language of its core properties, its styles part's bytes, its body element, and its other
    parts (headers and footers, by name), where an image needs alternative text too.
    """
    found = list(_check_parts(title, language, _read_styles(styles), body))
    for name, root in parts:
        for picture in root.iter(f"{{{WP}}}docPr"):
            if not (picture.get("descr") or "").strip():
                found.append(("DX005", f"image {picture.get('name')} in {name}", "add alternative text: right-click > Edit Alt Text"))
    return _findings(iter(found))


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_PART_TYPES = ("/header", "/footer", "/footnotes")


def check_docx(data: bytes, *, file: str | None = None) -> tuple[OutputFinding, ...]:
    """
    Return the accessibility findings for a .docx given as bytes.

    Raises:
        InputError: the bytes are not a Word document (not a zip, no document part, or XML
            that is not well-formed).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            core = etree.fromstring(package.read("docProps/core.xml"), _SAFE) if "docProps/core.xml" in names else None
            document = etree.fromstring(package.read("word/document.xml"), _SAFE)
            styles = package.read("word/styles.xml") if "word/styles.xml" in names else b""
            rels = "word/_rels/document.xml.rels"
            targets = [
                "word/" + rel.get("Target", "").removeprefix("/word/")
                for rel in (etree.fromstring(package.read(rels), _SAFE).iter(_RELS) if rels in names else ())
                if rel.get("Type", "").endswith(_PART_TYPES) and rel.get("TargetMode") != "External"
            ]
            parts = [(name, etree.fromstring(package.read(name), _SAFE)) for name in targets if name in names]
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, EOFError, NotImplementedError) as exc:
        problem = Problem(path="", line=None, message=f"not a Word document: {exc}")
        raise InputError(file, (problem,)) from None
    title = core.findtext("dc:title", default="", namespaces=NS) if core is not None else ""
    core_lang = core.findtext("dc:language", default="", namespaces=NS) if core is not None else ""
    return check_tree(title=title, language=core_lang, styles=styles, body=document.find("w:body", NS), parts=parts)


def format_findings(file: str, findings: tuple[OutputFinding, ...]) -> str:
    """Return findings as text lines: `file: where: severity CODE message`."""
    return "".join(f"{file}: {f.where}: {f.severity} {f.code} {f.message}\n" for f in findings)
