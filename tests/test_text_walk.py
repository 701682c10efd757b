"""The walk the two text rules share takes each value by its class, worked out once per class."""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from equality_docs import model as m
from equality_docs.check import texts


class _Words(enum.StrEnum):
    ONE = "one"


class _Level(enum.IntEnum):
    LOW = 1


def test_each_class_is_read_for_what_its_values_hold() -> None:
    """Markdown is noted with its path, text enumerations read as text, numbers and dates passed over, lists left to the exact rule."""
    assert texts._holds(m.Prose) == texts._PROSE
    assert texts._holds(_Words) == texts._TEXT
    assert texts._holds(m.Objective) == texts._VALUES
    assert texts._holds(tuple) == texts._VALUES
    assert [texts._holds(kind) for kind in (int, bool, float, dt.date, _Level)] == [texts._NOTHING] * 5
    assert texts._holds(list) == texts._UNKNOWN


def test_the_walk_notes_every_text_of_a_plan_and_each_markdown_text_at_its_path() -> None:
    """Every text the plan holds is noted once, in the plan's order; Markdown with its path."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Anytown Council"),
        objectives=(m.Objective(text="Close the gap", evidence=(m.Prose("See [the data](https://example.org)"),)),),
    )
    prose: list[tuple[tuple[str | int, ...], m.Prose]] = []
    found: list[str] = []
    strange: list[object] = []

    texts._walk(plan, (), prose, found, strange)

    assert [(("objectives", 0, "evidence", 0), "See [the data](https://example.org)")] == prose
    assert found.index("Anytown Council") < found.index("Close the gap") < found.index("See [the data](https://example.org)")
    assert [] == strange


def test_a_class_of_one_field_gives_its_value_as_one_of_a_tuple() -> None:
    """The values of a model class of one field are taken as a tuple of one, as any other class's are."""

    @attrs.frozen
    class One:
        text: str

    names, get = texts._shape(One)

    assert (("text",), ("Ahoy",)) == (names, get(One("Ahoy")))
