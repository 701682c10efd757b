"""
Markdown prose in every format: HTML from the one safe converter (`equality_docs.safe_text`,
whose functions are re-exported here), and Word paragraphs from that HTML.
"""

from __future__ import annotations

import re
import threading
from html.parser import HTMLParser
from xml.sax.saxutils import escape as xml_escape

from equality_docs.memo import kept_for_short_texts
from equality_docs.safe_text import make_markdown, plain_text, safe_markdown, xml_safe

#: A line break inside a Markdown paragraph, with the indentation after it: one space in Word.
_SOFT_BREAK = re.compile(r"[ \t]*\n[ \t]*")
_CONVERTER = threading.local()
_TAB, _BREAK = '</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space="preserve">', '</w:t><w:br/><w:t xml:space="preserve">'


#: A list item as people type one: its indentation, and its marker ("-", "*", "+", "1.", "1)"); a number
#: of three or more digits ("2024. ") is a year that a hard-wrapped line starts with, not an item.
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,2}[.)])[ \t]+\S")


def tidy_lists(text: str) -> str:
    """
    Return Markdown with its lists as people type them made into lists: a list straight after
    its lead-in line ("We will do this by:") gets the blank line Markdown needs before it, and
    an item indented under another by two or more spaces is nested under it (Markdown wants four).
    """
    if "\n" not in text:
        return text
    out: list[str] = []
    indents: list[int] = []  # the indentation of the open items, outermost first
    for line in text.split("\n"):
        item = _ITEM.match(line)
        if item is None:
            if not line.strip() or not line.startswith((" ", "\t")):
                indents = []
            out.append(line)
            continue
        if not indents and out and out[-1].strip():
            out.append("")  # the lead-in line ends its paragraph
        width = len(item["indent"].expandtabs(4))
        while indents and width < indents[-1] + 2 and width != indents[-1]:
            indents.pop()
        if not indents or width >= indents[-1] + 2:
            indents.append(width)
        out.append("    " * (len(indents) - 1) + line.lstrip(" \t"))
    return "\n".join(out)


def heading_to_word(text: str, level: int) -> str:
    """Return a Word paragraph in the heading style of a level (Heading1 to Heading4) holding text."""
    level = min(max(int(level), 1), 4)
    return f'<w:p><w:pPr><w:pStyle w:val="Heading{level}"/></w:pPr><w:r>{word_text(xml_escape(xml_safe(text)))}</w:r></w:p>'


def convert_markdown(text: str) -> str:
    """Return the HTML for Markdown text (one converter per thread, reset between texts)."""
    converter = getattr(_CONVERTER, "markdown", None)
    if converter is None:
        converter = _CONVERTER.markdown = make_markdown()
    return str(converter.reset().convert(text))


@kept_for_short_texts(entries=4096, longest=2_000)
def markdown_to_html(text: str) -> str:
    """Return the HTML for Markdown prose, made safe (kept for a text up to 2,000 characters: a trust's documents repeat prose)."""
    return convert_markdown(safe_markdown(tidy_lists(text)))


def word_text(text: str) -> str:
    """Return a `<w:t>` of escaped text, marked to keep its spaces only where XML would drop some (edges, tabs, lines)."""
    kept = text != text.strip() or "  " in text or "\t" in text or "\n" in text
    return f'<w:t xml:space="preserve">{text}</w:t>' if kept else f"<w:t>{text}</w:t>"


def text_to_word(text: str) -> str:
    """Return escaped plain text as one Word paragraph (no run if empty), its tabs and line breaks Word's as docxtpl makes them."""
    runs = word_text(text).replace("\t", _TAB).replace("\n", _BREAK)
    return f"<w:p><w:r>{runs}</w:r></w:p>" if text else "<w:p/>"


