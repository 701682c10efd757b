"""Numbering styles combined: a "1.1" section under a parent numbered otherwise, and words past twenty."""

from __future__ import annotations

import equality_docs
from equality_docs import model as m
from equality_docs.context.sections import flatten_sections

#: Top-level sections numbered in words; the third holds sections numbered "1.1", two deep.
MIXED = """
organisation: {name: Fernhill Council, type: council}
section_numbering: Objective one
sections:
  - title: First
  - title: Second
  - title: Dotted
    numbering: "1.1"
    sections:
      - title: D1
        sections:
          - title: D11
      - title: D2
  - title: Roman
    number: "Section 7"
    numbering: "1.1"
    sections:
      - title: R1
"""


def _headings(text: str) -> list[str]:
    plan = equality_docs.loads(text)
    return [v.heading for v in flatten_sections(
        plan.sections, numbering=plan.section_numbering, inherited=plan.section_numbering,
    )]


def test_a_decimal_section_under_a_parent_numbered_in_words_numbers_from_the_parents_position() -> None:
    """Sections in "1.1" under "Objective three" are "3.1", "3.1.1", "3.2", not "Objective three.1"."""
    headings = _headings(MIXED)

    assert ["Objective three Dotted", "3.1 D1", "3.1.1 D11", "3.2 D2"] == headings[2:6]


def test_a_decimal_section_under_a_parent_numbered_with_figures_numbers_under_those_figures() -> None:
    """A parent whose number ends in figures ("Section 7") gives them to its "1.1" sections: "7.1"."""
    assert ["Section 7 Roman", "7.1 R1"] == _headings(MIXED)[6:]


def test_a_decimal_section_under_a_roman_or_lettered_parent_numbers_from_its_position() -> None:
    """Under "(iii)" or "C)" a "1.1" section is "3.1": the parent's position, not its letters."""
    style = m.NumberStyle("1.1")

    assert ["3.1", "3.2"] == [style.number(1, "(iii)", 3), style.number(2, "C)", 3)]


def test_numbers_in_words_go_on_past_twenty() -> None:
    """The words style goes on past twenty ("twenty-one", "one hundred and five"), never into figures."""
    style = m.NumberStyle("Objective one")

    assert [
        "Objective twenty", "Objective twenty-one", "Objective forty-five", "Objective one hundred and five",
    ] == [style.number(n) for n in (20, 21, 45, 105)]


def test_capitalised_words_past_twenty_keep_their_case() -> None:
    """"Stage One" gives "Stage Twenty-one"; "STAGE ONE" gives "STAGE TWENTY-ONE"."""
    assert ["Stage Twenty-one", "STAGE TWENTY-ONE"] == [
        m.NumberStyle("Stage One").number(21), m.NumberStyle("STAGE ONE").number(21),
    ]
