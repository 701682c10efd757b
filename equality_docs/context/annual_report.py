"""
The annual equality report: progress against the plan, measures against targets, coverage of
the duty, and the equality information the organisation publishes. No seed shows it; it is laid
out for a scrutiny committee and the public: summary first, then detail, then the data.

An objective with no status of its own at its latest review takes one from its actions
(`common.objective_status`): all complete -> complete; else any off track -> off track; else any
at risk -> at risk; else any on track or complete -> on track; else not started. With no status
anywhere it is judged by its measures' latest results where they have any ("KPI 1 met the target
in 2025/26"), left out of the status counts; else it is "Not reviewed". Tables with no rows, and
counts of nothing, are left out: coverage of the characteristics (or aims) where no objective
records any.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import attrs

from equality_docs.charts import ChartData
from equality_docs.context.children import ChildView, child_views
from equality_docs.context.common import (
    DateFormat,
    DocumentInfo,
    date_format,
    date_text,
    document_info,
    history_captions,
    objective_status,
    opening_capital,
    owner,
    shorten,
    text,
)
from equality_docs.context.comparison import ComparisonRow, measure_rows, objective_rows
from equality_docs.context.grouping import as_rows, objective_groups
from equality_docs.context.information import InformationTable, information_tables
from equality_docs.context.refs import labelled
from equality_docs.context.report_tables import (
    COVERAGE_HEADERS,
    OWN_HEADERS,
    PROGRESS_HEADERS,
    RESULT_HEADERS,
    CoverageRow,
    ProgressPart,
    coverage,
    measured_words,
    own_table,
    progress_parts,
    progress_rows_table,
)
from equality_docs.context.sections import SectionView, beside, placed_sections, slot
from equality_docs.context.tables import (
    TableView,
    build_table,
    table_values,
)
from equality_docs.model import (
    Action,
    Assessment,
    ChildKind,
    EqualityPlan,
    Labels,
    Objective,
    PerformanceMeasure,
    Result,
    Status,
    assess,
)
from equality_docs.model.information import SUPPRESSED
from equality_docs.model.progress import latest
from equality_docs.model.values import Prose, When

TITLE = "Equality Annual Report"
SLOTS = ("introduction",)
#: The blocks under an objective this report prints in a place of its own (its measures table).
_PLACED = frozenset({ChildKind.MEASURES})
#: The columns of the plan's own actions when its `tables:` does not choose them: their progress.
PLAN_ACTION_COLUMNS = ("ref", "text", "owner", "status", "progress")


@attrs.frozen(kw_only=True)
class StatusCount:
    """A status and how many objectives and actions stand at it."""

    status: str
    rag: str
    fill: str
    objectives: int
    actions: int


@attrs.frozen(kw_only=True)
class ActionProgress:
    """An action's latest status and commentary."""

    ref: str
    text: str
    owner: str
    status: str
    commentary: str


@attrs.frozen(kw_only=True)
class ObjectiveProgress:
    """An objective's latest status, commentary and evidence, with its actions."""

    heading: str
    status: str
    reviewed: str
    commentary: Prose | None
    evidence: tuple[str, ...]
    actions: tuple[ActionProgress, ...]
    #: The same actions as the plan's `tables: progress:` chooses their columns (else reference,
    #: action, responsible, status and commentary); no rows where it has no actions.
    table: TableView
    #: The objective's other blocks (success criteria, targets...) in the order the plan wrote them.
    details: tuple[ChildView, ...] = ()
    #: The sections placed just before the objective (before its heading) and just after it (after its table).
    sections_before: tuple[SectionView, ...] = ()
    sections_after: tuple[SectionView, ...] = ()


@attrs.frozen(kw_only=True)
class ProgressGroup:
    """
    One group of the objectives' progress: its heading (empty when the plan names no grouping:
    then one group holds every objective), what it prints when empty, and its objectives.
    """

    heading: str
    empty: str
    objectives: tuple[ObjectiveProgress, ...]


