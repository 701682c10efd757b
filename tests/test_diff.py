"""`equality-docs diff`: everything that changed between two editions of a plan, in plain words."""

from __future__ import annotations

from pathlib import Path

import markdown
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import cli
from equality_docs.diff import ChangeKind, ItemKind, PlanDiff, diff_plans, format_markdown, format_text

from .conftest import ROOT

EDITIONS = ROOT / "examples" / "editions"
OLD = EDITIONS / "objectives-2025.yaml"
NEW = EDITIONS / "objectives-2026.yaml"

#: A council's plan as a committee sees it: a section, objectives with measures, targets and actions,
#: and the plan's own action tracker and KPI table. Each test changes one thing in a copy.
PLAN = """\
organisation: {name: Greyhaven Council, type: council}
document: {version: "1"}
period: 2025/26
sections:
  - id: purpose
    title: Purpose
    body: Why we publish this plan.
    sections:
      - {title: Who it is for, body: Residents and staff.}
objectives:
  - id: access
    ref: "Objective 1:"
    text: Make council services easier to reach for disabled residents
    service_area: Adult Social Care
    owner: Head of Customer Services
    finish: Mar 2026
    actions:
      - {id: loops, ref: "1.1", text: Install hearing loops, owner: Facilities Manager, finish: Mar 2026}
    measures:
      - {id: asc04, refs: [ASC 04], description: Residents satisfied with access, target: "75%",
         targets: {2025/26: "68%"}}
  - id: pay
    ref: "Objective 2:"
    text: Raise the share of minority ethnic staff in senior roles
    service_area: Resources
    targets:
      - {label: "Target 1:", text: Senior roles held by minority ethnic staff, baseline: "7%", value: "12%", due: 2028}
    measures:
      - {refs: [HR 11], description: Median gender pay gap, target: "5%"}
actions:
  - {ref: A1, text: Publish the gender pay gap report, finish: 31/03/2026, owner: Head of HR}
  - {ref: A2, text: Run the two-yearly access survey, finish: Sept 2025, owner: Customer Services Manager}
  - {ref: A3, text: Agree a care leaver covenant, finish: By Spring 2026, owner: Director of Children's Services}
measures:
  - id: cs01
    refs: [CS 01]
    description: Care leavers in education, employment or training
    targets: {2025/26: "52%", 2026/27: "56%"}
    target: "60%"
"""


def _diff(*edits: tuple[str, str], base: str = PLAN) -> PlanDiff:
    """Return the diff from the plan to a copy with each (old, new) text replaced once."""
    changed = base
    for old, new in edits:
        assert changed.count(old) == 1, old
        changed = changed.replace(old, new)
    return diff_plans(equality_docs.loads(base), equality_docs.loads(changed))


def _sentences(diff: PlanDiff) -> list[str]:
    return [c.sentence() for c in diff.changes]


def _plan(*objectives: m.Objective) -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="Riverside Primary School", type=m.OrganisationType.SCHOOL),
        objectives=objectives,
    )


def _objective(text: str, **fields: object) -> m.Objective:
    return m.Objective(text=text, aims=(m.Aim.ADVANCE,), **fields)  # type: ignore[arg-type]


# Plan-level actions and measures ---------------------------------------------------------------


def test_a_plan_level_action_retired_and_reworded_is_reported() -> None:
    """An action of the plan's own tracker that is reworded and retired is reported with its reason."""
    diff = _diff(("Run the two-yearly access survey, finish: Sept 2025, owner: Customer Services Manager}",
                  "Run the access survey, finish: Sept 2025, owner: Customer Services Manager, "
                  "retired: true, retired_reason: Cancelled}"))

    assert [
        "Action A2 'Run the access survey': retired; reason: Cancelled",
        "Action A2 'Run the access survey': reworded",
    ] == _sentences(diff)
    assert ("Run the two-yearly access survey", "Run the access survey") == diff.changes[1].wording


def test_a_removed_plan_level_action_is_reported() -> None:
    """An action deleted from the plan's own tracker is reported as removed, by its ref and words."""
    diff = _diff(("  - {ref: A3, text: Agree a care leaver covenant, finish: By Spring 2026, "
                  "owner: Director of Children's Services}\n", ""))

    assert ["Action A3 'Agree a care leaver covenant': removed"] == _sentences(diff)


