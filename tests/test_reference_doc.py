"""
One house style from an organisation's own Word file (`--reference-doc`): its styles, theme,
page size and margins, and header and footer with logo go into every Word document; a draft
still says so; the file is read safely and never written.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

import equality_docs
from equality_docs.batch import Settings, read_plan
from equality_docs.cli import cli
from equality_docs.document import render_checked
from equality_docs.errors import InputError, TemplateError
from equality_docs.renderers import docx as word
from equality_docs.renderers.templates import find_template

from .conftest import EXAMPLES
from .refdocs import make_reference, parts, rewrite

TRUST = EXAMPLES / "inmat-trust.yaml"
DRAFT = """
organisation: {name: Hillside Primary School, type: school}
document: {status: draft}
objectives:
  - To narrow the gap in attendance between pupils with SEND and others.
"""


@pytest.fixture(scope="module")
def corporate(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_reference(tmp_path_factory.mktemp("reference") / "corporate.docx")


def _render(kind: str, reference: Path | None, plan: object = None) -> dict[str, str]:
    chosen = equality_docs.load(TRUST) if plan is None else plan
    data = equality_docs.render(chosen, kind=kind, reference_doc=reference)  # type: ignore[arg-type]
    return {n: d.decode("utf-8") for n, d in parts(data).items() if n.endswith((".xml", ".rels"))}


def _style(styles: str, style_id: str) -> str:
    found = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.DOTALL)
    assert found is not None, style_id
    return found.group(0)


def test_styles_both_define_are_the_references(corporate: Path) -> None:
    """Normal and the headings take the reference's font and colour."""
    styles = _render("psed-statement", corporate)["word/styles.xml"]

    assert 'w:ascii="DejaVu Serif"' in _style(styles, "Normal")
    assert '<w:color w:val="6A1B6A"/>' in _style(styles, "Heading1")
    assert "DejaVu Serif" not in _render("psed-statement", None)["word/styles.xml"]


def test_styles_only_the_template_defines_are_kept(corporate: Path) -> None:
    """A style the reference lacks (the template's numbered paragraphs) stays, once."""
    styles = _render("psed-statement", corporate)["word/styles.xml"]

    assert 1 == styles.count('w:styleId="NumberedParagraph"')
    assert 1 == styles.count('w:styleId="Heading1"')


def test_lists_keep_the_templates_numbering(corporate: Path) -> None:
    """A list style both define keeps the template's numbering, so lists stay numbered."""
    template = parts(find_template("psed_statement.docx", "docx"))["word/styles.xml"].decode()
    styled = _render("psed-statement", corporate)["word/styles.xml"]

    for style_id in re.findall(r'w:styleId="(List[A-Za-z0-9]*)"', template):
        numbering = re.search(r"<w:numPr>.*?</w:numPr>", _style(template, style_id))
        if numbering is not None:
            assert numbering.group(0) in _style(styled, style_id)


