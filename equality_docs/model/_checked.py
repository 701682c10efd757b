"""
Model classes checked when they are built, in Python as when a plan is loaded.

Every model class is `@attrs.frozen(kw_only=True, field_transformer=checked_fields)`, which
gives each field an attrs converter made from the field's annotation (resolved on the first construction,
since the modules use `from __future__ import annotations`): a value of the right type passes
at once; a value the loader would accept ("advance" for an aim, "30/09/2025" for a date, a list
for a tuple, a mapping for a nested class, in the short form a file writes where the class
says what it stands for with `fields_of`) is converted; anything else is refused with a
`ModelError` naming the class, the field's path and the fix.

The enums' spellings (`Aim.parse("Advance")`) are in `_vocabulary.py`, used here and by the loader.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import attrs

from equality_docs.errors import ModelError
from equality_docs.model import dates
from equality_docs.model._refusals import suggestion
from equality_docs.model._vocabulary import Vocabulary, describe

T = TypeVar("T")
Convert = Callable[[Any], Any]


class Wrong(Exception):
    """A value a converter refused: where inside the field, and what is wrong with it."""

    def __init__(
        self, message: str, path: tuple[str | int, ...] = (), more: tuple[ModelError, ...] = ()
    ) -> None:
        self.message = message
        self.path = path
        #: Further refusals of the same object (a table's second unknown column), at their paths from here.
        self.more = more
        super().__init__(message)

    @classmethod
    def of(cls, error: ModelError) -> Wrong:
        """Return a nested object's refusal (and its others) as a value of this field refused."""
        return cls(error.problem, error.path, error.more)

    def under(self, step: str | int) -> Wrong:
        """Return this refusal one step further down: the value at `step` of a list."""
        more = tuple(ModelError(e.owner, (step, *e.path), e.problem) for e in self.more)
        return Wrong(self.message, (step, *self.path), more)


# Conversions for one type -------------------------------------------------------------------

def _text(value: Any) -> str:
    if isinstance(value, str):  # text marked as markup already (markupsafe's Markup) is taken as plain text
        return str.__str__(value) if hasattr(value, "__html__") else value
    if isinstance(value, bool):
        raise Wrong(f"expected text, got {describe(value)}; put text in quotes")
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    raise Wrong(f"expected text, got {describe(value)}")


def _int(value: Any) -> int:
    if not isinstance(value, bool):
        try:
            return operator.index(value)
        except TypeError:
            pass
    raise Wrong(f"expected a whole number, got {describe(value)}")


