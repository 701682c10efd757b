"""The built wheel carries exactly the shipped templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_the_templates(tmp_path: Path) -> None:
    """The wheel holds every template under equality_docs/templates, and not the twins or their script."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("equality_docs/templates/"))
    expected = sorted(
        f"equality_docs/templates/{p.relative_to(ROOT / 'templates')}"
        for sub in ("docx", "markdown", "html")
        for p in (ROOT / "templates" / sub).iterdir()
        if p.is_file()
    )

    assert expected == shipped
    assert not any(n.endswith("twins.py") or "docx-xml" in n for n in names)
    assert "equality_docs/py.typed" in names
    assert sorted(f"equality_docs/starters/{p.name}" for p in (ROOT / "equality_docs" / "starters").glob("*.yaml")) == sorted(
        n for n in names if n.startswith("equality_docs/starters/")
    )
