"""The package is fully typed: mypy --strict finds nothing (the API ships py.typed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_mypy_strict_passes_on_the_package() -> None:
    """mypy in strict mode (configured in pyproject.toml) reports no issues."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "equality_docs"], capture_output=True, text=True, cwd=ROOT, check=False
    )

    assert 0 == result.returncode, result.stdout
