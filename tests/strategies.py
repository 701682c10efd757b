"""Hypothesis strategies for every model class (kept small: documents are rendered per example)."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from equality_docs import model as m
from equality_docs.model._refusals import derived
from equality_docs.model.dates import problem
from equality_docs.model.tables import INFORMATION_FIELDS, NAMING_COLUMN, TABLE_FIELDS

#: Any text a person could type or paste, all of Unicode but lone surrogates (not text at all).
ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=30
)
#: Text with the characters documents and their templates give meaning to, often.
NASTY = st.sampled_from([
    "&", "<", ">", "]]>", "{{ x }}", "{% if %}", "{%tr for %}", "{{p x }}", "{_{", "|", "*", "_",
    "#", "- ", "1. ", "`", "\\", "<script>alert(1)</script>", "'", '"', "\t", "\n", "  ", "🏳️‍🌈",
    "平等", "مساواة", "\u200b", "\x0b", "\x00", "[a link](https://example.org/a)",
    "<https://example.org/b>", "$\\frac{x$",
])
TEXT = st.one_of(ANY_TEXT, st.lists(st.one_of(NASTY, ANY_TEXT), max_size=4).map("".join))
NAME = TEXT.filter(lambda t: t.strip() != "")
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
_MONTH_NAMES = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _day_text(day: dt.date, form: int) -> str:
    """Return a day written one of the ways people write one."""
    return [
        day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day}.{day.month}.{day.year % 100:02d}",
        f"{day.day:02d}-{day.month:02d}-{day.year}", f"{day.day} {calendar.month_name[day.month]} {day.year}",
    ][form]


def _month_text(day: dt.date, form: int) -> str:
    """Return a month written one of the ways people write one."""
    return [
        f"{calendar.month_name[day.month]} {day.year}", f"{_MONTH_NAMES[day.month]} {day.year}",
        f"{_MONTH_NAMES[day.month]}-{day.year % 100:02d}", f"{day.year}-{day.month:02d}",
    ][form]


_YEARS = st.integers(2000, 2098)
_TERMS = st.builds(
    lambda term, half, year: " ".join(p for p in (term, half, year) if p),
    st.sampled_from(["Autumn", "Spring", "Summer", "autumn term", "Spring term"]),
    st.sampled_from(["", "1", "2"]),
    st.one_of(st.just(""), _YEARS.map(str), _YEARS.map(lambda y: f"{y}/{(y + 1) % 100:02d}")),
)
#: One date at a precision: a day, a month, a year, a financial or academic year, a term.
DATE_POINT = st.one_of(
    st.builds(_day_text, DATES, st.integers(0, 4)),
    st.builds(_month_text, DATES, st.integers(0, 3)),
    _YEARS.map(str),
    _YEARS.map(lambda y: f"{y}/{(y + 1) % 100:02d}"),
    _YEARS.map(lambda y: f"{y}-{y + 1}"),
    _TERMS,
)
#: Dates as people write them: points, deadlines, ranges, recurring dates and text.
WRITTEN_DATE = st.one_of(
    DATE_POINT,
    st.builds(lambda word, point: f"{word} {point}", st.sampled_from(["By", "by", "Before", "by end of"]), DATE_POINT),
    st.builds(lambda a, b: f"{a} – {b}", DATE_POINT, DATE_POINT),
    st.sampled_from(["Termly", "annually", "each February", "February each year", "monthly",
                     "every term before pupil progress meetings", "Ongoing", "TBC", "To follow"]),
)
def _reads(text: str) -> bool:
    """Whether a text reads as a date or as text."""
    return problem(text) is None


WHEN = st.builds(m.When, st.one_of(TEXT.filter(_reads), WRITTEN_DATE))
QUANTITY = st.builds(m.Quantity, st.one_of(TEXT, st.sampled_from(["869", "51%", "22ppts", "-1%"])))
PROSE = TEXT.map(m.Prose)
LEVEL = st.none() | st.integers(min_value=-2, max_value=7)


def few(strategy: st.SearchStrategy[object], size: int = 2) -> st.SearchStrategy[tuple[object, ...]]:
    """Return tuples of up to `size` items (empty and single-item lists included)."""
    return st.lists(strategy, max_size=size).map(tuple)


def opt(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Return the strategy or None."""
    return st.none() | strategy


