"""The pipeline as functions: load a plan, build a kind's context, render it, write it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from equality_docs.errors import UnknownKindError
from equality_docs.kinds import FORMATS, DocumentKind, get_kind
from equality_docs.model import EqualityPlan


def context_dict(context: Any) -> dict[str, Any]:
    """Return a context's fields as the names a template sees."""
    return {field.name: getattr(context, field.name) for field in attrs.fields(type(context))}


def render(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    fmt: str = "docx",
    templates: Sequence[Path | str] = (),
) -> bytes:
    """
    Return one document of a plan, rendered in one format.

    Args:
        plan: the plan.
        kind: a kind name such as "psed-statement", or a `DocumentKind`.
        fmt: "docx", "md" or "html".
        templates: folders searched for templates before the built-in ones.

    Raises:
        UnknownKindError: the kind or format does not exist.
        TemplateError: a template is missing or broken.
    """
    from equality_docs.renderers import docx, html, markdown  # noqa: PLC0415  # heavy; load on use

    chosen = get_kind(kind) if isinstance(kind, str) else kind
    if fmt not in FORMATS:
        msg = f"there is no format {fmt!r}; the formats are: {', '.join(FORMATS)}"
        raise UnknownKindError(msg)
    user_dirs = tuple(Path(t) for t in templates)
    context = chosen.build_context(plan)
    values = context_dict(context)
    if fmt == "docx":
        info = context.document
        properties = docx.DocumentProperties(
            title=info.title, subject=info.subject, author=info.organisation,
            language=info.language, keywords="equality; Public Sector Equality Duty",
        )
        return docx.render_docx(
            chosen.template_name("docx"), values, properties=properties, user_dirs=user_dirs
        )
    text = markdown.render_markdown(chosen.template_name("md"), values, user_dirs=user_dirs)
    if fmt == "md":
        return text.encode("utf-8")
    page = html.render_html(text, values, captions=context.captions, user_dirs=user_dirs)
    return page.encode("utf-8")
