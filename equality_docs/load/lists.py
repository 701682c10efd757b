"""
The converter's hooks for lists and optional values: a list (or one item where a list belongs) read
item by item with each item's fault at its index, `X | None`, and values by period.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import cattrs

from equality_docs import model as m
from equality_docs.load.values import DateProblem, ValueProblem
from equality_docs.model.dates import problem


def tuple_of(converter: cattrs.Converter, item: Any) -> Callable[[object, type], tuple[Any, ...]]:
    """Read a list as a tuple of `item`s (nothing as none, one item as a list of one), each item's fault at its index."""
    read: Callable[[Any, type], Any] | None = None

    def structure(value: object, _: type) -> tuple[Any, ...]:
        nonlocal read
        if type(value) is list:  # the commonest, first
            items: Any = value
        elif value is None:
            return ()
        elif isinstance(value, Mapping):
            raise ValueProblem("a list (lines starting with -)", value)
        else:  # a single item where a list belongs is read as a list of one
            items = value if isinstance(value, list | tuple) else [value]
        results: list[Any] = []
        errors: list[Exception] = []
        if read is None:  # what `converter.structure` finds for each item, found once (the converter is made by then)
            read = converter.get_structure_hook(item)
        for index, element in enumerate(items):
            try:
                results.append(read(element, item))
            except Exception as exc:  # noqa: BLE001  # gathered into one group, as cattrs does
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    cattrs.IterableValidationNote(f"Structuring index {index}", index, item),
                ]
                errors.append(exc)
        if errors:
            raise cattrs.IterableValidationError("while structuring a list", errors, tuple)
        return tuple(results)

    return structure


def is_optional(cls: Any) -> bool:
    """Whether a type is `X | None` (as cattrs reads an optional type)."""
    args = typing.get_args(cls)
    return typing.get_origin(cls) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def optional(converter: cattrs.Converter, cls: Any) -> Callable[[object, type], Any]:
    """Read `X | None` as cattrs does (None, else as an X), the hook for X found once, not for each value."""
    other = next(arg for arg in typing.get_args(cls) if arg is not type(None))
    read: Callable[[Any, type], Any] | None = None

    def structure(value: object, _: type) -> Any:
        nonlocal read
        if value is None:
            return None
        if read is None:  # found on first use, once the converter is made
            read = converter.get_structure_hook(other)
        return read(value, other)

    return structure


def _check_periods(values: Mapping[Any, Any] | list[Any]) -> None:
    """Refuse a period written as a date that names no real day ("31/09/2025"), at its own line."""
    errors: list[Exception] = []
    if isinstance(values, Mapping):
        for key in values:
            if isinstance(key, str) and (found := problem(key)) is not None:
                error: Exception = DateProblem(found)
                error.__notes__ = [cattrs.IterableValidationNote(f"Structuring key {key}", key, str)]
                errors.append(error)
    else:
        for index, item in enumerate(values):
            period = item.get("period") if isinstance(item, Mapping) else None
            if isinstance(period, str) and (found := problem(period)) is not None:
                inner = DateProblem(found)
                inner.__notes__ = [cattrs.AttributeValidationNote("Structuring period", "period", str)]
                error = cattrs.ClassValidationError("while structuring a period", [inner], m.PeriodValue)
                error.__notes__ = [cattrs.IterableValidationNote(f"Structuring index {index}", index, m.PeriodValue)]
                errors.append(error)
    if errors:
        raise cattrs.IterableValidationError("while structuring periods", errors, tuple)


def period_values(converter: cattrs.Converter) -> Callable[[object, type], tuple[Any, ...]]:
    """Read values by period: a mapping `2012/13: "51%"` or a list of {period:, value:}; a day that does not exist refused at its line."""
    as_list = tuple_of(converter, m.PeriodValue)

    def structure(value: object, cls: type) -> tuple[Any, ...]:
        if isinstance(value, Mapping):
            _check_periods(value)
            value = [{"period": key, "value": item} for key, item in value.items()]
        elif isinstance(value, list) and not all(isinstance(v, Mapping) for v in value):
            raise ValueProblem(
                "values by period", value, 'write one line per period, such as  2012/13: "51%"'
            )
        elif isinstance(value, list):
            _check_periods(value)
        return as_list(value, cls)

    return structure
