"""
Values kept as the organisation wrote them, read where they can be: dates at mixed precision,
targets and results, and Markdown prose.

Each stores the text as written (so a document prints exactly that) and derives what can be
compared: a span of days for a date, a number and its kind for a target.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

import attrs

_MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}

_DASHES = "\u2013\u2014\\-"
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?\s+(\d{4})$")
_SPLIT_YEAR = re.compile(r"^(\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})$")
_DEADLINE = re.compile(r"^(by|to|until|before|end of|by end of)\s+(.+)$", re.IGNORECASE)
_SEPARATOR = re.compile(rf"\s*(?:\s[{_DASHES}]\s|[{_DASHES}/]|\sto\s)\s*")


class Precision:
    """The precision a written date was read at."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    FINANCIAL_YEAR = "financial year"
    RANGE = "range"
    DEADLINE = "deadline"
    TEXT = "text"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _read_point(text: str, year_start: int = 4) -> tuple[dt.date, dt.date, str] | None:
    """Read one date at day, month, year or financial (or academic) year precision."""
    text = text.strip().rstrip(".")
    try:
        if m := _ISO_DAY.match(text):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, Precision.DAY
        if m := _ISO_MONTH.match(text):
            year, month = int(m[1]), int(m[2])
            return dt.date(year, month, 1), _month_end(year, month), Precision.MONTH
        if m := _DAY_MONTH_YEAR.match(text):
            named = _MONTHS.get(m[2].casefold())
            if named is not None:
                day = dt.date(int(m[3]), named, int(m[1]))
                return day, day, Precision.DAY
        if m := _MONTH_YEAR.match(text):
            named = _MONTHS.get(m[1].casefold())
            if named is not None:
                year = int(m[2])
                return dt.date(year, named, 1), _month_end(year, named), Precision.MONTH
        if m := _YEAR.match(text):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR
        if m := _SPLIT_YEAR.match(text):
            first = int(m[1])
            second = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
            if second == first + 1:
                # A financial year runs from 1 April; an academic year from 1 September.
                end = _month_end(second, year_start - 1) if year_start > 1 else dt.date(first, 12, 31)
                return dt.date(first, year_start, 1), end, Precision.FINANCIAL_YEAR
    except ValueError:  # a day or month out of range: not a date after all
        return None
    return None


@attrs.frozen(order=False)
class When:
    """
    A date as a plan writes it: "2024-03-31", "Apr 2012", "2012/13", "Sept 2019 – Aug 2024",
    "By Sept 2020", or plain text such as "Ongoing".

    The text is kept as written; `start`, `end` and `precision` are read from it where they can be.
    "2012/13" is a financial year (1 April to 31 March) unless read with `span_for(9)`, as a
    school's academic year (1 September to 31 August).
    """

    text: str

    @property
    def span(self) -> tuple[dt.date, dt.date] | None:
        """Return the first and last day the text covers (financial years), or None for text."""
        return self.span_for(4)

    def span_for(self, year_start: int) -> tuple[dt.date, dt.date] | None:
        """Return the span, reading "2024/25" as a year starting in month `year_start`."""
        read = _read(self.text, year_start)
        return None if read is None else (read[0], read[1])

    @property
    def precision(self) -> str:
        """Return how precisely the text names a date (a `Precision` value)."""
        read = _read(self.text)
        return Precision.TEXT if read is None else read[2]

    @property
    def start(self) -> dt.date | None:
        """Return the first day the text covers, or None for plain text."""
        span = self.span
        return None if span is None else span[0]

    @property
    def end(self) -> dt.date | None:
        """Return the last day the text covers, or None for plain text."""
        span = self.span
        return None if span is None else span[1]

    def __str__(self) -> str:
        return self.text


def _read(text: str, year_start: int = 4) -> tuple[dt.date, dt.date, str] | None:
    text = " ".join(text.split())
    if point := _read_point(text, year_start):
        return point
    if m := _DEADLINE.match(text):
        point = _read_point(m[2], year_start)
        return None if point is None else (point[1], point[1], Precision.DEADLINE)
    for sep in _SEPARATOR.finditer(text):
        first = _read_point(text[: sep.start()], year_start)
        last = _read_point(text[sep.end() :], year_start)
        if first and last and first[0] <= last[1]:
            return first[0], last[1], Precision.RANGE
    return None


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


@attrs.frozen
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
