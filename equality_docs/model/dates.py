"""
Reading dates as people write them: a day, a month, a year, a financial or academic year, a school
term or half-term, a deadline, a range, a recurring date, or plain text.

`parse` reads the text alone into a `Reading`; `span` turns a reading into the first and last day it
covers, given what the plan says about its years (`DateContext`); `problem` says what is wrong with a
text that looks like a date but is not one ("31/09/2025").

English school terms are read with fixed, approximate boundaries (term dates differ by school and by
the date of Easter): Autumn 1 September to 31 December (Autumn 1 to 31 October, Autumn 2 from
1 November); Spring 1 January to 14 April (Spring 1 to 15 February, Spring 2 from 16 February);
Summer 15 April to 31 July (Summer 1 to 31 May, Summer 2 from 1 June). A term with no year written
is the term of the academic year beginning in September of the year the plan's period starts (a
period of 2025/26, of Sept 2025 - Aug 2026 or of 2025 - 2029 all place "Spring 2" in 2026); with no
period, it has no span.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re

import attrs

MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}


class Precision:
    """The precision a written date was read at."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    FINANCIAL_YEAR = "financial year"
    TERM = "term"
    RANGE = "range"
    DEADLINE = "deadline"
    RECURRING = "recurring"
    TEXT = "text"


#: (first month, first day), (last month, last day) of each term and half-term, within its calendar year.
TERMS: dict[tuple[str, int | None], tuple[tuple[int, int], tuple[int, int]]] = {
    ("autumn", None): ((9, 1), (12, 31)),
    ("autumn", 1): ((9, 1), (10, 31)),
    ("autumn", 2): ((11, 1), (12, 31)),
    ("spring", None): ((1, 1), (4, 14)),
    ("spring", 1): ((1, 1), (2, 15)),
    ("spring", 2): ((2, 16), (4, 14)),
    ("summer", None): ((4, 15), (7, 31)),
    ("summer", 1): ((4, 15), (5, 31)),
    ("summer", 2): ((6, 1), (7, 31)),
}


class DateError(ValueError):
    """A text that looks like a date but names no day that exists, with a suggestion where there is one."""

    def __init__(self, text: str, reason: str, suggestion: str | None = None) -> None:
        self.text = text
        self.reason = reason
        self.suggestion = suggestion
        super().__init__(f"{text} is not a date: {reason}")


@attrs.frozen(kw_only=True, cache_hash=True)  # (a key of the printed dates' cache, hashed at every date)
class DateContext:
    """What a plan says about its dates: the month its years begin, and the span of its period."""

    year_start: int = 4
    period: tuple[dt.date, dt.date] | None = None

    @property
    def academic_year(self) -> int | None:
        """
        Return the first calendar year of the academic year a term with no year falls in: the one
        beginning in September of the year the period starts, so a period of 2025/26 (from April or
        September) or of 2025 - 2029 gives 2025/26; None with no period.
        """
        return None if self.period is None else self.period[0].year


@attrs.frozen(kw_only=True)
class Reading:
    """What a written date says, before any plan setting is applied."""

    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    #: The first calendar year of a split year ("2024/25" -> 2024), of a financial or academic year.
    split: int | None = None
    #: 9 or 4 where the text says "academic year" or "financial year"; else the plan decides.
    split_start: int | None = None
    term: str | None = None
    half: int | None = None
    #: The word a deadline is written with ("By", "by end of"), as written.
    prefix: str = ""
    parts: tuple[Reading, ...] = ()


