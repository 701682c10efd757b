"""
The `equality-docs new` starters: each shows the structure model its kind prints (editions,
grouping, columns, numbering, labelled targets, blocks, retired items, the plan's own actions
and measures, qualifiers, target groups), checks clean, renders in every kind it makes, and
stays short enough to read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.check import Severity, check_plan
from equality_docs.kinds import FORMATS
from equality_docs.load import load_with_lines

STARTERS = Path(equality_docs.__file__).parent / "starters"
NAMES = sorted(path.stem for path in STARTERS.glob("*.yaml"))

#: The day the starters are checked on: within their year, so no deadline has passed or is far off.
ON = dt.date(2026, 10, 1)


def _objectives(plan: m.EqualityPlan) -> list[m.Objective]:
    return list(plan.all_objectives())


def _characteristics(plan: m.EqualityPlan) -> list[m.CharacteristicRef]:
    return [*plan.characteristics, *(c for o in _objectives(plan) for c in o.characteristics)]


#: What a starter may show, each a test on its plan.
FEATURES: dict[str, Callable[[m.EqualityPlan], bool]] = {
    "editions": lambda p: bool(p.editions),
    "grouping": lambda p: p.grouping is not None,
    "tables": lambda p: p.tables is not None,
    "section numbering": lambda p: p.section_numbering is not None,
    "a labelled target": lambda p: any(t.label for o in _objectives(p) for t in o.targets),
    "evidence, themes or success criteria": lambda p: any(
        o.evidence or o.themes or o.success_criteria for o in _objectives(p)
    ),
    "a retired or superseded item": lambda p: any(
        i.retired or i.superseded_by for i in [*_objectives(p), *p.actions, *p.measures]
    ),
    "the plan's own actions": lambda p: bool(p.actions),
    "the plan's own measures": lambda p: bool(p.measures),
    "a qualifier": lambda p: any(c.qualifier for c in _characteristics(p)),
    "target groups": lambda p: any(o.target_groups for o in _objectives(p)),
}

#: The features each starter shows: those its kind prints.
SHOWN: dict[str, set[str]] = {
    "action-plan": set(FEATURES) - {"grouping"},
    "annual-report": set(FEATURES) - {"a labelled target", "evidence, themes or success criteria", "a qualifier",
                                      "the plan's own actions"},
    "objectives-plan": set(FEATURES) - {"the plan's own actions", "the plan's own measures"},
    "objectives-statement": set(FEATURES) - {"the plan's own actions", "the plan's own measures"},
    "psed-statement": set(FEATURES) - {"tables", "evidence, themes or success criteria",
                                       "the plan's own actions", "the plan's own measures"},
    "strategy": set(FEATURES) - {"grouping", "tables", "the plan's own actions", "the plan's own measures",
                                 "a qualifier", "target groups"},
}


def _load(name: str) -> m.EqualityPlan:
    return equality_docs.load(STARTERS / f"{name}.yaml")


def test_every_starter_is_listed() -> None:
    """Every kind has a starter, and the list of what each shows covers them all."""
    assert sorted(SHOWN) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_each_starter_shows_the_structure_its_kind_prints(name: str) -> None:
    """A starter holds, as live fields, each part of the structure model its kind prints."""
    plan = _load(name)

    assert [] == sorted(feature for feature in SHOWN[name] if not FEATURES[feature](plan))


def test_the_action_plan_starter_shows_the_one_table_action_tracker() -> None:
    """The action plan's starter has the plan's own actions with their own columns, done and not done."""
    plan = _load("action-plan")

    assert plan.tables is not None and plan.tables.actions is not None
    assert {"completed", "outcome"} <= {c.field for c in plan.tables.actions.columns}
    assert [True, False] == sorted({a.completed is not None for a in plan.current().actions}, reverse=True)


@pytest.mark.parametrize("name", NAMES)
def test_each_starter_checks_clean(name: str) -> None:
    """`check` finds no error and no warning in a starter (notes, which are advice, may remain)."""
    path = STARTERS / f"{name}.yaml"
    plan, lines = load_with_lines(path)

    findings = check_plan(plan, on=ON, lines=lines)

    assert [] == [f"{f.line}: {f.code} {f.message}" for f in findings if f.severity is not Severity.INFO]


@pytest.mark.parametrize("name", NAMES)
def test_each_starter_renders_in_every_kind_it_makes(name: str) -> None:
    """A starter makes its own kind, and renders in every kind it makes, in every format."""
    plan = _load(name)
    kinds = [k.name for k in equality_docs.kinds_for(plan)]

    assert name in kinds
    for kind in kinds:
        for fmt in FORMATS:
            assert equality_docs.render(plan, kind=kind, fmt=fmt), (kind, fmt)


@pytest.mark.parametrize("name", NAMES)
def test_each_starter_stays_short_enough_to_read(name: str) -> None:
    """A starter is at most 120 lines, none wider than 120 characters."""
    lines = (STARTERS / f"{name}.yaml").read_text(encoding="utf-8").splitlines()

    assert len(lines) <= 120
    assert [] == [n for n, line in enumerate(lines, start=1) if len(line) > 120]
