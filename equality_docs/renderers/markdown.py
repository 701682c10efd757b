"""Render a context to Markdown through a Jinja template, escaping every user value."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from equality_docs.errors import TemplateError
from equality_docs.model.values import Prose
from equality_docs.renderers.charts import chart_data_uri
from equality_docs.renderers.prose import escape_markdown, make_markdown, xml_safe
from equality_docs.renderers.templates import describe_jinja_error, make_environment


def _finalize(value: object) -> object:
    """
    Escape every value printed for Markdown. The environment autoescapes, so macro output and
    filter results (Markup) pass through untouched while data is always escaped.
    """
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    if isinstance(value, Prose):
        return Markup(xml_safe(str(value)).strip())
    return Markup(escape_markdown(xml_safe(str(value))))


def _cell(value: object) -> str:
    """Return a value fit for a Markdown table cell: escaped, one line, breaks as <br>."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return Markup("<br>".join(_cell(v) for v in value if v not in (None, "")))
    text = xml_safe(str(value))
    if isinstance(value, Prose):
        return Markup(" ".join(text.split()))
    # Any line break (\r, \r\n, U+2028 ...) would end the table row: each becomes <br>.
    return Markup("<br>".join(escape_markdown(line) for line in text.splitlines()))


def _prose(value: object, prefix: str = "") -> Markup:
    """Return Markdown prose, optionally after a paragraph number."""
    text = "" if value is None else xml_safe(str(value)).strip()
    if prefix:
        text = f"{escape_markdown(prefix)} {text}"
    return Markup(text)


@functools.cache
def make_md_environment(user_dirs: tuple[Path, ...] = ()) -> jinja2.Environment:
    """Return the environment Markdown templates render in (one per set of template folders)."""
    env = make_environment(subfolder="markdown", user_dirs=user_dirs, autoescape=True,
                           finalize=_finalize)
    env.filters["cell"] = _cell
    env.filters["prose"] = _prose
    env.filters["data_uri"] = lambda chart: Markup(chart_data_uri(chart))
    return env


def render_markdown(name: str, context: Mapping[str, Any], *, user_dirs: Sequence[Path] = ()) -> str:
    """
    Return the Markdown for a context.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks.
    """
    env = make_md_environment(tuple(user_dirs))
    try:
        template = env.get_template(name)
    except jinja2.TemplateNotFound:
        raise TemplateError(name, "no template of this name was found") from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or exc.name or name, describe_jinja_error(exc), exc.lineno) from None
    try:
        text = template.render(context)
    except jinja2.TemplateNotFound as exc:
        where, line = _template_line(exc, template.filename or name)
        raise TemplateError(where, f"includes {exc.name!r}, which is not in the template folders", line) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or exc.name or name, describe_jinja_error(exc), exc.lineno) from None
    except jinja2.TemplateError as exc:
        where, line = _template_line(exc, template.filename or name)
        raise TemplateError(where, describe_jinja_error(exc), line) from None
    # Collapse the blank lines that template logic leaves, keeping one between blocks.
    kept: list[str] = []
    for row in text.splitlines():
        if row.strip() or (kept and kept[-1].strip()):
            kept.append(row.rstrip() if not row.endswith("  ") else row)
    return "\n".join(kept).strip() + "\n"


def _template_line(exc: BaseException, default: str) -> tuple[str, int | None]:
    """Return the template file and line where a rendering error happened (the innermost)."""
    tb = exc.__traceback__
    where: tuple[str, int | None] = (default, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return where


def markdown_document_to_html(text: str) -> str:
    """Return the HTML body for a whole Markdown document."""
    return str(make_markdown().convert(text))


__all__ = ["make_md_environment", "markdown_document_to_html", "render_markdown"]
