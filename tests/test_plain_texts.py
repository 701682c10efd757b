"""
The loader notes a plan whose files hold no "[" and no character a document cannot hold, and the
two text rules (EQ150, EQ151) then find nothing without walking it: what they find is always what
their walks find.
"""

from __future__ import annotations

import datetime as dt
import gc
import weakref
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan, texts
from equality_docs.errors import InputError
from equality_docs.load import composer, parse
from equality_docs.load.plain import known_plain

from .test_check_texts import oracle_control_characters, oracle_unsafe_links

ON = dt.date(2026, 1, 1)
EXAMPLES = Path(__file__).parent.parent / "examples"
PLAN = "organisation: {name: A School}\nobjectives:\n  - {id: gap, text: %s, aims: [advance]}\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_plan_whose_texts_hold_no_bracket_or_forbidden_character_is_noted_plain(tmp_path: Path) -> None:
    """A file whose values hold neither "[" nor a character XML cannot hold is noted plain ("[" of a flow list is no value)."""
    assert known_plain(equality_docs.load(_write(tmp_path, "plan.yaml", PLAN % "Close the gap")))


@pytest.mark.parametrize("text", ['"See [the data](https://example.org)"', '"Close\\x0b the gap"', '"Close \\x5b the gap"',
                                  '"A \\uDC80 gap"'])
def test_a_bracket_or_forbidden_character_in_any_value_leaves_the_plan_unnoted(tmp_path: Path, text: str) -> None:
    """A value holding "[" or a character XML cannot hold, written out or as an escape, is not noted plain."""
    assert not known_plain(equality_docs.load(_write(tmp_path, "plan.yaml", PLAN % text)))


@pytest.mark.parametrize("pure", [False, True], ids=["libyaml", "pure"])
def test_both_parsers_refuse_a_forbidden_character_written_out(pure: bool) -> None:
    """What a plain file rests on: a character XML cannot hold reaches a value only by an escape (with a backslash)."""
    for code in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]:
        with pytest.raises(InputError, match="not valid YAML"):
            parse(f"a: x{chr(code)}y\nb: 'x{chr(code)}y'\n", pure=pure)


def test_a_progress_file_with_a_bracket_leaves_the_plan_unnoted(tmp_path: Path) -> None:
    """The texts of a plan's progress files count as its own: one "[" there and the plan is looked at."""
    _write(tmp_path, "q1.yaml", 'review: {on: 2025-06-30}\nobjectives:\n  - {id: gap, status: on track, text: "[a](file:///x)"}\n')
    plan = equality_docs.load(_write(tmp_path, "plan.yaml", PLAN.replace("objectives:", "progress_files: [q1.yaml]\nobjectives:", 1)
                                     % "Close the gap"))

    assert not known_plain(plan)
    assert ["EQ151"] == [f.code for f in check_plan(plan, on=ON) if f.code in ("EQ150", "EQ151")]


def test_a_reference_document_named_with_a_forbidden_character_leaves_the_plan_unnoted(tmp_path: Path) -> None:
    """The reference document's path (the folder's name and the plan's words) is a text of the plan too."""
    folder = tmp_path / "a\x01b"
    folder.mkdir()
    plan = equality_docs.load(_write(folder, "plan.yaml", "reference_doc: ref.docx\n" + PLAN % "Close the gap"))

    assert not known_plain(plan)
    assert ["reference_doc"] == [f.path for f in check_plan(plan, on=ON) if f.code == "EQ150"]


def test_a_file_of_more_texts_than_are_kept_is_not_noted_plain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Texts past those the composer keeps are not looked at, so such a file is not noted plain."""
    monkeypatch.setattr(composer, "_TEXTS_KEPT", 3)
    assert not known_plain(equality_docs.load(_write(tmp_path, "plan.yaml", PLAN % "Close the gap")))


def test_a_plan_noted_plain_is_not_walked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text rules find nothing in a plan noted plain without walking it."""
    plan = equality_docs.load(_write(tmp_path, "plan.yaml", PLAN % "Close the gap"))

    def refuse(*_: object) -> None:
        raise AssertionError("the plan was walked")

    monkeypatch.setattr(texts, "_walk", refuse)
    assert [] == [f for f in check_plan(plan, on=ON) if f.code in ("EQ150", "EQ151")]


def test_only_the_plan_last_loaded_is_noted(tmp_path: Path) -> None:
    """One plan is noted at a time; a plan made from it (equal or not) is not noted."""
    first = equality_docs.load(_write(tmp_path, "a.yaml", PLAN % "Close the gap"))
    second = equality_docs.load(_write(tmp_path, "b.yaml", PLAN % "Close the gap"))

    made = m.EqualityPlan(organisation=second.organisation, objectives=second.objectives)

    assert (False, True, False) == (known_plain(first), known_plain(second), known_plain(made))


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_example_gets_the_findings_of_the_walks(example: Path) -> None:
    """For each example, EQ150 and EQ151 find what their walks find, noted plain or not."""
    plan = equality_docs.load(example)
    assert list(texts.control_characters(plan, ON)) == list(oracle_control_characters(plan))
    assert list(texts.unsafe_links(plan, ON)) == list(oracle_unsafe_links(plan))


#: Pieces of a double-quoted YAML text: escapes that make "[" or a forbidden character, and ones that do not.
_PIECES = st.sampled_from(["Close", " ", "[a](javascript:x)", "\\x5ba](file:///x)", "[", "](", ")", "javascript:x", "https://example.org", "\\x5b", "\\x5B",
                           "\\u005b", "\\x0b", "\\x01", "\\0", "\\uD800", "\\\\", "\\t", "\\n", "\\N",
                           "\\_", "\\x5d", "\\x28"])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(_PIECES, max_size=8).map("".join), st.lists(_PIECES, max_size=8).map("".join))
def test_a_file_of_escapes_gets_the_findings_of_the_walks(tmp_path: Path, text: str, outcome: str) -> None:
    """Whatever escapes a file's texts hold, EQ150 and EQ151 find what their walks find, noted plain or not."""
    body = PLAN.replace("aims: [advance]", f'outcome: "{outcome}", aims: [advance]') % f'"{text or "x"}"'
    plan = equality_docs.load(_write(tmp_path, "plan.yaml", body))

    assert list(texts.control_characters(plan, ON)) == list(oracle_control_characters(plan))
    assert list(texts.unsafe_links(plan, ON)) == list(oracle_unsafe_links(plan))


def test_the_note_keeps_no_plan_alive(tmp_path: Path) -> None:
    """The note is weak: a plan noted plain and let go is gone."""
    plan = equality_docs.load(_write(tmp_path, "plan.yaml", PLAN % "Close the gap"))
    assert known_plain(plan)
    noted = weakref.ref(plan)
    del plan
    gc.collect()
    assert noted() is None
