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
    return "".join(
        node.text or ("\t" if node.tag == qn("w:tab") else "\n")
        for node in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"))  # noqa: SLF001
    )


def cell_text(cell: object) -> str:
    """Return a table cell's paragraphs joined by newlines."""
    return "\n".join(paragraph_text(p) for p in cell.paragraphs)  # type: ignore[attr-defined]


def table_rows(table: Table) -> list[list[str]]:
    """Return a table's rows as lists of cell texts (merged cells once per grid column)."""
    rows = []
    for row in table.rows:
        cells = []
        for tc in row._tr.tc_lst:  # noqa: SLF001  # the real cells, not python-docx's grid copies
            cells.append("\n".join(
                paragraph_text(Paragraph(p, None)) for p in tc.iter(qn("w:p"))
            ))
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
