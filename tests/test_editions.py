"""Editions of a plan, and retired and superseded items (`equality-docs diff`: test_diff.py)."""

from __future__ import annotations

import datetime as dt

import attrs

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan
from equality_docs.context.common import EditionView, document_info
from equality_docs.kinds import KINDS
from equality_docs.model._refusals import derived

from .conftest import ROOT

EDITIONS = ROOT / "examples" / "editions"
NEW = EDITIONS / "objectives-2026.yaml"


def _plan(*objectives: m.Objective) -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="Riverside Primary School", type=m.OrganisationType.SCHOOL),
        objectives=objectives,
    )


def _objective(text: str, **fields: object) -> m.Objective:
    return m.Objective(text=text, aims=(m.Aim.ADVANCE,), **fields)  # type: ignore[arg-type]


# Editions -------------------------------------------------------------------------------------


def test_editions_are_read_and_exposed_to_templates() -> None:
    """A plan's editions reach DocumentInfo as rows of a version history, dates as written."""
    plan = equality_docs.load(NEW)

    info = document_info(plan, kind="objectives-plan", default_title="Equality objectives")

    assert ("30/09/2025", "1.0", "First edition.") == (
        info.editions[0].date, info.editions[0].version, info.editions[0].changes
    )
    assert ["1.0", "2.0"] == [e.version for e in info.editions]
    assert all(isinstance(e, EditionView) for e in info.editions)


def test_a_plan_without_editions_has_no_version_history() -> None:
    """Nothing empty is printed: no editions, no rows."""
    info = document_info(_plan(_objective("x")), kind="objectives-plan", default_title="t")

    assert () == info.editions


# Retired and superseded -----------------------------------------------------------------------


def test_retired_and_superseded_items_are_left_out_of_every_kind() -> None:
    """No kind's context holds a retired or superseded objective, action or measure, wherever it is held."""
    objectives = (
        _objective("Kept", id="ob-2", owner="Head", actions=(
            m.Action(id="a-2", text="Kept action"),
            m.Action(text="Zombie action retired", retired=True),
            m.Action(text="Zombie action superseded", superseded_by="a-2"),
        ), measures=(
            m.PerformanceMeasure(description="Kept measure", targets=(m.PeriodValue(period="2025/26", value=m.Quantity("5")),)),
            m.PerformanceMeasure(description="Zombie measure", retired=True, retired_reason="met"),
        )),
        _objective("Zombie objective retired", retired=True),
        _objective("Zombie objective superseded", superseded_by="ob-2"),
    )
    plan = attrs.evolve(
        _plan(*objectives),
        strategy=m.Strategy(priorities=(m.Priority(title="P", objectives=objectives),)),
        appendices=(m.Appendix(title="A", outcomes=(m.OutcomeBlock(outcome="O", objectives=objectives),)),),
        reviews=(m.ReviewInfo(on=dt.date(2026, 3, 31)),),
    )

    contexts = {kind.name: repr(kind.build_context(plan)) for kind in KINDS}

    for name, context in contexts.items():
        assert "Zombie" not in context, name
        assert "Kept" in context or name == "strategy", name  # a strategy prints no objectives
    assert "Kept action" in contexts["action-plan"]
    assert "Kept measure" in contexts["action-plan"]


def test_action_plan_leaves_out_a_retired_action() -> None:
    """A retired action held in an action plan's appendix is not printed."""
    block = m.OutcomeBlock(outcome="Stay safe", objectives=(
        _objective("Reduce bullying", actions=(
            m.Action(text="Peer mentors"), m.Action(text="Old survey", retired=True),
        )),
    ))
    plan = attrs.evolve(_plan(), appendices=(m.Appendix(title="Appendix 1", outcomes=(block,)),))

    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert "Peer mentors" in text
    assert "Old survey" not in text


def test_superseded_by_an_unknown_id_is_an_error() -> None:
    """EQ146 names the field of an item superseded by an id no item has."""
    with derived():  # a view the model derives may hold it; input is refused as it is built
        plan = _plan(
            _objective("Old", id="ob-1", superseded_by="ob-9"),
            _objective("New", id="ob-2", actions=(m.Action(text="a", superseded_by="ob-1"),)),
        )

    found = [f for f in check_plan(plan, on=dt.date(2026, 1, 1)) if f.code == "EQ146"]

    assert ["objectives[0].superseded_by"] == [f.path for f in found]
    assert "'ob-9'" in found[0].message
