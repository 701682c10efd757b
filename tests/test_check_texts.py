"""
The two rules that read every text of a plan (EQ150 characters a document cannot hold, EQ151
links printed as text) walk the plan once between them. Their findings are those of the walks
each made on its own before, kept here as the oracle, for generated plans full of awkward text.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from equality_docs import model as m
from equality_docs.check import check_plan, texts
from equality_docs.load.converter import make_converter
from equality_docs.safe_text import refused_links, xml_illegal

from .strategies import plans

ON = dt.date(2026, 1, 1)
Found = Iterator[tuple[tuple[str | int, ...], str, str]]


def oracle_control_characters(plan: m.EqualityPlan) -> Found:
    """EQ150 as it was: every text of the plan written out as data, each looked at."""

    def walk(value: Any, path: tuple[str | int, ...]) -> Found:
        if isinstance(value, str):
            bad = xml_illegal(value)
            if bad:
                codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(bad)))
                yield path, f"holds characters a document cannot contain ({codes}); they are left out", (
                    "delete them: they often come from text pasted from other programs"
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(make_converter().unstructure(plan), ())


def oracle_unsafe_links(plan: m.EqualityPlan) -> Found:
    """EQ151 as it was: every field of every model object and every item of every tuple visited."""
    found: list[tuple[tuple[str | int, ...], m.Prose]] = []

    def walk(value: Any, path: tuple[str | int, ...]) -> None:
        if isinstance(value, m.Prose):
            found.append((path, value))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                item = getattr(value, field.name)
                if item is not None and type(item) not in (str, int, float, bool, dt.date):
                    walk(item, (*path, field.name))

    walk(plan, ())
    for path, text in found:
        for target in refused_links(text):
            what = target[:80] if target.startswith("an image (") else f"a link to {target[:60]!r}"
            yield path, f"has {what}, which is printed as text", (
                "link only to a web page (https://...) or an email address (mailto:...); "
                "images are not fetched, so describe them in words"
            )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_text_rules_find_what_the_walks_of_each_found(plan: m.EqualityPlan) -> None:
    """For any plan, EQ150 and EQ151 find exactly what each rule's own walk found, in the same order."""
    assert list(texts.control_characters(plan, ON)) == list(oracle_control_characters(plan))
    assert list(texts.unsafe_links(plan, ON)) == list(oracle_unsafe_links(plan))


def _plan(outcome: str, heading: str = "Objectives") -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="School", type=m.OrganisationType.SCHOOL),
        objectives=(m.Objective(text="Close the gap", outcome=m.Prose(outcome), actions=(m.Action(text="Tutoring"),)),),
        labels=m.Labels(objectives_heading=heading),
    )


def test_a_clean_plan_is_not_written_out_as_data_for_eq150(monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan none of whose texts holds a forbidden character is judged by one search, not written out field by field."""
    def refuse() -> None:
        raise AssertionError("the plan was written out as data")

    monkeypatch.setattr(sys.modules["equality_docs.load.converter"], "make_converter", refuse)
    assert list(texts.control_characters(_plan("Close the gap [see](https://example.org)"), ON)) == []


def test_a_forbidden_character_anywhere_is_still_found_with_its_field() -> None:
    """A forbidden character in a label (far from any objective) is found, at its field."""
    found = [f for f in check_plan(_plan("Fewer gaps", heading="Objec\x0btives"), on=ON) if f.code == "EQ150"]
    assert [f.path for f in found] == ["labels.objectives_heading"]


def test_each_plan_gets_its_own_findings_when_checked_in_turn() -> None:
    """What one plan's walk found is never given for another plan, equal or not, checked after it."""
    bad, good = _plan("Close\x00 the gap [a](file:///etc/passwd)"), _plan("Close the gap [a](https://example.org)")
    for _ in range(2):
        assert {f.code for f in check_plan(bad, on=ON)} >= {"EQ150", "EQ151"}
        assert not {f.code for f in check_plan(good, on=ON)} & {"EQ150", "EQ151"}
        twin = attrs.evolve(bad)
        assert [f for f in check_plan(twin, on=ON) if f.code in ("EQ150", "EQ151")] == [
            f for f in check_plan(bad, on=ON) if f.code in ("EQ150", "EQ151")
        ]
