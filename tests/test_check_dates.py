"""The date rules (EQ141 finish before start, EQ142 outside the plan period) read each written date once."""

from __future__ import annotations

import datetime as dt

import pytest

import equality_docs
from equality_docs.check import check_plan, rules
from equality_docs.model import When
from equality_docs.model.dates import DateContext

PLAN = """
organisation: {name: Anytown Council}
period: 2024/25
objectives:
  - text: Close the gap
    start: March 2025
    finish: January 2025
    actions:
      - {text: Reading club, start: March 2025, finish: January 2025}
      - {text: Library visits, start: March 2025, finish: June 2026}
"""


def test_a_date_written_again_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each text is read once for its span, which is the span `When.span_in` gives it."""
    reads: list[str] = []
    span_in = When.span_in
    monkeypatch.setattr(When, "span_in", lambda self, context: reads.append(self.text) or span_in(self, context))
    span = rules._spans(DateContext(year_start=4))

    found = [span(When("2024/25")), span(When("2024/25")), span(When("Ongoing"))]

    assert [(dt.date(2024, 4, 1), dt.date(2025, 3, 31))] * 2 + [None] == found
    assert ["2024/25", "Ongoing"] == reads


def test_dates_written_again_are_each_found_where_they_are() -> None:
    """A finish before its start and a date outside the period are found at each place they are written."""
    found = check_plan(equality_docs.loads(PLAN), on=dt.date(2025, 1, 1))

    assert [(f.code, f.path) for f in found if f.code in ("EQ141", "EQ142")] == [
        ("EQ141", "objectives[0].actions[0].finish"),
        ("EQ141", "objectives[0].finish"),
        ("EQ142", "objectives[0].actions[1].finish"),
    ]