def test_a_plan_level_measures_final_and_interim_targets_are_reported() -> None:
    """A KPI of the plan's own table whose interim and final targets change gives a change for each."""
    diff = _diff(('2026/27: "56%"', '2026/27: "58%"'), ('target: "60%"', 'target: "65%"'))

    assert [
        "Measure CS 01 'Care leavers in education, employment or training': "
        "target for 2026/27 changed from 56% to 58%",
        "Measure CS 01 'Care leavers in education, employment or training': final target changed from 60% to 65%",
    ] == _sentences(diff)
    assert [ChangeKind.TARGET, ChangeKind.TARGET] == [c.kind for c in diff.changes]


# Under objectives -------------------------------------------------------------------------------


def test_an_objective_measures_final_target_is_reported_without_interim_targets() -> None:
    """A measure with no interim targets whose final target changes is reported, under its objective."""
    diff = _diff(('target: "5%"', 'target: "3%"'))

    assert [
        "Measure HR 11 'Median gender pay gap' (under Objective 2): final target changed from 5% to 3%"
    ] == _sentences(diff)


def test_an_objectives_own_targets_baseline_and_value_are_reported() -> None:
    """An objective's `targets:` entry whose baseline and value change gives both, named by its label."""
    diff = _diff(('baseline: "7%", value: "12%"', 'baseline: "6%", value: "15%"'))

    name = "Objective 2 'Raise the share of minority ethnic staff in senior roles'"
    assert [
        f"{name}: Target 1 'Senior roles held by minority ethnic staff' baseline changed from 7% to 6%",
        f"{name}: Target 1 'Senior roles held by minority ethnic staff' value changed from 12% to 15%",
    ] == _sentences(diff)


def test_renumbered_objective_and_action_are_reported() -> None:
    """A new `ref` on an objective and its action (ids unchanged) is a renumbering, from old to new."""
    diff = _diff(('ref: "Objective 1:"', 'ref: "Objective 4:"'), ('ref: "1.1"', 'ref: "4.1"'))

    assert [
        "Objective 4 'Make council services easier to reach for disabled residents': "
        "renumbered from Objective 1 to Objective 4",
        "Action 4.1 'Install hearing loops' (under Objective 4): renumbered from 1.1 to 4.1",
    ] == _sentences(diff)


def test_a_changed_finish_date_is_reported() -> None:
    """An action's finish date moving is reported from the old date to the new, as written."""
    diff = _diff(("Install hearing loops, owner: Facilities Manager, finish: Mar 2026",
                  "Install hearing loops, owner: Facilities Manager, finish: Sept 2026"))

    assert [
        "Action 1.1 'Install hearing loops' (under Objective 1): finish date changed from Mar 2026 to Sept 2026"
    ] == _sentences(diff)


def test_a_changed_owner_is_reported() -> None:
    """A new owner of an action is reported from the old owner to the new."""
    diff = _diff(("owner: Head of HR", "owner: Director of HR"))

    assert ["Action A1 'Publish the gender pay gap report': owner changed from Head of HR to Director of HR"] == (
        _sentences(diff)
    )


def test_a_changed_service_area_is_reported() -> None:
    """A new service area of an objective is reported from the old to the new."""
    diff = _diff(("service_area: Resources", "service_area: Corporate Services"))

    assert [
        "Objective 2 'Raise the share of minority ethnic staff in senior roles': "
        "service area changed from Resources to Corporate Services"
    ] == _sentences(diff)


def test_an_action_moved_to_another_objective_is_reported() -> None:
    """An action (same id) now listed under another objective is reported as moved, from one to the other."""
    loops = "      - {id: loops, ref: \"1.1\", text: Install hearing loops, owner: Facilities Manager, finish: Mar 2026}\n"
    moved = PLAN.replace(loops, "").replace(
        "    targets:\n      - {label", f"    actions:\n{loops}    targets:\n      - {{label"
    )

    assert moved != PLAN

    diff = diff_plans(equality_docs.loads(PLAN), equality_docs.loads(moved))

    assert ["Action 1.1 'Install hearing loops' (under Objective 2): moved from Objective 1 to Objective 2"] == (
        _sentences(diff)
    )


# Sections ---------------------------------------------------------------------------------------


