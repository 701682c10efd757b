"""
The passes over a rendered body's tables: a prepared template fixes tables as docxtpl does,
for any table; merging follows the rows; a grid is refitted only when it can be. The passes
as first written, a walk over every cell, are kept below as the oracle for the quicker ones and
for what the prepared path reads from the rendered text.
"""

from __future__ import annotations

from typing import Any

import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from equality_docs.renderers import docx as word
from equality_docs.renderers.docx import (
    _TCPR_ORDER,
    _W_P,
    _W_R,
    _W_T,
    _W_TBL,
    _W_TBLHEADER,
    _W_TC,
    _W_TCPR,
    _W_TR,
    _W_TRPR,
    _W_VAL,
    _W_VMERGE,
    _grandchild,
)
from equality_docs.renderers import prepared
from equality_docs.renderers.prepared import _BodyText, _fix_tables

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _body(inner: str) -> Any:
    return etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">{inner}</w:body>'
    )


PROPERTY = st.sampled_from([
    "<w:tcW w:w='1000' w:type='dxa'/>", "<w:tcW w:w='3000' w:type='dxa'/>", "<w:shd w:fill='EEEEEE'/>",
    "<w:vMerge/>", "<w:vMerge w:val='restart'/>", "<w:gridSpan w:val='2'/>", "<w:vAlign w:val='top'/>",
    "<w14:cnfStyle/>", "<!-- a note -->", "<w:noWrap/>", "<w:gridSpan w:val='0'/>",  # Word writes no 0; docxtpl counts it
])
TEXT = st.sampled_from(["", "A", "B", "A"])
PARAGRAPH = TEXT.map(lambda t: f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" if t else "<w:p/>")


def _cell(properties: list[str], content: str) -> str:
    return f"<w:tc><w:tcPr>{''.join(properties)}</w:tcPr>{content}</w:tc>" if properties else f"<w:tc>{content}</w:tc>"


NESTED = st.builds(
    lambda rows: "<w:tbl><w:tblGrid><w:gridCol w:w='500'/></w:tblGrid>"
    + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>",
    st.lists(st.lists(st.builds(_cell, st.lists(PROPERTY, max_size=2), PARAGRAPH), max_size=2).map("".join), max_size=2),
)
CELL = st.builds(
    _cell, st.lists(PROPERTY, max_size=4),
    st.one_of(st.just(""), PARAGRAPH, st.lists(PARAGRAPH, min_size=2, max_size=2).map("".join), NESTED),
)
ROW = st.builds(
    lambda header, cells: f"<w:tr>{header}{''.join(cells)}</w:tr>",
    st.sampled_from(["", "", "<w:trPr><w:tblHeader/></w:trPr>", "<w:trPr><w:cantSplit/></w:trPr>"]),
    st.lists(CELL, max_size=4),
)
TABLE = st.builds(
    lambda columns, rows: "<w:tbl><w:tblGrid>" + "".join(f"<w:gridCol w:w='{w}'/>" for w in columns)
    + "</w:tblGrid>" + "".join(rows) + "</w:tbl>",
    st.lists(st.sampled_from([1000, 2000, 2500]), min_size=1, max_size=4),
    st.lists(ROW, max_size=6),
)
BODY = st.lists(st.one_of(TABLE, PARAGRAPH), max_size=3).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(TABLE, min_size=1, max_size=2).map("".join))
def test_generated_tables_are_fixed_as_docxtpl_fixes_them(inner: str) -> None:
    """The table fixing of a prepared template is docxtpl's own, for tables that fit and that do not."""
    xml = (
        f'<w:document xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        f"<w:body>{inner}</w:body></w:document>"
    )
    theirs = DocxTemplate.fix_tables(None, xml)
    ours = etree.fromstring(xml)
    _fix_tables(ours[0])

    assert etree.tostring(theirs) == etree.tostring(ours)


