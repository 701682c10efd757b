"""`equality-docs migrate`: plans of older formats rewritten in today's, comments and order kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import cli
from equality_docs.migrate import BAND_REMOVED, LABEL_RENAMES, migrate_text
from equality_docs.report import Exit

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "examples").rglob("*.yaml") if "progress" not in p.parts)
STARTERS = sorted((ROOT / "equality_docs" / "starters").glob("*.yaml"))
SCHOOL = ROOT / "examples" / "secondary-school-objectives.yaml"

#: A plan of the older format, with every older spelling, its comments and its own key order.
OLD = """\
# Our plan (written for an older equality-docs)
organisation: {name: Anytown Council}   # the body
labels:
  objective_milestones: Success criteria  # the school's words
  objective_duty_link: "Duty aim"
  'objective_characteristics': Who
  objective_aim: Aim
  objective_target_groups: Groups
  objective_target_groups_note: one per line
  objective_dates: When
  objective_text: Objective
risk_scale:
  bands:
    - name: Low
      min_score: 1
      max_score: 9
      colour: 92D050
      text_colour: "000000"   # black text
    - text_colour: "000000"
      name: High
      min_score: 10
      max_score: 25
      colour: FF7C80
objectives:
  - text: Close the gap
"""

#: The same plan as it is written today.
NEW = """\
# Our plan (written for an older equality-docs)
organisation: {name: Anytown Council}   # the body
labels:
  objective_milestones: Success criteria  # the school's words
  plan_duty_link: "Duty aim"
  'plan_characteristics': Who
  plan_aim: Aim
  plan_target_groups: Groups
  plan_target_groups_note: one per line
  plan_dates: When
  objective_text: Objective
risk_scale:
  bands:
    - name: Low
      min_score: 1
      max_score: 9
      colour: 92D050
    -
      name: High
      min_score: 10
      max_score: 25
      colour: FF7C80
objectives:
  - text: Close the gap
"""


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_every_older_spelling_is_rewritten_keeping_comments_and_order() -> None:
    """Each renamed label and each removed band key is rewritten in place; comments, quotes and order stay."""
    assert NEW == migrate_text(OLD).text


def test_the_old_plan_has_each_older_spelling_the_migration_knows() -> None:
    """The test plan holds every renamed label and every removed band key, so each one is tried."""
    assert set(LABEL_RENAMES) <= set(re.findall(r"(objective_\w+)", OLD))
    assert set(BAND_REMOVED) <= set(re.findall(r"(text_colour)", OLD))


def test_each_change_is_listed_with_its_line() -> None:
    """The changes name the line each was made at, in the order of the file."""
    changes = migrate_text(OLD).changes

    assert (5, "labels.objective_duty_link renamed to labels.plan_duty_link") == (
        changes[0].line, changes[0].message
    )
    assert [5, 6, 7, 8, 9, 10, 18, 19] == [c.line for c in changes]


def test_the_migrated_plan_loads_with_the_older_values() -> None:
    """The migrated plan holds the labels under their new names, and the bands without the old key."""
    plan = equality_docs.loads(migrate_text(OLD).text)

    assert ("Success criteria", "Duty aim", "When") == (
        plan.labels.objective_milestones, plan.labels.plan_duty_link, plan.labels.plan_dates
    )
    assert ("Low", "High") == tuple(b.name for b in plan.risk_scale.bands)


def test_flow_style_bands_lose_the_old_key_and_one_comma() -> None:
    """In `{...}` style, the removed key goes with the comma beside it, wherever it stands."""
    text = (
        "organisation: {name: A}\nrisk_scale:\n  bands:\n"
        '    - {name: Low, min_score: 1, text_colour: "000000", max_score: 9, colour: 92D050}\n'
        '    - {name: High, min_score: 10, max_score: 25, colour: FF7C80, text_colour: "000000"}\n'
    )

    assert (
        "organisation: {name: A}\nrisk_scale:\n  bands:\n"
        "    - {name: Low, min_score: 1, max_score: 9, colour: 92D050}\n"
        "    - {name: High, min_score: 10, max_score: 25, colour: FF7C80}\n"
    ) == migrate_text(text).text


def test_an_older_and_a_current_name_together_are_refused() -> None:
    """A label given under both its older and its current name is refused at its line, not guessed."""
    with pytest.raises(equality_docs.InputError, match=r":3: labels.objective_aim: both objective_aim"):
        migrate_text("organisation: {name: A}\nlabels:\n  objective_aim: A\n  plan_aim: B\n")


@pytest.mark.parametrize("path", EXAMPLES + STARTERS, ids=lambda p: p.name)
def test_every_example_and_starter_is_already_current(path: Path) -> None:
    """Migrating an example or a `new` starter changes nothing: each is written in today's format."""
    text = path.read_text(encoding="utf-8")

    result = migrate_text(text, file=path)

    assert (text, ()) == (result.text, result.changes)


