"""
What user text may do in a published document, decided once for every format.

Plain text (`plain_text`, `escape_markdown`) makes no structure: each run of line separators
is one line break, and Markdown's characters are escaped. In prose (Markdown text, made safe as
Markdown by `safe_markdown`), raw HTML is escaped, so any Markdown reader shows `<script>` as
text; an image is printed as its description, never fetched; links go only to http, https and
mailto addresses and places in the page (`#top`), any other being printed as its text, and
`check` reports it (EQ151). The Markdown converter every format uses (`make_markdown`) holds
to the same rules, whatever text it is given.
Targets are judged as a browser reads them: entities, percent-encoding, spaces and control
characters are read first (`&#106;avascript:`, `java\tscript:`, ` JAVASCRIPT:`).
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import DelimiterProcessor, SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from equality_docs.memo import kept_for_short_texts

#: Characters Markdown gives a meaning to anywhere in a line, escaped with a backslash ("<" is
#: written "&lt;", the one escape of it every Markdown reader knows).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]>|~])")
#: An ampersand that would start a character reference ("&amp;", "&#65;"); a lone "&" is literal.
_ENTITY_START = re.compile(r"&(?=#?\w+;)")
#: Markers that only mean something at the start of a line.
_LINE_START = re.compile(r"^(\s*)([#+\-=>]|\d+(?=[.)]))", re.MULTILINE)
#: Characters not allowed in XML 1.0 documents (most C0 controls, lone surrogates, U+FFFE/F).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_illegal(text: str) -> list[str]:
    """Return the characters in text that XML 1.0 cannot hold."""
    return _XML_ILLEGAL.findall(text)


def xml_safe(text: str) -> str:
    """Return text without the characters XML 1.0 cannot hold."""
    return _XML_ILLEGAL.sub("", text)


#: Line and paragraph separators in a plain field (\v, \f and \x1c-\x1e are left out by
#: `xml_safe`), with the spaces around them: a run of them is one line break in every format.
_SEPARATORS = re.compile("[ \t]*(?:(?:\r\n|[\n\r\x85\u2028\u2029])[ \t]*)+")


def plain_text(text: str) -> str:
    """
    Return a plain (not Markdown) field as every format prints it: XML-safe, each run of line
    separators one line break ("\\n") within its paragraph or cell, no indentation after it.
    """
    return _SEPARATORS.sub("\n", xml_safe(text))


#: Text without any of these characters has nothing for `escape_markdown` to escape.
_ESCAPABLE = re.compile("[\\\\`*_\\[\\]<>|~&#+\\-=.)\t\r\n\x85\u2028\u2029]|^ ")
#: What the escaping below changes at all ("." or "-" only after a number or space at a line's
#: start; a character XML cannot hold, which `plain_text` leaves out, only with something else).
_CHANGED = re.compile(
    "[\\\\`*_\\[\\]<>|~&\r\n\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
    "|^[ \t]|^\\s*(?:[#+\\-=>]|\\d+[.)])"
)
#: A number then "." or ")" at a line start would begin a numbered list.
_NUMBERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)", re.MULTILINE)


def escape_markdown(text: str) -> str:
    """
    Return plain text escaped so Markdown shows it as written, never as formatting: on one line,
    each line break `plain_text` keeps written `<br>` (a break in a heading, list item or table
    cell alike), without the leading spaces that could start a code block.
    """
    if _ESCAPABLE.search(text) is None or _CHANGED.search(text) is None:
        return text
    text = plain_text(text).lstrip(" \t")
    text = _ENTITY_START.sub("&amp;", text).replace("<", "&lt;")
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m[1] + "\\" + m[2] if not m[2].isdigit() else m[0], text)
    return _NUMBERED.sub(r"\1\\\2", text).replace("\n", "<br>")


#: Where a link may go: a web page, an email address, a place in the page.
_SAFE_URL = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)
#: What browsers skip inside a scheme ("java\tscript:", " JAVASCRIPT:").
_URL_NOISE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\ufeff]")


def safe_url(url: str) -> bool:
    """Return whether a link may go to url, read as a browser reads it (entities, %-escapes)."""
    for _ in range(3):  # "&amp;#106;" and "%26%23106;" nest
        url = unquote(html.unescape(url.replace(AMP_SUBSTITUTE, "&")))
    return _SAFE_URL.match(_URL_NOISE.sub("", url)) is not None


#: The end of a link or image text and the start of its target.
_CLOSE = re.compile(r"\]\(")
#: What may stand before a reference definition on its line: indentation, quote and list marks.
_CONTAINER = r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d+[.)](?=[ \t])))*[ \t]*"
#: A reference definition ("[r]: target"; Python-Markdown takes "[]: target" too), and its target.
#: A label holds no bracket a backslash does not escape, and at most 999 characters (as CommonMark's).
_DEFINITION = re.compile(_CONTAINER + r"\[(?:[^\[\]\\]|\\.){0,999}\]:[ \t]*(\S*).*$", re.MULTILINE)
_LABEL = re.compile(_CONTAINER + r"\[((?:[^\[\]\\]|\\.){0,999})\]:", re.MULTILINE)
#: An image by reference ("![alt][ref]", "![alt][]", "![alt]"); inline ones are read with links.
_IMAGE_REF = re.compile(r"!\[((?:[^\[\]\\]|\\.)*)\](?:\[((?:[^\[\]\\]|\\.)*)\])?(?!\()")
#: A run of "`", which opens or closes a code span (`_code_spans`); a span is left as written only
#: where every reader takes it for one: anything else is made safe as text is.
_RUN = re.compile(r"`+")
#: A line with nothing on it but spaces: the end of a paragraph.
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
#: An email address as every reader takes it for an autolink ("<a.b@c.org>").
_EMAIL = r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>"
#: A web address as every reader takes it for an autolink: no backtick, bracket or backslash, which
#: Python-Markdown reads before autolinks.
_WEB = r"https?://[^<>\s`\[\]()\\]*>"
#: A web or email autolink, which CommonMark reads before any bracket or backtick in it.
_AUTOLINK = re.compile(rf"<(?:{_WEB}|mailto:{_EMAIL}|{_EMAIL})")
#: A "<" that would open an HTML tag, comment or autolink, except `<br>`, a web or email autolink.
_TAG = re.compile(rf"<(?=[A-Za-z/!?])(?!br>|{_WEB}|mailto:{_EMAIL}|{_EMAIL})")
#: A `<br>` starting a line (after any quote or list marks): it would open an HTML block there.
_BLOCK_BR = re.compile(_CONTAINER + "(<)br>", re.MULTILINE)
#: A link's "](" and the target after it, as far as any reader reads its start (`_made_safe`).
_TARGET = re.compile(r"\]\(([ \t\n]*(?:<[^<>\n]*>|[^\s()<>]*))")
#: How many links nested in links `_made_safe` takes apart, each as its text (beyond them, a link
#: elsewhere is left as its text and target, the target made text).
_NESTING = 8
#: How much of a link's target is judged (its start says where it leads; a longer one is refused).
_JUDGED = 2_000
#: What `_made_safe` may change: text without any of these is safe as it is.
_MARKS = re.compile("[\\[`<\r]")
#: A "![" no backslash escapes.
_BANG = re.compile(r"(?<!\\)((?:\\\\)*)!\[")


def _escaped(text: str, index: int) -> bool:
    """Return whether the character at index follows an odd number of backslashes."""
    start = index
    while start and text[start - 1] == "\\":
        start -= 1
    return (index - start) % 2 == 1


def _target(text: str, start: int) -> int | None:
    """Return where a link target opened at start ends (its ")", nested brackets allowed)."""
    depth = 1
    for index in range(start, len(text)):
        if not _escaped(text, index):
            depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return None


def _partners(text: str, pair: str) -> dict[int, int]:
    """Return each bracket of a kind ("[]" or "()") that has a partner, by its place, with its
    partner's place, paired as readers nest them (a backslash escapes either): in one pass."""
    ahead: list[int] = []
    partners: dict[int, int] = {}
    for found in re.finditer(f"[{re.escape(pair)}]", text):
        index = found.start()
        if _escaped(text, index):
            continue
        if text[index] == pair[0]:
            ahead.append(index)
        elif ahead:
            partners[index] = ahead.pop()
            partners[partners[index]] = index
    return partners


