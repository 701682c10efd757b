"""
Documents for any organisation: its name and document control on every kind, no empty
furniture, and every kind printing only what the plan holds (tests/test_labels.py holds the
house wording kept as data).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.cli import cli
from equality_docs.context.common import objective_status, shorten
from equality_docs.kinds import KINDS
from equality_docs.renderers.templates import builtin_templates

from .conftest import EXAMPLES
from .docxdump import dump, open_docx
from .fill import fill_for

#: Phrases of one council directorate's own wording (seed 004) and one school's (seed 003).
HOUSE_PHRASES = (
    "JCAD Ref.",
    "Consider National Indicators first",
    "DSLT AD Lead for Outcome",
    "ECM Aim",
    "Every Child Matters",
    "A precise statement about what you should",
    "What must be done in order to meet the objective",
    "Is this objective measurable?",
    "What are the potential barriers to the success",
    "Lead Officer / Division",
    "Responsible Officer",
    "Linkages With Other Plans",
    "Critical actions, tasks",
    "Key Performance Measures",
    "Start Date Month/Year",
    "Finish Date Month/Year",
    "Risk Score &amp; Colour",
    "Risk Score & Colour",
    "Detailed action/target (and lead officer)",
    "e.g. whole school, girls, boys, SEN, staff etc",
    "Who is responsible?",
)

ACTION_PLAN = """
organisation: {name: Riverside Borough Council, type: council}
appendices:
  - title: Actions for 2025/26
    outcomes:
      - outcome: Fair access to services
        objectives:
          - ref: "1"
            text: Improve access to housing advice for disabled residents
            actions:
              - {ref: "1.1", text: Audit the housing advice pages, owner: Web team, finish: Sept 2025}
"""

SCHOOL = """
organisation: {name: Hillside Primary School, type: school}
objectives:
  - To narrow the gap in attendance between pupils with SEND and others.
"""


def render_text(text: str, kind: str, fmt: str) -> str:
    """Return a rendering as text: Markdown and HTML as they are, Word as its dump."""
    plan = equality_docs.loads(text)
    data = equality_docs.render(plan, kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


def docx_parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("word/") and n.endswith(".xml")}


# -- no empty furniture ------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_an_outcome_block_without_measures_or_risks_prints_no_such_tables(fmt: str) -> None:
    """With no measures and no risks, neither table (nor its heading) is printed."""
    text = render_text(ACTION_PLAN, "action-plan", fmt)

    assert "Measure" not in text
    assert "Risk" not in text
    assert "Probability" not in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_linkages_column_no_row_fills_is_left_out(fmt: str) -> None:
    """With no linked plans in any outcome block, no table prints a linkages column."""
    assert "Linked plans" not in render_text(ACTION_PLAN, "action-plan", fmt)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_linkages_column_is_printed_where_any_row_fills_it(fmt: str) -> None:
    """One action naming a linked plan brings the column back in the actions table, not in the objectives'."""
    plan = ACTION_PLAN.replace("finish: Sept 2025}", "finish: Sept 2025, linkages: [Housing strategy]}")

    text = render_text(plan, "action-plan", fmt)

    assert 1 == text.count("Linked plans")
    assert "Housing strategy" in text


def test_html_captions_follow_the_tables_printed() -> None:
    """Each HTML table keeps its own caption when other tables of its block are left out."""
    html = render_text(ACTION_PLAN, "action-plan", "html")

    captions = re.findall(r"<caption>(.*?)</caption>", html)
    assert ["Outcome: Fair access to services: objectives", "Outcome: Fair access to services: actions"] == captions


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_objectives_statement_prints_no_heading_without_text(fmt: str) -> None:
    """Headings of sections the plan leaves empty ("Measuring progress") are not printed."""
    text = render_text(SCHOOL, "objectives-statement", fmt)

    assert "Why we set equality objectives" not in text
    assert "Measuring progress" not in text


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_annual_report_without_results_prints_no_zero_sentences(fmt: str) -> None:
    """A report with nothing on track and no measures prints no "0 of" sentence and no measures table."""
    plan = SCHOOL + "information: [{title: Pupils, columns: [Girls, Boys], rows: [{label: All, values: [120, 130]}]}]\n"

    text = render_text(plan, "annual-report", fmt)

    assert "0 of" not in text
    assert "Of 0" not in text
    assert "Performance measures" not in text


