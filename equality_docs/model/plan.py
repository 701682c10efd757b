"""The root of one input file: everything an organisation publishes about its equality work."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._refusals import Fault, checking, derived, refuse, suggestion
from equality_docs.model._vocabulary import Vocabulary, normal
from equality_docs.model.edition import Edition
from equality_docs.model.grouping import Grouping, GroupKey, named_value
from equality_docs.model.information import DataTable
from equality_docs.model.labels import Labels
from equality_docs.model.measure import PerformanceMeasure
from equality_docs.model.narrative import Appendix, Place, Section, Strategy
from equality_docs.model.numbering import NumberStyle
from equality_docs.model.objective import Action, CharacteristicRef, Objective, all_characteristics
from equality_docs.model.organisation import DocumentControl, Organisation, OrganisationType
from equality_docs.model.progress import ReviewInfo
from equality_docs.model.risk import RiskScale
from equality_docs.model.statutory import Aim, Characteristic
from equality_docs.model.superseded import superseded_unknown
from equality_docs.model.tables import INFORMATION_FIELDS, EmptyColumns, Tables
from equality_docs.model.values import DateContext, When


class YearStart(Vocabulary):
    """When a plan's years ("2024/25") begin: the financial year, or the academic year."""

    __noun__ = "month a year starts in"

    APRIL = "april"
    SEPTEMBER = "september"

    @property
    def month(self) -> int:
        """Return the month number the year starts in."""
        return 4 if self is YearStart.APRIL else 9