def _older(text: str) -> str:
    """Return a current plan's text written the older way (every renamed label by its older name)."""
    for old, new in LABEL_RENAMES.items():
        text = re.sub(rf"^(\s+){new}:", rf"\g<1>{old}:", text, flags=re.MULTILINE)
    return text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_migrated_example_renders_the_same_documents(fmt: str) -> None:
    """An example written the older way, migrated, gives the example's own text and documents."""
    text = SCHOOL.read_text(encoding="utf-8")
    assert _older(text) != text

    migrated = migrate_text(_older(text), file=SCHOOL).text

    assert text == migrated
    kind = "objectives-plan"
    assert equality_docs.render(equality_docs.load(SCHOOL), kind=kind, fmt=fmt) == equality_docs.render(
        equality_docs.loads(migrated), kind=kind, fmt=fmt
    )


def test_migrate_prints_the_plan_and_lists_the_changes(tmp_path: Path) -> None:
    """Without --out, the migrated plan goes to the screen and each change, with its line, to the error stream."""
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")

    code, stdout, stderr = _run("migrate", str(old))

    assert (Exit.OK, NEW) == (code, stdout)
    assert f"{old}:5: labels.objective_duty_link renamed to labels.plan_duty_link" in stderr
    assert OLD == old.read_text(encoding="utf-8")


def test_migrate_writes_a_new_file_and_leaves_the_old_one(tmp_path: Path) -> None:
    """With --out, the migrated plan is written there; the input is unchanged."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "-o", str(new))

    assert (Exit.OK, NEW, OLD) == (code, new.read_text(encoding="utf-8"), old.read_text(encoding="utf-8"))


def test_migrate_never_writes_over_its_input_through_out(tmp_path: Path) -> None:
    """--out naming the input itself is refused, even with --force, and the input is unchanged."""
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "-o", str(old), "--force")

    assert (Exit.OUTPUT, OLD) == (code, old.read_text(encoding="utf-8"))


def test_migrate_refuses_an_existing_out_file_without_force(tmp_path: Path) -> None:
    """An --out file that exists is kept unless --force is given."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text("mine", encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "-o", str(new))

    assert (Exit.OUTPUT, "mine") == (code, new.read_text(encoding="utf-8"))


def test_in_place_keeps_the_original_as_a_backup(tmp_path: Path) -> None:
    """--in-place rewrites the plan after keeping its original bytes as PLAN.bak."""
    old = tmp_path / "plan.yaml"
    old.write_text(OLD, encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "--in-place")

    assert (Exit.OK, NEW, OLD) == (
        code, old.read_text(encoding="utf-8"), (tmp_path / "plan.yaml.bak").read_text(encoding="utf-8")
    )


def test_in_place_is_refused_when_a_backup_exists(tmp_path: Path) -> None:
    """--in-place writes nothing when PLAN.bak exists: neither the backup nor the plan changes."""
    old, backup = tmp_path / "plan.yaml", tmp_path / "plan.yaml.bak"
    old.write_text(OLD, encoding="utf-8")
    backup.write_text("earlier", encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "--in-place")

    assert (Exit.OUTPUT, OLD, "earlier") == (
        code, old.read_text(encoding="utf-8"), backup.read_text(encoding="utf-8")
    )


def test_a_plan_still_invalid_after_migration_is_reported_and_nothing_written(tmp_path: Path) -> None:
    """A plan with a mistake migration cannot mend is an input error (exit 3) with its line; no file is written."""
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD + "  - titel: Oops\n", encoding="utf-8")

    code, _, stderr = _run("migrate", str(old), "-o", str(new))

    assert (Exit.INVALID_INPUT, False) == (code, new.exists())
    assert f"{old}:26: objectives[1].titel: unknown field" in stderr


def test_out_and_in_place_together_are_a_usage_mistake(tmp_path: Path) -> None:
    """--out and --in-place together exit 2 and write nothing."""
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")

    code, _, _ = _run("migrate", str(old), "--in-place", "-o", str(tmp_path / "new.yaml"))

    assert (Exit.USAGE, OLD, False) == (code, old.read_text(encoding="utf-8"), (tmp_path / "new.yaml").exists())


def test_objective_milestones_is_kept_as_todays_label() -> None:
    """`objective_milestones`, once the plan's milestones column, is today's milestones heading: kept as written."""
    text = "organisation: {name: A}\nlabels:\n  objective_milestones: Steps\n"

    assert (text, ()) == (migrate_text(text).text, migrate_text(text).changes)