characteristic_refs = st.builds(
    m.CharacteristicRef, characteristic=st.sampled_from(m.Characteristic),
    label=opt(TEXT), applies_to=opt(st.sampled_from(m.Applies)), qualifier=opt(TEXT),
)
targets = st.builds(
    m.Target, label=opt(TEXT), text=TEXT, baseline=opt(QUANTITY), baseline_on=opt(WHEN), value=opt(QUANTITY),
    due=opt(WHEN), status=opt(st.sampled_from(m.Status)), progress=opt(TEXT), updated_on=opt(WHEN),
)
milestones = st.builds(m.Milestone, text=TEXT, due=opt(WHEN), done=st.booleans())
progress_notes = st.builds(
    m.ProgressNote, on=opt(WHEN), status=opt(st.sampled_from(m.Status)), text=opt(PROSE),
    evidence=few(TEXT),
)
period_values = st.builds(
    m.PeriodValue, period=st.one_of(TEXT.filter(_reads), DATE_POINT), value=opt(QUANTITY)
)
measures = st.builds(
    m.PerformanceMeasure, id=opt(TEXT), refs=few(TEXT), description=TEXT, unit=opt(TEXT),
    direction=opt(st.sampled_from(m.Direction)), baseline=opt(QUANTITY),
    baseline_on=opt(WHEN), targets=few(period_values, 3), target=opt(QUANTITY), actuals=few(period_values),
    rag=opt(TEXT), commentary=opt(PROSE), owner=opt(TEXT), division=opt(TEXT),
    retired=st.booleans(), superseded_by=opt(TEXT), retired_reason=opt(TEXT),
)
risks = st.builds(
    m.Risk, id=opt(TEXT), ref=opt(TEXT), description=TEXT, impact=LEVEL, probability=LEVEL,
    residual_impact=LEVEL, residual_probability=LEVEL, owner=opt(TEXT), division=opt(TEXT),
)
actions = st.builds(
    m.Action, id=opt(TEXT), ref=opt(TEXT), text=TEXT, owner=opt(TEXT), division=opt(TEXT),
    start=opt(WHEN), finish=opt(WHEN), linkages=few(TEXT), completed=opt(WHEN), outcome=opt(PROSE),
    milestones=few(milestones, 1), progress=few(progress_notes, 1), retired=st.booleans(),
    superseded_by=opt(TEXT), retired_reason=opt(TEXT),
)
objectives = st.builds(
    m.Objective, id=opt(TEXT), ref=opt(TEXT), text=TEXT, service_area=opt(TEXT),
    aims=few(st.sampled_from(m.Aim), 3), aims_label=opt(TEXT), characteristics=few(characteristic_refs),
    characteristics_label=opt(TEXT), groups=few(TEXT), scope=opt(TEXT), tags=few(TEXT), aim=opt(TEXT),
    target_groups=few(TEXT), outcome=opt(PROSE), owner=opt(TEXT),
    division=opt(TEXT), start=opt(WHEN), finish=opt(WHEN), linkages=few(TEXT), actions=few(actions),
    evidence=few(TEXT), themes=few(TEXT), success_criteria=few(TEXT), impact=few(TEXT),
    measures=few(measures), targets=few(targets), risks=few(risks), milestones=few(milestones),
    progress=few(progress_notes), order=st.permutations(list(m.ChildKind)).map(tuple),
    retired=st.booleans(), superseded_by=opt(TEXT), retired_reason=opt(TEXT),
)
contacts = st.builds(
    m.Contact, name=TEXT, role=opt(TEXT), unit=opt(TEXT), address=few(TEXT), phone=opt(TEXT),
    email=opt(TEXT),
)
schools = st.builds(
    m.School, id=opt(TEXT), name=NAME, urn=opt(TEXT), phase=opt(TEXT), objectives=few(objectives),
    objectives_title=opt(TEXT),
)
organisations = st.builds(
    m.Organisation, name=NAME, type=st.sampled_from(m.OrganisationType),
    nation=st.sampled_from(m.Nation), parent=opt(TEXT), contact=opt(contacts),
    contacts=few(contacts), schools=few(schools, 1),
)
review_frequencies = st.builds(m.ReviewFrequency, every_years=opt(st.integers(1, 4)), text=opt(TEXT))
document_controls = st.builds(
    m.DocumentControl, version=opt(TEXT), status=opt(st.sampled_from(m.DocumentStatus)),
    owner=opt(TEXT), approved_by=opt(TEXT), approved_on=opt(DATES), effective=opt(DATES),
    last_reviewed=opt(DATES), next_review=opt(DATES), review=opt(review_frequencies),
    progress_review=opt(st.sampled_from(m.Frequency)), published=opt(DATES),
    contact=opt(contacts), related=few(TEXT),
)
def _columns(table: str) -> st.SearchStrategy[object]:
    column = st.builds(
        m.Column, field=st.sampled_from(TABLE_FIELDS[table]), header=opt(TEXT), note=opt(TEXT),
    )
    # A column is listed once; the statement's and plan's tables name the objective (as the loader requires).
    listed = st.lists(column, max_size=3, unique_by=lambda c: c.field).map(tuple)
    if (naming := NAMING_COLUMN.get(table)) is not None:
        listed = listed.map(lambda cs: cs if not cs or any(c.field == naming for c in cs) else (m.Column(field=naming), *cs))
    return st.builds(m.TableSpec, columns=listed, empty_columns=opt(st.sampled_from(m.EmptyColumns)))


