"""Render a context to Markdown through a Jinja template, escaping every user value."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from equality_docs.charts import chart_data_uri
from equality_docs.memo import kept_for_short_texts
from equality_docs.model.values import Prose
from equality_docs.renderers.prose import convert_markdown, tidy_lists
from equality_docs.renderers.templates import make_environment, render_template
from equality_docs.safe_text import cell_pipes, escape_markdown, safe_markdown, xml_safe


def _finalize(value: object) -> object:
    """Escape every value printed for Markdown; macro output and filter results (Markup) pass as they are."""
    if isinstance(value, Markup):
        return value
    return _prose(value) if value is None or isinstance(value, Prose) else _cell_text(str(value))


def _cell(value: object) -> str:
    """Return a value fit for a Markdown table cell: escaped, one line, breaks as <br>."""
    if type(value) is str:  # the usual case, first
        return _cell_text(value)
    if value is None:
        return Markup()
    if isinstance(value, list | tuple):
        return Markup("<br>".join([_cell(v) for v in value if v not in (None, "")]))
    if isinstance(value, Prose):
        return Markup(cell_pipes(" ".join(safe_markdown(xml_safe(str(value))).split())))
    return _cell_text(str(value))


_NUMBER_ESCAPED = re.compile(r"^(\d+)\\\.")
_SPACES_LINE = re.compile(r"(?<=\n) +\n")


@kept_for_short_texts(entries=16384, longest=500)  # a document repeats owners, dates and aims row after row
def _cell_text(text: str) -> Markup:
    return Markup(escape_markdown(xml_safe(text)))


def _prose(value: object, prefix: str = "") -> Markup:
    """Return Markdown prose, optionally after a paragraph number."""
    text = "" if value is None else safe_markdown(tidy_lists(xml_safe(str(value)))).strip()
    return Markup(f"{escape_markdown(prefix)} {text}" if prefix else text)


@functools.cache
def make_md_environment(user_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """Return the environment Markdown templates render in (one per set of template folders)."""
    env = make_environment(subfolder="markdown", user_dirs=user_dirs, autoescape=True, finalize=_finalize)
    env.filters["cell"] = _cell
    env.filters["prose"] = _prose
    # After "## " a number such as "1." starts no list, so it needs no escape.
    env.filters["heading"] = lambda value: Markup(_NUMBER_ESCAPED.sub(r"\1.", _cell_text(str(value))))
    env.filters["data_uri"] = lambda chart: Markup(chart_data_uri(chart))
    return env


def render_markdown(name: str, context: Mapping[str, Any], *, user_dirs: Sequence[Path] = ()) -> str:
    """
    Return the Markdown for a context.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    text = render_template(make_md_environment(tuple(user_dirs)), name, context)
    # Collapse the blank lines that template logic leaves, keeping one between blocks.
    kept: list[str] = []
    for row in text.split("\n"):  # only Markdown's own line ends, not U+2028 and the like
        if row.strip() or (kept and kept[-1].strip()):
            kept.append(row.rstrip() if not row.endswith("  ") else row)
    return "\n".join(kept).strip() + "\n"


