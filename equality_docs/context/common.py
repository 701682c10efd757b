"""View values shared by several kinds: document details, objectives and actions."""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs.context.children import ChildView, child_views, milestone_line
from equality_docs.context.sections import SectionView
from equality_docs.model import (
    Action,
    ChildKind,
    Contact,
    DocumentControl,
    DocumentStatus,
    EqualityPlan,
    Labels,
    Objective,
    Status,
)
from equality_docs.model.dateprint import styled_day
from equality_docs.model.values import DateContext, Prose, When

#: The words printed at the top of every page of a document that is not yet approved.
STATUS_MARKS = {DocumentStatus.DRAFT: "DRAFT", DocumentStatus.CONSULTATION: "CONSULTATION DRAFT"}


@attrs.frozen(kw_only=True)
class ControlLine:
    """One line of the document-control block: "Version", "2.1"."""

    label: str
    value: str


@attrs.frozen(kw_only=True)
class EditionView:
    """One row of a "Version history" table: the date as written, the version, what changed."""

    date: str
    version: str
    changes: Prose | None


@attrs.frozen(kw_only=True)
class DocumentInfo:
    """The document's title block and the details written into its properties."""

    title: str
    subtitle: str | None
    running_header: str
    organisation: str
    subject: str
    language: str
    period: str | None
    review_frequency: str | None
    version: str | None
    status: str | None
    kind: str
    control: tuple[ControlLine, ...] = ()
    mark: str = ""
    editions: tuple[EditionView, ...] = ()


@attrs.frozen(kw_only=True)
class ActionView:
    """An action as printed in any table or list."""

    ref: str
    text: str
    owner: str
    start: str
    finish: str
    dates: str
    linkages: str
    status: str
    milestones: tuple[str, ...]


@attrs.frozen(kw_only=True)
class ObjectiveView:
    """An objective as printed in any table or list."""

    number: str
    ref: str
    text: str
    service_area: str
    duty_link: str
    characteristics: str
    aim: str
    target_groups: str
    outcome: Prose | None
    owner: str
    start: str
    finish: str
    dates: str
    linkages: str
    status: str
    actions: tuple[ActionView, ...]
    milestones: tuple[str, ...]
    #: The blocks under the objective (actions, evidence, targets...) in the order the plan wrote them.
    children: tuple[ChildView, ...] = ()
    #: In a list of objectives, the sections placed just before this one and just after it (`place: {after: O3}`).
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


def text(value: object) -> str:
    """Return a value as printed text; nothing prints as an empty string, never as "None"."""
    return "" if value is None else str(value)


def opening_capital(value: str) -> str:
    """Return text with its first letter a capital, as a caption standing alone reads ("actions" -> "Actions")."""
    return value[:1].upper() + value[1:]


def shorten(value: str, limit: int) -> str:
    """
    Return text of at most `limit` characters: the whole of it if it fits, else cut at the last
    word boundary that leaves room for an ellipsis, so no word is ever cut through.
    """
    if len(value) <= limit:
        return value
    room = value[: max(limit - 1, 0)]
    if room[-1:].strip() and value[len(room)].strip():  # the room ends inside a word: drop it
        words = room.rsplit(None, 1)
        room = words[0] if len(words) > 1 else ""
    cut = room.rstrip().rstrip(",;:.\u2013-").rstrip()
    return f"{cut}\u2026" if cut else "\u2026"


def owner(name: str | None, division: str | None) -> str:
    """Return an owner as the seeds print one: "Mike Galikowski / TF"."""
    if name and division:
        return f"{name} / {division}"
    return name or division or ""


@attrs.frozen(kw_only=True)
class DateFormat:
    """How one document prints its dates: the plan's `dates` style, and what it says about its years."""

    style: str = "as-written"
    context: DateContext = DateContext()


def date_format(plan: EqualityPlan) -> DateFormat:
    """Return how a plan's documents print their dates."""
    return DateFormat(style=plan.dates.value, context=plan.date_context)


