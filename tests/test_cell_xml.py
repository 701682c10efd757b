"""
The Word XML of table cells is small, because a plan of 10,000 objectives is parsed whole: no
empty run properties or top alignment (Word's default) in the templates, widths on the grid and
not on every cell, no run for an empty cell, no kept-spaces mark on text without edge spaces, a
bare mark for a merged cell. What a reader sees is the same (the column widths in twips included).
"""

from __future__ import annotations

import zipfile
from typing import Any

import attrs
from docx.oxml.ns import qn
from lxml import etree

import equality_docs
from equality_docs.renderers import passes
from equality_docs.renderers.docx import make_docx_environment
from equality_docs.renderers.prose import prose_to_word

from .conftest import EXAMPLES, ROOT
from .docxdump import open_docx
from .test_group_rows import ROWS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _body(inner: str) -> Any:
    return etree.fromstring(f'<w:body xmlns:w="{W}">{inner}</w:body>')


def _plan_table(source: str = "") -> Any:
    """Return the first table of an objectives plan rendered to Word, as an lxml element."""
    plan = equality_docs.loads(source) if source else equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml")
    return open_docx(equality_docs.render(plan, kind="objectives-plan", fmt="docx")).tables[0]._tbl


def test_shipped_templates_carry_no_empty_run_properties_or_top_alignment() -> None:
    """No shipped Word template holds an empty `<w:rPr/>` or a cell aligned to the top, Word's default."""
    found = []
    for template in sorted((ROOT / "templates" / "docx").glob("*.docx")):
        root = etree.fromstring(zipfile.ZipFile(template).read("word/document.xml"))
        found += [(template.name, "rPr") for e in root.iter(qn("w:rPr")) if len(e) == 0 and not e.attrib]
        found += [(template.name, "vAlign") for e in root.iter(qn("w:vAlign")) if e.get(qn("w:val")) == "top"]

    assert [] == found


def _tc(span: int) -> str:
    return f"<w:tc><w:tcPr><w:gridSpan w:val='{span}'/></w:tcPr><w:p/></w:tc>" if span > 1 else "<w:tc><w:p/></w:tc>"


def _spanned(header: list[int], rows: list[list[int]]) -> Any:
    """Return a body of one table on a grid of six columns: a header row of cells spanning `header`, then `rows`."""
    grid = "".join(f"<w:gridCol w:w='{w}'/>" for w in (100, 100, 150, 150, 150, 50))
    rows_xml = "".join("<w:tr>" + "".join(map(_tc, cells)) + "</w:tr>" for cells in [header, *rows])
    return _body(f"<w:tbl><w:tblGrid>{grid}</w:tblGrid>{rows_xml}</w:tbl>")


def test_a_header_row_spanning_the_grid_makes_a_column_per_header_cell() -> None:
    """A header spanning 2, 3 and 1 of six grid columns, over rows of three cells (a group row of one cell
    across them), makes a grid of three columns as wide as those spanned, and the header cells span none."""
    body = _spanned([2, 3, 1], [[1, 1, 1], [3], [1, 1, 1]])
    passes.fit_grids(body)

    assert ["200", "450", "50"] == [c.get(qn("w:w")) for c in body.iter(qn("w:gridCol"))]
    assert ["3"] == [s.get(qn("w:val")) for s in body.iter(qn("w:gridSpan"))]  # the group row's, across the table


def test_a_table_whose_every_row_spans_the_grid_keeps_its_grid() -> None:
    """Rows spanning the grid as the header does (a template spanning every cell) leave the grid and spans as they are."""
    body = _spanned([2, 3, 1], [[2, 3, 1], [6]])
    before = etree.tostring(body)
    passes.fit_grids(body)

    assert before == etree.tostring(body)


