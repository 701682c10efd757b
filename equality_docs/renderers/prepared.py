"""
Word templates prepared once, so that each document costs little more than writing it.

Rendered the straightforward way (`render_docx_reference`), every document opens the template's
package with python-docx, patches and compiles its XML, renders it with docxtpl, and serialises
and deflates every part again. Most of that is the same for every document. A prepared template
does it once and keeps:

- the compiled Jinja templates of the body and of each header and footer, from docxtpl's own
  patching;
- every part that rendering does not change, already deflated (settings, fonts, theme, ...);
- the parts that do change, parsed once: numbering (lists restart), core properties, styles (the
  language; kept per language).

Each document then renders its body with Jinja and finishes it as docxtpl does (its line handling
is called; its table fixing and drawing numbering are repeated here, because docxtpl ties them to
parsing the whole text and to a counter on the template). The body is rendered in pieces.
On its way on, the text is read with plain searches (`_BodyText`): numbered lists are restarted
there where paragraphs are written as usual, and bare cells get their paragraph and equal
cells are merged there (a continued cell's runs never reach the parser).

Where the text shows every pass done and nothing but text and prose (written as lxml writes
it, `word.WordXml`) was printed, the body is written from its text alone, as lxml would write
its tree (`_text_entry`): no tree is built, serialised or freed. It is read through by libxml2
first, unless its template's Jinja shows every body it renders is well-formed
(`_always_well_formed`); a body of paragraphs and tables is checked for accessibility in its text too
(`accessibility.check_text`). Otherwise the body is parsed, in pieces as it is rendered (a
long one is never held whole as text, where no text path could be taken), the passes of
`finish` run on the tree, leaving out what the text showed done or not needed, and it is
serialised and deflated. The package is assembled from the ready entries. Links and charts add
relationships and pictures through python-docx's own collections, so their ids and names are
those python-docx gives. A prepared template may render documents in several threads at once.

The bytes are those of `render_docx_reference`; `tests/test_prepared.py` holds every example,
every kind and generated plans to that, and each part to a plain docxtpl render in canonical
XML. A template this does not cover (footnotes, no core properties, anything unforeseen) raises
`Unsupported`, and the caller renders it the straightforward way.
"""

from __future__ import annotations

import copy
import functools
import io
import itertools
import re
import threading
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from docx.image.image import Image
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.coreprops import CoreProperties
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.opc.rel import Relationships
from docx.oxml.parser import parse_xml
from docx.oxml.shape import CT_Inline
from docx.package import ImageParts
from docxtpl import DocxTemplate
from lxml import etree

from equality_docs.accessibility import OutputFinding, check_document, check_text, readable_in_text
from equality_docs.renderers import docx as word
from equality_docs.renderers.package import Deflater, Entry, TooLarge, assemble

#: The core properties docxtpl renders as templates, in its order.
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")


#: The core properties each document sets, and a character that marks where they go.
_CORE_SLOTS = ("title", "subject", "author", "language", "keywords")
_MARK = "\ue000"