def test_the_theme_is_the_references(corporate: Path) -> None:
    """The theme part (its fonts and colours) is the reference's, byte for byte."""
    rendered = parts(equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", reference_doc=corporate))

    assert parts(corporate)["word/theme/theme1.xml"] == rendered["word/theme/theme1.xml"]


def test_a_portrait_page_takes_the_references_size_and_margins(corporate: Path) -> None:
    """A portrait document is A4 with the reference's 2 cm (1134 twip) margins."""
    document = _render("psed-statement", corporate)["word/document.xml"]

    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"/>', document)
    assert re.search(r'<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"', document)


def test_a_landscape_section_stays_landscape(corporate: Path) -> None:
    """The objectives plan's landscape section keeps its orientation: width and height swapped."""
    document = _render("objectives-plan", corporate)["word/document.xml"]

    assert '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>' in document
    assert 'w:left="1134"' in document


def test_tables_are_fitted_to_the_new_margins(corporate: Path) -> None:
    """A table's widths in twips shrink with the text width, so it stays within the margins."""
    document = _render("objectives-plan", corporate)["word/document.xml"]

    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"', document.split("<w:tbl>")[1].split("</w:tblGrid>")[0])]
    assert sum(widths) <= 16838 - 2 * 1134


def test_the_header_and_footer_are_the_references(corporate: Path) -> None:
    """The header shows the reference's logo (a picture part related to it); the footer says who publishes."""
    rendered = _render("psed-statement", corporate)
    header = rendered["word/header1.xml"]
    rid = re.search(r'r:embed="([^"]+)"', header)

    assert rid is not None
    assert re.search(rf'Id="{rid.group(1)}"[^>]*Target="media/house1.png"', rendered["word/_rels/header1.xml.rels"])
    assert "Published by Riverside Borough Council" in rendered["word/footer1.xml"]
    assert "NUMPAGES" not in rendered["word/footer1.xml"]
    assert 'Extension="png"' in rendered["[Content_Types].xml"]


def test_a_draft_keeps_its_mark_above_the_references_header(corporate: Path) -> None:
    """The template's draft-mark paragraphs open the reference's header: a draft still says DRAFT."""
    header = _render("psed-statement", corporate, equality_docs.loads(DRAFT))["word/header1.xml"]

    assert ">DRAFT</w:t>" in header
    assert header.index("DRAFT") < header.index("r:embed")


def test_an_approved_document_prints_no_mark(corporate: Path) -> None:
    """Without a draft status the header holds the logo and no mark."""
    header = _render("psed-statement", corporate, equality_docs.loads(DRAFT.replace("draft", "approved")))["word/header1.xml"]

    assert "DRAFT" not in header
    assert "r:embed" in header


def test_a_template_without_a_header_gains_the_references(corporate: Path, tmp_path: Path) -> None:
    """An organisation's own template with no header or footer gets the reference's, in every section."""
    template = Document()
    template.add_paragraph("{{ document.title }}")
    folder = tmp_path / "templates"
    folder.mkdir()
    template.save(str(folder / "psed_statement.docx"))

    data = equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", templates=[folder], reference_doc=corporate)
    document = Document(io.BytesIO(data))

    assert "Published by Riverside Borough Council" in document.sections[0].footer.paragraphs[0].text
    assert document.sections[0].header.part.related_parts  # the logo


def test_output_is_the_same_each_time(corporate: Path) -> None:
    """The same plan and reference give the same bytes."""
    plan = equality_docs.load(TRUST)

    assert equality_docs.render(plan, kind="objectives-plan", reference_doc=corporate) == equality_docs.render(
        plan, kind="objectives-plan", reference_doc=corporate)


def test_output_is_the_same_in_every_process(corporate: Path, tmp_path: Path) -> None:
    """Two processes with different hash seeds write the same bytes: the package's parts keep one order."""
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        subprocess.run(
            [sys.executable, "-m", "equality_docs", "render", str(TRUST), "-k", "objectives-plan",
             "--reference-doc", str(corporate), "-o", str(out)],
            check=True, env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
        )
        outputs.append([p.read_bytes() for p in sorted(out.rglob("*.docx"))])

    assert outputs[0] and outputs[0] == outputs[1]


def test_the_template_is_prepared_once_per_reference(corporate: Path, tmp_path: Path) -> None:
    """A template prepared with a reference is kept; a changed reference file prepares it afresh."""
    template = find_template("psed_statement.docx", "docx")
    copy = tmp_path / "corporate.docx"
    copy.write_bytes(corporate.read_bytes())

    first = word.prepare(template, copy)
    assert word.prepare(template, copy) is first
    assert word.prepare(template) is not first
    os.utime(copy, ns=(1, 1))
    assert word.prepare(template, copy) is not first


# -- where the reference is named ----------------------------------------------------------


def test_a_plan_names_its_reference_relative_to_itself(corporate: Path, tmp_path: Path) -> None:
    """`reference_doc:` in a plan is found beside the plan, wherever the command runs."""
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "style.docx").write_bytes(corporate.read_bytes())
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(DRAFT + "reference_doc: house/style.docx\n", encoding="utf-8")

    plan = equality_docs.load(plan_file)
    rendered = parts(equality_docs.render(plan, kind="psed-statement"))

    assert Path(plan.reference_doc or "") == tmp_path / "house" / "style.docx"
    assert b"Published by Riverside" in rendered["word/footer1.xml"]