def _objective(*statuses: m.Status | None) -> m.Objective:
    day = equality_docs.loads("organisation: {name: X}\nreviews: [{on: 2025-03-31}]\n").reviews[0].on
    actions = tuple(
        m.Action(text=f"a{n}", progress=() if s is None else (m.ProgressNote(on=day, status=s),))
        for n, s in enumerate(statuses)
    )
    return m.Objective(text="o", actions=actions)


S = m.Status


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ((S.COMPLETE, S.COMPLETE), S.COMPLETE),
        ((S.COMPLETE, S.OFF_TRACK, S.AT_RISK), S.OFF_TRACK),
        ((S.ON_TRACK, S.AT_RISK), S.AT_RISK),
        ((S.ON_TRACK, S.COMPLETE), S.ON_TRACK),
        ((S.COMPLETE, S.NOT_STARTED), S.ON_TRACK),
        ((S.NOT_STARTED, None), S.NOT_STARTED),
        ((None, None), None),
        ((), None),
    ],
)
def test_an_objective_takes_its_status_from_its_actions(
    statuses: tuple[m.Status | None, ...], expected: m.Status | None
) -> None:
    """Without a status of its own, an objective's status follows the documented rule over its actions."""
    assert expected == objective_status(_objective(*statuses))


def test_annual_report_shows_the_derived_status() -> None:
    """An objective whose actions are reviewed is not printed as "Not reviewed"."""
    plan = """
organisation: {name: Hillside Primary School, type: school}
reviews: [{on: 2025-07-15, period: 2024/25}]
objectives:
  - text: Improve attendance of pupils with SEND
    actions:
      - {text: Meet families each term, progress: [{on: 2025-07-15, status: complete}]}
      - {text: Track attendance weekly, progress: [{on: 2025-07-15, status: at risk}]}
"""
    text = render_text(plan, "annual-report", "md")

    assert "**Status:** At risk (Amber)" in text
    assert "Not reviewed" not in text


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120), st.integers(1, 100))
def test_shortened_text_never_cuts_a_word(value: str, limit: int) -> None:
    """Shortened text fits, is the text's start, and ends at a word boundary with an ellipsis."""
    short = shorten(value, limit)

    assert len(short) <= limit
    if short != value:
        kept = short.removesuffix("\u2026")
        assert short.endswith("\u2026")
        assert value.startswith(kept)
        assert not kept or not (value[len(kept)].isalnum() and kept[-1].isalnum())


def test_annual_report_captions_are_not_cut_mid_word() -> None:
    """The long objective's table caption ends at a whole word ("from…"), not "maltreatmen"."""
    plan = equality_docs.load(Path(__file__).resolve().parents[1] / "examples" / "childrens-services-action-plan.yaml")

    html = equality_docs.render(plan, kind="annual-report", fmt="html").decode()

    assert "maltreatmen:" not in html
    assert "safe from\u2026: actions" in html


# -- the organisation and document control -----------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("kind", ["objectives-statement", "psed-statement", "objectives-plan"])
def test_the_organisation_is_named_in_every_kind(kind: str, fmt: str) -> None:
    """A school's statement prints the school's name though its title does not hold it."""
    text = render_text(SCHOOL, kind, fmt)

    body = text.split("</header>", 1)[-1]  # HTML: not only the page's header
    assert "Hillside Primary School" in body


CONTROLLED = SCHOOL + """
document:
  owner: Business manager
  approved_by: Full governing board
  approved_on: 2025-09-17
  version: "1.2"
  review: {every_years: 2}
  contact: {name: Ms A Khan, email: office@hillside.example}
  related: [Accessibility plan]
"""


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_document_control_prints_what_the_plan_holds(fmt: str) -> None:
    """Owner, approval, version, contact, related documents, and the next review worked out from the cycle."""
    text = render_text(CONTROLLED, "psed-statement", fmt)

    for expected in ("Document control", "Business manager", "Full governing board on 17 September 2025",
                     "1.2", "17 September 2027", "Ms A Khan, office@hillside.example", "Accessibility plan"):
        assert expected in text
    assert "Published:" not in text  # not held, not printed


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_no_document_control_prints_no_block(fmt: str) -> None:
    """A plan with no document control prints no block."""
    assert "Document control" not in render_text(SCHOOL, "psed-statement", fmt)


