"""Dates as people write them: reading, refusing impossible days, printing in one style, comparing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given

import equality_docs
from equality_docs import model as m
from equality_docs.check.rules import finish_before_start, information_due, outside_period
from equality_docs.context.common import DateFormat, date_format, date_text, owner
from equality_docs.errors import InputError
from equality_docs.model.dates import DateContext, parse, problem, span
from equality_docs.model.progress import latest

from .strategies import WRITTEN_DATE

D = dt.date
#: A school plan's context: years start in September, the period is the academic year 2025/26.
SCHOOL = DateContext(year_start=9, period=(D(2025, 9, 1), D(2026, 8, 31)))


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("30/09/2025", D(2025, 9, 30), D(2025, 9, 30)),
        ("30.9.25", D(2025, 9, 30), D(2025, 9, 30)),
        ("30-09-2025", D(2025, 9, 30), D(2025, 9, 30)),
        ("Sept 2025", D(2025, 9, 1), D(2025, 9, 30)),
        ("September 2025", D(2025, 9, 1), D(2025, 9, 30)),
        ("Sep-25", D(2025, 9, 1), D(2025, 9, 30)),
        ("2024-25", D(2024, 9, 1), D(2025, 8, 31)),
        ("financial year 2024/25", D(2024, 4, 1), D(2025, 3, 31)),
        ("Autumn", D(2025, 9, 1), D(2025, 12, 31)),
        ("Spring 2", D(2026, 2, 16), D(2026, 4, 14)),
        ("by Summer 1", D(2026, 5, 31), D(2026, 5, 31)),
        ("Summer term 2026", D(2026, 4, 15), D(2026, 7, 31)),
        ("Autumn 1 2025", D(2025, 9, 1), D(2025, 10, 31)),
        ("Spring 2024/25", D(2025, 1, 1), D(2025, 4, 14)),
        ("Autumn 2025 - Summer 2026", D(2025, 9, 1), D(2026, 7, 31)),
    ],
)
def test_written_dates_are_read_with_their_span(text: str, first: dt.date, last: dt.date) -> None:
    """UK days, months, split years and school terms each cover the days they name."""
    assert (first, last) == m.When(text).span_in(SCHOOL)


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("Termly", m.Precision.RECURRING),
        ("each February", m.Precision.RECURRING),
        ("February each year", m.Precision.RECURRING),
        ("every term before pupil progress meetings", m.Precision.RECURRING),
        ("annually by end of March", m.Precision.RECURRING),
        ("Ongoing", m.Precision.TEXT),
        ("TBC", m.Precision.TEXT),
        ("to follow", m.Precision.TEXT),
    ],
)
def test_recurring_dates_and_text_are_kept_without_a_span(text: str, precision: str) -> None:
    """A recurring date or plain text keeps its words and covers no single span."""
    when = m.When(text)

    assert (text, precision, None) == (str(when), when.precision, when.span_in(SCHOOL))


def test_a_term_without_a_year_has_no_span_without_a_period() -> None:
    """With no year written and no plan period, a term cannot be placed, so it has no span."""
    assert None is m.When("Spring 2").span_in(DateContext(year_start=9))


@pytest.mark.parametrize(
    ("text", "reason", "suggestion"),
    [
        ("31/09/2025", "September has 30 days", "30/09/2025"),
        ("31.9.25", "September has 30 days", "30.09.25"),
        ("29/02/2025", "February 2025 has 28 days", "28/02/2025"),
        ("2025-02-30", "February 2025 has 28 days", "2025-02-28"),
        ("09/30/2025", "there is no month 30; dates are read day first", "30/09/2025"),
        ("By 31/04/2026", "April has 30 days", "30/04/2026"),
        ("Apr 2025 \u2013 31/09/2025", "September has 30 days", "30/09/2025"),
        ("13/13/2025", "there is no month 13", None),
        ("0000-01-05", "year 0 is out of range (a year from 1 to 9998 is read)", None),
        ("0000-01", "year 0 is out of range (a year from 1 to 9998 is read)", None),
        ("autumn 9999/00", "year 9999 is out of range (a year from 1 to 9998 is read)", None),
        ("By Sept 0000", "year 0 is out of range (a year from 1 to 9998 is read)", None),
    ],
)
def test_impossible_dates_say_why_and_what_was_meant(text: str, reason: str, suggestion: str | None) -> None:
    """A text written as a date but naming no real day is a problem with its reason and a suggestion."""
    found = problem(text)

    assert found is not None
    assert (reason, suggestion) == (found.reason, found.suggestion)


def _load(tmp_path: Path, body: str) -> m.EqualityPlan:
    path = tmp_path / "plan.yaml"
    path.write_text("organisation:\n  name: A School\n  type: school\n" + body, encoding="utf-8")
    return equality_docs.load(path)


def test_an_impossible_written_date_is_refused_at_its_line(tmp_path: Path) -> None:
    """A start or finish such as 31/09/2025 is an error at load, with file, line and suggestion."""
    with pytest.raises(InputError) as caught:
        _load(tmp_path, "objectives:\n  - text: Close the gap\n    finish: 31/09/2025\n")

    assert str(caught.value) == (
        f"{tmp_path / 'plan.yaml'}:6: objectives[0].finish: 31/09/2025 is not a date: "
        "September has 30 days (did you mean 30/09/2025?)"
    )


def test_a_period_in_year_0_is_refused_at_its_line_not_failed_on(tmp_path: Path) -> None:
    """A period of 0000-01 (a financial year that would start in year 0) is refused at load with
    its line, as any impossible date is; checking it failed inside the rules before."""
    with pytest.raises(InputError) as caught:
        _load(tmp_path, 'period: "0000-01"\n')

    assert str(caught.value) == (
        f"{tmp_path / 'plan.yaml'}:4: period: 0000-01 is not a date: year 0 is out of range (a year from 1 to 9998 is read)"
    )


def test_a_text_holding_a_four_digit_number_is_still_text() -> None:
    """Only a text read as a date has its years checked: "Room 0000" is text."""
    assert problem("Room 0000") is None
    assert m.When("Room 0000").span_in(DateContext()) is None


def test_an_american_date_in_a_day_field_gets_a_suggestion(tmp_path: Path) -> None:
    """A document date written month first is refused with the day-first date it likely means."""
    with pytest.raises(InputError) as caught:
        _load(tmp_path, "document:\n  approved_on: 09/30/2025\n")

    assert str(caught.value).endswith(
        "document.approved_on: 09/30/2025 is not a date: there is no month 30; dates are read day "
        "first (did you mean 30/09/2025?)"
    )


def test_day_fields_accept_uk_dates(tmp_path: Path) -> None:
    """approved_on: 30/09/2025 (and 30.9.25, 30 September 2025) loads as that day."""
    plan = _load(tmp_path, "document:\n  approved_on: 30/09/2025\n  effective: 1.10.25\n"
                           "  published: 30 September 2025\n")

    assert plan.document is not None
    assert (D(2025, 9, 30), D(2025, 10, 1), D(2025, 9, 30)) == (
        plan.document.approved_on, plan.document.effective, plan.document.published
    )


def test_progress_notes_may_carry_a_term_or_no_date(tmp_path: Path) -> None:
    """A progress note may give a term, a month or no date at all."""
    plan = _load(tmp_path, "objectives:\n  - text: Close the gap\n    progress:\n"
                           "      - on: Spring 2\n        status: on track\n      - status: at risk\n")

    assert (m.When("Spring 2"), None) == tuple(n.on for n in plan.objectives[0].progress)


@pytest.mark.parametrize(
    ("written", "style", "printed"),
    [
        ("30/09/2025", "long", "30 September 2025"),
        ("30.9.25", "short", "30/09/2025"),
        ("2025-09-30", "as-written", "30 September 2025"),
        ("30/09/2025", "as-written", "30/09/2025"),
        ("Sept 2025", "long", "September 2025"),
        ("Sep-25", "short", "Sep 2025"),
        ("2024-25", "long", "2024/25"),
        ("Spring 2", "long", "Spring term 2 2025/26"),
        ("Spring 2", "short", "Spring 2 2025/26"),
        ("by Summer 1", "long", "By Summer term 1 2025/26"),
        ("Apr 2026 \u2013 2027-05-31", "long", "April 2026 \u2013 31 May 2027"),
        ("Termly", "long", "Termly"),
        ("Ongoing", "short", "Ongoing"),
    ],
)
def test_dates_print_in_the_document_style(written: str, style: str, printed: str) -> None:
    """Each style prints every precision its own way; recurring dates and text print as written."""
    assert printed == date_text(m.When(written), DateFormat(style=style, context=SCHOOL))


@pytest.mark.parametrize(("style", "printed"), [("as-written", "30 September 2025"), ("long", "30 September 2025"),
                                              ("short", "30/09/2025")])
def test_a_document_control_day_never_prints_in_iso_form(style: str, printed: str) -> None:
    """A day such as approved_on prints in the chosen style; as written, that is the long UK form."""
    assert printed == date_text(D(2025, 9, 30), DateFormat(style=style))


def test_one_table_prints_one_style(tmp_path: Path) -> None:
    """With `dates: short`, a month and a day in one table print in the same short style."""
    plan = _load(tmp_path, "dates: short\nobjectives:\n  - text: Close the gap\n"
                           "    start: Apr 2026\n    finish: 2027-05-31\n")
    markdown = equality_docs.render(plan, kind="objectives-plan", fmt="md").decode()

    assert "Apr 2026 \u2013 31/05/2027" in markdown
    assert "2027-05-31" not in markdown


def test_the_plan_style_and_period_reach_the_printing() -> None:
    """date_format carries the plan's style and places year-less terms in its period."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="S", type=m.OrganisationType.SCHOOL),
        period=m.When("2025/26"), dates=m.DateStyle.LONG,
    )

    assert "Spring term 2 2025/26" == date_text(m.When("Spring 2"), date_format(plan))


