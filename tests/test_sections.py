"""Nested, numbered and placed sections, and lists after their lead-in, in every kind and format."""

from __future__ import annotations

import html
import re

import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.context.sections import flatten_sections, placed_sections
from equality_docs.errors import InputError
from equality_docs.renderers.prose import heading_to_word, markdown_to_html, tidy_lists

from .docxdump import body_items, open_docx, paragraph_text
from .fill import fill_for

KINDS = (
    "objectives-statement", "psed-statement", "strategy", "objectives-plan", "action-plan", "annual-report",
)

PLAN = """
organisation: {name: Fernhill Council, type: council}
section_numbering: "1."
sections:
  - title: Our approach
    place: before
    body: |
      We will do this by:
      - listening to residents
      - testing our forms
        - with disabled residents
    numbering: "(i)"
    sections:
      - title: Listening
        body: Residents' panels meet each quarter.
        sections:
          - title: Panels
            numbering: "A)"
            sections:
              - title: Rural panel
  - title: Next steps
    place: after
    number: "9.9"
    body: We will report each spring.
objectives:
  - text: Make every service reachable
    owner: Head of Customer Services
    actions: [Open the help desk five days a week]
"""

#: Every heading of the sections, in order: its level and its text.
EXPECTED = [
    (1, "1. Our approach"),
    (2, "(i) Listening"),
    (3, "(i) Panels"),
    (4, "A) Rural panel"),
    (1, "9.9 Next steps"),
]


@pytest.fixture(scope="module")
def plan() -> m.EqualityPlan:
    return equality_docs.loads(PLAN)


@pytest.mark.parametrize(
    ("style", "numbers"),
    [
        ("1.", ["1.", "2.", "3."]),
        ("1", ["1", "2", "3"]),
        ("(i)", ["(i)", "(ii)", "(iii)"]),
        ("I.", ["I.", "II.", "III."]),
        ("A)", ["A)", "B)", "C)"]),
        ("a.", ["a.", "b.", "c."]),
        ("Objective one", ["Objective one", "Objective two", "Objective three"]),
        ("Stage One", ["Stage One", "Stage Two", "Stage Three"]),
        ("Target 1:", ["Target 1:", "Target 2:", "Target 3:"]),
    ],
)
def test_number_styles_print_their_counter(style: str, numbers: list[str]) -> None:
    """Each numbering style prints its counter with the words before and the punctuation after it."""

    assert numbers == [m.NumberStyle(style).number(n) for n in (1, 2, 3)]


def test_hierarchical_numbering_numbers_under_the_parent() -> None:
    """The "1.1" style numbers a section under its parent's number, at any depth."""
    style = m.NumberStyle("1.1")

    assert ["1", "3.2", "3.2.4", "4.1"] == [
        style.number(1), style.number(2, "3"), style.number(4, "3.2"), style.number(1, "4."),
    ]


def test_letters_and_roman_numbers_go_on_past_the_alphabet() -> None:
    """Letters run on to "aa" after "z"; roman numbers are written in full."""

    assert ["z", "aa", "xiv", "XL"] == [
        m.NumberStyle("a").number(26), m.NumberStyle("a").number(27),
        m.NumberStyle("i").number(14), m.NumberStyle("I").number(40),
    ]


def test_a_numbering_style_without_a_counter_is_refused_with_its_line() -> None:
    """A numbering style with no counter is an input error naming the line, the field and examples."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads('organisation: {name: X}\nsections:\n  - title: A\n    numbering: "x.y"\n')

    assert "4: sections[0].numbering: expected a numbering style" in str(caught.value)
    assert '"(i)"' in str(caught.value)


def test_sections_nested_five_deep_are_refused_at_the_fifth_level() -> None:
    """Sections nest four levels at most (Heading 1-4): a fifth level is an input error at its own line."""
    text = "organisation: {name: X}\nsections:\n" + "".join(
        "  " * (2 * depth) + f"  - title: S{depth}\n" + "  " * (2 * depth) + "    sections:\n"
        for depth in range(4)
    ) + "  " * 8 + "  - title: S4\n"
    with pytest.raises(InputError) as caught:
        equality_docs.loads(text)

    assert (
        "11: sections[0].sections[0].sections[0].sections[0].sections[0]: this section is at level 5, "
        "and sections nest at most 4 levels deep"
    ) in str(caught.value)


def test_flattened_sections_come_in_order_with_their_levels(plan: m.EqualityPlan) -> None:
    """The tree is flattened parent first, each view with its level and its heading as printed."""
    views = flatten_sections(plan.sections, numbering=plan.section_numbering, inherited=plan.section_numbering)

    assert EXPECTED == [(v.level, v.heading) for v in views]


def test_sections_print_before_or_after_the_objectives(plan: m.EqualityPlan) -> None:
    """`place: before` sections (and those inside them) come before the objectives, the rest after."""
    placed = placed_sections(plan, "psed-statement")

    assert (["Our approach", "Listening", "Panels", "Rural panel"], ["Next steps"]) == (
        [v.title for v in placed.before], [v.title for v in placed.after],
    )


def test_a_section_without_place_or_kinds_stays_in_the_action_plan_only() -> None:
    """As before sections could be placed, a section naming no kinds and no place is the action plan's."""
    plan = equality_docs.loads("organisation: {name: X}\nsections: [{title: Introduction}]\n")

    assert ([], ["1. Introduction"]) == (
        [v.heading for v in placed_sections(plan, "psed-statement").after],
        [v.heading for v in placed_sections(
            plan, "action-plan", default=m.Placement.BEFORE, numbering=m.NumberStyle("1.")
        ).before],
    )