def test_the_schema_shows_todays_names_only() -> None:
    """The JSON Schema names the current labels and band fields, and none of the older spellings."""
    defs = equality_docs.json_schema()["$defs"]

    assert sorted(a.name for a in attrs_fields(m.Labels)) == sorted(defs["Labels"]["properties"])
    assert sorted(a.name for a in attrs_fields(m.RiskBand)) == sorted(defs["RiskBand"]["properties"])
    assert not set(LABEL_RENAMES) & set(defs["Labels"]["properties"])
    assert not set(BAND_REMOVED) & set(defs["RiskBand"]["properties"])


def attrs_fields(cls: type) -> tuple[object, ...]:
    """Return an attrs class's fields (each with its name)."""
    import attrs

    return tuple(attrs.fields(cls))


@pytest.mark.parametrize(("old", "new"), sorted(LABEL_RENAMES.items()))
def test_validate_names_the_new_key_migrate_writes_for_an_older_label(old: str, new: str, tmp_path: Path) -> None:
    """`validate` on an older label says what migrate renames it to and how to run migrate, not a "did you mean"."""
    plan = tmp_path / "old.yaml"
    plan.write_text(f"organisation: {{name: A}}\nlabels:\n  {old}: Ours\n", encoding="utf-8")

    code, _, stderr = _run("validate", str(plan))

    assert Exit.OK != code
    assert f"{plan}:3: labels.{old}: an older name, renamed to {new} (run `equality-docs migrate" in stderr
    assert "did you mean" not in stderr
    assert f"labels.{old} renamed to labels.{new}" == migrate_text(plan.read_text(encoding="utf-8")).changes[0].message


def test_validate_tells_a_removed_band_key_is_no_longer_read() -> None:
    """A risk band's `text_colour` is told as no longer read, with migrate as the fix, not as a misspelt `colour`."""
    text = (
        "organisation: {name: A}\nrisk_scale:\n  bands:\n"
        '    - {name: Low, min_score: 1, max_score: 25, colour: 92D050, text_colour: "000000"}\n'
    )
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.loads(text)

    assert (
        ":4: risk_scale.bands[0].text_colour: no longer read (bands are printed with black text) "
        "(run `equality-docs migrate"
    ) in str(caught.value)


def test_validate_points_a_misspelt_older_label_at_what_it_became(tmp_path: Path) -> None:
    """A misspelling of an older label (`objective_aimm`) is pointed at the new key, naming the older one, not at a near current key."""
    plan = tmp_path / "old.yaml"
    plan.write_text("organisation: {name: A}\nlabels:\n  objective_aimm: Ours\n", encoding="utf-8")

    code, _, stderr = _run("validate", str(plan))

    assert Exit.OK != code
    assert (
        f'{plan}:3: labels.objective_aimm: unknown field (did you mean "plan_aim", the new name of "objective_aim"?)'
    ) in stderr


def test_validate_tells_a_misspelt_removed_band_key_is_no_longer_read() -> None:
    """A misspelling of a band's removed `text_colour` is told to be no longer read, not pointed at `colour`."""
    text = (
        "organisation: {name: A}\nrisk_scale:\n  bands:\n"
        '    - {name: Low, min_score: 1, max_score: 25, colour: 92D050, text_color: "000000"}\n'
    )
    with pytest.raises(equality_docs.InputError) as caught:
        equality_docs.loads(text)

    assert (
        ':4: risk_scale.bands[0].text_color: unknown field ("text_colour" is no longer read '
        "(bands are printed with black text): remove it)"
    ) in str(caught.value)


def test_migrate_notes_a_kept_label_whose_meaning_changed() -> None:
    """`objective_milestones` is kept as written, with a note at its line that its meaning changed."""
    text = "organisation: {name: A}\nlabels:\n  objective_milestones: Progress\n"

    result = migrate_text(text)

    assert (text, ()) == (result.text, result.changes)
    assert [(3, "labels.objective_milestones kept as written, but its meaning changed")] == [
        (n.line, n.message.split(":")[0]) for n in result.notes
    ]
    assert "plan_milestones" in result.notes[0].message


def test_the_migrate_command_prints_the_note_on_a_kept_label(tmp_path: Path) -> None:
    """The command tells the note with the file and line on the error stream, between the changes in line order."""
    old = tmp_path / "old.yaml"
    old.write_text(OLD, encoding="utf-8")

    _, _, stderr = _run("migrate", str(old))

    lines = stderr.splitlines()
    assert lines[0].startswith(f"{old}:4: note: labels.objective_milestones kept as written")
    assert lines[1] == f"{old}:5: labels.objective_duty_link renamed to labels.plan_duty_link"
