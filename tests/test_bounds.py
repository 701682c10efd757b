"""
One operation of a template cannot make a text past the document's size limit: `%` and
`str.format` widths, `~`, `+` and joins are refused before they run, in the template's words;
within the limit they give their ordinary results.
"""

from __future__ import annotations

import jinja2
import pytest
from markupsafe import Markup

from equality_docs.bounds import joined_size, percent_size, spec_size
from equality_docs.renderers.templates import make_environment
from equality_docs.sandbox import TemplateRunError, template_limits

DOUBLING = "{%% set ns = namespace(x='ab') %%}{%% for i in range(40) %%}{%% set ns.x = %s %%}{%% endfor %%}{{ ns.x|length }}"


def _render(source: str, *, autoescape: bool = True) -> str:
    template = make_environment(subfolder=None, autoescape=autoescape).from_string(source)
    with template_limits(size_limit=1_000_000):
        return template.render()


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("{{ '%300000000s' % '' }}", "formatting text with % would make a text of 300,000,"),
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
        ("{{ '{0:>{1}}'.format('', 300000000) }}", "str.format() would make"),
        ("{{ '{0:>{1}}'.format('', '300000000') }}", "str.format() would make"),
        ("{{ '{0[0]:>{0[1]}}'.format(['x', 300000000]) }}", "str.format() would make"),
        ("{% macro d(s) %}{{ s }}{{ s }}{% endmacro %}" + DOUBLING % "d(ns.x)", "a block's text would make"),
        ("{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set y %}{{ ns.x }}{{ ns.x }}{% endset %}"
         "{% set ns.x = y %}{% endfor %}", "a block's text would make"),
        (DOUBLING % "ns.x|pprint", "the pprint filter would make"),
        ("{% set ns = namespace(x='x') %}{% for i in range(400) %}{% set ns.x = [ns.x] %}{% endfor %}"
         "{{ ns.x|tojson(3000) }}", "the tojson filter would make"),
        ("{% set s = 'x' * 100000 %}{{ ('%(a)s' * 100) % {'a': s} }}", "formatting text with % would make"),
        ("{% set s = 'x' * 100000 %}{{ [s] * 100 }}", "printing a list or mapping would make"),
        ("{% set s = 'x' * 100000 %}{{ ([s] * 100)|string }}", "the string filter would make"),
        ("{% set s = 'x' * 100000 %}{{ '{0!r}'.format([s] * 100) }}", "str.format() would make"),
        ("{{ ('x' * 10000)|wordwrap(1, wrapstring='y' * 1000) }}", "the wordwrap filter would make"),
        ("{{ ('\U0001F600' * 100000)|urlencode }}", "the urlencode filter would make"),
        ("{{ ('\t' * 1000).expandtabs(tabsize=100000) }}", "str.expandtabs() would make"),
        ("{% set s = \"'\" * 300000 %}{{ ('%s'|safe) % s }}", "formatting text with % would make"),
        ("{% set s = \"'\" * 300000 %}{{ ('x'|safe).join([s]) }}", "str.join() would make"),
        ("{% set s = 'x' * 300000 %}{{ (s|safe).replace('x', \"'\") }}", "str.replace() would make"),
    ],
    ids=["percent-width", "percent-precision", "percent-star", "format-filter", "format", "format-map",
         "tilde", "plus", "join-filter", "str-join", "tojson", "tojson-indented", "format-nested-width",
         "format-text-width", "format-indexed-width", "macro", "set-block", "pprint", "tojson-deep",
         "percent-key-repeated", "printed-list", "string-filter", "format-repr", "wordwrap", "urlencode",
         "expandtabs-keyword", "markup-percent", "markup-join", "markup-replace"],
)
@pytest.mark.parametrize("autoescape", [True, False], ids=["escaped", "plain"])
def test_a_text_grown_past_the_limit_in_one_operation_is_refused(source: str, said: str, autoescape: bool) -> None:
    """The operation is refused before it runs, saying what would pass the limit (and the limit)."""
    with pytest.raises(TemplateRunError) as raised:
        _render(source, autoescape=autoescape)

    assert said in str(raised.value)
    assert "the limit of 1,000,000" in str(raised.value)


