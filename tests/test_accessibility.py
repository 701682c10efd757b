"""
Accessibility, proven: the output check's rules each fire on a bad document and pass on ours;
every HTML page has no axe-core violations in a real browser and fits a phone; PDF is tagged.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

import equality_docs
from equality_docs.errors import OutputError
from equality_docs.output.accessibility import OUTPUT_RULES, WP, W, check_docx, check_tree, contrast

from .conftest import EXAMPLES, require_program

CASES = [
    (example, kind.name)
    for example in sorted(EXAMPLES.glob("*.yaml"))
    for kind in equality_docs.kinds_for(equality_docs.load(example))
]
IDS = [f"{e.stem}-{k}" for e, k in CASES]


def _render(example: Path, kind: str, fmt: str) -> bytes:
    return equality_docs.render(equality_docs.load(example), kind=kind, fmt=fmt)


@pytest.mark.parametrize(("example", "kind"), CASES, ids=IDS)
def test_our_documents_pass_the_output_check(example: Path, kind: str) -> None:
    """Every example document passes every rule; merged cells are only noted."""
    findings = check_docx(_render(example, kind, "docx"))

    assert [] == [f for f in findings if f.severity != "info"]
    assert {f.code for f in findings} <= {"DX007"}


def _good() -> docx.document.Document:
    document = docx.Document()
    document.core_properties.title = "A title"
    document.core_properties.language = "en-GB"
    document.add_heading("Heading", level=1)
    document.add_paragraph("Text")
    return document


def _bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document: docx.document.Document, *, header: bool = True, caption: bool = True) -> object:
    table = document.add_table(rows=2, cols=2)
    if header:
        table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    if caption:
        table._tbl.tblPr.append(OxmlElement("w:tblCaption", {qn("w:val"): "A table"}))
    return table


def _no_title(d: docx.document.Document) -> None:
    d.core_properties.title = ""


def _no_language(d: docx.document.Document) -> None:
    d.core_properties.language = ""
    for lang in d.styles.element.iter(qn("w:lang")):
        lang.getparent().remove(lang)


def _skipped_heading(d: docx.document.Document) -> None:
    d.add_heading("Too deep", level=3)


def _no_header(d: docx.document.Document) -> None:
    _table(d, header=False)


def _png() -> bytes:
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
    )


def _picture(d: docx.document.Document) -> None:
    d.add_picture(io.BytesIO(_png()))


def _empty(d: docx.document.Document) -> None:
    d.add_paragraph("")
    d.add_paragraph("")


def _merged(d: docx.document.Document) -> None:
    table = _table(d)
    table.cell(0, 0).merge(table.cell(0, 1))  # type: ignore[attr-defined]


def _low_contrast(d: docx.document.Document) -> None:
    d.styles["Heading 1"].font.color.rgb = RGBColor(0xAA, 0xAA, 0xAA)


def _no_caption(d: docx.document.Document) -> None:
    _table(d, caption=False)


BREAKS = {
    "DX001": _no_title, "DX002": _no_language, "DX003": _skipped_heading, "DX004": _no_header,
    "DX005": _picture, "DX006": _empty, "DX007": _merged, "DX008": _low_contrast, "DX009": _no_caption,
}


def test_every_output_rule_has_a_breaking_document() -> None:
    """Each rule of the output check has a document built to break it here."""
    assert sorted(r.code for r in OUTPUT_RULES) == sorted(BREAKS)


def test_a_clean_document_passes() -> None:
    """The plain document the breaking ones start from has no findings."""
    assert () == check_docx(_bytes(_good()))


@pytest.mark.parametrize("code", sorted(BREAKS))
def test_output_rule_fires_on_a_document_that_breaks_it(code: str) -> None:
    """The rule reports the fault it is about."""
    document = _good()
    BREAKS[code](document)

    assert code in {f.code for f in check_docx(_bytes(document))}


def test_contrast_follows_wcag() -> None:
    """Contrast is WCAG's ratio: black on white is 21:1; our heading blue passes AA."""
    assert (21.0, True) == (round(contrast("000000", "FFFFFF"), 1), contrast("1F3864", "FFFFFF") >= 4.5)


@pytest.mark.parametrize(("example", "kind"), CASES, ids=IDS)
def test_html_page_structure(example: Path, kind: str) -> None:
    """One h1, a skip link, landmarks, and every table captioned with scoped column headers."""
    page = _render(example, kind, "html").decode()

    assert 1 == page.count("<h1>")
    assert all(tag in page for tag in ('<a class="skip-link" href="#content">', "<header>", "<main", "<footer>"))
    assert page.count("<table>") == page.count("<caption>")
    assert "<th>" not in page


