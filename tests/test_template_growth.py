"""
One operation of a template cannot make a text past the document's size limit: `%` and
`str.format` widths, `~`, `+` and joins are refused before they run, in the template's words;
within the limit they give their ordinary results.
"""

from __future__ import annotations

import json

import pytest

from equality_docs.renderers.templates import make_environment
from equality_docs.sandbox import TemplateRunError, template_limits
from equality_docs.template_growth import format_size, joined_size, json_size, percent_size

DOUBLING = "{%% set ns = namespace(x='ab') %%}{%% for i in range(40) %%}{%% set ns.x = %s %%}{%% endfor %%}{{ ns.x|length }}"


def _render(source: str, *, autoescape: bool = True) -> str:
    template = make_environment(subfolder=None, autoescape=autoescape).from_string(source)
    with template_limits(size_limit=1_000_000):
        return template.render()


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ '%300000000s' % '' }}", "formatting text with % would make a text of 300,000,013 characters"),
        ("{{ '%.300000000f' % 1 }}", "formatting text with %"),
        ("{{ '%*d' % (300000000, 1) }}", "formatting text with %"),
        ("{{ '%300000000s'|format('') }}", "the format filter would make"),
        ("{{ '{:>300000000}'.format('') }}", "str.format() would make"),
        ("{{ '{x:>300000000}'.format_map({'x': ''}) }}", "str.format_map() would make"),
        (DOUBLING % "ns.x ~ ns.x", "joining values with ~ would make a text of 1,048,576 characters"),
        (DOUBLING % "ns.x + ns.x", "joining two values with + would make"),
        (DOUBLING % "[ns.x, ns.x]|join", "the join filter would make"),
        (DOUBLING % "''.join([ns.x, ns.x])", "str.join() would make"),
        (DOUBLING % "ns.x|tojson", "the tojson filter would make"),
        (DOUBLING % "[ns.x]|tojson(indent=2)", "the tojson filter would make"),
    ],
    ids=["percent-width", "percent-precision", "percent-star", "format-filter", "format", "format-map",
         "tilde", "plus", "join-filter", "str-join", "tojson", "tojson-indented"],
)
@pytest.mark.parametrize("autoescape", [True, False], ids=["escaped", "plain"])
def test_a_text_grown_past_the_limit_in_one_operation_is_refused(source: str, said: str, autoescape: bool) -> None:
    """The operation is refused before it runs, saying what would pass the limit (and the limit)."""
    with pytest.raises(TemplateRunError) as raised:
        _render(source, autoescape=autoescape)

    assert said in str(raised.value)
    assert "past the limit of 1,000,000" in str(raised.value)


def test_growing_operations_within_the_limit_give_their_ordinary_results() -> None:
    """Formatting, joining and adding within the limit print as Jinja prints them."""
    source = ("{{ '%.2f' % 3.14159 }} {{ '%(a)s' % {'a': 5} }} {{ 7 % 3 }} {{ 1 + 2 }} {{ [1] + [2] }} "
              "{{ 'x' ~ 1 ~ none }} {{ '{:,}'.format(1234567) }} {{ '%s'|format('ab') }} {{ {'a': '<'}|tojson }} "
              "{{ ['a', 'b']|join(', ') }} {{ ', '.join(['c', 'd']) }} {{ 'a<' ~ ('<b>'|safe) }}")

    assert '3.14 5 1 3 [1, 2] x1None 1,234,567 ab {"a": "\\u003c"} a, b c, d a&lt;&lt;b&gt;' == _render(source)


@pytest.mark.parametrize(
    ("size", "made"),
    [
        (percent_size("%-8s|%5.1f%%", ("ab", 3.14159)), "%-8s|%5.1f%%" % ("ab", 3.14159)),  # noqa: UP031
        (percent_size("%(a)r", {"a": "x\ny"}), "%(a)r" % {"a": "x\ny"}),  # noqa: UP031
        (format_size("{0:>12} {1!r}", ("a", "b\tc")), "{0:>12} {1!r}".format("a", "b\tc")),  # noqa: UP030
        (format_size("{:{w}}", ("a", 9)), "{:{}}".format("a", 9)),
        (joined_size(["ab", "c", ""], ", "), "ab, c, "),
        (json_size('a\\"<\U0001f600'), json.dumps('a\\"<\U0001f600').replace("<", "\\u003c")),
        (json_size(["ab", {"c": 1}], 2), json.dumps(["ab", {"c": 1}], indent=2)),
    ],
)
def test_the_size_worked_out_is_never_less_than_the_text_made(size: int, made: str) -> None:
    """The bound is an upper bound: what the operation makes is never longer."""
    assert len(made) <= size
