"""The benchmark runs (a smoke run of a few seconds): its figures are reported, not asserted."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_benchmark_smoke_run_prints_its_figures() -> None:
    """benchmarks/bench.py --smoke completes and prints each section of figures."""
    result = subprocess.run([sys.executable, "benchmarks/bench.py", "--smoke"], capture_output=True,
                            text=True, cwd=ROOT, check=True, timeout=300)

    assert "x the naive loop" in result.stdout
    assert "docs/s" in result.stdout
    assert "x docxtpl's time" in result.stdout
    assert "per objective, file to file" in result.stdout
    assert "peak resident memory of a fresh `equality-docs render`" in result.stdout
    assert "in memory (the Python API" in result.stdout
    assert "hostile files, each refused" in result.stdout


def test_benchmark_uses_no_private_names() -> None:
    """The benchmark uses public names only: nothing it imports or reaches starts with `_`."""
    source = (ROOT / "benchmarks" / "bench.py").read_text(encoding="utf-8")

    assert "import _" not in source
    assert "equality_docs._" not in source
    assert "._" not in source.replace("__", "")
