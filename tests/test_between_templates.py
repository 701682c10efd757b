"""A user's template that never prints the sections placed between objectives: the warning that says so, and what to add."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner
from lxml import etree

import equality_docs
from equality_docs.cli import cli
from equality_docs.document import UNPRINTED_SECTIONS, unprinted_sections
from equality_docs.renderers.templates import builtin_templates
from equality_docs.template_names import markdown_names, word_names

from .test_between import ACTION_PLAN_OWN, ACTION_PLAN_PRIORITIES, KINDS, OBJECTIVES, PLAN

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


def test_a_template_that_never_prints_the_placed_sections_is_warned_of_each(tmp_path: Path) -> None:
    """Rendering through such a template warns, with the code, for each placed section: its line, the template, the loop."""
    folder = _folder(tmp_path, "objectives_statement.md.j2", OLD_STATEMENT)

    stderr = _render(tmp_path, PLAN, "-k", "objectives-statement", "-f", "md", "-t", str(folder))

    template = folder / "markdown" / "objectives_statement.md.j2"
    assert (
        f"plan.yaml:8: warning TP001: sections[1].place: the template {template} does not print the section "
        "'Working with partners', placed after objective O2, so the objectives-statement in Markdown (.md, .html) would leave it out"
    ) in stderr
    assert "{% if t.sections_after %}{{ m.sections(t.sections_after) }}{% endif %}" in stderr
    assert "plan.yaml:6: warning TP001: sections[0].place:" in stderr
    assert "plan.yaml:10: warning TP001: sections[2].place:" in stderr


def test_the_warning_names_the_priorities_tables_parts_a_template_leaves_out(tmp_path: Path) -> None:
    """An action plan template not printing the priorities tables' parts' `sections_after` is told where to print it."""
    old = (builtin_templates() / "markdown" / "action_plan.md.j2").read_text(encoding="utf-8").replace(
        "{% if part.sections_after %}{{ m.sections(part.sections_after) }}{% endif %}", "")
    plan = equality_docs.loads(ACTION_PLAN_PRIORITIES)

    [finding] = unprinted_sections(
        plan, kind="action-plan", fmt="md", templates=[_folder(tmp_path, "action_plan.md.j2", old)]
    )

    assert (UNPRINTED_SECTIONS, "sections[1].place") == (finding.code, finding.path)
    assert "print `appendices[].priority_tables[].sections_after`" in (finding.hint or "")


def test_a_template_that_lost_one_loop_but_names_the_field_elsewhere_is_warned_of(tmp_path: Path) -> None:
    """The action plan without its objectives tables' `t.sections_after` loop (the name still used by blocks and parts) is warned of."""
    builtin = (builtin_templates() / "markdown" / "action_plan.md.j2").read_text(encoding="utf-8")
    lost = builtin.replace("{% if t.sections_after %}{{ m.sections(t.sections_after) }}{% endif %}", "")
    assert lost != builtin and "sections_after" in lost
    folder = _folder(tmp_path, "action_plan.md.j2", lost)

    stderr = _render(tmp_path, ACTION_PLAN_OWN, "-k", "action-plan", "-f", "md", "-t", str(folder))

    assert "plan.yaml:6: warning TP001: sections[1].place:" in stderr
    assert "'Working with partners'" in stderr
    assert "print `objective_tables[].sections_after`" in stderr
    assert "Working with partners" not in (tmp_path / "out" / "plan.action-plan.md").read_text(encoding="utf-8")


def _without_paragraphs(template: Path, first: str, out: Path) -> Path:
    """Write a copy of a Word template without each run of paragraphs from one reading `first` to the next `{%p endif %}`."""
    namespace = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(template) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    paragraphs = list(root.iter(f"{namespace}p"))
    removing = False
    for paragraph in paragraphs:
        text = "".join(paragraph.itertext())
        removing = removing or text == first
        if removing:
            paragraph.getparent().remove(paragraph)
            removing = text != "{%p endif %}"
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return out


def test_a_word_template_without_the_tables_sections_after_paragraphs_is_warned_of(tmp_path: Path) -> None:
    """A Word action plan without its `table.sections_after` paragraphs is warned of, and the section is indeed lost."""
    folder = tmp_path / "templates"
    _without_paragraphs(builtin_templates() / "docx" / "action_plan.docx", "{%p if table.sections_after %}",
                        folder / "docx" / "action_plan.docx")

    stderr = _render(tmp_path, ACTION_PLAN_OWN, "-k", "action-plan", "-f", "docx", "-t", str(folder))

    assert f"plan.yaml:6: warning TP001: sections[1].place: the template {folder / 'docx' / 'action_plan.docx'}" in stderr
    assert "{%p if t.sections_after %}" in stderr
    text = "".join(p.text for p in docx.Document(str(tmp_path / "out" / "plan.action-plan.docx")).paragraphs)
    assert ("Closing words", "Working with partners") == (
        "Closing words" * ("Closing words" in text), "Working with partners" * ("Working with partners" not in text)
    )


def test_a_broken_template_with_placed_sections_is_a_template_error_at_its_line(tmp_path: Path) -> None:
    """A syntax error in the user's template, when the plan places sections, gives exit 4 and the file and line, not a bug."""
    broken = OLD_STATEMENT.replace("{% endfor %}\n{% endfor %}", "{% endfor %}\n{% endfr %}")
    folder = _folder(tmp_path, "objectives_statement.md.j2", broken)
    source = tmp_path / "plan.yaml"
    source.write_text(PLAN, encoding="utf-8")

    result = CliRunner().invoke(cli, ["render", str(source), "-o", str(tmp_path / "out"), "-k", "objectives-statement",
                                      "-f", "md", "-t", str(folder)])

    assert (4, True, False) == (
        result.exit_code,
        f"{folder / 'markdown' / 'objectives_statement.md.j2'}:7: template syntax error" in result.stderr,
        "internal error" in result.stderr,
    )


def test_the_summary_counts_template_warnings_apart_from_the_checks(tmp_path: Path) -> None:
    """The checks' count is what `check` shows; the template warnings are counted on their own line, which says where they are."""
    folder = _folder(tmp_path, "objectives_statement.md.j2", OLD_STATEMENT)

    stderr = _render(tmp_path, PLAN, "-k", "objectives-statement", "-f", "md", "-t", str(folder))
    checked = CliRunner().invoke(cli, ["check", str(tmp_path / "plan.yaml")]).output

    assert "templates: 3 warnings (TP001" in stderr
    assert ("0 warnings" in checked) == ("checks: 0 errors, 0 warnings" in stderr)


def test_a_copy_of_the_built_in_templates_is_not_warned_of(tmp_path: Path) -> None:
    """The built-in templates, copied to a folder of the user's, print every placed section in every kind: no warning."""
    folder = tmp_path / "templates"
    shutil.copytree(builtin_templates(), folder)

    assert [] == [
        finding
        for name, text in KINDS.items()
        for fmt in ("md", "docx")
        for finding in unprinted_sections(equality_docs.loads(text), kind=name.removesuffix("-own").removesuffix(
            "-priorities"), fmt=fmt, templates=[folder])
    ]


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