columns = st.builds(m.Column, field=st.sampled_from(TABLE_FIELDS["actions"]), header=opt(TEXT), note=opt(TEXT))
table_specs = _columns("actions")
tables = st.builds(
    m.Tables, objectives=opt(_columns("objectives")), actions=opt(_columns("actions")),
    measures=opt(_columns("measures")), risks=opt(_columns("risks")),
    progress=opt(_columns("progress")), results=opt(_columns("results")),
    characteristic_coverage=opt(_columns("characteristic_coverage")), aim_coverage=opt(_columns("aim_coverage")),
    status_summary=opt(_columns("status_summary")), statement=opt(_columns("statement")),
    plan=opt(_columns("plan")), priorities=opt(_columns("priorities")),
    # An information column names a data column of the plan's tables, or `group` or `total`, which every plan has.
    information=opt(st.builds(m.TableSpec, columns=st.lists(st.builds(
        m.Column, field=st.sampled_from(INFORMATION_FIELDS), header=opt(TEXT), note=opt(TEXT)),
        max_size=3, unique_by=lambda c: c.field.casefold()).map(tuple))),
)
labels = st.builds(
    m.Labels, action_owner=TEXT, action_text_note=TEXT, risks_heading=TEXT, objective_targets=TEXT,
    target_baseline=TEXT,
)
paragraphs = st.builds(m.Paragraph, ref=opt(TEXT), text=PROSE)
NUMBER_STYLES = st.sampled_from(["1.", "1.1", "(i)", "A)", "a.", "Objective one", "Stage One", "Part I:"]).map(
    m.NumberStyle
)


#: Where a section goes: before or after the objectives, or beside one objective (by a name the plan's strategy fixes).
places = st.builds(m.Place, side=st.sampled_from(m.Placement), objective=opt(st.sampled_from(["O1", "o-2", "Ob 3"])))


def _sections(inner: st.SearchStrategy[object] | None, *, top: bool = False) -> st.SearchStrategy[m.Section]:
    """
    Return sections holding one section drawn from `inner` or none (none at all without `inner`);
    only a top-level section has a place (the loader refuses one on a nested section).
    """
    return st.builds(
        m.Section, id=opt(st.sampled_from(["duty", "aims", "act", "purpose", "other"])),
        number=opt(TEXT), title=opt(TEXT), body=opt(PROSE), paragraphs=few(paragraphs), closing=opt(PROSE),
        kinds=few(st.sampled_from(["psed-statement", "strategy", "objectives-statement"])),
        place=opt(places) if top else st.none(), numbering=opt(NUMBER_STYLES),
        sections=st.just(()) if inner is None else few(inner, 1),
    )


