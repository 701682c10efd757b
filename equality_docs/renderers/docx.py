"""
Render a context into a Word document through a docxtpl template.

docxtpl is used with autoescape on, in a sandboxed environment; afterwards numbered lists are
restarted where a reader expects (after each heading, and at each new list in prose), document
properties are set from the data, and the file is zipped with fixed times so the same input gives
the same bytes.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
import gc
import io
import itertools
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import attrs
import jinja2
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, nsmap, qn
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup, escape

from equality_docs.accessibility import OutputFinding, check_docx
from equality_docs.errors import TemplateError
from equality_docs.model.values import Prose
from equality_docs.renderers.charts import ChartData, chart_png
from equality_docs.renderers.package import ZIP_TIME, Entry, assemble
from equality_docs.renderers.prose import LinkMaker, plain_text, prose_to_word, xml_safe
from equality_docs.renderers.templates import describe_jinja_error, find_template, make_environment

#: The creation time given to a document whose template has none.
FIXED_TIME = datetime.datetime(*ZIP_TIME, tzinfo=datetime.timezone.utc)


@attrs.frozen(kw_only=True)
class DocumentProperties:
    """What Word shows under File > Info, and what assistive technology reads first."""

    title: str
    subject: str = ""
    author: str = ""
    language: str = "en-GB"
    keywords: str = ""


#: While a body renders for the prepared path: whether a value was printed as markup, not text
#: (other than `WordXml`).
MARKUP_PRINTED: contextvars.ContextVar[list[bool] | None] = contextvars.ContextVar(
    "equality_docs_markup", default=None
)


def _braces_as_references(xml: str) -> str:
    """Return XML with its braces written as references, so that docxtpl leaves them be."""
    return xml.replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: object) -> object:
    """Escape every printed value for XML; braces become references so docxtpl leaves them be."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        if not isinstance(value, WordXml):
            printed = MARKUP_PRINTED.get()
            if printed is not None:
                printed.append(True)
        return value
    text = str(value)
    if _PLAIN_TEXT.match(text):  # most values: nothing to escape or leave out, which Jinja's
        return text  # own escaping (autoescape) then finds at once
    text = plain_text(text)
    return Markup(_braces_as_references(str(escape(text))))


#: Text with nothing `_finalize` would change: no markup characters, braces, or characters XML
#: cannot hold.
_PLAIN_TEXT = re.compile("[^&<>\"'{}\x00-\x1f\x85\u2028\u2029\ud800-\udfff\ufffe\uffff]*\\Z")


class Package(Protocol):
    """Where the filters that add relationships (links, pictures) put them while rendering."""

    def hyperlink(self, url: str) -> str:
        """Return the relationship id of an external link to `url`."""
        ...

    def picture(self, png: bytes, width: int) -> Any:
        """Return a `wp:inline` element showing the picture, `width` EMU wide."""
        ...


class TemplatePackage:
    """The package of a docxtpl template being rendered, through python-docx."""

    def __init__(self, template: DocxTemplate) -> None:
        self._template = template

    def hyperlink(self, url: str) -> str:
        return str(self._template.build_url_id(url))

    def picture(self, png: bytes, width: int) -> Any:
        return self._template.docx.part.new_pic_inline(io.BytesIO(png), width, None)


#: The package being rendered into, for the filters that add relationships (links, images).
_CURRENT: contextvars.ContextVar[Package] = contextvars.ContextVar("equality_docs_docx")


class _Links(LinkMaker):
    def __call__(self, url: str, runs: str) -> str:
        rel = _CURRENT.get().hyperlink(url)
        return f'<w:hyperlink r:id="{rel}">{runs}</w:hyperlink>'


class _Probe(LinkMaker):
    """A link maker that only notes it was asked: the prose has links."""

    asked = False

    def __call__(self, url: str, runs: str) -> str:
        self.asked = True
        return runs


class WordXml(Markup):
    """
    Word paragraphs written as lxml writes them (between braces made references): printed
    into a body, they leave its text as its parsed tree would be written.
    """

    __slots__ = ()


#: The prefixes prose's paragraphs use, as Word's documents declare them.
_PROSE_DECLARATIONS = nsdecls("w", "r")


