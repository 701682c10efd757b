"""A misspelt word in the newer fields is refused (or warned of) at its line, with a did-you-mean."""

from __future__ import annotations

import datetime as dt

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan
from equality_docs.errors import InputError
from equality_docs.load import parse, structure

ON = dt.date(2026, 11, 25)
HEAD = "organisation: {name: Test School, type: school}\nperiod: 2025/26\n"


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        equality_docs.loads(HEAD + text)
    return str(caught.value).removeprefix("<input>:")


def _codes(text: str) -> list[tuple[str, int | None, str]]:
    data, lines = parse(HEAD + text)
    return [(f.code, f.line, f.message) for f in check_plan(structure(data, lines), on=ON, lines=lines)]


def test_a_misspelt_aim_in_grouping_order_is_refused_with_did_you_mean() -> None:
    """`order: [advanse]` under `by: aim` is an input error at its line, suggesting "advance"."""
    message = _refusal(
        "grouping:\n  by: aim\n  order: [advanse]\nobjectives:\n  - {text: X, aims: [advance]}\n"
    )

    assert message.startswith('5: grouping.order[0]: "advanse" is not an aim of the general duty')
    assert 'did you mean "advance"?' in message


def test_a_misspelt_characteristic_in_grouping_order_is_refused() -> None:
    """Under `by: characteristic` an order entry naming no characteristic is refused, with a suggestion."""
    message = _refusal("grouping: {by: characteristic, order: [disabilty]}\n")

    assert "3: grouping.order[0]" in message
    assert 'did you mean "disability"?' in message


def test_grouping_order_in_the_plans_own_words_is_accepted() -> None:
    """An order entry naming an aim as an objective's `aims_label` does is not refused."""
    plan = equality_docs.loads(
        HEAD + "grouping: {by: aim, order: [Removing disadvantage]}\n"
        "objectives:\n  - {text: X, aims: [advance], aims_label: Removing disadvantage}\n"
    )

    assert ("Removing disadvantage",) == plan.grouping.order if plan.grouping else False


def test_a_free_grouping_order_naming_no_objectives_group_is_warned_of() -> None:
    """Under a free key (tags), an order entry no objective has is a check warning at its line."""
    found = _codes(
        "grouping:\n  by: tag\n  order: [Workforse]\nobjectives:\n  - {text: X, aims: [advance], tags: [Workforce]}\n"
    )

    assert [("EQ147", 5)] == [(code, line) for code, line, _ in found if code == "EQ147"]
    assert "'Workforse'" in next(message for code, _, message in found if code == "EQ147")


def test_an_unknown_kind_in_a_section_is_refused_with_did_you_mean() -> None:
    """`kinds: [strategy, psed]` is refused at the section's kinds, suggesting psed-statement."""
    message = _refusal("sections:\n  - title: A\n    kinds: [strategy, psed]\n")

    assert message.startswith('5: sections[0].kinds[1]: "psed" is not a kind of document')
    assert 'did you mean "psed-statement"?' in message


def test_place_on_a_nested_section_is_refused() -> None:
    """`place:` on a section inside another has no effect, so it is refused where it is written."""
    message = _refusal(
        "sections:\n  - title: A\n    place: before\n    sections:\n      - title: B\n        place: after\n"
    )

    assert message.startswith("8: sections[0].sections[0].place: place has effect only on a top-level section")


def test_a_measures_final_target_satisfies_eq102() -> None:
    """A measure with only a final `target:` is not reported as having no target."""
    found = _codes(
        "objectives:\n  - text: X\n    aims: [advance]\n    measures:\n"
        "      - {refs: [CS 04], description: Hate incidents reported, baseline: 112, target: 150}\n"
    )

    assert [] == [code for code, _, _ in found if code == "EQ102"]


def test_a_period_without_its_own_target_is_judged_against_the_final_target() -> None:
    """The annual report's Target column and result use the final target where a year has none."""
    measure = m.PerformanceMeasure(
        description="Hate incidents reported", direction=m.Direction.HIGHER, baseline=m.Quantity("112"),
        target=m.Quantity("150"), actuals=(m.PeriodValue(period="2025/26", value=m.Quantity("160")),),
    )

    judged = m.assess(measure, "2025/26")

    assert ("150", m.Result.MET) == (str(judged.target), judged.result)


def test_characteristics_all_gives_no_warnings_about_characteristics_not_written() -> None:
    """An objective for all characteristics at a school gives neither EQ120 nor EQ121."""
    found = _codes("objectives:\n  - {text: X, aims: [advance, foster], characteristics: all}\n")

    assert [] == [code for code, _, _ in found if code in ("EQ120", "EQ121")]


def test_characteristics_all_at_plan_level_is_the_nine() -> None:
    """`characteristics: all` at plan level is accepted, as on an objective: the nine in the Act's order."""
    plan = equality_docs.loads(HEAD + "characteristics: all\n")

    assert list(m.Characteristic) == [r.characteristic for r in plan.characteristics]


def test_a_misspelt_place_gets_did_you_mean() -> None:
    """`place: befor` is refused with a suggestion, as misspelt keys are."""
    message = _refusal("sections:\n  - title: A\n    place: befor\n")

    assert message == '5: sections[0].place: expected one of: before, after, got "befor" (did you mean "before"?)'


def test_grouping_short_form_names_grouping_and_suggests() -> None:
    """`grouping: aims` is refused at `grouping` (the key typed, not grouping.by), suggesting "aim"."""
    message = _refusal("grouping: aims\n")

    assert message.startswith('3: grouping: expected one of: aim, characteristic,')
    assert message.endswith('got "aims" (did you mean "aim"?)')


def test_a_missing_target_text_says_what_to_write() -> None:
    """A target without `text:` says a target needs its text, with an example line."""
    message = _refusal("objectives:\n  - text: X\n    targets:\n      - {baseline: 40%, value: 50%}\n")

    assert "6: objectives[0].targets[0].text: this required field is missing (a target needs its text: `text: " in message


def test_the_kinds_a_section_may_name_are_the_registered_kinds() -> None:
    """The model's list of document kinds (what `kinds:` is checked against) is the registry's, in order."""
    from equality_docs.kinds import KINDS

    assert m.DOCUMENT_KINDS == tuple(kind.name for kind in KINDS)
