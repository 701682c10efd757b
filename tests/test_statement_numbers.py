"""The PSED statement's objective views are made with their numbers: renumbered only where an objective prints again."""

from __future__ import annotations

import equality_docs
from equality_docs.context.psed_statement import PsedStatementContext, _numbered

SCHOOL = """
organisation: {name: Hollybank Primary School, type: school}
grouping: {by: characteristic}
objectives:
  - {text: Festivals, aims: [foster], characteristics: [race, religion or belief]}
  - {ref: EQ2, text: Kind words, aims: [eliminate], characteristics: [race]}
  - {text: Clubs for all, aims: [advance], characteristics: [disability]}
"""


def statement(text: str) -> PsedStatementContext:
    """Return the PSED statement's context of a plan."""
    context = equality_docs.get_kind("psed-statement").build_context(equality_docs.loads(text))
    assert isinstance(context, PsedStatementContext)
    return context


def test_an_objective_printed_in_two_groups_is_numbered_where_it_prints_each_time() -> None:
    """Grouped by characteristic, an objective in two groups takes its place's number in each; a ref prints as written."""
    (group,) = statement(SCHOOL).objective_groups

    printed = [(part.heading, [(v.number, v.text) for v in part.objectives]) for part in group.parts]

    assert printed == [
        ("Disability", [("1.", "Clubs for all")]),
        ("Race", [("2.", "Festivals"), ("EQ2:", "Kind words")]),
        ("Religion or belief", [("4.", "Festivals")]),
    ]


def test_a_part_whose_views_hold_their_numbers_is_kept_as_it_is() -> None:
    """Numbering parts whose views hold the numbers they print with keeps the parts as made; a view that moves is renumbered."""
    (group,) = statement(SCHOOL).objective_groups
    disability, race, _ = group.parts

    assert _numbered((disability, race)) == (disability, race)
    assert all(new is old for new, old in zip(_numbered((disability, race)), (disability, race), strict=True))
    (moved,) = _numbered((race,))  # Festivals now first: "1."
    assert ["1.", "EQ2:"] == [v.number for v in moved.objectives]
