"""
The two rules that read every text of a plan: characters a document cannot hold (EQ150), and
links to somewhere other than a web page or an email address (EQ151). One walk over the plan
serves both: it notes the Markdown texts with their paths, and whether any text at all could hold
such a character (almost never: then the rule that names each field need not look). A plan
the loader has just made from files none of whose texts holds "[" or such a character (see
`equality_docs.load.plain`) is not walked: neither rule has anything to find in it.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import weakref
from collections.abc import Callable
from typing import Any

import attrs

from equality_docs.check.rules import Found, Path_
from equality_docs.load.plain import known_plain
from equality_docs.model import EqualityPlan, Prose


def control_characters(plan: EqualityPlan, on: dt.date) -> Found:
    from equality_docs.load.converter import make_converter  # only this rule needs it
    from equality_docs.safe_text import xml_illegal

    if _texts(plan).clean:  # the common case: one search over all the plan's text finds nothing
        return

    def walk(value: Any, path: Path_) -> Found:
        if isinstance(value, str):
            bad = xml_illegal(value)
            if bad:
                codes = ", ".join(f"U+{ord(c):04X}" for c in sorted(set(bad)))
                yield path, f"holds characters a document cannot contain ({codes}); they are left out", (
                    "delete them: they often come from text pasted from other programs"
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))

    yield from walk(make_converter().unstructure(plan), ())


def unsafe_links(plan: EqualityPlan, on: dt.date) -> Found:
    from equality_docs.safe_text import refused_links

    for path, text in _texts(plan).prose:
        for target in refused_links(text) if "[" in text else ():  # (every link and image opens with "[")
            what = target[:80] if target.startswith("an image (") else f"a link to {target[:60]!r}"
            yield path, f"has {what}, which is printed as text", (
                "link only to a web page (https://...) or an email address (mailto:...); "
                "images are not fetched, so describe them in words"
            )


@attrs.frozen
class _Texts:
    """What one walk over a plan finds for the two text rules."""

    #: Each Markdown text in the plan's fields and lists, with its path, in the plan's order.
    prose: tuple[tuple[Path_, Prose], ...]
    #: Whether every text in the plan is known to hold only characters XML can (False: look closer).
    clean: bool


#: What the walk would find in a plan whose texts hold no "[" and no character XML cannot hold.
_PLAIN = _Texts(prose=(), clean=True)
#: The last plan walked (as a weak reference) and what was found: both text rules ask for it in turn.
_walked: tuple[weakref.ref[EqualityPlan], _Texts] | None = None


def _texts(plan: EqualityPlan) -> _Texts:
    """Return the Markdown texts of a plan and whether all its texts are clean, walking it once for both rules."""
    global _walked  # noqa: PLW0603  # one entry, replaced whole
    last = _walked
    if last is not None and last[0]() is plan:
        return last[1]
    if known_plain(plan):  # loaded from files whose texts hold no "[" and no such character
        return _PLAIN
    from equality_docs.safe_text import xml_illegal

    prose: list[tuple[Path_, Prose]] = []
    texts: list[str] = []
    strange: list[object] = []  # values of a kind the screen does not know: the exact rule looks at them
    _walk(plan, (), prose, texts, strange)
    found = _Texts(prose=tuple(prose), clean=not strange and not xml_illegal("".join(texts)))
    _walked = (weakref.ref(plan), found)
    return found


def _walk(value: object, path: Path_, prose: list[tuple[Path_, Prose]], texts: list[str], strange: list[object]) -> None:
    """
    Note each text under a model object or tuple (a plain walk: a chain of generators costs its
    depth per text): the Markdown ones with their paths; an empty tuple and a value that holds
    no text (a number, a date, an enumeration's member) are passed over without a call. What
    a value is taken for depends on its class alone, so it is worked out once for each class.
    """
    if type(value) is tuple:
        steps: Any = enumerate(value)
    else:
        names, get = _SHAPES.get(type(value)) or _shape(type(value))
        steps = zip(names, get(value), strict=True)
    for step, item in steps:
        if item is None:
            continue
        kind = type(item)
        if kind is str:
            texts.append(item)
            continue
        held = _HOLDS.get(kind)
        if held is None:
            held = _HOLDS[kind] = _holds(kind)
        if held == _NOTHING:
            pass
        elif held == _VALUES:
            if kind is not tuple or item:
                _walk(item, (*path, step), prose, texts, strange)
        elif held == _TEXT:
            texts.append(item)  # a str, as its class says
        elif held == _PROSE:
            prose.append(((*path, step), item))  # Prose, as its class says
            texts.append(item)
        else:
            strange.append(item)


#: What a value of a class holds, for the walk: a text (a member of a text enumeration, a numbering
#: style); Markdown text, noted with its path; values (a tuple's items, a model object's fields),
#: walked; nothing (a number, a date, an enumeration's member); or a kind the screen does not know
#: (the exact rule looks at it).
_TEXT, _PROSE, _VALUES, _NOTHING, _UNKNOWN = range(5)


def _holds(kind: type) -> int:
    """Return what a value of a class holds (the classes a plan holds are few: each is asked once per process)."""
    if issubclass(kind, Prose):
        return _PROSE
    if issubclass(kind, str):
        return _TEXT
    if kind is tuple or _fields_of(kind):
        return _VALUES
    if kind in _NO_TEXT or issubclass(kind, int | float | dt.date | enum.Enum):
        return _NOTHING
    return _UNKNOWN


def _shape(cls: type) -> tuple[tuple[str, ...], Callable[[Any], tuple[object, ...]]]:
    """Return the names of a model class's fields and what takes their values, in their order, in one call."""
    names = _fields_of(cls)
    if len(names) > 1:
        get: Callable[[Any], tuple[object, ...]] = operator.attrgetter(*names)
    else:  # (one name would give a value, not a tuple of one)
        get = lambda value: tuple(getattr(value, name) for name in names)  # noqa: E731
    _SHAPES[cls] = names, get
    return names, get


#: Values that hold no text.
_NO_TEXT = frozenset({type(None), int, float, bool, dt.date})
#: The field names of each class of the model (none for other values), found once per process.
_FIELDS: dict[type, tuple[str, ...]] = {}
#: The field names of each model class and what takes their values at once, found once per process.
_SHAPES: dict[type, tuple[tuple[str, ...], Callable[[Any], tuple[object, ...]]]] = {}
#: What a value of each class holds, found once per process.
_HOLDS: dict[type, int] = {}


def _fields_of(cls: type) -> tuple[str, ...]:
    """Return the names of a class's attrs fields, or none if it is not an attrs class."""
    names = _FIELDS.get(cls)
    if names is None:
        names = _FIELDS[cls] = tuple(f.name for f in attrs.fields(cls)) if attrs.has(cls) else ()
    return names
