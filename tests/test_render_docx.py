"""Word output: structure against the seeds, real lists, safe text, reproducible bytes."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import attrs
import pytest
from docx.oxml.ns import qn
from docx.table import _Cell

import equality_docs
from equality_docs import model as m

from .conftest import EXAMPLES, FIXTURES, ROOT
from .docxdump import body_items, open_docx, paragraph_text

SEEDS = FIXTURES / "seeds"


def _words(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").split())


@pytest.fixture(scope="module")
def psed_docx() -> bytes:
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    return equality_docs.render(plan, kind="psed-statement", fmt="docx")


def _paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = open_docx(data)
    return [
        (item.style.name, paragraph_text(item))  # type: ignore[union-attr]
        for kind, item in body_items(document)
        if kind == "p"
    ]


def test_psed_statement_has_the_seed_sections_in_order(psed_docx: bytes) -> None:
    """The title and headings are the seed's, in the seed's order, as real Heading styles."""
    headings = [(s, t) for s, t in _paragraphs(psed_docx) if s.startswith(("Title", "Heading"))]

    assert [
        ("Title", "Public Sector Equality Duty Statement"),
        ("Heading 1", "General Duties"),
        ("Heading 1", "Specific Duties"),
        ("Heading 1", "InMAT Academies Trust Equality Objectives"),
        ("Heading 1", "Schools - Equality Objectives"),
    ] == headings


def test_psed_statement_contains_every_line_of_the_seed(psed_docx: bytes) -> None:
    """Every line of seed 002 appears in the document, without its typed list markers."""
    text = _words(" ".join(t for _, t in _paragraphs(psed_docx)))
    seed = (SEEDS / "002_psed_statement.txt").read_text(encoding="utf-8")
    lines = [re.sub(r"^(\d+\.|·)\s*", "", line.strip()) for line in seed.splitlines()]
    lines = [line for line in lines if line and line != "Review Frequency:"]

    missing = [line for line in lines if _words(line) not in text]
    assert [] == missing


def test_psed_statutory_lists_are_numbered_lists(psed_docx: bytes) -> None:
    """
    Characteristics, aims and duties are Word numbered lists, not typed numbers. (The objectives
    print their own ref as written, else a number counted on across groups, as text.)
    """
    numbered = [t for s, t in _paragraphs(psed_docx) if s == "List Number"]

    assert 9 + 3 + 2 == len(numbered)
    assert "Age" == numbered[0]
    assert numbered[9].startswith("Eliminate unlawful discrimination")


def test_each_numbered_list_restarts_at_one(psed_docx: bytes) -> None:
    """Each list after a heading gets its own numbering, so every list starts at 1."""
    document = open_docx(psed_docx)
    numbering = document.part.numbering_part.element
    ids = []
    for paragraph in document.paragraphs:
        if paragraph.style.name == "List Number":
            num = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
            ids.append(num.get(qn("w:val")))
    groups = [ids[:9], ids[9:12], ids[12:14]]

    assert 14 == len(ids)
    assert all(len(set(g)) == 1 for g in groups)
    assert 3 == len({g[0] for g in groups})
    for group in groups:
        num = next(n for n in numbering.iterchildren(qn("w:num")) if n.get(qn("w:numId")) == group[0])
        start = num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}")
        assert "1" == start.get(qn("w:val"))


def test_actions_are_bullets_under_their_objective(psed_docx: bytes) -> None:
    """Each objective is followed by "Actions:" and its actions as a bulleted list, both indented under it."""
    paragraphs = _paragraphs(psed_docx)
    first = next(i for i, (_, t) in enumerate(paragraphs) if "To promote cultural" in t)

    assert [
        ("List Continue", "Actions:"),
        ("List Bullet 2", "Multicultural events"),
    ] == paragraphs[first + 1 : first + 3]


def test_prose_markdown_becomes_word_lists(psed_docx: bytes) -> None:
    """A Markdown bullet list in a section body becomes Word bullets, with no literal dashes."""
    paragraphs = _paragraphs(psed_docx)
    we_aim = paragraphs.index(("Normal", "We aim to:"))

    assert "List Bullet" == paragraphs[we_aim + 1][0]
    assert not any(t.startswith(("- ", "* ")) for _, t in paragraphs)


def test_document_properties_come_from_the_data(psed_docx: bytes) -> None:
    """Title, subject, author and language are set from the plan."""
    core = open_docx(psed_docx).core_properties

    assert (
        "Public Sector Equality Duty Statement",
        "Public Sector Equality Duty Statement: InMAT Academies Trust",
        "InMAT Academies Trust",
        "en-GB",
    ) == (core.title, core.subject, core.author, core.language)


def test_a_name_too_long_for_a_property_is_cut_short_there() -> None:
    """Word properties hold 255 characters (python-docx refuses more): a longer name ends in an ellipsis there."""
    plan = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    name = "North " * 60 + "Academy"
    plan = attrs.evolve(plan, organisation=attrs.evolve(plan.organisation, name=name))

    data = equality_docs.render(plan, kind="psed-statement", fmt="docx")

    core = open_docx(data).core_properties
    assert (255, 255) == (len(core.subject), len(core.author))
    assert (name[:254] + "\u2026", "\u2026") == (core.author, core.subject[-1])


HOSTILE = [
    "A & B <c> \"quoted\" 'single'",
    "{{ plan.title }} {% if x %}y{% endif %} {%p for %} {{p x }} {_{ }_}",
    "]]> <![CDATA[ &amp; &#x41; <script>alert(1)</script>",
    "Emoji 🏳️‍🌈 and scripts: 平等 مساواة समानता Ελληνικά",
    "*not bold* _not italic_ # not a heading | pipe \\ backslash `code`",
    "1. not a list",
]


def _hostile_plan(texts: list[str]) -> m.EqualityPlan:
    return m.EqualityPlan(
        title=texts[0],
        organisation=m.Organisation(name=texts[1], type=m.OrganisationType.SCHOOL),
        objectives=tuple(
            m.Objective(text=t, actions=(m.Action(text=t),)) for t in texts
        ),
    )


def test_user_text_appears_verbatim_in_word() -> None:
    """Markup-like user text is printed exactly, never interpreted or dropped."""
    data = equality_docs.render(_hostile_plan(HOSTILE), kind="psed-statement", fmt="docx")
    texts = [t for _, t in _paragraphs(data)]

    assert [] == [h for h in HOSTILE if h not in texts]


def test_control_characters_never_make_a_broken_document() -> None:
    """Characters XML cannot hold are left out, and the document still opens."""
    data = equality_docs.render(
        _hostile_plan(["Bell\x07 and form\x0c feed", "Null\x00 byte", "ok"]),
        kind="psed-statement", fmt="docx",
    )
    texts = [t for _, t in _paragraphs(data)]

    assert "Bell and form feed" in texts


def test_rendering_is_byte_for_byte_reproducible_across_processes(tmp_path: Path) -> None:
    """The same input renders to the same bytes in two separate processes."""
    outputs = []
    for run in ("a", "b"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, "-m", "equality_docs", "render", str(EXAMPLES / "inmat-trust.yaml"),
             "--out", str(out)],
            check=True, capture_output=True, cwd=ROOT,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})

    assert outputs[0] == outputs[1]
    assert {"inmat-trust.psed-statement.docx", "inmat-trust.psed-statement.md",
            "inmat-trust.psed-statement.html"} <= set(outputs[0])


def test_zip_entries_have_fixed_times(psed_docx: bytes) -> None:
    """Every part of the .docx carries the same fixed time, not the clock's."""
    infos = zipfile.ZipFile(__import__("io").BytesIO(psed_docx)).infolist()

    assert {(1980, 1, 1, 0, 0, 0)} == {i.date_time for i in infos}