@attrs.frozen(kw_only=True)
class MeasureRow:
    """One measure in one period: baseline, target, actual and whether it was met."""

    ref: str
    description: str
    period: str
    baseline: str
    target: str
    actual: str
    result: str


@attrs.frozen(kw_only=True)
class AnnualReportContext:
    """What the annual report templates receive."""

    document: DocumentInfo
    period: str
    reviewed_on: str
    illustrative: str
    introduction: SectionView
    summary: str
    measures_summary: str
    status_counts: tuple[StatusCount, ...]
    #: Objectives reviewed in two years, and measures with results for two periods: the last
    #: beside the latest, and the change (nothing for an item with one period).
    objective_comparisons: tuple[ComparisonRow, ...]
    measure_comparisons: tuple[ComparisonRow, ...]
    objectives: tuple[ObjectiveProgress, ...]
    #: The objectives' progress in the plan's groups (one unnamed group when it names none; none
    #: when the plan groups them as rows, which `progress_table` prints).
    objective_groups: tuple[ProgressGroup, ...]
    #: Grouped as rows (`grouping: {show: rows}`): every objective's actions in one table, a group
    #: row over each group's rows; else None.
    progress_table: TableView | None
    #: The same table as printed: cut where a section is placed between two objectives, each part
    #: with the sections before and after it (one part, the whole table, when none is); else empty.
    progress_parts: tuple[ProgressPart, ...]
    #: The plan's own actions (under no objective) and their progress, as one table.
    tables: tuple[TableView, ...]
    measure_rows: tuple[MeasureRow, ...]
    #: The status counts, the measures' rows, the characteristics' and the aims' coverage, as the
    #: plan's `tables:` (`status_summary:`, `results:`, `characteristic_coverage:`, `aim_coverage:`)
    #: chooses their columns.
    status_table: TableView
    results_table: TableView
    characteristic_table: TableView
    aim_table: TableView
    charts: tuple[ChartData, ...]
    characteristic_coverage: tuple[CoverageRow, ...]
    aim_coverage: tuple[CoverageRow, ...]
    information: tuple[InformationTable, ...]
    suppression_note: str
    #: Sections printed before the objectives (`place: before`), nested ones flattened after their parent.
    sections_before: tuple[SectionView, ...]
    #: Sections printed at the end, after the objectives.
    sections: tuple[SectionView, ...]
    captions: tuple[str, ...]
    labels: Labels


#: The longest a table caption runs before it is shortened at a word boundary.
CAPTION_LIMIT = 80

_FILLS = {"Green": "C6EFCE", "Amber": "FFEB9C", "Red": "FFC7CE", "Grey": "EDEDED"}


_NEUTRAL = Labels()


def status_words(status: Status | None, labels: Labels = _NEUTRAL) -> str:
    """Return a status in the plan's words with its rating: "On track (Green)"; never colour alone."""
    if status is None:
        return labels.status_not_reviewed
    word: str = getattr(labels, f"status_{status.name.lower()}")
    return f"{word} ({status.rag})"


def _objective_cells(
    objective: Objective, fields: dict[str, Callable[[Objective], str]]
) -> dict[str, Callable[[Action], str]]:
    """Return the getters of an objective's own fields as its actions' rows print them: the same on every row."""
    def same(get: Callable[[Objective], str]) -> Callable[[Action], str]:
        return lambda _: get(objective)

    return {field: same(get) for field, get in fields.items()}




def _periods(measure: PerformanceMeasure, fmt: DateFormat) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for value in (*measure.targets, *measure.actuals):
        seen.setdefault(value.period, len(seen))
    starts = {p: (covered[0] if (covered := When(p).span_in(fmt.context)) else None) for p in seen}
    return tuple(sorted(seen, key=lambda p: (starts[p] is None, starts[p], seen[p])))


