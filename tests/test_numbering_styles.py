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


def test_a_decimal_section_under_a_roman_or_lettered_parent_numbers_from_the_value_of_its_number() -> None:
    """Under "(iii)" or "C)" a "1.1" section is "3.1" wherever the parent stands: the value of its number."""
    style = m.NumberStyle("1.1")

    assert ["3.1", "3.2"] == [style.number(1, "(iii)", 7), style.number(2, "C)", 25)]


def test_a_decimal_section_under_a_parent_numbered_in_words_numbers_from_the_value_of_the_words() -> None:
    """Under "Objective three" or "Stage Two" a "1.1" section numbers from the words, not the position."""
    style = m.NumberStyle("1.1")

    assert ["3.1", "2.1", "21.1"] == [
        style.number(1, "Objective three", 1), style.number(1, "Stage Two", 9),
        style.number(1, "Objective twenty-one", 4),
    ]


def test_a_decimal_section_under_a_parent_whose_number_carries_no_value_numbers_from_its_position() -> None:
    """A parent numbered "Annex" gives no value, so its "1.1" sections number from its position: "4.1"."""
    assert "4.1" == m.NumberStyle("1.1").number(1, "Annex", 4)


def test_a_decimal_child_of_a_parent_given_its_own_lettered_number_reads_under_that_letter() -> None:
    """The 25th section, written "C)", holds "1.1" sections printed "3.1", "3.2", not "25.1"."""
    text = MIXED.replace("  - title: Roman\n", "  - title: Letter\n    number: \"C)\"\n    numbering: \"1.1\"\n"
                         "    sections:\n      - title: L1\n  - title: Roman\n")

    assert ["C) Letter", "3.1 L1"] == _headings(text)[6:8]


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
