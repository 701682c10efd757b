"""Reference Word files for the tests, made by the example's own script (examples/reference/make_corporate.py)."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

from .conftest import EXAMPLES

_SCRIPT = EXAMPLES / "reference" / "make_corporate.py"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_corporate", _SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_reference(path: Path, **options: Any) -> Path:
    """Write a corporate reference file (DejaVu Serif, plum headings, A4 with 2 cm margins, logo, footer)."""
    built: Path = _module().build(path, **options)
    return built


def parts(data: bytes | Path) -> dict[str, bytes]:
    """Return every part of a Word package by name."""
    with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as package:
        return {name: package.read(name) for name in package.namelist()}


def rewrite(source: Path, target: Path, changes: dict[str, bytes]) -> Path:
    """Write a copy of a Word package with some parts changed."""
    old = parts(source)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in {**old, **changes}.items():
            package.writestr(name, data)
    return target