def _word_xml(xml: str) -> Markup:
    """Return paragraphs as lxml writes them (`WordXml`), or as they are if they are not well-formed."""
    try:
        wrapper = etree.fromstring(f"<w:body {_PROSE_DECLARATIONS}>{xml}</w:body>")
    except etree.XMLSyntaxError:
        return Markup(_braces_as_references(xml))
    written = etree.tostring(wrapper, encoding="unicode")
    inner = written[written.index(">") + 1 : -len("</w:body>")] if len(wrapper) or wrapper.text else ""
    return WordXml(_braces_as_references(inner))


@functools.lru_cache(maxsize=1024)
def _prose_without_links(text: str, style: str | None, prefix: str) -> Markup | None:
    """Return the Word paragraphs of prose without links (the same in every document), else None."""
    probe = _Probe()
    xml = prose_to_word(text, style=style, prefix=prefix, link=probe)
    if probe.asked:
        return None
    return _word_xml(xml)


def _prose(value: object, style: str | None = None, prefix: str = "") -> Markup:
    """Return Word paragraphs for Markdown prose (use as `{{p value|prose }}`)."""
    text = "" if value is None else str(value)
    # A template may pass any value (a loop index, say): as text, like everything printed.
    style = None if style is None else str(style)
    prefix = "" if prefix is None else str(prefix)
    kept = _prose_without_links(text, style, prefix)
    if kept is not None:
        return kept
    # Links add relationships to this document's package, so are made for each document.
    return _word_xml(prose_to_word(text, style=style, prefix=prefix, link=_Links()))


def _chart(value: ChartData, width_cm: float = 15.0) -> Markup:
    """Return a centred paragraph holding a chart, with its text alternative (`{{p c|chart }}`)."""
    from docx.shared import Cm  # python-docx is loaded already by docxtpl

    inline = _CURRENT.get().picture(chart_png(value), Cm(width_cm))
    properties = inline.find(qn("wp:docPr"))
    properties.set("descr", xml_safe(value.alt))
    properties.set("title", xml_safe(value.title))
    xml = etree.tostring(inline, encoding="unicode")
    return Markup(
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
        f"{xml}</w:drawing></w:r></w:p>"
    )


@functools.cache
def make_docx_environment() -> jinja2.Environment:
    """
    Return the one environment Word templates render in. docxtpl compiles each template's XML
    on every render; here the compiled templates are kept, keyed by their source.
    """
    env = make_environment(subfolder=None, autoescape=True, finalize=_finalize)
    env.filters["prose"] = _prose
    env.filters["chart"] = _chart
    compile_source = env.from_string
    env.from_string = functools.lru_cache(maxsize=64)(compile_source)  # type: ignore[method-assign, assignment]  # cached by source
    return env


_W_STYLE, _W_STYLE_ID, _W_VAL, _W_NUM, _W_NUM_ID, _W_ABSTRACT_NUM_ID = (
    qn("w:style"), qn("w:styleId"), qn("w:val"), qn("w:num"), qn("w:numId"), qn("w:abstractNumId"),
)
_W_P, _W_PPR, _W_PSTYLE, _W_NUMPR, _W_ILVL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:numPr"), qn("w:ilvl")
_W_LVL_OVERRIDE, _W_START_OVERRIDE = qn("w:lvlOverride"), qn("w:startOverride")
_W_TBL, _W_TR, _W_TC, _W_TCPR, _W_T, _W_R = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:t"), qn("w:r")
_W_VMERGE, _W_TRPR, _W_TBLHEADER = qn("w:vMerge"), qn("w:trPr"), qn("w:tblHeader")
_W_TBL_GRID, _W_GRID_COL, _W_GRID_SPAN = qn("w:tblGrid"), qn("w:gridCol"), qn("w:gridSpan")
_CELL_CONTENT = frozenset((_W_P, _W_TBL))
_STYLE_NUM_ID = f"{_W_PPR}/{_W_NUMPR}/{_W_NUM_ID}"


#: A paragraph's numbering: level 0 of a list.
NUMBERED_XML = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr>'


def _grandchild(element: Any, child: str, grandchild: str) -> Any:
    """
    Return element/child/grandchild: the first of each, found in C (`find` and `findall` go
    through lxml's path module in Python, which costs more than the search on a short list).
    """
    for found in element.iterchildren(child):
        return next(found.iterchildren(grandchild), None)
    return None