def _float(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise Wrong(f"expected a number, got {describe(value)}")


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Wrong(f"expected True or False, got {describe(value)}")


def parse_date(value: object) -> dt.date:
    """
    Return a day from a date or a day as the loader reads one ("30/09/2025", "2025-09-30").

    Raises:
        ValueError: the value is not a day, or names one that does not exist.
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        reading = dates.parse(value)  # a DateError (a ValueError) says what is wrong with the day
        if reading.kind == dates.Precision.DAY and reading.year and reading.month and reading.day:
            return dt.date(reading.year, reading.month, reading.day)
    raise ValueError(f"expected a date such as 30/09/2025 or 2025-09-30, got {describe(value)}")


def _date(value: Any) -> dt.date:
    try:
        return parse_date(value)
    except ValueError as exc:
        raise Wrong(str(exc)) from None


def _vocabulary(cls: type[Vocabulary]) -> Convert:
    def convert(value: Any) -> Any:
        try:
            return cls.parse(value)
        except ValueError as exc:
            raise Wrong(str(exc)) from None

    return convert


#: What a message asks for, for the classes that hold one text.
_EXPECTS = {
    "When": 'a date or period such as 30/09/2025, "Apr 2012", "2012/13" or "Spring 2"',
    "Quantity": 'a number, a percentage such as "51%", or text',
}
#: What a text is read with before it is kept, for the classes that refuse some texts.
_READS: dict[str, Callable[[str], object]] = {"When": dates.parse}  # "31/09/2025" names no day


def _from_text(cls: type) -> Convert:
    """Convert text to a class holding one text (When, Quantity, Prose)."""
    expects = _EXPECTS.get(cls.__name__, "text")
    reads = _READS.get(cls.__name__)

    def convert(value: Any) -> Any:
        if isinstance(value, dt.date | str | int | float) and not isinstance(value, bool):
            text = _text(value)
            if reads is not None:
                try:
                    reads(text)
                except ValueError as exc:
                    raise Wrong(str(exc)) from None
            return cls(text)
        raise Wrong(f"expected {expects}, got {describe(value)}")

    return convert


def build(cls: type[T], value: Mapping[str, Any]) -> T:
    """
    Return a model object built from a mapping of its fields.

    Raises:
        ModelError: a key is not a field of the class, or a value cannot be converted.
    """
    return cls(**{str(key): item for key, item in value.items()})


def keyword_problem(cls: type, given: Mapping[str, Any]) -> str | None:
    """
    Return what is wrong with the keywords a model class was given, in a user's words: a field it
    does not have (with the one likely meant) or a required one left out; None if neither.
    """
    fields = attrs.fields(cls)
    names = [f.name for f in fields]
    unknown = [key for key in given if key not in names]
    if unknown:
        guess = suggestion(unknown[0], names)
        return f"unknown field {unknown[0]!r}; {guess + ' ' if guess else ''}the fields are: {', '.join(sorted(names))}"
    missing = [f.name for f in fields if f.default is attrs.NOTHING and f.name not in given]
    if missing:
        return f"{missing[0]!r} is required; give it a value"
    return None


def keywords_checked(cls: type) -> None:
    """
    Make a model class refuse a misspelt or missing keyword with a `ModelError` naming the field
    (and the one likely meant), not a bare TypeError; and read its keywords through the class's
    `fields_of` where it has one (`Objective(characteristics="all")`, `Place(after="O3")`).
    """
    init = cls.__dict__["__init__"]
    fields_of: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = getattr(cls, "fields_of", None)

    def init_checked(self: Any, *args: Any, **kwargs: Any) -> None:
        if fields_of is not None:
            kwargs = dict(fields_of(kwargs))
        try:
            init(self, *args, **kwargs)
        except TypeError as exc:
            problem = None if args else keyword_problem(cls, kwargs)
            if problem is None or exc.__traceback__ is None or exc.__traceback__.tb_next is not None:
                raise  # raised inside __init__ (a bug), not by the call itself
            raise ModelError(cls.__name__, (), problem) from None

    init_checked.__doc__ = init.__doc__
    type.__setattr__(cls, "__init__", init_checked)


def _nested(cls: type) -> Convert:
    shorthand: Callable[[str], Any] | None = getattr(cls, "from_text", None)
    # A class a file also writes as a short mapping (`place: {after: O3}`, a column `{ref: No.}`)
    # says which fields such a mapping stands for.
    fields_of: Callable[[Mapping[str, Any]], Mapping[str, Any]] | None = getattr(cls, "fields_of", None)

    def convert(value: Any) -> Any:
        if isinstance(value, Mapping):
            try:
                return build(cls, value if fields_of is None else fields_of(value))
            except ModelError as exc:
                raise Wrong.of(exc) from None
        if shorthand is not None and isinstance(value, str):
            try:
                return shorthand(value)
            except ModelError as exc:
                raise Wrong.of(exc) from None
            except ValueError as exc:
                raise Wrong(str(exc)) from None
        words = "text or a mapping" if shorthand is not None else "a mapping"
        raise Wrong(f"expected a {cls.__name__} or {words} of its fields, got {describe(value)}")

    return convert


def _holds_only(value: tuple[Any, ...], exact: type) -> bool:
    """Return whether every item of a tuple is of exactly one type (so the tuple is kept as it is)."""
    for element in value:  # noqa: SIM110  # (a loop: a generator costs more than the few items a list holds)
        if type(element) is not exact:
            return False
    return True


def _tuple(item: Any) -> Convert:
    convert_item = converter_for(item)
    exact = _exact_type(item)
    pairs: Callable[[Any, Any], Any] | None = getattr(item, "from_pair", None)

    def convert(value: Any) -> tuple[Any, ...]:
        if type(value) is tuple and exact is not None and _holds_only(value, exact):
            return value
        if pairs is not None and isinstance(value, Mapping):
            made = []
            for index, (key, element) in enumerate(value.items()):
                try:
                    made.append(pairs(key, element))
                except ModelError as exc:
                    raise Wrong.of(exc).under(index) from None
            value = made
        if isinstance(value, Mapping):
            raise Wrong(f"expected a list, got {describe(value)}")
        if isinstance(value, str | bytes) or not isinstance(value, typing.Iterable):
            value = (value,)  # a single item where a list belongs is a list of one, as in a file
        result = []
        for index, element in enumerate(value):
            try:
                result.append(convert_item(element))
            except Wrong as exc:
                raise exc.under(index) from None
        return tuple(result)

    return convert


def _optional(inner: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)

    return convert


def _exact_type(tp: Any) -> type | None:
    return tp if isinstance(tp, type) and typing.get_origin(tp) is None else None


def _holds_text(cls: type) -> bool:
    """Return whether a class is built from one text, as `When("Apr 2012")` and `Quantity("51%")` are."""
    if not attrs.has(cls):
        return False
    fields = attrs.fields(cls)
    return len(fields) == 1 and fields[0].name == "text" and not fields[0].kw_only


def _plain(tp: Any) -> Convert:
    """Return the conversion of a value to a type that is not optional."""
    if typing.get_origin(tp) is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _tuple(args[0])
        raise TypeError(f"cannot check a fixed-length tuple {tp}")
    if tp is Any or tp is object:
        return lambda value: value
    if tp is bool:
        return _bool
    if tp is int:
        return _int
    if tp is float:
        return _float
    if tp is str:
        return _text
    if tp is dt.date:
        return _date
    if isinstance(tp, type) and issubclass(tp, Vocabulary):
        return _vocabulary(tp)
    if isinstance(tp, type) and _holds_text(tp):
        return _from_text(tp)
    if isinstance(tp, type) and issubclass(tp, str):  # Prose
        return _from_text(tp)
    if isinstance(tp, type) and attrs.has(tp):
        return _nested(tp)
    raise TypeError(f"cannot check values of type {tp}")


def converter_for(tp: Any) -> Convert:
    """Return a function that returns a value as type `tp`, or raises `Wrong`."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) != 1:
            raise TypeError(f"cannot check a union of several types {tp}")
        inner = _plain(rest[0])
        exact = _exact_type(rest[0])
        if exact is None:
            return _optional(inner)

        def optional(value: Any) -> Any:
            if value is None or type(value) is exact:
                return value
            return inner(value)

        return optional
    inner = _plain(tp)
    exact = _exact_type(tp)
    if exact is None:
        return inner

    def plain(value: Any) -> Any:
        return value if type(value) is exact else inner(value)

    return plain


# The field transformer ------------------------------------------------------------------------------


def _fast_types(tp: Any) -> set[type]:
    """Return the types a field's value is kept as it is without a further look (not tuples)."""
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return {t for a in args for t in _fast_types(a)} if type(None) in args else set()
    exact = _exact_type(tp)
    return set() if exact is None else {exact}


@functools.cache
def _hints(owner: type) -> dict[str, Any]:
    """Return a model class's field annotations, resolved once for all its fields."""
    return typing.get_type_hints(owner)


def _list_of(tp: Any) -> tuple[bool, type | None]:
    """Return whether a field's annotation is a list (`tuple[X, ...]`, optional or not), and the exact type of its items if it has one."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        tp = args[0]
    args = list(typing.get_args(tp))
    if typing.get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
        return True, _exact_type(args[0])
    return False, None


def _field_converter(owner: type, name: str) -> Convert:
    """
    Return the converter of one field. A value whose type is the field's (or None, where the
    field is optional) is returned at once; the first other value reads the field's annotation.
    """
    fast: set[type] = set()
    convert: Convert | None = None
    listed = False  # whether the field is a list (which an empty tuple is, as `_tuple` keeps it)
    item: type | None = None  # a list's item type, where every item of that exact type keeps the list as it is

    def convert_slowly(value: Any) -> Any:
        nonlocal convert, item, listed
        if convert is None:
            hint = _hints(owner)[name]
            convert = converter_for(hint)
            fast.update(_fast_types(hint))
            listed, item = _list_of(hint)
        try:
            return convert(value)
        except Wrong as exc:
            more = tuple(ModelError(owner.__name__, (name, *e.path), e.problem) for e in exc.more)
            raise ModelError(owner.__name__, (name, *exc.path), exc.message, more=more) from None

    def checked_field(value: Any) -> Any:
        kind = type(value)
        if kind in fast:
            return value
        if kind is tuple and listed and (not value or (item is not None and _holds_only(value, item))):
            return value  # as `_tuple` keeps it
        return convert_slowly(value)

    return checked_field


def checked_fields(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """
    Give every field of a model class a converter made from its annotation.

    Used on every model class as `@attrs.frozen(kw_only=True, field_transformer=checked_fields)`
    (attrs' own decorator, so type checkers read the class as they read any attrs class).
    """
    return [f.evolve(converter=_after(f.converter, _field_converter(cls, f.name))) for f in fields]


def _after(first: Any, convert: Convert) -> Convert:
    """Return `convert`, run after a converter the field already has (`ProgressNote.on`'s)."""
    if first is None:
        return convert
    return lambda value: convert(first(value))
