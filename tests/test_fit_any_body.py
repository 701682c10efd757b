"""
Documents for any organisation: the last faults found rendering bodies unlike the seeds
(empty columns, labels, kinds offered by nation, the Python API's refusal, Word table layout).
"""

from __future__ import annotations

import pytest

import equality_docs
from equality_docs.errors import InputError

from .docxdump import dump, open_docx

FORMATS = ["md", "html", "docx"]


def render_text(text: str, kind: str, fmt: str) -> str:
    """Return a rendering as text: Markdown and HTML as they are, Word as its dump."""
    data = equality_docs.render(equality_docs.loads(text), kind=kind, fmt=fmt)
    return dump(open_docx(data)) if fmt == "docx" else data.decode("utf-8")


def test_api_refuses_a_kind_the_plan_cannot_fill() -> None:
    """`render(plan, kind=...)` raises InputError naming the fields the kind needs, as the CLI does."""
    plan = equality_docs.loads("organisation: {name: Riverside Council, type: council}\n"
                               "objectives:\n  - text: Close the reading gap\n")
    with pytest.raises(InputError) as caught:
        equality_docs.render(plan, kind="strategy", fmt="md")
    assert "strategy" in str(caught.value)
    assert "priorities:" in str(caught.value)


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
    """Asking for the objectives statement for a Scottish body is refused, naming the nation and the kinds that fit."""
    with pytest.raises(InputError) as caught:
        equality_docs.render(equality_docs.loads(SCOTTISH), kind="objectives-statement", fmt="md")
    said = str(caught.value)
    assert "Scotland" in said and "England" in said and "objectives-plan" in said