_BLOCKS = frozenset(("p", "li", "pre", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"))
#: Inline tags, by the run property they count towards.
_MARKS = {"strong": "b", "b": "b", "em": "i", "i": "i", "code": "code"}


class _WordBuilder(HTMLParser):
    """Turn the HTML of a Markdown text into WordprocessingML paragraphs."""

    def __init__(self, *, style: str | None, first_prefix: str, link: LinkMaker | None) -> None:
        super().__init__(convert_charrefs=True)
        self.style = style
        self.prefix = first_prefix
        self.link = link
        self.out: list[str] = []
        self.runs: list[str] = []
        self.marks = {"b": 0, "i": 0, "code": 0}  # how deep inside each inline tag
        self.lists: list[str] = []
        self.new_list = False
        self.href: str | None = None
        self.link_runs: list[str] = []
        self.in_block = False

    def _open(self) -> None:
        if self.in_block:
            return
        self.in_block = True
        self.runs = []
        if self.prefix:
            self.runs.append(f"<w:r>{word_text(xml_escape(self.prefix))}<w:tab/></w:r>")
            self.prefix = ""

    def _close(self) -> None:
        if not self.in_block:
            return
        self.in_block = False
        props = ""
        if self.lists:
            depth = len(self.lists)
            kind = "ListNumber" if self.lists[-1] == "ol" else "ListBullet"
            style = kind if depth == 1 else f"{kind}{min(depth, 3)}"
            # A new numbered list is marked for the Word renderer to give it a fresh, restarted list.
            new_list, self.new_list = kind == "ListNumber" and self.new_list, False
            numpr = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr>' if new_list else ""
            # Lists inside an indented paragraph ("1.1  text") line up under its text.
            indent = (
                f'<w:ind w:left="{709 + 360 * depth}" w:hanging="360"/>'
                if self.style == "NumberedParagraph" else ""
            )
            props = f'<w:pPr><w:pStyle w:val="{style}"/>{numpr}{indent}</w:pPr>'
        elif self.style:
            props = f'<w:pPr><w:pStyle w:val="{self.style}"/></w:pPr>'
        self.out.append(f"<w:p>{props}{''.join(self.runs)}</w:p>")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._close()
            self._open()
            self.marks["b"] += tag[0] == "h"  # a heading is bold
        elif tag in ("ul", "ol"):
            self._close()
            self.lists.append(tag)
            self.new_list = tag == "ol"
        elif tag in _MARKS:
            self.marks[_MARKS[tag]] += 1
        elif tag == "br":
            self._open()
            self.runs.append("<w:r><w:br/></w:r>")
        elif tag == "a":
            self._open()
            self.href = dict(attrs).get("href") or ""
            self.link_runs = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag in ("ul", "ol"):
            self._close()
            if tag[0] == "h":
                self.marks["b"] = max(0, self.marks["b"] - 1)
            elif tag in ("ul", "ol") and self.lists:
                self.lists.pop()
        elif tag in _MARKS:
            self.marks[_MARKS[tag]] = max(0, self.marks[_MARKS[tag]] - 1)
        elif tag == "a" and self.href is not None:
            runs = "".join(self.link_runs)
            self.runs.append(self.link(self.href, runs) if self.link is not None and self.href else runs)
            self.href = None

    def handle_data(self, data: str) -> None:
        if not data.strip() and not self.in_block:
            return
        self._open()
        link, marks = self.href is not None, self.marks
        props = "".join((
            '<w:rStyle w:val="Hyperlink"/>' if link else "",
            '<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas"/>' if marks["code"] else "",
            "<w:b/>" if marks["b"] else "",
            "<w:i/>" if marks["i"] else "",
            '<w:color w:val="0563C1"/><w:u w:val="single"/>' if link else "",
        ))
        run = f"<w:r>{props and f'<w:rPr>{props}</w:rPr>'}{word_text(xml_escape(xml_safe(_SOFT_BREAK.sub(' ', data))))}</w:r>"
        (self.link_runs if link else self.runs).append(run)

    def result(self) -> str:
        if not self.out:  # empty prose still prints its paragraph, in its style, after its prefix
            self._open()
        self._close()
        return "".join(self.out)


class LinkMaker:
    """Make a hyperlink element for a URL around some runs (needs the document's relationships)."""

    def __call__(self, url: str, runs: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


def prose_to_word(
    text: str, *, style: str | None = None, prefix: str = "", link: LinkMaker | None = None
) -> str:
    """
    Return WordprocessingML paragraphs for a Markdown text: plain paragraphs in `style` (lists in
    list styles), `prefix` (a number like "1.1") and a tab before the first; without `link`, a
    link's text is kept and the link dropped.
    """
    builder = _WordBuilder(style=style, first_prefix=xml_safe(prefix), link=link)  # a number is user text too
    builder.feed(markdown_to_html(text))
    builder.close()
    return builder.result()


__all__ = ["LinkMaker", "convert_markdown", "heading_to_word", "markdown_to_html", "plain_text", "prose_to_word",
           "text_to_word", "tidy_lists", "word_text", "xml_safe"]
