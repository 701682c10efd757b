"""What a run reads is never written: plans, progress files and templates, whatever links lie in the output folder."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES

PLAN = "childrens-services-action-plan.yaml"


def _copy_plan(tmp_path: Path) -> tuple[Path, Path]:
    """Copy the example plan that names a progress file; return the plan and its progress file."""
    shutil.copy(EXAMPLES / PLAN, tmp_path / "plan2.yaml")
    (tmp_path / "progress").mkdir()
    progress = tmp_path / "progress" / "childrens-services-2012-13.yaml"
    shutil.copy(EXAMPLES / "progress" / progress.name, progress)
    return tmp_path / "plan2.yaml", progress


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", "--jobs", "1", *args])
    return result.exit_code, result.output + result.stderr


def test_a_link_to_a_progress_file_in_the_output_folder_is_replaced(tmp_path: Path) -> None:
    """A link in the output folder, named as an output, leading to a progress file: the link is replaced."""
    plan, progress = _copy_plan(tmp_path)
    before = progress.read_bytes()
    out = tmp_path / "out2"
    code, _ = _render(str(plan), "-k", "annual-report", "-f", "md", "--out", str(out))
    assert Exit.OK == code
    link = out / "plan2.annual-report.md"
    link.unlink()
    link.symlink_to(Path("..") / "progress" / progress.name)

    code, output = _render(str(plan), "-k", "annual-report", "-f", "md", "--out", str(out))

    assert (Exit.OK, before, False) == (code, progress.read_bytes(), link.is_symlink()), output
    assert "# Annual Equality and Diversity Action Plan" in link.read_text(encoding="utf-8")


def test_a_progress_file_named_as_an_output_is_never_replaced_even_with_force(tmp_path: Path) -> None:
    """With --force, a progress file where an output would go is refused as an input, and kept."""
    plan, progress = _copy_plan(tmp_path)
    named = tmp_path / "progress" / "plan2.annual-report.md"
    progress.rename(named)
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(f"progress/{progress.name}", "progress/plan2.annual-report.md"),
        encoding="utf-8",
    )
    before = named.read_bytes()

    code, output = _render(str(plan), "-k", "annual-report", "-f", "md", "--force", "--out", str(named.parent))

    assert Exit.OUTPUT == code
    assert "this is an input file; it is never overwritten" in output
    assert before == named.read_bytes()


def test_a_template_named_as_an_output_is_never_replaced(tmp_path: Path) -> None:
    """A file in a --templates folder where an output would go is an input: refused, kept."""
    templates = tmp_path / "tpl"
    templates.mkdir()
    kept = templates / "plan.strategy.md"
    kept.write_text("mine\n", encoding="utf-8")
    shutil.copy(EXAMPLES / "childrens-services-strategy.yaml", tmp_path / "plan.yaml")

    code, output = _render(str(tmp_path / "plan.yaml"), "-k", "strategy", "-f", "md", "--force",
                           "-t", str(templates), "--out", str(templates))

    assert (Exit.OUTPUT, "mine\n") == (code, kept.read_text(encoding="utf-8")), output


def test_templates_export_replaces_links_not_their_targets(tmp_path: Path) -> None:
    """`templates export --force` replaces a link in the folder by the template; the file it led to is kept."""
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n", encoding="utf-8")
    folder = tmp_path / "tpl"
    (folder / "markdown").mkdir(parents=True)
    link = folder / "markdown" / "strategy.md.j2"
    link.symlink_to(outside)

    result = CliRunner().invoke(cli, ["templates", "export", str(folder), "--force"])

    assert (0, "keep me\n", False) == (result.exit_code, outside.read_text(encoding="utf-8"), link.is_symlink())
    assert "{%" in link.read_text(encoding="utf-8") or "{{" in link.read_text(encoding="utf-8")
    assert [] == [p.name for p in folder.rglob("*.tmp")]


def test_templates_export_without_force_counts_a_dangling_link_as_a_clash(tmp_path: Path) -> None:
    """A dangling link where a template would go is a clash: nothing is written, no file appears where it led."""
    folder = tmp_path / "tpl"
    (folder / "markdown").mkdir(parents=True)
    (folder / "markdown" / "strategy.md.j2").symlink_to(tmp_path / "created.txt")

    result = CliRunner().invoke(cli, ["templates", "export", str(folder)])

    assert (Exit.OUTPUT, False) == (result.exit_code, (tmp_path / "created.txt").exists())
