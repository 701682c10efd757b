"""
The output check asks libxml2 first and walks elements in Python only where a rule could fail.
Its findings are those of the plain walk over every element kept here as the oracle, for
hand-made edge cases and generated bodies.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from equality_docs.output.accessibility import NS, SPACE, WP, W, _check_parts, _hex, contrast

_P, _VAL, _PPR = f"{{{W}}}p", f"{{{W}}}val", f"{{{W}}}pPr"
NAMES = {
    "Title": "Title", "Heading1": "heading 1", "Heading2": "heading 2", "Heading3": "heading 3",
    "Heading4": "heading 4", "Odd": "heading x", "Char": "heading 1 Char", "Normal": "Normal",
    "ListNumber": "List Number", "Grey": "Grey text",
}
COLOURS = {"Grey": "AAAAAA", "Heading1": "1F3864"}
STYLES = (NAMES, COLOURS, "en-GB")


def oracle(body: etree._Element, styles: tuple[dict[str, str], dict[str, str], str | None]) -> Iterator[tuple[str, str, str]]:
    """Every rule on the body, each element visited in Python (the check before it screened)."""
    names, colours, _ = styles
    previous_level = 0
    empties = 0
    for index, paragraph in enumerate(body.iterchildren(_P), start=1):
        properties = paragraph.find(_PPR)
        style = None if properties is None else properties.find(f"{{{W}}}pStyle")
        name = names.get(style.get(_VAL) or "", "") if style is not None else ""
        text = "".join(paragraph.itertext())
        words = name.split()
        if name.startswith("heading ") and len(words) > 1 and words[1].isdecimal():
            level = int(words[1])
            if level > previous_level + 1:
                yield "DX003", f"paragraph {index}", (
                    f"'{text[:60]}' is Heading {level} after Heading {previous_level}; use the next level down"
                )
            previous_level = level
        section = None if properties is None else properties.find(f"{{{W}}}sectPr")
        if text.strip() or section is not None or any(True for _ in paragraph.iter(f"{{{W}}}drawing", f"{{{W}}}br")):
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
            if fill and contrast("000000", fill) < 4.5:
                yield "DX008", f"table {number}", f"black text on fill #{fill} has contrast {contrast('000000', fill):.1f}:1"
    for picture in body.iter(f"{{{WP}}}docPr"):
        if not (picture.get("descr") or "").strip():
            yield "DX005", f"image {picture.get('name')}", "add alternative text: right-click > Edit Alt Text"
    used = {s.get(f"{{{W}}}val") or "" for s in body.iter(f"{{{W}}}pStyle")} | {
        s.get(f"{{{W}}}val") or "" for s in body.iter(f"{{{W}}}rStyle")
    }
    for sid in sorted(used & set(colours)):
        ratio = contrast(colours[sid], "FFFFFF")
        if ratio < 4.5:
            yield "DX008", f"style {names.get(sid, sid)}", f"text colour #{colours[sid]} on white has contrast {ratio:.1f}:1"


def _body(inner: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:wp="{WP}">{inner}</w:body>')


def _both(inner: str, styles: tuple[dict[str, str], dict[str, str], str | None] = STYLES) -> tuple[list, list]:
    body = _body(inner)
    checked = [f for f in _check_parts("", "", styles, body) if f[0] not in {"DX001", "DX002"}]
    return checked, list(oracle(body, styles))


def _p(text: str = "", style: str | None = None, extra: str = "", run: str = "") -> str:
    properties = f'<w:pPr>{f"<w:pStyle w:val={style!r}/>" if style else ""}{extra}</w:pPr>'
    return f"<w:p>{properties}<w:r>{run}<w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def test_space_is_every_character_strip_removes_that_xml_allows() -> None:
    """The characters the check treats as space are exactly Python's whitespace, less XML's forbidden ones."""
    def allowed(c: str) -> bool:
        return c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000

    expected = {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace() and allowed(chr(i))}
    assert expected == set(SPACE)
    assert SPACE[:4] == "\t\n\r "  # the rest is what normalize-space leaves


EDGES = {
    "no-break spaces only": _p("\xa0\u3000 ") + _p("text"),
    "a space then text": _p("\xa0x"),
    "tabs and line ends": _p("\t\n"),
    "a run of empties": _p() + _p(" ") + _p("\u2028") + _p("x") + _p(),
    "empties either side of a table": _p() + "<w:tbl><w:tr><w:tc>" + _p() + "</w:tc></w:tr></w:tbl>" + _p(),
    "a section end, a break, a drawing": _p(extra="<w:sectPr/>") + _p(run="<w:br/>") + _p(run="<w:drawing/>") + _p(),
    "a skipped heading among empties": _p("A", "Heading1") + _p() + _p("B", "Heading3") + _p() + _p(),
    "title then heading 2": _p("T", "Title") + _p("H", "Heading2"),
    "odd heading names": _p("x", "Odd") + _p("y", "Char") + _p("z", "Heading3"),
    "a style without a value": "<w:p><w:pPr><w:pStyle/></w:pPr></w:p>" + _p("Grey", "Grey"),
    "two property sets": "<w:p><w:pPr/><w:pPr><w:pStyle w:val='Heading3'/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>",
    "many empty paragraphs": _p() * 70 + _p("x") + _p() * 3,
    "many empty paragraphs and a skip": _p() * 70 + _p("H", "Heading4"),
    "tables of every kind": (
        "<w:tbl><w:tblPr><w:tblCaption w:val='c'/></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>"
        "<w:tc><w:tcPr><w:vMerge/><w:shd w:fill='000000'/></w:tcPr>" + _p() + "</w:tc>"
        "<w:tc><w:tcPr><w:gridSpan/><w:shd w:fill='auto'/></w:tcPr>" + _p("x") + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/><w:gridSpan w:val='1'/></w:tcPr>"
        "<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill='333333'/><w:shd w:fill='FFFFFF'/></w:tcPr>" + _p() + "</w:tc></w:tr></w:tbl>"
        + _p() + "</w:tc></w:tr></w:tbl><w:tbl><w:tblPr><w:tblDescription w:val='d'/></w:tblPr></w:tbl>"
        "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/><w:shd w:fill='FFFF00'/></w:tcPr></w:tc></w:tr></w:tbl>"
    ),
    "pictures and run styles": (
        "<w:p><w:r><w:rPr><w:rStyle w:val='Grey'/></w:rPr><w:drawing><wp:inline><wp:docPr id='1' name='a'/>"
        "</wp:inline></w:drawing></w:r></w:p><w:p><w:r><w:drawing><wp:inline><wp:docPr id='2' name='b' descr=' x '/>"
        "</wp:inline></w:drawing></w:r></w:p>"
    ),
    "light tables, nested, merged, titled or not": (
        _p() + "<w:tbl><w:tblPr><w:tblStyle w:val='T'/><w:tblCaption w:val='c'/></w:tblPr><w:tblGrid/>"
        "<w:tr><w:tblPrEx><w:tblW w:w='0'/></w:tblPrEx><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
        "<w:tc><w:tcPr><w:vMerge w:val='restart'/><w:shd w:fill='D9E2F3'/></w:tcPr>" + _p("H", "Heading1") + "</w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:tbl><w:tr/><w:tr><w:tc>" + _p() + "</w:tc></w:tr></w:tbl>"
        + _p() + "</w:tc><w:tc><w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr>"
        "<w:tbl/></w:tc></w:tr></w:tbl>" + _p("x") + "</w:tc></w:tr></w:tbl>" + _p() + _p()
        + "<w:tbl><w:tblPr><w:tblDescription w:val='d'/></w:tblPr><w:tr><w:bookmarkStart w:id='1' w:name='b'/>"
        "<w:tc><w:tcPr><w:vMerge w:val=''/><w:gridSpan w:val='1'/></w:tcPr>" + _p("H", "Heading2") + "</w:tc></w:tr></w:tbl>"
    ),
    "a table whose properties come last": "<w:tbl><w:tr><w:tc>" + _p("x") + "</w:tc></w:tr><w:tblPr><w:tblCaption w:val='c'/></w:tblPr></w:tbl>",
    "a table's properties changed": (
        "<w:tbl><w:tblPr><w:tblPrChange w:id='1' w:author='a'><w:tblPr><w:tblCaption w:val='c'/></w:tblPr>"
        "</w:tblPrChange></w:tblPr><w:tr><w:tc>" + _p("x") + "</w:tc></w:tr></w:tbl>"
    ),
}


def test_edge_cases_give_the_oracles_findings() -> None:
    """Spaces beyond ASCII, runs of empties, odd styles and every table rule: as the plain walk finds."""
    results = {name: _both(inner) for name, inner in EDGES.items()}

    assert {name: oracle_found for name, (_, oracle_found) in results.items()} == {
        name: checked for name, (checked, _) in results.items()
    }
    assert {"a space then text", "two property sets"} == {name for name, (found, _) in results.items() if not found}


def test_a_style_without_an_id_is_found_as_the_oracle_finds_it() -> None:
    """A coloured style whose id is empty is used by a style reference without a value."""
    styles = ({**NAMES, "": "heading 9"}, {**COLOURS, "": "BBBBBB"}, None)
    checked, expected = _both("<w:p><w:pPr><w:pStyle/></w:pPr></w:p>" + _p("x", "Heading1"), styles)

    assert expected == checked
    assert {"DX003", "DX006", "DX008"} <= {code for code, _, _ in checked}


TEXTS = st.sampled_from(["", " ", "\xa0", "\u3000x", "\t", "Text", "x\u2029", " a "])
PARAGRAPHS = st.builds(
    _p, TEXTS, st.sampled_from([None, "Title", "Heading1", "Heading2", "Heading3", "Heading4", "Normal", "Grey", "Odd"]),
    st.sampled_from(["", "<w:sectPr/>"]), st.sampled_from(["", "<w:br/>", "<w:drawing/>"]),
)
CELLS = st.builds(
    lambda merge, span, fill, inner: f"<w:tc><w:tcPr>{merge}{span}{fill}</w:tcPr>{inner}</w:tc>",
    st.sampled_from(["", "<w:vMerge/>", "<w:vMerge w:val='continue'/>", "<w:vMerge w:val='restart'/>"]),
    st.sampled_from(["", "<w:gridSpan w:val='1'/>", "<w:gridSpan w:val='2'/>"]),
    st.sampled_from(["", "<w:shd w:fill='FFFFFF'/>", "<w:shd w:fill='222222'/>", "<w:shd w:fill='auto'/>"]),
    st.lists(PARAGRAPHS, max_size=2).map("".join),
)
TABLES = st.builds(
    lambda caption, header, rows: (
        f"<w:tbl><w:tblPr>{caption}</w:tblPr>"
        + "".join(f"<w:tr>{header if i == 0 else ''}{row}</w:tr>" for i, row in enumerate(rows)) + "</w:tbl>"
    ),
    st.sampled_from(["", "<w:tblCaption w:val='c'/>"]),
    st.sampled_from(["", "<w:trPr><w:tblHeader/></w:trPr>"]),
    st.lists(st.lists(CELLS, max_size=3).map("".join), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(PARAGRAPHS, PARAGRAPHS, TABLES), max_size=12).map("".join))
def test_generated_bodies_give_the_oracles_findings(inner: str) -> None:
    """Any mix of headings, empty and spaced paragraphs, and tables: the findings of the plain walk."""
    checked, expected = _both(inner)

    assert expected == checked