def _note(on: str | None, text: str) -> m.ProgressNote:
    return m.ProgressNote(on=None if on is None else m.When(on), text=m.Prose(text))


@pytest.mark.parametrize(
    ("notes", "expected"),
    [
        ((_note("March 2025", "a"), _note("01/01/2025", "b")), "a"),
        ((_note("01/01/2025", "a"), _note(None, "b")), "b"),
        ((_note(None, "a"), _note("01/01/2025", "b")), "b"),
        ((_note(None, "a"), _note("Ongoing", "b")), "b"),
        ((_note("Spring 2", "a"), _note("Autumn", "b")), "a"),
    ],
)
def test_latest_note_orders_by_date_and_undated_last_written_wins(
    notes: tuple[m.ProgressNote, ...], expected: str
) -> None:
    """The latest note is the latest dated one; an undated note counts as written after the one before."""
    note = latest(notes, SCHOOL)

    assert note is not None
    assert expected == note.text


def _plan(start: str, finish: str) -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="S", type=m.OrganisationType.SCHOOL), period=m.When("2025/26"),
        objectives=(m.Objective(text="x", start=m.When(start), finish=m.When(finish)),),
    )


@pytest.mark.parametrize(
    ("start", "finish", "found"),
    [
        ("15/09/2025", "Sept 2025", False),  # the same month: not before
        ("Summer 2", "Spring 1", True),
        ("Autumn 2025", "Termly", False),
        ("Spring 2", "by Summer 1", False),
        ("01/03/2026", "Autumn 1", True),
    ],
)
def test_finish_before_start_compares_spans(start: str, finish: str, found: bool) -> None:
    """A finish is before a start only when its last day is before the start's first day."""
    assert found == bool(list(finish_before_start(_plan(start, finish), D(2025, 10, 1))))