def markdown_document_to_html(text: str) -> str:
    """
    Return the HTML body for a whole Markdown document: what Python-Markdown gives for it (a test
    holds it so for every example and generated plans). Python-Markdown spends most of a long
    table's time running every inline pattern over every cell, so tables are converted here, cell
    by cell: a cell of plain text (backslash escapes and `<br>`, as `cell` writes) directly, any
    other through Python-Markdown (kept, since headers repeat); the blocks between them through it.
    """
    pieces: list[str] = []
    pending: list[str] = []
    # Python-Markdown's NormalizeWhitespace, which runs before it splits blocks.
    text = text.replace("\x02", "").replace("\x03", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    for block in _SPACES_LINE.sub("\n", text + "\n\n").split("\n\n"):  # Python-Markdown's blocks
        table = _table_to_html(block) if block.startswith("|") else None
        if table is None:
            pending.append(block)
        else:
            pieces += [convert_markdown("\n\n".join(pending)), table]
            pending = []
    pieces.append(convert_markdown("\n\n".join(pending)))
    return "\n".join(piece for piece in pieces if piece)


#: A cell needing no inline pattern: plain characters, backslash escapes, `<br>` (one pass).
_PLAIN_CELL = re.compile(r"(?:[^\\`*_\[\]<&]|\\[\\`*_{}\[\]()>#+\-.!|<~]|<br>)*\Z")
_ESCAPE = re.compile(r"\\(.)")
_PIPES = re.compile(r"(?:(\\\\)|(\\\|)|(\|))")
_END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")


def _split(row: str) -> list[str]:
    # As Python-Markdown's table rows split (the row stripped of spaces, without backticks):
    # without its border pipes, on pipes not escaped.
    row = row.removeprefix("|")
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else _END_BORDER.sub("", row)
    cells, start = [], 0
    for found in _PIPES.finditer(row):
        if found.group(3):
            cells.append(row[start : found.start(3)])
            start = found.end(3)
    cells.append(row[start:])
    return [cell.strip(" ") for cell in cells]


_ALIGNS = {(True, True): "center", (True, False): "left", (False, True): "right"}


def _table_to_html(block: str) -> str | None:
    """Return a Markdown table as Python-Markdown writes it, or None to leave it to Python-Markdown."""
    rows = [row.strip(" ") for row in block.split("\n")]
    if len(rows) < 2 or "`" in block or not all(
        row.startswith("|") and row.endswith("|") and (not row.endswith("\\|") or _END_BORDER.search(row))
        for row in rows
    ):
        return None
    header, separator = _split(rows[0]), _split(rows[1])
    if len(header) < 2 or len(separator) != len(header) or not set("".join(separator)) <= set("|:- "):
        return None
    aligns = [_ALIGNS.get((cell.startswith(":"), cell.endswith(":"))) for cell in separator]  # cells stripped
    out = ["<table>\n<thead>\n", _row(header, aligns, "th"), "</thead>\n<tbody>\n"]
    if rows[2:]:
        out.extend(_row(_split(row), aligns, "td") for row in rows[2:])
    else:  # Python-Markdown's empty row, without alignment
        out.append("<tr>\n" + "<td></td>\n" * len(header) + "</tr>\n")
    out.append("</tbody>\n</table>")
    return "".join(out)


def _row(cells: list[str], aligns: list[str | None], tag: str) -> str:
    cells = cells + [""] * (len(aligns) - len(cells))
    return "<tr>\n" + "".join(
        (f'<{tag} style="text-align: {a};">' if a else f"<{tag}>") + _cell_html(cell, tag) + f"</{tag}>\n"
        for a, cell in zip(aligns, cells, strict=False)
    ) + "</tr>\n"


@kept_for_short_texts(entries=16384, longest=500)
def _cell_html(cell: str, tag: str) -> str:
    """Return a cell's inline HTML as Python-Markdown writes it."""
    if _PLAIN_CELL.match(cell):
        first, *rest = (html.escape(_ESCAPE.sub(r"\1", piece), quote=False) for piece in cell.split("<br>"))
        # Python-Markdown's prettifier: a newline after each <br>, in place of only white space.
        return first + "".join("<br>\n" + (piece if piece.strip() else "") for piece in rest)
    # Anything else (emphasis, links, entities ...): a one-column table through Python-Markdown.
    source = f"| {cell} |\n|---|" if tag == "th" else f"| x |\n|---|\n| {cell} |"
    converted = convert_markdown(source)
    start = converted.index(f"<{tag}>", converted.index("<tbody>") if tag == "td" else 0) + len(tag) + 2
    return converted[start : converted.index(f"</{tag}>", start)]


__all__ = ["make_md_environment", "markdown_document_to_html", "render_markdown"]