def _code_spans(text: str) -> list[tuple[int, int, bool]]:
    """
    Return the code spans of Markdown text (start, end, and whether readers may differ on it):
    a run of "`" a backslash does not escape, to the next run as long in its paragraph. Found from
    the runs, their lengths and the paragraphs' ends, in time in proportion to the text.
    """
    runs = [found.span() for found in _RUN.finditer(text)]
    if len(runs) < 2:
        return []
    blanks = [(found.start(), found.end()) for found in _BLANK_LINE.finditer(text)]
    ends, starts = [end for _, end in blanks], [start for start, _ in blanks]  # of paragraphs; of blank lines
    targets = [found.start() for found in _CLOSE.finditer(text)]
    alike: dict[int, list[int]] = {}  # each length's runs, by their place in `runs`
    for number, (start, end) in enumerate(runs):
        alike.setdefault(end - start, []).append(number)
    found: list[tuple[int, int, bool]] = []
    at = number = 0  # the end of the last span every reader takes; the run looked at
    while number < len(runs):
        start, end = runs[number]
        same = alike[end - start]
        closing = bisect.bisect_right(same, number)
        blank = bisect.bisect_left(starts, start)
        if _escaped(text, start) or closing == len(same) or (
            blank < len(starts) and runs[same[closing]][0] > starts[blank]
        ):
            number += 1  # "\`" is a "`" as text ("\\`" a backslash, and a "`" that may open a span)
            continue
        close = runs[same[closing]][1]
        paragraph = max(at, ends[bisect.bisect_right(ends, start) - 1] if ends and ends[0] <= start else 0)
        # Readers may take it otherwise: over a line end (not after an indented line, say); after
        # another "`" in its paragraph (Python-Markdown splits a run "``" no "``" closes); after a
        # "](" (CommonMark reads a link's target and title as written, "`" and all); holding a "|"
        # (a table's row splits its cells there).
        odd = (
            text.find("\n", start, close) >= 0 or text.find("|", start, close) >= 0
            or (number and runs[number - 1][0] >= paragraph)
            or bisect.bisect_left(targets, paragraph) < bisect.bisect_left(targets, start)
        )
        found.append((start, close, bool(odd)))
        at = at if odd else close  # the marks of a span readers may not take are counted as stray
        number = same[closing] + 1
    return found


