"""
Documents for any organisation: the last faults found rendering bodies unlike the seeds
(empty columns, labels, kinds offered by nation, the Python API's refusal, Word table layout).
"""

from __future__ import annotations

import itertools

import pytest

import equality_docs
from equality_docs.errors import InputError

from .docxdump import dump, open_docx, table_rows

FORMATS = ["md", "html", "docx"]


def render_text(text: str, kind: str, fmt: str) -> str:
    """Return a rendering as text: Markdown and HTML as they are, Word as its dump."""
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


SCOTTISH = """
organisation: {name: Loch Arden Heritage Trust, type: other, nation: scotland}
objectives:
  - text: Widen who visits our sites
"""


def test_a_scottish_body_is_not_offered_england_worded_kinds() -> None:
    """`kinds_for` leaves out the objectives statement, worded for England's specific duties, for a Scottish body."""
    names = [k.name for k in equality_docs.kinds_for(equality_docs.loads(SCOTTISH))]
    assert "objectives-statement" not in names
    assert "objectives-plan" in names


def test_asking_for_an_england_worded_kind_for_a_scottish_body_says_why() -> None:
    """Asking (on the command line) for the objectives statement for a Scottish body is refused, naming the nation and the kinds that fit."""
    from equality_docs.kinds import get_kind, require

    with pytest.raises(InputError) as caught:
        require(get_kind("objectives-statement"), equality_docs.loads(SCOTTISH), None)
    said = str(caught.value)
    assert "Scotland" in said and "England" in said and "objectives-plan" in said


REVIEWED = """
title: Our equality outcomes report
organisation: {name: Loch Arden Heritage Trust, type: other}
labels: {status_on_track: Progressing well, status_not_reviewed: No update yet}
objectives:
  - text: Widen who visits our sites
    progress: [{on: 2025-03-31, status: on track, text: More school visits.}]
  - text: Recruit a more diverse staff
reviews: [{on: 2025-03-31, period: 2024/25}]
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_takes_the_plans_title(fmt: str) -> None:
    """The annual report's title is the plan's `title:`, as every other kind's is."""
    text = render_text(REVIEWED, "annual-report", fmt)
    assert "Our equality outcomes report" in text
    assert "Equality Annual Report 2024/25" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_prints_status_words_from_labels(fmt: str) -> None:
    """The annual report's status words come from `labels:` (status_on_track, status_not_reviewed)."""
    text = render_text(REVIEWED, "annual-report", fmt)
    assert "Progressing well (Green)" in text and "No update yet" in text
    assert "On track" not in text and "Not reviewed" not in text


STRATEGY = """
organisation: {name: Marshfield District Council, type: council}
labels: {strategy_priorities_heading: "The {number} things we will do"}
strategy:
  priorities:
    - {title: Fair services, bullets: [Listen to residents]}
    - {title: Fair employment, bullets: [Publish pay gaps]}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_strategy_priorities_heading_is_a_label(fmt: str) -> None:
    """`labels: {strategy_priorities_heading}` retitles "Our N priorities", with the count filled in."""
    text = render_text(STRATEGY, "strategy", fmt)
    assert "The 2 things we will do" in text
    assert "Our two priorities" not in text


ROWS_CASES = [
    ("childrens-services-action-plan", "action-plan"),
    ("childrens-services-action-plan", "annual-report"),
    ("secondary-school-objectives", "objectives-plan"),
    ("childrens-services-objectives", "objectives-statement"),
]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.parametrize(("example", "kind"), ROWS_CASES)
def test_word_table_rows_may_split_across_pages_and_headers_repeat(example: str, kind: str) -> None:
    """No body row of a Word table is kept from splitting across a page; every table's first row repeats."""
    from pathlib import Path

    plan = equality_docs.load(Path(__file__).parent.parent / "examples" / f"{example}.yaml")
    document = open_docx(equality_docs.render(plan, kind=kind, fmt="docx"))
    tables = document.element.body.iter(f"{W}tbl")
    checked = 0
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        for row in rows[1:]:
            if row.find(f"{W}trPr/{W}tblHeader") is None:
                assert row.find(f"{W}trPr/{W}cantSplit") is None
                checked += 1
    assert checked


APPENDICES = """
organisation: {name: Riverside Council, type: council}
appendices:
  - title: Outcomes
    outcomes:
      - outcome: Stay Safe
        objectives:
          - text: Keep children safe
            risks:
              - {ref: R1, description: Budget cuts reduce early help}
  - title: Priorities
    priorities:
      - title: Engagement
        objectives:
          - {text: Talk to residents, actions: [{text: Hold a forum}]}
"""