def test_merging_starts_again_after_a_header_and_a_row_without_marks() -> None:
    """A header row, or a row with no marks, between equal cells ends the merge; a cell left of it must continue."""
    def row(*cells: tuple[bool, str], header: bool = False) -> str:
        head = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        return f"<w:tr>{head}" + "".join(
            _cell(["<w:vMerge/>"] if marked else [], f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>") for marked, text in cells
        ) + "</w:tr>"

    inner = "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + "".join([
        row((True, "A"), (True, "x")), row((True, "A"), (True, "x")), row((True, "B"), (True, "x")),
        row((True, "B"), (True, "x"), header=True), row((True, "B"), (True, "x")),
        row((False, "B"), (False, "x")), row((True, "B"), (True, "x")), row((True, "B"), (True, "x")),
    ]) + "</w:tbl>"
    body = _body(inner)
    word._merge_equal_cells(body)  # noqa: SLF001

    values = [[m.get(_W_VAL) for m in r.iter(_W_VMERGE)] for r in body.iter(_W_TR)]
    assert values == [
        ["restart", "restart"], ["continue", "continue"], ["restart", "restart"], [None, None],
        ["restart", "restart"], [], ["restart", "restart"], ["continue", "continue"],
    ]


def test_a_continued_cell_loses_its_runs_and_keeps_the_rest() -> None:
    """The runs of a continued cell go; its paragraph, properties and bookmarks stay, in order."""
    cell = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:pPr><w:jc w:val='left'/></w:pPr>{}</w:p></w:tc>"
    runs = "<w:r><w:t>A</w:t></w:r><w:bookmarkStart w:id='1'/><w:r><w:t>B</w:t></w:r>"
    marked = runs + "<w:bookmarkEnd w:id='1'/>"
    inner = (
        "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
        f"<w:tr>{cell.format(runs)}</w:tr><w:tr>{cell.format(marked)}</w:tr><w:tr>{cell.format(runs)}</w:tr></w:tbl>"
    )
    body = _body(inner)
    word._merge_equal_cells(body)  # noqa: SLF001

    second, third = [r.find(f"{_W_TC}/{_W_P}") for r in list(body.iter(_W_TR))[1:]]
    assert [etree.QName(c).localname for c in second] == ["pPr", "bookmarkStart", "bookmarkEnd"]
    assert [etree.QName(c).localname for c in third] == ["pPr", "bookmarkStart"]


def test_a_table_holding_a_table_is_fixed_with_its_rows() -> None:
    """docxtpl counts a nested table's rows with the outer table's: such a table is never taken as fitting."""
    nested = (
        "<w:tbl><w:tblGrid><w:gridCol w:w='500'/></w:tblGrid>"
        "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
    )
    inner = f"<w:tbl><w:tblGrid><w:gridCol w:w='2000'/></w:tblGrid><w:tr><w:tc>{nested}<w:p/></w:tc></w:tr></w:tbl>"
    xml = f'<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>'
    theirs = DocxTemplate.fix_tables(None, xml)
    ours = etree.fromstring(xml)

    _fix_tables(ours[0])

    assert etree.tostring(theirs) == etree.tostring(ours)
    assert len(ours[0][0].find(qn("w:tblGrid"))) == 3  # widened for the nested row's three cells


def test_rows_in_a_content_control_are_counted_with_the_table() -> None:
    """A row inside a content control counts for docxtpl's fixing: such a table is never taken as fitting."""
    row = "<w:tr>" + "<w:tc><w:p/></w:tc>" * 2 + "</w:tr>"
    inner = (
        "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr>"
        f"<w:sdt><w:sdtContent>{row}</w:sdtContent></w:sdt></w:tbl>"
    )
    xml = f'<w:document xmlns:w="{W}"><w:body>{inner}</w:body></w:document>'
    theirs = DocxTemplate.fix_tables(None, xml)
    ours = etree.fromstring(xml)

    _fix_tables(ours[0])

    assert etree.tostring(theirs) == etree.tostring(ours)
    assert len(ours[0][0].find(qn("w:tblGrid"))) == 2


