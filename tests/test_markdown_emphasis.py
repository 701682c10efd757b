"""
Emphasis in prose keeps all of its text: a run of `*` or `_` that Python-Markdown would pair
past its own delimiters is printed as typed, so no text is lost and no placeholder is printed.
"""

from __future__ import annotations

import html
import os
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs.renderers.markdown import markdown_document_to_html
from equality_docs.renderers.prose import markdown_to_html
from equality_docs.safe_text import make_markdown

MANY = 50 if os.environ.get("FAST") else (1000 if os.environ.get("CI") else 300)
PLACEHOLDER = re.compile("klzzwxh|wzxhzdk|[\x02\x03]")


def _visible(markup: str) -> str:
    """Return what a reader sees of HTML or Markdown, without emphasis marks and escapes."""
    return re.sub(r"[*_\\]", "", html.unescape(re.sub(r"<[^>]+>", "", markup))).strip()


def test_ordinary_emphasis_is_read_as_before() -> None:
    """Emphasis, strong, both and nested, with `*` and `_`, are Python-Markdown's."""
    assert markdown_to_html("*a* **b** ***c*** _d_ __e__ *f **g** h*") == (
        "<p><em>a</em> <strong>b</strong> <strong><em>c</em></strong> <em>d</em> <strong>e</strong> "
        "<em>f <strong>g</strong> h</em></p>"
    )


def test_text_after_a_closing_run_shorter_than_its_opening_is_kept() -> None:
    """`*a**b*c`, which Python-Markdown 3.11 reads as `*a<strong>b</strong>`, losing "c", is printed as typed."""
    assert markdown_to_html("*a**b*c") == "<p>*a**b*c</p>"


def test_no_placeholder_is_printed_for_an_entity_after_such_a_run() -> None:
    """A published page holds the prose's text, not the rest of Python-Markdown's placeholder for "&amp;"."""
    plan = equality_docs.loads(
        "organisation: {name: Anytown Council, type: council}\n"
        "sections: [{title: Our vision, place: before, body: 'We will *listen**, then*&amp; act.'}]\n"
        "objectives: [{text: Close the gap, aims: [advance], characteristics: [race]}]\n"
    )
    page = equality_docs.render(plan, kind="objectives-plan", fmt="html").decode("utf-8")

    assert PLACEHOLDER.search(page) is None
    assert "We will *listen**, then*&amp; act." in page


def test_such_a_run_in_a_table_cell_converts_as_python_markdown_converts_it() -> None:
    """The cell converted alone gives the whole table's HTML (a leaked placeholder was numbered by cell)."""
    text = "| A | B |\n|---|---|\n| &amp; &amp; &amp; &amp; | *x**y*&amp;c |\n"
    converted = markdown_document_to_html(text)

    assert converted == str(make_markdown().convert(text))
    assert "<td>*x**y*&amp;c</td>" in converted


EMPHASIS = st.lists(
    st.sampled_from(["*", "**", "***", "_", "__", "a", "b", " ", "&lt;", "&amp;", "<https://x.y>", "\\*", "1"]),
    min_size=1, max_size=12,
).map(lambda parts: "".join(parts).lstrip())  # not indented, which would make a code block


@given(text=EMPHASIS)
@settings(max_examples=MANY, deadline=None)
def test_any_emphasis_keeps_all_its_text(text: str) -> None:
    """Whatever runs of `*` and `_` prose holds, every other character is printed, and no placeholder."""
    converted = str(make_markdown().convert(text))

    assert PLACEHOLDER.search(converted) is None
    assert _visible(converted) == _visible(text.replace("<https://x.y>", "https://x.y"))
