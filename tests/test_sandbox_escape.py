"""A template escapes each printed value as markupsafe does, taking a `Markup` as it is."""

from __future__ import annotations

import pytest
from markupsafe import Markup, escape

from equality_docs.renderers.templates import make_environment


class _Html:
    def __html__(self) -> str:
        return "<i>own</i>"


class _Marked(Markup):
    pass


@pytest.mark.parametrize("value", [
    "Tom & Jerry <b>", Markup("<b>kept</b>"), _Marked("<u>sub</u>"), _Html(), 42, None, ["<li>"],
])
def test_a_printed_value_is_escaped_as_markupsafe_escapes_it(value: object) -> None:
    """Text, markup, a Markup of a subclass, an object with `__html__`, a number, None and a list print as before."""
    template = make_environment(subfolder=None, autoescape=True).from_string("[{{ v }}]")

    assert f"[{escape(value)}]" == template.render(v=value)


def test_a_printed_markup_is_the_value_itself() -> None:
    """A `Markup` printed is given on as it is, not copied (markupsafe's `escape` makes a copy)."""
    template = make_environment(subfolder=None, autoescape=True).from_string("{{ v }}")
    value = Markup("<w:p/>")

    pieces = list(template.root_render_func(template.new_context({"v": value})))

    assert [value] == pieces
    assert pieces[0] is value