def date_text(value: When | dt.date | str | None, fmt: DateFormat) -> str:
    """
    Return a date as the document prints it, in the plan's one style: every date a context
    prints goes through here. A day (`dt.date`) prints "30 September 2025" (short: "30/09/2025"),
    never in ISO form; a written date prints as `When.styled` says; nothing prints as "".
    """
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return styled_day(value, fmt.style)
    when = value if isinstance(value, When) else When(value)
    return when.styled(fmt.style, fmt.context)


def dates(start: When | None, finish: When | None, fmt: DateFormat, *, joiner: str = " \u2013 ") -> str:
    """Return a date range as printed: both ends, or the one given."""
    if start and finish:
        return f"{date_text(start, fmt)}{joiner}{date_text(finish, fmt)}"
    return date_text(start or finish, fmt)


def contact_line(contact: Contact) -> str:
    """Return a contact on one line: name, role, unit, address, phone and email."""
    parts = (contact.name, contact.role, contact.unit, *contact.address, contact.phone, contact.email)
    return ", ".join(part for part in parts if part)


def control_lines(control: DocumentControl | None, fmt: DateFormat) -> tuple[ControlLine, ...]:
    """
    Return the document-control block: each field the plan holds, in a fixed order, and the
    next review date worked out from the cycle when not given; dates in the document's style.
    Nothing held, nothing printed.
    """
    if control is None:
        return ()

    def _day(day: dt.date) -> str:
        return date_text(day, fmt)

    approved = " on ".join(
        part for part in (control.approved_by, control.approved_on and _day(control.approved_on)) if part
    )
    status = control.status.value[0].upper() + control.status.value[1:] if control.status else None
    due = control.next_review_due
    pairs = (
        ("Owner", control.owner),
        ("Approved by" if control.approved_by else "Approved on", approved),
        ("Version", control.version),
        ("Status", status),
        ("Published", control.published and _day(control.published)),
        ("Last reviewed", control.last_reviewed and _day(control.last_reviewed)),
        ("Next review", due and _day(due)),
        ("Contact", control.contact and contact_line(control.contact)),
        ("Related documents", "; ".join(control.related)),
    )
    return tuple(ControlLine(label=label, value=value) for label, value in pairs if value)


def status_mark(control: DocumentControl | None) -> str:
    """Return the mark every page of a draft carries ("DRAFT"), or "" once approved."""
    if control is None or control.status is None:
        return ""
    return STATUS_MARKS.get(control.status, "")


def document_info(plan: EqualityPlan, *, kind: str, default_title: str) -> DocumentInfo:
    """Return the document details for a kind, from the plan and the kind's default title."""
    control = plan.document
    review = control.review.description if control and control.review else None
    title = plan.title or default_title
    fmt = date_format(plan)
    return DocumentInfo(
        title=title,
        subtitle=plan.subtitle,
        running_header=f"{plan.organisation.name} \u2013 {plan.short_title or title}",
        organisation=plan.organisation.name,
        subject=f"{default_title}: {plan.organisation.name}",
        language=plan.language,
        period=date_text(plan.period, fmt) or None,
        review_frequency=review,
        version=control.version if control else None,
        status=control.status.value if control and control.status else None,
        kind=kind,
        control=control_lines(control, fmt),
        mark=status_mark(control),
        editions=tuple(
            EditionView(date=date_text(e.date, fmt), version=text(e.version), changes=e.changes)
            for e in plan.editions
        ),
    )


def history_captions(info: DocumentInfo, labels: Labels) -> tuple[str, ...]:
    """Return the caption of the version history table, first of a document's tables, where it is printed."""
    return (labels.editions_heading,) if info.editions else ()


def with_characteristic_labels(plan: EqualityPlan) -> EqualityPlan:
    """
    Return the plan with its own label for a characteristic (`characteristics: [{characteristic:
    sex, label: Sex (gender)}]`) on every objective that names it without one, so each cell, group
    and nil return prints the words the plan chose.
    """
    labels = {r.characteristic: r.label for r in plan.characteristics if r.label}

    def labelled(objective: Objective) -> bool:
        return all(r.label or r.characteristic not in labels for r in objective.characteristics)

    if not labels or all(labelled(o) for o in plan.all_objectives()):
        return plan  # no objective takes a label: the plan as it is, not a copy

    def relabel(objective: Objective) -> Objective:
        if labelled(objective):
            return objective
        refs = tuple(
            r if r.label or r.characteristic not in labels else attrs.evolve(r, label=labels[r.characteristic])
            for r in objective.characteristics
        )
        return attrs.evolve(objective, characteristics=refs)

    return plan.map_objectives(relabel)


