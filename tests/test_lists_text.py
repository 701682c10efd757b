"""
Numbered lists restarted in the rendered text (the prepared path) are those `restart_lists`
gives on the parsed tree: the tree's pass is the oracle, over generated bodies read in pieces,
with paragraphs written in every way the text reader must either read or leave to the tree.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from equality_docs.renderers import docx as word
from equality_docs.renderers.prepared import _BodyText

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECLARATIONS = f'xmlns:w="{W}"'
#: Numbered styles and their lists (base), and each list's abstract definition.
NUMBERED = ({"ListNumber": 5, "ListNumber2": 6, "ListBullet": 7}, {5: 1, 6: 2, 7: 3})

STYLE = st.sampled_from(["ListNumber", "ListNumber", "ListNumber2", "ListBullet", "Heading1", "Title", "Normal", "ListNumber3"])
NUMBERING = st.sampled_from([
    "", "", "", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr>',  # none, or prose's mark
    '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="9"/></w:numPr>',  # the template's own
    '<w:numPr><w:numId w:val="-1"/><w:ilvl w:val="0"/></w:numPr>',  # prose's mark, written otherwise
    '<w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr>',
])
STYLE_TAG = st.sampled_from(['<w:pStyle w:val="{}"/>'] * 6 + ["<w:pStyle w:val='{}'/>", '<w:pStyle w:val="{}" />'])
CHANGE = st.sampled_from([
    "", "", "", "", '<w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:pPrChange>',
    '<w:pPrChange w:id="2"><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:pPrChange>',
    '<w:pPrChange w:id="3"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr></w:pPrChange>',
])
P_TAG = st.sampled_from(["<w:p>", "<w:p>", '<w:p w:rsidR="00AB">'])
PARAGRAPH = st.builds(
    lambda p, tag, style, numbering, change, text: (
        f"{p}<w:pPr>{tag.format(style)}{numbering}{change}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"
    ),
    P_TAG, STYLE_TAG, STYLE, NUMBERING, CHANGE, st.sampled_from(["a", "b"]),
) | st.sampled_from([
    "<w:p><w:r><w:t>plain</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:jc w:val="left"/><w:pStyle w:val="ListNumber"/></w:pPr></w:p>',  # not first
    '<w:p><w:pPr><w:pStyle w:val="ListNumber"/> </w:pPr></w:p>',  # text after the style
    '<w:p><w:r><w:rPr><w:rStyle w:val="ListNumber"/></w:rPr></w:r></w:p>',  # a run's style
    '<w:p><w:rPr><w:pStyle w:val="ListNumber"/></w:rPr></w:p>',  # a style where none belongs
])
TABLE = st.lists(PARAGRAPH, min_size=1, max_size=3).map(
    lambda ps: f"<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc>{''.join(ps)}</w:tc></w:tr></w:tbl>"
)
BODY = st.lists(PARAGRAPH | TABLE, min_size=1, max_size=12).map("".join)


def _body(inner: str) -> Any:
    return etree.fromstring(f"<w:body {DECLARATIONS}>{inner}</w:body>")


def _pieces(inner: str, cuts: list[int]) -> list[str]:
    """Cut the text after ends of paragraphs, as the prepared path renders it."""
    ends = [i + len("</w:p>") for i in range(len(inner)) if inner.startswith("</w:p>", i)]
    points = sorted({ends[c % len(ends)] for c in cuts} if ends else set())
    return [inner[a:b] for a, b in zip([0, *points], [*points, len(inner)], strict=True) if b > a]


def _through_text(inner: str, cuts: list[int]) -> tuple[bytes, list[tuple[int, int]], bool]:
    text = _BodyText(DECLARATIONS, {}, NUMBERED, readable=True)
    body = _body("".join(text.read(_pieces(inner, cuts))))
    lists = text.lists
    added = lists.state.added if lists.done else word.restart_lists(body, NUMBERED, lists.state)
    return etree.tostring(body), added, lists.done


@settings(max_examples=500, deadline=None)
@given(BODY, st.lists(st.integers(min_value=0, max_value=40), max_size=4))
def test_lists_restarted_in_the_text_are_those_of_the_tree(inner: str, cuts: list[int]) -> None:
    """The same numbering and the same lists added, whether read from the text, the tree, or both in turn."""
    tree = _body(inner)
    added = word.restart_lists(tree, NUMBERED)
    ours, ours_added, _ = _through_text(inner, cuts)
    assert (etree.tostring(tree), added) == (ours, ours_added)


def test_usual_paragraphs_are_numbered_in_the_text() -> None:
    """Word's and prose's usual paragraphs are read from the text alone, lists restarting after a heading."""
    inner = "".join([
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>',
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="-1"/></w:numPr></w:pPr></w:p>',
    ])
    xml, added, done = _through_text(inner, [1, 3])
    assert done
    assert [(8, 1), (9, 1), (10, 1)] == added  # new lists after the template's last
    ids = [n.get(f"{{{W}}}val") for n in etree.fromstring(xml).iter(f"{{{W}}}numId")]
    assert ["8", "8", "9", "10"] == ids


def test_a_paragraph_written_otherwise_is_left_to_the_tree() -> None:
    """A style in single quotes, after some read from the text: the tree goes on where the text stopped."""
    inner = (
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr></w:p>'
        "<w:p><w:pPr><w:pStyle w:val='ListNumber'/></w:pPr></w:p>"
    )
    xml, added, done = _through_text(inner, [2])
    assert not done
    assert [(8, 1), (9, 1)] == added
    assert ["8", "9", "9"] == [n.get(f"{{{W}}}val") for n in etree.fromstring(xml).iter(f"{{{W}}}numId")]