@pytest.mark.parametrize("fmt", FORMATS)
def test_risks_table_leaves_out_columns_no_risk_fills(fmt: str) -> None:
    """Risks with no impact, probability, score or lead print no such columns; their reference and text stay."""
    text = render_text(APPENDICES, "action-plan", fmt)
    assert "Budget cuts reduce early help" in text and "R1" in text
    for header in ("Impact", "Probability", "Risk score", "Lead"):
        assert header not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_priorities_table_leaves_out_columns_no_objective_fills(fmt: str) -> None:
    """Priorities whose objectives have no dates and no planned outcome print neither column."""
    text = render_text(APPENDICES, "action-plan", fmt)
    assert "Hold a forum" in text and "Engagement" in text
    assert "Planned outcome" not in text
    assert "Dates" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_annual_report_objective_tables_leave_out_empty_columns(fmt: str) -> None:
    """An objective's actions with no reference and no one responsible print no Ref. or Responsible column."""
    plan = REVIEWED.replace("    progress: [{on", "    actions: [{text: Run open days, progress: [{on: 2025-03-31, status: on track}]}]\n    progress: [{on")
    text = render_text(plan, "annual-report", fmt)
    assert "Run open days" in text
    assert "Responsible" not in text and "Ref." not in text


def test_word_risk_table_still_fills_the_page() -> None:
    """The columns left in the Word risks table span the whole table grid between them."""
    document = open_docx(equality_docs.render(equality_docs.loads(APPENDICES), kind="action-plan", fmt="docx"))
    table = next(t for t in document.tables if "R1" in t.rows[-1].cells[0].text)
    grid = len(table._tbl.tblGrid.gridCol_lst)
    spans = [int(tc.tcPr.gridSpan.val) if tc.tcPr is not None and tc.tcPr.gridSpan is not None else 1
             for tc in table.rows[0]._tr.tc_lst]
    assert len(spans) == 2 and sum(spans) == grid


def _keeps_with_next(paragraph: object) -> bool:
    """Return whether a python-docx paragraph keeps with the next, set on it or by its style chain."""
    fmt = paragraph.paragraph_format  # type: ignore[attr-defined]
    if fmt.keep_with_next is not None:
        return bool(fmt.keep_with_next)
    style = paragraph.style  # type: ignore[attr-defined]
    while style is not None:
        if style.paragraph_format.keep_with_next is not None:
            return bool(style.paragraph_format.keep_with_next)
        style = style.base_style
    return False


def test_psed_actions_lead_keeps_with_its_list() -> None:
    """The PSED statement's "Actions:" lead keeps with the list under it, never alone at a page foot."""
    from pathlib import Path

    plan = equality_docs.load(Path(__file__).parent.parent / "examples" / "inmat-trust.yaml")
    document = open_docx(equality_docs.render(plan, kind="psed-statement", fmt="docx"))
    leads = [p for p in document.paragraphs if p.text.strip() == f"{plan.labels.objective_actions}:"]
    assert leads
    assert all(_keeps_with_next(p) for p in leads)


@pytest.mark.parametrize(("example", "kind"), [*ROWS_CASES, ("inmat-trust", "psed-statement"),
                                               ("hollybank-primary-plan", "psed-statement")])
def test_every_paragraph_over_a_table_keeps_with_it(example: str, kind: str) -> None:
    """Every paragraph directly over a Word table (its heading or caption) keeps with the table."""
    from pathlib import Path

    plan = equality_docs.load(Path(__file__).parent.parent / "examples" / f"{example}.yaml")
    document = open_docx(equality_docs.render(plan, kind=kind, fmt="docx"))
    body = list(document.element.body)
    from docx.text.paragraph import Paragraph

    for before, after in itertools.pairwise(body):
        if after.tag == f"{W}tbl" and before.tag == f"{W}p":
            assert _keeps_with_next(Paragraph(before, document)), "".join(before.itertext())


PLAN_ACTIONS = """
organisation: {name: Hollybank Primary School, type: school}
objectives:
  - text: Reduce name-calling
    owner: Head
    start: 2026/27
    actions:
      - {text: Teach a unit on kind words, owner: PSHE lead, finish: Autumn 2026}
      - {text: Tell parents in the newsletter}
      - {text: Record every incident, owner: All staff, finish: Termly}
"""


