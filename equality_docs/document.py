"""
Making one document: a plan, a kind, a format and template folders in, the document's bytes
(and, for Word, its accessibility findings) out. The steps after checking, one document at a
time: context, render, output check. Writing is the caller's (see `equality_docs.batch`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from equality_docs.errors import UnknownKindError
from equality_docs.kinds import FORMATS, DocumentKind, get_kind, require
from equality_docs.model import EqualityPlan
from equality_docs.sandbox import DEFAULT_SIZE_LIMIT, DEFAULT_TIME_LIMIT, template_limits

if TYPE_CHECKING:
    from equality_docs.check import Finding
    from equality_docs.output.accessibility import OutputFinding

#: Every format a document can be made in: the kinds' own, and PDF (from Word, through LibreOffice).
ALL_FORMATS = (*FORMATS, "pdf")


@attrs.frozen(kw_only=True)
class Made:
    """One document made: its bytes, and what checking the output found (Word only)."""

    data: bytes
    findings: tuple[OutputFinding, ...] = ()

    @property
    def problems(self) -> int:
        """Return how many of the findings are problems (warnings or errors), not notes."""
        return sum(f.severity != "info" for f in self.findings)


def context_dict(context: Any) -> dict[str, Any]:
    """Return a context's fields as the names a template sees."""
    return {field.name: getattr(context, field.name) for field in attrs.fields(type(context))}


def make(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    fmt: str = "docx",
    templates: Sequence[Path | str] = (),
    checked: bool = False,
    time_limit: float = DEFAULT_TIME_LIMIT,
    size_limit: int = DEFAULT_SIZE_LIMIT,
    reference_doc: Path | str | None = None,
) -> Made:
    """
    Return one document of a plan in one format; with `checked`, a Word document comes with
    its accessibility findings (found from the parts in memory, without reading it back).

    Its templates run within `time_limit` seconds and write at most `size_limit` characters.
    A Word document takes the house style of `reference_doc`, else of the plan's `reference_doc`.

    Raises:
        UnknownKindError: the kind or format does not exist.
        InputError: the reference document cannot be read.
        TemplateError: a template or the reference document is missing or broken, or passed a limit.
    """
    chosen = _chosen(kind)
    if fmt not in ALL_FORMATS:
        msg = f"there is no format {fmt!r}; the formats are: {', '.join(ALL_FORMATS)}"
        raise UnknownKindError(msg)
    user_dirs = tuple(Path(t) for t in templates)
    with template_limits(time_limit=time_limit, size_limit=size_limit):
        context = chosen.build_context(plan)
        values = context_dict(context)
        if fmt in ("docx", "pdf"):
            from equality_docs.renderers import docx  # heavy; load on use

            name, properties = chosen.template_name("docx"), _properties(context)
            house = reference_doc if reference_doc is not None else plan.reference_doc
            house_path = None if house is None else Path(house)
            if fmt == "pdf":
                from equality_docs.output.pdf import docx_to_pdf

                return Made(data=docx_to_pdf(docx.render_docx(name, values, properties=properties,
                                                              user_dirs=user_dirs, reference_doc=house_path)))
            if checked:
                data, findings = docx.render_docx_checked(name, values, properties=properties, user_dirs=user_dirs,
                                                          reference_doc=house_path)
                return Made(data=data, findings=tuple(findings))
            return Made(data=docx.render_docx(name, values, properties=properties, user_dirs=user_dirs,
                                              reference_doc=house_path))
        from equality_docs.renderers import html, markdown

        text = markdown.render_markdown(chosen.template_name("md"), values, user_dirs=user_dirs)
        if fmt == "md":
            return Made(data=text.encode("utf-8"))
        return Made(data=html.render_html(text, values, captions=context.captions, user_dirs=user_dirs).encode("utf-8"))


#: The code of a finding about a template the plan needs more of.
UNPRINTED_SECTIONS = "TP001"