@pytest.mark.parametrize(("status", "mark"), [("draft", "DRAFT"), ("consultation", "CONSULTATION DRAFT")])
def test_a_draft_is_marked_at_the_top_of_markdown_and_html(status: str, mark: str) -> None:
    """Markdown opens with the mark; HTML opens with a named banner region in words."""
    plan = SCHOOL + f"document: {{status: {status}}}\n"

    markdown = render_text(plan, "psed-statement", "md")
    html = render_text(plan, "psed-statement", "html")

    assert markdown.startswith(f"**{mark}**")
    banner = re.search(r'<section class="status-banner" aria-label="Document status"[^>]*>(.*?)</section>', html, re.DOTALL)
    assert banner is not None
    assert mark in banner.group(1)


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_a_draft_is_marked_on_every_page_in_word(kind: str) -> None:
    """Every section's header carries the words and a watermark shape with alternative text."""
    plan = equality_docs.load(Path(__file__).resolve().parents[1] / "examples" / "childrens-services-action-plan.yaml")
    plan = fill_for(kind, attrs.evolve(plan, document=m.DocumentControl(status=m.DocumentStatus.DRAFT)))
    data = equality_docs.render(plan, kind=kind, fmt="docx")
    document = open_docx(data)

    for section in document.sections:
        header = section.header
        assert "DRAFT" in [p.text for p in header.paragraphs]
        xml = header._element.xml  # the watermark is VML, which python-docx does not model
        assert 'string="DRAFT"' in xml
        assert 'alt="Watermark: DRAFT"' in xml


@pytest.mark.parametrize("status", ["approved", "published"])
def test_an_approved_document_carries_no_mark(status: str) -> None:
    """Approved and published documents have no draft mark in any format."""
    plan = SCHOOL + f"document: {{status: {status}}}\n"

    for fmt in ("md", "html"):
        assert "DRAFT" not in render_text(plan, "psed-statement", fmt)
    data = equality_docs.render(equality_docs.loads(plan), kind="psed-statement", fmt="docx")
    assert "DRAFT" not in "".join(docx_parts(data).values())


def test_the_contact_block_is_in_the_body_font() -> None:
    """The contact lines' style takes its font from Normal, as the rest of the document does."""
    template = builtin_templates() / "docx" / "action_plan.docx"
    document = open_docx(template)

    style = document.styles["No Spacing"]

    assert "Normal" == style.base_style.name  # type: ignore[union-attr]


# -- every kind prints what it holds -----------------------------------------------------


def test_a_kind_the_plan_cannot_fill_is_refused_naming_what_it_needs(tmp_path: Path) -> None:
    """`render -k strategy` on a plan without a strategy exits 3 and names the `strategy:` field."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(SCHOOL, encoding="utf-8")

    result = CliRunner().invoke(cli, ["render", str(plan), "-k", "strategy", "--out", str(tmp_path / "out")])

    assert 3 == result.exit_code
    assert "holds nothing the strategy kind can print (it needs a `strategy:` with at least one of its `priorities:`)" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_every_kind_says_what_it_needs() -> None:
    """Each kind names the plan fields it needs, in backticks."""
    assert all("`" in kind.needs for kind in KINDS)


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_a_marked_draft_validates(kind: str, tmp_path: Path) -> None:
    """A draft's header text, watermark and document-control block leave a file Word opens unrepaired."""
    from openxml_audit import FileFormat, OpenXmlValidator

    plan = equality_docs.load(Path(__file__).resolve().parents[1] / "examples" / "childrens-services-action-plan.yaml")
    plan = attrs.evolve(plan, document=m.DocumentControl(status=m.DocumentStatus.CONSULTATION, version="0.3"))
    plan = fill_for(kind, plan)
    path = tmp_path / f"{kind}.docx"
    path.write_bytes(equality_docs.render(plan, kind=kind, fmt="docx"))

    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365, max_errors=20, strict=True).validate(str(path))

    assert [] == [str(error) for error in result.errors]


def test_a_psed_statement_prints_objectives_kept_under_outcome_blocks() -> None:
    """A school's objectives held only in an appendix's outcome blocks still appear in its PSED statement."""
    plan = equality_docs.load(EXAMPLES / "oakfield-academy-objectives.yaml")
    assert not plan.objectives and not plan.organisation.schools

    text = equality_docs.render(plan, kind="psed-statement", fmt="md").decode("utf-8")

    assert "Close the attendance gap between pupils with an EHC plan and their peers" in text


def test_an_annual_review_cycle_reads_as_english() -> None:
    """A plan reviewed annually says "on an annual cycle", not "on a annually cycle"."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Riverside Primary School", type=m.OrganisationType.SCHOOL),
        document=m.DocumentControl(progress_review=m.Frequency.ANNUALLY),
        objectives=(m.Objective(text="Narrow the reading gap"),),
    )

    text = equality_docs.render(plan, kind="objectives-statement", fmt="md").decode("utf-8")

    assert "will review progress against the objectives on an annual cycle." in text
