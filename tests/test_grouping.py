"""Grouping a document's objectives by a key the plan names: the model, the contexts and the pages."""

from __future__ import annotations

import re

import attrs
import pytest

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


def test_order_may_name_a_group_in_the_plans_own_words() -> None:
    """`order` finds an aim's group by the objective's own wording as well as by the aim's name."""
    plan = _plan("{by: aim, order: [foster, Eliminate harassment]}")

    assert ["Foster good relations", "Eliminate harassment"] == [name for name, _ in _groups(plan)][:2]


def test_scope_and_tags_group_free_text() -> None:
    """Scope and free tags group as written; objectives naming none go under `other`."""
    assert [("External", ["Kind words"]), ("Other objectives", ["Clubs for all", "Festivals"])] == _groups(
        _plan("scope")
    )
    assert [("Clubs", ["Clubs for all"]), ("Whole-school", ["Kind words", "Festivals"])] == _groups(
        _plan("{by: tag, other: Whole-school}")
    )


def test_directorate_groups_by_the_service_area_as_service_area_does() -> None:
    """`by: directorate`, a council's word, groups objectives by their `service_area`, as `service area` does."""
    plan = equality_docs.loads(
        "organisation: {name: Anytown Council, type: council}\n"
        "grouping: {by: directorate, order: [Adult Social Care, Housing]}\n"
        "objectives:\n"
        "  - {text: Easier booking, service_area: Adult Social Care}\n"
        "  - {text: Fairer lettings, service_area: Housing}\n"
        "  - {text: Accessible website}\n"
    )
    expected = [("Adult Social Care", ["Easier booking"]), ("Housing", ["Fairer lettings"]),
                ("Other objectives", ["Accessible website"])]
    assert _groups(plan) == expected
    assert plan.grouping is not None
    same = attrs.evolve(plan, grouping=attrs.evolve(plan.grouping, by=m.GroupKey.SERVICE_AREA))
    assert _groups(same) == expected


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


def test_schema_takes_grouping_as_a_key_or_a_mapping() -> None:
    """The JSON Schema lets an editor accept `grouping: aim` as well as the full mapping."""
    schema = equality_docs.json_schema()

    assert {"type": "string"} in schema["properties"]["grouping"]["anyOf"][0]["anyOf"]
    assert "order" in schema["$defs"]["Grouping"]["properties"]


def test_unknown_grouping_key_says_what_to_write() -> None:
    """A misspelt key is a load error that lists the keys."""
    try:
        _plan("audiance")
    except equality_docs.errors.InputError as error:
        message = str(error)
    else:
        raise AssertionError("no error")
    assert "audiance" in message and "aim, characteristic, audience" in message


# The pages: each kind that lists objectives prints the groups, in every format --------------

from equality_docs.context.comparison import value_change  # noqa: E402

from .docxdump import dump, open_docx  # noqa: E402
from .fill import fill_for  # noqa: E402

FORMATS = ["md", "html", "docx"]
GROUPED = """
organisation: {name: Riverside Primary School, type: school}
reviews: [{on: 2025-07-20, period: 2024/25}]
grouping: {by: audience, order: [Staff, Governors, Pupils], empty: Nothing planned this year}
objectives:
  - text: Close the reading gap
    target_groups: [Pupils]
    progress: [{on: 2025-07-20, status: on track}]
  - text: Flexible working for all staff
    target_groups: [Staff, Pupils]
    progress: [{on: 2025-07-20, status: at risk}]
"""


def render_text(text: str, kind: str, fmt: str) -> str:
    """Return a rendering as text: Markdown and HTML as they are, Word as its dump."""
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


