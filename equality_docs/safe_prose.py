"""
What prose may hold in a published document, decided once, on the Markdown, for every format.

Raw HTML is escaped, so `<script>` is shown as text by any Markdown reader; an image is printed
as its description, never fetched; links go only to http, https and mailto addresses and places
in the page (`#top`), any other being printed as its text, and `check` reports it (EQ151).
Targets are judged as a browser reads them: entities, percent-encoding, spaces and control
characters are read first (`&#106;avascript:`, `java\tscript:`, ` JAVASCRIPT:`).
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import unquote

from markdown.util import AMP_SUBSTITUTE

#: Where a link may go: a web page, an email address, a place in the page.
_SAFE_URL = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)
#: What browsers skip inside a scheme ("java\tscript:", " JAVASCRIPT:").
_URL_NOISE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(url: str) -> bool:
    """Return whether a link may go to url, judged once entities, percent-encoding and spaces are read."""
    for _ in range(3):  # "&amp;#106;" and "%26%23106;" nest
        url = unquote(html.unescape(url.replace(AMP_SUBSTITUTE, "&")))
    return _SAFE_URL.match(_URL_NOISE.sub("", url)) is not None


#: A link or image opening: "[" or "![", its text, "](" (the target is read by `_target`).
_LINK = re.compile(r"(!?)\[((?:[^\[\]\\]|\\.)*)\]\(")
#: A reference definition ("[r]: target") and a code span, left as they are.
_DEFINITION = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*<?([^\s>]*)>?.*$", re.MULTILINE)
_LABEL = re.compile(r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:", re.MULTILINE)
#: An image by reference ("![alt][ref]", "![alt][]", "![alt]"); inline ones are read with links.
_IMAGE_REF = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\[((?:[^\]\\]|\\.)*)\])?(?!\()")
_CODE = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.DOTALL)
#: A "<" that would open an HTML tag, comment or autolink, except `<br>`, a web or email autolink.
_TAG = re.compile(r"<(?=[A-Za-z/!?])(?!br>|https?://[^<>\s]*>|mailto:[^<>\s]*>|[^<>\s@]+@[^<>\s@]+>)")


def _target(text: str, start: int) -> int | None:
    """Return where a link target opened at start ends (its ")", nested brackets allowed)."""
    depth = 1
    for index in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0) if text[index - 1] != "\\" else 0
        if depth == 0:
            return index
    return None


@functools.lru_cache(maxsize=4096)
def _made_safe(text: str) -> tuple[str, tuple[str, ...]]:
    refused: list[str] = []

    def definition(found: re.Match[str]) -> str:
        if safe_url(found[1]):
            return found[0]
        refused.append(found[1])
        return ""

    labels = {label.lower() for label in _LABEL.findall(text)}

    def image(found: re.Match[str]) -> str:
        if (found[2] or found[1]).lower() not in labels:
            return found[0]  # no definition: not an image, only text
        refused.append(f"an image ({found[1]})")
        return found[1]

    def links(part: str) -> str:
        out, at = [], 0
        for found in _LINK.finditer(part):
            end = _target(part, found.end())
            if found.start() < at or end is None:
                continue
            url = part[found.end() : end].strip().strip("<>")
            if found[1] or not safe_url(url):
                refused.append(f"an image ({url})" if found[1] else url)
                out += [part[at : found.start()], found[2]]
                at = end + 1
        return "".join([*out, part[at:]])

    def plain(part: str) -> str:
        while (made := links(_IMAGE_REF.sub(image, part))) != part:  # "[![a](b)](c)" nests
            part = made
        return _TAG.sub("&lt;", _DEFINITION.sub(definition, part))  # an escape every reader knows

    pieces, at = [], 0
    for code in _CODE.finditer(text):
        pieces += [plain(text[at : code.start()]), code[0]]
        at = code.end()
    return "".join([*pieces, plain(text[at:])]), tuple(refused)


def safe_markdown(text: str) -> str:
    """Return Markdown prose with raw HTML escaped, images as their text, and links only to the web, email or the page."""
    return _made_safe(text)[0]


def refused_links(text: str) -> tuple[str, ...]:
    """Return the link targets and images in Markdown prose that are printed as text."""
    return _made_safe(text)[1]


__all__ = ["refused_links", "safe_markdown", "safe_url"]