def _text_xml(text: str) -> bytes:
    """Return text escaped as lxml escapes an element's text, in UTF-8."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return escaped.encode()


#: The length of the pieces a rendered body is parsed in, and where they are cut.
_PIECE = 1 << 20
#: How many of the strings Jinja yields are joined before the size is looked at.
_CHUNKS = 256
_PARAGRAPH_END = "</w:p>"
#: How many entries of repeated parts a template keeps.
_ENTRIES_KEPT = 64


class Unsupported(Exception):  # noqa: N818  # a signal to the caller, not an error to report
    """The template needs the straightforward path."""


def prepare(path: Path) -> PreparedTemplate:
    """
    Return the template at `path`, prepared (kept while the file is unchanged).

    Raises:
        Unsupported: the template has parts the prepared path does not render.
        jinja2.TemplateError: the template's Jinja is broken.
    """
    stat = path.stat()
    prepared = _prepare(str(path), stat.st_mtime_ns, stat.st_size)
    if isinstance(prepared, Unsupported):
        raise prepared
    return prepared


@functools.lru_cache(maxsize=16)
def _prepare(path: str, mtime_ns: int, size: int) -> PreparedTemplate | Unsupported:  # noqa: ARG001  # the key
    try:
        return PreparedTemplate(path)
    except Unsupported as exc:
        return exc
    except jinja2.TemplateError:
        raise  # reported in full by the straightforward path; not kept, so it is reported each time
    except Exception as exc:  # noqa: BLE001  # a package the prepared path did not foresee
        return Unsupported(f"{type(exc).__name__}: {exc}")


#: A namespace declaration in a start tag: its prefix (none for the default) and URI.
_DECLARATION = re.compile(r'\sxmlns(?::([\w.-]+))?="([^"]*)"')
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TBL_GRID, _GRID_COL, _TR, _TC = f"{_W}tbl", f"{_W}tblGrid", f"{_W}gridCol", f"{_W}tr", f"{_W}tc"
_GRID_SPAN, _SPAN, _WIDTH = f"{_W}tcPr/{_W}gridSpan", f"{_W}gridSpan", f"{_W}w"
_DOC_PR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"

#: The start of a paragraph's tag, and a line break just before one (see `_compile`).
_PARAGRAPH_START = re.compile(r"<w:p([ >])")
_BREAK_BEFORE_PARAGRAPH = re.compile(r"\n<w:p[ >]")


def _fix_tables(body: Any, tables: word.Tables | None = None) -> None:
    """
    docxtpl 0.20's `fix_tables`, after its parse: widen a table's grid for rows with more cells
    than columns, narrow it for fewer (spanned cells counted). The same steps, keeping only the
    number of each row's cells (a long table's cells would take megabytes); the tests compare
    the result with docxtpl's own. Regular tables (`word.Tables`) need nothing.
    """
    tables = tables or word.Tables.of(body)
    for table in tables.all:
        if table in tables.regular:
            continue
        grid = table.find(_TBL_GRID)
        if grid is None:  # docxtpl fails on such a table; let it report it
            raise Unsupported("a table without a grid")
        columns = grid.findall(_GRID_COL)
        counts = [len(row.findall(_TC)) for row in table.iter(_TR)]  # numbers: no cell is kept
        to_add = max(0, max(counts, default=0) - len(columns))
        if to_add > 0:
            width = sum(float(c.get(_WIDTH)) for c in columns if c.get(_WIDTH) is not None)
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                for column in columns:
                    column.set(_WIDTH, str(int(float(column.get(_WIDTH)) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, _GRID_COL, {_WIDTH: str(int(new_average))})
        columns = grid.findall(_GRID_COL)
        if next(table.iter(_SPAN), None) is None:
            widest = max(counts, default=0)
        else:
            widest = max((sum(_span(cell) for cell in row.findall(_TC)) for row in table.iter(_TR)), default=0)
        to_remove = len(columns) - widest
        if to_remove > 0:
            removed = 0.0
            for column in columns[-to_remove:]:
                removed += float(column.get(_WIDTH))
                grid.remove(column)
            left = grid.findall(_GRID_COL)
            extra = int(removed / len(left)) if left else 0
            for column in left:
                column.set(_WIDTH, str(int(float(column.get(_WIDTH)) + extra)))


def _number_drawings(body: Any) -> None:
    """
    docxtpl's fix_docpr_ids: number every drawing from 1001, as ids may collide. Kept here, not
    on the template, so documents rendered at once in several threads do not share a counter.
    """
    for number, drawing in enumerate(body.iter(_DOC_PR), start=1001):
        drawing.set("id", str(number))


class _Counted:
    """An iterable that counts what it yields."""

    def __init__(self, items: Iterable[str]) -> None:
        self._items = items
        self.count = 0

    def __iter__(self) -> Iterator[str]:
        for item in self._items:
            self.count += 1
            yield item


#: A cell whose properties end it: it may have no paragraph (see `_BodyText`).
_PROPERTIES_END_CELL = "</w:tcPr></w:tc>"
_FILLED_CELL_END = "</w:tcPr><w:p/></w:tc>"
#: In a cell's text up to the end of its properties: anything that makes it more than a bare cell.
_MORE_THAN_BARE = re.compile(r"<w:p|<w:tbl|</w:tcPr|</?w:tc[\s/>]")
#: The ends of a cell that show it ends with a paragraph or a table.
_FILLED_ENDS = ("</w:p></w:tc>", "<w:p/></w:tc>", "</w:tbl></w:tc>")
#: A cell's end tag with space in it (the counts above would miss it).
_SPACED_END = re.compile(r"</w:tc\s")
#: A cell's properties, tag by tag (quicker than character by character).
_CELL_PROPERTIES = re.compile(r"<w:tcPr>[^<]*(?:<(?!/w:tcPr>)[^<]*)*</w:tcPr>")
_W_URI = _W[1:-1]
_R_URI = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: A namespace declaration giving the WordprocessingML namespace another prefix than `w`.
_W_ELSEWHERE = re.compile(r'xmlns(?::(?!w=)[\w.-]+)?="' + re.escape(_W_URI) + '"')
_ORDERED_KEPT = 256
#: A table, row or cell's start or end tag (or those of their properties).
_TABLE_PARTS = re.compile(r"</?w:t[blrc]")
#: The length of a body's text from which searching it for what the table passes need pays.
_SCREENED_FROM = 100_000


class _BodyText:
    """
    A rendered body's text on its way to the parser, read with plain searches (quick even on a
    long body) for what passes over the parsed tree would otherwise search every element for:

    - numbered lists restart in the text (`lists`, see `_ListsText`);
    - bare cells (a cell with properties and nothing else, as a loop over no items leaves it)
      get the empty paragraph `_fill_empty_cells` would give them, where they are; `filled`
      says whether any cell could still lack one;
    - `ordered` says whether every cell's properties are in the schema's order, from the few
      different properties a table's cells have (`_order_cell_properties`);
    - equal cells are merged (`merge`, see `_MergeText`).

    The table passes are read so only in a body without tables or a long one (in a short body
    with tables, the passes over its tree take less than these searches).

    Where the text is unusual (comments, processing instructions, another prefix for Word's
    namespace, properties with attributes or tracked changes), nothing is claimed and the
    passes run as before. `ordered_properties` keeps the verdict on each text of properties.
    """

    def __init__(
        self, declarations: str, ordered_properties: dict[str, bool], numbered: tuple[dict[str, int], dict[int, int]],
        *, readable: bool,
    ) -> None:
        self.filled = self.ordered = readable
        self.lists = _ListsText(numbered, readable=readable)
        self.merge = _MergeText(readable=readable)
        self._first = True
        self._declarations = declarations
        self._kept = ordered_properties
        self._properties: set[str] = set()

    @property
    def complete(self) -> bool:
        """
        Whether the text, read whole, shows every pass over the tree done or not needed:
        lists numbered, cells filled, properties in order, equal cells merged, every table
        regular.
        """
        return self.lists.done and self.filled and self.ordered and self.merge.regular

    def read(self, pieces: Iterable[str]) -> Iterator[str]:
        """
        Yield the text, piece by piece, its list paragraphs numbered and (in a long body) its
        bare cells filled and equal cells merged.
        """
        for piece in pieces:
            read = self._read(piece)
            if read:
                yield read
        rest = self.merge.finish()
        if rest:
            yield rest
        if self.ordered:
            self.ordered = all(self._in_order(properties) for properties in self._properties)

    def _read(self, piece: str) -> str:
        if not (self.filled or self.ordered or self.lists.done or self.merge.reading):
            return piece
        if ("!" in piece and "<!" in piece) or ("?" in piece and "<?" in piece) or (
            "xmlns" in piece and _W_ELSEWHERE.search(piece)
        ):
            self.filled = self.ordered = self.lists.done = False
            return self.merge.stop() + piece
        piece = self.lists.read(piece)
        tables = _TABLE_PARTS.search(piece) is not None
        if self._first and len(piece) < _SCREENED_FROM and tables:
            # A short first piece with tables, most likely a short body: its passes over the
            # tree take less than these searches.
            self.filled = self.ordered = False
            self.merge.stop()
        self._first = False
        if not tables and not self.merge.holding:  # nothing to fill, order or merge
            return piece
        if self.filled:
            piece = _filled(piece)
            ends = piece.count("</w:tc>")
            filled = sum(piece.count(end) for end in _FILLED_ENDS)
            if piece.startswith("</w:tc>"):
                filled += 1  # a piece starts after the end of a paragraph (`_rendered_pieces`)
            if ends != filled or "<w:tc/>" in piece or _SPACED_END.search(piece):
                self.filled = False
        if self.ordered:
            if "<w:tcPr " in piece or "<w:tcPrChange" in piece:
                self.ordered = False
            else:
                self._properties.update(_CELL_PROPERTIES.findall(piece))
        return self.merge.read(piece) if self.merge.reading else piece

    def _in_order(self, properties: str) -> bool:
        verdict = self._kept.get(properties)
        if verdict is None:
            try:
                tcpr = etree.fromstring(f"<x {self._declarations}>{properties}</x>")[0]
            except etree.XMLSyntaxError:
                return False
            verdict = word.reordered_properties(tcpr) is None
            if len(self._kept) < _ORDERED_KEPT:
                self._kept[properties] = verdict
        return verdict


#: A paragraph style as Word writes it (the value needs no entity to be read).
_PARAGRAPH_STYLE = re.compile(r'<w:pStyle w:val="([^"<>&]*)"/>')
#: The start of a paragraph's tag, with any attributes.
_PARAGRAPH_TAG = re.compile(r"<w:p(?: [^<>]*[^/<>])?>\Z")
#: The mark prose leaves where a numbered list starts (`prose_to_word`).
_NEW_LIST = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr>'
_PROPERTIES_START = "<w:pPr>"


_HEADING, _NUMBERED, _OTHER = object(), object(), object()


class _ListsText:
    """
    Numbered lists restarted in a body's text as it is rendered, as `word.restart_lists` does
    on the tree, for paragraphs whose style and numbering Word and prose write in the usual
    way. At the first other one, `done` turns false and `state` says where the tree goes on.
    """

    def __init__(self, numbered: tuple[dict[str, int], dict[int, int]], *, readable: bool = True) -> None:
        self.base = numbered[0]
        self.state = word.ListState(numbered)
        self.done = readable
        self._kinds: dict[str, object] = {}  # each style: a heading, a numbered list's, or other

    def read(self, piece: str) -> str:
        """Return a piece with its list paragraphs numbered (up to the first it cannot read)."""
        if not self.done or "<w:pStyle" not in piece:
            return piece
        styles = list(_PARAGRAPH_STYLE.finditer(piece))
        if len(styles) != piece.count("<w:pStyle"):  # some written otherwise: found by the tree
            self.done = False
            return piece
        out: list[str] = []
        done_to = 0  # the piece is rewritten up to here
        state, kinds = self.state, self._kinds
        for match in styles:
            style = match[1]
            kind = kinds.get(style)
            if kind is None:
                kind = kinds[style] = (
                    _HEADING if word.heading(style)
                    else _NUMBERED if style.startswith("ListNumber") and style in self.base else _OTHER
                )
            if kind is not _NUMBERED:  # most: a quick look
                if kind is _HEADING:
                    state.current.clear()
                state.passed += 1
                continue
            change = self._change(piece, match)
            if change is None:
                self.done = False
                break
            state.passed += 1
            if change:
                at, end, xml = change
                out += (piece[done_to:at], xml)
                done_to = end
        out.append(piece[done_to:])
        return "".join(out)

    def _change(self, piece: str, match: re.Match[str]) -> tuple[int, int, str] | tuple[()] | None:
        """
        Return how a numbered list's paragraph style changes the text: (start, end, what
        replaces it), or nothing; None if it is not written in the usual way.
        """
        style = match[1]  # a numbered list's
        start, end = match.start(), match.end()
        opened = start - len(_PROPERTIES_START)
        if not piece.startswith(_PROPERTIES_START, opened):
            return None
        tag = piece.rfind("<", 0, opened)
        if tag == -1 or not _PARAGRAPH_TAG.match(piece, tag, opened) or not piece.startswith("<", end):
            return None
        closed = piece.find("</w:pPr>", end)
        properties = piece[end:closed] if closed != -1 else "<"
        if "<w:pPr" in properties or closed == -1:
            return None  # changed properties hold properties: read on the tree
        if "<w:numPr" not in properties:
            num = self.state.restarts(style, marker=False)
            return end, end, word.NUMBERED_XML.format(num)
        if properties.startswith(_NEW_LIST):
            num = self.state.restarts(style, marker=True)
            return end, end + len(_NEW_LIST), word.NUMBERED_XML.format(num)
        if "-1" in properties or "<w:numId " not in properties:
            return None
        return ()  # the template set its own numbering


#: An empty element written as two tags, in a template's text; a start tag ending a text.
_EMPTY_PAIR = re.compile(r"<([A-Za-z_][\w.:-]*)((?:\s[^<>]*)?)(?<!/)></\1>")
_TEXT_START_TAG = re.compile(r"<w:t((?:\s[^<>]*)?)(?<!/)>")
_START_TAG_AT_END = re.compile(r"<([A-Za-z_][\w.:-]*)((?:\s[^<>]*)?)(?<!/)>\Z")
#: Where a template's text is, read mark by mark: in the text, in a tag, in an attribute's value.
_TEXT, _TAG, _VALUE = "text", "tag", "value"
_TAG_MARKS = re.compile(r'[<>"]')
_AFTER = {
    (_TEXT, "<"): _TAG, (_TEXT, ">"): _TEXT, (_TEXT, '"'): _TEXT,
    (_TAG, "<"): _TAG, (_TAG, ">"): _TEXT, (_TAG, '"'): _VALUE,
    (_VALUE, "<"): _VALUE, (_VALUE, ">"): _VALUE, (_VALUE, '"'): _TAG,
}
#: The declaration lxml writes before a part (python-docx's serialize_part_xml).
_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


#: A tag, as lxml writes one: whether it ends an element, its name, and whether it is empty.
_WHOLE_TAG = re.compile(r"<(/?)([A-Za-z_][\w.:-]*)(?:\s[^<>]*?)?(/?)>")


def _whole_elements(text: str, open_elements: list[str]) -> bool:
    """
    Read a template's text tag by tag, keeping `open_elements` (the names of the elements
    open); False if a tag is not written as lxml writes one, or ends an element not open.
    """
    tags = _WHOLE_TAG.findall(text)
    if len(tags) != text.count("<"):
        return False
    for end, name, empty in tags:
        if end:
            if not open_elements or open_elements.pop() != name:
                return False
        elif not empty:
            open_elements.append(name)
    return True


def _as_lxml_writes_references(text: bytes) -> bytes:
    """
    Return text with the references escaping leaves for quotes and braces written as lxml
    writes them: the characters themselves, but a double quote in an attribute's value.
    """
    text = text.replace(b"&#39;", b"'").replace(b"&#123;", b"{").replace(b"&#125;", b"}")
    if b"&#34;" not in text:
        return text
    parts = text.split(b"&#34;")
    out = [parts[0]]
    at = len(parts[0])  # where the reference was, in `text`
    for part in parts[1:]:
        in_tag = text.rfind(b"<", 0, at) > text.rfind(b">", 0, at)
        out += (b"&quot;" if in_tag else b'"', part)
        at += len(b"&#34;") + len(part)
    return b"".join(out)


class _NoTree:
    """A parser's target that keeps nothing: libxml2 only reads the text, checking it is well-formed."""

    def close(self) -> None:
        """Nothing was kept."""