def _in_order(text: str, *parts: str) -> bool:
    at = -1
    for part in parts:
        at = text.find(part, at + 1)
        if at < 0:
            return False
    return True


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan", "psed-statement", "annual-report"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_listing_prints_its_groups_in_order_with_the_nil_return(kind: str, fmt: str) -> None:
    """Groups print in the plan's order, an objective under each of its groups, an empty one with its nil return."""
    text = render_text(GROUPED, kind, fmt)

    assert _in_order(
        text, "Staff", "Flexible working for all staff", "Governors", "Nothing planned this year",
        "Pupils", "Close the reading gap", "Flexible working for all staff",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_statement_groups_are_headings_each_over_its_own_table(fmt: str) -> None:
    """
    In the objectives statement each group is a heading, one level below the top-level objectives
    heading, with a captioned table of its objectives.
    """
    text = render_text(GROUPED, "objectives-statement", fmt)

    heading = {"md": "### Pupils", "html": "<h3>Pupils</h3>", "docx": "[Heading 2] Pupils"}[fmt]
    assert heading in text
    if fmt != "md":
        assert "Equality objectives: Pupils" in text  # the table's caption names its group


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_grouping_the_statement_prints_one_table(fmt: str) -> None:
    """A plan naming no grouping prints its objectives in one table, as before, with no group heading."""
    text = render_text(GROUPED.replace("grouping:", "unused:").replace("unused: {", "#"), "objectives-statement", fmt)

    assert "Nothing planned this year" not in text and "Governors" not in text
    assert _in_order(text, "Close the reading gap", "Flexible working for all staff")


def test_objectives_plan_grouped_by_aim_drops_the_aim_column() -> None:
    """Grouped by duty aim, the objectives plan names the aim in each group's heading, not in a column."""
    text = render_text(
        "organisation: {name: A}\ngrouping: aim\nlabels: {plan_duty_link: Duty aim}\n"
        "objectives: [{text: Kind words, aims: [eliminate]}]\n",
        "objectives-plan", "md",
    )

    assert "## Eliminate discrimination" in text
    assert "Duty aim" not in text


# Editions ---------------------------------------------------------------------------------------

EDITIONS = """
organisation: {name: Riverside Council}
document: {version: "2.0", owner: Head of Policy}
editions:
  - {date: 30/09/2024, version: "1.0", changes: First edition.}
  - {date: 30/09/2025, version: "2.0", changes: Objective 3 retired.}
reviews: [{on: 2025-09-30}]
objectives: [{text: Close the pay gap, progress: [{on: 2025-09-30, status: on track}]}]
"""


@pytest.mark.parametrize(
    "kind", ["objectives-statement", "objectives-plan", "psed-statement", "annual-report", "strategy", "action-plan"]
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_version_history_follows_the_document_control(kind: str, fmt: str) -> None:
    """Every kind prints a Version history table under its document control: a row per edition, oldest first."""
    data = equality_docs.render(fill_for(kind, equality_docs.loads(EDITIONS)), kind=kind, fmt=fmt)
    text = dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")

    assert _in_order(
        text, "Head of Policy", "Version history", "Date", "Version", "What changed",
        "30/09/2024", "1.0", "First edition.", "30/09/2025", "2.0", "Objective 3 retired.",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_editions_no_version_history(fmt: str) -> None:
    """A plan without editions prints no version history."""
    text = render_text(EDITIONS.split("editions:")[0] + "objectives: [x]\n", "objectives-statement", fmt)

    assert "Version history" not in text


def test_markdown_version_history_has_its_title_over_the_table() -> None:
    """In Markdown the version history's title is a line of its own in bold, over the table, as Word prints it."""
    text = render_text(EDITIONS, "objectives-statement", "md")

    assert "**Version history**\n\n| Date | Version | What changed |" in text


def test_html_version_history_prints_its_title_once_as_the_caption() -> None:
    """In HTML the version history's title is the table's caption, not printed over the table as well."""
    text = render_text(EDITIONS, "objectives-statement", "html")

    assert text.count("Version history</") == 1
    assert "<caption>Version history</caption>" in text


def test_version_history_table_is_captioned_and_the_captions_after_it_stay_in_step() -> None:
    """In HTML the version history is the first captioned table, and the next table keeps its own caption."""
    text = render_text(EDITIONS, "annual-report", "html")

    assert _in_order(text, "<caption>Version history</caption>", "<caption>Objectives and actions by status</caption>")


# This year against last -------------------------------------------------------------------------

TWO_YEARS = """
organisation: {name: Riverside Council}
year_starts: april
reviews: [{on: 2025-03-31, period: 2024/25}]
objectives:
  - ref: Ob 1
    text: Raise the declaration rate
    progress:
      - {on: 2024-03-31, status: at risk}
      - {on: 2025-03-31, status: on track}
    measures:
      - refs: [EQ 01]
        description: Declaration rate
        direction: higher
        actuals: {2023/24: "71%", 2024/25: "76%"}
  - text: Accessible services
    progress: [{on: 2025-03-31, status: complete}]
    measures: [{description: Complaints resolved, actuals: {2024/25: "90%"}}]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_prints_last_year_beside_this_year_with_the_change(fmt: str) -> None:
    """Objectives and measures with two periods print last year's and this year's status or value and the change."""
    text = render_text(TWO_YEARS, "annual-report", fmt)

    assert _in_order(
        text, "This year against last", "Last year", "This year", "Change",
        "Ob 1: Raise the declaration rate", "2023/24: At risk", "2024/25: On track", "Moved forward",
        "EQ 01 Declaration rate", "2023/24: 71%", "2024/25: 76%", "5 points (better)",
        "Progress on each objective",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_period_prints_nothing_extra(fmt: str) -> None:
    """Items reported for one period only are not compared, and with none to compare no section is printed."""
    text = render_text(TWO_YEARS, "annual-report", fmt)
    single = render_text(TWO_YEARS.replace("2023/24: \"71%\", ", "").replace(
        "      - {on: 2024-03-31, status: at risk}\n", ""), "annual-report", fmt)

    assert "Complaints resolved" not in text.split("Progress on each objective")[0]
    assert "This year against last" not in single


@pytest.mark.parametrize(
    ("last", "this", "direction", "expected"),
    [
        ("71%", "76%", m.Direction.HIGHER, "+5 points (better)"),
        ("8.1%", "7.9%", m.Direction.LOWER, "-0.2 points (better)"),
        ("905", "869", m.Direction.HIGHER, "-36 (worse)"),
        ("12", "12", None, "No change"),
        ("To follow", "12", None, "Cannot be compared"),
        ("51%", "12", None, "Cannot be compared"),
    ],
)
def test_value_change_says_how_far_and_which_way(last: str, this: str, direction: m.Direction | None, expected: str) -> None:
    """The change between two results is signed, in points between percentages, judged by the direction."""
    assert expected == value_change(m.Quantity(last), m.Quantity(this), direction)


@pytest.mark.parametrize(("period", "style"), [("", "[Heading 1]"), ("period: 2026/27\n", "[Heading 2]")])
def test_objectives_plan_group_headings_skip_no_level_in_word(period: str, style: str) -> None:
    """A group heading sits one level under the period heading, or at the top level without one."""
    text = render_text(
        f"organisation: {{name: A}}\n{period}grouping: aim\nobjectives: [{{text: Kind words, aims: [eliminate]}}]\n",
        "objectives-plan", "docx",
    )

    assert f"{style} Eliminate discrimination" in text


def test_grouping_by_outcome_uses_the_outcome_block_that_holds_each_objective() -> None:
    """`grouping: outcome` names each group after the action plan's outcome block the objective sits in."""
    text = render_text(
        "organisation: {name: A}\ngrouping: outcome\n"
        "appendices:\n"
        "  - title: Outcomes\n"
        "    outcomes:\n"
        "      - {outcome: Stay Safe, objectives: [Fewer racist incidents]}\n"
        "      - {outcome: Enjoy and Achieve, objectives: [Close the reading gap]}\n",
        "objectives-statement", "md",
    )

    assert _in_order(text, "### Stay Safe", "Fewer racist incidents", "### Enjoy and Achieve", "Close the reading gap")


@pytest.mark.parametrize("fmt", FORMATS)
def test_psed_statement_keeps_group_headings_when_groups_show_as_rows(fmt: str) -> None:
    """The PSED statement prints no table, so `show: rows` still gives each group its heading and nil return."""
    text = render_text(GROUPED.replace("this year}", "this year, show: rows}"), "psed-statement", fmt)

    heading = {"md": "### {}", "html": "<h3>{}</h3>", "docx": "[Heading 2] {}"}[fmt]
    assert _in_order(
        text, heading.format("Staff"), "Flexible working for all staff", heading.format("Governors"),
        "Nothing planned this year", heading.format("Pupils"), "Close the reading gap",
    )


LABELLED = """
organisation: {name: Thornbury Lane Primary School, type: school}
characteristics:
  - {characteristic: sex, label: "Sex (gender)"}
  - {characteristic: gender reassignment, label: Transgender}
grouping: {by: characteristic, order: [Transgender, Sex], empty: No objective this cycle}
objectives:
  - {text: Close the reading gap, aims: [advance], characteristics: [sex]}
"""


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan", "psed-statement"])
def test_an_empty_group_the_order_names_takes_the_plans_label(kind: str) -> None:
    """A characteristic's group with no objectives, named in `order`, prints the plan's label ("Transgender")."""
    text = render_text(LABELLED, kind, "md")

    assert _in_order(text, "Transgender", "No objective this cycle", "Sex (gender)", "Close the reading gap")
    assert "Gender reassignment" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_objectives_characteristics_cell_takes_the_plans_label(fmt: str) -> None:
    """Under the group "Sex (gender)", the objective's characteristics cell says "Sex (gender)" too, never the bare "Sex"."""
    text = render_text(LABELLED.replace("grouping:", "unused:").replace("unused: {", "#"), "objectives-plan", fmt)
    cell = {"md": r"\| Sex( \(gender\))? \|", "html": r"<td>Sex( \(gender\))?</td>", "docx": r"\| Sex( \(gender\))? \|"}[fmt]

    assert [" (gender)"] == [found[1] for found in re.finditer(cell, text, re.MULTILINE)]