def heading(style: str | None) -> bool:
    return style is not None and (style.startswith("Heading") or style == "Title")


def numbered_styles(numbering: Any, styles: Any) -> tuple[dict[str, int], dict[int, int]]:
    """
    Return the numbering a template defines: each numbered paragraph style's list (numId), and
    each list's abstract definition. Both are read from the template, so can be read once.
    """
    base: dict[str, int] = {}
    for style in styles.iterchildren(_W_STYLE):
        num = style.find(_STYLE_NUM_ID)
        if num is not None:
            base[style.get(_W_STYLE_ID)] = int(num.get(_W_VAL))
    abstract_of = {
        int(n.get(_W_NUM_ID)): int(n.find(_W_ABSTRACT_NUM_ID).get(_W_VAL))
        for n in numbering.iterchildren(_W_NUM)
    }
    return base, abstract_of


@attrs.define
class ListState:
    """
    Where numbering lists stand part way through a body, in document order: the paragraph
    styles passed, each numbered style's current list, the next list id, and the lists added.
    `numbered` is what `numbered_styles` reads from the template.
    """

    numbered: tuple[dict[str, int], dict[int, int]]
    passed: int = 0
    #: New lists are numbered after the template's own.
    next_id: int = attrs.Factory(lambda self: max(self.numbered[1], default=0) + 1, takes_self=True)
    current: dict[str, int] = attrs.Factory(dict)
    added: list[tuple[int, int]] = attrs.Factory(list)

    def restarts(self, style: str, *, marker: bool) -> int:
        """Return the list a paragraph of a numbered style joins, starting a new one where it must."""
        if marker or style not in self.current:
            base, abstract_of = self.numbered
            self.added.append((self.next_id, abstract_of[base[style]]))
            self.current[style] = self.next_id
            self.next_id += 1
        return self.current[style]


def restart_lists(
    body: Any, numbered: tuple[dict[str, int], dict[int, int]], state: ListState | None = None
) -> list[tuple[int, int]]:
    """
    Give every numbered list its own numbering, restarting at 1; return the lists to add to the
    numbering part (`add_lists`), as (list id, abstract definition) pairs.

    Word continues one numbered style across a whole document; a reader expects each list to
    start again, so a list restarts after each heading and wherever prose starts a new list.
    `numbered` is what `numbered_styles` reads from the template's numbering and styles. If
    the first paragraph styles were numbered already (from the text, by the prepared path),
    `state` says where that left off.
    """
    base, abstract_of = numbered
    state = state or ListState(numbered)
    numbering: list[tuple[Any, int]] = []  # the paragraphs to number: their style, and the list
    for style_el in itertools.islice(body.iter(_W_PSTYLE), state.passed, None):
        style = style_el.get(_W_VAL)
        if style is None:
            continue
        if heading(style):
            state.current.clear()
            continue
        if not style.startswith("ListNumber") or style not in base:
            continue
        ppr = style_el.getparent()
        if ppr.tag != _W_PPR or ppr.getparent().tag != _W_P:
            continue  # a run's or a table's style
        numpr = ppr.find(_W_NUMPR)
        marker = numpr is not None and numpr.find(_W_NUM_ID).get(_W_VAL) == "-1"
        if numpr is not None and not marker:
            continue  # the template set its own numbering
        num = state.restarts(style, marker=marker)
        if numpr is None:
            numbering.append((style_el, num))
            continue
        for child in list(numpr):
            numpr.remove(child)
        etree.SubElement(numpr, _W_ILVL, {_W_VAL: "0"})
        etree.SubElement(numpr, _W_NUM_ID, {_W_VAL: str(num)})
    if numbering:  # made at once, in one parse: quicker than an element at a time
        made = etree.fromstring(
            f"<w:numbering {nsdecls('w')}>"
            + "".join(NUMBERED_XML.format(num) for _, num in numbering)
            + "</w:numbering>"
        )
        for (style_el, _), numpr in zip(numbering, list(made), strict=True):
            style_el.addnext(numpr)
    return state.added


