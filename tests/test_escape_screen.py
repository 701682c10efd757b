"""
Escaping plain text for Markdown looks first for what it would change: a text it would leave as
it is (an action's "Action 1.1: reading club") is given back at once, and every text comes out
as the full escaping makes it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from equality_docs import safe_text
from equality_docs.safe_text import escape_markdown


def _escaped_in_full(text: str) -> str:
    """`escape_markdown` as it was, with only its first screen, kept as the oracle."""
    if safe_text._ESCAPABLE.search(text) is None:
        return text
    text = safe_text.plain_text(text).lstrip(" \t")
    text = safe_text._ENTITY_START.sub("&amp;", text).replace("<", "&lt;")
    text = safe_text._INLINE_SPECIAL.sub(r"\\\1", text)
    text = safe_text._LINE_START.sub(lambda m: m[1] + "\\" + m[2] if not m[2].isdigit() else m[0], text)
    return safe_text._NUMBERED.sub(r"\1\\\2", text).replace("\n", "<br>")


#: Pieces that the escaping treats alike or differently, at the start of a line and inside one.
_PIECES = st.sampled_from([
    "a", "Action 1.1: reading", " ", "\t", "\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\x0b", "\x0c", "\x01",
    "\x1c", "\x1f", "\ud800", "\ufffe", "\xa0", "\u3000", ".", ")", "-", "+", "=", "#", ">", "<", "&", "&amp;",
    "&#65;", "*", "_", "`", "[", "]", "|", "~", "\\", "1", "12", "\u0663", "3.", "4)", "5. x", "- x",
])


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_every_text_is_escaped_as_the_full_escaping_escapes_it(text: str) -> None:
    """For any text, the escaping gives what it gave when every text with a "." or "-" went through in full."""
    assert _escaped_in_full(text) == escape_markdown(text)


def test_a_text_the_escaping_leaves_is_given_back_as_it_is() -> None:
    """An action's text with only full stops, colons and hyphens inside its words is the same object back."""
    text = "Action 1.1: reading club - year 1."
    assert escape_markdown(text) is text
    assert escape_markdown("1. First") == "1\\. First"
    assert escape_markdown("- item") == "\\- item"
