"""Sections placed between grouped objectives, and beside retired ones, in every kind."""

from __future__ import annotations

import re

import pytest

import equality_docs
from equality_docs.output.accessibility import check_docx

HEAD = "title: Grouped test\norganisation: {name: Test School, type: school, nation: england}\nperiod: 2025/26\n"

#: An outcome block grouped by characteristic, a section placed before its second objective.
BLOCK = HEAD + (
    "grouping: {by: characteristic, order: [religion or belief, pregnancy and maternity, age]}\n"
    "sections:\n"
    "  - {title: Faith panel, place: {before: b2}, body: The panel met.}\n"
    "appendices:\n"
    "  - title: Outcomes\n"
    "    outcomes:\n"
    "      - outcome: Respect\n"
    "        objectives:\n"
    "          - {id: b1, text: First block objective, characteristics: [religion or belief], actions: [Act one]}\n"
    "          - {id: b2, text: Second block objective, characteristics: [pregnancy and maternity, religion or belief]}\n"
    "          - {id: b3, text: Third block objective, characteristics: [age], actions: [Act three]}\n"
)

#: The plan's own objectives grouped by aim in an order unlike the plan's, a section placed after O2.
OWN = HEAD + (
    "grouping: {by: aim, order: [foster, advance, eliminate]}\n"
    "sections:\n"
    "  - {title: Interpreting, place: {after: O2}, body: We buy interpreting.}\n"
    "actions: [A plan-wide action]\n"
    "objectives:\n"
    "  - {id: O1, text: First own objective, aims: [eliminate]}\n"
    "  - {id: O2, text: Second own objective, aims: [advance]}\n"
    "  - {id: O3, text: Third own objective, aims: [advance, eliminate]}\n"
)


def _md(text: str, kind: str) -> str:
    return equality_docs.render(equality_docs.loads(text), kind=kind, fmt="md").decode()


def test_a_grouped_outcome_block_cut_at_a_section_prints_no_false_nil_return() -> None:
    """An outcome block grouped by characteristic, cut at a section, says "No objectives" for no group that has some."""
    text = _md(BLOCK, "action-plan")

    assert "No objectives this period" not in text


def test_a_grouped_outcome_block_cut_at_a_section_prints_each_group_once() -> None:
    """Each group heading of the block is printed once, the section between the first group's two objectives."""
    text = _md(BLOCK, "action-plan")
    order = [text.index(s) for s in (
        "#### Religion or belief", "First block objective", "Faith panel", "Second block objective",
        "#### Pregnancy and maternity", "#### Age", "Third block objective",
    )]

    assert (1, 1, 1, sorted(order)) == (
        text.count("#### Religion or belief"), text.count("#### Pregnancy and maternity"), text.count("#### Age"), order,
    )


def test_a_grouped_outcome_block_keeps_one_actions_table() -> None:
    """The block's actions table is not cut at a section placed between its objectives."""
    text = equality_docs.render(equality_docs.loads(BLOCK), kind="action-plan", fmt="html").decode()

    captions = re.findall(r"<caption>([^<]*)</caption>", text)

    assert ["Outcome: Respect: actions"] == [c for c in captions if "actions" in c.casefold()]


def test_the_plans_own_grouped_objectives_print_each_group_once_around_a_section() -> None:
    """Grouped by aim, the own objectives print each group once, the section after O2 in its group, before O3."""
    text = _md(OWN, "action-plan")
    order = [text.index(s) for s in (
        "### Foster good relations", "### Advance equality of opportunity", "Second own objective", "Interpreting",
        "Third own objective", "### Eliminate discrimination", "First own objective",
    )]

    assert (1, 1, sorted(order)) == (text.count("### Foster good relations"), text.count("### Eliminate discrimination"), order)


def test_a_section_before_an_objective_goes_before_its_first_appearance_in_the_groups() -> None:
    """`{before: O3}`, O3 first printed in the Advance group, puts the section there, not in Eliminate."""
    text = _md(OWN.replace("{after: O2}", "{before: O3}"), "action-plan")
    order = [text.index(s) for s in (
        "Second own objective", "Interpreting", "Third own objective", "### Eliminate discrimination",
    )]

    assert sorted(order) == order


