"""The pipeline as functions: load a plan, build a kind's context, render it, write it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from equality_docs.errors import EqualityDocsError, UnknownKindError
from equality_docs.kinds import FORMATS, DocumentKind, get_kind
from equality_docs.model import EqualityPlan

if TYPE_CHECKING:
    from equality_docs.accessibility import OutputFinding


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
        fmt: "docx", "md", "html", or "pdf" (tagged PDF through LibreOffice).
        templates: folders searched for templates before the built-in ones.

    Raises:
        UnknownKindError: the kind or format does not exist.
        TemplateError: a template is missing or broken.
    """
    from equality_docs.renderers import docx, html, markdown  # heavy; load on use

    chosen = get_kind(kind) if isinstance(kind, str) else kind
    if fmt == "pdf":
        from equality_docs.renderers.pdf import docx_to_pdf

        return docx_to_pdf(render(plan, kind=chosen, fmt="docx", templates=templates))
    if fmt not in FORMATS:
        msg = f"there is no format {fmt!r}; the formats are: {', '.join(FORMATS)}"
        raise UnknownKindError(msg)
    user_dirs = tuple(Path(t) for t in templates)
    context = chosen.build_context(plan)
    values = context_dict(context)
    if fmt == "docx":
        return docx.render_docx(
            chosen.template_name("docx"), values, properties=_properties(context), user_dirs=user_dirs
        )
    text = markdown.render_markdown(chosen.template_name("md"), values, user_dirs=user_dirs)
    if fmt == "md":
        return text.encode("utf-8")
    page = html.render_html(text, values, captions=context.captions, user_dirs=user_dirs)
    return page.encode("utf-8")


def _properties(context: Any) -> Any:
    """Return the Word document properties for a kind's context."""
    from equality_docs.renderers.docx import DocumentProperties

    info = context.document
    return DocumentProperties(
        title=info.title, subject=info.subject, author=info.organisation,
        language=info.language, keywords="equality; Public Sector Equality Duty",
    )


def render_checked(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    templates: Sequence[Path | str] = (),
) -> tuple[bytes, tuple[OutputFinding, ...]]:
    """
    Return one Word document of a plan with its accessibility findings (those `check_docx`
    gives for the bytes, found without reading them back).

    Raises:
        UnknownKindError: the kind does not exist.
        TemplateError: a template is missing or broken.
    """
    from equality_docs.renderers import docx  # heavy; load on use

    chosen = get_kind(kind) if isinstance(kind, str) else kind
    context = chosen.build_context(plan)
    return docx.render_docx_checked(
        chosen.template_name("docx"), context_dict(context), properties=_properties(context),
        user_dirs=tuple(Path(t) for t in templates),
    )


def render_all(
    plans: Iterable[tuple[str, EqualityPlan]],
    *,
    out: Path,
    kinds: Sequence[str] = (),
    formats: Sequence[str] = FORMATS,
    templates: Sequence[Path | str] = (),
    replace: bool = False,
    processes: int | None = 1,
) -> Iterator[Path]:
    """
    Render many plans into a folder, yielding each file as it is written.

    Args:
        plans: (name, plan) pairs; files are named `<name>.<kind>.<format>`.
        out: the folder (created if missing; equality_docs may replace files in a folder it created).
        kinds: the kinds to render; default, every kind each plan can produce.
        formats: the formats.
        templates: folders searched for templates before the built-in ones.
        replace: whether existing files may be replaced in any folder.
        processes: worker processes; None for one per core.

    Raises:
        EqualityDocsError: the first document that could not be made (those before it are written).
    """
    from equality_docs.batch import Job, run_jobs
    from equality_docs.kinds import kinds_for
    from equality_docs.write import prepare_folder

    owned = prepare_folder(out)
    jobs = [
        Job(plan=plan, kind=kind.name, fmt=fmt, path=out / f"{name}.{kind.name}.{fmt}",
            templates=tuple(Path(t) for t in templates), replace=replace or owned)
        for name, plan in plans
        for kind in ([get_kind(k) for k in kinds] or list(kinds_for(plan)))
        for fmt in formats
    ]
    for outcome in run_jobs(jobs, processes=processes):
        if outcome.error is not None:
            raise EqualityDocsError(outcome.error)
        yield outcome.path