def test_a_grid_whose_rows_have_no_cells_is_left_as_it_is() -> None:
    """Repeated columns over nothing leave rows without cells: the grid stays (it used to divide by zero)."""
    inner = "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid><w:tr></w:tr><w:tr/></w:tbl>"
    body = _body(inner)

    word._fit_grids(body)  # noqa: SLF001

    assert etree.tostring(_body(inner)) == etree.tostring(body)


# The passes as first written: every table and cell walked in Python.

def _reference_fit_grids(body: Any) -> None:
    """
    Make each table's grid match its cells after columns were repeated (`{%tc for %}`).

    The grid is rebuilt from the widest row's cell widths, scaled down to the table's
    original width if the repeated columns made it wider.
    """
    for grid in body.iter(qn("w:tbl")):
        columns = grid.find(qn("w:tblGrid"))
        if columns is None:
            continue
        gridcols = columns.findall(qn("w:gridCol"))
        widest = max(grid.iterchildren(qn("w:tr")), key=lambda r: len(r.findall(qn("w:tc"))), default=None)
        if widest is None:
            continue
        cells = widest.findall(qn("w:tc"))
        if len(cells) == len(gridcols) or any(c.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}") is not None for c in cells):
            continue
        widths = []
        for cell in cells:
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            widths.append(int(width.get(qn("w:w"))) if width is not None else 0)
        if not widths or not all(widths):  # no cells at all, or one without a width
            continue
        limit = sum(int(c.get(qn("w:w"), "0")) for c in gridcols)
        scale = min(1.0, limit / sum(widths)) if limit else 1.0
        for column in gridcols:
            columns.remove(column)
        for width in widths:
            columns.append(OxmlElement("w:gridCol", {qn("w:w"): str(int(width * scale))}))
        if scale < 1.0:
            for row in grid.iterchildren(qn("w:tr")):
                for cell in row.findall(qn("w:tc")):
                    tcw = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
                    if tcw is not None:
                        tcw.set(qn("w:w"), str(int(int(tcw.get(qn("w:w"))) * scale)))


def _reference_order_cell_properties(body: Any) -> None:
    """Put cell properties in the schema's order (docxtpl's cellbg writes shading first)."""
    rank = {tag: index for index, tag in enumerate(_TCPR_ORDER)}
    last = len(rank)
    for tcpr in body.iter(_W_TCPR):
        if len(tcpr) < 2:  # one property is always in order
            continue
        children = list(tcpr)
        ordered = sorted(children, key=lambda c: rank.get(c.tag, last))
        if ordered != children:
            for child in children:
                tcpr.remove(child)
            tcpr.extend(ordered)


def _reference_cell_text(cell: Any) -> str:
    return "".join(cell.itertext(_W_T, with_tail=False))


def _reference_merge_equal_cells(body: Any) -> None:
    """
    Merge runs of equal cells down the columns a template marks with a vertical merge.

    A marked cell continues the one above when their text is equal and, if a marked column to
    its left exists, that column continues too: groups nest, as in an objectives plan where
    an aim is merged only within its duty-aim group. A continued cell's text is removed, since
    the merged cell above shows it.
    """
    for grid in body.iter(_W_TBL):
        if next(grid.iter(_W_VMERGE), None) is None:
            continue  # nothing marked: nothing to merge
        above: dict[int, str] | None = None  # the marked cells of the row above: column -> text
        for row in grid.iterchildren(_W_TR):
            if _grandchild(row, _W_TRPR, _W_TBLHEADER) is not None:
                above = None
                continue
            marked: dict[int, str] = {}
            left_continues = True  # whether the marked cell to the left continued
            # The row's own marks, not those of a table nested in a cell (one pass in C).
            merges = [v for v in row.iter(_W_VMERGE) if v.getparent().getparent().getparent() is row]
            cells = row.findall(_W_TC) if merges else []
            for merge in merges:
                cell = merge.getparent().getparent()
                if merge.getparent().tag != _W_TCPR or cell.tag != _W_TC:
                    continue  # not a cell's merge mark
                column = cells.index(cell)
                text = _reference_cell_text(cell)
                continues = above is not None and above.get(column) == text and left_continues
                merge.set(_W_VAL, "continue" if continues else "restart")
                if continues:
                    for paragraph in cell.findall(_W_P):
                        for run in paragraph.findall(_W_R):
                            paragraph.remove(run)
                left_continues = continues
                marked[column] = text
            above = marked


