"""Editions of a plan, retired and superseded items, and `equality-docs diff`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan
from equality_docs.cli import cli
from equality_docs.context.common import EditionView, document_info
from equality_docs.diff import ChangeKind, ItemKind, diff_plans, format_markdown, format_text
from equality_docs.kinds import KINDS

from .conftest import ROOT

EDITIONS = ROOT / "examples" / "editions"
OLD = EDITIONS / "objectives-2025.yaml"
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
        _objective("Kept", owner="Head", actions=(
            m.Action(text="Kept action"),
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
    plan = _plan(
        _objective("Old", id="ob-1", superseded_by="ob-9"),
        _objective("New", id="ob-2", actions=(m.Action(text="a", superseded_by="ob-1"),)),
    )

    found = [f for f in check_plan(plan, on=dt.date(2026, 1, 1)) if f.code == "EQ146"]

    assert ["objectives[0].superseded_by"] == [f.path for f in found]
    assert "'ob-9'" in found[0].message


# diff ---------------------------------------------------------------------------------------


def test_diff_of_the_example_editions_reports_each_change() -> None:
    """The 2025 and 2026 examples differ by a rewording, a retirement, an addition, a status and a target."""
    diff = diff_plans(equality_docs.load(OLD), equality_docs.load(NEW))

    assert [
        (ItemKind.OBJECTIVE, ChangeKind.ADDED),
        (ItemKind.OBJECTIVE, ChangeKind.REWORDED),
        (ItemKind.OBJECTIVE, ChangeKind.RETIRED),
        (ItemKind.OBJECTIVE, ChangeKind.STATUS),
        (ItemKind.MEASURE, ChangeKind.TARGET),
    ] == [(c.item, c.kind) for c in diff.changes]
    retired = diff.changes[2]
    assert "Met in August 2026; the ramp to the mobile classroom is built." == retired.reason
    target = diff.changes[4]
    assert ("2026/27", "10", "8") == (target.period, target.old, target.new)
    assert ("version 1.0", "version 2.0") == (diff.old_label, diff.new_label)


def test_rewording_shows_old_and_new_text() -> None:
    """A reworded objective is printed with its old and its new wording."""
    diff = diff_plans(_plan(_objective("Narrow the gap", id="g")), _plan(_objective("Close the gap", id="g")))

    text = format_text(diff)

    assert "    was: Narrow the gap\n    now: Close the gap\n" in text


def test_items_match_by_id_then_ref_then_text() -> None:
    """Same id: one item reworded; same ref without ids: reworded; same text: unchanged; else added and removed."""
    old = _plan(
        _objective("A", id="a"), _objective("B", ref="Ob 2"), _objective("C"), _objective("D"),
    )
    new = _plan(
        _objective("A2", id="a"), _objective("B2", ref="Ob 2"), _objective("C"), _objective("E"),
    )

    kinds = [(c.kind, c.name) for c in diff_plans(old, new).changes]

    assert [
        (ChangeKind.ADDED, '"E"'),
        (ChangeKind.REMOVED, '"D"'),
        (ChangeKind.REWORDED, '"A"'),
        (ChangeKind.REWORDED, 'Ob 2 "B"'),
    ] == kinds


def test_different_ids_are_different_items_even_with_the_same_text() -> None:
    """Two items with the same wording but different ids are one removed and one added."""
    diff = diff_plans(_plan(_objective("Same", id="x")), _plan(_objective("Same", id="y")))

    assert [ChangeKind.ADDED, ChangeKind.REMOVED] == [c.kind for c in diff.changes]


def test_superseded_item_names_its_successor_and_reason() -> None:
    """A superseded action is reported with the id that replaces it and why."""
    old = _plan(_objective("O", id="o", actions=(m.Action(id="a1", text="Survey"),)))
    new = _plan(_objective("O", id="o", actions=(
        m.Action(id="a1", text="Survey", superseded_by="a2", retired_reason="merged into the census"),
        m.Action(id="a2", text="Census"),
    )))

    sentences = [c.sentence() for c in diff_plans(old, new).changes]

    assert [
        'Action added: "Census" (under objective "O")',
        'Action superseded by a2: "Survey" (under objective "O"); reason: merged into the census',
    ] == sentences


def test_no_changes_says_so() -> None:
    """Two equal plans give an empty diff, printed as one plain sentence."""
    diff = diff_plans(_plan(_objective("A")), _plan(_objective("A")))

    assert not diff
    assert format_text(diff).endswith("No objectives, actions or measures changed.\n")


def test_markdown_escapes_the_plans_text() -> None:
    """Text with Markdown's characters is printed as written, not as formatting."""
    diff = diff_plans(_plan(_objective("A *b*", id="a")), _plan(_objective("A _c_", id="a")))

    text = format_markdown(diff)

    assert "  - Was: A \\*b\\*\n  - Now: A \\_c\\_\n" in text


def test_cli_diff_prints_plain_text_and_exits_0() -> None:
    """`equality-docs diff OLD NEW` prints the changes and exits 0 although there are some."""
    result = CliRunner().invoke(cli, ["diff", str(OLD), str(NEW)])

    assert 0 == result.exit_code, result.output
    assert result.output.startswith("Changes from version 1.0 to version 2.0\n\nObjectives\n----------\n")
    assert "* Objective retired: Ob 2" in result.output


def test_cli_diff_exit_code_and_markdown() -> None:
    """With --exit-code, 1 when there are changes and 0 when there are none; --format md writes Markdown."""
    runner = CliRunner()

    changed = runner.invoke(cli, ["diff", "--format", "md", "--exit-code", str(OLD), str(NEW)])
    same = runner.invoke(cli, ["diff", "--exit-code", str(NEW), str(NEW)])

    assert 1 == changed.exit_code
    assert changed.output.startswith("# Changes from version 1.0 to version 2.0\n\n## Objectives\n")
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
    assert 'Objective retired: "Old"; reason: Met; closed\n' in text
