"""
The passes over a rendered tree: docxtpl's table fixing as docxtpl does it, for any table; list
restarts; merging follows the rows; a grid is refitted only when it can be; cell properties in
the schema's order; every cell holds a paragraph.
"""

from __future__ import annotations

from typing import Any

import pytest
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from equality_docs.renderers import passes

_W_VAL, _W_VMERGE, _W_TR, _W_TC, _W_P = (qn(f"w:{n}") for n in ("val", "vMerge", "tr", "tc", "p"))

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
    """The renderer's table fixing on the tree is docxtpl's own, for tables that fit and that do not."""
    xml = (
        f'<w:document xmlns:w="{W}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml">'
        f"<w:body>{inner}</w:body></w:document>"
    )
    theirs = DocxTemplate.fix_tables(None, xml)
    ours = etree.fromstring(xml)
    passes.docxtpl_fix_tables(ours[0])

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
    passes.merge_equal_cells(body)

    values = [[m.get(_W_VAL) for m in r.iter(_W_VMERGE)] for r in body.iter(_W_TR)]
    # A bare mark (no value) continues the merge above, as Word reads it.
    assert values == [
        ["restart", "restart"], [None, None], ["restart", "restart"], [None, None],
        ["restart", "restart"], [], ["restart", "restart"], [None, None],
    ]


def test_only_a_rows_own_cells_marks_merge_and_a_header_is_known_among_other_children() -> None:
    """A mark outside a cell's properties (in a paragraph, in a row's other children) is left as it is and makes no
    row a marked one; a header row is known by its properties wherever they sit; a row with other children merges."""
    cell = "<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>"
    inner = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + "".join(f"<w:tr>{r}</w:tr>" for r in [
        f"<w:bookmarkStart w:id='1'/><w:trPr><w:tblHeader/></w:trPr>{cell}", cell, f"<w:bookmarkStart w:id='2'/>{cell}",
        "<w:tc><w:p><w:vMerge/><w:r><w:t>A</w:t></w:r></w:p></w:tc>", cell,
        "<w:customXml><w:tcPr><w:vMerge/></w:tcPr></w:customXml><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc>", cell,
    ]) + "</w:tbl>"
    body = _body(inner)
    passes.merge_equal_cells(body)

    assert [[m.get(_W_VAL) for m in r.iter(_W_VMERGE)] for r in body.iter(_W_TR)] == [
        [None], ["restart"], [None], [None], ["restart"], [None], ["restart"],
    ]
    assert [len(list(r.iter(qn("w:r")))) for r in body.iter(_W_TR)] == [1, 1, 0, 1, 1, 1, 1]


