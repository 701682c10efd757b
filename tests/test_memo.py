"""What is made from short texts is kept, bounded in entries and in the length of the texts kept."""

from __future__ import annotations

from markupsafe import Markup

from equality_docs import safe_text
from equality_docs.memo import kept_for_short_texts
from equality_docs.renderers import markdown


def _counting(entries: int, longest: int) -> tuple[object, list[str]]:
    made: list[str] = []

    @kept_for_short_texts(entries=entries, longest=longest)
    def shout(text: str, end: str = "!") -> str:
        made.append(text)
        return text.upper() + end

    return shout, made


def test_a_short_text_is_made_once_and_a_long_one_every_time() -> None:
    """A text within the length is worked on once however often it comes; a longer one each time, never kept."""
    shout, made = _counting(entries=8, longest=5)
    assert [shout("abc"), shout("abc"), shout("abcdef"), shout("abcdef")] == ["ABC!", "ABC!", "ABCDEF!", "ABCDEF!"]
    assert made == ["abc", "abcdef", "abcdef"]
    assert shout.cache_info().currsize == 1  # type: ignore[attr-defined]


def test_the_entries_kept_are_bounded_and_the_other_arguments_count() -> None:
    """No more than `entries` results are kept, the oldest dropped first; other arguments make other entries."""
    shout, made = _counting(entries=2, longest=5)
    assert shout("a", "?") == "A?"
    assert shout("a") == "A!"
    shout("b")
    assert shout.cache_info().currsize == 2  # type: ignore[attr-defined]
    shout("a", "?")  # dropped when "b" came
    assert made == ["a", "a", "b", "a"]


def test_a_markup_and_a_text_of_the_same_characters_are_kept_apart() -> None:
    """A value's type is part of its entry, so text already escaped never takes another's result."""
    shout, made = _counting(entries=8, longest=5)
    shout("a&b")
    shout(Markup("a&b"))
    assert len(made) == 2


def test_the_documents_own_caches_keep_no_long_text() -> None:
    """A cell's Markdown and a prose text's safe links are made again for a long text, not kept with it."""
    long_text = "word [link](https://example.org) " * 100
    kept = (markdown._cell_text, markdown._cell_html, safe_text._made_safe)
    before = [f.cache_info().currsize for f in kept]  # type: ignore[attr-defined]
    markdown._cell_text(long_text)
    markdown._cell_html(long_text, "td")
    assert safe_text.safe_markdown(long_text) == long_text
    assert [f.cache_info().currsize for f in kept] == before  # type: ignore[attr-defined]


def test_every_text_argument_counts_toward_the_length_kept() -> None:
    """A short first text with a long second one is not kept: the texts' lengths are counted together."""
    shout, made = _counting(entries=8, longest=5)
    shout("ab", "!!!!!")
    shout("ab", "!!!!!")
    shout("ab", "!!!")
    shout("ab", "!!!")

    assert made == ["ab", "ab", "ab"]