def _masked(text: str, *, every: bool = False) -> str:
    """
    Return text with its code spans blanked out, so that their brackets are not read as a link's,
    and a link around one is seen whole: the spans every reader takes for one, or (`every`) all,
    and the autolinks, as readers that take them all would see the text.
    """
    if "`" not in text and not (every and "<" in text):
        return text
    blanks = [(a, b) for a, b, odd in _code_spans(text) if every or not odd]
    if every:
        blanks += [found.span() for found in _AUTOLINK.finditer(text)]
    pieces, at = [], 0
    for start, end in sorted(blanks):
        if start >= at:
            pieces += [text[at:start], "`" * (end - start)]
            at = end
    return "".join([*pieces, text[at:]])


def _pointed(target: str) -> str:
    """Return a link's target as written, or what "<...>" holds (if it holds no other "<" or ">",
    and its "<" is not escaped with the tags, which would make it part of the target)."""
    pointed = target[:1] == "<" and target[-1:] == ">" and not {"<", ">"} & set(target[1:-1])
    return target[1:-1] if pointed and not _TAG.match(target) else target


def _label(text: str) -> str:
    """Return a reference's label as readers match it: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


@kept_for_short_texts(entries=4096, longest=2_000)
def _made_safe(text: str) -> tuple[str, tuple[str, ...]]:
    if not _MARKS.search(text):
        return text, ()  # no link, image, definition, tag, code span or line end read otherwise
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # every reader ends a line at each
    refused: list[str] = []
    labels = {_label(label) for label in _LABEL.findall(text)}

    def images(part: str, masked: str) -> str:
        out, at = [], 0
        for found in _IMAGE_REF.finditer(masked):
            alt, ref = part[found.start(1) : found.end(1)], found[2] and part[found.start(2) : found.end(2)]
            if _label(ref or alt) in labels:  # else no definition: not an image, only text
                refused.append(f"an image ({alt})")
                out += [part[at : found.start()], alt]
                at = found.end()
        return "".join([*out, part[at:]])

    def links(part: str, masked: str) -> str:
        out, at = [], 0
        brackets, parentheses = _partners(masked, "[]"), _partners(masked, "()")
        for found in _CLOSE.finditer(masked):
            start = brackets.get(found.start())
            if start is None or start < at:
                continue  # no "[" for it: not a link
            end, image = parentheses.get(found.end() - 1), part[start - 1 : start] == "!"
            if end is None:  # readers differ on an unclosed target: none is read as a link
                out += [part[at : found.start() + 1], "\\("]
                at = found.end()
                continue
            url = _pointed(part[found.end() : min(end, found.end() + _JUDGED)].strip())  # its start says where
            if image or not safe_url(url):
                refused.append(f"an image ({url})" if image else url)
                out += [part[at : start - image], part[start + 1 : found.start()]]
                at = end + 1
        return "".join([*out, part[at:]])

    def definitions(part: str) -> str:  # at the lines' starts, as readers find them before any code span
        out, at = [], 0
        for found in _DEFINITION.finditer(part):
            if not safe_url(target := _pointed(part[found.start(1) : found.end(1)])):
                refused.append(target)
                out.append(part[at : found.start()])
                at = found.end()
        return "".join([*out, part[at:]])

    # Links and images are found in the whole text, a code span in a link's text part of it, as
    # readers may see it: taking only the spans every reader takes, or every span and autolink
    # (a link only some other pairing shows is made text below). "[![a](b)](c)" nests, so again
    # until nothing changes, a few times at most (any link left to somewhere else is made text below).
    for _ in range(_NESTING):
        made = images(text, _masked(text))
        for view in (_masked, functools.partial(_masked, every=True)):
            made = links(made, view(made))
        if made == text:
            break
        text = made

    def targets(part: str) -> str:  # whatever the brackets before it, "](" opens no target elsewhere
        named = set(refused)

        def judged(found: re.Match[str]) -> str:
            if safe_url(_pointed(found[1].strip())):
                return found[0]
            near = part[found.start(1) : found.start(1) + 200]  # the whole target, as a message names it
            target = _pointed(near[: _target(near, 0)].strip())
            if target not in named:
                named.add(target)
                refused.append(target)
            return "]\\(" + found[1]

        return _TARGET.sub(judged, part) if "](" in part else part

    def plain(part: str) -> str:  # no tag, no image ("![" is text), no link elsewhere
        return targets(_BANG.sub(r"\1\\![", _TAG.sub("&lt;", part)))

    text = _BLOCK_BR.sub(lambda found: found[0][: found.start(1) - found.start()] + "&lt;br>", definitions(text))
    spans = [(start, end) for start, end, odd in _code_spans(text) if not odd]
    if text.count("<") > sum(text.count("<", a, b) for a, b in spans):  # HTML elsewhere may change
        # how a reader takes a span (Python-Markdown's HTML blocks): no span holds a raw tag then
        spans = [(start, end) for start, end in spans if "<" not in text[start:end]]
    pieces, at = [], 0
    for start, end in spans:  # a code span is left as written
        pieces += [plain(text[at:start]), text[start:end]]
        at = end
    return "".join([*pieces, plain(text[at:])]), tuple(refused)


#: A "|" no backslash escapes (after an even number of them, or none).
_BARE_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def cell_pipes(markdown: str) -> str:
    """Return Markdown with every bare "|" escaped, so prose in a table cell never opens a column."""
    return _BARE_PIPE.sub(r"\1\\|", markdown) if "|" in markdown else markdown


def safe_markdown(text: str) -> str:
    """Return Markdown prose with raw HTML escaped, images as their text, and links only to the
    web, email or the page (any other as its text)."""
    return _made_safe(text)[0]


def refused_links(text: str) -> tuple[str, ...]:
    """Return the link targets and images in Markdown prose that are printed as text."""
    return _made_safe(text)[1]


class _SafeLinks(Treeprocessor):
    """Print any link to somewhere other than the web, email or the page as its text, and any
    image but a template's own chart as its description (`safe_markdown` has done so in prose)."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            chart = element.get("src", "").startswith("data:image/png;base64,")
            if (element.tag == "img" and not chart) or (
                element.tag == "a" and not safe_url(element.get("href", ""))
            ):
                element.text = element.get("alt", "") if element.tag == "img" else element.text
                element.tag = "span"
                element.attrib.clear()


