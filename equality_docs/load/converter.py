"""
The one cattrs converter: strict about types (a misspelt key or a list where text belongs is an
error), forgiving about shorthand (an action may be written as a plain string).
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn, override

from equality_docs import model as m
from equality_docs.load.lists import is_optional, optional, period_values, tuple_of
from equality_docs.load.refuse import read_grouping, read_place, read_plan
from equality_docs.load.values import SourceText, ValueProblem, read_date
from equality_docs.model._refusals import suggestion
from equality_docs.model.dates import Precision
from equality_docs.model.numbering import EXAMPLES as NUMBERING_EXAMPLES
from equality_docs.model.objective import ALL_IN_A_LIST, says_all


def _text(value: object, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, SourceText):
        return value.source
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    hint = "put text in quotes" if isinstance(value, bool) else None
    raise ValueProblem("text", value, hint)


def _prose(value: object, _: type) -> m.Prose:
    return m.Prose(_text(value, str))


def _int(value: object, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise ValueProblem("a whole number", value)


def _float(value: object, _: type) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise ValueProblem("a number", value)


def _bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueProblem("true or false", value)


def _date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        reading = read_date(value)
        if reading.kind == Precision.DAY and reading.year and reading.month and reading.day:
            return dt.date(reading.year, reading.month, reading.day)
    raise ValueProblem("a date such as 30/09/2025 or 2025-09-30", value)


def _when(value: object, _: type) -> m.When:
    if isinstance(value, str | int | dt.date) and not isinstance(value, bool):
        text = _text(value, str)
        read_date(text)
        return m.When(text)
    raise ValueProblem('a date or period such as 30/09/2025, "Apr 2012", "2012/13" or "Spring 2"', value)


def _number_style(value: object, _: type) -> m.NumberStyle:
    try:
        return m.NumberStyle(_text(value, str))
    except ValueError:
        raise ValueProblem("a numbering style", value, f"write one such as {NUMBERING_EXAMPLES}") from None


def _quantity(value: object, _: type) -> m.Quantity:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return m.Quantity(_text(value, str))
    raise ValueProblem('a number, a percentage such as "51%", or text', value)


def _enum_hook(cls: type[m.Vocabulary]) -> Callable[[object, type], m.Vocabulary]:
    def structure(value: object, _: type) -> m.Vocabulary:
        try:
            return cls.parse(value)
        except ValueError:
            hint = suggestion(value, [str(member.value) for member in cls])
            raise ValueProblem(f"one of: {cls.choices()}", value, hint) from None

    return structure


def _characteristic(value: object, _: type) -> m.Characteristic:
    if not isinstance(value, str):
        raise ValueProblem("the name of a protected characteristic", value)
    try:
        return m.Characteristic.parse(value)
    except ValueError:
        hint = f"valid names: {m.Characteristic.choices()}; local groups such as SEND go under groups"
        if says_all(value):
            hint = ALL_IN_A_LIST
        raise ValueProblem("a protected characteristic", value, hint) from None



def _from_text(converter: cattrs.Converter, cls: type, field: str) -> Callable[[object, type], Any]:
    """Let a class be written as a plain string that fills one field (an action's text)."""
    base: Callable[[Any, type], Any] = converter.gen_structure_attrs_fromdict(cls)

    def structure(value: object, _: type) -> Any:
        if type(value) is dict:  # a mapping as a file gives it, the commonest: at once
            return base(value, cls)
        if isinstance(value, str | SourceText):
            value = {field: value}
        elif not isinstance(value, Mapping):
            raise ValueProblem(f"text or a mapping of {cls.__name__.lower()} fields", value)
        return base(value, cls)

    return structure


_CHILD_KEYS = {kind.value: kind for kind in m.ChildKind}


def _objective(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """
    Read an objective: its child blocks keep the order their keys are written in (unless it
    gives `order:`), and `characteristics: all` stands for the nine, printed in the plan's words.
    """
    base = _from_text(converter, m.Objective, "text")

    def structure(value: object, cls: type) -> Any:
        if isinstance(value, Mapping):
            value = dict(value)
            if "order" not in value:
                value["order"] = [key for key in value if key in _CHILD_KEYS]
            value = m.Objective.fields_of(value)
        return base(value, cls)

    return structure


def _unstructure_objective(converter: cattrs.Converter) -> Callable[[m.Objective], Any]:
    """
    Write an objective with its child blocks in printed order, which the reader takes as `order`;
    `order` itself only where it differs from the default, so the mapping builds the same object
    in Python too.
    """
    base = _unstructure_omitting_defaults(converter, m.Objective)

    def unstructure(objective: m.Objective) -> Any:
        data: dict[str, Any] = base(objective)
        order = data.pop("order", None)
        children = {kind.value: data.pop(kind.value) for kind in objective.order}
        if objective.order == tuple(kind for kind in m.ChildKind if kind in objective.order):
            order = None
        return {**data, **children, **({"order": order} if order else {})}

    return unstructure


#: How many characteristics' texts are remembered with the reference each reads as, and how long a text at most.
_REFS_KEPT, _REF_LENGTH = 1024, 64


def _short_texts(value: Mapping[Any, Any]) -> tuple[tuple[str, str], ...] | None:
    """Return a mapping of at most four short texts as its pairs (a key for what it reads as), else None."""
    if len(value) > 4:
        return None
    pairs = tuple(value.items())
    for key, text in pairs:
        if type(key) is not str or type(text) is not str or len(key) > _REF_LENGTH or len(text) > _REF_LENGTH:
            return None
    return pairs


def _characteristic_ref(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    base: Callable[[Any, type], Any] = converter.gen_structure_attrs_fromdict(m.CharacteristicRef)
    # A plan names the same few characteristics on every objective: each text's (frozen) reference is
    # made once, and each mapping's of a few short texts (`{characteristic: race, label: Race}`).
    made: dict[str | tuple[tuple[str, str], ...], m.CharacteristicRef] = {}

    def structure(value: object, cls: type) -> m.CharacteristicRef:
        if isinstance(value, str):
            if (ref := made.get(value)) is not None:
                return ref
            characteristic = _characteristic(value, m.Characteristic)
            # Keep the document's own wording unless it is just the statutory name.
            label = None if value == characteristic.value else value
            ref = m.CharacteristicRef(characteristic=characteristic, label=label)
            if len(made) < _REFS_KEPT and len(value) <= _REF_LENGTH:  # (a padded one would hold its padding)
                made[value] = ref
            return ref
        if not isinstance(value, Mapping):
            raise ValueProblem("a characteristic name or a mapping", value)
        key = _short_texts(value)
        if key is not None and (ref := made.get(key)) is not None:
            return ref
        result: m.CharacteristicRef = base(value, cls)
        if key is not None and len(made) < _REFS_KEPT:
            made[key] = result
        return result

    return structure


def _column(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """A column is a field name, a one-key mapping `field: header`, or `{field:, header:, note:}`."""
    base: Callable[[Any, type], Any] = converter.gen_structure_attrs_fromdict(m.Column)

    def structure(value: object, cls: type) -> Any:
        if isinstance(value, str):
            return m.Column(field=value)
        if isinstance(value, Mapping) and "field" not in value and len(value) == 1:
            (field, header), = value.items()
            return m.Column(field=_text(field, str), header=_text(header, str))
        if not isinstance(value, Mapping):
            raise ValueProblem('a field name, "field: header text" or {field:, header:, note:}', value)
        return base(value, cls)

    return structure


def _unstructure_column(column: m.Column) -> object:
    """Write a column as its name alone, else as the mapping of its fields (which builds it in Python too)."""
    if column.header is None and column.note is None:
        return column.field
    header = {} if column.header is None else {"header": column.header}
    note = {} if column.note is None else {"note": column.note}
    return {"field": column.field, **header, **note}


def _tables(converter: cattrs.Converter) -> Callable[[object, type], Any]:
    """Read `tables:` (the model refuses a column a table does not have, placed at its line by `read_plan`)."""
    base: Callable[[Any, type], Any] = converter.gen_structure_attrs_fromdict(m.Tables)

    def structure(value: object, cls: type) -> Any:
        if not isinstance(value, Mapping):
            raise ValueProblem("a mapping of tables (actions:, measures:)", value)
        return base(value, cls)

    return structure


def _mapping_hook(converter: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    base: Callable[[Any, type], Any] = converter.gen_structure_attrs_fromdict(cls)

    def structure(value: object, _: type) -> Any:
        if type(value) is not dict and not isinstance(value, Mapping):  # (a file's mapping, at once)
            raise ValueProblem(f"a mapping of {_words(cls.__name__)} fields", value)
        return base(value, cls)

    return structure


def _words(name: str) -> str:
    return "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()


def _is_tuple(cls: Any) -> bool:
    return typing.get_origin(cls) is tuple


def _unstructure_omitting_defaults(converter: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    overrides = {f.name: override(omit_if_default=True) for f in attrs.fields(cls)}
    return make_dict_unstructure_fn(cls, converter, **overrides)  # type: ignore[arg-type]  # cattrs' kwargs typing


@functools.cache
def make_converter() -> cattrs.Converter:
    """Return the configured converter (built once)."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook_factory(is_optional, lambda cls: optional(converter, cls))
    converter.register_structure_hook(str, _text)
    converter.register_structure_hook(m.Prose, _prose)
    converter.register_structure_hook(int, _int)
    converter.register_structure_hook(bool, _bool)
    converter.register_structure_hook(float, _float)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook(m.When, _when)
    converter.register_structure_hook(m.Quantity, _quantity)
    converter.register_structure_hook(m.NumberStyle, _number_style)
    converter.register_structure_hook(m.Characteristic, _characteristic)
    converter.register_structure_hook_factory(
        lambda cls: isinstance(cls, type) and issubclass(cls, m.Vocabulary)
        and cls is not m.Characteristic,
        _enum_hook,
    )
    converter.register_structure_hook_factory(
        _is_tuple, lambda cls: tuple_of(converter, typing.get_args(cls)[0])
    )
    # Registered after the general tuple hook, so it takes precedence for targets and results.
    converter.register_structure_hook_func(
        lambda cls: cls == tuple[m.PeriodValue, ...], period_values(converter)
    )
    converter.register_structure_hook(m.CharacteristicRef, _characteristic_ref(converter))
    shorthand: tuple[tuple[type, str], ...] = (
        (m.Action, "text"),
        (m.Milestone, "text"),
        (m.Paragraph, "text"),
    )
    for cls, field in shorthand:
        converter.register_structure_hook(cls, _from_text(converter, cls, field))
    converter.register_structure_hook(m.Target, _from_text(converter, m.Target, "text"))
    converter.register_structure_hook(m.Objective, _objective(converter))
    converter.register_structure_hook(m.TableSpec, _mapping_hook(converter, m.TableSpec))
    converter.register_structure_hook(m.Column, _column(converter))
    converter.register_structure_hook(m.Tables, _tables(converter))
    for plain in _plain_classes():
        converter.register_structure_hook(plain, _mapping_hook(converter, plain))
    converter.register_structure_hook(m.Labels, _mapping_hook(converter, m.Labels))  # before the plan's hook, made with it
    converter.register_structure_hook(
        m.Grouping, read_grouping(_mapping_hook(converter, m.Grouping), _enum_hook(m.GroupKey), SourceText)
    )
    converter.register_structure_hook(m.Place, read_place(_enum_hook(m.Placement), _text))
    converter.register_structure_hook(
        m.EqualityPlan, read_plan(_mapping_hook(converter, m.EqualityPlan))
    )

    converter.register_unstructure_hook(m.When, str)
    converter.register_unstructure_hook(m.Quantity, str)
    converter.register_unstructure_hook(m.Prose, str)
    converter.register_unstructure_hook(m.NumberStyle, str)
    converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    converter.register_unstructure_hook_factory(
        attrs.has, lambda cls: _unstructure_omitting_defaults(converter, cls)
    )
    converter.register_unstructure_hook_func(
        _is_tuple, lambda value: [converter.unstructure(item) for item in value]
    )
    converter.register_unstructure_hook(m.Column, _unstructure_column)
    converter.register_unstructure_hook(
        m.Place, lambda p: p.side.value if p.objective is None else {p.side.value: p.objective}
    )
    converter.register_unstructure_hook(m.Objective, _unstructure_objective(converter))
    return converter


def _plain_classes() -> tuple[type, ...]:
    return (
        m.EqualityPlan,
        m.Organisation,
        m.Contact,
        m.School,
        m.DocumentControl,
        m.ReviewFrequency,
        m.Section,
        m.Strategy,
        m.Priority,
        m.OutcomeBlock,
        m.Appendix,
        m.PerformanceMeasure,
        m.PeriodValue,
        m.Risk,
        m.RiskScale,
        m.RiskBand,
        m.ProgressNote,
        m.ProgressReview,
        m.ReviewInfo,
        m.ItemProgress,
        m.MeasureProgress,
        m.DataTable,
        m.DataRow,
    )