@pytest.fixture(scope="module")
def browser() -> object:
    chromium = require_program("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()


@pytest.mark.slow
def test_every_page_has_no_axe_violations_and_fits_a_phone(browser: object, tmp_path: Path) -> None:
    """axe-core finds no WCAG 2.2 A/AA (or best-practice) violations; at 375px nothing scrolls sideways."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
    failures: dict[str, list[str]] = {}
    page = browser.new_page(viewport={"width": 375, "height": 800})  # type: ignore[attr-defined]
    for (example, kind), name in zip(CASES, IDS, strict=True):
        path = tmp_path / f"{name}.html"
        path.write_bytes(_render(example, kind, "html"))
        page.goto(path.as_uri())
        violations = axe.run(page, options={"runOnly": {"type": "tag", "values": tags}}).response["violations"]
        wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        problems = [v["id"] for v in violations] + (["horizontal scroll"] if wide else [])
        if problems:
            failures[name] = problems
    page.close()

    assert {} == failures


@pytest.mark.slow
def test_pdf_is_tagged_pdf_ua(tmp_path: Path) -> None:
    """PDF output carries a structure tree, the PDF/UA identifier and the language."""
    require_program("soffice")
    data = _render(EXAMPLES / "inmat-trust.yaml", "psed-statement", "pdf")

    assert data.startswith(b"%PDF")
    assert all(marker in data for marker in (b"/StructTreeRoot", b"/MarkInfo", b"pdfuaid", b"/Lang"))


def test_pdf_without_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for PDF without LibreOffice gives a clear message, not a crash."""
    monkeypatch.setattr(shutil, "which", lambda name: None)

    with pytest.raises(OutputError, match=re.escape("apt-get install libreoffice-writer-nogui")):
        _render(EXAMPLES / "inmat-trust.yaml", "psed-statement", "pdf")


@pytest.mark.parametrize(("name", "data"), [
    ("not-a-zip.docx", b"plain text, not a Word document"),
    ("malformed.docx", None),
])
def test_check_output_on_something_not_a_word_document_is_invalid_input(name: str, data: bytes | None, tmp_path: Path) -> None:
    """A file that is not a zip, or whose XML is malformed, gives one line and exit 3, not a crash."""
    import zipfile

    from click.testing import CliRunner

    from equality_docs.cli import Exit, cli

    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("word/document.xml", "<w:document><w:body>")
    else:
        path.write_bytes(data)

    result = CliRunner().invoke(cli, ["check-output", str(path)])

    assert Exit.INVALID_INPUT == result.exit_code
    assert result.stderr.startswith(f"{path}: not a Word document: ")
    assert len(result.stderr.splitlines()) == 1


def test_a_picture_without_alt_text_in_a_footer_is_a_finding() -> None:
    """Logos sit in headers and footers: the check reads them too."""
    document = docx.Document()
    document.add_paragraph("Text")
    document.sections[0].footer.paragraphs[0].add_run().add_picture(io.BytesIO(_png()))
    buffer = io.BytesIO()
    document.save(buffer)

    found = [f for f in check_docx(buffer.getvalue()) if f.code == "DX005"]

    assert [f.where for f in found] == ["image Picture 1 in word/footer1.xml"]


_CELLS = (
    '<w:body xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:tbl>'
    "<w:tblPr><w:tblCaption w:val='A table'/></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>{}</w:tr></w:tbl></w:body>"
)


@pytest.mark.parametrize(("cells", "codes"), [
    ("<w:tc><w:tcPr><w:vMerge w:val='restart'/><w:gridSpan w:val='1'/></w:tcPr><w:p/></w:tc>", set()),
    ("<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>", {"DX007"}),
    ("<w:tc><w:tcPr><w:vMerge w:val='continue'/></w:tcPr><w:p/></w:tc>", {"DX007"}),
    ("<w:tc><w:tcPr><w:gridSpan w:val='2'/></w:tcPr><w:p/></w:tc>", {"DX007"}),
    ("<w:tc><w:tcPr><w:gridSpan/></w:tcPr><w:p/></w:tc>", set()),
    ("<w:tc><w:tcPr><w:shd w:fill='202020'/></w:tcPr><w:p/></w:tc>", {"DX008"}),
    ("<w:tc><w:tcPr><w:shd w:fill='FFFF00'/></w:tcPr><w:p/></w:tc>", set()),
    ("<w:tc><w:p><w:pPr><w:shd w:fill='202020'/></w:pPr></w:p></w:tc>", set()),
    ("<w:tc><w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:shd w:fill='202020'/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:tc>",
     {"DX004", "DX009", "DX007", "DX008"}),
])
def test_merged_and_shaded_cells_are_found_as_word_marks_them(cells: str, codes: set[str]) -> None:
    """A continued or spanning cell (not a merge's start, a span of one) and a dark cell fill (not a paragraph's) are found."""
    body = etree.fromstring(_CELLS.format(cells))
    findings = check_tree(title="A title", language="en-GB", styles=b"", body=body)
    assert {f.code for f in findings} == codes


def test_a_dark_fill_is_found_in_its_own_table_only_in_the_findings_order() -> None:
    """With a dark paragraph shading outside tables and a dark cell in the second table only, the findings
    name the second table alone, tables before pictures, as when each table was walked on its own."""
    table = ("<w:tbl><w:tblPr><w:tblCaption w:val='T'/></w:tblPr><w:tr><w:trPr><w:tblHeader/></w:trPr>"
             "<w:tc><w:tcPr>{}</w:tcPr><w:p/></w:tc></w:tr></w:tbl>")
    dark = '<w:shd w:fill="202020"/>'
    body = etree.fromstring(
        f'<w:body xmlns:w="{W}" xmlns:wp="{WP}"><w:p><w:pPr><w:shd w:fill="000000"/></w:pPr><w:r><w:t>Text</w:t></w:r></w:p>'
        f"{table.format('')}{table.format(dark)}"
        '<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="P"/></wp:inline></w:drawing></w:r></w:p></w:body>')

    findings = check_tree(title="A title", language="en-GB", styles=b"", body=body)

    assert [("DX008", "table 2"), ("DX005", "image P")] == [(f.code, f.where) for f in findings]
