"""
The work the rules share is done once per plan: the current objectives found once for every rule
that asks (one plan kept, weakly), and each finding's line found by one walk down its path.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan, objectives, rules
from equality_docs.load import load_with_lines
from equality_docs.load.lines import Lines

from .strategies import plans

ON = dt.date(2026, 1, 1)
EXAMPLE = Path(__file__).parent.parent / "examples" / "council-action-tracker.yaml"


def _plan(*objectives: m.Objective) -> m.EqualityPlan:
    return m.EqualityPlan(organisation=m.Organisation(name="Anytown Council"), objectives=objectives)


def test_the_current_objectives_are_those_the_plan_yields_that_are_current() -> None:
    """The objectives found for the rules are the plan's, in its order, with their paths, retired and superseded ones left out."""
    plan = _plan(m.Objective(text="a"), m.Objective(text="b", retired=True), m.Objective(text="c", superseded_by="d"),
                 m.Objective(id="d", text="d"))
    assert [(("objectives", 0), "a"), (("objectives", 3), "d")] == [(p, o.text) for p, o in objectives.current(plan)]


def test_the_current_objectives_are_found_once_for_one_plan_and_again_for_another() -> None:
    """Asked again about the same plan, the same tuple is given; asked about another (even an equal one), its own."""
    plan = _plan(m.Objective(text="a"))
    first = objectives.current(plan)
    twin = attrs.evolve(plan, objectives=(m.Objective(text="b"),))

    assert objectives.current(plan) is first
    assert [o.text for _, o in objectives.current(twin)] == ["b"]
    assert [o.text for _, o in objectives.current(plan)] == ["a"]


def test_one_plan_is_kept_and_only_while_it_lives() -> None:
    """The rules keep what they found for one plan at a time, and let it go with the plan."""
    first, plan = _plan(m.Objective(text="a")), _plan(m.Objective(text="b"))
    objectives.current(first)
    objective = weakref.ref(objectives.current(plan)[0][1])
    assert objectives._found is not None and objectives._found[0]() is plan  # (the entry replaced whole)
    del plan
    gc.collect()

    assert (None, None) == (objective(), objectives._found)


def test_findings_are_the_same_checked_twice_or_after_another_plan() -> None:
    """Checking a plan again, or after another, finds the same things."""
    plan, lines = load_with_lines(EXAMPLE)
    first = check_plan(plan, on=ON, lines=lines)
    check_plan(_plan(m.Objective(text="x")), on=ON)

    assert first == check_plan(plan, on=ON, lines=lines) == check_plan(plan, on=ON, lines=lines)


def _prefix_line(lines: Lines, path: tuple[str | int, ...]) -> int | None:
    """The line as found before: the longest part of the path that has a line, else the file's."""
    while path:
        line = lines.get(path)
        if line is not None:
            return line
        path = path[:-1]
    return lines.get(())


_STEPS = st.one_of(st.sampled_from(["objectives", "actions", "owner", "text", "measures", "nope", "document"]),
                   st.integers(min_value=-2, max_value=12))


@given(st.lists(_STEPS, max_size=6).map(tuple))
def test_a_findings_line_is_that_of_the_longest_part_of_its_path_with_one(path: tuple[str | int, ...]) -> None:
    """One walk down a path finds the line the lookups of each shorter path found."""
    lines = load_with_lines(EXAMPLE)[1]
    assert isinstance(lines, Lines)
    assert _prefix_line(lines, path) == lines.nearest(path)
    assert Lines().nearest(path) is None


def test_each_objectives_short_name_is_its_first_eight_words() -> None:
    """An objective without a reference is named by its first eight words, "..." marking more."""
    eight, nine = "one two three four five six seven eight", "one two  three four five six seven eight nine "
    assert ["'one two three four five six seven eight'", "'one two three four five six seven eight...'",
            "'a'"] == [rules._name(m.Objective(text=t)) for t in (eight + "  ", nine, " a ")]