def _reference_finish_tables(body: Any) -> None:
    _reference_fit_grids(body)
    _reference_order_cell_properties(body)
    _reference_merge_equal_cells(body)
    word._fill_empty_cells(body)  # noqa: SLF001  # unchanged since first written


RUN = TEXT.map(lambda t: f"<w:r><w:t>{t}</w:t></w:r>")
# Paragraphs whose runs are not all at their end, and bare cells as a loop over nothing leaves them.
MIXED_PARAGRAPH = st.builds(
    lambda runs, mark: f"<w:p><w:pPr><w:jc w:val='left'/></w:pPr>{''.join(runs)}{mark}</w:p>",
    st.lists(RUN, max_size=2), st.sampled_from(["", "<w:bookmarkEnd w:id='1'/>"]),
)
CONTENT = st.one_of(
    st.just(""), PARAGRAPH, MIXED_PARAGRAPH, st.lists(PARAGRAPH, min_size=2, max_size=2).map("".join), NESTED,
    st.just("<w:bookmarkStart w:id='2'/>"),
)
def _rank(xml: str) -> int:
    tag = etree.fromstring(f'<x xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">{xml}</x>')[0].tag
    return _TCPR_ORDER.index(tag) if tag in _TCPR_ORDER else len(_TCPR_ORDER)


TEXT_PROPERTY = PROPERTY.filter(lambda p: "<!--" not in p) | st.sampled_from([
    "<w:tcBorders><w:top w:val='single'/></w:tcBorders>", "<w:hideMark/>", "<w:cnfStyle w:val='1'/>",
])
TEXT_CELL = st.one_of(
    *[st.builds(_cell, st.lists(TEXT_PROPERTY, max_size=4), CONTENT)] * 3,
    st.builds(_cell, st.lists(TEXT_PROPERTY, max_size=4).map(lambda p: sorted(p, key=_rank)), CONTENT),
    st.sampled_from(["<w:tc/>", "<w:tc></w:tc>", "<w:tc><w:tcPr/></w:tc>", "<w:tc><w:p/><w:tcPr><w:tcW w:w='5'/></w:tcPr></w:tc>"]),
)
TEXT_ROW = st.builds(
    lambda header, cells: f"<w:tr>{header}{''.join(cells)}</w:tr>",
    st.sampled_from(["", "", "<w:trPr><w:tblHeader/></w:trPr>"]), st.lists(TEXT_CELL, max_size=4),
)
TEXT_TABLE = st.builds(
    lambda columns, rows: "<w:tbl><w:tblGrid>" + "".join(f"<w:gridCol w:w='{w}'/>" for w in columns)
    + "</w:tblGrid>" + "".join(rows) + "</w:tbl>",
    st.lists(st.sampled_from([1000, 2000]), min_size=1, max_size=4), st.lists(TEXT_ROW, max_size=6),
)
TEXT_BODY = st.lists(st.one_of(TEXT_TABLE, PARAGRAPH), min_size=1, max_size=3).map("".join)
# Tables as the built-in templates make them: cells with properties, some left bare.
BARE_CELL = st.builds(
    _cell, st.lists(TEXT_PROPERTY, min_size=1, max_size=3).map(lambda p: sorted(p, key=_rank)),
    st.one_of(st.just(""), PARAGRAPH, MIXED_PARAGRAPH),
)
BARE_BODY = st.lists(st.builds(
    lambda rows: "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/><w:gridCol w:w='1000'/></w:tblGrid>"
    + "".join(f"<w:tr>{''.join(r)}</w:tr>" for r in rows) + "</w:tbl><w:p/>",
    st.lists(st.lists(BARE_CELL, min_size=2, max_size=2), max_size=5),
), min_size=1, max_size=2).map("".join)