class DateStyle(Vocabulary):
    """
    How a document prints its dates, the same way in every table: as written, or all in one style.

    `as-written` prints each date exactly as the plan writes it (a bare ISO day such as 2025-09-30,
    and every document-control date, prints "30 September 2025"); `long` prints "30 September 2025",
    "September 2025", "2024/25", "Spring term 2 2025/26"; `short` prints "30/09/2025", "Sep 2025",
    "2024/25", "Spring 2 2025/26". Recurring dates ("termly") and text ("Ongoing") print as written.
    """

    __noun__ = "date style"

    AS_WRITTEN = "as-written"
    LONG = "long"
    SHORT = "short"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class EqualityPlan:
    """
    One organisation's equality work: its narrative, characteristics, strategy, objectives,
    appendices, published equality information and progress. Every document kind is a view of
    one plan. `actions:` and `measures:` belong to the plan as a whole, under no objective (an
    action tracker, a KPI table); `tables:` chooses each table's columns and their headers, and
    `empty_columns:` whether a column with nothing in it is printed; `grouping:` how every document
    that lists objectives groups them (by duty aim, characteristic, audience, scope, ...). `progress_files` names review
    files (relative to the plan) merged in when loading; `reference_doc` names the organisation's
    Word file (relative to the plan) whose styles, page, header and footer every Word document takes.
    """

    title: str | None = None
    subtitle: str | None = None
    short_title: str | None = None
    organisation: Organisation
    document: DocumentControl | None = None
    period: When | None = None
    language: str = "en-GB"
    characteristics: tuple[CharacteristicRef, ...] = ()
    sections: tuple[Section, ...] = ()
    section_numbering: NumberStyle | None = None
    strategy: Strategy | None = None
    objectives: tuple[Objective, ...] = ()
    objectives_title: str | None = None
    actions: tuple[Action, ...] = ()
    measures: tuple[PerformanceMeasure, ...] = ()
    appendices: tuple[Appendix, ...] = ()
    risk_scale: RiskScale = RiskScale()
    information: tuple[DataTable, ...] = ()
    suppress_below: int = 5
    reviews: tuple[ReviewInfo, ...] = ()
    progress_files: tuple[str, ...] = ()
    reference_doc: str | None = None
    year_starts: YearStart | None = None
    dates: DateStyle = DateStyle.AS_WRITTEN
    labels: Labels = Labels()
    editions: tuple[Edition, ...] = ()
    grouping: Grouping | None = None
    tables: Tables = Tables()
    empty_columns: EmptyColumns = EmptyColumns.LEAVE_OUT

    def __attrs_post_init__(self) -> None:
        """
        Refuse, as loading a file does, what needs more of the plan than one field (`plan_faults`):
        a section placed beside an objective the plan does not hold, a `grouping.order` entry that
        names no group, an information column no table has. A view the model derives is not checked.

        Raises:
            ModelError: at the path of each, with the fix.
        """
        if checking():
            refuse("EqualityPlan", plan_faults(self))

    @classmethod
    def fields_of(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        """Return the fields a mapping (or the keywords given) stands for: `characteristics: all` is the nine."""
        return all_characteristics(value)

    @property
    def year_start_month(self) -> int:
        """Return the month "2024/25" years start in: as set, else September for schools, April for others."""
        if self.year_starts is not None:
            return self.year_starts.month
        school = self.organisation.type in (OrganisationType.SCHOOL, OrganisationType.ACADEMY_TRUST)
        return 9 if school else 4

    @property
    def date_context(self) -> DateContext:
        """
        Return what the plan says about its dates: the month its years start, and its period's span
        (a term written with no year falls in the academic year beginning in September of the year
        the period starts).
        """
        plain = DateContext(year_start=self.year_start_month)
        period = self.period.span_in(plain) if self.period is not None else None
        return attrs.evolve(plain, period=period)

    def section(self, section_id: str) -> Section | None:
        """Return the section with this id, or None."""
        return next((s for s in self.sections if s.id == section_id), None)

    def placed_beside_unknown(self) -> tuple[tuple[str, ...], tuple[tuple[int, Place], ...]]:
        """
        Return the names a section's `place` may give an objective (each one's id, else its ref,
        in plan order, each once), and each top-level section placed beside an objective no
        objective's id or ref names: its position in `sections` and its place.
        """
        objectives = list(self.all_objectives())
        known = {name for o in objectives for name in (o.id, o.ref) if name}
        names = tuple(dict.fromkeys(name for o in objectives if (name := o.id or o.ref)))
        unknown = tuple(
            (n, place) for n, section in enumerate(self.sections)
            if (place := section.place) is not None and place.objective is not None and place.objective not in known
        )
        return names, unknown

    def all_objectives(self) -> Iterator[Objective]:
        """Yield every objective in the plan, wherever it is held, in document order."""
        for _, objective in self.objectives_with_paths():
            yield objective

    def objectives_with_paths(self) -> Iterator[tuple[tuple[str | int, ...], Objective]]:
        """Yield every objective with its field path in the input file, in document order."""
        for n, objective in enumerate(self.objectives):
            yield ("objectives", n), objective
        for s, school in enumerate(self.organisation.schools):
            for n, objective in enumerate(school.objectives):
                yield ("organisation", "schools", s, "objectives", n), objective
        if self.strategy is not None:
            for p, priority in enumerate(self.strategy.priorities):
                for n, objective in enumerate(priority.objectives):
                    yield ("strategy", "priorities", p, "objectives", n), objective
        for a, appendix in enumerate(self.appendices):
            for b, block in enumerate(appendix.outcomes):
                for n, objective in enumerate(block.objectives):
                    yield ("appendices", a, "outcomes", b, "objectives", n), objective
            for p, priority in enumerate(appendix.priorities):
                for n, objective in enumerate(priority.objectives):
                    yield ("appendices", a, "priorities", p, "objectives", n), objective

    def listed_characteristics(self) -> tuple[CharacteristicRef, ...]:
        """
        Return all nine protected characteristics, each once, under the plan's own labels.

        The plan's order comes first; characteristics it leaves out follow in the order of the
        Act, so the list printed is always the full statutory one.
        """
        seen: dict[Characteristic, CharacteristicRef] = {}
        for ref in self.characteristics:
            seen.setdefault(ref.characteristic, ref)
        missing = [CharacteristicRef(characteristic=c) for c in Characteristic if c not in seen]
        return (*seen.values(), *missing)

    def current(self) -> EqualityPlan:
        """
        Return the plan as current documents print it: retired and superseded objectives,
        actions and measures left out, wherever they are held (the plan's own actions and
        measures too).
        """
        plan = self.map_objectives(lambda o: o.without_retired()).drop_objectives(lambda o: not o.current)
        if all(a.current for a in plan.actions) and all(mm.current for mm in plan.measures):
            return plan
        with derived():
            return attrs.evolve(
                plan,
                actions=tuple(a for a in plan.actions if a.current),
                measures=tuple(mm for mm in plan.measures if mm.current),
            )

    def drop_objectives(self, drop: Callable[[Objective], bool]) -> EqualityPlan:
        """Return the plan without the objectives `drop` is true of, wherever they are held."""
        return self._with_objectives(lambda objectives: tuple(o for o in objectives if not drop(o)))

    def map_objectives(self, change: Callable[[Objective], Objective]) -> EqualityPlan:
        """Return the plan with `change` applied to every objective, wherever it is held."""
        return self._with_objectives(lambda objectives: tuple(change(o) for o in objectives))

    def _with_objectives(
        self, each: Callable[[tuple[Objective, ...]], tuple[Objective, ...]]
    ) -> EqualityPlan:
        """
        Return the plan with every tuple of objectives, wherever it is held, replaced by `each` of it:
        a view of this plan, not checked again (a section may stand beside an objective left out).
        """
        with derived():
            return self._with_each(each)

    def _with_each(self, each: Callable[[tuple[Objective, ...]], tuple[Objective, ...]]) -> EqualityPlan:
        organisation = attrs.evolve(
            self.organisation,
            schools=tuple(attrs.evolve(s, objectives=each(s.objectives)) for s in self.organisation.schools),
        )
        strategy = self.strategy and attrs.evolve(
            self.strategy,
            priorities=tuple(attrs.evolve(p, objectives=each(p.objectives)) for p in self.strategy.priorities),
        )
        appendices = tuple(
            attrs.evolve(
                a,
                outcomes=tuple(attrs.evolve(b, objectives=each(b.objectives)) for b in a.outcomes),
                priorities=tuple(attrs.evolve(p, objectives=each(p.objectives)) for p in a.priorities),
            )
            for a in self.appendices
        )
        return attrs.evolve(
            self, objectives=each(self.objectives), organisation=organisation, strategy=strategy,
            appendices=appendices,
        )


# What the plan refuses across its fields (a section's own tree and a table's own columns are
# refused by `Section` and `Tables`) ---------------------------------------------------------------


def plan_faults(plan: EqualityPlan) -> Iterator[Fault]:
    """Yield everything `EqualityPlan` refuses across its fields, each at its path in the plan."""
    yield from _beside_unknown(plan)
    yield from _order_names_no_group(plan)
    yield from _unknown_information_columns(plan)
    yield from superseded_unknown(plan.objectives_with_paths(), plan.actions, plan.measures)


def _beside_unknown(plan: EqualityPlan) -> Iterator[Fault]:
    names, unknown = plan.placed_beside_unknown()
    for n, place in unknown:
        guess = suggestion(place.objective, names)
        listing = f"the objectives' ids are: {', '.join(names)}" if names else "the plan has no objectives with an id"
        yield ("sections", n, "place", place.side.value), (
            f'no objective has the id "{place.objective}", so the section cannot be placed {place.side.value} it'
        ), f"{guess + ' ' if guess else ''}{listing}"


def _order_names_no_group(plan: EqualityPlan) -> Iterator[Fault]:
    grouping = plan.grouping
    if grouping is None or grouping.by not in (GroupKey.AIM, GroupKey.CHARACTERISTIC):
        return
    aims = grouping.by is GroupKey.AIM
    names = [a.short_name for a in Aim] if aims else [str(c.value) for c in Characteristic]
    own = _own_names(plan, grouping.by)
    owned = {normal(o) for o in own}
    for n, entry in enumerate(grouping.order):
        if named_value(entry, grouping.by) is None and normal(entry) not in owned:
            guess = suggestion(entry, [*names, *(str(a.value) for a in Aim if aims), *own])
            what = "an aim of the general duty" if aims else "a protected characteristic"
            yield ("grouping", "order", n), f'"{entry}" is not {what}, so no objective can be grouped under it', (
                f"{guess + ' ' if guess else ''}name one of: {', '.join(names)}, or a group in the plan's own words"
            )


def _own_names(plan: EqualityPlan, by: GroupKey) -> list[str]:
    """Return the plan's own words for the groups: objectives' aims labels, characteristics' labels."""
    if by is GroupKey.AIM:
        return [o.aims_label for o in plan.all_objectives() if o.aims_label]
    labels = [r.label for r in plan.characteristics if r.label]
    return labels + [r.label for o in plan.all_objectives() for r in o.characteristics if r.label]


def _unknown_information_columns(plan: EqualityPlan) -> Iterator[Fault]:
    spec = plan.tables.information
    if spec is None:
        return
    names = [*INFORMATION_FIELDS, *dict.fromkeys(c for t in plan.information for c in t.columns)]
    known = {normal(n) for n in names}
    for n, column in enumerate(spec.columns):
        if normal(column.field) not in known:
            guess = suggestion(column.field, names)
            yield ("tables", "information", "columns", n), f'no information table has a column "{column.field}"', (
                f"{guess + ' ' if guess else ''}name one of: {', '.join(names)}"
            )
