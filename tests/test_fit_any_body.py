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