def test_a_year_less_term_is_inside_the_plan_period() -> None:
    """A term written with no year falls in the plan's academic year, so it is never outside it."""
    assert [] == list(outside_period(_plan("Autumn 1", "by Summer 2"), D(2025, 10, 1)))


@given(WRITTEN_DATE)
def test_every_accepted_date_spans_forwards(text: str) -> None:
    """Every written date that loads has a span whose first day is not after its last."""
    covered = span(parse(text), SCHOOL) if problem(text) is None else None

    assert covered is None or covered[0] <= covered[1]


@given(WRITTEN_DATE)
def test_printed_dates_read_back_the_same(text: str) -> None:
    """A date printed in the long or short style reads back to the same span; as written, to its text."""
    when = m.When(text)
    for style in ("long", "short"):
        printed = when.styled(style, SCHOOL)
        assert m.When(printed).span_in(SCHOOL) == when.span_in(SCHOOL), (style, printed)
    assert when.styled("as-written", SCHOOL) == text or when.precision == m.Precision.DAY


def test_a_progress_note_given_a_day_keeps_it_as_a_written_date() -> None:
    """Code that builds a note with a `dt.date` still works: the day becomes a written date."""
    assert m.When("2025-12-01") == m.ProgressNote(on=D(2025, 12, 1)).on