def test_the_reference_is_an_input_of_the_batch(corporate: Path, tmp_path: Path) -> None:
    """A plan's reference file, and the one the command line names, are inputs: never written."""
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(DRAFT + f"reference_doc: {corporate}\n", encoding="utf-8")
    other = tmp_path / "other.docx"
    other.write_bytes(corporate.read_bytes())

    own = read_plan(plan_file, Settings(out=tmp_path / "out"), on=dt.date(2025, 1, 1))
    chosen = read_plan(plan_file, Settings(out=tmp_path / "out", reference_doc=other, inputs=(other,)),
                       on=dt.date(2025, 1, 1))

    assert all(corporate in job.inputs for job in own.jobs)
    assert all(other in job.inputs and job.plan.reference_doc == str(other) for job in chosen.jobs)


def test_the_command_line_applies_the_reference_to_every_kind(corporate: Path, tmp_path: Path) -> None:
    """`render --reference-doc FILE` gives every Word document the footer; the file is unchanged."""
    before = corporate.read_bytes()

    result = CliRunner().invoke(cli, ["render", str(TRUST), "-f", "docx", "-o", str(tmp_path / "out"),
                                      "--reference-doc", str(corporate)])

    written = sorted((tmp_path / "out").glob("*.docx"))
    assert 0 == result.exit_code, result.output
    assert len(written) == 3
    assert all(b"Published by Riverside" in parts(f)["word/footer1.xml"] for f in written)
    assert before == corporate.read_bytes()


def test_render_all_takes_a_reference(corporate: Path, tmp_path: Path) -> None:
    """The Python API's `render_all(reference_doc=...)` applies it to each Word document."""
    written = list(equality_docs.render_all([("trust", equality_docs.load(TRUST))], out=tmp_path / "out",
                                            kinds=["psed-statement"], formats=["docx"], reference_doc=corporate))

    assert b"Published by Riverside" in parts(written[0])["word/footer1.xml"]


# -- a reference that cannot be used -------------------------------------------------------


def _run(tmp_path: Path, reference: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", str(TRUST), "-f", "docx", "-o", str(tmp_path / "out"),
                                      "--reference-doc", str(reference)])
    return result.exit_code, result.output


def test_a_missing_reference_is_an_input_error(tmp_path: Path) -> None:
    """A reference file that is not there: exit 3, its name and what is wrong, no traceback, nothing written."""
    code, output = _run(tmp_path, tmp_path / "missing.docx")

    assert 3 == code
    assert "missing.docx" in output and "cannot read the reference document" in output
    assert "Traceback" not in output
    assert not list((tmp_path / "out").glob("*.docx"))


def test_a_reference_that_is_not_a_word_file_is_refused(tmp_path: Path) -> None:
    """A reference that is not a zip: exit 4, naming the file as a reference document."""
    bad = tmp_path / "notes.docx"
    bad.write_text("not a Word file", encoding="utf-8")

    code, output = _run(tmp_path, bad)

    assert 4 == code
    assert "cannot open this reference document" in output
    assert "Traceback" not in output


def test_a_reference_declaring_a_doctype_is_refused(corporate: Path, tmp_path: Path) -> None:
    """A reference whose styles declare entities is refused before anything is rendered."""
    styles = parts(corporate)["word/styles.xml"].decode()
    hostile = styles.replace("?>", '?><!DOCTYPE w:styles [<!ENTITY x "boom">]>', 1)
    bad = rewrite(corporate, tmp_path / "hostile.docx", {"word/styles.xml": hostile.encode()})

    with pytest.raises(TemplateError, match="DOCTYPE"):
        equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", reference_doc=bad)


