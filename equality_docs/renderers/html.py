"""
Render a context to a complete, accessible HTML page: the Markdown document, in a page template.

The page prints the draft mark (its banner) and the organisation (its header) once: the lines
the Markdown document opens with to say the same (before its first heading) are left out of
the page's body.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from equality_docs.renderers.markdown import markdown_document_to_html
from equality_docs.renderers.prose import plain_text
from equality_docs.renderers.templates import make_environment, render_template

#: A paragraph at the start of the body: its inner HTML.
_OPENING = re.compile(r"\s*<p>(.*?)</p>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
#: The Markdown templates open a table's group row with this comment (`table_row`), which user
#: text cannot hold (its "<" is escaped); it is read as a character user text cannot hold either.
_GROUP_MARK, _MARK = "\n| <!-- group --> ", "\x1f"
#: A group row as Python-Markdown writes it: its name in bold (perhaps a nil return under it),
#: every other cell empty.
_GROUP_ROW = re.compile("<tr>\n<td>\x1f<strong>((?:(?!</td>).)*?)</strong>((?:(?!</td>).)*)</td>\n((?:<td></td>\n)*)</tr>", re.DOTALL)
#: A paragraph only in bold at the end of some HTML: its text.
_BOLD_LAST = re.compile(r"<p><strong>([^<]*)</strong></p>\s*\Z")


def _without_page_lines(body: str, context: Mapping[str, Any]) -> str:
    """Return the body without the paragraphs before its first heading that say only what the page's
    banner and header print already: the draft mark and the organisation's name."""
    document = context.get("document")
    said = {str(getattr(document, name, "") or "").strip() for name in ("mark", "organisation")} - {""}
    start = 0
    while said and (found := _OPENING.match(body, start)):
        text = html.unescape(_TAG.sub("", found.group(1))).strip()
        if text not in said:
            break
        said.discard(text)
        start = found.end()
    return body[start:].lstrip("\n")


def _group_rows(body: str) -> str:
    """Return the body with each table's group row (its mark) as one header cell across the row,
    scoped to the rows under it, as screen readers need."""
    def row(found: re.Match[str]) -> str:
        span = 1 + found[3].count("<td>")
        return f'<tr>\n<th colspan="{span}" scope="colgroup">{found[1]}{found[2]}</th>\n</tr>'

    return _GROUP_ROW.sub(row, body).replace(_MARK, "") if _MARK in body else body


def _accessible_tables(body: str, captions: Sequence[str]) -> str:
    """Give each table a caption and its header cells a scope, as screen readers need."""
    body = body.replace("<th>", '<th scope="col">').replace('<th style="', '<th scope="col" style="')
    body = _group_rows(body)
    pieces = body.split("<table>")
    out = [pieces[0]]
    seen: dict[str, int] = {}
    for index, piece in enumerate(pieces[1:]):
        caption = captions[index] if index < len(captions) else f"Table {index + 1}"
        # The Markdown document's title over a table, a paragraph only in bold: the caption prints it.
        found = _BOLD_LAST.search(out[-1])
        if found and html.unescape(found.group(1)).strip() == caption.strip():
            out[-1] = out[-1][: found.start()]
        # Each region needs its own name: a repeated caption is numbered.
        seen[caption] = seen.get(caption, 0) + 1
        if seen[caption] > 1:
            caption = f"{caption} ({seen[caption]})"
        out.append(
            f'<div class="table-wrap" role="region" aria-label="{escape(caption)}"'
            f' tabindex="0"><table>\n<caption>{escape(caption)}</caption>'
            + piece.replace("</table>", "</table></div>", 1)
        )
    return "".join(out)


def _safe(value: object) -> object:
    """Print plain text as every format does (`plain_text`): without characters XML cannot hold."""
    return plain_text(value) if isinstance(value, str) and not isinstance(value, Markup) else value


@functools.cache
def _page_environment(user_dirs: tuple[Path, ...]) -> jinja2.Environment:
    return make_environment(subfolder="html", user_dirs=user_dirs, autoescape=True, finalize=_safe)


def render_html(
    markdown_text: str, context: Mapping[str, Any], *, captions: Sequence[str] = (),
    user_dirs: Sequence[Path] = (),
) -> str:
    """
    Return an HTML page for a document already rendered to Markdown.

    Raises:
        TemplateError: the page template is missing or broken.
    """
    body = markdown_document_to_html(markdown_text.replace(_GROUP_MARK, f"\n| {_MARK}"))
    body = _accessible_tables(_without_page_lines(body, context), captions)
    page_context = {**context, "body": Markup(body)}
    return render_template(_page_environment(tuple(user_dirs)), "page.html.j2", page_context)
