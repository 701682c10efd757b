"""A met milestone (`done: true`) reads differently from an open one wherever milestones print."""

from __future__ import annotations

import pytest

import equality_docs

from .docxdump import dump, open_docx

PLAN = (
    "organisation: {name: Tarrow Bay Port Health Authority, type: other}\n"
    "period: 2025/26\n"
    "%s"
    "objectives:\n"
    "  - ref: OB1\n"
    "    text: Ship crews can report discrimination in their own language\n"
    "    aims: [eliminate]\n"
    "    owner: Port Health Manager\n"
    "    milestones: [{text: Leaflet printed, due: June 2025, done: true}, {text: Phone line live, due: Oct 2025}]\n"
    "    actions:\n"
    "      - ref: '1.1'\n"
    "        text: Translate the reporting leaflet\n"
    "        milestones: [{text: Draft agreed, done: true}, {text: Proofs read}]\n"
)


def _text(kind: str, fmt: str, head: str = "") -> str:
    data = equality_docs.render(equality_docs.loads(PLAN % head), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode()


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan", "action-plan"])
def test_a_done_milestone_says_so_and_an_open_one_does_not(kind: str, fmt: str) -> None:
    """The met milestone prints "done" after its due date, in words (not colour); the open one only its date."""
    text = _text(kind, fmt)

    assert "Leaflet printed (June 2025, done)" in text
    assert "Phone line live (Oct 2025)" in text
    assert "Phone line live (Oct 2025, done)" not in text


def test_the_plan_words_done_its_own_way() -> None:
    """`labels: {milestone_done: complete}` is the word a met milestone prints."""
    assert "Leaflet printed (June 2025, complete)" in _text("objectives-plan", "md", "labels: {milestone_done: complete}\n")


@pytest.mark.parametrize("fmt", ["docx", "md", "html"])
def test_an_actions_milestones_column_marks_the_done_one(fmt: str) -> None:
    """An actions table showing its milestones marks the met one "(done)" and leaves the open one bare."""
    plan = equality_docs.loads(
        "organisation: {name: Port, type: other}\nperiod: 2025/26\n"
        "tables: {actions: {columns: [ref, text, milestones]}}\n"
        "actions:\n  - {ref: P1, text: Publish this plan, milestones: [{text: Draft agreed, done: true}, Proofs read]}\n"
    )
    data = equality_docs.render(plan, kind="action-plan", fmt=fmt)
    text = dump(open_docx(data)) if fmt == "docx" else data.decode()

    assert "Draft agreed (done)" in text
    assert "Proofs read (done)" not in text and "Proofs read" in text


def test_the_objectives_plans_action_milestones_are_marked() -> None:
    """The objectives plan's milestones column marks an action's met milestone too."""
    text = _text("objectives-plan", "md")

    assert "Draft agreed (done)" in text
    assert "Proofs read (done)" not in text
