"""
Each document kind against the seed it must match: headings, table headers and body cells.

The seed texts are copied into fixtures/seeds so the project stands alone. They were extracted
from real documents, so words broken by the extraction ("disadvanta ges") and punctuation the
layouts print their own way (a full stop after "E&D Ob 5") are compared leniently: cells are
compared with spaces, commas, full stops and brackets removed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx.oxml.ns import qn

import equality_docs
from equality_docs.kinds import KINDS

from .conftest import EXAMPLES, FIXTURES
from .docxdump import body_items, open_docx, paragraph_text, table_rows

SEEDS = FIXTURES / "seeds"


def _norm(text: str) -> str:
    # A bullet is a character in a Markdown cell and a list style in Word: compare the words.
    text = re.sub(r"</?i>", "", text).replace("\u2019", "'").replace("\u2013", "-").replace("\u2022", "")
    return re.sub(r"[\s,.()]", "", text)


def _row(cells: list[str]) -> str:
    cells = [_norm(c) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return "|".join(cells)


def _render(example: str, kind: str) -> tuple[list[str], list[list[list[str]]]]:
    plan = equality_docs.load(EXAMPLES / example)
    document = open_docx(equality_docs.render(plan, kind=kind, fmt="docx"))
    headings: list[str] = []
    tables: list[list[list[str]]] = []
    for item_kind, item in body_items(document):
        if item_kind == "p" and item.style.name.startswith(("Heading", "Title")):  # type: ignore[union-attr]
            headings.append(paragraph_text(item))  # type: ignore[arg-type]
        elif item_kind == "table":
            tables.append(table_rows(item))  # type: ignore[arg-type]
    return headings, tables


def _seed(name: str) -> list[str]:
    return (SEEDS / name).read_text(encoding="utf-8").splitlines()


def test_objectives_statement_matches_seed_000() -> None:
    """Seed 000: its section headings in order, and its Objective / Service Area table."""
    headings, tables = _render("childrens-services-objectives.yaml", "objectives-statement")
    seed = _seed("000_objectives_statement.txt")
    start = seed.index("Objectives include:")
    cells = [line.strip() for line in seed[start + 1 :] if line.strip()]
    seed_rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]  # the seed has a cell a line

    assert [
        "Children’s Service Equality Objectives April 2012 – March 2016",
        "The Equality Act (2010)",
        "The Public Sector Equality Duty",
        "Specific Duty",
        "Purpose of Setting Equality Objectives",
        "Measuring Progress",
        "Objectives include:",
    ] == headings
    assert 1 == len(tables)
    assert [_row(r) for r in seed_rows] == [_row(r) for r in tables[0]]


def test_strategy_matches_seed_001() -> None:
    """Seed 001: the title, "Our nine priorities", and the nine numbered priorities in order."""
    headings, tables = _render("childrens-services-strategy.yaml", "strategy")
    seed = _seed("001_strategy.txt")
    priorities = [line.strip() for line in seed if re.match(r"^\d+\. ", line)]

    assert ["Equality and Diversity Strategy", "Our nine priorities", *priorities] == headings
    assert [] == tables


def test_strategy_prints_every_bullet_of_seed_001() -> None:
    """Every bullet of seed 001 is a Word bullet in the strategy."""
    plan = equality_docs.load(EXAMPLES / "childrens-services-strategy.yaml")
    document = open_docx(equality_docs.render(plan, kind="strategy", fmt="docx"))
    bullets = [paragraph_text(p) for p in document.paragraphs if p.style.name == "List Bullet"]
    seed = [line.strip().lstrip("•").strip() for line in _seed("001_strategy.txt") if "•" in line]

    assert seed == bullets


def test_objectives_plan_matches_seed_003() -> None:
    """Seed 003: the nine column headers, and every cell's text in the table."""
    headings, tables = _render("secondary-school-objectives.yaml", "objectives-plan")
    seed = _seed("003_objectives_plan.txt")
    header = next(line for line in seed if line.startswith("Link to Public"))
    body = [line for line in seed[seed.index(header) + 1 :] if "\t" in line]
    table = tables[0]
    # One row per action, so a seed cell holding several actions reads down its column.
    text = _norm(" ".join(" ".join(row[c] for row in table[1:]) for c in range(len(table[0]))))

    assert ["Equalities objectives", "Equality objectives: 2020 -2024"] == headings
    assert [_norm(c) for c in header.split("\t")] == [_norm(c) for c in table[0]]
    assert [] == [c for line in body for c in line.split("\t") if _norm(c) not in text]
    assert 5 == len([row[3] for row in table[1:] if row[3]])  # the seed's five objectives, each merged over its actions


def test_objectives_plan_merges_rows_of_one_duty_aim() -> None:
    """Rows serving the same duty aim share one merged first cell, as the seed groups them."""
    plan = equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml")
    document = open_docx(equality_docs.render(plan, kind="objectives-plan", fmt="docx"))
    rows = document.tables[0]._tbl.tr_lst[1:]

    merges = []
    for row in rows:
        merge = row.tc_lst[0].find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
        merges.append(merge.get(qn("w:val"), "continue"))  # a bare mark continues, as Word reads it
    # One row per action (and one for an objective's own dates): three under the first aim, six
    # under the second, two under the third.
    assert ["restart", *["continue"] * 2, "restart", *["continue"] * 5, "restart", "continue"] == merges


