"""
Links and markup in prose: published files link only to http, https and mailto addresses and
places in the page; raw HTML is shown as text and no image is fetched, in every format.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.check import check_plan
from equality_docs.renderers.prose import markdown_to_html
from equality_docs.safe_text import refused_links, safe_markdown

#: Targets that must never become links, as people write them to get past a filter.
HOSTILE_TARGETS = [
    "javascript:alert(document.cookie)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "java\tscript:alert(1)",
    "java&#9;script:alert(1)",
    " JAVASCRIPT:alert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "page.html",
]
_ALLOWED = re.compile(r"(?:https?:|mailto:|#)", re.IGNORECASE)


def _plan(body: str) -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="X", type=m.OrganisationType.COUNCIL),
        sections=(m.Section(title="More", body=m.Prose(body), kinds=("strategy",)),),
        strategy=m.Strategy(priorities=(m.Priority(title="Fair services"),)),
    )


def _outputs(body: str) -> dict[str, str]:
    """Return the strategy's HTML, its Markdown as a plain Markdown reader turns it into HTML,
    and the .docx's relationships and body."""
    plan = _plan(body)
    docx = zipfile.ZipFile(io.BytesIO(equality_docs.render(plan, kind="strategy", fmt="docx")))
    return {
        "html": equality_docs.render(plan, kind="strategy", fmt="html").decode(),
        "md": markdown.markdown(equality_docs.render(plan, kind="strategy", fmt="md").decode()),
        "docx": docx.read("word/_rels/document.xml.rels").decode()
        + docx.read("word/document.xml").decode(),
    }


def _targets(text: str) -> list[str]:
    return re.findall(r'(?:href|src|Target)="([^"]*)"', text)


@pytest.mark.parametrize("target", HOSTILE_TARGETS)
def test_a_link_elsewhere_is_printed_as_its_text(target: str) -> None:
    """A link to anything but the web, email or the page is its text in every format."""
    for fmt, text in _outputs(f"[Read more]({target}) after").items():
        assert all(_ALLOWED.match(t) or t.endswith((".xml", "rels")) for t in _targets(text)), fmt
        assert "Read more" in text, fmt


def test_a_web_link_stays_a_link() -> None:
    """Links to https and mailto addresses and to places in the page stay links."""
    outputs = _outputs("[a](https://example.org/x_(y)) [b](mailto:a@example.org) [c](#top)")

    for fmt in ("html", "md"):
        assert {"https://example.org/x_(y)", "mailto:a@example.org", "#top"} <= set(
            _targets(outputs[fmt])
        ), fmt
    assert {"https://example.org/x_(y)", "mailto:a@example.org"} <= set(_targets(outputs["docx"]))


def test_raw_html_is_shown_as_text_in_every_format() -> None:
    """`<script>` in prose is text: escaped in HTML, and in .md, so a Markdown reader shows it."""
    outputs = _outputs("Hello <script>alert(1)</script> and <javascript:alert(2)>")

    for fmt in ("html", "md"):
        assert (
            "<script" not in outputs[fmt]
            and "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs[fmt]
        ), fmt
        assert "javascript:" not in "".join(_targets(outputs[fmt])), fmt
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in outputs["docx"]


def test_a_code_span_across_lines_does_not_hide_raw_html() -> None:
    """A code span may run over a line end, as readers take it: what follows it is still escaped."""
    made = safe_markdown("`\n`<script>`")

    assert "<script" not in markdown.markdown(made)
    assert "<script" not in markdown_to_html("`\n`<script>`")


def test_an_image_is_printed_as_its_description() -> None:
    """No image in prose is fetched or linked, inline or by reference: its alt text is printed."""
    outputs = _outputs(
        "![the logo](https://evil.example/x.png) ![chart][c]\n\n[c]: https://evil.example/c.png"
    )

    for fmt, text in outputs.items():
        assert "<img" not in text and "evil.example" not in text, fmt
        assert "the logo" in text and "chart" in text, fmt


def test_a_reference_link_elsewhere_is_not_a_link() -> None:
    """A reference definition to a script is dropped, so its reference is not a link."""
    for fmt, text in _outputs("[go][r]\n\n[r]: javascript:alert(1)").items():
        assert "javascript" not in text, fmt


