"""A readable dump of a .docx (paragraph styles and text, tables, headers) for tests and goldens."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes | Path) -> Document:
    """Open a document from bytes or a path."""
    source = io.BytesIO(data) if isinstance(data, bytes) else str(data)
    return docx.Document(source)


def paragraph_text(paragraph: Paragraph) -> str:
    """Return a paragraph's text, tabs and breaks included, hyperlinks too."""
    marks = {qn("w:tab"): "\t", qn("w:br"): "\n"}
    return "".join(
        (node.text or "") if node.tag == qn("w:t") else marks[node.tag]
        for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"))
    )


def cell_text(cell: object) -> str:
    """Return a table cell's paragraphs joined by newlines."""
    return "\n".join(paragraph_text(p) for p in cell.paragraphs)  # type: ignore[attr-defined]


def table_rows(table: Table, *, resolve_merges: bool = False) -> list[list[str]]:
    """
    Return a table's rows as lists of cell texts, one per real cell (a horizontally merged cell
    counts once). With `resolve_merges`, a vertically merged cell's continuation carries the
    text of the cell it continues, which is what it means.
    """
    rows: list[list[str]] = []
    for row in table.rows:
        cells = []
        for index, tc in enumerate(row._tr.tc_lst):  # real cells, not grid copies
            text = "\n".join(paragraph_text(Paragraph(p, None)) for p in tc.iter(qn("w:p")))
            merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
            continues = merge is not None and merge.get(qn("w:val"), "continue") == "continue"
            if resolve_merges and continues and rows and index < len(rows[-1]):
                text = rows[-1][index]
            cells.append(text)
        rows.append(cells)
    return rows


def body_items(document: Document) -> list[tuple[str, object]]:
    """Return the body in order: ("p", Paragraph) and ("table", Table) items."""
    items: list[tuple[str, object]] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            items.append(("p", Paragraph(child, document)))
        elif child.tag == qn("w:tbl"):
            items.append(("table", Table(child, document)))
    return items


def dump(document: Document) -> str:
    """Return a line-per-paragraph dump: style, then text; tables as rows of cells."""
    lines = []
    for kind, item in body_items(document):
        if kind == "p":
            paragraph = item
            assert isinstance(paragraph, Paragraph)
            text = paragraph_text(paragraph)
            if text or paragraph.style.name != "Normal":
                lines.append(f"[{paragraph.style.name}] {text}")
        else:
            assert isinstance(item, Table)
            lines.append("[table]")
            lines.extend("| " + " | ".join(cells) + " |" for cells in table_rows(item))
    for number, section in enumerate(document.sections):
        for part, name in ((section.header, "header"), (section.footer, "footer")):
            if part.is_linked_to_previous and number:
                continue
            text = " / ".join(paragraph_text(p) for p in part.paragraphs if paragraph_text(p))
            if text:
                lines.append(f"[{name} {number + 1}] {text}")
    return "\n".join(lines) + "\n"