#: Sections nested up to the four heading levels.
sections = _sections(_sections(_sections(_sections(None))), top=True)
priorities = st.builds(
    m.Priority, id=opt(TEXT), title=TEXT, lead=opt(PROSE), bullets=few(TEXT), objectives=few(objectives, 1),
)
strategies_ = st.builds(m.Strategy, title=opt(TEXT), introduction=opt(PROSE), priorities=few(priorities))
outcome_blocks = st.builds(
    m.OutcomeBlock, outcome=TEXT, outcome_label=opt(TEXT), lead=opt(TEXT), lead_label=opt(TEXT),
    aim=opt(TEXT), aim_label=opt(TEXT), objectives=few(objectives, 1),
)
appendices = st.builds(
    m.Appendix, id=opt(TEXT), title=TEXT, body=opt(PROSE), outcomes=few(outcome_blocks, 1),
    priorities=few(priorities, 1),
)
risk_bands = st.builds(m.RiskBand, name=TEXT, min_score=st.integers(0, 25), max_score=st.integers(0, 25),
                       colour=st.sampled_from(["92D050", "FFC000", "auto"]))
risk_scales = st.builds(
    m.RiskScale, impact=few(TEXT, 5), probability=few(TEXT, 5), bands=few(risk_bands, 3),
)
data_rows = st.builds(m.DataRow, label=TEXT, values=few(
    st.none() | st.floats(min_value=0, max_value=1e6, allow_nan=False) | st.integers(0, 500).map(float), 4,
))
data_tables = st.builds(
    m.DataTable, title=TEXT, characteristic=opt(st.sampled_from(m.Characteristic)), columns=few(TEXT, 3),
    rows=few(data_rows, 3), unit=st.sampled_from(m.Unit), totals=st.booleans(), source=opt(TEXT), note=opt(TEXT),
)
review_infos = st.builds(m.ReviewInfo, on=DATES, period=opt(TEXT), illustrative=st.booleans(), title=opt(TEXT))
item_progress = st.builds(
    m.ItemProgress, id=opt(TEXT), ref=opt(TEXT), status=opt(st.sampled_from(m.Status)), text=opt(PROSE),
    evidence=few(TEXT),
)
measure_progress = st.builds(
    m.MeasureProgress, id=opt(TEXT), ref=opt(TEXT), baseline=opt(QUANTITY), actuals=few(period_values),
)
progress_reviews = st.builds(
    m.ProgressReview, review=review_infos, objectives=few(item_progress), actions=few(item_progress),
    measures=few(measure_progress),
)
#: A grouping's order names aims (or characteristics) when it groups by them, as the loader requires.
_ORDERS = {
    m.GroupKey.AIM: few(st.sampled_from([a.value for a in m.Aim])),
    m.GroupKey.CHARACTERISTIC: few(st.sampled_from([c.value for c in m.Characteristic])),
}
groupings = st.sampled_from(m.GroupKey).flatmap(lambda by: st.builds(
    m.Grouping, by=st.just(by), order=_ORDERS.get(by, few(TEXT)), empty=TEXT, other=TEXT,
    show=st.sampled_from(m.GroupShow),
))
editions = st.builds(m.Edition, date=WHEN, version=opt(TEXT), changes=opt(PROSE))
def _placed_beside_held(plan: m.EqualityPlan) -> m.EqualityPlan:
    """
    Return the plan with each section placed beside an objective naming one the plan holds (by
    its id, else its ref), chosen by the name drawn; none where it holds no named objective, as
    the loader refuses a name no objective has.
    """
    names = [name for o in plan.all_objectives() if (name := o.id or o.ref)]
    sections = []
    for section in plan.sections:
        place = section.place
        if place is not None and place.objective is not None:
            named = names[len(place.objective) % len(names)] if names else None
            section = attrs.evolve(section, place=attrs.evolve(place, objective=named))
        sections.append(section)
    return attrs.evolve(plan, sections=tuple(sections))


