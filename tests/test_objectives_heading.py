"""The objectives' own heading, at the level of a top-level section, so it never reads as part of a user's section."""

from __future__ import annotations

import pytest

import equality_docs
from equality_docs import model as m

from .docxdump import dump, open_docx

_PLAN = (
    "organisation: {name: Willowmere Primary School, type: school}\n"
    "period: 2024 - 2028\n"
    "sections:\n"
    "  - title: Our commitment\n"
    "    place: before\n"
    "    sections:\n"
    "      - {title: Our values, body: Every child belongs.}\n"
    "objectives:\n"
    "  - {text: Narrow the attendance gap, aims: [advance]}\n"
)


def _heading_levels(plan: m.EqualityPlan, kind: str, fmt: str) -> dict[str, int]:
    """Return each heading's level (1 for "##" in Markdown, <h2> in HTML and Heading 1 in Word), the title left out."""
    data = equality_docs.render(plan, kind=kind, fmt=fmt)
    levels: dict[str, int] = {}
    if fmt == "docx":
        for line in dump(open_docx(data)).splitlines():
            if line.startswith("[Heading "):
                style, text = line[1:].split("] ", 1)
                levels[text] = int(style.split()[1])
    elif fmt == "md":
        for line in data.decode("utf-8").splitlines():
            if line.startswith("#"):
                marks, text = line.split(" ", 1)
                if len(marks) > 1:
                    levels[text] = len(marks) - 1
    else:
        for part in data.decode("utf-8").split("<h")[1:]:
            if part[0].isdigit() and part[0] != "1":
                levels[part[2:].split("</h")[0]] = int(part[0]) - 1
    return levels


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_objectives_statement_heading_is_a_top_level_section(fmt: str) -> None:
    """"Our equality objectives" is at the level of the user's top-level sections, its groups one below it."""
    plan = equality_docs.loads(_PLAN + "grouping: aim\n")
    levels = _heading_levels(plan, "objectives-statement", fmt)

    assert levels["Our commitment"] == levels["Our equality objectives"] == 1
    assert levels["Our values"] == levels["Advance equality of opportunity"] == 2


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_objectives_plan_table_has_a_top_level_heading_after_sections_placed_before_it(fmt: str) -> None:
    """After a section placed before it, the objectives plan's table has a top-level heading of its own: the period's."""
    levels = _heading_levels(equality_docs.loads(_PLAN), "objectives-plan", fmt)
    order = list(levels)

    assert 1 == levels["Equality objectives: 2024 - 2028"] == levels["Our commitment"]
    assert order.index("Our values") < order.index("Equality objectives: 2024 - 2028")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_objectives_plan_with_no_period_names_its_objectives_over_the_table(fmt: str) -> None:
    """With no period, the heading over the table after a placed section is the plan's name for its objectives."""
    plan = equality_docs.loads(_PLAN.replace("period: 2024 - 2028\n", "") + "grouping: aim\n")
    levels = _heading_levels(plan, "objectives-plan", fmt)
    order = list(levels)

    assert 1 == levels["Equality objectives"] == levels["Our commitment"]
    assert order.index("Our values") < order.index("Equality objectives") < order.index("Advance equality of opportunity")
    assert 2 == levels["Advance equality of opportunity"]
