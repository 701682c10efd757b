"""The HTML page prints the draft mark and the organisation once each: in its banner and header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs.cli import cli

from .fill import fill_for

DRAFT = """
organisation: {name: Hillside Primary School, type: school}
document: {status: draft}
objectives:
  - To narrow the gap in attendance between pupils with SEND and others.
"""

KINDS = ("objectives-statement", "psed-statement", "objectives-plan", "annual-report")


def _page(kind: str, text: str = DRAFT) -> str:
    return equality_docs.render(fill_for(kind, equality_docs.loads(text)), kind=kind, fmt="html").decode("utf-8")


def _main(page: str) -> str:
    found = re.search(r"<main[^>]*>(.*)</main>", page, re.DOTALL)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("kind", KINDS)
def test_the_draft_mark_is_printed_once_in_the_banner(kind: str) -> None:
    """A draft's mark is the page's banner alone: the body does not say it again."""
    page = _page(kind)

    assert 1 == page.count("<strong>DRAFT</strong>")
    assert 'class="status-banner"' in page
    assert "DRAFT" not in _main(page)


@pytest.mark.parametrize("kind", KINDS)
def test_the_organisation_is_printed_once_in_the_header(kind: str) -> None:
    """The organisation's name is the page's header; the body begins with the document itself."""
    page = _page(kind)

    assert '<p class="organisation">Hillside Primary School</p>' in page
    assert "<p>Hillside Primary School</p>" not in page
    assert "Hillside Primary School" not in _main(page)


def test_the_markdown_keeps_both_lines() -> None:
    """The Markdown document, which has no page around it, still prints the mark and the organisation."""
    text = equality_docs.render(equality_docs.loads(DRAFT), kind="psed-statement", fmt="md").decode("utf-8")

    assert text.lstrip().startswith("**DRAFT**")
    assert "Hillside Primary School" in text.split("#", 1)[0]


def test_a_paragraph_that_only_matches_later_in_the_body_is_kept() -> None:
    """Only the opening lines before the first heading are dropped: the same words later stay."""
    plan = DRAFT.replace("To narrow the gap in attendance between pupils with SEND and others.", "DRAFT")

    page = _page("objectives-statement", plan)

    assert 1 == _main(page).count("DRAFT")


def test_check_output_on_an_html_page_says_it_checks_word_documents_only(tmp_path: Path) -> None:
    """`check-output page.html` is a usage of the wrong file: a clear message and exit 3, no traceback."""
    page = tmp_path / "statement.html"
    page.write_text(_page("psed-statement"), encoding="utf-8")

    result = CliRunner().invoke(cli, ["check-output", str(page)])

    assert 3 == result.exit_code
    assert "this is an HTML page; check-output checks Word (.docx) documents only" in result.output
    assert "Traceback" not in result.output


def test_an_error_in_a_users_page_template_names_its_file_and_line(tmp_path: Path) -> None:
    """A page template using a name its context lacks is a TemplateError at that template's file and line."""
    page = tmp_path / "html" / "page.html.j2"
    page.parent.mkdir()
    page.write_text("<html>\n{{ body }}\n{{ document.nothing_here }}\n</html>\n", encoding="utf-8")

    with pytest.raises(equality_docs.TemplateError) as caught:
        equality_docs.render(equality_docs.loads(DRAFT), kind="psed-statement", fmt="html", templates=(tmp_path,))

    assert (str(page), 3) == (caught.value.template, caught.value.line)
    assert "nothing_here" in caught.value.message