def test_word_columns_are_as_wide_as_their_spans_and_data_cells_carry_none() -> None:
    """The plan's table has a grid column per column, as wide as its span of the template's 100 columns of 151
    twips (as before), and no cell spans; its group rows span the columns."""
    table = _plan_table()
    context = equality_docs.get_kind("objectives-plan").build_context(
        equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml"))
    spans = [c.span for c in context.row_groups[0].table.columns]
    widths = [int(c.get(qn("w:w"))) for c in table.iter(qn("w:gridCol"))]

    assert [151 * n for n in spans] == widths
    assert [] == [s for s in table.iter(qn("w:gridSpan")) if s.get(qn("w:val")) != str(len(spans))]


def test_a_group_row_spans_the_columns_the_table_prints() -> None:
    """In rows mode a group's row is one cell spanning every printed column."""
    table = _plan_table(ROWS)
    columns = len(next(table.iterchildren(qn("w:tr"))).findall(qn("w:tc")))  # the header row's cells
    group = next(tr for tr in table.iterchildren(qn("w:tr")) if "Staff" == "".join(t.text for t in tr.iter(qn("w:t"))))

    assert (columns, [str(columns)]) == (len(table.find(qn("w:tblGrid"))), [s.get(qn("w:val")) for s in group.iter(qn("w:gridSpan"))])


def test_an_empty_cell_holds_a_paragraph_and_no_run() -> None:
    """A plan cell with no text is a cell holding one empty paragraph: no run, no empty text."""
    table = _plan_table()
    empty = [tc for tc in table.iter(qn("w:tc")) if not "".join(t.text or "" for t in tc.iter(qn("w:t")))]

    assert empty
    assert {(qn("w:p"),)} == {tuple(c.tag for c in tc if c.tag != qn("w:tcPr")) for tc in empty}
    assert [] == [tc for tc in empty if next(tc.iter(qn("w:r")), None) is not None]


def test_a_plain_cell_is_a_cell_a_paragraph_a_run_and_its_text() -> None:
    """A cell of one line of text, neither merged nor shaded, holds nothing but its paragraph, run and text."""
    table = _plan_table()
    cells = [tc for tc in table.iter(qn("w:tc")) if tc.find(qn("w:tcPr")) is None and next(tc.iter(qn("w:t")), None) is not None]

    assert cells
    assert {(qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t"))} == {
        tuple(e.tag for e in tc.iter()) for tc in cells if next(tc.iter(qn("w:br")), None) is None
    }


def test_plain_text_keeps_its_spaces_marked_only_where_xml_would_drop_them() -> None:
    """The `paragraph` filter marks a text's spaces kept where it has spaces at an edge, and only there; Word reads them back."""
    paragraph = make_docx_environment().filters["paragraph"]

    assert '<w:p><w:r><w:t>A &amp; B</w:t></w:r></w:p>' == str(paragraph("A & B"))
    assert '<w:p><w:r><w:t xml:space="preserve"> indented </w:t></w:r></w:p>' == str(paragraph(" indented "))
    assert "<w:p/>" == str(paragraph("")) == str(paragraph(None))


def test_a_cell_text_with_edge_spaces_keeps_them_in_word() -> None:
    """A cell's text that starts with spaces is printed with them."""
    plan = equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml")
    first = plan.objectives[0]
    plan = attrs.evolve(plan, objectives=(attrs.evolve(first, target_groups=("  Year 7 pupils",)), *plan.objectives[1:]))
    table = open_docx(equality_docs.render(plan, kind="objectives-plan", fmt="docx")).tables[0]._tbl
    texts = [t for t in table.iter(qn("w:t")) if (t.text or "").endswith("Year 7 pupils")]

    assert [("  Year 7 pupils", "preserve")] == [(t.text, t.get(_SPACE)) for t in texts]


def test_prose_runs_mark_kept_spaces_only_at_their_edges() -> None:
    """In prose, a run with a space at an edge is marked to keep it; a run without is not."""
    runs = etree.fromstring(f'<w:b xmlns:w="{W}">{prose_to_word("one **two** three")}</w:b>').iter(qn("w:t"))

    assert [("one ", "preserve"), ("two", None), (" three", "preserve")] == [(t.text, t.get(_SPACE)) for t in runs]