def test_sections_added_removed_and_edited_are_reported_by_title() -> None:
    """A section reworded, a nested one removed and one added are each named by title, in document order."""
    diff = _diff(
        ("body: Why we publish this plan.", "body: Why and how we publish this plan."),
        ("      - {title: Who it is for, body: Residents and staff.}\n", ""),
        ("objectives:\n", "  - {title: Contact us, body: Write to the equality officer.}\nobjectives:\n"),
    )

    assert [
        "Section 'Purpose': opening text reworded",
        "Section 'Who it is for' (under section 'Purpose'): removed",
        "Section 'Contact us': added",
    ] == _sentences(diff)
    assert ("Why we publish this plan.", "Why and how we publish this plan.") == diff.changes[0].wording


def test_a_long_section_text_is_reported_as_edited_without_its_wording() -> None:
    """A section text of more than forty words is said to be edited; its old and new wording are not printed."""
    long = " ".join(["word"] * 41)
    diff = _diff(("body: Why we publish this plan.", f"body: {long}"))

    assert ["Section 'Purpose': opening text edited"] == _sentences(diff)
    assert diff.changes[0].wording is None


# Names, order and grouping -------------------------------------------------------------------


def test_superseded_names_the_successor_as_a_committee_reads_it() -> None:
    """An objective superseded by another is reported with that objective's number and words, not its id."""
    diff = _diff(("    service_area: Resources\n",
                  "    service_area: Resources\n    superseded_by: access\n    retired_reason: Merged\n"))

    assert [
        "Objective 2 'Raise the share of minority ethnic staff in senior roles': superseded by "
        "Objective 1 'Make council services easier to reach for disabled residents'; reason: Merged"
    ] == _sentences(diff)


def test_an_items_changes_are_listed_together_under_its_name() -> None:
    """Several changes to one item print as the item's name, then a line for each change."""
    diff = _diff(("Install hearing loops, owner: Facilities Manager, finish: Mar 2026",
                  "Install hearing loops, owner: Estates Manager, finish: Sept 2026"))

    assert (
        "Actions\n-------\n"
        "* Action 1.1 'Install hearing loops' (under Objective 1):\n"
        "  * owner changed from Facilities Manager to Estates Manager\n"
        "  * finish date changed from Mar 2026 to Sept 2026\n"
    ) in format_text(diff)


def test_a_removed_item_is_listed_where_the_old_plan_had_it() -> None:
    """Changes follow document order: a removed action sits between the actions printed around it."""
    diff = _diff(
        ("owner: Head of HR", "owner: Director of HR"),
        ("  - {ref: A2, text: Run the two-yearly access survey, finish: Sept 2025, "
         "owner: Customer Services Manager}\n", ""),
        ("owner: Director of Children's Services", "owner: Director of Education"),
    )

    assert ["A1", "A2", "A3"] == [c.name.split()[1] for c in diff.changes]
    assert ChangeKind.REMOVED is diff.changes[1].kind


def test_settings_no_item_holds_are_not_reported_as_no_changes() -> None:
    """Plans that differ only in their grouping are not called unchanged: the setting is named."""
    diff = _diff(("period: 2025/26\n", "period: 2025/26\ngrouping: {by: aim}\n"))

    assert ["Other settings (grouping) edited"] == _sentences(diff)
    assert "No changes" not in format_text(diff)


def test_a_new_progress_review_and_period_are_reported() -> None:
    """The plan's period and a progress review added to it are reported under the plan."""
    diff = _diff(("period: 2025/26\n", "period: 2026/27\nreviews:\n  - {on: 31/03/2027, title: Year-end}\n"))

    assert [
        "Period changed from 2025/26 to 2026/27",
        "Progress review 'Year-end' of 31/03/2027 added",
    ] == _sentences(diff)
    assert all(c.item is ItemKind.PLAN for c in diff.changes)


def test_a_new_edition_is_reported_with_what_it_says_changed() -> None:
    """An edition added to the version history is reported with its version, date and own summary."""
    diff = _diff(("period: 2025/26\n", 'period: 2025/26\neditions: [{date: Sept 2026, version: "2", changes: Targets reset}]\n'))

    assert ["Edition 2 of Sept 2026 ('Targets reset') added"] == _sentences(diff)


