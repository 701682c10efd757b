"""
The pieces the Word templates are built from: house styles, paragraphs holding one Jinja tag
each, tables with repeating header rows, landscape sections, and a reproducible package.

Used by build_docx.py; not shipped.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell

HERE = Path(__file__).resolve().parent
OUT = HERE / "docx"
FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# Dark blue on white: contrast 12.6:1, well above the 4.5:1 WCAG AA asks for text.
HEADING_COLOUR = RGBColor(0x1F, 0x38, 0x64)
HEADER_FILL = "D9E2F3"  # black text on this fill: 15.9:1


def new_document() -> docx.document.Document:
    """Return an empty A4 document with the house styles."""
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Arial")
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        style = styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = HEADING_COLOUR
        style.paragraph_format.space_before = Pt(12)
        style.paragraph_format.space_after = Pt(6)
    # Links in prose use the built-in Hyperlink character style, which the base template lacks.
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)  # 5.9:1 on white
    link.font.underline = True
    link.element.get_or_add_uiPriority().val = 99
    subtitle = styles["Subtitle"]
    subtitle.font.name = "Arial"
    subtitle.font.italic = False
    subtitle.font.color.rgb = HEADING_COLOUR
    subtitle.font.size = Pt(12)
    spacing = subtitle.element.rPr.find(qn("w:spacing"))
    if spacing is not None:  # the default letter-spacing makes text harder to read
        subtitle.element.rPr.remove(spacing)
    quote = styles["Intense Quote"]  # its default blue is below 4.5:1 contrast
    quote.font.color.rgb = HEADING_COLOUR
    title = styles["Title"]
    title_ppr = title.element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):  # the default underline rule is decoration
        title_ppr.remove(border)
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        styles[name].paragraph_format.space_after = Pt(3)
    # Numbered paragraphs ("1.1", "3.4"): the number, a tab, and the text hanging beside it.
    numbered = styles.add_style("Numbered Paragraph", WD_STYLE_TYPE.PARAGRAPH)
    numbered.base_style = normal
    numbered.paragraph_format.left_indent = Cm(1.25)
    numbered.paragraph_format.first_line_indent = Cm(-1.25)
    numbered.paragraph_format.tab_stops.add_tab_stop(Cm(1.25))
    styles["Caption"].font.color.rgb = HEADING_COLOUR
    styles["Caption"].font.size = Pt(10)
    styles["Caption"].font.italic = False
    styles["Caption"].paragraph_format.space_before = Pt(8)
    return document


def para(document: object, text: str = "", style: str | None = None, *, bold: bool = False) -> object:
    """Add a paragraph whose text is one run (so a Jinja tag in it is never split)."""
    paragraph = document.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.bold = bold or None
    return paragraph


def tag(document: object, text: str) -> None:
    """Add a paragraph holding only a `{%p ... %}` tag."""
    para(document, text)


def label_and_value(document: object, label: str, value: str) -> None:
    """Add a paragraph: a bold label, then a value, each one run."""
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(" ")
    paragraph.add_run(value)


def prose(document: object, expression: str, style: str | None = None) -> None:
    """Add the paragraph a Markdown value replaces with its own paragraphs."""
    args = f"(style='{style}')" if style else ""
    tag(document, f"{{{{p {expression}|prose{args} }}}}")


def section_block(
    document: object, name: str, heading: str = "Heading 1", between: Callable[[], None] | None = None
) -> None:
    """Add a SectionView: its title, opening, numbered paragraphs, `between`, and closing."""
    tag(document, f"{{%p if {name}.title %}}")
    para(document, f"{{{{ {name}.title }}}}", heading)
    tag(document, "{%p endif %}")
    tag(document, f"{{%p if {name}.body %}}")
    prose(document, f"{name}.body")
    tag(document, "{%p endif %}")
    tag(document, f"{{%p for paragraph in {name}.paragraphs %}}")
    tag(document, "{{p paragraph.text|prose(prefix=paragraph.number) }}")
    tag(document, "{%p endfor %}")
    if between is not None:
        between()
    tag(document, f"{{%p if {name}.closing %}}")
    prose(document, f"{name}.closing")
    tag(document, "{%p endif %}")


def numbered_list(document: object, items: str, style: str = "List Number") -> None:
    """Add a list whose items are plain strings."""
    tag(document, f"{{%p for item in {items} %}}")
    para(document, "{{ item }}", style)
    tag(document, "{%p endfor %}")


def page_footer(document: object) -> None:
    """Put "Page N of M" in the footer of every section."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = 1
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph: object, code: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)  # noqa: SLF001  # python-docx has no public API for fields


