"""
Tabs, line breaks, new paragraphs and page breaks in rendered text (\\t, \\n, \\a, \\f), made Word's by
docxtpl's `resolve_listing`, given only the paragraphs that hold any: the oracle (plain docxtpl, given
the whole part) and the renderer give the same document.xml in canonical XML.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docxtpl import DocxTemplate
from lxml import etree
from markupsafe import Markup

from equality_docs.errors import TemplateError
from equality_docs.renderers import docx as word
from equality_docs.renderers import passes
from equality_docs.renderers.prose import text_to_word, word_text

from .test_word_renderer import BUILTIN, _rewrite, _statement, ours, plain_docxtpl

_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: A value in a run with properties, amid text, in a paragraph with properties and runs after it; a value
#: alone in a run; a value in a link's run.
BODY = (
    f'<w:document xmlns:w="{passes.W}" xmlns:r="{_R}"><w:body>'
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r w:rsidR="00AB12CD"><w:rPr><w:b/></w:rPr>'
    '<w:t xml:space="preserve">Before {{ v }} after</w:t><w:br/><w:t>more</w:t></w:r><w:r><w:t>next run</w:t></w:r></w:p>'
    "<w:p><w:r><w:t>{{ v }}</w:t></w:r></w:p>"
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:rPr/><w:t>{{ v }}</w:t></w:r></w:p>'
    "{{ linked }}"
    "<w:sectPr/></w:body></w:document>"
)
LINK = '<w:p><w:hyperlink r:id="rId1"><w:r><w:rPr><w:i/></w:rPr><w:t>{{ v }}</w:t></w:r></w:hyperlink></w:p>'


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("listing")
    return _rewrite(BUILTIN, folder / "listing.docx", {"word/document.xml": BODY.replace("{{ linked }}", LINK).encode()})


@pytest.fixture(scope="module")
def unlinked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("unlinked")
    return _rewrite(BUILTIN, folder / "unlinked.docx", {"word/document.xml": BODY.replace("{{ linked }}", "").encode()})


def _with(value: str) -> dict[str, object]:
    """A context the template's headers and footers can render (a school's statement), with the value."""
    return {**_statement()[0], "v": value}


VALUES = [f"{before}{c}{after}" for c in "\t\n\a\f" for before, after in (("", "x"), ("x", ""), ("a", "b"), ("", ""))]


@pytest.mark.parametrize("value", ["a\tb\nc\td", "\n\n", "\t\t", "a\n\tb\n", "plain", ""])
def test_tabs_and_line_breaks_are_what_docxtpl_makes_of_them(template: Path, value: str) -> None:
    """A tab or line break, at the start, end or amid a text, in a run with properties or in a link: docxtpl's XML."""
    context = _with(Markup(value))
    assert ours(template, context) == plain_docxtpl(template, context)


@pytest.mark.parametrize("value", VALUES)
def test_each_character_is_what_docxtpl_makes_of_it(unlinked: Path, value: str) -> None:
    """Each of \\t, \\n, \\a and \\f at the start, end or amid a text, alone or between texts: docxtpl's XML."""
    context = _with(Markup(value))
    assert ours(unlinked, context) == plain_docxtpl(unlinked, context)


@pytest.mark.parametrize("value", ["a\ab\fc\td\ne", "\f\a\t\n", "x\a\ay"])
def test_new_paragraphs_and_pages_carry_the_rest_of_the_paragraph(unlinked: Path, value: str) -> None:
    """Characters mixed: the rest of the run and of the paragraph go on after a new paragraph or page, as docxtpl's."""
    context = _with(Markup(value))
    assert ours(unlinked, context) == plain_docxtpl(unlinked, context)


@pytest.mark.parametrize("value", ["a\ab", "\f"])
def test_a_new_paragraph_inside_a_link_is_a_template_error(template: Path, value: str) -> None:
    """A paragraph or page break in a link's text, which docxtpl makes into XML that is not well-formed (and parses
    with libxml2's guesswork), is refused as any rendered XML that is not well-formed."""
    context = _with(Markup(value))
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(DocxTemplate.resolve_listing(None, f'<w:x xmlns:w="{passes.W}" xmlns:r="{_R}">{LINK}</w:x>'
                                                      .replace("{{ v }}", value)))
    with pytest.raises(TemplateError, match="not well-formed"):
        ours(template, context)


def test_a_bell_outside_a_text_is_a_template_error(tmp_path: Path) -> None:
    """\\a written between runs (not in a text), which XML cannot hold and docxtpl leaves there, is refused."""
    path = _rewrite(BUILTIN, tmp_path / "between.docx", {"word/document.xml": BODY.replace(
        "{{ linked }}", "<w:p><w:r><w:t>a</w:t></w:r>{{ v }}</w:p>").encode()})
    context = _with(Markup("\a"))
    with pytest.raises(TemplateError, match="not well-formed"):
        ours(path, context)


def test_a_line_break_in_a_field_is_a_break_in_the_document(template: Path) -> None:
    """Plain text with a line break (escaped, as every printed value) shows as two lines in Word."""
    context = _with("SEND\nPP\nDisadvantaged")
    rendered = ours(template, context)
    assert rendered == plain_docxtpl(template, context)
    assert rendered.count(b"<w:br></w:br>") >= 2 * 3
    with zipfile.ZipFile(template) as z:
        assert b"<w:br/>" in z.read("word/document.xml")  # (the template's own break, kept)


NESTED = (
    '<w:p><w:r><w:t>out {{ v }}</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>'
    '<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>in {{ v }}</w:t></w:r></w:p>'
    '</w:txbxContent></v:textbox></v:shape></w:pict></w:r><w:r><w:t>after {{ v }}</w:t></w:r></w:p>'
)


@pytest.mark.parametrize("value", ["a\nb", "a\tb", "\t\n"])
def test_a_paragraph_inside_another_is_listed_as_docxtpl_lists_it(tmp_path: Path, value: str) -> None:
    """A text box's paragraph inside a paragraph: docxtpl's listing ends the outer one at the inner's end (and
    leaves the text after it), and so does the renderer, giving it a paragraph at a time."""
    body = BODY.replace("{{ linked }}", NESTED).replace("<w:document ", '<w:document xmlns:v="urn:schemas-microsoft-com:vml" ')
    path = _rewrite(BUILTIN, tmp_path / "nested.docx", {"word/document.xml": body.encode()})
    context = _with(Markup(value))
    assert ours(path, context) == plain_docxtpl(path, context)


@pytest.mark.parametrize("text", ["a\nb", "a\tb", "\ta\n", "a\t\tb\n\nc", "  edge\n"])
def test_the_paragraph_filter_makes_tabs_and_breaks_as_docxtpl_listing_makes_them(text: str) -> None:
    """A plain cell's tabs and line breaks come out of `text_to_word` as docxtpl's listing makes them, holding none raw."""
    made = text_to_word(text)
    as_written = f"<w:p><w:r>{word_text(text)}</w:r></w:p>"  # what the filter gave before: docxtpl's listing's input

    assert made == DocxTemplate.resolve_listing(None, as_written)
    assert "\t" not in made and "\n" not in made


def test_the_line_breaks_that_number_a_parts_paragraphs_are_not_printed(template: Path) -> None:
    """A part's compiled template has a line per paragraph (to say where an error is), but prints no line break
    before a paragraph: its text is docxtpl's as it is, with nothing to take out after rendering."""
    part = word.prepare(template).body

    printed = "".join(part.template.generate(_with("plain")))

    assert (len(part.lines) > 3, "\n<w:p" in printed) == (True, False)
