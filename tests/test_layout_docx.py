"""The Word documents' layout as a reader meets it: what sits under what, and what starts a page."""

from __future__ import annotations

import equality_docs

from .docxdump import cell_text, open_docx, paragraph_text

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

    assert _style_of(data, "\t1.\tNarrow the attendance gap") == "Normal"  # its number as text, hanging under it
    assert _style_of(data, "Evidence:") == "List Continue"
    assert _style_of(data, "Attendance returns 2024/25") == "List Bullet 2"
    assert _style_of(data, "Actions:") == "List Continue"
    assert _style_of(data, "Breakfast club places") == "List Bullet 2"


PLAN = """
organisation: {name: Brackenbury Council}
grouping: aim
objectives:
  - text: Increase reporting of hate incidents
    aims: [eliminate]
    owner: Community Safety Manager
    milestones: [{text: Centres chosen, due: June 2025}]
    progress:
      - {on: 2025-03-31, status: on track, text: Two reporting centres opened.}
      - {on: 2026-03-31, status: on track, text: All six reporting centres are open.}
    actions: [{text: Open six reporting centres, owner: Library Manager}]
  - text: Make our workforce reflect the borough
    aims: [advance]
    actions: [{text: Reverse mentoring}]
"""


def _plan_rows(fmt: str) -> list[list[str]]:
    """The objectives plan's table rows (Word), or its Markdown table lines split into cells."""
    data = equality_docs.render(equality_docs.loads(PLAN), kind="objectives-plan", fmt=fmt)
    if fmt == "docx":
        return [[cell_text(c) for c in row.cells] for t in open_docx(data).tables for row in t.rows]
    return [line.split(" | ") for line in data.decode("utf-8").splitlines() if line.startswith("| ")]


def test_objectives_plan_progress_commentary_prints_its_date() -> None:
    """Each year's progress commentary in "Milestones and progress" prints after the date of its review."""
    for fmt in ("docx", "md"):
        text = "\n".join("\n".join(row) for row in _plan_rows(fmt))
        assert "31 March 2025: Two reporting centres opened." in text, fmt
        assert "31 March 2026: All six reporting centres are open." in text, fmt


def test_objectives_plan_milestone_prints_when_it_is_due() -> None:
    """A milestone in "Milestones and progress" prints when it is due, as the other blocks print milestones."""
    for fmt in ("docx", "md"):
        assert "Centres chosen (June 2025)" in "\n".join("\n".join(row) for row in _plan_rows(fmt)), fmt


def test_objectives_plan_objectives_lead_is_not_on_its_actions_row() -> None:
    """The objective's lead is on a row of its own, with no action beside it; the action's lead is on the action's."""
    rows = _plan_rows("docx")
    own = next(row for row in rows if "Community Safety Manager" in row)
    action = next(row for row in rows if "Open six reporting centres" in row)

    assert "Open six reporting centres" not in own
    assert "Library Manager" in action and "Community Safety Manager" not in action


def test_objectives_plan_groups_do_not_start_new_pages() -> None:
    """The objectives plan's groups follow one another on the page: no page break before a group or its table."""
    data = equality_docs.render(equality_docs.loads(PLAN), kind="objectives-plan", fmt="docx")
    body = open_docx(data).element.body.xml

    assert 'w:type="page"' not in body
    assert "pageBreakBefore" not in body
    assert all(not s.paragraph_format.page_break_before for s in open_docx(data).styles if s.type == 1)
