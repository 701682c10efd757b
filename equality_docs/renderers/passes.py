"""
The passes over a rendered Word document's parsed tree: docxtpl's own two (table grids for
`{%tc %}` columns, drawing ids), then the project's finishing passes (list restarts, grids made from
header spans or fitted to repeated columns, cell properties in order, marked cells merged, empty cells filled).

Each pass reads markers a template carries; docs/templates.md lists them for template authors.
"""

from __future__ import annotations

import itertools
from typing import Any

from lxml import etree

from equality_docs.collector import paused_collector

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{W}}}"
_VAL, _P, _PPR, _PSTYLE, _NUMPR, _ILVL, _NUM_ID = (
    f"{_W}{n}" for n in ("val", "p", "pPr", "pStyle", "numPr", "ilvl", "numId"))
_TBL, _GRID, _COL, _TR, _TC, _TCPR, _T, _R = (
    f"{_W}{n}" for n in ("tbl", "tblGrid", "gridCol", "tr", "tc", "tcPr", "t", "r"))
_SPAN, _VMERGE, _TCW, _WIDTH = f"{_W}gridSpan", f"{_W}vMerge", f"{_W}tcW", f"{_W}w"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
#: The order the schema gives the children of a cell's properties (CT_TcPr).
_TCPR_ORDER = {f"{_W}{name}": rank for rank, name in enumerate((
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
    "tcFitText", "vAlign", "hideMark"))}
Numbered = tuple[dict[str, int], dict[int, int]]
Lists = list[tuple[int, int]]  # (list id, abstract definition) pairs
_NS = {"w": W}
#: Searches run in C over a long body (`descendant::`: `.//` gathers every node below first), for Python to
#: look only at what may need changing.
_EMPTY_CELLS = etree.XPath("descendant::w:tc[not(w:p or w:tbl)]", namespaces=_NS)
#: The docxtpl tags that write cell properties out of the schema's order, or change a row's cells.
CELL_TAGS = ("cellbg", "colspan", "vm", "hm")
ROW_TAGS = ("tc", "colspan", "hm")


def template_marks(root: Any) -> tuple[bool, bool]:
    """
    Return whether a template's documents may need their cell properties put in order (its tags
    write them, or its cells are out of order already), and their table grids fixed (its tags add
    or span cells, or a table's rows do not match its grid already); else those passes change nothing.
    """
    words = "".join(root.itertext()).replace("%", " ").replace("-", " ").split()
    reorder = any(w in CELL_TAGS for w in words) or any(_disordered(tcpr) for tcpr in root.iter(_TCPR))
    regrid = any(w in ROW_TAGS for w in words) or any(  # a table without a grid or rows fitting it, or with a span
        (grid := _child(table, _GRID)) is None or next(table.iter(_SPAN), None) is not None
        or {n for n, _ in _cells(table, table.iter(_TR))} != {len(list(grid.iterchildren(_COL)))} for table in root.iter(_TBL))
    return reorder, regrid


def _disordered(tcpr: Any) -> bool:
    ranks = [_TCPR_ORDER.get(c.tag, len(_TCPR_ORDER)) for c in tcpr]
    return ranks != sorted(ranks)


def _width(element: Any) -> float:
    return float(element.get(_WIDTH) or 0)  # docxtpl fails on a column without a width


@paused_collector()  # the passes run no template, so make no cycle for the collector to free
def docxtpl_fix_tables(root: Any) -> None:
    """docxtpl's `fix_tables`, on the tree: widen a table's grid for rows with more cells than
    columns, narrow it for fewer (spanned cells counted), keeping the table's width."""
    for table in root.iter(_TBL):
        if (grid := _child(table, _GRID)) is None:
            continue  # docxtpl fails on a table without a grid; there is nothing to fix
        columns = list(grid.iterchildren(_COL))
        counts = _cells(table, table.iter(_TR))  # nested rows too, as docxtpl counts them
        most, filled = max((n for n, _ in counts), default=0), max((f for _, f in counts), default=0)
        if (to_add := max(0, most - len(columns))) and (width := sum(map(_width, columns))) > 0:
            old, new = width / len(columns), width / (len(columns) + to_add)
            for column in columns:
                column.set(_WIDTH, str(int(_width(column) * new / old)))
            for _ in range(to_add):
                etree.SubElement(grid, _COL, {_WIDTH: str(int(new))})
        columns = list(grid.iterchildren(_COL))
        if (to_remove := len(columns) - filled) > 0:
            removed = sum(_width(c) for c in columns[-to_remove:])
            for column in columns[-to_remove:]:
                grid.remove(column)
            left = columns[:-to_remove]
            extra = int(removed / len(left)) if left else 0
            for column in left:
                column.set(_WIDTH, str(int(_width(column) + extra)))