def unprinted_sections(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    fmt: str,
    templates: Sequence[Path | str],
    lines: Mapping[tuple[str | int, ...], int] | None = None,
) -> tuple[Finding, ...]:
    """
    Return a warning when the plan has sections placed between objectives that the kind prints
    and the user's template for the format (in `templates`) never names the fields holding them,
    so they would not print (a template copied before they existed): naming the template file,
    where the context holds them, and what to add. Nothing for the built-in templates, which
    print them all.

    Raises:
        TemplateError: the template is missing or broken (as rendering would say).
    """
    from equality_docs.check import Finding, Severity
    from equality_docs.context.sections import beside_paths
    from equality_docs.template_names import markdown_names, word_names

    beside = [n for n, s in enumerate(plan.sections) if s.place is not None and s.place.objective is not None]
    if not templates or not beside:
        return ()
    chosen = _chosen(kind)
    dirs = tuple(Path(t) for t in templates)
    word = fmt in ("docx", "pdf")
    names = word_names(chosen.template_name("docx"), dirs) if word else markdown_names(chosen.template_name("md"), dirs)
    if names.builtin:
        return ()
    missing = [
        path for path in beside_paths(chosen.build_context(plan))
        if path[0] not in names.fields or not set(path[1:]) <= names.attributes
    ]
    if not missing:
        return ()
    unnamed = dict.fromkeys(
        step for path in missing for n, step in enumerate(path)
        if step not in (names.attributes if n else names.fields)
    )
    holder, last = "[].".join(missing[0][:-1]), missing[0][-1]
    add = (f"{{%p if t.{last} %}} {{{{p t.{last}|sections }}}} {{%p endif %}}, each tag in a paragraph of its own," if word
           else f"{{% if t.{last} %}}{{{{ m.sections(t.{last}) }}}}{{% endif %}}")
    path: tuple[str | int, ...] = ("sections", beside[0], "place")
    from equality_docs.load import format_path  # the one way a field's path is written

    return (Finding(
        code=UNPRINTED_SECTIONS, severity=Severity.WARNING, path=format_path(path),
        line=_line_of(lines or {}, path),
        message=(
            f"the template {names.path} names no {', '.join(f'`{n}`' for n in unnamed)}, so the sections placed "
            f"between objectives are left out of the {chosen.name} ({fmt}): it holds them in "
            f"{', '.join('[].'.join(p) for p in missing)}"
        ),
        hint=(
            f"print them where the template prints each `t` of {holder}: {add} where it ends "
            f"(and `t.sections_before` where it starts); docs/templates.md, \"Printing sections\", shows the "
            "loops, or start again from `equality-docs templates export`"
        ),
    ),)


def _line_of(lines: Mapping[tuple[str | int, ...], int], path: tuple[str | int, ...]) -> int | None:
    """Return the line of a field, else of the nearest field holding it."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None


def _chosen(kind: str | DocumentKind) -> DocumentKind:
    """
    Return the kind of a name, or the kind itself.

    Raises:
        UnknownKindError: there is no kind of that name.
    """
    return get_kind(kind) if isinstance(kind, str) else kind


def _properties(context: Any) -> Any:
    """Return the Word document properties for a kind's context."""
    from equality_docs.renderers.docx import DocumentProperties

    info = context.document
    return DocumentProperties(
        title=info.title, subject=info.subject, author=info.organisation,
        language=info.language, keywords="equality; Public Sector Equality Duty",
    )


def render(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    fmt: str = "docx",
    templates: Sequence[Path | str] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
    reference_doc: Path | str | None = None,
) -> bytes:
    """
    Return one document of a plan, rendered in one format.

    Args:
        plan: the plan.
        kind: a kind name such as "psed-statement", or a `DocumentKind`.
        fmt: "docx", "md", "html", or "pdf" (tagged PDF through LibreOffice).
        templates: folders searched for templates before the built-in ones.
        time_limit: seconds the document's templates may run (default 60).
        reference_doc: a Word file whose styles, theme, page size and margins, header and footer
            a Word (or PDF) document takes; default, the plan's `reference_doc` (which `load`
            names relative to the plan file), if any.

    Raises:
        UnknownKindError: the kind or format does not exist.
        InputError: the plan holds nothing the kind can print (the message names the fields it
            needs), or the kind is worded for another nation's specific duties (the message names
            the kinds that fit); or the reference document cannot be read.
        TemplateError: a template or the reference document is missing or broken, or ran past a limit.
    """
    require(_chosen(kind), plan, None)
    return make(plan, kind=kind, fmt=fmt, templates=templates, time_limit=time_limit, reference_doc=reference_doc).data


def render_checked(
    plan: EqualityPlan,
    *,
    kind: str | DocumentKind,
    templates: Sequence[Path | str] = (),
    time_limit: float = DEFAULT_TIME_LIMIT,
    reference_doc: Path | str | None = None,
) -> tuple[bytes, tuple[OutputFinding, ...]]:
    """
    Return one Word document of a plan with its accessibility findings (those `check_docx`
    gives for the bytes, found without reading them back); `reference_doc` as for `render`.

    Raises:
        UnknownKindError: the kind does not exist.
        InputError: the plan holds nothing the kind can print, or the kind is worded for another
            nation's specific duties (as for `render`); or the reference document cannot be read.
        TemplateError: a template or the reference document is missing or broken, or ran past a limit.
    """
    require(_chosen(kind), plan, None)
    made = make(plan, kind=kind, fmt="docx", templates=templates, checked=True, time_limit=time_limit,
                reference_doc=reference_doc)
    return made.data, made.findings
