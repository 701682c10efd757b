"""Grouping a document's objectives by a key the plan names: the model, the contexts and the pages."""

from __future__ import annotations

import equality_docs
from equality_docs import model as m


def _plan(grouping: str) -> m.EqualityPlan:
    return equality_docs.loads(
        "organisation: {name: Hollybank Primary School, type: school}\n"
        f"grouping: {grouping}\n"
        "objectives:\n"
        "  - {text: Kind words, aims: [eliminate], aims_label: Eliminate harassment,"
        " target_groups: [Pupils], scope: External}\n"
        "  - {text: Clubs for all, aims: [advance, foster], target_groups: [Pupils, Staff], tags: [Clubs]}\n"
        "  - {text: Festivals, target_groups: [Whole school]}\n"
    )


def _groups(plan: m.EqualityPlan) -> list[tuple[str, list[str]]]:
    assert plan.grouping is not None
    groups = m.group_objectives(plan.objectives, plan.grouping)
    return [(g.name, [plan.objectives[i].text for i in g.members]) for g in groups]


def test_grouping_written_as_just_its_key() -> None:
    """`grouping: aim` is read as a grouping by duty aim with the default nil return and other heading."""
    plan = _plan("aim")

    assert m.Grouping(by=m.GroupKey.AIM) == plan.grouping
    assert "No objectives this period" == plan.grouping.empty


def test_objective_under_several_aims_is_listed_under_each_in_the_acts_order() -> None:
    """Aims print in the Act's order, the plan's own wording naming a group; no aim goes under "Other"."""
    assert [
        ("Eliminate harassment", ["Kind words"]),
        ("Advance equality of opportunity", ["Clubs for all"]),
        ("Foster good relations", ["Clubs for all"]),
        ("Other objectives", ["Festivals"]),
    ] == _groups(_plan("aim"))


def test_order_puts_named_groups_first_and_keeps_an_empty_one_with_its_nil_return() -> None:
    """Groups in `order` come first even when empty; the rest follow in the order they first appear."""
    plan = _plan("{by: audience, order: [staff, Governors, pupils], empty: Nothing this year}")

    assert [
        ("Staff", ["Clubs for all"]),
        ("Governors", []),
        ("Pupils", ["Kind words", "Clubs for all"]),
        ("Whole school", ["Festivals"]),
    ] == _groups(plan)
    assert plan.grouping is not None and "Nothing this year" == plan.grouping.empty


def test_scope_and_tags_group_free_text() -> None:
    """Scope and free tags group as written; objectives naming none go under `other`."""
    assert [("External", ["Kind words"]), ("Other objectives", ["Clubs for all", "Festivals"])] == _groups(
        _plan("scope")
    )
    assert [("Clubs", ["Clubs for all"]), ("Whole-school", ["Kind words", "Festivals"])] == _groups(
        _plan("{by: tag, other: Whole-school}")
    )


def test_characteristic_groups_take_the_plans_own_label() -> None:
    """A characteristic's group is named by the plan's own label for it, else the statutory name."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Oakfield Academy"),
        objectives=(m.Objective(text="A", characteristics=(
            m.CharacteristicRef(characteristic=m.Characteristic.SEX),
            m.CharacteristicRef(characteristic=m.Characteristic.AGE),
        )),),
    )
    groups = m.group_objectives(
        plan.objectives, m.Grouping(by=m.GroupKey.CHARACTERISTIC),
        (m.CharacteristicRef(characteristic=m.Characteristic.SEX, label="Sex (gender)"),),
    )

    assert ["Age", "Sex (gender)"] == [g.name for g in groups]


def test_unknown_grouping_key_says_what_to_write() -> None:
    """A misspelt key is a load error that lists the keys."""
    try:
        _plan("audiance")
    except equality_docs.errors.InputError as error:
        message = str(error)
    else:
        raise AssertionError("no error")
    assert "audiance" in message and "aim, characteristic, audience" in message