#: Grouped under headings, one plan for every kind: its objectives, a strategy's priorities, an outcome block.
GROUPED = HEAD + (
    "grouping: {by: aim}\n"
    "reviews:\n  - {on: 2025-03-31, period: 2024/25}\n"
    "actions: [A plan-wide action]\n"
    "sections:\n"
    "  - {title: Placed note, place: {after: O1}, body: Between the objectives.}\n"
    "objectives:\n"
    "  - {id: O1, text: First objective, aims: [advance], actions: [Do one]}\n"
    "  - {id: O2, text: Second objective, aims: [advance], actions: [Do two]}\n"
    "  - {id: O3, text: Third objective, aims: [foster], actions: [Do three]}\n"
)
GROUPED_STRATEGY = HEAD + (
    "sections:\n"
    "  - {title: Placed note, place: {after: O1}, body: Between the objectives.}\n"
    "strategy:\n  priorities:\n"
    "    - title: One\n      objectives: [{id: O1, text: First objective}, {id: O2, text: Second objective}]\n"
    "    - title: Two\n      objectives: [{id: O3, text: Third objective}]\n"
)
GROUPED_BLOCK = BLOCK.replace("{before: b2}", "{after: b1}")


@pytest.mark.parametrize(("kind", "text"), [
    ("objectives-statement", GROUPED), ("objectives-plan", GROUPED), ("psed-statement", GROUPED),
    ("annual-report", GROUPED), ("action-plan", GROUPED), ("strategy", GROUPED_STRATEGY),
    ("action-plan", GROUPED_BLOCK),
])
def test_a_section_between_grouped_objectives_keeps_the_heading_order(kind: str, text: str) -> None:
    """Under group headings, the section's heading is a level below the group's: the Word output check finds no problem."""
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt="docx")

    assert [] == [f.message for f in check_docx(data) if f.severity != "info"]


@pytest.mark.parametrize(("kind", "text"), [
    ("objectives-statement", GROUPED), ("objectives-plan", GROUPED), ("psed-statement", GROUPED),
    ("annual-report", GROUPED), ("action-plan", GROUPED),
    # Grouped as rows, the action plan's own objectives keep their group headings.
    ("action-plan", GROUPED.replace("{by: aim}", "{by: aim, show: rows}")),
])
def test_the_objectives_after_a_section_stay_under_their_group(kind: str, text: str) -> None:
    """The section's Markdown heading is deeper than the group heading, so the next objective stays in the group."""
    text = _md(text, kind)
    group = re.search(r"^(#+) Advance equality of opportunity$", text, re.MULTILINE)
    note = re.search(r"^(#+) (?:\d+\. )?Placed note$", text, re.MULTILINE)

    assert group and note and len(note.group(1)) == len(group.group(1)) + 1


def test_in_the_strategy_a_section_beside_an_objective_is_a_level_below_the_priority() -> None:
    """The strategy's priorities are its groups: the section heading is one level below the priority's."""
    text = _md(GROUPED_STRATEGY, "strategy")

    assert re.search(r"^### 1\. One$", text, re.MULTILINE) and re.search(r"^#### Placed note$", text, re.MULTILINE)


#: A section placed before a retired objective that sits between the second and the third.
RETIRED = HEAD + (
    "sections:\n"
    "  - {title: Beside the retired one, place: {before: R}, body: A note.}\n"
    "strategy:\n  priorities:\n"
    "    - title: One\n      objectives:\n"
    "        - {id: O1, text: First objective}\n"
    "        - {id: O2, text: Second objective}\n"
    "        - {id: R, text: Retired objective, retired: true}\n"
    "        - {id: O3, text: Third objective}\n"
)


