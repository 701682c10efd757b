"""Markdown and HTML output: golden files for every example and kind, and safe user text."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

import equality_docs
from equality_docs import model as m

from .conftest import EXAMPLES, GOLDEN
from .docxdump import dump, open_docx

CASES = [
    (example, kind.name)
    for example in sorted(EXAMPLES.glob("*.yaml"))
    for kind in equality_docs.kinds_for(equality_docs.load(example))
]


def _compare(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path} did not exist; it was written: review it, then rerun")
    assert path.read_text(encoding="utf-8") == actual


@pytest.mark.parametrize(("example", "kind"), CASES, ids=[f"{e.stem}-{k}" for e, k in CASES])
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_output_matches_golden_file(example: Path, kind: str, fmt: str, update_golden: bool) -> None:
    """Every example renders exactly as its reviewed golden file (--update-golden rewrites)."""
    plan = equality_docs.load(example)
    data = equality_docs.render(plan, kind=kind, fmt=fmt)
    text = dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")
    suffix = "docx.txt" if fmt == "docx" else fmt

    _compare(GOLDEN / example.stem / f"{kind}.{suffix}", text, update_golden)


HOSTILE = [
    "A & B <c> \"quoted\" 'single'",
    "<script>alert('x')</script> <b>not bold</b>",
    "{{ plan.title }} {% if x %}y{% endif %}",
    "*not bold* _not italic_ # not a heading | pipe \\ backslash `code` [link](http://x)",
    "- not a bullet",
    "1. not a list",
    "Emoji 🏳️‍🌈 and scripts: 平等 مساواة",
    "&amp; &lt; &#65;",
]


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[str] = []
        self.in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "main":
            self.in_body = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_body = False
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_body:
            self.parts.append(data)


def _plan(texts: list[str]) -> m.EqualityPlan:
    return m.EqualityPlan(
        organisation=m.Organisation(name="School", type=m.OrganisationType.SCHOOL),
        objectives=tuple(m.Objective(text=t, actions=(m.Action(text=t),)) for t in texts),
    )


def test_user_text_appears_verbatim_in_html() -> None:
    """Markup in data is shown as text in the page: no tags, no formatting, nothing lost."""
    page = equality_docs.render(_plan(HOSTILE), kind="psed-statement", fmt="html").decode()
    parser = _Text()
    parser.feed(page)
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]

    assert [] == [h for h in HOSTILE if " ".join(h.split()) not in lines]
    assert "script" not in parser.tags
    assert "b" not in parser.tags


def test_user_text_is_escaped_in_markdown() -> None:
    """Markdown metacharacters in data are escaped, so no reader renders them as formatting."""
    text = equality_docs.render(_plan(HOSTILE), kind="psed-statement", fmt="md").decode()

    assert "\\*not bold\\* \\_not italic\\_" in text
    assert "&lt;script\\>" in text  # "&lt;": the escape of "<" every Markdown reader knows
    assert "\\- not a bullet" in text


def test_html_page_is_complete() -> None:
    """The page declares its language and title, has one h1, landmarks and a skip link."""
    page = equality_docs.render(
        equality_docs.load(EXAMPLES / "inmat-trust.yaml"), kind="psed-statement", fmt="html"
    ).decode()

    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en-GB\">")
    assert "<title>Public Sector Equality Duty Statement - InMAT Academies Trust</title>" in page
    assert 1 == page.count("<h1>")
    assert all(tag in page for tag in ("<main id=\"content\"", "<header>", "<footer>"))
    assert '<a class="skip-link" href="#content">' in page
