"""A user's template that never prints the sections placed between objectives: the warning that says so, and what to add."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

import equality_docs
from equality_docs.cli import cli
from equality_docs.document import UNPRINTED_SECTIONS, unprinted_sections
from equality_docs.renderers.templates import builtin_templates
from equality_docs.template_names import markdown_names, word_names

from .test_between import ACTION_PLAN_PRIORITIES, OBJECTIVES, PLAN

#: An objectives statement template written before sections could be placed between objectives.
OLD_STATEMENT = """# {{ document.title }}

{% for group in groups %}
{% for objective in group.objectives %}
- {{ objective.text }}
{% endfor %}
{% endfor %}
"""


def _folder(tmp_path: Path, name: str, text: str) -> Path:
    """Return a template folder holding one Markdown template."""
    (tmp_path / "templates" / "markdown").mkdir(parents=True)
    (tmp_path / "templates" / "markdown" / name).write_text(text, encoding="utf-8")
    return tmp_path / "templates"


def _render(tmp_path: Path, plan: str, *args: str) -> str:
    """Return what rendering a plan through the command line says on stderr."""
    source = tmp_path / "plan.yaml"
    source.write_text(plan, encoding="utf-8")
    result = CliRunner().invoke(cli, ["render", str(source), "--out", str(tmp_path / "out"), *args])
    return result.stderr


def test_a_template_that_never_prints_the_sections_between_objectives_is_warned_of(tmp_path: Path) -> None:
    """Rendering through such a template warns, naming the template file, the plan's line and the fields to print."""
    folder = _folder(tmp_path, "objectives_statement.md.j2", OLD_STATEMENT)

    stderr = _render(tmp_path, PLAN, "-k", "objectives-statement", "-f", "md", "-t", str(folder))

    template = folder / "markdown" / "objectives_statement.md.j2"
    assert f"plan.yaml:8: sections[1].place: the template {template} names no `sections_after`" in stderr
    assert "{% if t.sections_after %}{{ m.sections(t.sections_after) }}{% endif %}" in stderr


def test_the_warning_names_the_priorities_tables_parts_an_old_action_plan_template_lacks(tmp_path: Path) -> None:
    """An action plan template printing the priorities table whole is told to loop over `priority_tables`."""
    old = (builtin_templates() / "markdown" / "action_plan.md.j2").read_text(encoding="utf-8").replace(
        "appendix.priority_tables", "[appendix]").replace("part.table", "appendix.priority_table")
    plan = equality_docs.loads(ACTION_PLAN_PRIORITIES)

    [finding] = unprinted_sections(
        plan, kind="action-plan", fmt="md", templates=[_folder(tmp_path, "action_plan.md.j2", old)]
    )

    assert (UNPRINTED_SECTIONS, "appendices[].priority_tables[].sections_after") == (
        finding.code, finding.message.rpartition(" ")[2]
    )
    assert "names no `priority_tables`" in finding.message


def test_a_copy_of_the_built_in_templates_is_not_warned_of(tmp_path: Path) -> None:
    """The built-in templates, copied to a folder of the user's, print every section: no warning."""
    folder = tmp_path / "templates"
    shutil.copytree(builtin_templates(), folder)
    plan = equality_docs.loads(ACTION_PLAN_PRIORITIES)

    assert () == (
        *unprinted_sections(plan, kind="action-plan", fmt="md", templates=[folder]),
        *unprinted_sections(plan, kind="action-plan", fmt="docx", templates=[folder]),
    )


def test_no_warning_without_sections_between_objectives(tmp_path: Path) -> None:
    """A plan with no section placed beside an objective needs no loop for them."""
    folder = _folder(tmp_path, "objectives_statement.md.j2", OLD_STATEMENT)
    plan = equality_docs.loads("title: T\norganisation: {name: Test School}\nobjectives:\n" + OBJECTIVES)

    assert () == unprinted_sections(plan, kind="objectives-statement", fmt="md", templates=[folder])


def test_the_built_in_templates_name_what_their_contexts_hold() -> None:
    """Each built-in template names its context's fields, and reads the sections it is given."""
    markdown = markdown_names("action_plan.md.j2")
    word = word_names("action_plan.docx")

    assert (True, True) == (markdown.builtin, word.builtin)
    assert {"priority_tables", "sections_before", "sections_after"} <= markdown.attributes & word.attributes