def test_the_same_version_number_is_told_apart_by_the_names_given() -> None:
    """Two plans that carry the same version are headed by the names the caller gives them."""
    plan = equality_docs.loads(PLAN)

    diff = diff_plans(plan, plan, old_label="a.yaml", new_label="b.yaml")

    assert ("version 1 (a.yaml)", "version 1 (b.yaml)") == (diff.old_label, diff.new_label)


# From before ---------------------------------------------------------------------------------


def test_diff_of_the_example_editions_reports_each_change() -> None:
    """The 2025 and 2026 examples differ by an edition, a period, a rewording, a status, a retirement, an addition, a target."""
    diff = diff_plans(equality_docs.load(OLD), equality_docs.load(NEW))

    assert [
        (ItemKind.PLAN, ChangeKind.ADDED),
        (ItemKind.PLAN, ChangeKind.DETAIL),
        (ItemKind.OBJECTIVE, ChangeKind.REWORDED),
        (ItemKind.OBJECTIVE, ChangeKind.STATUS),
        (ItemKind.OBJECTIVE, ChangeKind.RETIRED),
        (ItemKind.OBJECTIVE, ChangeKind.ADDED),
        (ItemKind.MEASURE, ChangeKind.TARGET),
    ] == [(c.item, c.kind) for c in diff.changes]
    retired = diff.changes[4]
    assert "Met in August 2026; the ramp to the mobile classroom is built." == retired.reason
    target = diff.changes[6]
    assert ("target for 2026/27", "2026/27", "10", "8") == (target.what, target.period, target.old, target.new)
    assert ("version 1.0", "version 2.0") == (diff.old_label, diff.new_label)


def test_rewording_shows_old_and_new_text() -> None:
    """A reworded objective is printed with its old and its new wording."""
    diff = diff_plans(_plan(_objective("Narrow the gap", id="g")), _plan(_objective("Close the gap", id="g")))

    text = format_text(diff)

    assert "* Objective 'Close the gap': reworded\n    was: Narrow the gap\n    now: Close the gap\n" in text


def test_items_match_by_id_then_ref_then_text() -> None:
    """Same id: one item reworded; same ref without ids: reworded; same text: unchanged; else added and removed."""
    old = _plan(_objective("A", id="a"), _objective("B", ref="Ob 2"), _objective("C"), _objective("D"))
    new = _plan(_objective("A2", id="a"), _objective("B2", ref="Ob 2"), _objective("C"), _objective("E"))

    kinds = [(c.kind, c.name) for c in diff_plans(old, new).changes]

    assert [
        (ChangeKind.REWORDED, "objective 'A2'"),
        (ChangeKind.REWORDED, "Ob 2 'B2'"),
        (ChangeKind.REMOVED, "objective 'D'"),
        (ChangeKind.ADDED, "objective 'E'"),
    ] == kinds


def test_different_ids_are_different_items_even_with_the_same_text() -> None:
    """Two items with the same wording but different ids are one removed and one added."""
    diff = diff_plans(_plan(_objective("Same", id="x")), _plan(_objective("Same", id="y")))

    assert [ChangeKind.REMOVED, ChangeKind.ADDED] == [c.kind for c in diff.changes]


def test_superseded_action_names_its_successor_and_reason() -> None:
    """A superseded action is reported with the action that replaces it and why."""
    old = _plan(_objective("O", id="o", actions=(m.Action(id="a1", text="Survey"),)))
    new = _plan(_objective("O", id="o", actions=(
        m.Action(id="a1", text="Survey", superseded_by="a2", retired_reason="merged into the census"),
        m.Action(id="a2", text="Census"),
    )))

    sentences = _sentences(diff_plans(old, new))

    assert [
        "Action 'Survey' (under objective 'O'): superseded by action 'Census'; reason: merged into the census",
        "Action 'Census' (under objective 'O'): added",
    ] == sentences


def test_no_changes_says_so() -> None:
    """Two equal plans give an empty diff, printed as one plain sentence."""
    diff = diff_plans(_plan(_objective("A")), _plan(_objective("A")))

    assert not diff
    assert format_text(diff).endswith("\n\nNo changes.\n")


