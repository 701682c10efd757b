"""The documentation is current, complete and builds; the starters and example scripts work."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs import model as m
from equality_docs.cli import Exit, cli
from equality_docs.fielddocs import field_doc
from equality_docs.kinds import FORMATS, KINDS
from equality_docs.reference import cli_markdown, contexts_markdown, input_format_markdown

from .conftest import ROOT

DOCS = ROOT / "docs"


@pytest.mark.parametrize(
    ("page", "make"),
    [("input-format.md", input_format_markdown), ("template-contexts.md", contexts_markdown),
     ("cli.md", cli_markdown)],
)
def test_generated_pages_are_current(page: str, make: object) -> None:
    """The generated reference pages match the code (run `python docs/generate.py` to update)."""
    assert make() == (DOCS / page).read_text(encoding="utf-8")  # type: ignore[operator]


def test_every_model_field_is_documented() -> None:
    """Every field of every input class has a meaning and an example."""
    classes = [getattr(m, n) for n in m.__all__ if attrs.has(getattr(m, n)) and n != "Assessment"]
    missing = [f"{c.__name__}.{f.name}" for c in classes for f in attrs.fields(c)
               if field_doc(c.__name__, f.name) is None]

    assert [] == missing


def test_every_command_is_in_the_cli_reference() -> None:
    """Every command and subcommand has a section in docs/cli.md."""
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    commands = [f"equality-docs {name}" for name in cli.commands]

    assert [] == [c for c in commands if f"## {c}\n" not in text]
    assert "## equality-docs templates export\n" in text


def test_every_kind_has_a_picture_and_a_section() -> None:
    """docs/kinds.md describes every kind, with a picture of its first page."""
    text = (DOCS / "kinds.md").read_text(encoding="utf-8")

    for kind in KINDS:
        assert f"## {kind.name}\n" in text
        assert (DOCS / "pictures" / f"{kind.name}.png").is_file()


@pytest.mark.slow
def test_site_builds_without_warnings(tmp_path: Path) -> None:
    """mkdocs builds the site with warnings as errors."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(DOCS / "_site" / "mkdocs.yml"),
         "--site-dir", str(tmp_path / "site")],
        check=True, capture_output=True,
    )

    assert (tmp_path / "site" / "index.html").is_file()


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_starter_validates_and_renders_as_it_is(kind: str, tmp_path: Path) -> None:
    """`new KIND` writes a commented starter that loads and renders that kind in every format."""
    out = tmp_path / "plan.yaml"
    result = CliRunner().invoke(cli, ["new", kind, "--out", str(out)])
    plan = equality_docs.load(out)

    assert Exit.OK == result.exit_code
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert kind in [k.name for k in equality_docs.kinds_for(plan)]
    for fmt in FORMATS:
        assert equality_docs.render(plan, kind=kind, fmt=fmt)


def test_kinds_lists_one_line_each() -> None:
    """`kinds` prints each kind with its one-line summary."""
    lines = CliRunner().invoke(cli, ["kinds"]).stdout.splitlines()

    assert [k.name for k in KINDS] == [line.split()[0] for line in lines]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("script", "args", "written"),
    [
        ("trust_statements.py", [], ["north-academy.psed-statement.docx", "south-academy.psed-statement.html"]),
    ],
)
def test_example_scripts_run(script: str, args: list[str], written: list[str], tmp_path: Path) -> None:
    """The example scripts run and write their documents."""
    subprocess.run([sys.executable, f"examples/scripts/{script}", *args, "--out", str(tmp_path)],
                   check=True, capture_output=True, cwd=ROOT)

    assert all((tmp_path / name).is_file() for name in written)


def test_south_academy_gets_its_own_objective(tmp_path: Path) -> None:
    """The per-school change reaches only that school's statement."""
    sys.path.insert(0, str(ROOT / "examples" / "scripts"))
    try:
        import trust_statements  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    plans = dict(trust_statements.school_plans(equality_docs.load(ROOT / "examples" / "inmat-trust.yaml")))

    assert (3, 3) == (len(plans["north-academy"].objectives), len(plans["south-academy"].objectives))
    assert "girls" in plans["south-academy"].objectives[-1].text


def test_version_comes_from_package_metadata() -> None:
    """The package's version is its installed metadata, not a string in the code."""
    from importlib.metadata import version

    assert version("equality-docs") == equality_docs.__version__


def test_api_page_python_blocks_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every python block of docs/api.md runs, in order, as one script (from a folder with the examples)."""
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, flags=re.DOTALL | re.MULTILINE)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}

    for block in blocks:
        exec(compile(block, "docs/api.md", "exec"), namespace)  # noqa: S102  # the page's own code

    assert len(blocks) >= 4
