"""The objectives statement's words: its title with its period, and its objectives' blocks as prose."""

from __future__ import annotations

import pytest

import equality_docs

from .docxdump import dump, open_docx
from .fill import fill_for

FORMATS = ["md", "html", "docx"]


def _render(text: str, kind: str, fmt: str) -> str:
    data = equality_docs.render(fill_for(kind, equality_docs.loads(text)), kind=kind, fmt=fmt)
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


LINKED = """
organisation: {name: Eastmoor}
objectives:
  - text: Close the gap
    evidence: ["[Gap report](https://example.org/gap)"]
    themes: ["[Belonging survey](https://example.org/survey)"]
    targets: [{text: "Raise [attainment](https://example.org/attain)", value: "5%"}]
    actions: ["Publish *all* results"]
"""
KINDS = ["objectives-statement", "psed-statement", "objectives-plan"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_evidence_themes_and_target_text_print_links_as_links(kind: str, fmt: str) -> None:
    """Evidence, key themes and a target's text are Markdown like other prose: a link prints as a link, not as
    its literal syntax."""
    text = _render(LINKED, kind, fmt)

    for words, url in (("Gap report", "gap"), ("Belonging survey", "survey"), ("attainment", "attain")):
        link = f"[{words}](https://example.org/{url})" if fmt == "md" else f'<a href="https://example.org/{url}">{words}</a>'
        assert link in text, words
    if fmt == "html":
        assert "](https://" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_evidence_themes_and_target_text_are_word_hyperlinks(kind: str) -> None:
    """In Word, evidence, key themes and a target's text print their links as hyperlinks, without Markdown syntax."""
    data = equality_docs.render(fill_for(kind, equality_docs.loads(LINKED)), kind=kind, fmt="docx")
    document = open_docx(data)
    text = dump(document)

    assert "](https://" not in text
    assert {"https://example.org/gap", "https://example.org/survey", "https://example.org/attain"} <= {
        r.target_ref for r in document.part.rels.values() if r.is_external
    }


@pytest.mark.parametrize("kind", ["psed-statement", "objectives-plan"])  # the kinds that print actions
@pytest.mark.parametrize("fmt", FORMATS)
def test_an_actions_text_still_prints_as_written(kind: str, fmt: str) -> None:
    """An action is plain text: Markdown characters in it print as written, in every format."""
    text = _render(LINKED, kind, fmt)

    assert "Publish *all* results" in text or "Publish \\*all\\* results" in text
    assert "<em>all</em>" not in text