def test_objectives_plan_puts_each_actions_lead_and_dates_on_its_row() -> None:
    """Each action is a row of the objectives plan with its own lead and dates beside it (the objective's own first)."""
    from equality_docs.context import objectives_plan

    rows = objectives_plan.build(equality_docs.loads(PLAN_ACTIONS)).rows
    assert [(r.actions, r.owners, r.dates) for r in rows] == [
        ((), ("Head",), ("2026/27",)),
        (("Teach a unit on kind words",), ("PSHE lead",), ("Autumn 2026",)),
        (("Tell parents in the newsletter",), (), ()),
        (("Record every incident",), ("All staff",), ("Termly",)),
    ]


def test_word_objectives_plan_merges_the_objective_over_its_actions_rows() -> None:
    """In Word the objective's cell spans its actions' rows, each action's lead in the same row as it."""
    document = open_docx(equality_docs.render(equality_docs.loads(PLAN_ACTIONS), kind="objectives-plan", fmt="docx"))
    table = document.tables[-1]
    body = table_rows(table, resolve_merges=True)[1:]  # real cells: each spans several of the grid's columns
    assert body == [["Reduce name-calling", "", "Head", "2026/27"],
                    ["Reduce name-calling", "Teach a unit on kind words", "PSHE lead", "Autumn 2026"],
                    ["Reduce name-calling", "Tell parents in the newsletter", "", ""],
                    ["Reduce name-calling", "Record every incident", "All staff", "Termly"]]
    merges = [tc.tcPr.vMerge.val for tc in (r._tr.tc_lst[0] for r in table.rows[1:])]
    assert merges == ["restart", "continue", "continue", "continue"]


_BOLD_FONT = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"  # Arial's metrics
_CELL_MARGINS = 216  # Word's default left and right cell margins, in twentieths of a point


def _too_narrow(data: bytes) -> list[str]:
    """Return each header word of a Word document's tables wider than its column, set in bold Arial."""
    from PIL import ImageFont

    font = ImageFont.truetype(_BOLD_FONT, 100)
    document = open_docx(data)
    found = []
    for table in document.element.body.iter(f"{W}tbl"):
        grid = [int(g.get(f"{W}w")) for g in table.find(f"{W}tblGrid")]
        column = 0
        for tc in table.find(f"{W}tr").findall(f"{W}tc"):
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            count = int(span.get(f"{W}val")) if span is not None else 1
            room = sum(grid[column:column + count]) - _CELL_MARGINS
            column += count
            for run in tc.iter(f"{W}r"):
                size = run.find(f"{W}rPr/{W}sz")
                half_points = int(size.get(f"{W}val")) if size is not None else 22
                for word in "".join(t.text or "" for t in run.iter(f"{W}t")).split():
                    if font.getlength(word) * half_points / 2 / 100 * 20 > room:
                        found.append(f"{word!r} in {room}")
    return found


def test_every_shipped_table_header_word_fits_its_column() -> None:
    """No header word of any example's Word tables is wider than its column, so none breaks mid-word."""
    from pathlib import Path

    problems = []
    for example in sorted((Path(__file__).parent.parent / "examples").glob("*.yaml")):
        plan = equality_docs.load(example)
        for kind in equality_docs.kinds_for(plan):
            for word in _too_narrow(equality_docs.render(plan, kind=kind, fmt="docx")):
                problems.append(f"{example.stem} {kind.name}: {word}")
    assert problems == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_objectives_plan_names_its_objectives_from_labels(fmt: str) -> None:
    """`labels: {plan_heading}` names the objectives plan's period heading and caption (a Scottish body's outcomes)."""
    plan = "period: 2025/26\nlabels: {plan_heading: Equality outcomes}\n" + SCOTTISH
    text = render_text(plan, "objectives-plan", fmt)
    assert "Equality outcomes: 2025/26" in text
    assert "Equality objectives" not in text


@pytest.mark.parametrize("fmt", ["html", "docx"])  # Markdown tables have no caption
def test_statement_caption_names_the_column_as_labelled(fmt: str) -> None:
    """The objectives statement's table caption names its second column by its label ("Scope"), not "service area"."""
    plan = """
organisation: {name: Fenmoor Police, type: other}
labels: {objective_service_area: Scope}
objectives:
  - {text: Fair use of police powers, service_area: External}
"""
    text = render_text(plan, "objectives-statement", fmt)
    assert "Equality objectives and their scope" in text
    assert "service area responsible" not in text
