"""Properties over the whole model: round trips, and any text renders safely in every format."""

from __future__ import annotations

import collections
import html.parser
import os
import re

import attrs
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import equality_docs
from equality_docs import model as m
from equality_docs.kinds import FORMATS, KINDS
from equality_docs.load.converter import make_converter
from equality_docs.renderers.prose import xml_safe

from .docxdump import dump, open_docx
from .fill import fill_for
from .strategies import BY_CLASS, NAME, TEXT, plans

#: Each example renders 15 documents (five kinds, three formats), so this property runs fewer.
RENDER_EXAMPLES = 5 if os.environ.get("FAST") else (60 if os.environ.get("CI") else 15)


def test_every_model_class_has_a_strategy() -> None:
    """The strategies cover every attrs class the model exports."""
    derived = {m.Assessment}  # computed from a plan, never read from a file
    classes = {getattr(m, n) for n in m.__all__ if attrs.has(getattr(m, n))} - derived

    assert classes == set(BY_CLASS)


@pytest.mark.parametrize("cls", list(BY_CLASS), ids=lambda c: c.__name__)
def test_structure_unstructure_round_trip(cls: type) -> None:
    """structure(unstructure(x)) == x for every model class."""
    converter = make_converter()

    @given(BY_CLASS[cls])
    @settings(suppress_health_check=[HealthCheck.too_slow])
    def check(value: object) -> None:
        assert value == converter.structure(converter.unstructure(value), cls)

    check()


@given(plans)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_yaml_dump_load_round_trip(plan: m.EqualityPlan) -> None:
    """A plan written to YAML and read back is the same plan."""
    assert plan == equality_docs.loads(equality_docs.dumps(plan))


def _words(text: str) -> str:
    return " ".join(xml_safe(text).split())


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _md_tables_keep_columns(text: str) -> bool:
    """Return whether every row of every Markdown table has as many cells as its header."""
    for block in text.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if len({len(re.split(r"(?<!\\)\|", row)) for row in rows}) > 1:
            return False
    return True


@given(
    texts=st.lists(TEXT, min_size=1, max_size=4),
    owner=TEXT,
    name=NAME,
)
@example(texts=["0\n="], owner="x", name="x")  # an equals sign under a line: escaped, then printed bare
@settings(max_examples=RENDER_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_text_renders_verbatim_in_every_kind_and_format(
    texts: list[str], owner: str, name: str
) -> None:
    """
    Whatever text objectives and actions hold, every kind renders in every format: the .docx
    reopens and holds each text word for word, Markdown tables keep their columns, and HTML
    shows markup from data as text (XML-illegal characters are the only ones left out).
    """
    objectives = tuple(
        m.Objective(text=t, aims=(m.Aim.ADVANCE,), actions=(m.Action(text=t, owner=owner),))
        for t in texts
    )
    plan = m.EqualityPlan(
        organisation=m.Organisation(name=name, type=m.OrganisationType.SCHOOL),
        objectives=objectives,
        appendices=(m.Appendix(title="Actions", outcomes=(m.OutcomeBlock(outcome="Stay safe", objectives=objectives),)),),
        strategy=m.Strategy(priorities=(m.Priority(title=texts[0], bullets=tuple(texts)),)),
    )
    for kind in KINDS:
        for fmt in FORMATS:
            data = equality_docs.render(fill_for(kind, plan), kind=kind, fmt=fmt)
            if fmt == "docx":
                body = _words(dump(open_docx(data)))
                shown = texts if kind.name != "strategy" else texts[:1]
                assert all(_words(t) in body for t in shown), kind.name
            elif fmt == "md":
                assert _md_tables_keep_columns(data.decode())
            else:
                page = _Page()
                page.feed(data.decode())
                assert "script" not in page.tags
                text = _words(" ".join(page.text))
                assert all(_words(t) in text for t in texts if kind.name != "strategy")


#: Every Unicode line and paragraph separator, and what Markdown, HTML and Jinja give a meaning.
_SEPARATORS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
_SPECIALS = ["#", "# ", ">", "-", "- ", "*", "|", "<", "&", "{{", "{%", "    ", "1. ", "=", "`", "<b>",
             "[x](https://e.org)", "![i](https://e.org/i.png)", "&#65;", "a", "b c"]
PLAIN = st.lists(st.sampled_from(_SEPARATORS + _SPECIALS), min_size=1, max_size=10).map("".join)
#: Elements that would be structure made from plain text (br is how a line separator prints).
_STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "code", "a",
              "img", "script", "b", "p", "hr", "table", "tr", "td", "th", "em", "strong"}


def _plain_plan(text: str) -> m.EqualityPlan:
    objective = m.Objective(text=text, aims=(m.Aim.ADVANCE,), actions=(m.Action(text=text, owner=text),))
    return m.EqualityPlan(
        title=text,
        organisation=m.Organisation(name="School", type=m.OrganisationType.SCHOOL),
        objectives=(objective,),
        strategy=m.Strategy(priorities=(m.Priority(title=text, bullets=(text,)),)),
        sections=(m.Section(title=text, kinds=("strategy", "psed-statement")),),
    )


def _as_printed(text: str) -> str:
    """Return plain text as documents print it: \\v, \\f and \\x1c-\\x1e (which XML cannot hold)
    left out, each run of other separators, with the spaces around it, one line break."""
    text = re.sub("[\v\f\x1c-\x1e]", "", text)
    return re.sub("[ \t]*(?:(?:\r\n|[\n\r\x85\u2028\u2029])[ \t]*)+", "\n", text)


def _structure(html_text: str) -> collections.Counter[str]:
    page = _Page()
    page.feed(html_text)
    return collections.Counter(tag for tag in page.tags if tag in _STRUCTURE)


@given(text=PLAIN)
@settings(max_examples=RENDER_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_plain_text_never_makes_structure(text: str) -> None:
    """
    Plain (not Markdown) text with any line separator and any Markdown, HTML or Jinja special
    makes no heading, list, quote, code, link, image or raw HTML in .md (read as HTML) or .html
    beyond what the same document has with harmless text; the .docx holds it as printed.
    """
    from equality_docs.renderers.markdown import markdown_document_to_html

    assume(_as_printed(text).strip(" \t"))  # text printed as nothing leaves its line out: not structure
    hostile, harmless = _plain_plan(text), _plain_plan("x")
    for kind in ("strategy", "psed-statement", "objectives-plan"):
        for fmt in ("md", "html"):
            made = [equality_docs.render(p, kind=kind, fmt=fmt).decode() for p in (hostile, harmless)]
            if fmt == "md":
                made = [markdown_document_to_html(t) for t in made]
            assert _structure(made[1]) == _structure(made[0]), (kind, fmt)
        body = dump(open_docx(equality_docs.render(hostile, kind=kind, fmt="docx")))
        printed = _as_printed(text).strip(" ")
        assert all(line in body for line in printed.split("\n")), kind