def test_a_period_naming_no_real_day_is_refused_at_its_line(tmp_path: Path) -> None:
    """A measure's period written as an impossible day is an error at the line of that period."""
    with pytest.raises(InputError) as caught:
        _load(tmp_path, "objectives:\n  - text: x\n    measures:\n      - description: d\n"
                        "        targets:\n          2025/26: 5\n          31/09/2025: 6\n")

    assert str(caught.value).endswith(
        ":10: objectives[0].measures[0].targets.31/09/2025: 31/09/2025 is not a date: "
        "September has 30 days (did you mean 30/09/2025?)"
    )


def test_periods_that_are_not_dates_are_kept(tmp_path: Path) -> None:
    """Periods such as "Baseline" or "Year 1" are labels, not dates, and load as written."""
    plan = _load(tmp_path, "objectives:\n  - text: x\n    measures:\n      - description: d\n"
                           "        targets: {Baseline: 5, Year 1: 6}\n")

    assert ("Baseline", "Year 1") == tuple(t.period for t in plan.objectives[0].measures[0].targets)


def test_deadline_messages_print_days_the_uk_way() -> None:
    """A check's overdue message names the day as officers write it, not in YYYY-MM-DD form."""
    plan = m.EqualityPlan(organisation=m.Organisation(name="S"),
                          document=m.DocumentControl(published=D(2025, 1, 31)))
    (found,) = information_due(plan, D(2026, 3, 1))

    assert "was due on 31 January 2026 and is overdue" in found[1]


@pytest.mark.parametrize("period", ["2025/26", "Sept 2025 - Aug 2026", "2025 - 2029", "April 2025 - March 2029"])
def test_a_year_less_term_falls_in_the_school_year_the_period_begins(period: str) -> None:
    """Autumn and Spring 2 with no year are Autumn 2025 and Spring 2026 for every period starting in 2025."""
    plan = m.EqualityPlan(organisation=m.Organisation(name="S", type=m.OrganisationType.SCHOOL),
                          period=m.When(period))

    assert (D(2025, 9, 1), D(2026, 4, 14)) == (
        m.When("Autumn").span_in(plan.date_context)[0],  # type: ignore[index]
        m.When("Spring 2").span_in(plan.date_context)[1],  # type: ignore[index]
    )


def test_equal_date_contexts_hash_alike_and_a_changed_one_as_its_values() -> None:
    """A date context (a key of the printed dates' cache) hashes as its values, however it was made, each time."""
    period = (dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    one, two = DateContext(year_start=4, period=period), DateContext(year_start=4, period=period)
    assert (one, hash(one), hash(one)) == (two, hash(two), hash(two))
    assert hash(one) == hash(attrs.evolve(DateContext(year_start=9), year_start=4, period=period))
    printed = date_text(m.When("Autumn 1"), DateFormat(style="long", context=one))
    assert printed == date_text(m.When("Autumn 1"), DateFormat(style="long", context=two)) == "Autumn term 1 2025/26"


def test_an_owner_is_printed_with_the_division_after_a_slash() -> None:
    """An owner prints with its division after " / ", either alone, or nothing."""
    assert ["Jo Bloggs / TF", "Jo Bloggs", "TF", ""] == [
        owner(name, division) for name, division in (("Jo Bloggs", "TF"), ("Jo Bloggs", None), (None, "TF"), ("", ""))
    ]