def test_a_marks_own_value_gives_way_to_the_merge_and_its_other_attributes_stay() -> None:
    """A mark the template wrote with a value is set by the merge (a continued one left bare); other attributes stay."""
    def row(value: str, text: str) -> str:
        mark = f'<w:vMerge {value} w14:paraId="1"/>'
        return f"<w:tr>{_cell([mark], f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>')}</w:tr>"

    inner = "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>" + "".join([
        row('w:val="continue"', "A"), row('w:val="restart"', "A"), row("", "A"), row('w:val="continue"', "B"),
    ]) + "</w:tbl>"
    body = _body(inner)
    passes.merge_equal_cells(body)

    paraid = "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
    assert [list(m.attrib.items()) for m in body.iter(_W_VMERGE)] == [
        [(_W_VAL, "restart"), (paraid, "1")], [(paraid, "1")], [(paraid, "1")], [(_W_VAL, "restart"), (paraid, "1")],
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
    passes.merge_equal_cells(body)

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

    passes.docxtpl_fix_tables(ours[0])

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

    passes.docxtpl_fix_tables(ours[0])

    assert etree.tostring(theirs) == etree.tostring(ours)
    assert len(ours[0][0].find(qn("w:tblGrid"))) == 2


def test_a_grid_whose_rows_have_no_cells_is_left_as_it_is() -> None:
    """Repeated columns over nothing leave rows without cells: the grid stays (it used to divide by zero)."""
    inner = "<w:tbl><w:tblGrid><w:gridCol w:w='1000'/></w:tblGrid><w:tr></w:tr><w:tr/></w:tbl>"
    body = _body(inner)

    passes.fit_grids(body)

    assert etree.tostring(_body(inner)) == etree.tostring(body)


def test_a_grid_is_fitted_to_repeated_columns_within_the_tables_width() -> None:
    """Repeated columns wider than the table: the grid is the widest row's widths, scaled to the original width."""
    cell = "<w:tc><w:tcPr><w:tcW w:w='2000' w:type='dxa'/></w:tcPr><w:p/></w:tc>"
    body = _body(f"<w:tbl><w:tblGrid><w:gridCol w:w='3000'/></w:tblGrid><w:tr>{cell * 3}</w:tr></w:tbl>")

    passes.fit_grids(body)

    assert [c.get(qn("w:w")) for c in body.iter(qn("w:gridCol"))] == ["1000"] * 3
    assert [c.get(qn("w:w")) for c in body.iter(qn("w:tcW"))] == ["1000"] * 3


def test_cell_properties_are_put_in_the_schemas_order() -> None:
    """Shading written before the width (docxtpl's cellbg) is moved after it; other order is kept."""
    body = _body("<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:fill='FFFFFF'/><w:vMerge/><w:tcW w:w='1'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>")

    passes.order_cell_properties(body)

    assert [etree.QName(c).localname for c in body.iter(qn("w:tcPr")).__next__()] == ["tcW", "vMerge", "shd"]


def test_an_empty_cell_gets_a_paragraph_and_others_are_left() -> None:
    """A loop over nothing leaves a cell empty: it gets the paragraph OOXML requires."""
    body = _body("<w:tbl><w:tr><w:tc><w:tcPr/></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")

    passes.fill_empty_cells(body)

    assert [len(c.findall(_W_P)) for c in body.iter(_W_TC)] == [1, 1]


NUMBERING = etree.fromstring(
    f'<w:numbering xmlns:w="{W}"><w:num w:numId="1"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
)
STYLES = etree.fromstring(
    f'<w:styles xmlns:w="{W}"><w:style w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/>'
    "</w:numPr></w:pPr></w:style></w:styles>"
)


def _numbered(style: str, numbering: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{numbering}</w:pPr><w:r><w:t>x</w:t></w:r></w:p>'


def test_numbered_lists_restart_after_a_heading_and_at_a_marked_paragraph() -> None:
    """Each list after a heading, and each paragraph marked numId -1, starts a new list numbered from 1."""
    marker = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr>'
    own = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    body = _body(
        _numbered("ListNumber") + _numbered("ListNumber") + _numbered("Heading1") + _numbered("ListNumber")
        + _numbered("ListNumber", marker) + _numbered("ListNumber", own)
    )
    numbered = passes.numbered_styles(NUMBERING, STYLES)

    added = passes.restart_lists(body, numbered)

    assert added == [(2, 7), (3, 7), (4, 7)]
    ids = [p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}") for p in body.iter(_W_P)]
    assert [None if i is None else i.get(_W_VAL) for i in ids] == ["2", "2", None, "3", "4", "1"]
    numbering = etree.fromstring(etree.tostring(NUMBERING))
    passes.add_lists(numbering, added)
    assert numbering.xpath("count(//w:startOverride[@w:val='1'])", namespaces={"w": W}) == 3


def test_drawings_are_numbered_from_1001_as_docxtpl_numbers_them() -> None:
    """Picture ids may collide in a template: every drawing is numbered again, in order."""
    wp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
    root = etree.fromstring(f'<w:body xmlns:w="{W}" xmlns:wp="{wp}"><wp:docPr id="5"/><wp:docPr id="5"/></w:body>')

    passes.number_drawings(root)

    assert [d.get("id") for d in root] == ["1001", "1002"]


CHILDREN = st.lists(st.sampled_from([
    "<w:tcW w:w='1'/>", "<w:gridSpan w:val='2'/>", "<w:vMerge/>", "<w:shd w:fill='FFFFFF'/>", "<w:vAlign w:val='top'/>",
    "<w:hideMark/>", "<w:cnfStyle/>", "<w14:unknown/>", "<!-- a note -->", "<w:tcPrChange w:id='1'/>",
]), max_size=6, unique=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHILDREN, min_size=1, max_size=4))
def test_every_cells_properties_end_in_the_schemas_order(cells: list[list[str]]) -> None:
    """The search in C that picks the cells to reorder misses none: the result is a full sort of every cell."""
    inner = "<w:tbl><w:tr>" + "".join(f"<w:tc><w:tcPr>{''.join(c)}</w:tcPr><w:p/></w:tc>" for c in cells) + "</w:tr></w:tbl>"
    body, expected = _body(inner), _body(inner)
    rank = passes._TCPR_ORDER
    for tcpr in expected.iter(qn("w:tcPr")):
        tcpr[:] = sorted(tcpr, key=lambda c: rank.get(c.tag, len(rank)))

    passes.order_cell_properties(body)

    assert etree.tostring(body) == etree.tostring(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("{% cellbg colour %}", (True, False)), ("{%tc colspan 2 %}", (True, True)), ("{% vm %}", (True, False)),
    ("{%hm%}", (True, True)), ("{%tc for c in columns %}", (False, True)),
    ("{{ document.title }}", (False, False)), ("Home and family", (False, False)),
])
def test_what_a_template_may_need_is_known_from_it(text: str, expected: tuple[bool, bool]) -> None:
    """Cells are put in order, and grids fixed, only for templates whose tags or tables may need it."""
    cell = f"<w:tc><w:tcPr><w:tcW w:w='1'/><w:shd w:fill='FFFFFF'/></w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"
    root = _body(f"<w:tbl><w:tblGrid><w:gridCol w:w='1'/></w:tblGrid><w:tr>{cell}</w:tr></w:tbl>")
    disordered = _body("<w:tbl><w:tblGrid><w:gridCol w:w='1'/></w:tblGrid><w:tr><w:tc><w:tcPr><w:shd w:fill='FFFFFF'/>"
                       "<w:tcW w:w='1'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>")
    irregular = _body("<w:tbl><w:tblGrid><w:gridCol w:w='1'/><w:gridCol w:w='1'/></w:tblGrid><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>")

    assert passes.template_marks(root) == expected
    assert passes.template_marks(disordered) == (True, False)
    assert passes.template_marks(irregular) == (False, True)