_T = TypeVar("_T", m.Objective, m.Action, m.PerformanceMeasure)


def _superseded_by_held(plan: m.EqualityPlan) -> m.EqualityPlan:
    """
    Return the plan (a view, unchecked) with each `superseded_by` naming an id the plan holds,
    chosen by the name drawn; none where it holds no id, as the loader refuses an id no item has.
    """
    items: list[m.Objective | m.Action | m.PerformanceMeasure] = [*plan.actions, *plan.measures]
    for o in plan.all_objectives():
        items += [o, *o.actions, *o.measures]
    ids = [item.id for item in items if item.id]

    def held(item: _T) -> _T:
        named = item.superseded_by
        if named is None or named in ids:
            return item
        return attrs.evolve(item, superseded_by=ids[len(named) % len(ids)] if ids else None)

    def each(o: m.Objective) -> m.Objective:
        return held(attrs.evolve(o, actions=tuple(map(held, o.actions)), measures=tuple(map(held, o.measures))))

    with derived():
        plan = plan.map_objectives(each)
        return attrs.evolve(plan, actions=tuple(map(held, plan.actions)), measures=tuple(map(held, plan.measures)))


def _plan(**fields: object) -> m.EqualityPlan:
    """
    Return the plan built from drawn fields, each section placed beside an objective it holds and
    each item superseded by one it holds.
    """
    with derived():  # the places drawn name objectives at random, which the plan refuses as it is built
        drawn = m.EqualityPlan(**fields)  # type: ignore[arg-type]
    return _placed_beside_held(_superseded_by_held(drawn))


plans = st.builds(
    _plan, title=opt(TEXT), subtitle=opt(TEXT), short_title=opt(TEXT),
    organisation=organisations, document=opt(document_controls), period=opt(WHEN),
    language=st.sampled_from(["en-GB", "cy-GB"]), characteristics=few(characteristic_refs, 3),
    sections=few(sections), section_numbering=opt(NUMBER_STYLES), strategy=opt(strategies_), objectives=few(objectives),
    objectives_title=opt(TEXT), appendices=few(appendices, 1), risk_scale=st.just(m.RiskScale()) | risk_scales,
    information=few(data_tables, 1), suppress_below=st.integers(0, 20), reviews=few(review_infos, 1),
    year_starts=opt(st.sampled_from(m.YearStart)), dates=st.sampled_from(m.DateStyle),
    labels=st.just(m.Labels()) | labels, editions=few(editions), grouping=opt(groupings), actions=few(actions), measures=few(measures),
    tables=st.just(m.Tables()) | tables, empty_columns=st.sampled_from(m.EmptyColumns),
)


#: One strategy per model class, for the round-trip properties.
BY_CLASS = {
    m.CharacteristicRef: characteristic_refs, m.Target: targets, m.Milestone: milestones, m.ProgressNote: progress_notes,
    m.PeriodValue: period_values, m.PerformanceMeasure: measures, m.Risk: risks, m.Action: actions,
    m.Objective: objectives, m.Contact: contacts, m.School: schools, m.Organisation: organisations,
    m.ReviewFrequency: review_frequencies, m.DocumentControl: document_controls,
    m.Paragraph: paragraphs, m.Place: places, m.Section: sections, m.Priority: priorities, m.Strategy: strategies_,
    m.OutcomeBlock: outcome_blocks, m.Appendix: appendices, m.RiskBand: risk_bands,
    m.RiskScale: risk_scales, m.EqualityPlan: plans, m.When: WHEN, m.Quantity: QUANTITY,
    m.DataRow: data_rows, m.DataTable: data_tables, m.ReviewInfo: review_infos,
    m.ItemProgress: item_progress, m.MeasureProgress: measure_progress,
    m.ProgressReview: progress_reviews, m.Labels: labels, m.Edition: editions, m.Grouping: groupings, m.Column: columns,
    m.TableSpec: table_specs, m.Tables: tables,
}