def test_markdown_escapes_the_plans_text() -> None:
    """Text with Markdown's characters is printed as written, not as formatting."""
    diff = diff_plans(_plan(_objective("A *b*", id="a")), _plan(_objective("A _c_", id="a")))

    text = format_markdown(diff)

    assert "    - Was: A \\*b\\*\n    - Now: A \\_c\\_\n" in text


def test_markdown_lists_an_items_changes_under_it() -> None:
    """In Markdown, an item with several changes is a list item with a nested list of them."""
    old = _plan(_objective("Narrow the gap", id="g", owner="Head"))
    new = _plan(_objective("Close the gap", id="g", owner="Deputy"))

    text = format_markdown(diff_plans(old, new))

    assert (
        "- Objective 'Close the gap':\n    - reworded\n        - Was: Narrow the gap\n        - Now: Close the gap\n"
        "    - owner changed from Head to Deputy\n"
    ) in text


def test_cli_diff_prints_plain_text_and_exits_0() -> None:
    """`equality-docs diff OLD NEW` prints the changes and exits 0 although there are some."""
    result = CliRunner().invoke(cli, ["diff", str(OLD), str(NEW)])

    assert 0 == result.exit_code, result.output
    assert result.output.startswith("Changes from version 1.0 to version 2.0\n\nThe plan\n--------\n")
    assert "* Ob 2 'Make every classroom reachable without steps': retired" in result.output


def test_cli_diff_exit_code_and_markdown() -> None:
    """With --exit-code, 1 when there are changes and 0 when there are none; --format md writes Markdown."""
    runner = CliRunner()

    changed = runner.invoke(cli, ["diff", "--format", "md", "--exit-code", str(OLD), str(NEW)])
    same = runner.invoke(cli, ["diff", "--exit-code", str(NEW), str(NEW)])

    assert 1 == changed.exit_code
    assert changed.output.startswith("# Changes from version 1.0 to version 2.0\n\n## The plan\n")
    assert 0 == same.exit_code


def test_cli_diff_reports_an_invalid_plan_without_a_traceback(tmp_path: Path) -> None:
    """A broken plan file is reported with its line and exit code 3, as other commands do."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation:\n  name: X\nobjectives:\n  - text: a\n    aims: [advanse]\n")

    result = CliRunner().invoke(cli, ["diff", str(bad), str(NEW)])

    assert 3 == result.exit_code
    assert "bad.yaml:5" in result.output
    assert "Traceback" not in result.output


def test_text_over_several_lines_prints_on_one() -> None:
    """Wording and reasons written over several lines print each on one line of the plain text."""
    old = _plan(_objective("Narrow\nthe gap", id="g"), _objective("Old", id="o"))
    new = _plan(_objective("Close\n\nthe gap", id="g"),
                _objective("Old", id="o", retired=True, retired_reason="Met;\nclosed"))

    text = format_text(diff_plans(old, new))

    assert "    was: Narrow the gap\n    now: Close the gap\n" in text
    assert "* Objective 'Old': retired; reason: Met; closed\n" in text



def test_a_field_no_sentence_names_is_still_reported() -> None:
    """A change to a detail the report has no words for (a characteristics label) is named, not lost."""
    diff = _diff(("    service_area: Resources\n", "    service_area: Resources\n    characteristics_label: Who\n"))

    assert [
        "Objective 2 'Raise the share of minority ethnic staff in senior roles': "
        "other details (characteristics label) edited"
    ] == _sentences(diff)


def test_objectives_of_two_schools_with_the_same_refs_are_told_apart() -> None:
    """A trust's schools both number their objectives from 1: removing one school's objective 1 is that only."""
    def trust(*first: m.Objective) -> m.EqualityPlan:
        schools = (
            m.School(name="North Academy", objectives=first),
            m.School(name="South Academy", objectives=(_objective("Reading", ref="1"),)),
        )
        return m.EqualityPlan(organisation=m.Organisation(name="Trust", schools=schools))

    diff = diff_plans(trust(_objective("Attendance", ref="1")), trust())

    assert ["Objective 1 'Attendance' (under North Academy): removed"] == _sentences(diff)


def test_plans_without_versions_are_headed_by_their_names_once() -> None:
    """Without a version, the report is headed by the names the caller gives, each once."""
    plan = _plan(_objective("A"))

    diff = diff_plans(plan, plan, old_label="a.yaml", new_label="b.yaml")

    assert ("a.yaml", "b.yaml") == (diff.old_label, diff.new_label)


def test_a_ref_that_abbreviates_the_word_is_printed_as_written() -> None:
    """An objective numbered "Ob 2" is named "Ob 2 '...'", not "objective Ob 2"."""
    diff = diff_plans(_plan(_objective("Old", ref="Ob 2")), _plan(_objective("Old", ref="Ob 2", owner="Head")))

    assert ["Ob 2 'Old': owner set to Head"] == _sentences(diff)


def test_actions_with_the_same_words_are_paired_under_their_own_objective() -> None:
    """Two objectives each with a "Review yearly" action: removing the first one's is that only, not a move."""
    def plan(first: tuple[m.Action, ...]) -> m.EqualityPlan:
        return _plan(_objective("A", id="a", actions=first),
                     _objective("B", id="b", actions=(m.Action(text="Review yearly"),)))

    diff = diff_plans(plan((m.Action(text="Review yearly"),)), plan(()))

    assert ["Action 'Review yearly' (under objective 'A'): removed"] == _sentences(diff)