def test_an_objective_is_dated_or_owned_by_itself_or_any_action() -> None:
    """An objective is dated (owned) where it or any of its actions has a date (an owner)."""
    bare = m.Objective(text="x", actions=(m.Action(text="a"), m.Action(text="b")))
    late = m.Objective(text="x", actions=(m.Action(text="a"), m.Action(text="b", finish=m.When("2026"), owner="Jo")))
    own = m.Objective(text="x", start=m.When("2025"), owner="Jo")
    assert [(False, False), (True, True), (True, True)] == [
        (rules._dated(o), rules._owned(o)) for o in (bare, late, own)
    ]
    assert equality_docs.check is check_plan


# The rules as they were written before they shared their work, kept as oracles.


def _oracle_age_for_pupils(plan: m.EqualityPlan) -> Iterator[tuple[object, ...]]:
    if plan.organisation.type not in (m.OrganisationType.SCHOOL, m.OrganisationType.ACADEMY_TRUST):
        return
    for path, o in plan.objectives_with_paths():
        if not o.current:
            continue
        for n, ref in enumerate(() if rules._all_nine(o) else o.characteristics):
            pupils = ref.applies_to in (None, m.Applies.PUPILS)
            if ref.characteristic is m.Characteristic.AGE and pupils:
                yield (*path, "characteristics", n), (
                    "age does not apply to a school's education and services for pupils"
                ), "if the objective concerns staff, write {characteristic: age, applies_to: staff}"


def _oracle_superseded_by_unknown(plan: m.EqualityPlan) -> Iterator[tuple[object, ...]]:
    items: list[tuple[tuple[str | int, ...], Any]] = []
    for path, o in plan.objectives_with_paths():
        items.append((path, o))
        items += [((*path, "actions", n), a) for n, a in enumerate(o.actions)]
        items += [((*path, "measures", n), mm) for n, mm in enumerate(o.measures)]
    ids = {item.id for _, item in items if item.id}
    for path, item in items:
        if item.superseded_by is not None and item.superseded_by not in ids:
            yield (*path, "superseded_by"), f"superseded_by names {item.superseded_by!r}, which no item has as its id", (
                "give the id of the objective, action or measure that replaces it, or remove superseded_by"
            )


def _oracle_finish_before_start(plan: m.EqualityPlan) -> Iterator[tuple[object, ...]]:
    context = plan.date_context
    for path, o in plan.objectives_with_paths():
        pairs = [(path, o.start, o.finish)] + [((*path, "actions", n), a.start, a.finish) for n, a in enumerate(o.actions)]
        for where, start, finish in pairs:
            if not (start and finish):
                continue
            first, last = start.span_in(context), finish.span_in(context)
            if first and last and last[1] < first[0]:
                yield (*where, "finish"), f"finishes ({finish}) before it starts ({start})", "swap the dates or correct one"


def _oracle_outside_period(plan: m.EqualityPlan) -> Iterator[tuple[object, ...]]:
    context = plan.date_context
    span = context.period
    if span is None:
        return
    for path, o in plan.objectives_with_paths():
        if not o.current:
            continue
        dated = [((*path, "start"), o.start), ((*path, "finish"), o.finish)]
        dated += [((*path, "actions", n, k), getattr(a, k)) for n, a in enumerate(o.actions) for k in ("start", "finish")]
        for where, when in dated:
            covers = when.span_in(context) if when is not None else None
            if covers and (covers[1] < span[0] or covers[0] > span[1]):
                yield where, f"{when} is outside the plan period {plan.period}", "correct the date, or the plan's period"


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=40)
@given(plans)
def test_the_rules_find_what_they_found_before_they_shared_their_work(plan: m.EqualityPlan) -> None:
    """For any plan, the rules whose walks were made cheaper find what they found before, in the same order."""
    assert list(rules.age_for_pupils(plan, ON)) == list(_oracle_age_for_pupils(plan))
    assert list(rules.superseded_by_unknown(plan, ON)) == list(_oracle_superseded_by_unknown(plan))
    assert _outcome(lambda: rules.finish_before_start(plan, ON)) == _outcome(lambda: _oracle_finish_before_start(plan))
    assert _outcome(lambda: rules.outside_period(plan, ON)) == _outcome(lambda: _oracle_outside_period(plan))


def _outcome(found: Callable[[], Iterable[object]]) -> object:
    """What a rule finds, or the error it fails with."""
    try:
        return list(found())
    except ValueError as exc:
        return type(exc), str(exc)
