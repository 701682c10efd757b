"""Every generated .docx is valid Office Open XML: schema, semantics and package, strictly."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

import equality_docs

from .conftest import EXAMPLES, ROOT

CASES = [
    (example, kind.name)
    for example in sorted(EXAMPLES.glob("*.yaml"))
    for kind in equality_docs.kinds_for(equality_docs.load(example))
]


def _errors(path: Path) -> list[str]:
    validator = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=20, strict=True)
    result = validator.validate(str(path))
    return [str(error) for error in result.errors]


@pytest.mark.parametrize(("example", "kind"), CASES, ids=[f"{e.stem}-{k}" for e, k in CASES])
def test_every_example_document_validates(example: Path, kind: str, tmp_path: Path) -> None:
    """The validator finds nothing Word would repair or reject."""
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(equality_docs.render(equality_docs.load(example), kind=kind, fmt="docx"))

    assert [] == _errors(path)


@pytest.mark.parametrize("template", sorted((ROOT / "templates" / "docx").glob("*.docx")),
                         ids=lambda p: p.stem)
def test_shipped_templates_validate(template: Path) -> None:
    """The Word templates themselves are valid, so an officer can open and restyle them."""
    assert [] == _errors(template)
