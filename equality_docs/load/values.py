"""
The values the YAML reader makes where the model wants text (numbers keeping the text they were
written as), and the problem a value of the wrong kind is refused with, in a user's words.
"""

from __future__ import annotations

from collections.abc import Mapping

from equality_docs.model._vocabulary import describe
from equality_docs.model.dates import DateError, Reading, parse


class SourceText:
    """
    A number or date the YAML reader met, keeping the text it was written as, so a reference
    written `1.10` stays "1.10" where the model wants text.
    """

    source: str


class SourceInt(int, SourceText):  # int subclasses cannot take __slots__
    """An integer read from YAML, with its source text."""

    source: str


class SourceFloat(float, SourceText):
    """A float read from YAML, with its source text."""

    source: str


def _describe(value: object) -> str:
    """Return a value read from YAML as a message shows it: in YAML's words, else as the model's checks do."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, SourceText):
        return f"the number {value.source}"
    if isinstance(value, Mapping):
        return "a mapping (key: value pairs)"
    return describe(value)


class ValueProblem(ValueError):
    """A value of the wrong kind, with the words a user needs."""

    def __init__(self, expected: str, value: object, hint: str | None = None) -> None:
        self.expected = expected
        self.value = value
        self.hint = hint
        super().__init__(f"expected {expected}, got {_describe(value)}")


class DateProblem(ValueProblem):
    """A text written as a date that names no real day: why, and the day likely meant."""

    def __init__(self, error: DateError) -> None:
        hint = f"did you mean {error.suggestion}?" if error.suggestion else None
        super().__init__("a date", error.text, hint)
        self.args = (str(error),)

    def __str__(self) -> str:
        return str(self.args[0])


def read_date(text: str) -> Reading:
    """Return how a text reads as a date or period; a day that does not exist is a `DateProblem`."""
    try:
        return parse(text)
    except DateError as exc:
        raise DateProblem(exc) from None