def _serialised(body: Any) -> bytes:
    return etree.tostring(body)


@settings(max_examples=400, deadline=None)
@given(st.one_of(BODY, TEXT_BODY, BARE_BODY))
def test_the_quicker_passes_do_what_the_first_ones_did(inner: str) -> None:
    """Merging, grid fitting, ordering and filling, with the tables found once, as walked cell by cell."""
    theirs, ours = _body(inner), _body(inner)
    _reference_finish_tables(theirs)
    word.finish_tables(ours)
    assert _serialised(theirs) == _serialised(ours)


def _read(inner: str, cuts: list[int]) -> tuple[str, _BodyText]:
    """Read a body's text as the prepared path does: in pieces, each cut after the end of a paragraph."""
    ends = [i + len("</w:p>") for i in range(len(inner)) if inner.startswith("</w:p>", i)]
    points = sorted({ends[c % len(ends)] for c in cuts} if ends else set())
    pieces = [inner[a:b] for a, b in zip([0, *points], [*points, len(inner)]) if b > a]  # noqa: B905
    text = _BodyText(f'xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"', {}, ({}, {}), readable=True)
    saved, prepared._SCREENED_FROM = prepared._SCREENED_FROM, 0  # noqa: SLF001  # short bodies are searched too
    try:
        return "".join(text.read(pieces)), text
    finally:
        prepared._SCREENED_FROM = saved  # noqa: SLF001


def _assert_passes_as_the_walk(inner: str, cuts: list[int]) -> None:
    """A body read in pieces cut at `cuts`, then passed over where the text says: as the walk leaves it."""
    theirs = _body(inner)
    _reference_finish_tables(theirs)
    read, text = _read(inner, cuts)
    ours = _body(read)
    if text.merge.regular:  # the tree would find every table regular (and none to search)
        found = word.Tables.of(ours)
        assert set(found.all) == found.regular
    word.finish_tables(ours, ordered=text.ordered, filled=text.filled, merged=text.merge.state)
    assert _serialised(theirs) == _serialised(ours)


@settings(max_examples=400, deadline=None)
@given(st.one_of(BODY, TEXT_BODY, BARE_BODY), st.lists(st.integers(min_value=0, max_value=50), max_size=4))
def test_what_the_text_shows_spares_only_passes_that_would_change_nothing(inner: str, cuts: list[int]) -> None:
    """Bare cells filled in the text, and the passes the text shows are not needed left out, give the same body."""
    _assert_passes_as_the_walk(inner, cuts)


@pytest.mark.parametrize(("inner", "filled", "ordered"), [
    # A loop over no items leaves a cell with properties alone: filled in the text.
    ("<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w='5'/></w:tcPr></w:tc></w:tr></w:tbl>", True, True),
    # docxtpl's cellbg writes shading first.
    ("<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill='FF0000'/><w:tcW w:w='5'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>", True, False),
    # Not read from the text: a cell in one tag, a comment, a paragraph before the properties.
    ("<w:tbl><w:tr><w:tc/></w:tr></w:tbl>", False, True),
    ("<w:tbl><w:tr><w:tc><w:tcPr/><!-- x --><w:p/></w:tc></w:tr></w:tbl>", False, False),
    ("<w:tbl><w:tr><w:tc><w:p/><w:tcPr><w:tcW w:w='5'/></w:tcPr></w:tc></w:tr></w:tbl>", False, True),
])
def test_the_text_shows_which_passes_are_needed(inner: str, filled: bool, ordered: bool) -> None:  # noqa: FBT001
    """What the prepared path reads from the text, on cases worked by hand."""
    read, text = _read(inner, [])
    assert (text.filled, text.ordered) == (filled, ordered)
    theirs = _body(inner)
    _reference_finish_tables(theirs)
    ours = _body(read)
    word.finish_tables(ours, ordered=text.ordered, filled=text.filled, merged=text.merge.state)
    assert _serialised(theirs) == _serialised(ours)