#: What the merging in the text looks for: a table's start and end, and a row's start.
_TABLE_OR_ROW = re.compile(r"<w:tbl[\s>/]|</w:tbl>|<w:tr[\s>/]")
#: What a table holds before its first row, if its rows are its own: properties and a grid.
_TABLE_HEAD = re.compile(
    r"\s*(?:<w:tblPr>(?:(?!</?w:tblPr[\s>]).)*</w:tblPr>|<w:tblPr/>)?\s*"
    r"(?:<w:tblGrid>(?:(?!</?w:tblGrid[\s>]|<w:tr[\s>/]).)*</w:tblGrid>|<w:tblGrid/>)?\s*",
    re.DOTALL,
)
#: In a row: what the merging in the text leaves to the tree (a table in a cell, content
#: controls, changes tracked in properties, a cell with attributes or in one tag). Comments and
#: processing instructions stop it before (`_BodyText`).
_ODD_ROW = re.compile(r"<w:(?:tbl[\s>/]|sdt[\s>]|customXml|tcPrChange|trPrChange|tc[\s/])")
#: What a row holds before its cells: exceptions to the table's properties, and its own.
_ROW_HEAD = re.compile(
    r"(?:<w:tblPrEx>(?:(?!</?w:tblPrEx[\s>]).)*</w:tblPrEx>|<w:tblPrEx/>)?"
    r"(?:<w:trPr>((?:(?!</?w:trPr[\s>]).)*)</w:trPr>|<w:trPr/>)?",
    re.DOTALL,
)
_TBL_HEADER = re.compile(r"<w:tblHeader[\s/>]")
#: A cell's vertical merge mark, as Word and the built-in templates write it.
_MERGE_MARK = re.compile(r"""<w:vMerge(?: w:val=(?:"[^"<&]*"|'[^'<&]*'))?/>""")
#: A text element, with its text; `_TEXT_START` counts them however written.
_TEXT_ELEMENT = re.compile(r"<w:t(?:\s[^<>]*)?(?:/>|>([^<]*)</w:t>)")
_TEXT_START = re.compile(r"<w:t[\s/>]")
#: In a run: a paragraph or run inside it (in a text box), whose end could be taken for its own.
_INNER_BLOCK = re.compile(r"<w:[pr][\s>/]")
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_CELLS_KEPT = 4096


def _xml_text(text: str) -> str | None:
    """Return text as the parser reads it (references resolved, line ends made `\n`), None if unsure."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" not in text:
        return text
    if text.count("&") != len(_REFERENCE.findall(text)):
        return None

    def resolved(found: re.Match[str]) -> str:
        name, decimal, hexadecimal = found.groups()
        return _NAMED[name] if name else chr(int(decimal) if decimal else int(hexadecimal, 16))

    try:
        return _REFERENCE.sub(resolved, text)
    except (ValueError, OverflowError):
        return None


class _Cell:
    """A marked cell's text, and the cell as it restarts or continues a merge (None: not readable)."""

    __slots__ = ("continues", "restarts", "text")

    def __init__(self, text: str, restarts: str, continues: str | None) -> None:
        self.text, self.restarts, self.continues = text, restarts, continues