class _WholeDelimiters(DelimiterProcessor):
    """
    Python-Markdown's emphasis (`*`, `_`), refusing any that does not hold its text whole.

    Python-Markdown 3.11 can pair a closing run with a longer opening one (`*a**b*c`, where the
    rule of 3 sends it to the first `*` but it takes the `**`), or misplace pairs it found
    earlier: the emphasis then ends beyond its `*`, so the text after it is lost
    (`*a<strong>b</strong>`), and when an entity or a link follows, what is lost is half of the
    placeholder standing for it, whose rest is printed ("klzzwxh:0001"). Emphasis must span from
    a delimiter to a delimiter and hold all the text between them; otherwise its first
    delimiter is read as the plain text it is, as when nothing pairs, and the rest afresh.
    """

    def handleMatch(  # type: ignore[override]  # noqa: N802  # Markdown's API name and signature
        self, m: re.Match[str], data: str
    ) -> tuple[Element | None, int | None, int | None]:
        """Return emphasis as Python-Markdown reads it if it holds its text whole, else nothing."""
        element, start, end = super().handleMatch(m, data)
        if element is None or start is None or end is None:
            return element, start, end
        span = data[start:end]
        if span[:1] in self.delimiters and span[-1:] in self.delimiters and element.tail is None:
            kept = "".join(element.itertext())
            if _strip(kept, self.tokens) == _strip(span, self.tokens):
                return element, start, end
        self.reset()
        return None, m.start(0), m.end(0)