def add_lists(numbering: Any, lists: list[tuple[int, int]]) -> None:
    """Add to the numbering part the lists `restart_lists` made, each starting at 1."""
    for num_id, abstract in lists:
        num = etree.SubElement(numbering, _W_NUM, {_W_NUM_ID: str(num_id)})
        etree.SubElement(num, _W_ABSTRACT_NUM_ID, {_W_VAL: str(abstract)})
        override = etree.SubElement(num, _W_LVL_OVERRIDE, {_W_ILVL: "0"})
        etree.SubElement(override, _W_START_OVERRIDE, {_W_VAL: "1"})


#: The rows of a table with other than `n` cells.
_ROWS_NOT_OF = etree.XPath("count(w:tr[count(w:tc) != $n])", namespaces={"w": nsmap["w"]})
_HAS_ROWS = etree.XPath("boolean(w:tr)", namespaces={"w": nsmap["w"]})


@attrs.frozen
class Tables:
    """
    A rendered body's tables, found once for all the passes (each search of a long body takes
    a while): every table, nested ones included, in order; and the `regular` ones, whose every
    row has one cell for each column of the grid, none spanning more and none holding a table,
    so no pass changes their grids.
    """

    all: tuple[Any, ...]
    regular: frozenset[Any]

    @classmethod
    def of(cls, body: Any) -> Tables:
        # Tables and rows in one search of the body: a table holding a table, or rows that are
        # not its children (in a content control), is not regular (docxtpl counts such rows
        # with the table's own).
        found: list[Any] = []
        odd: set[Any] = set()
        for element in body.iter(_W_TBL, _W_TR):
            if element.tag == _W_TBL:
                found.append(element)
                odd.update(element.iterancestors(_W_TBL))
            elif element.getparent().tag != _W_TBL:
                odd.update(element.iterancestors(_W_TBL))
        return cls(tuple(found), frozenset(t for t in found if t not in odd and _regular(t)))


def _regular(table: Any) -> bool:
    """
    Whether a table that holds no table and whose rows are all its children is regular (see
    `Tables`): a long table's rows are counted in C, not cell by cell.
    """
    grid = table.find(_W_TBL_GRID)
    if grid is None or next(table.iter(_W_GRID_SPAN), None) is not None:
        return False
    return bool(_HAS_ROWS(table)) and _ROWS_NOT_OF(table, n=len(grid.findall(_W_GRID_COL))) == 0


def _fit_grids(body: Any, tables: Tables | None = None) -> None:
    """
    Make each table's grid match its cells after columns were repeated (`{%tc for %}`).

    The grid is rebuilt from the widest row's cell widths, scaled down to the table's
    original width if the repeated columns made it wider. Regular tables already match.
    """
    tables = tables or Tables.of(body)
    for grid in tables.all:
        if grid in tables.regular:
            continue
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


#: The order the schema gives the children of a cell's properties (CT_TcPr).
_TCPR_ORDER = [
    qn(f"w:{name}")
    for name in (
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap",
        "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark",
    )
]


_RANK = {tag: index for index, tag in enumerate(_TCPR_ORDER)}


def reordered_properties(tcpr: Any) -> list[Any] | None:
    """Return a cell's properties in the schema's order if they are not in it, else None."""
    children = list(tcpr)
    ordered = sorted(children, key=lambda c: _RANK.get(c.tag, len(_RANK)))
    return None if ordered == children else ordered


def _order_cell_properties(body: Any) -> None:
    """Put cell properties in the schema's order (docxtpl's cellbg writes shading first)."""
    for tcpr in body.iter(_W_TCPR):
        if len(tcpr) < 2:  # noqa: PLR2004  # one property is always in order
            continue
        ordered = reordered_properties(tcpr)
        if ordered is not None:
            for child in list(tcpr):
                tcpr.remove(child)
            tcpr.extend(ordered)


def _cell_text(cell: Any) -> str:
    """Return a cell's text: that of its `w:t` elements, in order (as `itertext` gives it, quicker)."""
    return "".join([t.text or "" for t in cell.iter(_W_T)])