def _marked_cell(cell: str) -> _Cell | None:
    """
    Read a cell's text from `<w:tc>` to `</w:tc>` whose properties hold its only merge mark;
    None if it is written otherwise than `_MergeText` reads.
    """
    properties_end = cell.find("</w:tcPr>")
    mark = _MERGE_MARK.search(cell)
    if not cell.startswith("<w:tc><w:tcPr>") or mark is None or not mark.end() <= properties_end:
        return None
    if cell.count("<w:vMerge") != 1:
        return None
    texts = _TEXT_ELEMENT.findall(cell)
    if len(texts) != len(_TEXT_START.findall(cell)):
        return None
    text = _xml_text("".join(texts))
    if text is None:
        return None
    before, after = cell[: mark.start()], cell[mark.end() :]
    restarts = f'{before}<w:vMerge w:val="restart"/>{after}'
    content_start = properties_end + len("</w:tcPr>")
    content = _without_runs(cell[content_start : -len("</w:tc>")])
    continues = (
        None if content is None
        else f'{before}<w:vMerge w:val="continue"/>{cell[mark.end() : content_start]}{content}</w:tc>'
    )
    return _Cell(text, restarts, continues)


def _grid_columns(head: str) -> int:
    """Return the columns of a table's grid from its text before the first row; -1 if it has none, or a span."""
    grid = head.find("<w:tblGrid")
    if grid == -1 or "<w:gridSpan" in head:
        return -1
    return head.count("<w:gridCol", grid)


def _item(content: str, at: int) -> tuple[int, bool | None] | None:
    """
    Return where the text or tag at `at` ends, and whether it is an empty element's tag (None
    for text); None if a tag does not end.
    """
    if content[at] != "<":
        end = content.find("<", at)
        return (len(content) if end == -1 else end), None
    return _tag_end(content, at)


def _tag_end(text: str, start: int) -> tuple[int, bool] | None:
    """Return where the tag at `start` ends, and whether it is an empty element's."""
    end = text.find(">", start)
    return None if end == -1 else (end + 1, text[end - 1] == "/")


def _without_runs(content: str) -> str | None:
    """
    Return a cell's content without the runs of its paragraphs, as `word._remove_runs` leaves
    it (each run goes with the text after it, and a paragraph left empty is written as one
    tag, as lxml writes it); None if anything but paragraphs of runs and empty elements could
    hold them.
    """
    kept: list[str] = []
    at = 0
    while at < len(content):
        item = _item(content, at)
        if item is None:
            return None
        end, empty = item
        if empty is not False:  # text between elements, or an empty element
            kept.append(content[at:end])
            at = end
            continue
        if not (content.startswith("<w:p", at) and content[at + 4 : at + 5] in (" ", ">")):
            return None  # an element other than a paragraph, whose runs are not the cell's
        paragraph = _paragraph_without_runs(content, at, end)
        if paragraph is None:
            return None
        kept.append(paragraph[0])
        at = paragraph[1]
    return "".join(kept)


def _paragraph_without_runs(content: str, start: int, inside: int) -> tuple[str, int] | None:
    """Return the paragraph starting at `start` without its runs, and where it ended; None as `_without_runs`."""
    paragraph_end = content.find("</w:p>", inside)
    if paragraph_end == -1:
        return None
    kept: list[str] = []
    at = inside
    if content.startswith("<w:pPr>", at):
        properties_end = content.find("</w:pPr>", at)
        if properties_end == -1:
            return None
        kept.append(content[at : properties_end + len("</w:pPr>")])
        at = properties_end + len("</w:pPr>")
    while at < paragraph_end:
        item = _item(content, at)
        if item is None:
            return None
        end, empty = item
        if empty is None:  # text between elements
            kept.append(content[at:end])
            at = end
            continue
        run = content.startswith("<w:r", at) and content[at + 4 : at + 5] in (" ", ">", "/")
        if not empty:
            if not run:
                return None  # a link, a change, a field: it may hold runs
            close = content.find("</w:r>", end)
            if close == -1 or _INNER_BLOCK.search(content, end, close):
                return None
            end = close + len("</w:r>")
        if run:  # cut, with the text after it (up to the next tag, at the latest the paragraph's end)
            at = content.find("<", end)
        else:
            kept.append(content[at:end])
            at = end
    start_tag = content[start:inside]
    inner = "".join(kept)
    after = paragraph_end + len("</w:p>")
    return (f"{start_tag}{inner}</w:p>" if inner else f"{start_tag[:-1]}/>"), after


#: What `_MergeText._row` returns for a row it does not read; a cell not seen yet.
_NOT_READ = "<not read>"
_UNSEEN = _Cell("", "", None)


class _MergeText:
    """
    Equal cells merged in a long body's text, row by row as it comes, as `word._merge_equal_cells`
    merges them on the tree: a continued cell's runs never reach the parser. Rows are read
    whole (a row cut between pieces waits for the rest). At the first table, row or cell
    written otherwise than Word writes it (a table in a cell, rows or cells in content controls,
    changes tracked in properties, marks with other attributes), it stops, and `state` says
    where the tree goes on.

    It also sees whether every table is regular (`word.Tables`), so that, if it read the whole
    body, the tree need not be searched for tables at all.
    """

    def __init__(self, *, readable: bool) -> None:
        self.reading = readable
        self.state = word.MergeState()
        #: Whether every table read is regular (`word.Tables`); it says nothing once stopped.
        self.regular = readable
        self._columns = -1  # the current table's, if regular so far; -1 if not
        self._pending = ""  # the start of a row, waiting for its end
        self._table = -1  # the current table's number, counting every table started
        self._in_table = False
        self._rows = 0  # rows of the current table read
        self._above: dict[int, str] = {}
        self._cells: dict[str, _Cell | None] = {}  # cells read, by their text
        self._heads: dict[str, bool] = {}  # what rows hold before their cells: whether a header's

    @property
    def holding(self) -> bool:
        """Whether the start of a row is held back, waiting for its end."""
        return bool(self._pending)

    def stop(self) -> str:
        """Stop merging where the text was read to; return the text held back."""
        if self.reading:
            self.reading = self.regular = False
            if self._in_table:
                self.state = word.MergeState(self._table, self._rows, self._above)
            else:
                self.state = word.MergeState(self._table + 1)
        held, self._pending = self._pending, ""
        return held

    def finish(self) -> str:
        """Stop at the end of the body; return the text held back (none, if the body is whole)."""
        if self.reading and not self._pending and not self._in_table:
            self.reading = False
            self.state = word.MergeState(self._table + 1)
        return self.stop()

    def read(self, piece: str) -> str:
        """Return the piece's text up to its last whole row, merged; hold back the rest."""
        text = self._pending + piece if self._pending else piece
        self._pending = ""
        out: list[str] = []
        done = 0  # the text is settled (in `out`) up to here
        at = 0  # and read up to here
        while True:
            found = _TABLE_OR_ROW.search(text, at)
            if found is None:
                break
            start = found.start()
            if found[0] == "</w:tbl>":
                if self._columns == -1 or self._rows == 0 or not (at == start or text[at:start].isspace()):
                    self.regular = False
                self._in_table, at = False, found.end()
                continue
            tag = _tag_end(text, start)
            if tag is None:
                break  # cannot happen: pieces end after a paragraph
            end, empty = tag
            if found[0].startswith("<w:tbl"):
                if self._in_table:  # a table where its rows should be
                    break
                self._table += 1
                self._in_table, self._rows, self._above, self._columns = not empty, 0, {}, -1
                self.regular = self.regular and not empty
                at = end
                continue
            # A row: its own, if nothing but the table's head or other rows comes before it.
            if not self._in_table:
                break
            if self._rows == 0:
                if not _TABLE_HEAD.fullmatch(text, at, start):
                    break
                self._columns = _grid_columns(text[at:start])
            elif not (at == start or text[at:start].isspace()):
                break
            if empty:
                row_end, rewritten = end, None
                self._above = {}
                if self._columns != 0:
                    self._columns = -1
            else:
                row_end = text.find("</w:tr>", end)
                if row_end == -1:  # the rest of the row is in the next piece
                    out.append(text[done:start])
                    self._pending = text[start:]
                    return "".join(out)
                row_end += len("</w:tr>")
                rewritten = self._row(text, start, end, row_end)
                if rewritten is _NOT_READ:
                    break
            if rewritten:
                out += (text[done:start], rewritten)
                done = row_end
            self._rows += 1
            at = row_end
        if found is not None:  # stopped at something it does not read: the rest goes as it is
            self.stop()
        out.append(text[done:])
        return "".join(out)

    def _row(self, text: str, start: int, body: int, end: int) -> str | None:
        """
        Merge a row's marked cells with the row above: return the row rewritten, None if it
        stays as it is, `_NOT_READ` if it is not read (`_MergeText`).
        """
        if _ODD_ROW.search(text, start, end):
            return _NOT_READ
        # Every cell of the row is its own now (none is in a control or a nested table).
        first = text.find("<w:tc>", body, end)
        cells_start = end - len("</w:tr>") if first == -1 else first
        if self._columns != -1:
            cells = text.count("<w:tc>", first, end) if first != -1 else 0
            if cells != self._columns or text.find("<w:gridSpan", body, end) != -1:
                self._columns = -1
        head = text[body:cells_start]
        header = self._heads.get(head)
        if header is None:
            found = _ROW_HEAD.fullmatch(head)
            if found is None:
                return _NOT_READ
            if len(self._heads) >= _CELLS_KEPT:
                self._heads.clear()
            header = self._heads[head] = found[1] is not None and _TBL_HEADER.search(found[1]) is not None
        mark = text.find("<w:vMerge", body, end)
        if mark != -1 and mark < cells_start:
            return _NOT_READ  # a mark outside the cells
        if header or mark == -1:
            self._above = {}  # a header's marks are passed over; either ends every merge
            return None
        above, marked = self._above, {}
        left_continues = True
        out: list[str] = []
        done = start
        column, counted = 0, first
        while mark != -1:
            cell_start = text.rfind("<w:tc>", first, mark)
            cell_end = text.find("</w:tc>", mark) + len("</w:tc>")
            column += text.count("<w:tc>", counted, cell_start)  # the cells since the last mark's
            counted = cell_start
            source = text[cell_start:cell_end]
            cell = self._cells.get(source, _UNSEEN)
            if cell is _UNSEEN:
                cell = _marked_cell(source)
                if len(self._cells) >= _CELLS_KEPT:
                    self._cells.clear()
                self._cells[source] = cell
            if cell is None:
                return _NOT_READ
            continues = left_continues and above.get(column) == cell.text
            rewritten = cell.continues if continues else cell.restarts
            if rewritten is None:
                return _NOT_READ
            if rewritten != source:
                out += (text[done:cell_start], rewritten)
                done = cell_end
            left_continues = continues
            marked[column] = cell.text
            mark = text.find("<w:vMerge", cell_end, end)
        self._above = marked
        if not out:
            return None
        out.append(text[done:end])
        return "".join(out)