def mark_header_row(table: Table) -> None:
    """Mark the first row as a header row that repeats on every page, shaded, bold."""
    row = table.rows[0]
    trpr = row._tr.get_or_add_trPr()  # noqa: SLF001  # no public API for row properties
    header = OxmlElement("w:tblHeader")
    trpr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    trpr.append(cant_split)
    for cell in row.cells:
        shade(cell, HEADER_FILL)
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def shade(cell: _Cell, fill: str) -> None:
    """Fill a cell with a colour."""
    tcpr = cell._tc.get_or_add_tcPr()  # noqa: SLF001  # no public API for shading
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def table(
    document: object,
    headers: Sequence[str | tuple[str, str]],
    cells: Sequence[str],
    widths: Sequence[float],
    *,
    loop: str,
    caption: str,
    title: str | None = None,
) -> Table:
    """
    Add a table: a repeating header row, then one row repeated by `{%tr loop %}`.

    A header may be (title, guidance); the guidance is printed in small italics below the
    title, as the seed action plan does. `caption` is the table's title for assistive
    technology (Jinja allowed); `title` is a shorter one printed above it, when they differ.
    """
    heading = para(document, title or caption, "Caption")
    heading.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=4, cols=len(headers))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    table_caption(grid, caption)
    header_cells(grid, headers)
    keep_rows_whole(grid)
    grid.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr {loop} %}}")
    for index, expression in enumerate(cells):
        fill_cell(grid.rows[2].cells[index], expression)
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    set_widths(grid, widths)
    return grid


def keep_rows_whole(grid: Table) -> None:
    """Keep each row on one page rather than splitting it across two."""
    for row in grid.rows[1:]:
        trpr = row._tr.get_or_add_trPr()  # noqa: SLF001  # no public API for row properties
        trpr.append(OxmlElement("w:cantSplit"))


def data_table(document: object, *, header: str, rows: str, caption: str) -> Table:
    """
    Add a table whose columns come from the data: a header row of `header`'s items and one row
    per item of `rows`, each a sequence of cell texts ({%tc for %} repeats the middle cell).
    """
    para(document, caption, "Caption").paragraph_format.keep_with_next = True
    grid = document.add_table(rows=4, cols=3)
    grid.style = document.styles["Table Grid"]
    table_caption(grid, caption)
    head = grid.rows[0].cells
    head[0].paragraphs[0].add_run(f"{{%tc for heading in {header} %}}")
    head[1].paragraphs[0].add_run("{{ heading }}")
    head[2].paragraphs[0].add_run("{%tc endfor %}")
    mark_header_row(grid)
    keep_rows_whole(grid)
    grid.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for values in {rows} %}}")
    body = grid.rows[2].cells
    body[0].paragraphs[0].add_run("{%tc for value in values %}")
    body[1].paragraphs[0].add_run("{{ value }}")
    body[2].paragraphs[0].add_run("{%tc endfor %}")
    grid.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
    # The repeated cell is 4 cm; the grid's 17 cm is the most the repeated columns may take.
    set_widths(grid, [6.5, 4.0, 6.5])
    return grid


def mergeable(cell: _Cell) -> None:
    """Mark a body cell to merge with an equal cell above it (equality_docs does the merging)."""
    tcpr = cell._tc.get_or_add_tcPr()  # noqa: SLF001  # no public API for vertical merge
    merge = OxmlElement("w:vMerge")
    merge.set(qn("w:val"), "restart")
    tcpr.append(merge)