@attrs.define
class MergeState:
    """
    How far equal cells were merged before the tree was parsed (by the prepared path, in the
    text): every table before the `table`-th (in document order, nested ones counted), and the
    first `rows` rows of that one; `above` holds the marked cells' texts of the last of those
    rows, by column, as `_merge_equal_cells` keeps them. The default: nothing merged yet.
    """

    table: int = 0
    rows: int = 0
    above: dict[int, str] = attrs.Factory(dict)


def _merge_equal_cells(body: Any, tables: Tables | None = None, state: MergeState | None = None) -> None:
    """
    Merge runs of equal cells down the columns a template marks with a vertical merge.

    A marked cell continues the one above when their text is equal and, if a marked column to
    its left exists, that column continues too: groups nest, as in an objectives plan where
    an aim is merged only within its duty-aim group. A continued cell's text is removed, since
    the merged cell above shows it. A header row, or a row without marks, ends every run.
    Where `state` says merging got to already, it goes on from there.
    """
    state = state or MergeState()
    for index, grid in enumerate((tables or Tables.of(body)).all):
        if index < state.table:
            continue
        above: dict[int, str] = {}  # the marked cells of the row above: column -> text
        row = None  # the row whose marks are being read
        cells: list[Any] = []  # its cells (none for a header row, whose marks are passed over)
        marked: dict[int, str] = {}
        done: set[Any] = set()  # rows merged already
        if index == state.table and state.rows:
            merged_rows = list(itertools.islice(grid.iterchildren(_W_TR), state.rows))
            done = set(merged_rows)
            row, marked = merged_rows[-1], dict(state.above)
        left_continues = True  # whether the marked cell to the left continued
        # The marks of the whole table, in one pass in C; those of a nested table are passed
        # over (their own table's turn merges them).
        for merge in grid.iter(_W_VMERGE):
            tcpr = merge.getparent()
            cell = tcpr.getparent()
            this_row = cell.getparent()
            if tcpr.tag != _W_TCPR or cell.tag != _W_TC or this_row.getparent() is not grid:
                continue  # not a cell's merge mark in this table
            if this_row is not row:
                if this_row in done:  # (the last of them is `row`, with no cells: passed over too)
                    continue
                above = marked if row is not None and _next_row(row) is this_row else {}
                row, marked, left_continues = this_row, {}, True
                header = _grandchild(this_row, _W_TRPR, _W_TBLHEADER) is not None
                cells = [] if header else list(this_row.iterchildren(_W_TC))
            if not cells:
                continue
            column = cells.index(cell)
            text = _cell_text(cell)
            continues = left_continues and above.get(column) == text
            merge.set(_W_VAL, "continue" if continues else "restart")
            if continues:
                _remove_runs(cell)
            left_continues = continues
            marked[column] = text


def _next_row(row: Any) -> Any:
    """Return the row after `row` in its table, or None."""
    return next(row.itersiblings(_W_TR), None)


def _remove_runs(cell: Any) -> None:
    """Remove the runs of a cell's paragraphs, keeping the paragraphs and their properties."""
    for paragraph in cell.iterchildren(_W_P):
        runs = list(paragraph.iterchildren(_W_R))
        if not runs:
            continue
        first = paragraph.index(runs[0])
        if len(paragraph) - first == len(runs):  # the runs end the paragraph: cut them at once
            del paragraph[first:]
        else:
            for run in runs:
                paragraph.remove(run)


def _fill_empty_cells(body: Any) -> None:
    """Give every table cell the paragraph OOXML requires (a loop over no items leaves none)."""
    for cell in body.iter(_W_TC):
        if len(cell) and cell[-1].tag in _CELL_CONTENT:
            continue  # ends with a paragraph or table: most cells, known at a glance
        if cell.find(_W_P) is None and cell.find(_W_TBL) is None:
            etree.SubElement(cell, _W_P)


#: The longest text a core property holds (python-docx refuses longer).
PROPERTY_LIMIT = 255


def property_text(text: str) -> str:
    """Return text as a core property holds it: XML-safe, and cut short with an ellipsis if too long."""
    safe = xml_safe(text)
    return safe if len(safe) <= PROPERTY_LIMIT else safe[: PROPERTY_LIMIT - 1] + "\u2026"