def test_a_short_body_leaves_its_table_passes_to_the_tree() -> None:
    """Searching a short body's text costs more than its passes: it is passed on as it is, and both passes run."""
    inner = "<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w='5'/></w:tcPr></w:tc></w:tr></w:tbl>"
    text = _BodyText(f'xmlns:w="{W}"', {}, ({}, {}), readable=True)
    assert inner == "".join(text.read([inner]))
    assert (text.filled, text.ordered) == (False, False)


# Tables made for merging: marked columns of few texts, written in the ways text can be (escaped
# or not, in several runs or paragraphs), rows the text leaves to the tree now and then.
MERGE_TEXT = st.sampled_from(["A"] * 6 + ["B", "A&amp;B", "A&#38;B", "&#34;A&#34;", '"A"', ""])
MERGE_RUN = st.builds(
    lambda text, tail, start: f"<w:r><w:rPr><w:b/></w:rPr>{start}{text}</w:t></w:r>{tail}",
    MERGE_TEXT, st.sampled_from(["", "", " ", "<w:bookmarkEnd w:id='3'/>", "<w:proofErr w:type='gramEnd'/>"]),
    st.sampled_from(["<w:t>", '<w:t xml:space="preserve">']),
)
MERGE_PARAGRAPH = st.builds(
    lambda properties, runs: f"<w:p>{properties}{''.join(runs)}</w:p>" if runs or properties else "<w:p/>",
    st.sampled_from(["", "", "<w:pPr><w:jc w:val='left'/><w:rPr><w:i/></w:rPr></w:pPr>"]),
    st.one_of(*[st.lists(MERGE_RUN, min_size=1, max_size=1)] * 4, st.lists(MERGE_RUN | st.just("<w:r/>"), max_size=2)),
)
MERGE_CONTENT = st.one_of(
    *[MERGE_PARAGRAPH] * 4, st.lists(MERGE_PARAGRAPH, min_size=2, max_size=2).map("".join),
    st.sampled_from([
        # Runs the text leaves to the tree: in a link, with a text box, a paragraph in a control.
        "<w:p><w:hyperlink w:anchor='x'><w:r><w:t>A</w:t></w:r></w:hyperlink></w:p>",
        "<w:p><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>A</w:t></w:r></w:p></w:txbxContent></w:pict></w:r></w:p>",
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>A</w:t></w:r></w:p></w:sdtContent></w:sdt>",
        "<w:bookmarkStart w:id='4'/><w:p><w:r><w:t>A</w:t></w:r></w:p>",
    ]),
)
MERGE_MARK = st.sampled_from([
    '<w:vMerge/>', '<w:vMerge w:val="restart"/>', "<w:vMerge w:val='continue'/>", '<w:vMerge w:val="restart"/>',
])
MERGE_CELL = st.builds(
    lambda mark, width, content: f"<w:tc><w:tcPr><w:tcW w:w='{width}' w:type='dxa'/>{mark}</w:tcPr>{content}</w:tc>",
    st.one_of(*[MERGE_MARK] * 5, st.just("")), st.sampled_from([1000, 2000]),
    st.one_of(*[MERGE_CONTENT.filter(lambda c: "sdt" not in c and "pict" not in c)] * 6, MERGE_CONTENT),
)
MERGE_ROW = st.builds(
    lambda head, cells, tail: f"<w:tr>{head}{''.join(cells)}</w:tr>{tail}",
    st.sampled_from(["", "", "", "<w:trPr><w:cantSplit/></w:trPr>", "<w:trPr><w:tblHeader/></w:trPr>"]),
    st.one_of(*[st.lists(MERGE_CELL, min_size=2, max_size=2)] * 3, st.lists(MERGE_CELL, min_size=1, max_size=3)),
    st.sampled_from([""] * 20 + ["<w:bookmarkEnd w:id='5'/>"]),
)
MERGE_BODY = st.lists(st.builds(
    lambda rows: "<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr><w:tblGrid><w:gridCol w:w='1000'/>"
    "<w:gridCol w:w='1000'/></w:tblGrid>" + "".join(rows) + "</w:tbl><w:p/>",
    st.lists(MERGE_ROW, min_size=2, max_size=8),
), min_size=1, max_size=2).map("".join)


