"""Sections placed between objectives (`place: {after: O2}`): loading, refusing, and printing in every kind."""

from __future__ import annotations

import re

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.context.sections import placed_sections
from equality_docs.errors import InputError
from equality_docs.model._refusals import derived
from equality_docs.output.accessibility import check_docx

from .docxdump import body_items, open_docx, paragraph_text, table_rows

#: Four objectives, a section before them all, one between the second and third, one after them all.
OBJECTIVES = "".join(f"  - {{id: O{n}, text: {word} objective text, aims: [advance]}}\n" for n, word in
                     ((1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth")))
SECTIONS = (
    "sections:\n"
    "  - {title: Opening words, place: before, body: Before them all.}\n"
    "  - title: Working with partners\n"
    "    place: {after: O2}\n"
    "    body: Partners help us meet every objective.\n"
    "  - {title: Closing words, place: after, body: After them all.}\n"
)
HEAD = "title: Between test\norganisation: {name: Test School, type: school}\n"
#: The objectives statement, objectives plan, PSED statement and annual report print top-level objectives.
PLAN = HEAD + "reviews:\n  - {on: 2025-03-31, period: 2024/25}\n" + SECTIONS + "objectives:\n" + OBJECTIVES
STRATEGY = (
    HEAD + SECTIONS + "strategy:\n  priorities:\n    - title: Our one priority\n      objectives:\n"
    + re.sub(r"^  ", "        ", OBJECTIVES, flags=re.MULTILINE)
)
ACTION_PLAN = (
    HEAD + SECTIONS + "appendices:\n  - title: The plan\n    outcomes:\n      - outcome: Be safe\n"
    "        objectives:\n" + re.sub(r"^  ", "          ", OBJECTIVES, flags=re.MULTILINE)
)
#: The action plan prints the plan's own objectives too, after its narrative.
ACTION_PLAN_OWN = HEAD + SECTIONS + "actions: [A plan-wide action]\nobjectives:\n" + OBJECTIVES
#: The action plan prints an appendix's priorities as a table too, a priority's row over its objectives' rows.
ACTION_PLAN_PRIORITIES = (
    HEAD + SECTIONS + "appendices:\n  - title: The plan\n    priorities:\n      - title: Our one priority\n"
    "        objectives:\n" + re.sub(r"^  ", "          ", OBJECTIVES, flags=re.MULTILINE)
)
KINDS = {
    "objectives-statement": PLAN, "objectives-plan": PLAN, "psed-statement": PLAN, "annual-report": PLAN,
    "strategy": STRATEGY, "action-plan": ACTION_PLAN, "action-plan-own": ACTION_PLAN_OWN,
    "action-plan-priorities": ACTION_PLAN_PRIORITIES,
}
#: The kinds that print their objectives as a table, cut at the section.
TABLES = ("objectives-statement", "objectives-plan", "action-plan", "action-plan-own", "action-plan-priorities")


def _render(kind: str, fmt: str) -> bytes:
    """
    Return the kind's document of its test plan (`action-plan-own`: the action plan of the plan's
    own objectives; `action-plan-priorities`: of an appendix's priorities table).
    """
    document_kind = kind.removesuffix("-own").removesuffix("-priorities")
    return equality_docs.render(equality_docs.loads(KINDS[kind]), kind=document_kind, fmt=fmt)


def _refusal(text: str) -> str:
    with pytest.raises(InputError) as caught:
        equality_docs.loads(text)
    return str(caught.value).removeprefix("<input>:")


def test_a_section_is_placed_after_an_objective_by_its_id() -> None:
    """`place: {after: O2}` loads as the side and the objective's id."""
    plan = equality_docs.loads(PLAN)

    assert m.Place(side=m.Placement.AFTER, objective="O2") == plan.sections[1].place


def test_the_words_before_and_after_still_place_a_section_by_the_objectives() -> None:
    """`place: before` loads as before all the objectives, naming none."""
    plan = equality_docs.loads(PLAN)

    assert m.Place(side=m.Placement.BEFORE) == plan.sections[0].place


def test_an_objective_is_named_by_its_ref_where_it_has_no_id() -> None:
    """A section may name an objective by its ref when the plan writes no ids."""
    plan = equality_docs.loads(
        HEAD + "sections:\n  - {title: S, place: {before: Ob 2}}\nobjectives:\n  - {ref: Ob 1, text: A}\n"
        "  - {ref: Ob 2, text: B}\n"
    )

    assert "Ob 2" == plan.sections[0].place.objective  # type: ignore[union-attr]


def test_an_unknown_objective_id_is_refused_with_its_line_and_the_ids() -> None:
    """An id no objective has is refused at its line and field, listing the ids there are."""
    message = _refusal(PLAN.replace("after: O2", "after: O5"))

    assert message == (
        '8: sections[1].place.after: no objective has the id "O5", so the section cannot be placed after it '
        "(the objectives' ids are: O1, O2, O3, O4)"
    )


def test_a_misspelt_id_gets_did_you_mean() -> None:
    """A near spelling of an id suggests it."""
    message = _refusal(
        HEAD + "sections:\n  - {title: S, place: {after: fair-employer}}\nobjectives:\n"
        "  - {id: fair-employers, text: A}\n  - {id: services, text: B}\n"
    )

    assert 'did you mean "fair-employers"?' in message


def test_a_misspelt_side_is_refused_with_did_you_mean() -> None:
    """`place: {afer: O2}` is refused at the place, suggesting "after"."""
    message = _refusal(PLAN.replace("after: O2", "afer: O2"))

    assert message.startswith('8: sections[1].place: "afer" is not a side of an objective')
    assert 'did you mean "after"?' in message


def test_a_place_naming_two_objectives_is_refused() -> None:
    """`place: {after: O2, before: O3}` names two places, so it is refused with what to write."""
    message = _refusal(PLAN.replace("{after: O2}", "{after: O2, before: O3}"))

    assert message.startswith("8: sections[1].place: place names one side of one objective")


def test_a_misspelt_word_place_still_gets_did_you_mean() -> None:
    """`place: befor` keeps its message: the words, and the likely one."""
    message = _refusal(HEAD + "sections:\n  - {title: S, place: befor}\n")

    assert message == '4: sections[0].place: expected one of: before, after, got "befor" (did you mean "before"?)'


_IDS = st.lists(st.sampled_from(["O1", "O2", "eq-3", "Ob 4"]), min_size=1, max_size=4, unique=True)


@given(ids=_IDS, data=st.data())
def test_a_place_beside_an_objective_survives_dumps_and_loads(ids: list[str], data: st.DataObject) -> None:
    """`load(dumps(plan)) == plan` for sections placed beside objectives, and before or after them."""
    places = st.builds(m.Place, side=st.sampled_from(m.Placement), objective=st.none() | st.sampled_from(ids))
    plan = m.EqualityPlan(
        organisation=m.Organisation(name="A"),
        objectives=tuple(m.Objective(id=i, text=f"Objective {i}") for i in ids),
        sections=tuple(m.Section(title=f"S{n}", place=p) for n, p in enumerate(data.draw(st.lists(places)))),
    )

    assert plan == equality_docs.loads(equality_docs.dumps(plan))


def test_a_place_is_written_as_the_user_writes_it() -> None:
    """A place beside an objective is dumped as `{after: O2}`, one before them all as `before`."""
    text = equality_docs.dumps(equality_docs.loads(PLAN))

    assert ("place: before", "after: O2") == (
        re.search(r"place: before", text).group(0),  # type: ignore[union-attr]
        re.search(r"after: O2", text).group(0),  # type: ignore[union-attr]
    )


def _text(data: bytes, fmt: str) -> str:
    """Return a document's text in order: Word paragraphs and table rows, else the file's own text."""
    if fmt != "docx":
        return data.decode()
    lines = []
    for kind, item in body_items(open_docx(data)):
        if kind == "p":
            lines.append(paragraph_text(item))  # type: ignore[arg-type]
        else:
            lines += [" | ".join(row) for row in table_rows(item)]  # type: ignore[arg-type]
    return "\n".join(lines)


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_kind_prints_the_section_between_the_objectives(kind: str, fmt: str) -> None:
    """Each kind prints the sections in order: before, the second objective, between, the third, after."""
    text = _text(_render(kind, fmt), fmt)
    order = [text.index(s) for s in (
        "Before them all", "Second objective text", "Working with partners",
        "Partners help us meet every objective.", "Third objective text", "After them all",
    )]

    assert sorted(order) == order


def _header_rows(data: bytes, fmt: str) -> list[str]:
    """Return the header row of each objectives table, in order."""
    if fmt == "docx":
        tables = [table_rows(t) for k, t in body_items(open_docx(data)) if k == "table"]  # type: ignore[arg-type]
        return [" | ".join(t[0]) for t in tables if any("objective text" in " ".join(r) for r in t)]
    text = data.decode()
    if fmt == "md":
        blocks = re.findall(r"^(\|.*\|)\n\|[-|]+\|\n((?:\|.*\|\n)+)", text, re.MULTILINE)
        return [head for head, rows in blocks if "objective text" in rows]
    tables = re.findall(r"<table>.*?</table>", text, re.DOTALL)
    return [re.search(r"<thead>.*?</thead>", t, re.DOTALL).group(0) for t in tables  # type: ignore[union-attr]
            if "objective text" in t and "<thead>" in t]


@pytest.mark.parametrize("kind", TABLES)
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_table_of_objectives_is_cut_at_the_section_with_its_header_row_again(kind: str, fmt: str) -> None:
    """Where the objectives are a table, it is cut in two at the section, both parts under the same header row."""
    data = _render(kind, fmt)
    headers = _header_rows(data, fmt)

    assert (2, 1) == (len(headers), len(set(headers)))


@pytest.mark.parametrize("kind", ["objectives-statement", "objectives-plan"])
def test_the_second_part_of_a_cut_table_is_captioned_continued(kind: str) -> None:
    """The rows after the section have a caption of their own that still says what they are."""
    text = _render(kind, "html").decode()
    captions = re.findall(r"<caption>(.*?)</caption>", text)

    assert [captions[-2] + " (continued)"] == captions[-1:]


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_document_with_a_section_between_objectives_passes_the_output_check(kind: str) -> None:
    """Heading order, table headers on both parts of a cut table: the Word output check finds nothing (merged cells are only noted)."""
    data = _render(kind, "docx")

    assert [] == [f for f in check_docx(data) if f.severity != "info"]


def test_sections_are_numbered_in_the_order_they_are_printed() -> None:
    """`section_numbering` counts a section between objectives where it prints, whatever the plan's order."""
    plan = equality_docs.loads(
        "section_numbering: '1.'\n" + HEAD + "sections:\n  - {title: Closing, place: after}\n"
        "  - {title: Between, place: {before: O2}}\n  - {title: Opening, place: before}\n"
        "objectives:\n" + OBJECTIVES
    )
    placed = placed_sections(plan, "objectives-statement", printed=plan.objectives)

    assert (["1. Opening"], ["2. Between"], ["3. Closing"]) == (
        [v.heading for v in placed.before],
        [v.heading for v in placed.around(plan.objectives[1])[0]],
        [v.heading for v in placed.after],
    )


def test_a_section_beside_an_objective_not_printed_goes_where_it_would_have_been() -> None:
    """Beside a retired objective, the section follows the printed objective before it."""
    plan = equality_docs.loads(PLAN.replace("{after: O2}", "{before: O3}"))
    plan = attrs.evolve(plan, objectives=(
        *plan.objectives[:2], attrs.evolve(plan.objectives[2], retired=True), plan.objectives[3],
    ))
    placed = placed_sections(plan, "objectives-statement", printed=[o for o in plan.objectives if not o.retired])

    assert ((), ("Working with partners",)) == tuple(
        tuple(v.title for v in side) for side in placed.around(plan.objectives[1])
    )


def test_a_kind_that_prints_no_objectives_prints_the_section_at_the_end() -> None:
    """With no objectives printed, a section placed beside one comes with the sections after them."""
    plan = equality_docs.loads(PLAN)
    placed = placed_sections(plan, "strategy", printed=())

    assert ["Working with partners", "Closing words"] == [v.title for v in placed.after]


def test_in_a_grouped_document_the_section_goes_beside_the_objective_in_its_group() -> None:
    """Grouped by aim, the section after O2 comes after O2 within its group, before the next group's heading."""
    plan = equality_docs.loads(
        PLAN.replace("title: Between test", "title: Between test\ngrouping: aim")
        .replace("{id: O3, text: Third objective text, aims: [advance]}", "{id: O3, text: Third objective text, aims: [foster]}")
    )
    text = equality_docs.render(plan, kind="objectives-plan", fmt="md").decode()
    order = [text.index(s) for s in ("Second objective text", "Working with partners", "Fourth objective text",
                                     "### Foster good relations", "Third objective text")]

    assert sorted(order) == order


def test_an_objective_in_two_groups_has_its_section_once_at_its_first_appearance() -> None:
    """Grouped by characteristic, an objective listed under two groups is followed by its section in the first only."""
    plan = equality_docs.loads(
        PLAN.replace("title: Between test", "title: Between test\ngrouping: characteristic")
        .replace("{id: O2, text: Second objective text, aims: [advance]}",
                 "{id: O2, text: Second objective text, aims: [advance], characteristics: [age, race]}")
    )
    text = equality_docs.render(plan, kind="objectives-statement", fmt="md").decode()

    assert (1, 2) == (text.count("## Working with partners"), text.count("Second objective text"))
    assert text.index("Second objective text") < text.index("## Working with partners") < text.index("### Race")


def test_the_plan_names_its_objectives_and_the_sections_placed_beside_none_of_them() -> None:
    """`placed_beside_unknown` (used by the loader and check EQ148) gives the ids in plan order and each stray place."""
    plan = equality_docs.loads(PLAN)
    stray = m.Section(title="Partners", place=m.Place(side=m.Placement.BEFORE, objective="O9"))
    with derived():  # a plan holding one is refused as it is built, unless the model derives it
        plan = attrs.evolve(plan, sections=(*plan.sections, stray))

    assert (("O1", "O2", "O3", "O4"), ((3, stray.place),)) == plan.placed_beside_unknown()


@pytest.mark.parametrize("kind", ["action-plan", "action-plan-own"])
def test_in_the_action_plan_a_section_between_objectives_is_unnumbered(kind: str) -> None:
    """The action plan's headings around its objectives are unnumbered, so a section among them is too."""
    text = _render(kind, "md").decode()

    assert re.search(r"^#+ Working with partners$", text, re.MULTILINE)


def test_in_the_action_plan_the_sections_after_go_on_from_the_narratives_numbers() -> None:
    """A section placed between objectives takes no number, so the section after the appendices follows the narrative's."""
    text = _render("action-plan", "md").decode()

    assert ["## 1. Opening words", "## 2. Closing words"] == re.findall(r"^## \d.*$", text, re.MULTILINE)


def test_a_section_between_objectives_keeps_the_number_it_gives() -> None:
    """A section's own `number` prints in the action plan even between objectives."""
    plan = equality_docs.loads(ACTION_PLAN.replace("    place: {after: O2}\n", "    place: {after: O2}\n    number: A.\n"))
    text = equality_docs.render(plan, kind="action-plan", fmt="md").decode()

    assert re.search(r"^#+ A\. Working with partners$", text, re.MULTILINE)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_the_priorities_table_goes_on_after_the_section_with_its_prioritys_row_continued(fmt: str) -> None:
    """After a section cutting the priorities table, the rest opens with its priority's row again, "(continued)"."""
    text = _text(_render("action-plan-priorities", fmt), fmt)
    order = [text.index(s) for s in (
        "Our one priority", "Second objective text", "Partners help us meet every objective.",
        "Our one priority (continued)", "Third objective text",
    )]

    assert sorted(order) == order


def test_the_second_part_of_the_priorities_table_is_captioned_continued() -> None:
    """The priorities table's rows after the section have a caption of their own ending "(continued)"."""
    text = _render("action-plan-priorities", "html").decode()
    captions = re.findall(r"<caption>(.*?)</caption>", text)

    assert [captions[-2] + " (continued)"] == captions[-1:]