def _markdown_headings(text: str) -> list[tuple[int, str]]:
    return [
        (len(hashes) - 1, title.replace("\\", ""))
        for hashes, title in re.findall(r"^(#{2,6}) (.*)$", text, re.MULTILINE)
    ]


def _html_headings(text: str) -> list[tuple[int, str]]:
    return [
        (int(level) - 1, html.unescape(re.sub(r"<[^>]+>", "", inner)))
        for level, inner in re.findall(r"<h([2-6])[^>]*>(.*?)</h\1>", text, re.DOTALL)
    ]


def _docx_headings(data: bytes) -> list[tuple[int, str]]:
    return [
        (int(item.style.name.split()[-1]), paragraph_text(item))  # type: ignore[union-attr]
        for kind, item in body_items(open_docx(data))
        if kind == "p" and item.style.name.startswith("Heading ")  # type: ignore[union-attr]
    ]


def _of_sections(headings: list[tuple[int, str]]) -> list[tuple[int, str]]:
    wanted = {text for _, text in EXPECTED}
    return [h for h in headings if h[1] in wanted]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_kind_prints_nested_sections_in_order_at_their_levels(
    plan: m.EqualityPlan, kind: str, fmt: str
) -> None:
    """Each kind prints every section, in order, its heading at its level (Word Heading N, Markdown and HTML one down)."""
    data = equality_docs.render(fill_for(kind, plan), kind=kind, fmt=fmt)
    headings = (
        _docx_headings(data) if fmt == "docx"
        else _markdown_headings(data.decode()) if fmt == "md" else _html_headings(data.decode())
    )

    assert EXPECTED == _of_sections(headings)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_sections_before_come_before_the_objectives_and_after_after(plan: m.EqualityPlan, fmt: str) -> None:
    """In the PSED statement, the placed sections surround the objectives as their places say."""
    data = equality_docs.render(fill_for("psed-statement", plan), kind="psed-statement", fmt=fmt)
    text = (
        "\n".join(paragraph_text(i) for k, i in body_items(open_docx(data)) if k == "p")  # type: ignore[arg-type]
        if fmt == "docx" else data.decode()
    )
    order = [text.index(s) for s in ("Rural panel", "Make every service reachable", "Next steps")]

    assert sorted(order) == order


def test_a_lead_in_and_its_nested_list_are_word_lists(plan: m.EqualityPlan) -> None:
    """A list typed straight after its lead-in, nested by two spaces, prints as Word list paragraphs."""
    data = equality_docs.render(plan, kind="objectives-statement", fmt="docx")
    items = [
        (item.style.name, paragraph_text(item))  # type: ignore[union-attr]
        for kind, item in body_items(open_docx(data))
        if kind == "p"
    ]
    start = next(n for n, (_, text) in enumerate(items) if text == "We will do this by:")

    assert [
        ("List Bullet", "listening to residents"),
        ("List Bullet", "testing our forms"),
        ("List Bullet 2", "with disabled residents"),
    ] == items[start + 1 : start + 4]


def test_a_lead_in_and_its_list_are_an_html_list(plan: m.EqualityPlan) -> None:
    """The same lead-in and list print in HTML as a paragraph and a nested list."""
    page = equality_docs.render(plan, kind="objectives-statement", fmt="html").decode()

    assert re.search(
        r"<p>We will do this by:</p>\s*<ul>\s*<li>listening to residents</li>\s*<li>testing our forms\s*<ul>\s*"
        r"<li>with disabled residents</li>",
        page,
    )


def test_tidy_lists_leaves_text_without_lists_alone() -> None:
    """Text with no list lines, or a dash inside a line, is kept exactly as written."""
    text = "A first line\nA second - with a dash\n\nA new paragraph"

    assert text == tidy_lists(text)


def test_a_wrapped_line_starting_with_a_year_stays_in_its_paragraph() -> None:
    """A hard-wrapped line that starts with a year and a full stop is text, not a numbered item."""
    text = "The review was published in March\n2024. It found three gaps."

    assert text == tidy_lists(text)


def test_a_numbered_list_after_its_lead_in_is_a_list() -> None:
    """A numbered list typed straight after its lead-in line is a numbered list."""

    assert "<ol>\n<li>one</li>\n<li>two</li>\n</ol>" in markdown_to_html("We will:\n1. one\n2. two")


def test_a_word_heading_escapes_its_text_and_keeps_to_four_levels() -> None:
    """A heading paragraph holds its text escaped, in Heading1-Heading4 whatever level it is asked for."""

    assert (
        '<w:p><w:pPr><w:pStyle w:val="Heading4"/></w:pPr><w:r><w:t>'
        "A &amp; &lt;B&gt;</w:t></w:r></w:p>"
    ) == heading_to_word("A & <B>", 7)


SLOTTED = """
organisation: {name: Fernhill Council, type: council}
sections:
  - id: purpose
    title: Why we set objectives
    body: We listened first.
    numbering: "a."
    sections:
      - title: What residents told us
        sections:
          - title: In the survey
objectives: [Make every service reachable]
"""


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_sections_inside_a_placed_section_follow_it_one_level_down(fmt: str) -> None:
    """A section a layout places by id prints the sections inside it after its text, from level 2."""
    plan = equality_docs.loads(SLOTTED)
    data = equality_docs.render(plan, kind="objectives-statement", fmt=fmt)
    headings = (
        _docx_headings(data) if fmt == "docx"
        else _markdown_headings(data.decode()) if fmt == "md" else _html_headings(data.decode())
    )
    start = headings.index((1, "Why we set objectives"))

    assert [(2, "a. What residents told us"), (3, "a. In the survey")] == headings[start + 1 : start + 3]
