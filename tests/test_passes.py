"""
The passes over a rendered body's tables: a prepared template fixes tables as docxtpl does,
for any table; merging follows the rows; a grid is refitted only when it can be.
"""

from __future__ import annotations

from typing import Any

from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from equality_docs.renderers import docx as word
from equality_docs.renderers.docx import _W_TR, _W_VAL, _W_VMERGE
from equality_docs.renderers.prepared import _fix_tables

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
    assert [
        ["restart", "restart"], ["continue", "continue"], ["restart", "restart"], [None, None],
        ["restart", "restart"], [], ["restart", "restart"], ["continue", "continue"],
    ] == values


def test_a_grid_whose_rows_have_no_cells_is_left_as_it_is() -> None:
    """Repeated columns over nothing leave rows without cells: the grid stays (it used to divide by zero)."""
    inner = "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid><w:tr></w:tr><w:tr/></w:tbl>"
    body = _body(inner)

    word._fit_grids(body)  # noqa: SLF001

    assert etree.tostring(_body(inner)) == etree.tostring(body)