def month_end(year: int, month: int) -> dt.date:
    """Return the last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    """Return a year written with four digits, or two (read as 20xx)."""
    return 2000 + int(text) if len(text) == 2 else int(text)


def _check_day(text: str, day: int, month: int, year: int, suggest: str, *, day_first: bool = True) -> dt.date:
    """Return the day, or raise a DateError saying why it does not exist and what was likely meant."""
    _check_year(text, year)
    if not 1 <= month <= 12:
        if 1 <= day <= 12 and 1 <= month <= 31:
            order = "; dates are read day first" if day_first else ""
            raise DateError(text, f"there is no month {month}{order}", suggest.format(d=month, m=day))
        raise DateError(text, f"there is no month {month}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        held = f"{name} {year}" if month == 2 else name
        return_day = min(max(day, 1), last)
        raise DateError(text, f"{held} has {last} days", suggest.format(d=return_day, m=month))
    return dt.date(year, month, day)


ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})([/.\-])(\d{1,2})\2(\d{4}|\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\.?(?:\s+|\s*[-/]\s*)(\d{4}|\d{2})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_SPLIT_YEAR = re.compile(
    r"^(?:(academic|financial|fiscal)\s+year\s+|(ay|fy)\s*)?(\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})$", re.IGNORECASE
)
_TERM = re.compile(
    r"^(autumn|spring|summer)(?:\s+term)?(?:\s*([12]))?(?:\s+term)?(?:\s+(\d{4})(?:\s*[/\-\u2013]\s*(\d{2}|\d{4}))?)?$",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"^(by the end of|by end of|the end of|end of|by|to|until|before)\s+(.+)$", re.IGNORECASE)
_RECURRING = re.compile(
    r"^(?:bi-?annually|half[- ]termly|termly|annually|yearly|monthly|weekly|fortnightly|daily|quarterly"
    r"|biannual|twice a year)\b|\b(?:each|every)\b|\bper (?:term|year|month)\b",
    re.IGNORECASE,
)
#: The last year a date may name (or a split year start in): the year after it (a split year's end,
#: a term's) is the calendar's last.
LAST_YEAR = dt.MAXYEAR - 1
_DASHES = "\u2013\u2014\\-"
_SEPARATOR = re.compile(rf"\s*(?:\s[{_DASHES}]\s|[{_DASHES}/]|\sto\s)\s*")


def _split(first: int, second_text: str) -> int | None:
    """Return the first year of "2024/25" or "2024/2025", or None when the years do not follow."""
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if len(second_text) == 2 and second < first:
        second += 100
    return first if second == first + 1 else None


def _point(text: str) -> Reading | None:
    """Read one date at day, month, year, split-year or term precision (raising DateError if
    impossible): its years, and the years after them a split year or a term reaches, in the calendar."""
    reading = _written(text)
    if reading is not None:
        for year in (reading.year, reading.split):  # (a day's year is checked as it is read)
            if year is not None:
                _check_year(text, year)
    return reading


def _check_year(text: str, year: int) -> None:
    if not 1 <= year <= LAST_YEAR:
        raise DateError(text, f"year {year} is out of range (a year from 1 to {LAST_YEAR} is read)")


def _written(text: str) -> Reading | None:  # one branch per way of writing
    """Read one date as `_point` does, its years not checked."""
    if m := ISO_DAY.match(text):
        day = _check_day(text, int(m[3]), int(m[2]), int(m[1]), f"{m[1]}-{{m:02d}}-{{d:02d}}", day_first=False)
        return Reading(kind=Precision.DAY, day=day.day, month=day.month, year=day.year)
    if (m := _SPLIT_YEAR.match(text)) and (m[1] or m[2] or _split(int(m[3]), m[4]) is not None):
        first = _split(int(m[3]), m[4])
        if first is None:
            return None
        word = (m[1] or m[2] or "").casefold()
        start = 9 if word in ("academic", "ay") else 4 if word else None
        return Reading(kind=Precision.FINANCIAL_YEAR, split=first, split_start=start)
    if m := _ISO_MONTH.match(text):
        month = int(m[2])
        if not 1 <= month <= 12:
            raise DateError(text, f"there is no month {month}")
        return Reading(kind=Precision.MONTH, month=month, year=int(m[1]))
    if m := _NUMERIC_DAY.match(text):
        sep, year_text = m[2], m[4]
        suggest = f"{{d:02d}}{sep}{{m:02d}}{sep}{year_text}"
        day = _check_day(text, int(m[1]), int(m[3]), _year(year_text), suggest)
        return Reading(kind=Precision.DAY, day=day.day, month=day.month, year=day.year)
    if (m := _DAY_MONTH_YEAR.match(text)) and (named := MONTHS.get(m[2].casefold())):
        suggest = f"{{d}} {m[2]} {m[3]}"
        day = _check_day(text, int(m[1]), named, int(m[3]), suggest)
        return Reading(kind=Precision.DAY, day=day.day, month=day.month, year=day.year)
    if (m := _MONTH_YEAR.match(text)) and (named := MONTHS.get(m[1].casefold())):
        return Reading(kind=Precision.MONTH, month=named, year=_year(m[2]))
    if m := _YEAR.match(text):
        return Reading(kind=Precision.YEAR, year=int(m[1]))
    if m := _TERM.match(text):
        term, half = m[1].casefold(), int(m[2]) if m[2] else None
        if m[4]:
            first = _split(int(m[3]), m[4])
            if first is None:
                return None
            return Reading(kind=Precision.TERM, term=term, half=half, split=first)
        return Reading(kind=Precision.TERM, term=term, half=half, year=int(m[3]) if m[3] else None)
    return None


@functools.lru_cache(maxsize=4096)
def parse(text: str) -> Reading:
    """
    Return what a written date says.

    Raises:
        DateError: the text is written as a date, but names a day that does not exist.
    """
    text = " ".join(text.split()).rstrip(".")
    if point := _point(text):
        return point
    if (m := _DEADLINE.match(text)) and (inner := _point(m[2])):
        return Reading(kind=Precision.DEADLINE, prefix=m[1], parts=(inner,))
    if _RECURRING.search(text):
        return Reading(kind=Precision.RECURRING)
    error: DateError | None = None
    for sep in _SEPARATOR.finditer(text):
        try:
            first, last = _point(text[: sep.start()]), _point(text[sep.end() :])
        except DateError as exc:
            error = error or exc
            continue
        if first and last:
            return Reading(kind=Precision.RANGE, parts=(first, last))
    if error is not None:
        raise error
    return Reading(kind=Precision.TEXT)


def problem(text: str) -> DateError | None:
    """Return what is wrong with a written date, or None when it reads (as a date or as text)."""
    try:
        parse(text)
    except DateError as exc:
        return exc
    return None


def read(text: str) -> Reading:
    """Return what a written date says; a text naming an impossible day reads as plain text."""
    try:
        return parse(text)
    except DateError:
        return Reading(kind=Precision.TEXT)


def _term_year(reading: Reading, context: DateContext) -> int | None:
    """Return the calendar year a term falls in."""
    if reading.year is not None:
        return reading.year
    academic = reading.split if reading.split is not None else context.academic_year
    if academic is None:
        return None
    return academic if reading.term == "autumn" else academic + 1


def span(reading: Reading, context: DateContext) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a reading covers, or None (recurring dates, text, unplaced terms)."""
    kind = reading.kind
    if kind == Precision.DAY and reading.year and reading.month and reading.day:
        day = dt.date(reading.year, reading.month, reading.day)
        return day, day
    if kind == Precision.MONTH and reading.year and reading.month:
        return dt.date(reading.year, reading.month, 1), month_end(reading.year, reading.month)
    if kind == Precision.YEAR and reading.year:
        return dt.date(reading.year, 1, 1), dt.date(reading.year, 12, 31)
    if kind == Precision.FINANCIAL_YEAR and reading.split is not None:
        start = reading.split_start or context.year_start
        end = month_end(reading.split + 1, start - 1) if start > 1 else dt.date(reading.split, 12, 31)
        return dt.date(reading.split, start, 1), end
    if kind == Precision.TERM and reading.term:
        year = _term_year(reading, context)
        if year is None:
            return None
        (m1, d1), (m2, d2) = TERMS[reading.term, reading.half]
        return dt.date(year, m1, d1), dt.date(year, m2, d2)
    if kind == Precision.DEADLINE:
        inner = span(reading.parts[0], context)
        return None if inner is None else (inner[1], inner[1])
    if kind == Precision.RANGE:
        first, last = (span(part, context) for part in reading.parts)
        if first and last and first[0] <= last[1]:
            return first[0], last[1]
    return None