def _filled(text: str) -> str:
    """Return text with an empty paragraph at the end of each bare cell (see `_BodyText`)."""
    if _PROPERTIES_END_CELL not in text:
        return text
    parts = text.split(_PROPERTIES_END_CELL)
    out = [parts[0]]
    for before, after in itertools.pairwise(parts):
        start = before.rfind("<w:tc>")
        bare = start != -1 and _MORE_THAN_BARE.search(before, start + len("<w:tc>")) is None
        out.append(_FILLED_CELL_END if bare else _PROPERTIES_END_CELL)
        out.append(after)
    return "".join(out)


def _serialised(name: str, element: Any, *, whole: bool) -> Entry:
    """
    Return the entry of an element serialised as python-docx serialises a part: `whole` at once
    (quicker for a short part), else deflated as it is written (a long part is never held whole).
    """
    if whole:
        return Entry.of(name, serialize_part_xml(element))
    sink = Deflater(name)
    target: Any = sink  # lxml writes to any object with a write method
    etree.ElementTree(element).write(target, encoding="UTF-8", standalone=True)
    return sink.entry()


def _span(cell: Any) -> int:
    span = cell.find(_GRID_SPAN)
    return int(span.get(f"{_W}val")) if span is not None else 1


class _Additions:
    """
    The relationships and pictures one document adds to its template's document part: python-docx's
    own collections, copied from the template's on the first addition.
    """

    def __init__(self, prepared: PreparedTemplate) -> None:
        self._prepared = prepared
        self.rels: Relationships | None = None
        self.images: ImageParts | None = None
        #: The element python-docx numbers drawings from (the template's, until the body is in).
        self.root: Any = prepared.template_root

    def _rels(self) -> Relationships:
        if self.rels is None:
            source = self._prepared.document_rels
            self.rels = Relationships(source._baseURI)  # noqa: SLF001  # the same base
            for rel in source.values():
                target = rel.target_ref if rel.is_external else rel.target_part
                self.rels.add_relationship(rel.reltype, target, rel.rId, rel.is_external)
        return self.rels

    def hyperlink(self, url: str) -> str:
        # As python-docx's Part.relate_to for an external target.
        return self._rels().get_or_add_ext_rel(RT.HYPERLINK, url)

    def picture(self, png: bytes, width: int) -> Any:
        # As python-docx's StoryPart.new_pic_inline, over this document's collections.
        if self.images is None:
            self.images = ImageParts()  # type: ignore[no-untyped-call]
            for part in self._prepared.image_parts:
                self.images.append(part)
        part = self.images.get_or_add_image_part(io.BytesIO(png))
        rid = self._rels().get_or_add(RT.IMAGE, part).rId
        image: Image = part.image
        cx, cy = image.scaled_dimensions(width, None)
        used = [int(i) for i in self.root.xpath("//@id") if i.isdigit()]
        shape_id = max(used) + 1 if used else 1
        return CT_Inline.new_pic_inline(shape_id, rid, image.filename, cx, cy)


class _Kept:
    """The entries made last (a few dozen), by what they were made from; safe in several threads."""

    def __init__(self) -> None:
        self._entries: dict[Hashable, Entry] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], Entry]) -> Entry:
        """Return the entry kept for `key`, or make and keep it (forgetting the oldest)."""
        entry = self._entries.get(key)
        if entry is None:
            entry = make()
            with self._lock:
                if len(self._entries) >= _ENTRIES_KEPT:
                    del self._entries[next(iter(self._entries))]
                self._entries[key] = entry
        return entry


class _Slot:
    """Where a part that changes goes in the package."""

    DOCUMENT = "document"
    NUMBERING = "numbering"
    STYLES = "styles"
    CORE = "core"


class PreparedTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl ships no types
    """A Word template opened, patched, compiled and deflated once, rendered many times."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        try:
            self.init_docx()
        except Exception as exc:  # the straightforward path reports it
            raise Unsupported(str(exc)) from None
        document = self.docx
        part = document.part
        package = part.package
        if any(p.content_type == CT.WML_FOOTNOTES for p in package.parts):
            raise Unsupported("footnotes")
        try:
            core_part = package.part_related_by(RT.CORE_PROPERTIES)
            numbering_part = part.part_related_by(RT.NUMBERING)
            styles_part = part.part_related_by(RT.STYLES)
        except KeyError:
            raise Unsupported("no core properties, numbering or styles") from None
        self.env = word.make_docx_environment()
        self.document_part = part
        self.document_rels = part.rels
        self.image_parts = list(package.image_parts)
        self.template_root = part.element
        body = self.get_xml()
        end = body.index(">")  # the body's start tag: its declarations are the document element's
        self.declared = {(prefix or ""): uri for prefix, uri in part.element.nsmap.items()}
        self.declarations = " ".join(
            f'xmlns{":" + prefix if prefix else ""}="{uri}"' for prefix, uri in self.declared.items()
        )
        #: Whether each text of a cell's properties seen so far is in order (`_BodyText`).
        self._ordered_properties: dict[str, bool] = {}
        #: Whether Word's namespace has the prefix `w` alone, as `_BodyText` reads it.
        self.plain_prefixes = [p for p, uri in self.declared.items() if uri == _W_URI] == ["w"]
        self.body = self._compile(_DECLARATION.sub(self._redundant, body[:end]) + body[end:])
        #: The empty elements a body's text may hold written as two tags (None: the text is
        #: never written without its tree, `_text_entry`).
        self.empty_forms = self._empty_forms(self.body_source)
        #: Whether every body rendered is well-formed, as its template's Jinja shows.
        self.well_formed = self.empty_forms is not None and self._always_well_formed(self.body_source)
        #: Whether a body written from its text holds only paragraphs and tables, as
        #: `check_text` reads them: its template's text holds no other element, and what is
        #: printed is text or prose (paragraphs, runs and links).
        self.readable_in_text = self.well_formed and readable_in_text(self.body_source)
        self.document_name = part.partname.membername
        self.headers_footers = [
            (part_, self.get_headers_footers_encoding(xml), self._compile(xml))
            for uri in (self.HEADER_URI, self.FOOTER_URI)
            for _, part_ in self.get_headers_footers(uri)
            for xml in [self.get_part_xml(part_)]
        ]
        self.properties = {
            name: self._property(getattr(document.core_properties, name)) for name in _RENDERED_PROPERTIES
        }
        # The document element around its body, as text: each render parses its body inside it.
        shell = copy.deepcopy(part.element)
        shell.replace(shell.body, shell.makeelement("placeholder"))
        self.head, self.tail = etree.tostring(shell, encoding="unicode").split("<placeholder/>")
        #: What `_text_entry` writes around a body, and the empty elements' forms, as bytes.
        self._text_parts = (
            _XML_DECLARATION + self.head.encode(), self.tail.encode(),
            [(pair.encode(), single.encode()) for pair, single in self.empty_forms or ()],
        )
        self.body_index = list(part.element).index(part.element.body)
        # A plain lxml copy (python-docx's element classes make copying slow), serialised the same.
        self.numbering = etree.fromstring(serialize_part_xml(numbering_part.element))
        self.styles = styles_part.element
        self.styles_name = styles_part.partname.membername
        self.numbered = word.numbered_styles(self.numbering, self.styles)
        self.core = serialize_part_xml(core_part.element)
        self.created = document.core_properties.created
        self._prepare_core()
        self._styles_by_language: dict[str, Entry] = {}
        self._styles_xml: dict[str, bytes] = {}
        #: Numbering, headers and footers are mostly the same from one document to the next.
        self._kept = _Kept()
        self.rendered_parts = {p.partname for p, _, _ in self.headers_footers}
        self.slots: dict[Any, str] = {
            part.partname: _Slot.DOCUMENT, numbering_part.partname: _Slot.NUMBERING,
            styles_part.partname: _Slot.STYLES, core_part.partname: _Slot.CORE,
        }
        self.order = list(package.iter_parts())
        self.fixed: dict[str, Entry] = {}
        for p in self.order:
            if p.partname not in self.slots and p.partname not in self.rendered_parts:
                self.fixed[p.partname.membername] = Entry.of(p.partname.membername, p.blob)
            if len(p.rels) and p is not part:
                self.fixed[p.partname.rels_uri.membername] = Entry.of(
                    p.partname.rels_uri.membername, p.rels.xml
                )
        self.content_types = Entry.of(
            CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(self.order).blob  # type: ignore[no-untyped-call]
        )
        self.package_rels = Entry.of(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        self.document_rels_entry = Entry.of(part.partname.rels_uri.membername, part.rels.xml)
        self._plan = self._planned()

    def _property(self, source: str) -> Any:
        """Return a core property's template, or its text if it holds no Jinja (the same every time)."""
        template = self.env.from_string(source)
        delimiters = (self.env.variable_start_string, self.env.block_start_string, self.env.comment_start_string)
        plain = self.env.line_statement_prefix is None and self.env.line_comment_prefix is None
        return template.render() if plain and not any(d in source for d in delimiters) else template

    def _compile(self, xml: str) -> Any:
        """
        Return a part's template: docxtpl's patching, then the line per paragraph its
        render_xml_part compiles, only where those lines could change what it renders.

        docxtpl puts a line break before each paragraph and takes every line break before a
        paragraph out of the rendered text. The breaks it put there change nothing unless the
        part had such a break already (the taking out would take that one too) or a paragraph
        tag sits inside a Jinja tag (a string there would keep the break), or lines start
        statements; without them, `_finished` takes out only the breaks the text brought.
        """
        source = word._patched(xml)  # noqa: SLF001
        lines_matter = self.env.line_statement_prefix is not None or self.env.line_comment_prefix is not None
        if lines_matter or _BREAK_BEFORE_PARAGRAPH.search(source) or not self._paragraphs_are_text(source):
            source = _PARAGRAPH_START.sub(r"\n<w:p\1", source)
        self.body_source = source  # the last compiled: the body's, until the headers' are
        return self.env.from_string(source)

    def _empty_forms(self, source: str) -> tuple[tuple[str, str], ...] | None:
        """
        Return the empty elements a body rendered from `source` may hold as a start and an end
        tag (`<w:t></w:t>`), each with the one tag lxml writes for it (`<w:t/>`): a start tag
        right before Jinja (which may print nothing), and any in the text itself; the text
        between is lxml's own (docxtpl's source is the template's serialised body). None if
        Jinja is in a tag other than in an attribute's value, or lines start statements.
        """
        if self.env.line_statement_prefix is not None or self.env.line_comment_prefix is not None:
            return None
        forms: set[tuple[str, str]] = set()
        where = _TEXT  # in the text, in a tag, or in an attribute's value
        after_data = False  # whether the token before was text
        previous = ""
        for _, kind, value in self.env.lex(source):
            if kind == "data":
                forms.update(_EMPTY_PAIR.findall(value))
                for mark in _TAG_MARKS.findall(value):
                    where = _AFTER[where, mark]
                previous, after_data = value, True
                continue
            if after_data:  # Jinja starts here
                if where is _TAG:
                    return None
                start = _START_TAG_AT_END.search(previous)
                if start is not None:
                    forms.add((start[1], start[2]))
            after_data = False
        # docxtpl's listing (a line break, tab or new paragraph in a value) cuts a text
        # element in two, either half of which may be left empty.
        forms.update(("w:t", attributes) for attributes in (*_TEXT_START_TAG.findall(source), ' xml:space="preserve"'))
        return tuple(sorted((f"<{name}{attributes}></{name}>", f"<{name}{attributes}/>") for name, attributes in forms))

    def _always_well_formed(self, source: str) -> bool:
        """
        Whether every body rendered from `source` is well-formed XML, whatever the context
        holds: what is printed is escaped text or prose as lxml writes it (anything else keeps
        the tree), so it is enough that each branch and loop of the Jinja holds whole elements
        (as docxtpl's row, paragraph and cell tags leave them), that no other statement is
        used, that prose is never printed in a tag, and that the document declares the
        prefixes prose uses. Then the text need not be read by libxml2 (`_text_entry`).
        """
        if self.declared.get("w") != _W_URI or self.declared.get("r") != _R_URI:
            return False
        open_elements: list[str] = []
        frames: list[list[str]] = []  # the open elements where each branch or loop began
        text = ""  # since the last statement: the template's text, a printed value as "x"
        keyword: str | None = None  # the statement being read
        names: list[str] | None = None  # the names in the value being read
        for _, kind, value in self.env.lex(source):
            if kind == "data":
                text += value
            elif kind == "variable_begin":
                names = []
            elif kind == "variable_end":
                if names is not None and "prose" in names and text.rfind("<") > text.rfind(">"):
                    return False  # paragraphs printed in a tag
                text, names = text + "x", None
            elif kind == "block_begin":
                keyword = ""
            elif kind == "name" and names is not None:
                names.append(value)
            elif kind == "name" and keyword == "":
                keyword = value
            elif kind == "block_end":
                if not _whole_elements(text, open_elements):
                    return False
                text = ""
                if keyword in ("for", "if"):
                    frames.append(list(open_elements))
                elif keyword in ("elif", "else"):
                    if not frames or frames[-1] != open_elements:
                        return False
                elif keyword in ("endfor", "endif"):
                    if not frames or frames.pop() != open_elements:
                        return False
                else:
                    return False  # set, macro, call, filter, include...: not read here
                keyword = None
        return _whole_elements(text, open_elements) and not open_elements and not frames

    def _paragraphs_are_text(self, source: str) -> bool:
        """Whether every paragraph tag in a template's source is its text, none inside a Jinja tag."""
        in_text = sum(
            len(_PARAGRAPH_START.findall(value)) for _, kind, value in self.env.lex(source) if kind == "data"
        )
        return in_text == len(_PARAGRAPH_START.findall(source))

    def _document(self, pieces: Iterable[str]) -> Any:
        """
        Return the document element holding a rendered body, parsed once in place, as it is
        rendered (a long body is never held whole).

        docxtpl parses the body alone and moves it into the document, where lxml drops the
        namespace declarations (the body's and its descendants') that the document element
        already makes; moving a long body costs more than parsing it. Here those declarations
        are left out of the text (the body's own from its template, once), and the body parsed
        where it belongs, with docxtpl's parser.
        """
        parser = etree.XMLParser(recover=True)  # as docxtpl's fix_tables parses
        parser.feed(self.head)
        for piece in pieces:
            parser.feed(_DECLARATION.sub(self._redundant, piece) if "xmlns" in piece else piece)
        parser.feed(self.tail)
        root = parser.close()
        if parser.error_log:  # recovered text: leave it to docxtpl, exactly
            raise Unsupported(f"the rendered body is not well-formed XML: {parser.error_log}")
        return root

    def _redundant(self, declaration: re.Match[str]) -> str:
        """Leave out a namespace declaration the document element makes (as moving the body does)."""
        declared = self.declared.get(declaration[1] or "")
        text, at = declaration.string, declaration.start()
        if declared is None or text.rfind("<", 0, at) < text.rfind(">", 0, at):  # or not in a tag
            return declaration[0]
        if declared != declaration[2]:  # a prefix bound to something else: leave it to docxtpl
            raise Unsupported(f"the namespace prefix {declaration[1]!r} is rebound")
        return ""

    def _render(self, template: Any, context: Mapping[str, Any]) -> str:
        """Return a part rendered as docxtpl's render_xml_part renders it, after compiling."""
        return "".join(self._rendered_pieces(template, context))

    def _rendered_pieces(self, template: Any, context: Mapping[str, Any]) -> Iterator[str]:
        """
        Yield a part's text as it renders, in pieces that end a paragraph, each finished as
        docxtpl's render_xml_part finishes the whole: none of its substitutions reaches across
        the end of a paragraph, so the pieces join to the same text.
        """
        pending: list[str] = []
        size = 0
        chunks = template.generate(context)
        # Jinja yields many short strings: they are taken a batch at a time (in C).
        while batch := list(itertools.islice(chunks, _CHUNKS)):
            joined = "".join(batch)
            pending.append(joined)
            size += len(joined)
            if size >= _PIECE:
                text = "".join(pending)
                cut = text.rfind(_PARAGRAPH_END)
                if cut == -1:
                    pending, size = [text], len(text)
                    continue
                cut += len(_PARAGRAPH_END)
                yield self._finished(text[:cut])
                pending, size = [text[cut:]], len(text) - cut
        yield self._finished("".join(pending))

    def _finished(self, xml: str) -> str:
        """Return rendered text as docxtpl's render_xml_part finishes it (each step only if it would change it)."""
        # A single character is found at once; a longer string is looked for only if it is there.
        if "\n" in xml and "\n<w:p" in xml:
            xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        if "_" in xml and ("{_" in xml or "_}" in xml):  # every one of these holds one or the other
            xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in xml for c in "\t\a\n\f"):  # resolve_listing changes only these
            xml = self.resolve_listing(xml)
        return xml

    def _entry(self, name: str, text: str, encoding: str) -> Entry:
        """
        Return the entry of a header or footer rendered as `text`, parsed, serialised and
        deflated only if it differs from one made before (most are the same in every document).
        """
        return self._kept.get(
            (name, text), lambda: Entry.of(name, serialize_part_xml(parse_xml(text.encode(encoding))))
        )

    def _numbering(self, name: str, lists: tuple[tuple[int, int], ...]) -> Entry:
        """Return the numbering part's entry with these lists added (the same for most documents)."""

        def make() -> Entry:
            numbering = copy.copy(self.numbering)  # lxml copies the whole element
            word.add_lists(numbering, list(lists))
            return Entry.of(name, serialize_part_xml(numbering))

        return self._kept.get((name, lists), make)

    def _styles(self, language: str) -> Entry:
        entry = self._styles_by_language.get(language)
        if entry is None:
            styles = copy.deepcopy(self.styles)
            word._set_language(styles, language)  # noqa: SLF001
            xml = self._styles_xml[language] = serialize_part_xml(styles)
            entry = self._styles_by_language[language] = Entry.of(self.styles_name, xml)
        return entry

    def render(self, context: Mapping[str, Any], properties: word.DocumentProperties) -> bytes:
        """
        Return the document's bytes.

        Raises:
            jinja2.TemplateError: rendering failed (the caller reports it in full).
            Unsupported: the package would be too large for this writer.
        """
        return self._make(context, properties)[0]

    def render_checked(
        self, context: Mapping[str, Any], properties: word.DocumentProperties
    ) -> tuple[bytes, tuple[OutputFinding, ...]]:
        """
        Return the document's bytes and its accessibility findings, checked on the parts still
        in memory (the findings `check_docx` gives for the bytes).

        Raises:
            jinja2.TemplateError: rendering failed (the caller reports it in full).
            Unsupported: the package would be too large for this writer.
        """
        data, body, text = self._make(context, properties)
        title, language = word.property_text(properties.title), word.property_text(properties.language)
        styles = self._styles_xml[properties.language]
        if body is None:  # written from its text: read there if it can be, else parsed now
            found = check_text(title, language, styles, "".join(text), readable=self.readable_in_text)
            if found is not None:
                return data, found
            body = self._document(text)[self.body_index]
        return data, check_document(title, language, styles, body)

    def _make(self, context: Mapping[str, Any], properties: word.DocumentProperties) -> tuple[bytes, Any, list[str]]:
        """
        Return the document's bytes, with its body element, or None and the body's text where
        it was written from its text alone (`_text_entry`).
        """
        values = dict(context)
        additions = _Additions(self)
        token = word._CURRENT.set(additions)  # noqa: SLF001
        printed: list[bool] = []
        printed_token = word.MARKUP_PRINTED.set(printed)
        body: Entry | None = None
        root = body_element = tables = None
        held: list[str] = []
        try:
            text = _BodyText(self.declarations, self._ordered_properties, self.numbered, readable=self.plain_prefixes)
            read: Iterable[str] = text.read(self._rendered_pieces(self.body, values))
            if self.empty_forms is not None:
                held = list(read)  # the body's text, held until it is known whether it needs its tree
                read = held
                if text.complete and not printed:
                    body = self._text_entry(held)
            pieces = _Counted(read)
            if body is None:
                root = self._document(pieces)
                body_element = root[self.body_index]
                # Every table regular and merged already, as the text shows: nothing to search for.
                tables = word.Tables((), frozenset()) if text.merge.regular else word.Tables.of(body_element)
                _fix_tables(body_element, tables)  # docxtpl's, after its parse
                _number_drawings(body_element)
            additions.root = root
            rendered = {
                p.partname.membername: (self._render(t, values), encoding) for p, encoding, t in self.headers_footers
            }
            rendered_properties = {
                name: template if isinstance(template, str) else template.render(values)
                for name, template in self.properties.items()
            }
        finally:
            word._CURRENT.reset(token)  # noqa: SLF001
            word.MARKUP_PRINTED.reset(printed_token)
        if body is None:
            lists = (
                text.lists.state.added if text.lists.done
                else word.restart_lists(body_element, self.numbered, text.lists.state)
            )
            word.finish_tables(body_element, tables, ordered=text.ordered, filled=text.filled, merged=text.merge.state)
            whole = pieces.count == 1

            def document(name: str) -> Entry:
                return _serialised(name, root, whole=whole)
        else:
            lists = text.lists.state.added
            written = body

            def document(name: str) -> Entry:  # noqa: ARG001  # named already
                return written
        core = self._core(rendered_properties, properties)
        changing = {
            _Slot.DOCUMENT: document,
            _Slot.NUMBERING: lambda name: self._numbering(name, tuple(lists)),
            _Slot.STYLES: lambda _: self._styles(properties.language),
            _Slot.CORE: lambda name: Entry.of(name, core),
        }
        try:
            return assemble(self._entries(additions, changing, rendered)), body_element, held
        except TooLarge as exc:
            raise Unsupported(str(exc)) from None

    def _text_entry(self, pieces: list[str]) -> Entry | None:
        """
        Return the document part's entry written from the body's text alone, without parsing
        it into a tree, serialising the tree and freeing it: the bytes lxml would write, since
        every pass over the tree was done in the text (`_BodyText.complete`), nothing but text
        and prose as lxml writes it was printed, and the text between is lxml's own. Only the empty elements Jinja may
        leave (`empty_forms`) and the references escaping leaves for quotes and braces are
        written as lxml writes them. None (the tree is made after all) if the text holds
        something else: a line break or tab left (in an attribute's value the parser reads it
        as a space), a picture to number, or anything not well-formed (checked by libxml2,
        which builds nothing).
        """
        head, tail, forms = self._text_parts
        written = [head]
        for piece in (*map(str.encode, pieces), tail):
            # Searched as bytes: quicker than text that holds any character beyond Latin-1.
            if b"\n" in piece or b"\t" in piece or b"\r" in piece or b"docPr" in piece:
                return None  # a line break, perhaps in an attribute's value (read as a space)
            for pair, single in forms:
                if pair in piece:
                    piece = piece.replace(pair, single)  # noqa: PLW2901
            if b"&#" in piece:
                piece = _as_lxml_writes_references(piece)  # noqa: PLW2901
            written.append(piece)
        data = b"".join(written)  # at once: quicker than in pieces, and as long as the text held
        if not self.well_formed:  # read through by libxml2, to be sure
            target: Any = _NoTree()  # lxml's stubs know only targets with every method
            parser = etree.XMLParser(target=target)
            try:
                parser.feed(data)
                parser.close()
            except etree.XMLSyntaxError:
                return None
        return Entry.of(self.document_name, data)

    def _core(self, rendered: dict[str, str], properties: word.DocumentProperties) -> bytes:
        """
        Return the core properties part: the template's, with the rendered properties, then
        the document's (python-docx's steps, or their result for the template, filled in).
        """
        if self._core_pieces is not None:  # the properties hold no Jinja: `rendered` is theirs
            texts = [_text_xml(word.property_text(getattr(properties, name))) for name in _CORE_SLOTS]
            return b"".join(piece + texts[slot] for piece, slot in self._core_pieces) + self._core_end
        core = CoreProperties(parse_xml(self.core))  # type: ignore[arg-type]  # a CT_CoreProperties
        for name, value in rendered.items():
            setattr(core, name, value)
        word._set_properties(core, properties, self.created)  # noqa: SLF001
        return serialize_part_xml(core._element)  # noqa: SLF001

    def _prepare_core(self) -> None:
        """
        Fill in the core properties once with a marker for each property a document sets, and
        keep the text between them: each document's core properties are that text with its own
        values, escaped as lxml escapes text. Only if the template's properties hold no Jinja
        (else they are made for each document).
        """
        self._core_pieces: list[tuple[bytes, int]] | None = None
        self._core_end = b""
        texts = {name: value for name, value in self.properties.items() if isinstance(value, str)}
        if len(texts) < len(self.properties) or any(_MARK in value for value in texts.values()):
            return
        marked = word.DocumentProperties(**{name: f"{_MARK}{slot}{_MARK}" for slot, name in enumerate(_CORE_SLOTS)})
        found = self._core(texts, marked).split(_MARK.encode())
        if len(found) % 2 == 0:  # a marker split in two: not to be trusted
            return
        self._core_pieces = [(found[i], int(found[i + 1])) for i in range(0, len(found) - 1, 2)]
        self._core_end = found[-1]

    def _entries(
        self, additions: _Additions, changing: dict[str, Callable[[str], Entry]],
        rendered: dict[str, tuple[str, str]],
    ) -> Iterator[Entry]:
        """Yield the package's entries in python-docx's order."""
        if additions.rels is None:  # the template's parts: in the order worked out once
            yield self.content_types
            yield self.package_rels
            for name, slot, entry in self._plan:
                if slot is not None:
                    yield changing[slot](name)
                elif entry is None:
                    yield self._entry(name, *rendered[name])
                else:
                    yield entry
            return
        order = list(self._walk(additions.rels))
        xml: Any = additions.rels.xml  # python-docx says str; it is serialised bytes
        rels_entry = Entry.of(self.document_part.partname.rels_uri.membername, xml)
        types = _ContentTypesItem.from_parts(order)  # type: ignore[no-untyped-call]
        yield Entry.of(CONTENT_TYPES_URI.membername, types.blob)
        yield self.package_rels
        for part in order:
            name = part.partname.membername
            slot = self.slots.get(part.partname)
            if slot is not None:
                yield changing[slot](name)
            elif name in rendered:
                yield self._entry(name, *rendered[name])
            elif name in self.fixed:
                yield self.fixed[name]
            else:  # a picture this document added
                yield Entry.of(name, part.blob)
            if part is self.document_part:
                yield rels_entry
            elif len(part.rels):
                yield self.fixed[part.partname.rels_uri.membername]

    def _planned(self) -> list[tuple[str, str | None, Entry | None]]:
        """
        Return the template's entries after the content types and package relationships, in
        python-docx's order, as `_entries` yields them for a document that adds no part: each
        name with its slot (a part that changes), or its entry (None: a rendered header or
        footer).
        """
        plan: list[tuple[str, str | None, Entry | None]] = []
        for part in self.order:
            name = part.partname.membername
            slot = self.slots.get(part.partname)
            plan.append((name, slot, None if slot is not None or part.partname in self.rendered_parts else self.fixed[name]))
            if part is self.document_part:
                plan.append((part.partname.rels_uri.membername, None, self.document_rels_entry))
            elif len(part.rels):
                rels = part.partname.rels_uri.membername
                plan.append((rels, None, self.fixed[rels]))
        return plan

    def _walk(self, document_rels: Relationships) -> Iterator[Any]:
        """python-docx's depth-first walk of the parts, with this document's relationships."""
        visited: list[Any] = []

        def walk(rels: Relationships) -> Iterator[Any]:
            for rel in rels.values():
                if rel.is_external or rel.target_part in visited:
                    continue
                target = rel.target_part
                visited.append(target)
                yield target
                yield from walk(document_rels if target is self.document_part else target.rels)

        yield from walk(self.document_part.package.rels)


__all__ = ["PreparedTemplate", "Unsupported", "prepare"]