@pytest.mark.parametrize("kind", ["strategy", "objectives-statement", "psed-statement", "objectives-plan"])
def test_a_section_beside_a_retired_objective_prints_where_it_stood(kind: str) -> None:
    """The section placed before a retired objective prints between the objectives either side of it, not at the end."""
    text = _md(RETIRED, kind)
    order = [text.index(s) for s in ("Second objective", "Beside the retired one", "Third objective")]

    assert ("Retired objective" not in text, sorted(order)) == (True, order)


#: A section placed after the only objective with a name, which is retired; the others have none.
RETIRED_ONLY_NAMED = HEAD + (
    "grouping: {by: aim, show: rows}\n"
    "sections:\n"
    "  - {title: Beside the retired one, place: {after: R}, body: A note.}\n"
    "objectives:\n"
    "  - {text: First objective, aims: [advance]}\n"
    "  - {id: R, text: Retired objective, retired: true}\n"
    "  - {text: Last objective, aims: [foster]}\n"
)


@pytest.mark.parametrize("kind", ["objectives-statement", "psed-statement", "objectives-plan"])
def test_a_section_beside_a_retired_objective_with_no_named_one_near_prints_after_them_all(kind: str) -> None:
    """Placed after a retired objective where no printed objective has an id or ref, the section prints after the objectives."""
    text = _md(RETIRED_ONLY_NAMED, kind)

    assert text.index("Last objective") < text.index("Beside the retired one")
    assert "Retired objective" not in text


#: Grouped as rows, a section placed between two objectives of one group.
ROWS = GROUPED.replace("grouping: {by: aim}", "grouping: {by: aim, show: rows}")


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan"])
def test_a_table_of_groups_as_rows_cut_at_a_section_repeats_the_group_row(kind: str) -> None:
    """Grouped as rows, the table after the section opens with the group row of the objective it goes on with."""
    text = _md(ROWS, kind)
    after = text[text.index("Between the objectives."):]

    assert after.index("**Advance equality of opportunity (continued)**") < after.index("Second objective")


def test_the_annual_report_grouped_as_rows_keeps_one_table_cut_at_a_section() -> None:
    """Grouped as rows, the annual report prints its progress table (no group headings), cut at the section."""
    text = _md(ROWS, "annual-report")
    order = [text.index(s) for s in (
        "| <!-- group --> **Advance equality of opportunity** |", "Do one", "Placed note",
        "| <!-- group --> **Advance equality of opportunity (continued)** |", "Do two",
        "| <!-- group --> **Foster good relations** |", "Do three",
    )]

    assert ("### Advance equality of opportunity" not in text, sorted(order)) == (True, order)


def test_the_annual_report_grouped_as_rows_cut_at_a_section_passes_the_output_check() -> None:
    """The Word annual report with its progress table cut at a section has both parts captioned and headed in order."""
    data = equality_docs.render(equality_docs.loads(ROWS), kind="annual-report", fmt="docx")

    assert [] == [f.message for f in check_docx(data) if f.severity != "info"]


def test_the_psed_statement_grouped_as_rows_prints_a_section_between_its_objectives() -> None:
    """Grouped as rows, the PSED statement (a list, not a table) prints the section after O1, before O2, no error."""
    text = _md(ROWS, "psed-statement")
    order = [text.index(s) for s in ("First objective", "Placed note", "Second objective", "Third objective")]

    assert sorted(order) == order


@pytest.mark.parametrize("kind", ["psed-statement", "objectives-statement"])
def test_a_section_before_a_groups_first_objective_prints_before_the_group_heading_at_its_level(kind: str) -> None:
    """`{before: O3}`, O3 the first of the Foster group, prints before "### Foster good relations", at that level."""
    text = _md(GROUPED.replace("{after: O1}", "{before: O3}"), kind)
    group = re.search(r"^(#+) Foster good relations$", text, re.MULTILINE)
    note = re.search(r"^(#+) (?:\d+\. )?Placed note$", text, re.MULTILINE)

    assert group and note and note.start() < group.start() and note.group(1) == group.group(1)