def _seed_004_tables() -> tuple[list[str], list[tuple[list[str], list[list[str]]]]]:
    """Return the seed's appendix headings and its tables as (header, rows)."""
    seed = _seed("004_action_plan.txt")
    start = seed.index("Appendix 1: Equality and diversity actions arising from Directorate "
                       "Strategic Plan 2012/13 priorities.")
    headings: list[str] = []
    tables: list[tuple[list[str], list[list[str]]]] = []
    for line in seed[start:]:
        cells = line.split("\t")
        if line.startswith("Appendix"):
            headings.append(line.strip())
        elif line.startswith("Every Child Matters"):
            headings.append(cells[0].strip())
        elif line.startswith(("DSLT", "ECM Aim", "Directorate of")) or not line.strip():
            continue
        elif cells[0] in ("Ref.", "JCAD Ref.", "Objective"):
            tables.append((cells, []))
        elif tables and tables[-1][0][0] == "Objective" and not cells[0].strip() and tables[-1][1]:
            previous = tables[-1][1][-1]  # a row the page broke in two
            tables[-1][1][-1] = [f"{a} {b}".strip() for a, b in zip(previous, cells, strict=False)]
        elif "\t" in line:
            tables[-1][1].append(cells)
    return headings, tables


def test_action_plan_matches_seed_004_sections() -> None:
    """Seed 004: the numbered sections, then the appendices and their outcome headings."""
    headings, _ = _render("childrens-services-action-plan.yaml", "action-plan")
    seed = _seed("004_action_plan.txt")
    sections = [line.strip() for line in seed if re.match(r"^\d\. [A-Z]", line)]
    seed_appendix_headings, _ = _seed_004_tables()

    assert [
        "Annual Equality and Diversity Action Plan 2012/13",
        *sections,
        *seed_appendix_headings,
    ] == headings


def test_action_plan_matches_seed_004_tables() -> None:
    """Seed 004: every appendix table, header and body, cell by cell."""
    _, tables = _render("childrens-services-action-plan.yaml", "action-plan")
    _, seed_tables = _seed_004_tables()

    assert len(seed_tables) == len(tables)
    for (seed_header, seed_rows), table in zip(seed_tables, tables, strict=True):
        assert _row(seed_header) == _row(table[0])
        assert [_row(r) for r in seed_rows] == [_row(r) for r in table[1:]]


def test_risk_without_scores_shows_empty_cells_not_zero() -> None:
    """The seed's risks have no impact or probability: their cells are empty, not 0."""
    _, tables = _render("childrens-services-action-plan.yaml", "action-plan")
    risk_rows = [row for table in tables if table[0][0] == "JCAD Ref." for row in table[1:]]

    assert all(row[2:5] == ["", "", ""] for row in risk_rows)


@pytest.mark.parametrize("kind", ["objectives-plan", "objectives-statement"])
def test_one_source_feeds_many_documents(kind: str) -> None:
    """The action plan's file also renders as an objectives plan and statement, all 13 objectives."""
    _, tables = _render("childrens-services-action-plan.yaml", kind)
    rows = tables[0][1:]
    at = 3 if kind == "objectives-plan" else 0  # the objective's column; the plan merges it over its actions' rows

    assert 13 == len([row[at] for row in rows if row[at]])


def _landscape_sections(data: bytes) -> list[bool]:
    document = open_docx(data)
    return [s.page_width > s.page_height for s in document.sections]


@pytest.mark.parametrize(
    ("example", "kind", "expected"),
    [
        ("secondary-school-objectives.yaml", "objectives-plan", [True]),
        ("childrens-services-action-plan.yaml", "action-plan", [False, True]),
    ],
)
def test_wide_tables_are_on_landscape_pages(example: str, kind: str, expected: list[bool]) -> None:
    """The wide tables of 003 and 004's appendices sit in landscape sections."""
    data = equality_docs.render(equality_docs.load(EXAMPLES / example), kind=kind, fmt="docx")

    assert expected == _landscape_sections(data)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_table_repeats_its_header_and_fits_the_page(example: Path) -> None:
    """Every table has a repeating header row, and its columns fit its page's text width."""
    plan = equality_docs.load(example)
    for kind in equality_docs.kinds_for(plan):
        document = open_docx(equality_docs.render(plan, kind=kind, fmt="docx"))
        widest_text = max(s.page_width - s.left_margin - s.right_margin for s in document.sections)
        for table in document.tables:
            first = table._tbl.tr_lst[0]
            assert first.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
            grid = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.iterchildren(qn("w:gridCol")))
            assert grid * 635 <= widest_text  # twentieths of a point to EMU


def _md_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    previous_was_row = False
    for line in text.splitlines():
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            if set("".join(cells)) <= {"-"}:
                continue
            if not previous_was_row:
                tables.append([])
            clean = [  # as a reader shows them: a group row's mark, a comment, is not shown
                re.sub(r"\\(.)", r"\1", re.sub(r"(?<!\\)\*", "", c.replace("<!-- group -->", "").replace("<br>", " "))).strip()
                for c in cells
            ]
            tables[-1].append(clean)
            previous_was_row = True
        else:
            previous_was_row = False
    return tables


@pytest.mark.parametrize("kind", [k.name for k in KINDS])
def test_markdown_tables_carry_the_word_tables(kind: str) -> None:
    """For every example, the Markdown tables have the Word tables' headers and cells."""
    for example in sorted(EXAMPLES.glob("*.yaml")):
        plan = equality_docs.load(example)
        if kind not in [k.name for k in equality_docs.kinds_for(plan)]:
            continue
        document = open_docx(equality_docs.render(plan, kind=kind, fmt="docx"))
        words = [table_rows(t, resolve_merges=True) for t in document.tables]
        marks = _md_tables(equality_docs.render(plan, kind=kind, fmt="md").decode())

        assert [[_row(r) for r in t] for t in words] == [[_row(r) for r in t] for t in marks]