def _strip(text: str, tokens: list[str]) -> str:
    for token in tokens:
        text = text.replace(token, "")
    return text


class _SafeMarkdown(Extension):
    """Escape what `escape_markdown` escapes, allow only `<br>` as HTML, keep links safe."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802  # Markdown's API name
        md.ESCAPED_CHARS.extend(c for c in "<>|~=" if c not in md.ESCAPED_CHARS)
        emphasis = md.inlinePatterns["em_strong"]
        if isinstance(emphasis, DelimiterProcessor):  # as Python-Markdown registers it
            whole = _WholeDelimiters("*", "strong,em", md)  # becomes md.delimiters
            whole.tokens, whole.delimiters = emphasis.tokens, emphasis.delimiters
            whole.pattern, whole.compiled_re = emphasis.pattern, emphasis.compiled_re
            md.inlinePatterns.register(whole, "em_strong", 60)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"()<br>()", "br"), "br_tag", 200)
        md.treeprocessors.register(_SafeLinks(md), "safe_links", 15)  # after inline patterns (20)


def make_markdown() -> markdown.Markdown:
    """Return a Markdown converter with tables and the safety rules above."""
    return markdown.Markdown(
        extensions=["tables", "sane_lists", _SafeMarkdown()], output_format="html"
    )


__all__ = [
    "escape_markdown", "make_markdown", "plain_text", "refused_links", "safe_markdown", "safe_url",
    "xml_illegal", "xml_safe",
]
