"""The objectives statement's words: its title with its period, and its objectives' blocks as prose."""

from __future__ import annotations

import pytest

import equality_docs

from .docxdump import dump, open_docx

FORMATS = ["md", "html", "docx"]


def _render(text: str, kind: str, fmt: str) -> str:
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_holding_the_period_is_not_run_on(fmt: str) -> None:
    """A title that already holds the period's years ("Strategy 2025-2029") is printed alone, the period not after it."""
    text = _render(
        "organisation: {name: Eastmoor}\ntitle: EDI Strategy 2025-2029\nperiod: 01/08/2025 - 31/07/2029\n"
        "dates: long\nobjectives: [Close the gap]\n",
        "objectives-statement", fmt,
    )

    assert "EDI Strategy 2025-2029" in text
    assert "2029 1 August" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_without_the_period_is_followed_by_it_once(fmt: str) -> None:
    """A title without the period is followed by the period, once, as seed 000 prints it."""
    text = _render(
        "organisation: {name: Eastmoor}\ntitle: Equality Objectives\nperiod: April 2025 – March 2028\n"
        "objectives: [Close the gap]\n",
        "objectives-statement", fmt,
    )

    assert "Equality Objectives April 2025 – March 2028" in text
    assert "March 2028 April 2025" not in text