@settings(max_examples=600, deadline=None)
@given(MERGE_BODY, st.lists(st.integers(min_value=0, max_value=50), max_size=4))
def test_equal_cells_merged_in_the_text_are_merged_as_on_the_tree(inner: str, cuts: list[int]) -> None:
    """Equal cells merged in the text, and on the tree from where the text stopped, as the walk merges them."""
    _assert_passes_as_the_walk(inner, cuts)


def _merged_row(text: str, mark: str = "<w:vMerge/>", content: str = "") -> str:
    return f"<w:tr><w:tc><w:tcPr>{mark}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p>{content}</w:tc></w:tr>"


@pytest.mark.parametrize(("rows", "stopped"), [
    # Read to the end: every table merged in the text.
    ([_merged_row("A")] * 3, word.MergeState(1, 0, {})),
    # A table in the third row's cell: the tree goes on from there, knowing the row above.
    ([_merged_row("A"), _merged_row("A"), _merged_row("A", content=f"<w:tbl><w:tr>{'<w:tc><w:p/></w:tc>'}</w:tr></w:tbl><w:p/>"),
      _merged_row("A")], word.MergeState(0, 2, {0: "A"})),
    # A mark with another attribute, after a header: nothing known of the row above.
    ([_merged_row("A"), "<w:tr><w:trPr><w:tblHeader/></w:trPr></w:tr>", _merged_row("A", "<w:vMerge w:val='restart' w14:x='1'/>"),
      _merged_row("A")], word.MergeState(0, 2, {})),
    # A row in a content control: the rows before it are merged.
    ([_merged_row("A"), f"<w:sdt><w:sdtContent>{_merged_row('A')}</w:sdtContent></w:sdt>", _merged_row("A")],
     word.MergeState(0, 1, {0: "A"})),
])
def test_merging_in_the_text_stops_where_the_tree_must_go_on(rows: list[str], stopped: word.MergeState) -> None:
    """Where the text shows something it does not read, it stops there, and the tree's merging gives the same body."""
    inner = "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid>" + "".join(rows) + "</w:tbl><w:p/>"
    theirs = _body(inner)
    _reference_finish_tables(theirs)
    read, text = _read(inner, [])
    ours = _body(read)
    word.finish_tables(ours, ordered=text.ordered, filled=text.filled, merged=text.merge.state)

    assert text.merge.state == stopped
    assert _serialised(theirs) == _serialised(ours)


def test_a_continued_cell_is_cut_in_the_text_before_it_is_parsed() -> None:
    """In a long body the runs of a continued cell never reach the parser: the text is shorter."""
    inner = "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid>" + _merged_row("Same text") * 3 + "</w:tbl><w:p/>"
    read, text = _read(inner, [])

    assert read.count("Same text") == 1
    assert read.count('<w:vMerge w:val="continue"/>') == 2
    assert text.merge.state == word.MergeState(1, 0, {})


@pytest.mark.parametrize(("table", "regular"), [
    ("<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>" + "<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>" * 2, True),
    # A row of one cell, a span, no grid, no rows, a row in one tag.
    ("<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr>", False),
    ("<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p/></w:tc></w:tr>", False),
    ("<w:tr><w:tc><w:p/></w:tc></w:tr>", False),
    ("<w:tblGrid><w:gridCol/></w:tblGrid>", False),
    ("<w:tblGrid/><w:tr/>", True),
])
def test_the_text_shows_whether_every_table_is_regular(table: str, regular: bool) -> None:  # noqa: FBT001
    """Regular tables, as the tree would find them, are seen in the text: then the tree is not searched."""
    inner = f"<w:p/><w:tbl>{table}</w:tbl><w:p/>"
    _, text = _read(inner, [])
    found = word.Tables.of(_body(inner))

    assert text.merge.regular is regular
    assert (set(found.all) == found.regular) is regular