def _set_properties(core: Any, props: DocumentProperties, created: datetime.datetime | None = None) -> None:
    """
    Fill in a python-docx `CoreProperties` from the data, with fixed times. `created` is the
    template's creation time, if already read (reading it parses a date).
    """
    core.title = property_text(props.title)
    core.subject = property_text(props.subject)
    core.author = property_text(props.author)
    core.keywords = property_text(props.keywords)
    core.language = property_text(props.language)
    core.last_modified_by = property_text(props.author)
    core.revision = 1
    core.comments = ""
    core.category = ""
    # A template without properties gets python-docx's, stamped with the clock: fix the times.
    created = created or core.created
    if created is None:
        created = core.created = FIXED_TIME
    core.modified = created


def _set_language(styles: Any, language: str) -> None:
    """Set the language of the default run properties, where Word's checker reads it."""
    rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)
        lang.set(qn("w:bidi"), language)


def finish(
    body: Any, numbering: Any, styles: Any, numbered: tuple[dict[str, int], dict[int, int]] | None = None
) -> None:
    """
    The passes every rendered body gets: restart numbered lists, fit table grids to repeated
    columns, order cell properties, merge marked cells, and give empty cells a paragraph.
    `numbering` is changed (lists that restart; None if the template has none); `styles` is
    only read, and `numbered`, what `numbered_styles` reads from both, may be given ready.
    """
    if numbering is not None:
        add_lists(numbering, restart_lists(body, numbered or numbered_styles(numbering, styles)))
    finish_tables(body)


def finish_tables(
    body: Any, tables: Tables | None = None, *, ordered: bool = False, filled: bool = False,
    merged: MergeState | None = None,
) -> None:
    """
    The passes of `finish` on tables (`tables`, if they were found already). The caller may
    know that every cell's properties are `ordered` already, or every cell `filled`, or how
    far equal cells were `merged`.
    """
    tables = tables or Tables.of(body)
    _fit_grids(body, tables)
    if not ordered:
        _order_cell_properties(body)
    _merge_equal_cells(body, tables, merged)
    if not filled:
        _fill_empty_cells(body)


def stable_zip(data: bytes) -> bytes:
    """Return the zip with fixed entry times and attributes, so equal content gives equal bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return assemble(Entry.of(name, source.read(name)) for name in source.namelist())


class _Entries:
    """A python-docx physical package writer that keeps each part as a zip entry with a fixed time."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.entries.append(Entry.of(pack_uri.membername, blob))

    def close(self) -> None:
        """Nothing to close: `assemble` writes the zip."""


def save_stable(document: Any) -> bytes:
    """Return a document's package as a zip with fixed entry times, written once."""
    from docx.opc.pkgwriter import PackageWriter  # noqa: PLC0415

    package = document.part.package
    steps = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
    if not all(hasattr(PackageWriter, step) for step in steps):  # a python-docx without them
        buffer = io.BytesIO()
        document.save(buffer)
        return stable_zip(buffer.getvalue())
    for part in package.parts:
        part.before_marshal()
    writer = _Entries()
    # python-docx's own writing steps, given a writer that keeps entries with fixed times.
    # python-docx leaves these helpers untyped and types the writer as its own class; ours has
    # the same two methods (write, close).
    steps_of: Any = PackageWriter
    steps_of._write_content_types_stream(writer, package.parts)  # noqa: SLF001
    steps_of._write_pkg_rels(writer, package.rels)  # noqa: SLF001
    steps_of._write_parts(writer, package.parts)  # noqa: SLF001
    return assemble(writer.entries)


@functools.lru_cache(maxsize=64)
def _patched(src_xml: str) -> str:
    # docxtpl's patch_xml is a pure function of the template's XML (it reads no state).
    return str(DocxTemplate.patch_xml(None, src_xml))


