"""
Prose made safe for the Markdown format (`safe_markdown`) gives no reader raw HTML, an image or
a link elsewhere than the web, email or the page: Python-Markdown (with and without tables) and
markdown-it (CommonMark, GitHub's tables, and with its own link filter off, as a reader without
one), whose rules differ on backticks, brackets, line ends and HTML blocks.
"""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from equality_docs.safe_text import refused_links, safe_markdown, safe_url

_UNFILTERED = MarkdownIt("commonmark")
_UNFILTERED.validateLink = lambda url: True  # type: ignore[method-assign]  # a reader that lets any link through
READERS: dict[str, Callable[[str], str]] = {
    "Python-Markdown": markdown.markdown,
    "Python-Markdown, tables": lambda text: markdown.markdown(text, extensions=["tables"]),
    "markdown-it, CommonMark": MarkdownIt("commonmark").render,
    "markdown-it, tables": MarkdownIt("commonmark").enable("table").render,
    "markdown-it, no link filter": _UNFILTERED.render,
}
_ELEMENTS = {
    "p", "em", "strong", "code", "pre", "a", "br", "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "table", "thead", "tbody", "tr", "th", "td", "del", "s",
}


#: Attributes readers write that no text can make harmful (a fenced block's language, a column's
#: alignment, a list's first number, a link's title).
_HARMLESS = {("code", "class"), ("th", "style"), ("td", "style"), ("ol", "start"), ("a", "title")}


class _Problems(HTMLParser):
    """What a reader's HTML holds that prose must never make."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _ELEMENTS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if (tag, name) in _HARMLESS or (name == "href" and tag == "a" and safe_url(value or "")):
                continue
            self.found.append(f"<{tag} {name}={value!r}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self.found.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.found.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.found.append(f"<?{data}>")


def _problems(text: str) -> dict[str, list[str]]:
    made = safe_markdown(text)
    found = {}
    for name, read in READERS.items():
        parser = _Problems()
        parser.feed(read(made))
        parser.close()
        if parser.found:
            found[name] = parser.found
    return found


@pytest.mark.parametrize(
    "text",
    [
        "`\r\r<img src=x onerror=alert(1)>`",  # "\r" ends a line for every reader
        "`\r<div onmouseover=alert(1)>`",
        "[a]\r[a]: javascript:alert(1)",
        "`<img src=x onerror=alert(1)>`[r]:``>``",  # a definition taken out mid-line joined "`" runs
        "<br>\n`<img src=x onerror=alert(1)>`",  # <br> alone on a line opens an HTML block
        "<!--@x>\n`--><img src=x onerror=alert(1)>`",  # taken for an email address, a comment
        "<div/onmouseover=alert(1)//@x>",
        "<javascript:alert(1)//@x>",
        "[x](http://a.org/`)<img src=x onerror=alert(1)>`)",  # CommonMark ends a target at ")" in "`"
        "a|b\n-|-\n`x|<img src=x onerror=alert(1)>`",  # a table row splits a code span at "|"
        "[`]\n`](javascript:alert(1))",  # the brackets of a span some readers take
        "[][]\n\n[]: javascript:alert(1)",  # an empty label, which Python-Markdown takes
        "[<http://]>](javascript:alert(1))",  # the brackets of an autolink
        "[``]`](javascript:alert(1))",  # Python-Markdown splits "``": a span "`]"
        "[`a]\n\n[`a]: javascript:alert(1)`",  # readers find a definition before any code span
        "[`a]\n\n[`a]: javascript:alert(1) '`'",
        "![a][R  r]\n\n[r r]: http://e.org/t.png",  # labels match whatever their case and spaces
        "![a][x]\n\n[a]: http://e.org/t.png",
        "![a]\n\n[[a]: http://e.org/t.png]()",
        "[r]\n[r]:<mailto:",
        "<!--@-->",
        "<!DOCTYPE@x>",
        "<?@c>",
    ],
)
def test_no_reader_gets_html_an_image_or_a_link_elsewhere(text: str) -> None:
    """Each of these gave some reader raw HTML, an image, or a link to a script or elsewhere."""
    assert _problems(text) == {}


def test_a_script_link_behind_a_split_run_is_reported() -> None:
    """A link only one reader sees is still judged, and reported by the check (EQ151)."""
    assert refused_links("[``]`](javascript:alert(1))") == ("javascript:alert(1)",)


def test_code_spans_every_reader_takes_show_their_text_as_written() -> None:
    """A code span all readers agree on keeps its text, tags and links included."""
    text = "Write `<b>` or `[a](javascript:x)` in a span; [the site](https://e.org) links."

    assert safe_markdown(text) == text


_PIECES = [
    "`", "``", "\\", "\\\\", "[", "]", "(", ")", "](", "<", ">", "!", "|", "-", " ", "\n", "\n\n", "\r", "\t", "    ",
    "> ", "- ", "1. ", "a", "@", ":", "<br>", "<b>", "<img src=x onerror=1>", "<!--", "-->", "<?", "<!",
    "javascript:alert(1)", "http://e.org", "<http://e.org>", "a@b.org", "mailto:a@b.org", "[r]: ", "[r]", "![",
    "\"t\"", "&#106;",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=24).map("".join))
def test_any_prose_gives_no_reader_html_an_image_or_a_link_elsewhere(text: str) -> None:
    """Whatever prose holds, made safe it gives no reader raw HTML, images or links elsewhere."""
    assert _problems(text) == {}