@pytest.mark.parametrize(
    "text",
    [
        "> [r]: javascript:alert(1)\n\n[go][r]",
        "- [r]: javascript:x\n\n[go][r]",
        "[a [b] c](javascript:x)",
        "[x\\\\](javascript:1)",
        "[r](javascript:x(",
    ],
)
def test_links_readers_may_see_are_judged_too(text: str) -> None:
    """A definition after a quote or list mark, link text with brackets or ending in a backslash,
    an unclosed target: each is a link to some reader, so it is judged (or made text) the same."""
    assert [] == [t for t in _targets(markdown.markdown(safe_markdown(text))) if "javascript" in t]


@pytest.mark.parametrize("text", ["`<script>\n\n`", "\\`<script>`", "\t`\n<img src=x>\\`"])
def test_html_is_escaped_where_backticks_make_no_code_span(text: str) -> None:
    """Backticks across lines, or after a backslash, make no code span: HTML there is escaped."""
    made = markdown.markdown(safe_markdown(text))

    assert "<script" not in made and "<img" not in made


@pytest.mark.parametrize(
    "text",
    [
        "\\\\`[`<img src=x>\\`",  # "\\" is a backslash: the "`" after it opens a span
        "\\\\`a` <script>`",
        "\\\\\\`a` `<b>` <img src=x>",  # "\\\`": a backslash and a "`" as text
        "``<script>`[```",  # no "``" closes the first run: Python-Markdown splits it
        "``[`<script>\\`",
        "    `a\nb` `<script>`",  # an indented line is code to a reader: its "`" is not a span's
    ],
)
def test_html_after_backticks_readers_pair_otherwise_is_escaped(text: str) -> None:
    """Where readers may pair a paragraph's backticks otherwise than we do (escaped backslashes
    before one, a run no run of its length closes), HTML that we take as code is escaped too."""
    for made in (markdown.markdown(safe_markdown(text)), markdown_to_html(text)):
        assert "<script" not in made and "<img" not in made, made


def test_a_definition_on_a_code_span_s_second_line_is_judged() -> None:
    """A reference definition starting a line inside a code span over a line end is read as one
    by Python-Markdown: a target elsewhere than the web is dropped, and reported."""
    text = "`[r]: \n[r]: javascript:alert(1)` [go][r]"

    assert "javascript" not in "".join(_targets(markdown.markdown(safe_markdown(text))))
    assert refused_links(text) == ("javascript:alert(1)`",)  # its target, as a reader takes it


def test_a_link_in_a_code_span_is_left_as_written() -> None:
    """Code spans show their text as written, links and tags included."""
    page = _outputs("`[x](javascript:1) <b>`")["html"]

    assert "<code>[x](javascript:1) &lt;b&gt;</code>" in page


def test_check_reports_a_link_printed_as_text() -> None:
    """EQ151 names the prose field and the target of each link and image printed as text."""
    findings = [
        f
        for f in check_plan(
            _plan("[a](javascript:x) ![b](https://e.org/p.png)"), on=dt.date(2026, 1, 1)
        )
        if f.code == "EQ151"
    ]

    assert [
        ("sections[0].body", "has a link to 'javascript:x', which is printed as text"),
        ("sections[0].body", "has an image (https://e.org/p.png), which is printed as text"),
    ] == [(f.path, f.message) for f in findings]


_PIECES = [
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "`",
    "\\",
    " ",
    "\n",
    ":",
    "a",
    "&#106;",
    "javascript:",
    "https://e.org",
    "data:",
    "[r]: ",
    "<script>",
    "<https://e.org>",
    "<a@b.c>",
    "\t",
    "%6A",
    '"t"',
    "> ",
    "- ",
    "1. ",
    "    ",
    "\n\n",
    "[r]",
    "\\`",
    "<!--",
    "<img src=x>",
    "[a ",
    "\\[",
    "![",
    "\\\\",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_any_prose_links_only_to_the_web_email_or_the_page(text: str) -> None:
    """Whatever prose holds, made safe it gives a plain Markdown reader, and our converter, no
    link elsewhere, no image and no raw HTML."""
    made = safe_markdown(text)
    for html_text in (markdown.markdown(made), markdown_to_html(text)):
        assert all(_ALLOWED.match(html.unescape(t)) for t in _targets(html_text)), html_text
        assert "<img" not in html_text and "<script" not in html_text, html_text
