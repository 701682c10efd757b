"""
Printing written dates in one style for a whole document: as written, long ("30 September 2025",
"Spring term 2 2025/26") or short ("30/09/2025", "Spring 2 2025/26"). Reading them is `dates.py`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools

from equality_docs.model.dates import ISO_DAY, DateContext, Precision, Reading, read


def _academic(first: int) -> str:
    return f"{first}/{(first + 1) % 100:02d}"


def _term_academic(reading: Reading, context: DateContext) -> int | None:
    """Return the first year of the academic year a term belongs to, where it is known."""
    if reading.split is not None:
        return reading.split
    if reading.year is not None:
        return reading.year if reading.term == "autumn" else reading.year - 1
    return context.academic_year


def _styled(reading: Reading, style: str, context: DateContext) -> str | None:
    """Return a reading in the long or short style, or None where only the written text will do."""
    long = style == "long"
    kind = reading.kind
    if kind == Precision.DAY and reading.day and reading.month:
        if long:
            return f"{reading.day} {calendar.month_name[reading.month]} {reading.year}"
        return f"{reading.day:02d}/{reading.month:02d}/{reading.year}"
    if kind == Precision.MONTH and reading.month:
        name = calendar.month_name if long else calendar.month_abbr
        return f"{name[reading.month]} {reading.year}"
    if kind == Precision.YEAR:
        return str(reading.year)
    if kind == Precision.FINANCIAL_YEAR and reading.split is not None:
        words = {9: ("Academic year ", "AY "), 4: ("Financial year ", "FY ")}.get(reading.split_start or 0, ("", ""))
        return f"{words[0 if long else 1]}{_academic(reading.split)}"
    if kind == Precision.TERM and reading.term:
        academic = _term_academic(reading, context)
        parts = [reading.term.capitalize(), *(["term"] if long else [])]
        parts += [str(reading.half)] if reading.half else []
        parts += [_academic(academic)] if academic is not None else []
        return " ".join(parts)
    if kind == Precision.DEADLINE:
        inner = _styled(reading.parts[0], style, context)
        return None if inner is None else f"{reading.prefix[:1].upper()}{reading.prefix[1:]} {inner}"
    if kind == Precision.RANGE:
        ends = [_styled(part, style, context) for part in reading.parts]
        return None if None in ends else " \u2013 ".join(e for e in ends if e)
    return None


@functools.lru_cache(maxsize=4096)
def styled(text: str, style: str, context: DateContext) -> str:
    """
    Return a written date as a document prints it in a style: "as-written" (the text itself; a
    bare ISO day such as 2025-09-30 prints in the long style), "long" ("30 September 2025",
    "September 2025", "Spring term 2 2025/26") or "short" ("30/09/2025", "Sep 2025", "Spring 2 2025/26").
    Recurring dates and text print as written in every style.
    """
    reading = read(text)
    if style == "as-written":
        if ISO_DAY.match(text.strip()) and reading.kind == Precision.DAY:
            return _styled(reading, "long", context) or text
        return text
    return _styled(reading, style, context) or text


def styled_day(day: dt.date, style: str) -> str:
    """Return a day in a style: short "30/09/2025", else long "30 September 2025" (never ISO)."""
    if style == "short":
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"