def test_a_reference_that_is_a_pipe_is_not_read(tmp_path: Path) -> None:
    """A pipe named as the reference is refused without waiting on it."""
    pipe = tmp_path / "pipe.docx"
    os.mkfifo(pipe)

    with pytest.raises(InputError, match="a pipe"):
        equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", reference_doc=pipe)


def test_a_reference_with_a_huge_part_is_refused_from_its_directory(corporate: Path, tmp_path: Path) -> None:
    """A part inflating past the limit is refused from the zip's directory, before it is read."""
    bad = rewrite(corporate, tmp_path / "big.docx", {"word/big.bin": b"\0" * (51 * 2**20)})

    with pytest.raises(TemplateError, match="inflates to"):
        equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", reference_doc=bad)


# -- accessibility of the header -----------------------------------------------------------


def test_a_header_logo_without_alt_text_is_a_finding(tmp_path: Path) -> None:
    """The output check reads the header: a reference logo with no alternative text is DX005."""
    reference = make_reference(tmp_path / "no-alt.docx", alt=None)

    _, findings = render_checked(equality_docs.load(TRUST), kind="psed-statement", reference_doc=reference)

    assert any(f.code == "DX005" and "header" in f.where for f in findings)


def test_a_header_logo_with_alt_text_passes(corporate: Path) -> None:
    """The same logo with alternative text gives no image finding."""
    _, findings = render_checked(equality_docs.load(TRUST), kind="psed-statement", reference_doc=corporate)

    assert not [f for f in findings if f.code == "DX005"]


def test_a_document_made_with_a_reference_can_be_the_next_template(corporate: Path, tmp_path: Path) -> None:
    """An output used as a template, with the reference again, gets one logo relationship id each, none twice."""
    folder = tmp_path / "templates"
    folder.mkdir()
    plan = equality_docs.load(TRUST)
    (folder / "psed_statement.docx").write_bytes(equality_docs.render(plan, kind="psed-statement", reference_doc=corporate))

    rendered = _render_with(folder, corporate)

    ids = re.findall(r'Id="([^"]+)"', rendered["word/_rels/header1.xml.rels"])
    assert len(ids) == len(set(ids))
    assert all(rid in ids for rid in re.findall(r'r:embed="([^"]+)"', rendered["word/header1.xml"]))


def _render_with(folder: Path, reference: Path) -> dict[str, str]:
    data = equality_docs.render(equality_docs.load(TRUST), kind="psed-statement", templates=[folder], reference_doc=reference)
    return {n: d.decode("utf-8") for n, d in parts(data).items() if n.endswith((".xml", ".rels"))}


def test_the_references_footer_may_print_the_documents_data(tmp_path: Path) -> None:
    """Tags typed in the reference's footer are filled in like the template's: the organisation's own name."""
    reference = make_reference(tmp_path / "tagged.docx", organisation="{{ document.organisation }}")

    footer = _render("psed-statement", reference)["word/footer1.xml"]

    assert "Published by InMAT Academies Trust" in footer


def test_a_document_is_never_written_over_the_reference(corporate: Path, tmp_path: Path) -> None:
    """A reference kept where a document would be written stays as it was, even with --force."""
    out = tmp_path / "out"
    out.mkdir()
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(DRAFT, encoding="utf-8")
    reference = out / "plan.psed-statement.docx"
    reference.write_bytes(corporate.read_bytes())

    result = CliRunner().invoke(cli, ["render", str(plan_file), "-k", "psed-statement", "-f", "docx", "-o", str(out),
                                      "--force", "--reference-doc", str(reference)])

    assert 0 != result.exit_code
    assert corporate.read_bytes() == reference.read_bytes()
    assert "Traceback" not in result.output
