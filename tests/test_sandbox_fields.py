"""The sandbox reads a public field of an attrs class at once, and still refuses what it refused."""

from __future__ import annotations

import attrs
import jinja2
import pytest

from equality_docs.renderers.templates import make_environment
from equality_docs.sandbox import Sandbox


@attrs.frozen
class _View:
    name: str
    fmt: object = None
    _inner: str = "hidden"

    def shout(self) -> str:
        return self.name.upper()


def _render(source: str, **values: object) -> str:
    return make_environment(subfolder=None, autoescape=False).from_string(source).render(**values)


def test_a_public_field_of_an_attrs_class_is_read_as_it_is() -> None:
    """A public field gives its value; a method of the class is still judged, and allowed."""
    assert "Ann ANN" == _render("{{ v.name }} {{ v.shout() }}", v=_View("Ann"))


@pytest.mark.parametrize("source", ["{{ v._inner }}", "{{ v.__class__ }}", "{{ v.name.__class__ }}"])
def test_an_attrs_class_still_hides_its_internals(source: str) -> None:
    """A field or attribute starting with "_" is refused, as before."""
    with pytest.raises(jinja2.exceptions.SecurityError):
        _render(source, v=_View("Ann"))


def test_a_str_format_held_in_a_field_is_checked_when_called() -> None:
    """A field read at once that holds `str.format` still cannot reach internals through it."""
    with pytest.raises(jinja2.exceptions.SecurityError):
        _render("{{ v.fmt(v) }}", v=_View("Ann", "{0.__class__.__mro__}".format))


def test_the_fields_the_sandbox_knows_are_bounded() -> None:
    """The sandbox keeps the public fields of at most as many classes as verdicts it keeps."""
    env = make_environment(subfolder=None, autoescape=False)
    assert isinstance(env, Sandbox)
    classes = [attrs.make_class(f"C{n}", ["x"]) for n in range(Sandbox._VERDICTS_KEPT + 10)]

    template = env.from_string("{{ v.x }}")
    printed = {template.render(v=cls(x=n)) for n, cls in enumerate(classes)}

    assert (len(classes), Sandbox._VERDICTS_KEPT) == (len(printed), len(env._fields))


def test_a_field_without_a_value_is_undefined_as_before() -> None:
    """A field an instance lacks (never set) is undefined, as any missing attribute is, not a Python error."""
    view = object.__new__(_View)

    with pytest.raises(jinja2.UndefinedError):
        _render("{{ v.name }}", v=view)
