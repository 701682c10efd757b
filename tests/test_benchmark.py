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

    assert "docs/s" in result.stdout
    assert "plan size: ms and peak MiB" in result.stdout