#: The rules above, as docs/input-format.md prints them (generated by docs/generate.py).
GUIDE = """\
## Dates

Every date is kept exactly as written and read, where it can be, into the first and last day it
covers, so dates are sorted and checked (finish before start, outside the plan period, overdue) at
the precision written. A finish is before its start only if its last day is before the start's
first day: `start: 15/09/2025` with `finish: Sept 2025` is fine.

| written | read as |
|---|---|
| `2025-09-30`, `30/09/2025`, `30.9.25`, `30-09-2025`, `30 September 2025` | a day; dates are read day first, and two-digit years as 20xx |
| `Sept 2025`, `September 2025`, `Sep-25`, `2025-09` | a month |
| `2025` | a year |
| `2024/25`, `2024-25`, `2024/2025` | a financial year (April to March) or an academic year (September to August), as the plan's `year_starts` says; `financial year 2024/25` or `academic year 2024/25` (`FY`, `AY`) says which itself |
| `Autumn`, `Spring 2`, `Summer term 2026`, `Autumn 1 2025`, `Spring 2024/25` | a school term or half-term (below) |
| `By Sept 2026`, `by Summer 1`, `before 31/03/2026` | a deadline: the last day of what follows |
| `Sept 2019 – Aug 2024`, `Autumn 2025 - Summer 2026` | a range, from the first day of one to the last day of the other |
| `Termly`, `annually`, `each February`, `February each year`, `every term before pupil progress meetings` | a recurring date: no single span, never overdue, never before a start |
| `Ongoing`, `TBC`, `To follow`, anything else | text, printed as written |

A date that names no real day is an error when the file is loaded, with its line and the day most
likely meant: `31/09/2025` gives "September has 30 days (did you mean 30/09/2025?)"; a date written
month first, `09/30/2025`, gives "there is no month 30; dates are read day first (did you mean
30/09/2025?)".

**School terms** are read with fixed, approximate boundaries, since term dates differ by school and
by the date of Easter: Autumn 1 September to 31 December (Autumn 1 to 31 October, Autumn 2 from
1 November); Spring 1 January to 14 April (Spring 1 to 15 February, Spring 2 from 16 February);
Summer 15 April to 31 July (Summer 1 to 31 May, Summer 2 from 1 June). A calendar year written
after a term is the year the term falls in (`Summer term 2026`); an academic year (`Spring 2024/25`)
places it in that school year. A term written with no year falls in the academic year beginning in
September of the year the plan's `period` starts: with `period: 2025/26`, `period: Sept 2025 - Aug
2026` or `period: 2025 - 2029`, `Autumn` is Autumn 2025 and `Spring 2` is Spring 2026. With no
`period`, it is kept but has no span.

**Printing.** The plan's `dates` setting prints every date of a document in one style, so a table
never mixes styles unless the plan wrote them so:

| `dates:` | a day | a month | a year | a term |
|---|---|---|---|---|
| `as-written` (default) | as written; `2025-09-30` prints 30 September 2025 | as written | as written | as written |
| `long` | 30 September 2025 | September 2025 | 2024/25 | Spring term 2 2025/26 |
| `short` | 30/09/2025 | Sep 2025 | 2024/25 | Spring 2 2025/26 |

Recurring dates and text print as written in every style. Document-control dates (`approved_on`,
`published` and the like) are days: they print 30 September 2025 (or 30/09/2025 with `short`), never
in the YYYY-MM-DD form.
"""
