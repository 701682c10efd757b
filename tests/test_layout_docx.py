"""The Word documents' layout as a reader meets it: what sits under what, and what starts a page."""

from __future__ import annotations

import equality_docs

from .docxdump import open_docx, paragraph_text

PSED = """
organisation: {name: Willowmere Primary, type: school}
objectives:
  - text: Narrow the attendance gap
    evidence: [Attendance returns 2024/25]
    actions: [{text: Breakfast club places}]
  - text: Every family takes part in trips
"""


def _style_of(data: bytes, text: str) -> str:
    """The style name of the first paragraph whose text is `text`."""
    for paragraph in open_docx(data).paragraphs:
        if paragraph_text(paragraph) == text:
            return str(paragraph.style.name)  # type: ignore[union-attr]
    raise AssertionError(f"no paragraph {text!r}")


def test_psed_statement_blocks_under_an_objective_are_indented_under_it() -> None:
    """In the PSED statement's Word document an objective's blocks (Evidence, Actions...) sit indented under its
    number: their headings as a continued list item, their items as second-level bullets, as Markdown and HTML nest them."""
    data = equality_docs.render(equality_docs.loads(PSED), kind="psed-statement", fmt="docx")

    assert _style_of(data, "Narrow the attendance gap") == "List Number"
    assert _style_of(data, "Evidence:") == "List Continue"
    assert _style_of(data, "Attendance returns 2024/25") == "List Bullet 2"
    assert _style_of(data, "Actions:") == "List Continue"
    assert _style_of(data, "Breakfast club places") == "List Bullet 2"