def test_markdown_nested_lists_stay_nested_in_python_markdown() -> None:
    """The Markdown report's item with several changes reads as a list inside a list, in Python-Markdown too."""
    old = _plan(_objective("Narrow the gap", id="g", owner="Head"))
    new = _plan(_objective("Close the gap", id="g", owner="Deputy"))

    html = markdown.markdown(format_markdown(diff_plans(old, new)))

    assert "<li>Objective 'Close the gap':<ul>\n<li>reworded<ul>\n<li>Was: Narrow the gap</li>" in html


def test_a_review_taken_out_is_not_no_changes() -> None:
    """A progress review removed from the plan is named among the other settings that changed."""
    base = PLAN.replace("period: 2025/26\n", "period: 2025/26\nreviews:\n  - {on: 31/03/2026, title: Year-end}\n")

    diff = _diff(("reviews:\n  - {on: 31/03/2026, title: Year-end}\n", ""), base=base)

    assert ["Other settings (reviews) edited"] == _sentences(diff)


def test_an_action_superseded_by_an_objective_names_the_objective() -> None:
    """An action replaced by an objective (an id of another kind) is reported with that objective's name."""
    diff = _diff(("  - {ref: A1, text: Publish the gender pay gap report,",
                  "  - {ref: A1, superseded_by: pay, text: Publish the gender pay gap report,"))

    assert [
        "Action A1 'Publish the gender pay gap report': superseded by "
        "Objective 2 'Raise the share of minority ethnic staff in senior roles'"
    ] == _sentences(diff)


def test_a_short_outcome_written_for_the_first_time_is_printed() -> None:
    """An action's outcome added in the new plan is printed in full where it is short."""
    diff = _diff(("owner: Head of HR}", "owner: Head of HR, outcome: Published in March}"))

    assert ["Action A1 'Publish the gender pay gap report': outcome set to Published in March"] == _sentences(diff)


def test_a_plan_with_a_section_placed_after_an_objective_is_compared() -> None:
    """A section placed after an objective does not stop the diff: the plan's other changes are reported."""
    placed = PLAN.replace("objectives:\n", "  - {title: Our data, place: {after: access}, body: Figures.}\nobjectives:\n")

    diff = _diff(("period: 2025/26", "period: 2026/27"), base=placed)

    assert ["Period changed from 2025/26 to 2026/27"] == _sentences(diff)


#: A trust's plan whose objectives sit in priorities, and a council's in outcome blocks.
BLOCKS = """\
organisation: {{name: Riverside Learning Trust, type: academy trust}}
appendices:
  - title: Priorities
    {blocks}:
      - {key}: Attendance and inclusion
        objectives:
          - {{id: p1, ref: "1", text: Close the attendance gap for pupils with SEND, aims: [advance]}}
          - {{id: p2, ref: "2", text: Reduce suspensions of Black Caribbean boys, aims: [eliminate]}}
      - {key}: Workforce
        objectives:
          - {{id: s1, ref: "3", text: Flexible working for staff who are carers, aims: [advance]}}
"""
_P2 = "          - {id: p2, ref: \"2\", text: Reduce suspensions of Black Caribbean boys, aims: [eliminate]}\n"


