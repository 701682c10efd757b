"""The reference docs' links: every link to a section (`#anchor`) leads to a heading that is there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from equality_docs.reference import cli_markdown, contexts_markdown, input_format_markdown

DOCS = Path(__file__).resolve().parent.parent / "docs"
_HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.MULTILINE)
_LINK = re.compile(r"\]\(([\w./-]*\.md)?#([^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)


def _anchors(text: str) -> set[str]:
    """The anchors of a Markdown page's headings, as GitHub makes them (lower case, spaces as hyphens)."""
    text = _FENCE.sub("", text)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-") for heading in _HEADING.findall(text)}


def _broken(name: str, text: str) -> list[str]:
    """The page's links to a section (on itself or another page of docs/) that has no heading."""
    broken = []
    for page, anchor in _LINK.findall(_FENCE.sub("", text)):
        target = text if not page else (DOCS / page).read_text(encoding="utf-8")
        if anchor not in _anchors(target):
            broken.append(f"{name}: ({page}#{anchor})")
    return broken


@pytest.mark.parametrize(
    ("name", "make"),
    [("input-format.md", input_format_markdown), ("template-contexts.md", contexts_markdown), ("cli.md", cli_markdown)],
)
def test_every_section_link_in_a_generated_page_has_its_section(name: str, make: object) -> None:
    """Each (#anchor) link in a generated reference page names a heading of the page it points to."""
    assert callable(make)
    assert _broken(name, make()) == []


def test_every_section_link_in_the_written_docs_has_its_section() -> None:
    """Each (#anchor) link in every page of docs/ as written there names a heading of the page it points to."""
    pages = sorted(DOCS.glob("*.md"))
    assert [b for page in pages for b in _broken(page.name, page.read_text(encoding="utf-8"))] == []
