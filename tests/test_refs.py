"""An objective's own reference ("(i)", "Objective 1", "EQ1") printed where the objective is printed."""

from __future__ import annotations

import re

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.context.refs import ref_prefix

from .conftest import EXAMPLES
from .docxdump import dump, open_docx
from .test_tables import tables_in

_OBJECTIVES = (
    "objectives:\n"
    "  - {ref: (i), text: Halve the awarding gap, aims: [advance], characteristics: [race]}\n"
    "  - {ref: Objective 2, text: Caption every lecture, aims: [eliminate], characteristics: [disability]}\n"
    "  - {text: Mentor new staff, aims: [foster], characteristics: [race]}\n"
)


def _plan(kind: str = "other", grouping: str = "") -> m.EqualityPlan:
    return equality_docs.loads(
        f"organisation: {{name: University of Eastmoor, type: {kind}}}\n"
        + (f"grouping: {grouping}\n" if grouping else "")
        + _OBJECTIVES
    )


def _text(plan: m.EqualityPlan, kind: str, fmt: str) -> str:
    data = equality_docs.render(plan, kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


@pytest.mark.parametrize(
    ("ref", "printed"),
    [("(i)", "(i) "), ("1", "1. "), ("1.", "1. "), ("EQ1", "EQ1: "), ("Objective 1", "Objective 1: "), ("", "")],
)
def test_ref_prefix_keeps_the_ref_as_written(ref: str, printed: str) -> None:
    """A reference prints as written, then a space, a full stop after bare figures, or a colon after words."""
    assert printed == ref_prefix(ref)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan"])
def test_objective_prints_its_ref_before_its_text(kind: str, fmt: str) -> None:
    """The objectives statement and plan print each objective's ref as written before its text; none where it has none."""
    text = _text(_plan(), kind, fmt)

    assert "(i) Halve the awarding gap" in text
    assert "Objective 2: Caption every lecture" in text
    assert "Mentor new staff" in text and ": Mentor new staff" not in text


def _numbers(text: str, fmt: str, objectives: tuple[str, ...]) -> list[str]:
    """Return the number or ref printed before each objective (HTML: its own text, else its list's start)."""
    found = []
    for objective in objectives:
        line = text.split(objective)[0].rsplit("\n", 1)[-1]
        if fmt == "md":
            found.append(line.removeprefix("- ").strip())
        elif fmt == "docx":
            found.append(line.split("\t")[-2])
        elif written := re.sub(r"<[^>]+>", "", line).strip():
            found.append(written)
        else:  # the first item of a numbered list: its list's start
            opening = text.split(objective)[0].rsplit("<ol", 1)[-1]
            found.append(re.sub(r'^ start="(\d+)".*', r"\1", opening, flags=re.DOTALL) if "start=" in opening[:12] else "1")
            found[-1] += "."
    return found


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_psed_statement_prints_the_ref_else_a_number_counted_across_groups(fmt: str) -> None:
    """Grouped by aim, the PSED statement prints each ref as written and numbers the rest on from group to group."""
    text = _text(_plan("school", "aim"), "psed-statement", fmt)

    printed = _numbers(text, fmt, ("Caption every lecture", "Halve the awarding gap", "Mentor new staff"))
    assert ["Objective 2:", "(i)", "3."] == printed


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_psed_statement_numbers_objectives_on_across_aim_groups(fmt: str) -> None:
    """Objectives with no ref, grouped by aim, are numbered 1, 2, 3 in the order printed, not 1, 1, 1."""
    plan = equality_docs.loads(
        "organisation: {name: Hollybank Primary School, type: school}\ngrouping: aim\nobjectives:\n"
        "  - {text: Festivals, aims: [foster]}\n"
        "  - {text: Kind words, aims: [eliminate]}\n"
        "  - {text: Clubs for all, aims: [advance]}\n"
    )
    text = _text(plan, "psed-statement", fmt)

    assert ["1.", "2.", "3."] == _numbers(text, fmt, ("Kind words", "Clubs for all", "Festivals"))


def test_university_example_prints_its_objectives_numbered_i_to_iv() -> None:
    """examples/northgate-university-objectives.yaml prints (i) to (iv) before its objectives, as its README says."""
    plan = equality_docs.load(EXAMPLES / "northgate-university-objectives.yaml")
    text = equality_docs.render(plan, kind="objectives-statement", fmt="md").decode("utf-8")

    for ref in ("(i)", "(ii)", "(iii)", "(iv)"):
        assert f"| {ref} " in text or f"| \\{ref}" in text, ref


_OUTCOMES = """
organisation: {name: Anytown Council}
tables:
  objectives:
    columns: [ref, text]
appendices:
  - title: Outcomes
    outcomes:
      - outcome: Stay safe
        objectives:
          - {ref: (i), text: Keep children safe, aims: [advance]}
"""


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_chosen_objectives_columns_print_the_ref_where_that_table_exists(fmt: str) -> None:
    """`tables: objectives: columns: [ref, text]` is honoured in the action plan's outcome blocks: the ref as written."""
    tables = tables_in(equality_docs.loads(_OUTCOMES), fmt)

    assert any(["(i)", "Keep children safe"] in table for table in tables), tables


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_annual_report_heading_keeps_a_ref_that_ends_in_a_colon(fmt: str) -> None:
    """A ref written "Objective 1:" heads the annual report's progress as "Objective 1: text", never "Objective 1::"."""
    plan = equality_docs.loads(
        "organisation: {name: Eastmoor Council, type: council}\n"
        "reviews: [{on: 2026-03-31}]\n"
        "objectives:\n"
        "  - {ref: 'Objective 1:', text: Make services easier to reach, aims: [advance], characteristics: [disability]}\n"
    )
    text = _text(plan, "annual-report", fmt)

    assert "Objective 1: Make services easier to reach" in text
    assert "Objective 1::" not in text