def _moved(blocks: str, key: str) -> PlanDiff:
    """Return the diff from the plan of `blocks` to one with objective p2 moved to the second block."""
    base = BLOCKS.format(blocks=blocks, key=key)
    moved = base.replace(_P2, "") + _P2  # the last objective of the last block: now Workforce's
    assert moved != base
    return diff_plans(equality_docs.loads(base), equality_docs.loads(moved))


def test_an_objective_moved_to_another_priority_is_reported() -> None:
    """An objective (same id) now held by another priority is reported as moved, from one priority to the other."""
    diff = _moved("priorities", "title")

    assert [
        "Objective 2 'Reduce suspensions of Black Caribbean boys' (under priority 'Workforce'): "
        "moved from priority 'Attendance and inclusion' to priority 'Workforce'"
    ] == _sentences(diff)


def test_an_objective_moved_to_another_outcome_block_is_reported() -> None:
    """An objective now held by another outcome block is reported as moved, each outcome named."""
    diff = _moved("outcomes", "outcome")

    assert [
        "Objective 2 'Reduce suspensions of Black Caribbean boys' (under outcome 'Workforce'): "
        "moved from outcome 'Attendance and inclusion' to outcome 'Workforce'"
    ] == _sentences(diff)


def test_objectives_of_a_renamed_priority_are_not_reported_as_moved() -> None:
    """A priority given a new title keeps its objectives: none of them is said to have moved."""
    base = BLOCKS.format(blocks="priorities", key="title")

    diff = _diff(("title: Workforce", "title: Our staff"), base=base)

    assert not [c for c in diff.changes if c.kind is ChangeKind.MOVED]


# The plan as a whole: what changed, not only that it did ------------------------------------


def test_a_new_approval_date_is_reported_old_and_new() -> None:
    """The document's approval date moving is reported from the old date to the new, as a committee writes dates."""
    base = PLAN.replace('document: {version: "1"}', 'document: {version: "1", approved_on: 2025-05-20}')

    diff = _diff(("approved_on: 2025-05-20", "approved_on: 2025-11-18"), base=base)

    assert ["Approval date changed from 20 May 2025 to 18 November 2025"] == _sentences(diff)


def test_an_editions_new_version_is_reported_old_and_new() -> None:
    """An edition of the same date given another version is reported with both, not as "other settings"."""
    base = PLAN.replace("period: 2025/26\n", 'period: 2025/26\neditions: [{date: 18/11/2025, version: "1.1"}]\n')

    diff = _diff(('version: "1.1"', 'version: "1.2"'), base=base)

    assert ["Edition of 18/11/2025: version changed from 1.1 to 1.2"] == _sentences(diff)


def test_the_organisations_new_name_is_reported_old_and_new() -> None:
    """The organisation's name changing is reported from the old name to the new."""
    diff = _diff(("name: Greyhaven Council", "name: Greyhaven City Council"))

    assert ["Organisation's name changed from Greyhaven Council to Greyhaven City Council"] == _sentences(diff)


def test_a_new_section_numbering_is_reported_old_and_new() -> None:
    """The plan's section numbering changing is reported from the old style to the new."""
    base = PLAN.replace("period: 2025/26\n", 'period: 2025/26\nsection_numbering: "(i)"\n')

    diff = _diff(('section_numbering: "(i)"', 'section_numbering: "1."'), base=base)

    assert ["Section numbering changed from (i) to 1."] == _sentences(diff)


# Lists of texts: entry by entry ---------------------------------------------------------------

_PARAGRAPHS = PLAN.replace("    body: Why we publish this plan.\n",
                           "    paragraphs: [We publish yearly., We report to the Cabinet twice a year.]\n")


def test_a_reworded_paragraph_is_reported_with_its_old_and_new_wording() -> None:
    """A short paragraph of a section reworded is named by its place and printed old and new."""
    diff = _diff(("twice a year", "every quarter"), base=_PARAGRAPHS)

    assert ["Section 'Purpose': paragraph 2 reworded"] == _sentences(diff)
    assert ("We report to the Cabinet twice a year.", "We report to the Cabinet every quarter.") == (
        diff.changes[0].wording
    )


