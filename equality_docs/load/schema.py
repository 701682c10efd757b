"""
A JSON Schema of the input format, generated from the model so it can never drift from it.
Editors (VS Code's YAML extension, for one) use it to check and complete plan files.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from typing import Any

import attrs

from equality_docs import model as m
from equality_docs.model.objective import ALL_WORDS

_SHORTHAND = {
    m.Action: "text", m.Objective: "text", m.Milestone: "text", m.Paragraph: "text", m.Target: "text",
    m.Grouping: "by",
}


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        inner = _type_schema(options[0], defs) if len(options) == 1 else {
            "anyOf": [_type_schema(o, defs) for o in options]
        }
        return {"anyOf": [inner, {"type": "null"}]}
    if origin is tuple:
        item = typing.get_args(tp)[0]
        if item is m.PeriodValue:
            return {
                "description": "Values per period: a mapping such as {2012/13: 869} or a list.",
                "anyOf": [
                    {"type": "object", "additionalProperties": {"type": ["string", "number", "null"]}},
                    {"type": "array", "items": _type_schema(item, defs)},
                ],
            }
        return {"type": "array", "items": _type_schema(item, defs)}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is dt.date:
        # Not "format": "date": a day may be written the UK way, 30/09/2025, as well as 2025-09-30.
        return {"type": "string", "description": "A day: 30/09/2025, 30.9.25, 30 September 2025 or 2025-09-30.",
                "examples": ["30/09/2025", "2025-09-30"]}
    if tp is m.When:
        return {"type": ["string", "integer"], "description": (
            "A date as written: 30/09/2025, 2025-09-30, Sept 2025, 2024/25, Spring 2, By Summer 1, "
            "Sept 2019 - Aug 2024, Termly, Ongoing."
        )}
    if tp is m.Quantity:
        return {"type": ["string", "number"], "description": "A number, 51%, 22ppts, -1%, or text."}
    if tp is m.Characteristic:
        return {"type": "string", "not": {"pattern": ALL_PATTERN}, "description": "A protected characteristic, by its statutory name or a common label.",
                "examples": [c.value for c in m.Characteristic]}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"type": "string", "enum": [member.value for member in tp]}
    if tp in (str, m.Prose):
        return {"type": "string"}
    if tp is m.NumberStyle:
        return {"type": "string", "description": "A numbering style: one counter (1, i, I, a, A, one, One) with "
                "words before it and punctuation after it; 1.1 numbers under the parent's number "
                "(under its position where the parent is numbered other than in figures).",
                "examples": ["1.", "1.1", "(i)", "A)", "a.", "Objective one", "Stage One"]}
    if tp is m.Place:  # a word, or one side of an objective by its id
        return {"anyOf": [
            {"type": "string", "enum": [p.value for p in m.Placement]},
            {"type": "object", "minProperties": 1, "maxProperties": 1, "additionalProperties": False,
             "properties": {p.value: {"type": "string"} for p in m.Placement},
             "description": "Beside one objective, by its id (else its ref): {after: O3} or {before: O4}."},
        ]}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _class_schema(tp, defs)
            if tp is m.Objective:
                _all_or_listed(defs[name])
        ref: dict[str, Any] = {"$ref": f"#/$defs/{name}"}
        if tp in _SHORTHAND:
            return {"anyOf": [ref, {"type": "string"}]}
        if tp is m.CharacteristicRef:  # a name or label, but not "all" in a list (`[all]`)
            return {"anyOf": [ref, {"type": "string", "not": {"pattern": ALL_PATTERN}}]}
        if tp is m.Column:  # a field name, `field: header`, or the full mapping
            one = {"type": "object", "minProperties": 1, "maxProperties": 1,
                   "additionalProperties": {"type": "string"}}
            return {"anyOf": [ref, {"type": "string"}, one]}
        return ref
    msg = f"no schema for {tp!r}"
    raise TypeError(msg)


def _any_case(words: str) -> str:
    """Return a JSON Schema pattern (no flags there) matching words in any case, any spaces between them."""
    return r"\s+".join("".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else re.escape(c) for c in w) for w in words.split())


#: The words standing for all nine characteristics, as the loader reads them: in any case, any spacing.
ALL_PATTERN = r"^\s*(" + "|".join(_any_case(w) for w in sorted(ALL_WORDS, key=len, reverse=True)) + r")\s*$"


def _all_or_listed(schema: dict[str, Any]) -> None:
    """
    Let a class's `characteristics` be the list, or one text: the words standing for all nine
    (`characteristics: all`), or one characteristic (a single item where a list belongs is a list of one).
    """
    listed = schema["properties"]["characteristics"]
    schema["properties"]["characteristics"] = {"anyOf": [listed, {
        "type": "string",
        "description": 'All nine: "all" or "All protected characteristics", on its own (not in a list); or one characteristic.',
    }]}


def _class_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties = {f.name: _type_schema(hints[f.name], defs) for f in attrs.fields(cls)}
    required = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]
    schema: dict[str, Any] = {
        "type": "object",
        "description": " ".join((cls.__doc__ or "").strip().split("\n\n")[0].split()),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        schema["required"] = required
    return schema


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of an input file."""
    defs: dict[str, Any] = {}
    root = _class_schema(m.EqualityPlan, defs)
    _all_or_listed(root)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "equality_docs plan",
        **root,
        "$defs": dict(sorted(defs.items())),
    }