class _Template(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no types
    """docxtpl's template, patching each template's XML once rather than for every document."""

    def patch_xml(self, src_xml: str) -> str:
        return _patched(src_xml)


def render_docx(
    name: str,
    context: Mapping[str, Any],
    *,
    properties: DocumentProperties,
    user_dirs: Sequence[Path] = (),
) -> bytes:
    """
    Return the bytes of a Word document rendered from the template `name`.

    The template is prepared once (see `equality_docs.renderers.prepared`) and each document
    renders only the parts that change; a template that cannot be prepared so, and any
    rendering error, go through `render_docx_reference`, which gives the same bytes.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    from equality_docs.renderers.prepared import prepare  # noqa: PLC0415

    path = find_template(name, "docx", user_dirs)
    try:
        return prepare(path).render(context, properties)
    except Exception:  # noqa: BLE001
        # Unsupported, a template error, or anything else the prepared path did not foresee: the
        # straightforward path renders the same, or raises the error with its full message.
        return render_docx_reference(path, context, properties=properties)


def render_docx_checked(
    name: str,
    context: Mapping[str, Any],
    *,
    properties: DocumentProperties,
    user_dirs: Sequence[Path] = (),
) -> tuple[bytes, tuple[OutputFinding, ...]]:
    """
    Return a Word document as `render_docx` does, with its accessibility findings: checked on
    the parts still in memory where the prepared path made it, else on the bytes.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    from equality_docs.renderers.prepared import prepare  # noqa: PLC0415

    path = find_template(name, "docx", user_dirs)
    try:
        return prepare(path).render_checked(context, properties)
    except Exception:  # noqa: BLE001  # as in render_docx
        data = render_docx_reference(path, context, properties=properties)
        return data, check_docx(data)


def _numbering(part: Any) -> Any:
    """Return a document part's numbering element, or None if its template has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE  # noqa: PLC0415

    try:
        return part.part_related_by(RELATIONSHIP_TYPE.NUMBERING).element
    except KeyError:
        return None


#: The straightforward path collects garbage after this many documents: python-docx objects sit
#: in reference cycles, so memory would grow over a batch until the collector ran anyway.
COLLECT_EVERY = 25
_references = itertools.count(1)


def _collect_now_and_then() -> None:
    if next(_references) % COLLECT_EVERY == 0:
        gc.collect()


def render_docx_reference(
    path: Path, context: Mapping[str, Any], *, properties: DocumentProperties
) -> bytes:
    """
    Return a Word document rendered the straightforward way: docxtpl opens the template,
    renders it, the passes of `finish` run on the python-docx document, and it is saved.

    Raises:
        TemplateError: the template is broken, or uses a name the context lacks.
    """
    try:
        template = _Template(str(path))
        template.init_docx()
    except Exception as exc:  # any failure to open is the template's fault
        raise TemplateError(str(path), f"cannot open this Word template: {exc}") from None
    env = make_docx_environment()
    token = _CURRENT.set(TemplatePackage(template))
    try:
        template.render(dict(context), jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(str(path), _docx_syntax_message(exc)) from None
    except jinja2.TemplateError as exc:
        near = _near(template, exc)
        raise TemplateError(str(path), describe_jinja_error(exc) + near) from None
    finally:
        _CURRENT.reset(token)
    _collect_now_and_then()
    document = template.docx
    styles = document.part.styles.element
    finish(document.element.body, _numbering(document.part), styles)
    _set_properties(document.core_properties, properties)
    _set_language(styles, properties.language)
    return save_stable(document)


def _near(template: DocxTemplate, exc: BaseException) -> str:
    """Return the text of the template paragraph where a rendering error happened."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None:
        return ""
    try:  # the same source docxtpl compiled: the patched body, one paragraph per line
        source = template.patch_xml(template.xml_to_string(template.docx._element.body))
    except Exception:  # a best-effort pointer, never a second error
        return ""
    lines = source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ").splitlines()
    text = re.sub(r"<[^>]+>", "", lines[line - 1]).strip() if 0 < line <= len(lines) else ""
    return f", near: {text[:120]}" if text else ""


def _docx_syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    context = [line.strip() for line in getattr(exc, "docx_context", []) if line.strip()]
    near = f" near: {' '.join(context)[:200]}" if context else ""
    hint = (
        "; a Jinja tag must be typed in one go in Word (retype it so it sits in one run), "
        "and {%p %}/{%tr %} tags must stand alone in their paragraph or row"
    )
    return f"{describe_jinja_error(exc)}{near}{hint}"


__all__ = [
    "DocumentProperties", "Package", "Prose", "TemplatePackage", "finish", "make_docx_environment",
    "render_docx", "render_docx_checked", "render_docx_reference", "stable_zip",
]