def test_an_added_paragraph_is_printed_under_its_change() -> None:
    """A short paragraph added to a section is named by its place, its wording printed under it."""
    diff = _diff(("twice a year.]", "twice a year., Contact the equality officer.]"), base=_PARAGRAPHS)

    assert "* Section 'Purpose': paragraph 3 added\n    now: Contact the equality officer.\n" in format_text(diff)


def test_a_reworded_milestone_is_reported_with_its_old_and_new_wording() -> None:
    """An objective's milestone reworded is named by its place and printed old and new."""
    base = PLAN.replace("    owner: Head of Customer Services\n",
                        "    owner: Head of Customer Services\n    milestones: [Report to governors each term]\n")

    diff = _diff(("each term", "each half-term"), base=base)

    assert ["Objective 1 'Make council services easier to reach for disabled residents': milestone 1 reworded"] == (
        _sentences(diff)
    )
    assert ("Report to governors each term", "Report to governors each half-term") == diff.changes[0].wording


# Plans in an older format ---------------------------------------------------------------------

_OLDER = """\
# last year's plan
organisation: {name: Old School, type: school}
labels:
  objective_aim: Our aim   # an older name of plan_aim
objectives:
  - {text: Close the reading gap, aims: [advance]}
"""


def test_a_plan_in_an_older_format_is_compared_as_migrate_reads_it(tmp_path: Path) -> None:
    """An older-format plan is read as migrate reads it, in memory: compared, the user told so, the file untouched."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(_OLDER)
    new.write_text(_OLDER.replace("objective_aim", "plan_aim").replace("reading gap", "writing gap"))

    result = CliRunner().invoke(cli, ["diff", str(old), str(new)])

    assert 0 == result.exit_code, result.output
    assert "* Objective 'Close the writing gap': added\n" in result.stdout
    assert f"note: {old} is in an older format: compared as `equality-docs migrate` reads it" in result.stderr
    assert _OLDER == old.read_text()


def test_an_older_format_plan_with_another_mistake_is_still_refused(tmp_path: Path) -> None:
    """An older-format plan that migrate cannot make valid is refused with exit 3, its older names and mistakes told."""
    old = tmp_path / "old.yaml"
    old.write_text(_OLDER.replace("aims: [advance]", "aims: [advanse]"))

    result = CliRunner().invoke(cli, ["diff", str(old), str(NEW)])

    assert 3 == result.exit_code
    assert "old.yaml:4: labels.objective_aim: an older name, renamed to plan_aim" in result.output
    assert "old.yaml:6" in result.output
    assert "Traceback" not in result.output


def test_an_edition_taken_out_is_reported_by_its_version_and_date() -> None:
    """An edition removed from the version history is named, not folded into "other settings"."""
    base = PLAN.replace("period: 2025/26\n", 'period: 2025/26\neditions: [{date: 20/05/2025, version: "1.0"}]\n')

    diff = _diff(('editions: [{date: 20/05/2025, version: "1.0"}]\n', ""), base=base)

    assert ["Edition 1.0 of 20/05/2025 removed"] == _sentences(diff)


def test_a_new_label_is_reported_old_and_new() -> None:
    """A column title changed in `labels:` is reported by its key, from the old words to the new."""
    base = PLAN.replace("period: 2025/26\n", "period: 2025/26\nlabels: {action_owner: Lead officer}\n")

    diff = _diff(("Lead officer", "Responsible officer"), base=base)

    assert ["Label action_owner changed from Lead officer to Responsible officer"] == _sentences(diff)


def test_a_tables_new_column_header_is_reported_old_and_new() -> None:
    """A column's header changed in `tables:` is reported by table and column, from the old words to the new."""
    base = PLAN.replace("period: 2025/26\n", "period: 2025/26\ntables: {actions: {columns: [ref, text, owner: Who]}}\n")

    diff = _diff(("owner: Who", "owner: Lead officer"), base=base)

    assert ["Actions table: header of column owner changed from Who to Lead officer"] == _sentences(diff)


def test_a_tables_new_columns_are_reported_old_and_new() -> None:
    """Columns added to a table in `tables:` are reported as the table's columns, old and new."""
    base = PLAN.replace("period: 2025/26\n", "period: 2025/26\ntables: {actions: {columns: [ref, text]}}\n")

    diff = _diff(("[ref, text]", "[ref, text, owner]"), base=base)

    assert ["Actions table: columns changed from ref, text to ref, text, owner"] == _sentences(diff)
