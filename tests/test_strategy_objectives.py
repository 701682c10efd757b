"""The strategy prints each priority's objectives, with their blocks, and its characteristics as the plan names them."""

from __future__ import annotations

import pytest

import equality_docs
from equality_docs import model as m

from .docxdump import dump, open_docx

_PLAN = (
    "organisation: {name: University of Eastmoor, type: other}\n"
    "characteristics:\n"
    "  - {characteristic: disability, label: disability (including long-term health conditions)}\n"
    "  - {characteristic: age, qualifier: in relation to staff only}\n"
    "  - race\n"
    "strategy:\n"
    "  priorities:\n"
    "    - title: Inclusive learning\n"
    "      bullets: [reviewing every module's assessment]\n"
    "      objectives:\n"
    "        - {ref: (i), text: Halve the awarding gap, aims: [advance], evidence: [Degree outcomes 2024]}\n"
    "    - title: A fair place to work\n"
    "      objectives:\n"
    "        - {text: Raise the share of women professors, aims: [advance], success_criteria: [Athena Swan Silver]}\n"
)


def _text(fmt: str) -> str:
    data = equality_docs.render(equality_docs.loads(_PLAN), kind="strategy", fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_strategy_prints_each_prioritys_objectives_with_their_blocks(fmt: str) -> None:
    """A priority's objectives print under it, after its bullets, each with its ref (else its number) and its blocks."""
    text = _text(fmt)
    first, second = text.split("A fair place to work")

    assert "Halve the awarding gap" in first.split("Inclusive learning")[1]
    assert "(i)" in first.split("Halve the awarding gap")[0][-20:]
    assert "Degree outcomes 2024" in first and "Evidence" in first
    assert "Raise the share of women professors" in second
    numbered = "<ol>\n<li>" if fmt == "html" else "1."  # HTML numbers a list itself
    assert numbered in second.split("Raise the share")[0][-20:]
    assert "Athena Swan Silver" in second and "Success criteria" in second


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_strategy_characteristics_print_the_plans_labels_and_qualifiers(fmt: str) -> None:
    """The strategy's list of characteristics prints the plan's label and qualifier as written, the others in lower case."""
    text = _text(fmt)

    assert "disability (including long-term health conditions)" in text
    assert "age in relation to staff only" in text
    assert "race" in text


def test_strategy_with_no_objectives_under_its_priorities_prints_no_objectives_heading() -> None:
    """A priority with no objectives prints no "Objectives" line."""
    plan = equality_docs.loads(
        "organisation: {name: Eastmoor Council, type: council}\n"
        "strategy: {priorities: [{title: Listening, bullets: [to residents]}]}\n"
    )
    text = equality_docs.render(plan, kind="strategy", fmt="md").decode("utf-8")

    assert m.Labels().objectives_heading not in text.split("Listening")[1]


def test_objective_that_only_repeats_its_prioritys_title_is_not_printed_twice() -> None:
    """An objective whose text is its priority's title, with no ref and nothing under it, is not printed again."""
    plan = equality_docs.loads(
        "organisation: {name: Eastmoor Council, type: council}\n"
        "strategy: {priorities: [{title: Listening, objectives: [{text: Listening, aims: [foster]}]}]}\n"
    )
    text = equality_docs.render(plan, kind="strategy", fmt="md").decode("utf-8")

    assert 1 == text.count("Listening")
