"""The Word templates' heading styles: every level a plan can nest to reads like the others and passes the check."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import equality_docs
from equality_docs.output.accessibility import check_docx

STARTERS = Path(equality_docs.__file__).parent / "starters"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "docx"
KINDS = sorted(path.stem for path in STARTERS.glob("*.yaml"))

#: A section nested four levels deep, printed before the document's own content: a `sections:` list's first item.
FOUR_LEVELS = """\
  - title: Level one
    place: before
    sections:
      - title: Level two
        sections:
          - title: Level three
            sections:
              - title: Level four
                body: The deepest section's text.
"""


def _with_four_levels(text: str) -> str:
    """The starter plan's text with the four-level section first in its sections (added where it has none)."""
    if "\nsections:\n" in text:
        return text.replace("\nsections:\n", "\nsections:\n" + FOUR_LEVELS, 1)
    return text.rstrip("\n") + "\nsections:\n" + FOUR_LEVELS


@pytest.mark.parametrize("kind", KINDS)
def test_a_fourth_level_section_passes_the_output_check(kind: str, tmp_path: Path) -> None:
    """A section four levels deep, in every kind of document, renders as Heading 4 and passes check-output."""
    path = tmp_path / "plan.yaml"
    path.write_text(_with_four_levels((STARTERS / f"{kind}.yaml").read_text(encoding="utf-8")), encoding="utf-8")

    data = equality_docs.render(equality_docs.load(path), kind=kind, fmt="docx")

    assert b"Level four" in _document_xml(data)
    assert [f.message for f in check_docx(data) if f.severity != "info"] == []


def _document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml")


@pytest.mark.parametrize("kind", KINDS)
def test_heading_4_is_styled_like_headings_1_to_3(kind: str) -> None:
    """Heading 4 in every Word template is upright, bold, dark like Headings 1-3, with space before it."""
    styles = docx.Document(str(TEMPLATES / f"{kind.replace('-', '_')}.docx")).styles
    heading_4, heading_3 = styles["Heading 4"], styles["Heading 3"]

    assert not heading_4.font.italic
    assert heading_4.font.bold
    assert heading_4.font.color.rgb == heading_3.font.color.rgb
    assert heading_4.paragraph_format.space_before
