"""
Making one document: a plan, a kind, a format and template folders in, the document's bytes
(and, for Word, its accessibility findings) out. The steps after checking, one document at a
time: context, render, output check. Writing is the caller's (see `equality_docs.batch`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from equality_docs.collector import collected_apart, paused_collector
from equality_docs.errors import UnknownKindError
from equality_docs.kinds import FORMATS, DocumentKind, get_kind, require
from equality_docs.model import EqualityPlan
from equality_docs.sandbox import DEFAULT_SIZE_LIMIT, DEFAULT_TIME_LIMIT, template_limits

if TYPE_CHECKING:
    from equality_docs.check import Finding
    from equality_docs.model import Place
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


#: A plan of this many objectives, actions and measures (of its own) or more has its values left out of
#: the collector's looking while its templates run; for a smaller one that costs more than it saves
#: (asking whether anything is frozen already walks what is).
LARGE_PLAN = 1_000


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
    with template_limits(time_limit=time_limit, size_limit=size_limit), contextlib.ExitStack() as rendering:
        with paused_collector():  # not while a template runs: a template's cycles are collected as it runs
            context = chosen.build_context(plan)
        values = context_dict(context)
        if len(plan.objectives) + len(plan.actions) + len(plan.measures) >= LARGE_PLAN:
            rendering.enter_context(collected_apart())  # the plan and its context, from here on
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
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> tuple[Finding, ...]:
    """
    Return a warning for each section the plan places (`place:`) that the kind prints (its
    context holds it, and the built-in templates print all their context's sections) but the
    user's template for the format (in `templates`) would not: found by making the document
    through it, each placed section's title marked, and looking for each mark. Each warning names the template file, the section, its `place`
    field (at its line in `lines`) and where to print it. Nothing for the built-in templates,
    and nothing for a template that cannot be read or run: making the document says what is
    wrong with it, at its file and line.
    """
    from equality_docs.check import Finding, Severity
    from equality_docs.errors import EqualityDocsError
    from equality_docs.load import format_path  # the one way a field's path is written
    from equality_docs.renderers.templates import builtin_templates, find_template

    placed = [(n, s.title, s.place) for n, s in enumerate(plan.sections) if s.place is not None]
    if not templates or not placed:
        return ()
    chosen = _chosen(kind)
    family = "docx" if fmt in ("docx", "pdf") else "md"
    dirs = tuple(Path(t) for t in templates)
    marked = attrs.evolve(plan, sections=tuple(
        attrs.evolve(s, title=_mark(n)) if s.place is not None else s for n, s in enumerate(plan.sections)
    ))
    try:
        path = find_template(chosen.template_name(family), "docx" if family == "docx" else "markdown", dirs)
        if path.resolve().is_relative_to(builtin_templates().resolve()):
            return ()
        theirs = _text(make(marked, kind=chosen, fmt=family, templates=dirs, time_limit=time_limit).data, family)
    except EqualityDocsError:
        return ()  # the template's own fault: making the document reports it
    context = chosen.build_context(marked)  # what the built-in templates print, each section the context holds
    found: list[Finding] = []
    for n, title, place in placed:
        holder = _holder(context, _mark(n))
        if not holder or _mark(n) in theirs:
            continue
        where = ("sections", n, "place")
        found.append(Finding(
            code=UNPRINTED_SECTIONS, severity=Severity.WARNING, path=format_path(where),
            line=_line_of(lines or {}, where),
            message=(
                f"the template {path} does not print the section "
                f"{title or f'number {n + 1}'!r}, placed {_placed(place)}, so the {chosen.name} "
                f"in {'Word (.docx, .pdf)' if family == 'docx' else 'Markdown (.md, .html)'} would leave it out"
            ),
            hint=_where_to_print(holder, place.side.value, family),
        ))
    return tuple(found)


def _mark(n: int) -> str:
    """Return the title a placed section takes while the templates are tried: letters and digits, never escaped."""
    return f"EQDOCSPLACED{n}X"


def _text(data: bytes, family: str) -> str:
    """Return a document's text to look for marks in: a Markdown file's, or the XML of a Word file's parts."""
    if family == "md":
        return data.decode("utf-8")
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as parts:
        return "".join(
            parts.read(name).decode("utf-8", "replace") for name in parts.namelist() if name.endswith(".xml")
        )


def _placed(place: Place) -> str:
    """Return where a section is placed, in words: "after objective o2", "before the objectives"."""
    if place.objective is None:
        return f"{place.side.value} the objectives"
    return f"{place.side.value} objective {place.objective}"


def _holder(context: object, mark: str) -> tuple[str, ...]:
    """Return the path of field names (through lists) of the list of sections that holds the marked section; () for none."""
    from equality_docs.context.sections import SectionView

    def walk(value: object, path: tuple[str, ...]) -> tuple[str, ...] | None:
        if isinstance(value, tuple):
            if any(isinstance(item, SectionView) and item.title == mark for item in value):
                return path
            return next((p for item in value if (p := walk(item, path)) is not None), None)
        if attrs.has(type(value)) and not isinstance(value, SectionView):
            for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # an attrs class, as attrs.has said
                if (p := walk(getattr(value, field.name), (*path, field.name))) is not None:
                    return p
        return None

    return walk(context, ()) or ()


def _where_to_print(holder: tuple[str, ...], side: str, family: str) -> str:
    """Return how to print the list of sections at `holder` (its path in the context; at the top, `side` of the objectives), in the format's tags."""
    docs = "docs/templates.md, \"Printing sections\", shows the loops, or start again from `equality-docs templates export`"
    last = holder[-1]
    if len(holder) == 1:
        field, where = last, f"{side} the objectives"
    else:
        field = f"t.{last}"
        where = f"where the template prints each `t` of {'[].'.join(holder[:-1])}"
    tags = (f"{{%p if {field} %}} {{{{p {field}|sections }}}} {{%p endif %}}, each tag in a paragraph of its own"
            if family == "docx" else f"{{% if {field} %}}{{{{ m.sections({field}) }}}}{{% endif %}}")
    return f"print `{'[].'.join(holder)}` {where}: {tags}; {docs}"


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
