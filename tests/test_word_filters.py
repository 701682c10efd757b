"""The Word filters' kept results: the same paragraphs as made afresh, and bounded in number and size."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from equality_docs.renderers import docx as word
from equality_docs.renderers import prose
from equality_docs.renderers.prose import text_to_word

TEXTS = ["Staff", "Tom & Jerry <b>", "{{ braces }}", "one\ntwo", "a\tb", "  edges ", "", "x" * 200, "\x01bell"]


def _afresh(value: object) -> str:
    """The paragraph the filter made before it kept any."""
    return str(Markup(text_to_word(str(word._finalize(value)))))


@pytest.mark.parametrize("text", TEXTS)
def test_a_kept_paragraph_is_the_one_made_afresh(text: str) -> None:
    """A short text's paragraph is kept, and is the paragraph made afresh, first time and after."""
    paragraph = word.make_docx_environment().filters["paragraph"]
    word._kept_paragraph.cache_clear()

    first, again = paragraph(text), paragraph(text)

    assert (_afresh(text), _afresh(text), 1) == (str(first), str(again), word._kept_paragraph.cache_info().currsize)


def test_markup_and_plain_text_of_equal_content_keep_their_own_paragraphs() -> None:
    """Markup is printed as it is and plain text escaped, whichever of the two comes first."""
    paragraph = word.make_docx_environment().filters["paragraph"]
    word._kept_paragraph.cache_clear()

    plain, markup = paragraph("a <b/> & c"), paragraph(Markup("a <b/> & c"))

    assert (_afresh("a <b/> & c"), _afresh(Markup("a <b/> & c"))) == (str(plain), str(markup))
    assert str(plain) != str(markup)


def test_the_kept_paragraphs_are_bounded_in_number_and_size() -> None:
    """At most 1,024 paragraphs are kept, of texts up to 200 characters, none over 15,000 characters."""
    paragraph = word.make_docx_environment().filters["paragraph"]
    word._kept_paragraph.cache_clear()

    paragraph("long " * 41)
    long_kept = word._kept_paragraph.cache_info().currsize
    worst = paragraph("\t" * 200)
    for n in range(1100):
        paragraph(f"row {n}")

    assert (0, 1024) == (long_kept, word._kept_paragraph.cache_info().currsize)
    assert len(worst) < 15_000


def test_prose_longer_than_two_thousand_characters_is_made_afresh_and_not_kept() -> None:
    """A long prose text gives the paragraphs a short one's way gives, but neither its HTML nor its paragraphs are kept."""
    long_text = "A paragraph of **prose**. " * 80  # 2,080 characters
    word._prose_without_links.cache_clear()
    prose.markdown_to_html.cache_clear()

    made = word._prose(long_text)

    assert str(made) == str(word._prose_without_links.__wrapped__(long_text, None, ""))
    assert (0, 0) == (word._prose_without_links.cache_info().currsize, prose.markdown_to_html.cache_info().currsize)


def test_short_prose_is_kept() -> None:
    """Prose up to 2,000 characters is kept: its HTML and its paragraphs."""
    word._prose_without_links.cache_clear()
    prose.markdown_to_html.cache_clear()

    first, again = word._prose("Some *prose*."), word._prose("Some *prose*.")

    assert first is again
    assert (1, 1) == (word._prose_without_links.cache_info().currsize, prose.markdown_to_html.cache_info().currsize)