def test_scored_risk_shows_score_band_words_and_colour() -> None:
    """A risk's score is impact x probability, its band written in words and shown as a fill."""
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="Council"),
        appendices=(m.Appendix(title="Actions", outcomes=(m.OutcomeBlock(
            outcome="Stay safe",
            objectives=(m.Objective(text="Keep children safe", risks=(
                m.Risk(ref="R1", description="Budget cut", impact=4, probability=3),
            )),),
        ),)),),
    )
    document = open_docx(equality_docs.render(plan, kind="action-plan", fmt="docx"))
    risk_table = document.tables[-1]
    # One <w:tc> per printed column: a column spans several of the table's grid columns.
    cells = [_Cell(tc, risk_table) for tc in risk_table.rows[1]._tr.tc_lst]
    fill = cells[4]._tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}").get(qn("w:fill"))

    assert ("4", "3", "12 High", "F4B183") == (cells[2].text, cells[3].text, cells[4].text, fill)



@pytest.mark.parametrize("text", ["Text", ""])
def test_a_paragraph_number_with_a_control_character_still_makes_valid_xml(text: str) -> None:
    """A paragraph's number is user text: characters XML cannot hold are left out, as elsewhere."""
    from lxml import etree

    from equality_docs.renderers.prose import prose_to_word

    xml = prose_to_word(text, prefix="1\x1f.2")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    etree.fromstring(f'<w:body xmlns:w="{w}">{xml}</w:body>')  # strict: raises on a control character
    assert ">1.2<" in xml


@pytest.mark.parametrize("text", ["", "  \n"])
def test_empty_prose_still_prints_its_paragraph_in_its_style_after_its_number(text: str) -> None:
    """Prose with nothing in it is one paragraph of its style, holding its number (and nothing else)."""
    from lxml import etree

    from equality_docs.renderers.prose import prose_to_word

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = etree.fromstring(f'<w:body xmlns:w="{w}">{prose_to_word(text, style="BodyText", prefix="2.1")}</w:body>')

    assert (["BodyText"], "2.1") == (body.xpath("//w:pStyle/@w:val", namespaces={"w": w}), "".join(body.itertext()))
    assert len(body) == 1