@pytest.mark.parametrize("source", ["{{ 'a'.encode() }}", "{{ 'abc'.translate({97: 'bb'}) }}"])
def test_text_methods_that_make_bytes_or_replacement_tables_are_refused(source: str) -> None:
    """A template has no use for `encode` or `translate`, whose results the size checks do not measure."""
    with pytest.raises(jinja2.exceptions.SecurityError):
        _render(source)


def test_batch_and_slice_are_refused_past_the_range_limit() -> None:
    """Filling a batch or slicing into more lists than `range()` may hold is refused before the lists are made."""
    for source in ("{{ [1]|batch(1000000, 0)|list }}", "{{ [1]|slice(1000000)|list }}"):
        with pytest.raises(TemplateRunError, match="may make at most 100,000 lists"):
            _render(source)


class _Group:
    """A value whose own text is not to be made: only its field is printed."""

    heading = "Heading"

    def __str__(self) -> str:
        raise AssertionError("the whole value was made into text")


def test_a_formatted_field_is_measured_alone_not_the_value_it_is_read_from() -> None:
    """`"{0.heading}".format(group)` measures the heading printed, never the whole group (which may be a table)."""
    template = make_environment(subfolder=None, autoescape=True).from_string(
        "{{ '{0.heading}'.format(group) }} {{ '%(k)s' % {'k': 'a', 'group': group} }} {{ [group]|join(attribute='heading') }}")
    with template_limits():
        assert "Heading a Heading" == template.render(group=_Group())


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
        (percent_size("%(a)r", {"a": "x\ny\U0001f600"}), "%(a)r" % {"a": "x\ny\U0001f600"}),  # noqa: UP031
        (percent_size("%f", 1e300), "%f" % 1e300),  # noqa: UP031
        (percent_size("%x", 2**20000), "%x" % 2**20000),
        (spec_size(">12") + 1, "{0:>12}".format("a")),  # noqa: UP030
        (spec_size("f") + len(str(1e300)), f"{1e300:f}"),
        (joined_size(["ab", "c", ""], ", "), "ab, c, "),
        (joined_size(["a&", Markup("<b>")], escaped=True), str(Markup("").join(["a&", Markup("<b>")]))),
    ],
)
def test_the_size_worked_out_is_never_less_than_the_text_made(size: int, made: str) -> None:
    """The bound is an upper bound: what the operation makes is never longer."""
    assert len(made) <= size


def test_lists_and_numbers_a_template_makes_are_bounded_too() -> None:
    """A list of more than `MAX_ITEMS` items, and numbers multiplied past the power limit, are refused before they are made."""
    for source, said in (("{{ ('x' * 2000000)|list|length }}", "may make at most 1,000,000 lists or items"),
                         ("{{ ('x' * 2000000)|batch(1)|list|length }}", "may make at most 1,000,000 lists or items"),
                         ("{{ [1] * 2000000 }}", "would pass the limit of 1,000,000"),
                         ("{% set n = 2 ** 20000 %}{{ n * n }}", "the numbers multiplied are too large")):
        template = make_environment(subfolder=None, autoescape=True).from_string(source)
        with template_limits(), pytest.raises(TemplateRunError, match=said):
            template.render()


def test_batch_and_slice_take_their_arguments_by_name() -> None:
    """`batch(linecount=2)` and `slice(slices=2)` work as Jinja's do."""
    assert "[[1, 2], [3, 4]] [[1, 2], [3, 4]]" == _render(
        "{{ [1, 2, 3, 4]|batch(linecount=2)|list }} {{ [1, 2, 3, 4]|slice(slices=2)|list }}")