def _cells(table: Any, rows: Any) -> list[tuple[int, int]]:
    """Return the cells of each of a table's `rows`, and the grid columns they fill (a cell's first span, as docxtpl
    reads it): each row's cells counted in C, and spanned cells found from their spans, not asked one by one."""
    wider: dict[Any, int] = {}
    for span in table.iter(_SPAN):
        cell = (tcpr := span.getparent()).getparent()
        if tcpr.tag == _TCPR and cell.tag == _TC and _grandchild(cell, _TCPR, _SPAN) is span and (row := cell.getparent()).tag == _TR:
            wider[row] = wider.get(row, 0) + int(span.get(_VAL)) - 1
    return [(n, n + wider.get(row, 0)) for row in rows for n in [len(list(row.iterchildren(_TC)))]]


def _child(element: Any, tag: str) -> Any:
    """Return an element's first child of a tag, found in C (`find` goes through Python)."""
    return next(element.iterchildren(tag), None)


def _grandchild(element: Any, child: str, grandchild: str) -> Any:
    found = _child(element, child)
    return None if found is None else _child(found, grandchild)


def number_drawings(root: Any) -> None:
    """docxtpl's `fix_docpr_ids`: number every drawing from 1001, as ids may collide."""
    for number, drawing in enumerate(root.iter(_DOC_PR), start=1001):
        drawing.set("id", str(number))


def numbered_styles(numbering: Any, styles: Any) -> Numbered:
    """Return each numbered paragraph style's list (numId), and each list's abstract definition."""
    base = {style.get(f"{_W}styleId"): int(num.get(_VAL)) for style in styles.iterchildren(f"{_W}style")
            if (num := style.find(f"{_PPR}/{_NUMPR}/{_NUM_ID}")) is not None}
    abstract_of = {int(n.get(_NUM_ID)): int(n.find(f"{_W}abstractNumId").get(_VAL))
                   for n in numbering.iterchildren(f"{_W}num")}
    return base, abstract_of


def restart_lists(body: Any, numbered: Numbered) -> Lists:
    """Give every numbered list (a run of `ListNumber*` paragraphs) its own numbering, restarting at
    1 after each heading and at each paragraph marked with numId -1 (prose starting a new list);
    return the lists to add to the numbering part, as (list id, abstract definition) pairs."""
    base, abstract_of = numbered
    next_id = max(abstract_of, default=0) + 1
    current: dict[str, int] = {}
    added: Lists = []
    missing: list[tuple[Any, int]] = []  # numbered paragraphs without numbering: their style, and list
    for style_el in body.iter(_PSTYLE):
        style = style_el.get(_VAL) or ""
        if style.startswith("Heading") or style == "Title":
            current.clear()
            continue
        if (not style.startswith("ListNumber") or style not in base
                or (ppr := style_el.getparent()).tag != _PPR or ppr.getparent().tag != _P):
            continue
        numpr = _child(ppr, _NUMPR)
        num_id = None if numpr is None else _child(numpr, _NUM_ID)
        marker = num_id is not None and num_id.get(_VAL) == "-1"
        if numpr is not None and not marker:
            continue  # the template set its own numbering
        if marker or style not in current:
            added.append((next_id, abstract_of[base[style]]))
            current[style] = next_id
            next_id += 1
        if numpr is None:
            missing.append((style_el, current[style]))
            continue
        numpr[:] = []
        etree.SubElement(numpr, _ILVL, {_VAL: "0"})
        etree.SubElement(numpr, _NUM_ID, {_VAL: str(current[style])})
    if missing:  # made at once, in one parse: quicker than an element at a time
        made = etree.fromstring(f'<w:numbering xmlns:w="{W}">' + "".join(
            f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{n}"/></w:numPr>' for _, n in missing
        ) + "</w:numbering>")
        for (style_el, _), numpr in zip(missing, list(made), strict=True):
            style_el.addnext(numpr)
    return added


def add_lists(numbering: Any, lists: Lists) -> None:
    """Add to the numbering part the lists `restart_lists` made, each starting at 1."""
    for num_id, abstract in lists:
        num = etree.SubElement(numbering, f"{_W}num", {_NUM_ID: str(num_id)})
        etree.SubElement(num, f"{_W}abstractNumId", {_VAL: str(abstract)})
        override = etree.SubElement(num, f"{_W}lvlOverride", {_ILVL: "0"})
        etree.SubElement(override, f"{_W}startOverride", {_VAL: "1"})


