"""The code keeps to the project's lint rules (ruff, configured in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT


def test_ruff_finds_nothing() -> None:
    """`ruff check .` with the project's rule set reports no findings anywhere in the tree."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", ".", "--output-format", "concise"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )

    assert "" == result.stdout.replace("All checks passed!\n", "")
    assert 0 == result.returncode