def table_caption(grid: Table, expression: str) -> None:
    """Give a table the title assistive technology reads (Word: Table Properties > Alt Text)."""
    tblpr = grid._tbl.tblPr  # noqa: SLF001  # no public API for table captions
    caption = OxmlElement("w:tblCaption")
    caption.set(qn("w:val"), expression)
    tblpr.append(caption)


def header_cells(grid: Table, headers: Sequence[str | tuple[str, str]]) -> None:
    """Write the header row: each title, with guidance in small italics below where given."""
    for index, header in enumerate(headers):
        cell = grid.rows[0].cells[index]
        title, guidance = header if isinstance(header, tuple) else (header, "")
        cell.paragraphs[0].add_run(title)
        if guidance:
            run = cell.add_paragraph().add_run(guidance)
            run.italic = True
            run.font.size = Pt(8)
    mark_header_row(grid)
    for header, cell in zip(headers, grid.rows[0].cells, strict=True):
        if isinstance(header, tuple):  # the guidance is read, not shouted: not bold
            cell.paragraphs[-1].runs[0].bold = False


def set_widths(grid: Table, widths: Sequence[float]) -> None:
    """Set the width of every column (the grid LibreOffice reads) and cell (what Word reads)."""
    grid.autofit = False
    for index, width in enumerate(widths):
        grid.columns[index].width = Cm(width)
    for row in grid.rows:
        for index, width in enumerate(widths):
            if index < len(row.cells):
                row.cells[index].width = Cm(width)


def fill_cell(cell: _Cell, expression: str) -> None:
    """
    Fill a template cell: `{{ x }}` for text, `@list:x.y` for one paragraph per item,
    `@prose:x` for Markdown prose.
    """
    if expression.startswith("@list:"):
        items = expression.removeprefix("@list:")
        first = cell.paragraphs[0]
        first.add_run(f"{{%p for line in {items} %}}")
        cell.add_paragraph().add_run("{{ line }}")
        cell.add_paragraph().add_run("{%p endfor %}")
    elif expression.startswith("@prose:"):
        value = expression.removeprefix("@prose:")
        cell.paragraphs[0].add_run(f"{{%p if {value} %}}")
        cell.add_paragraph().add_run(f"{{{{p {value}|prose }}}}")
        cell.add_paragraph().add_run("{%p endif %}")
    else:
        cell.paragraphs[0].add_run(expression)


def landscape_section(document: object, *, new: bool = True) -> object:
    """Start a new page in landscape (or turn the first section), for wide tables."""
    section = document.add_section() if new else document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    return section


def page_break(document: object) -> None:
    """Start a new page."""
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


#: The table styles the templates use; the base template's 98 others are 97% of styles.xml,
#: parsed and written again for every document. Word offers its built-in table styles anyway.
_TABLE_STYLES = {"TableNormal", "TableGrid"}


def _drop_unused_table_styles(document: object) -> None:
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in _TABLE_STYLES:
            styles.remove(style)


def finish(document: object, name: str, title: str) -> bytes:
    """Return the template's bytes: fixed properties, no stray parts, fixed zip times."""
    _drop_unused_table_styles(document)
    core = document.core_properties
    core.title = title
    core.author = "equality-docs"
    core.created = core.modified = FIXED_TIME
    core.last_modified_by = "equality-docs"
    core.revision = 1
    core.comments = ""
    core.subject = ""
    core.keywords = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return _clean_package(buffer.getvalue())


# Parts of python-docx's default template that do not belong in ours: stylesWithEffects
# disagrees with styles.xml (Word would repair the file), and the thumbnail shows a blank page.
_DROP = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _clean_package(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name = info.filename
            if name.startswith(_DROP):
                continue
            payload = source.read(name)
            if name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
                payload = _drop_references(payload)
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, payload)
    return out.getvalue()


def _drop_references(payload: bytes) -> bytes:
    from lxml import etree  # noqa: PLC0415  # only the build script needs it directly

    root = etree.fromstring(payload)
    for element in list(root):
        target = element.get("PartName") or element.get("Target") or ""
        if any(Path(part.rstrip("/")).name in target for part in _DROP):
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


