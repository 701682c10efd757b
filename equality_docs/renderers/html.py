"""Render a context to a complete, accessible HTML page: the Markdown document, in a page template."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from equality_docs.errors import TemplateError
from equality_docs.renderers.markdown import markdown_document_to_html
from equality_docs.renderers.prose import plain_text
from equality_docs.renderers.templates import describe_jinja_error, make_environment

_TABLE = re.compile(r"<table>\s*<thead>(.*?)</thead>", re.DOTALL)


def _accessible_tables(body: str, captions: Sequence[str]) -> str:
    """Give each table a caption and its header cells a scope, as screen readers need."""
    body = body.replace("<th>", '<th scope="col">').replace('<th style="', '<th scope="col" style="')
    pieces = body.split("<table>")
    out = [pieces[0]]
    seen: dict[str, int] = {}
    for index, piece in enumerate(pieces[1:]):
        caption = captions[index] if index < len(captions) else f"Table {index + 1}"
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
    if isinstance(value, str) and not isinstance(value, Markup):
        return plain_text(value)
    return value


@functools.cache
def _page_environment(user_dirs: tuple[Path, ...]) -> jinja2.Environment:
    return make_environment(subfolder="html", user_dirs=user_dirs, autoescape=True, finalize=_safe)


def render_html(
    markdown_text: str,
    context: Mapping[str, Any],
    *,
    captions: Sequence[str] = (),
    user_dirs: Sequence[Path] = (),
) -> str:
    """
    Return an HTML page for a document already rendered to Markdown.

    Raises:
        TemplateError: the page template is missing or broken.
    """
    body = _accessible_tables(markdown_document_to_html(markdown_text), captions)
    env = _page_environment(tuple(user_dirs))
    try:
        page = env.get_template("page.html.j2")
        return page.render({**context, "body": Markup(body)})
    except jinja2.TemplateNotFound:
        raise TemplateError("page.html.j2", "no template of this name was found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.name or "page.html.j2", describe_jinja_error(exc), exc.lineno) from None
    except jinja2.TemplateError as exc:
        raise TemplateError("page.html.j2", describe_jinja_error(exc)) from None
