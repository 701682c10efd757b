"""
Values kept as the organisation wrote them, read where they can be: dates at mixed precision,
targets and results, and Markdown prose.

Each stores the text as written (so a document prints exactly that) and derives what can be
compared: a span of days for a date, a number and its kind for a target.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model.dateprint import styled
from equality_docs.model.dates import DateContext, Precision, Reading, read, span

__all__ = ["DateContext", "Precision", "Prose", "Quantity", "QuantityKind", "When"]


@attrs.frozen(field_transformer=checked_fields)
class When:
    """
    A date as a plan writes it: "2024-03-31", "30/09/2025", "Apr 2012", "2012/13", "Spring 2",
    "Sept 2019 – Aug 2024", "By Sept 2020", "termly", or plain text such as "Ongoing".

    The text is kept as written; `span_in` reads the first and last day it covers, given the plan's
    `DateContext` (when its years start, and the period a term with no year falls in). "2012/13" is
    a financial year (1 April to 31 March) unless read with `span_for(9)`, as a school's academic
    year (1 September to 31 August). Recurring dates ("termly") and text have no span.
    """

    text: str

    @property
    def reading(self) -> Reading:
        """Return what the text says, before any plan setting is applied."""
        return read(self.text)

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day the text covers (financial years), or None for text."""
        return self.span_in(DateContext())

    def span_for(self, year_start: int) -> tuple[dt.date, dt.date] | None:
        """Return the span, reading "2024/25" as a year starting in month `year_start`."""
        return self.span_in(DateContext(year_start=year_start))

    def span_in(self, context: DateContext) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day the text covers under a plan's `DateContext`, or None."""
        return span(self.reading, context)

    @property
    def precision(self) -> str:
        """Return how precisely the text names a date (a `Precision` value)."""
        return self.reading.kind

    @property
    def recurring(self) -> bool:
        """Return whether the text names a date that comes round again ("termly", "each February")."""
        return self.reading.kind == Precision.RECURRING

    @property
    def start(self) -> dt.date | None:
        """Return the first day the text covers, or None for plain text."""
        covered = self.span
        return None if covered is None else covered[0]

    @property
    def end(self) -> dt.date | None:
        """Return the last day the text covers, or None for plain text."""
        covered = self.span
        return None if covered is None else covered[1]

    def styled(self, style: str, context: DateContext) -> str:
        """Return the date as printed in a style: "as-written", "long" or "short" (see `dateprint.styled`)."""
        return styled(self.text, style, context)

    def __str__(self) -> str:
        return self.text


class QuantityKind:
    """What a target or result is: a number, a percentage, percentage points, a change, or text."""

    NUMBER = "number"
    PERCENT = "percent"
    POINTS = "percentage points"
    TEXT = "text"


_QUANTITY = re.compile(
    r"^(?P<sign>[+\-\u2212])?\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>%|ppts?|pp|percentage points)?$",
    re.IGNORECASE,
)


@attrs.frozen(field_transformer=checked_fields)
class Quantity:
    """
    A target or a result as written: 869, "51%", "22ppts", "-1%", or text such as "To follow".

    A leading sign marks a change from the baseline or previous period rather than a level.
    """

    text: str

    @property
    def kind(self) -> str:
        """Return what the value is (a `QuantityKind` value)."""
        m = _QUANTITY.match(self.text.strip())
        if m is None:
            return QuantityKind.TEXT
        unit = (m["unit"] or "").casefold()
        if unit == "%":
            return QuantityKind.PERCENT
        if unit:
            return QuantityKind.POINTS
        return QuantityKind.NUMBER

    @property
    def number(self) -> float | None:
        """Return the signed number written, or None for text."""
        m = _QUANTITY.match(self.text.strip())
        if m is None:
            return None
        value = float(m["num"].replace(",", ""))
        return -value if m["sign"] in ("-", "\u2212") else value

    @property
    def is_change(self) -> bool:
        """Return whether the value is written as a change ("-1%", "+3"), not a level."""
        m = _QUANTITY.match(self.text.strip())
        return m is not None and m["sign"] is not None

    def __str__(self) -> str:
        return self.text


class Prose(str):
    """
    Text written in Markdown: paragraphs, bullet and numbered lists, emphasis and links.

    Rendered as real Word paragraphs and lists in .docx and passed through, made safe, in .md and .html.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"Prose({str.__repr__(self)})"