def _chart(measure: PerformanceMeasure, fmt: DateFormat) -> ChartData | None:
    periods = _periods(measure, fmt)
    targets = tuple(
        t.number if (t := measure.target_for(p)) is not None and not t.is_change else None for p in periods
    )
    actuals = tuple(a.number if (a := measure.actual_for(p)) is not None else None for p in periods)
    if not any(v is not None for v in actuals):
        return None
    name = f"{measure.ref} {measure.description}".strip()
    points = "; ".join(
        f"{date_text(p, fmt)}: target {text(measure.target_for(p)) or 'none'}, actual {text(measure.actual_for(p)) or 'not reported'}"
        for p in periods
    )
    better = f" {measure.direction.value.capitalize()} is better." if measure.direction else ""
    return ChartData(
        title=name, periods=tuple(date_text(p, fmt) for p in periods), targets=targets, actuals=actuals,
        unit=measure.unit or "", alt=f"Line chart of {name}, target against actual by period. {points}.{better}",
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _summary(objectives: int, actions: int, on_track: int, labels: Labels) -> str:
    """Return the opening sentence, leaving out any count of nothing; objectives in the plan's word."""
    held = [
        f"{objectives} {labels.report_objective if objectives == 1 else labels.report_objectives}",
        _plural(actions, "action"),
    ]
    held = [words for words, n in zip(held, (objectives, actions), strict=True) if n]
    if not held:
        return ""
    sentence = f"The plan has {' and '.join(held)}"
    if on_track:
        verb = "is" if on_track == 1 else "are"
        sentence += f"; {on_track} of the {labels.report_objectives} {verb} on track or complete"
    return sentence + "."


def _measures_summary(met: int, not_met: int, pending: int, unassessed: int) -> str:
    """Return the sentence on results due, naming only the outcomes that occurred."""
    due = met + not_met + pending + unassessed
    if not due:
        return ""
    parts = [
        part for n, part in (
            (met, f"{met} met the target"),
            # "did not" reads only after "N met the target"; alone it names the target itself.
            (not_met, f"{not_met} did not" if met else f"{not_met} did not meet the target"),
            (pending, f"{pending} {'is' if pending == 1 else 'are'} not yet reported"),
            (unassessed, f"{unassessed} cannot be compared with a target"),
        ) if n
    ]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" and {parts[-1]}"
    return f"Of {_plural(due, 'result')} due, {listed}."


def build(plan: EqualityPlan) -> AnnualReportContext:
    """Return the annual report view of a plan and its progress."""
    objectives = [o for o in plan.all_objectives() if not o.retired]
    actions = [*(a for o in objectives for a in o.actions), *plan.actions]
    review = max(plan.reviews, key=lambda r: r.on, default=None)
    fmt = date_format(plan)
    period = date_text(review.period if review and review.period else plan.period, fmt)
    info = document_info(plan, kind="annual-report", default_title=TITLE)
    if not plan.title:  # the plan's own title, as every kind takes it; else the period's report
        info = attrs.evolve(info, title=f"{TITLE} {period}".strip())
    reported_by = review.on if review else None
    judged: dict[int, Assessment] = {}  # by measure: its latest result reported
    for measure in (*(m for o in objectives for m in o.measures), *plan.measures):
        for when in _periods(measure, fmt):
            if measure.actual_for(when) is not None:
                judged[id(measure)] = assess(measure, when)
    # Each objective's and action's status, worked out once: the counts, the summary and the tables read them.
    statuses = {id(o): objective_status(o) for o in objectives}
    action_statuses = [a.status for a in actions]

    def known_status(objective: Objective) -> Status | None:
        return statuses[id(objective)] if id(objective) in statuses else objective_status(objective)

    # With no status, an objective whose measures have results is judged by them, not "Not reviewed".
    by_results = {id(o): words for o in objectives if statuses[id(o)] is None
                  and (words := measured_words(o, judged, lambda p: date_text(p, fmt)))}

    def status_of(objective: Objective) -> str:
        return by_results.get(id(objective)) or status_words(known_status(objective), plan.labels)

    counts = []
    for status in (*Status, None):
        n_obj = sum(1 for o in objectives if statuses[id(o)] is status and id(o) not in by_results)
        n_act = sum(1 for s in action_statuses if s is status)
        if n_obj or n_act:
            rag = status.rag if status else "Grey"
            counts.append(StatusCount(status=status_words(status, plan.labels), rag=rag, fill=_FILLS[rag],
                                      objectives=n_obj, actions=n_act))
    rows: list[MeasureRow] = []
    results: list[Result] = []
    charts: list[ChartData] = []
    for measure in (*(m for o in objectives for m in o.measures), *plan.measures):
        for when in _periods(measure, fmt):
            covers = When(when).span_in(fmt.context)
            start = covers[0] if covers else None
            if measure.actual_for(when) is None and reported_by and start and start > reported_by:
                continue  # a later year's target: not due yet, so not reported on
            assessment = assess(measure, when)
            results.append(assessment.result)
            rows.append(MeasureRow(
                ref=measure.ref, description=measure.description, period=date_text(when, fmt),
                baseline=text(measure.baseline), target=text(assessment.target),
                actual=text(assessment.actual), result=assessment.result.label,
            ))
        if chart := _chart(measure, fmt):
            charts.append(chart)
    met = results.count(Result.MET)
    not_met = results.count(Result.NOT_MET)
    pending = results.count(Result.NO_RESULT)
    on_track = sum(1 for o in objectives if statuses[id(o)] in (Status.ON_TRACK, Status.COMPLETE))
    characteristic_coverage, aim_coverage = coverage(objectives, {r.characteristic: r.name for r in plan.listed_characteristics()})
    values = table_values(plan, fmt)
    information = information_tables(plan, values)
    progress_cells: dict[str, Callable[[Action], str]] = {
        "status": lambda a: status_words(a.status, plan.labels),
        "progress": lambda a: text(n.text) if (n := latest(a.progress, fmt.context)) else "",
    }
    of_objective: dict[str, Callable[[Objective], str]] = {
        "objective": labelled, "objective_status": status_of,
    }
    progress = []
    for o in objectives:
        note = latest(o.progress, fmt.context)
        listed = tuple(
            ActionProgress(
                ref=text(a.ref), text=a.text, owner=owner(a.owner, a.division),
                status=status_words(a.status, plan.labels),
                commentary=text(n.text) if (n := latest(a.progress, fmt.context)) else "",
            )
            for a in o.actions
        )
        progress.append(ObjectiveProgress(
            heading=labelled(o),
            status=status_of(o),
            reviewed=date_text(note.on, fmt) if note else "",
            commentary=note.text if note else None,
            evidence=note.evidence if note else (),
            actions=listed,
            table=build_table(
                "progress", o.actions, plan=plan, values=values, heading="Actions",
                caption=f"{shorten(labelled(o), CAPTION_LIMIT)}: actions",
                field_cells={**progress_cells, **_objective_cells(o, of_objective)},
                field_headers={**PROGRESS_HEADERS, **OWN_HEADERS},
            ),
            details=child_views(o, plan.labels, lambda day: date_text(day, fmt), placed=_PLACED),
        ))
    found = objective_groups(plan, objectives)
    grouped = [g for g in found if g.name or g.members]
    placed = placed_sections(
        plan, "annual-report", slots=SLOTS, printed=[objectives[i] for g in grouped for i in g.members],
        # At the level of the objectives' own headings; grouped as rows, a level below the progress heading.
        level=3 if plan.grouping and not as_rows(plan) else 2,
    )
    seen: set[int] = set()
    # Grouped as rows, one table holds every objective's actions, cut where a section is placed between two.
    progress_table = progress_rows_table(
        plan, objectives, found, values, action_fields=progress_cells, objective_fields=of_objective,
        caption=f"{plan.labels.report_progress_heading}",
    ) if as_rows(plan) and objectives else None
    parts = progress_parts(progress_table, objectives, found, placed, seen) if progress_table else ()
    groups = () if progress_table else tuple(
        ProgressGroup(
            heading=g.name, empty=plan.grouping.empty if plan.grouping else "",
            objectives=tuple(beside(progress[i], placed.first_around(objectives[i], seen)) for i in g.members),
        )
        for g in grouped
    )
    own = build_table(
        "actions", plan.actions, plan=plan, values=values,
        heading=plan.labels.actions_heading, caption=opening_capital(plan.labels.actions_caption),
        defaults=PLAN_ACTION_COLUMNS,
    )
    tables = (own,) if own.rows else ()
    compared_objectives = objective_rows(objectives, fmt)
    compared_measures = measure_rows((*(m for o in objectives for m in o.measures), *plan.measures), fmt)
    objectives_word = plan.labels.report_objectives[:1].upper() + plan.labels.report_objectives[1:]
    status_caption = f"{objectives_word} and actions by status"
    captions = (
        *history_captions(info, plan.labels),
        *((status_caption,) if counts else ()),
        *((f"{plan.labels.comparison_heading}: {plan.labels.report_objectives}",) if compared_objectives else ()),
        *((f"{plan.labels.comparison_heading}: measures",) if compared_measures else ()),
        *(p.table.caption for g in groups for p in g.objectives if p.table.rows),
        *(part.table.caption for part in parts),
        *(t.caption for t in tables),
        *(("Performance measures: targets and results",) if rows else ()),
        *(("Protected characteristics addressed by the objectives",) if characteristic_coverage else ()),
        *(("General duty aims addressed by the objectives",) if aim_coverage else ()),
        *(t.title for t in information),
    )
    return AnnualReportContext(
        document=info,
        period=period,
        reviewed_on=date_text(review.on, fmt) if review else "",
        illustrative=(
            "Illustrative data: the progress, results and figures in this report are examples, "
            "not real results." if any(r.illustrative for r in plan.reviews) else ""
        ),
        introduction=slot(plan, "introduction", title=None),
        summary=_summary(len(objectives), len(actions), on_track, plan.labels),
        measures_summary=_measures_summary(met, not_met, pending, results.count(Result.NOT_ASSESSED)),
        status_counts=tuple(counts),
        objective_comparisons=compared_objectives,
        measure_comparisons=compared_measures,
        objectives=tuple(progress),
        objective_groups=groups,
        progress_table=progress_table,
        progress_parts=parts,
        tables=tables,
        measure_rows=tuple(rows),
        status_table=own_table("status_summary", tuple(counts), plan, values, ("Status", objectives_word, "Actions"),
                                status_caption, {"status": operator.attrgetter("fill")}),
        results_table=own_table("results", tuple(rows), plan, values, RESULT_HEADERS,
                                 "Performance measures: targets and results"),
        characteristic_table=own_table(
            "characteristic_coverage", characteristic_coverage, plan, values,
            ("Protected characteristic", *COVERAGE_HEADERS), "Protected characteristics addressed by the objectives",
        ),
        aim_table=own_table("aim_coverage", aim_coverage, plan, values, ("Aim of the general duty", *COVERAGE_HEADERS),
                             "General duty aims addressed by the objectives"),
        charts=tuple(charts),
        characteristic_coverage=characteristic_coverage,
        aim_coverage=aim_coverage,
        information=information,
        suppression_note=(
            f"{SUPPRESSED} Suppressed: fewer than {plan.suppress_below} people, or a figure (a cell "
            "or a total) from which such a number could be worked out, is not published, to "
            "protect privacy."
        ),
        sections_before=placed.before,
        sections=placed.after,
        captions=captions,
        labels=plan.labels,
    )
