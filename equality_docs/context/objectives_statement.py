"""The equality objectives statement (layout of seed 000)."""

from __future__ import annotations

import re

import attrs

from equality_docs.context.common import (
    DocumentInfo,
    ObjectiveView,
    date_format,
    document_info,
    history_captions,
    objective_view,
)
from equality_docs.context.grouping import (
    ObjectiveGrouping,
    beside_level,
    grouped_views,
    printed_order,
    split_tables,
)
from equality_docs.context.refs import labelled
from equality_docs.context.sections import SectionView, placed_sections, slot
from equality_docs.context.tables import CellView, TableView, build_table, chosen_columns, table_values
from equality_docs.model import Aim, EqualityPlan, Labels, Objective

TITLE = "Equality Objectives"

#: The places in this layout a plan's section can fill, by id.
SLOTS = ("act", "general-duty", "specific-duty", "purpose", "measuring-progress", "objectives")


@attrs.frozen(kw_only=True)
class StatementColumns:
    """Which optional columns of the objectives table are printed (the objective's text always is)."""

    service_area: bool


@attrs.frozen(kw_only=True)
class ObjectivesStatementContext:
    """What the objectives statement templates receive."""

    document: DocumentInfo
    heading: str
    act: SectionView
    characteristics: tuple[str, ...]
    general_duty: SectionView
    aims: tuple[str, ...]
    specific_duty: SectionView
    purpose: SectionView
    measuring_progress: SectionView
    objectives_intro: SectionView
    objectives: tuple[ObjectiveView, ...]
    #: The objectives in the plan's groups, a table each (one unnamed group when it names none,
    #: or when it prints its groups as rows of one table): each group's `table` in the plan's columns.
    groups: tuple[ObjectiveGrouping, ...]
    #: A column whose cells are all empty is not printed, unless the plan keeps empty columns.
    shown: StatementColumns
    #: Sections printed before the objectives (`place: before`), nested ones flattened after their parent.
    sections_before: tuple[SectionView, ...]
    #: Sections printed at the end, after the objectives.
    sections: tuple[SectionView, ...]
    captions: tuple[str, ...]
    labels: Labels


def _aim_bullet(aim: Aim) -> str:
    text = aim.statutory_text.replace("persons", "people").replace("this Act", "the Act")
    return text[0].upper() + text[1:] + (";" if aim is not Aim.FOSTER else ".")


def _caption(labels: Labels) -> str:
    """Return the table's caption, naming its second column as the plan's labels title it."""
    column = labels.objective_service_area
    if column.casefold() == Labels().objective_service_area.casefold():
        return "Equality objectives and the service area responsible"
    words = " ".join(w.lower() if w[1:].islower() else w for w in column.split())  # "SLT lead" keeps SLT
    return f"Equality objectives and their {words}"


def _table(plan: EqualityPlan, listed: list[Objective], views: tuple[ObjectiveView, ...]) -> TableView:
    """
    Return the statement's table of every objective, in the plan's columns (`tables: statement:`):
    `text` prints the objective after its reference (unless a `ref` column prints it) with its
    blocks under it (unless a `blocks` column prints them).
    """
    fields = {field for field, _, _ in chosen_columns(plan, "statement")}
    by_id = {id(o): v for o, v in zip(listed, views, strict=True)}

    def text(o: Objective) -> CellView:
        view = by_id[id(o)]
        return CellView(
            text=o.text if "ref" in fields else view.text, blocks=() if "blocks" in fields else view.children,
        )

    return build_table(
        "statement", tuple(listed), plan=plan, values=table_values(plan, date_format(plan)), heading="", caption="",
        field_cells={
            "text": text, "blocks": lambda o: CellView(text="", blocks=by_id[id(o)].children),
            "service_area": lambda o: by_id[id(o)].service_area,
        },
        field_headers={"blocks": "Details"},
    )


def title_with_period(title: str, period: str | None) -> str:
    """
    Return the document's heading: its title, then its period ("Equality Objectives April 2025 - March 2028", as
    seed 000 prints it); the title alone where it holds the period already, as printed or by its years ("...
    Strategy 2025-2029" for 1 August 2025 - 31 July 2029), so a period is never run on after itself.
    """
    if not period:
        return title
    years = re.findall(r"\b(?:19|20)\d\d\b", period)
    if period in title or (years and all(re.search(rf"\b{year}\b", title) for year in years)):
        return title
    return f"{title} {period}"


def build(plan: EqualityPlan) -> ObjectivesStatementContext:
    """Return the objectives statement view of a plan."""
    info = document_info(plan, kind="objectives-statement", default_title=TITLE)
    fmt = date_format(plan)
    control = plan.document
    cycle = control.progress_review.value if control and control.progress_review else None
    cycle = {"annually": "an annual", "half-yearly": "a half-yearly"}.get(cycle, f"a {cycle}") if cycle else None
    review = (
        f"{plan.organisation.name} will review progress against the objectives on {cycle} cycle."
        if cycle
        else None
    )
    heading = title_with_period(info.title, info.period)
    listed = [o for o in plan.all_objectives() if not o.retired]
    objectives = tuple(  # each objective's text after its own reference, where it has one
        objective_view(o, fmt, str(n), plan.labels, written=labelled(o))
        for n, o in enumerate(listed, start=1)
    )
    table = _table(plan, listed, objectives)
    shown = StatementColumns(service_area=any(c.key == "service_area" for c in table.columns))
    caption = _caption(plan.labels) if shown.service_area else "Equality objectives"
    placed = placed_sections(
        plan, "objectives-statement", slots=SLOTS, printed=printed_order(plan, listed), level=beside_level(plan)
    )
    groups = split_tables(plan, listed, grouped_views(plan, listed, objectives, caption, table), placed, set())
    return ObjectivesStatementContext(
        document=info,
        heading=heading,
        act=slot(
            plan, "act", title="The Equality Act 2010",
            body=(
                "The Equality Act 2010 protects people from discrimination, unfair treatment, "
                "harassment and victimisation because of a protected characteristic. There are "
                "nine protected characteristics:"
            ),
        ),
        characteristics=tuple(c.printed for c in plan.listed_characteristics()),
        general_duty=slot(
            plan, "general-duty", title="The Public Sector Equality Duty",
            body=(
                "The general equality duty requires public authorities, in the exercise of their "
                "functions, to have due regard to the need to:"
            ),
        ),
        aims=tuple(_aim_bullet(aim) for aim in Aim),
        specific_duty=slot(
            plan, "specific-duty", title="The specific duties",
            body=(
                "The specific duties require public authorities to publish information showing "
                "how they comply with the general duty at least once a year, and to prepare and "
                "publish equality objectives that are specific and measurable at least every "
                "four years."
            ),
        ),
        purpose=slot(plan, "purpose", title="Why we set equality objectives", filled=False),
        measuring_progress=slot(
            plan, "measuring-progress", title="Measuring progress", body=review, filled=False
        ),
        objectives_intro=slot(plan, "objectives", title="Our equality objectives"),
        objectives=objectives,
        groups=groups,
        shown=shown,
        sections_before=placed.before,
        sections=placed.after,
        captions=(
            *history_captions(info, plan.labels),
            *(g.caption for g in groups if g.objectives or not g.heading),
        ),
        labels=plan.labels,
    )
