"""
HTML tables are converted without Python-Markdown's inline patterns, and give exactly its HTML:
for every example, for generated plans, for any cell text, and for tables a template could write.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.api import context_dict
from equality_docs.kinds import kinds_for
from equality_docs.renderers.markdown import _cell, markdown_document_to_html, render_markdown
from equality_docs.safe_text import make_markdown

from .conftest import EXAMPLES
from .strategies import NASTY, TEXT, plans

EXAMPLES_ = 5 if os.environ.get("FAST") else (60 if os.environ.get("CI") else 15)
MANY = 50 if os.environ.get("FAST") else (500 if os.environ.get("CI") else 150)


def _python_markdown(text: str) -> str:
    return str(make_markdown().convert(text))


def _markdown(plan: m.EqualityPlan) -> list[str]:
    return [
        render_markdown(kind.template_name("md"), context_dict(kind.build_context(plan)))
        for kind in kinds_for(plan)
    ]


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_converts_as_python_markdown_converts_it(example: str) -> None:
    for text in _markdown(equality_docs.load(EXAMPLES / example)):
        assert "<table>" not in text  # the examples' tables are Markdown tables
        assert markdown_document_to_html(text) == _python_markdown(text)


@given(plan=plans)
@settings(max_examples=EXAMPLES_, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_plan_converts_as_python_markdown_converts_it(plan: m.EqualityPlan) -> None:
    for text in _markdown(plan):
        assert markdown_document_to_html(text) == _python_markdown(text)


@given(cells=st.lists(st.one_of(TEXT, st.lists(TEXT, max_size=3)), min_size=1, max_size=4))
@settings(max_examples=MANY, deadline=None)
def test_any_cell_converts_as_python_markdown_converts_it(cells: list[object]) -> None:
    """Whatever a cell holds, written by the `cell` filter, its HTML is Python-Markdown's."""
    row = "| " + " | ".join(str(_cell(c)) for c in cells) + " |"
    text = "| " + " | ".join(f"H{i}" for i in range(len(cells))) + " |\n|" + "---|" * len(cells) + "\n" + row
    assert markdown_document_to_html(text) == _python_markdown(text)


RAW = st.lists(st.one_of(NASTY, st.sampled_from(["`a|b`", "\\|", "*em*", "**", "&amp;", "&#65;", "<br>", ":", "-"]),
                         st.text(max_size=5)), max_size=5).map("".join)


@given(
    rows=st.lists(st.lists(RAW, min_size=1, max_size=4), min_size=1, max_size=4),
    separator=st.sampled_from(["|---|---|", "|:---|---:|", "| :-: | --- |", "|---|"]),
    before=st.sampled_from(["", "Intro\n\n", "- item\n\n", "# Heading\n\n"]),
)
@settings(max_examples=MANY, deadline=None)
def test_any_table_a_template_writes_converts_as_python_markdown_converts_it(
    rows: list[list[str]], separator: str, before: str
) -> None:
    """Raw cells (code spans, escaped pipes, emphasis, entities), any alignment, any neighbour."""
    lines = ["| " + " | ".join(cells) + " |" for cells in rows]
    text = before + lines[0] + "\n" + separator + "\n" + "\n".join(lines[1:]) + "\n\nAfter."
    assert markdown_document_to_html(text) == _python_markdown(text)


_PIPES = """
organisation: {name: Anytown Council, type: council}
objectives:
  - text: Close the gap
    aims: [advance]
    characteristics: [race]
    evidence: ["Survey | 2024"]
    targets: [{label: "Target 1:", text: "x | y", baseline: "1%"}]
    actions: [{text: Train staff, owner: HR}]
"""


@pytest.mark.parametrize("kind", ["objectives-plan", "objectives-statement", "action-plan"])
def test_a_pipe_in_a_blocks_text_stays_in_its_cell(kind: str) -> None:
    """A "|" in a target's or evidence's text is escaped in a Markdown table cell: every row has as many columns as its header."""
    page = equality_docs.render(equality_docs.loads(_PIPES), kind=kind, fmt="md").decode("utf-8")
    rows = [line for line in page.splitlines() if line.startswith("|")]

    assert any("x \\| y" in row for row in rows) and any("Survey \\| 2024" in row for row in rows)
    assert len({line.replace("\\|", "").count("|") for line in rows}) == 1