def characteristics_label(objective: Objective) -> str:
    """Return the characteristics cell: the plan's words, "All protected characteristics", or the names and groups."""
    if objective.characteristics_label:
        names = [objective.characteristics_label]
    elif objective.addresses_all_characteristics:
        names = ["All protected characteristics"]
    else:
        names = [c.printed for c in objective.characteristics]
    return "\n".join([*names, *objective.groups])


def duty_link(objective: Objective) -> str:
    """Return the general-duty cell: the document's wording, "All aims of duty", or the aims."""
    if objective.aims_label:
        return objective.aims_label
    if objective.addresses_all_aims:
        return "All aims of duty"
    return "\n".join(aim.summary for aim in objective.aims)


def objective_status(objective: Objective) -> Status | None:
    """
    Return an objective's status: its own at its latest review, else one taken from its
    actions' statuses. Of the actions with a status: all complete gives complete; else any off
    track gives off track; else any at risk gives at risk; else any on track or complete gives
    on track; else not started. With no status anywhere, None ("Not reviewed").
    """
    if objective.status is not None:
        return objective.status
    statuses = {status for a in objective.actions if (status := a.status) is not None}
    if not statuses:
        return None
    if statuses == {Status.COMPLETE}:
        return Status.COMPLETE
    for status in (Status.OFF_TRACK, Status.AT_RISK):
        if status in statuses:
            return status
    if statuses & {Status.ON_TRACK, Status.COMPLETE}:
        return Status.ON_TRACK
    return Status.NOT_STARTED


def action_view(action: Action, fmt: DateFormat, done: str = "done") -> ActionView:
    """Return an action as printed, its dates in the document's style, a met milestone marked `done`."""
    status = action.status
    return ActionView(
        ref=text(action.ref),
        text=action.text,
        owner=owner(action.owner, action.division),
        start=date_text(action.start, fmt),
        finish=date_text(action.finish, fmt),
        dates=dates(action.start, action.finish, fmt),
        linkages=", ".join(action.linkages),
        status="" if status is None else status.label,
        milestones=tuple(milestone_line(m, lambda day: date_text(day, fmt), done) for m in action.milestones),
    )


def objective_view(
    objective: Objective, fmt: DateFormat, number: str = "", labels: Labels | None = None,
    also: frozenset[ChildKind] = frozenset(),
    placed: frozenset[ChildKind] = frozenset(),
    brief_actions: bool = False,
    written: str | None = None,
) -> ObjectiveView:
    """
    Return an objective as printed, numbered `number` where the layout numbers them, its blocks
    headed by `labels`; `also` names the blocks beyond the detail kinds the layout lists with them,
    `placed` those of the detail kinds it prints in a place of its own; `brief_actions` lists
    actions by their text alone; `written` is its text as the layout prints it, where not as written.
    """
    status = objective_status(objective)
    return ObjectiveView(
        number=number,
        ref=text(objective.ref),
        text=objective.text if written is None else written,
        service_area=text(objective.service_area),
        duty_link=duty_link(objective),
        characteristics=characteristics_label(objective),
        aim=text(objective.aim),
        target_groups="\n".join(objective.target_groups),
        outcome=objective.outcome,
        owner=owner(objective.owner, objective.division),
        start=date_text(objective.start, fmt),
        finish=date_text(objective.finish, fmt),
        dates=dates(objective.start, objective.finish, fmt),
        linkages=", ".join(objective.linkages),
        status="" if status is None else status.label,
        actions=tuple(action_view(a, fmt, (labels or Labels()).milestone_done) for a in objective.actions),
        milestones=tuple(
            milestone_line(m, lambda day: date_text(day, fmt), (labels or Labels()).milestone_done)
            for m in objective.milestones
        ),
        children=child_views(objective, labels or Labels(), lambda day: date_text(day, fmt), also, placed, brief_actions),
    )