def fit_grids(body: Any) -> None:
    """Make each table's grid match its rows: where its header row spans the grid (`{% colspan c.span %}`) and each
    other row has a cell per header cell (or one across them), a column per header cell, as wide as the columns it
    spans (its span dropped); else, after columns were repeated (`{%tc for %}`), its widest row's cells' widths,
    scaled down to the table's original width if the row is wider."""
    for table in body.iter(_TBL):
        rows = list(table.iterchildren(_TR))
        if (grid := _child(table, _GRID)) is None or not rows:
            continue
        counts, n = _cells(table, rows), sum(1 for _ in grid.iterchildren(_COL))
        if all(cells == n for cells, _ in counts):
            continue
        columns = [int(_width(c)) for c in grid.iterchildren(_COL)]
        header = list(rows[0].iterchildren(_TC))
        spans = [_grandchild(cell, _TCPR, _SPAN) for cell in header]
        ends = list(itertools.accumulate((1 if s is None else int(s.get(_VAL)) for s in spans), initial=0))
        if 0 < len(header) < ends[-1] == len(columns) and all(filled == len(header) for _, filled in counts[1:]):
            grid[:] = [etree.Element(_COL, {_WIDTH: str(sum(columns[a:b]))}) for a, b in itertools.pairwise(ends)]
            for span in [s for cell in header for s in cell.iterfind(f"{_TCPR}/{_SPAN}")]:
                span.getparent().remove(span)
            continue
        cells = list(rows[max(range(len(rows)), key=lambda i: counts[i][0])].iterchildren(_TC))  # the first widest row's
        widths = [c.find(f"{_TCPR}/{_TCW}") for c in cells]
        if len(cells) in (0, len(columns)) or any(c.find(f"{_TCPR}/{_SPAN}") is not None for c in cells) or any(
                w is None or not int(w.get(_WIDTH)) for w in widths):
            continue
        total, limit = sum(int(w.get(_WIDTH)) for w in widths), sum(columns)
        scale = min(1.0, limit / total) if limit else 1.0
        grid[:] = [etree.Element(_COL, {_WIDTH: str(int(int(w.get(_WIDTH)) * scale))}) for w in widths]
        if scale < 1.0:
            for tcw in (c.find(f"{_TCPR}/{_TCW}") for r in table.iterchildren(_TR) for c in r.findall(_TC)):
                if tcw is not None:
                    tcw.set(_WIDTH, str(int(int(tcw.get(_WIDTH)) * scale)))


def order_cell_properties(body: Any) -> None:
    """Put cell properties in the schema's order (docxtpl's cellbg writes shading first)."""
    for tcpr in body.iter(_TCPR):
        if len(tcpr) > 1 and _disordered(tcpr):
            tcpr[:] = sorted(tcpr, key=lambda c: _TCPR_ORDER.get(c.tag, len(_TCPR_ORDER)))


def merge_equal_cells(body: Any) -> None:
    """
    Merge runs of equal cells down the columns a template marks with a vertical merge: a marked
    cell continues the one above when their text is equal and the marked column to its left (if
    any) continues too (groups nest); it is emptied to one paragraph with no runs, as the merged
    cell above shows its text. A header row, or a row without marks, ends every run.
    """
    for table in body.iter(_TBL):
        row, cells, left = None, [], True
        marked, above = dict[int, str](), dict[int, str]()  # the marked cells of the row read (and above), by column: their text
        for merge in table.iter(_VMERGE):  # the marks alone, found in C; a row is checked at its first mark only
            if (tcpr := merge.getparent()).tag != _TCPR:
                continue  # not a cell's mark
            if (this_row := (cell := tcpr.getparent()).getparent()) is not row:
                if this_row.tag != _TR or this_row.getparent() is not table:
                    continue  # not a mark in this table (a nested table's turn comes)
                above = marked if row is not None and (row.getnext() is this_row or next(row.itersiblings(_TR), None) is this_row) else {}
                row, marked, left = this_row, {}, True
                cells = list(row.iterchildren(_TC))  # a row of cells alone has no properties (no header mark) to look for
                if len(cells) < len(row) and _grandchild(row, f"{_W}trPr", f"{_W}tblHeader") is not None:
                    cells = []
            if cell not in cells:
                continue  # a header's mark, or not a cell's (the row's cells were found by their tag)
            column = cells.index(cell)
            text = "".join([t.text or "" for t in cell.iter(_T)])
            if left := left and above.get(column) == text:
                if merge.attrib:  # a bare mark continues the merge above
                    merge.attrib.pop(_VAL, None)
                paragraphs = [cell[1]] if len(cell) == 2 and cell[1].tag == _P else [p for p in cell if p.tag == _P]  # one read by place
                for paragraph in paragraphs[1:]:  # a list under the text above would leave empty bullets
                    cell.remove(paragraph)
                for run in ([first[0]] if len(first := paragraphs[0]) == 1 and first[0].tag == _R else [r for r in first if r.tag == _R]) if paragraphs else ():
                    first.remove(run)
            else:
                merge.set(_VAL, "restart")
            marked[column] = text


def fill_empty_cells(body: Any) -> None:
    """Give every table cell the paragraph OOXML requires (a loop over no items leaves none)."""
    empty: Any = _EMPTY_CELLS(body)  # a list of cells
    if empty:  # made at once, in one parse: quicker than an element at a time
        made = etree.fromstring(f'<w:b xmlns:w="{W}">{"<w:p/>" * len(empty)}</w:b>')
        for cell, paragraph in zip(empty, list(made), strict=True):
            cell.append(paragraph)


@paused_collector()
def finish(body: Any, numbered: Numbered | None, *, reorder: bool = True, regrid: bool = True) -> Lists:
    """Run every finishing pass on a rendered body; return the numbering lists to add. Cell
    properties are put in order, and grids fitted, only where `template_marks` says they may need it."""
    lists = restart_lists(body, numbered) if numbered is not None else []
    if regrid:
        fit_grids(body)
    if reorder:
        order_cell_properties(body)
    merge_equal_cells(body)
    fill_empty_cells(body)
    return lists
