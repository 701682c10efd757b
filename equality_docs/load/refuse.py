"""
What the loader refuses beyond a field's own type, each at the line of what is wrong and with
a suggestion: a misspelt word (did you mean), a place written in a form it cannot have; and,
placed at their lines, the refusals the model makes as a plan is built (a section nested too
deep, a column listed twice, a section beside an objective the plan does not hold: one set of
rules, in `equality_docs.model`, for a file and for Python).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import cattrs

from equality_docs import model as m
from equality_docs.errors import ModelError
from equality_docs.fielddocs import FIELDS, SHARED
from equality_docs.model._refusals import suggestion

Step = str | int
Hook = Callable[[Any, type], Any]


class Refused(ValueError):
    """A value refused with a message of its own (not "expected ..., got ...") and a fix."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def at(error: Exception, path: Sequence[Step], cls: type) -> Exception:
    """Return an error placed at a field path below a value of `cls`, as cattrs nests its errors."""
    for step in reversed(path):
        error.__notes__ = [
            *getattr(error, "__notes__", []),
            cattrs.IterableValidationNote(f"Structuring index {step}", step, cls) if isinstance(step, int)
            else cattrs.AttributeValidationNote(f"Structuring {step}", step, cls),
        ]
        wrapper = cattrs.IterableValidationError if isinstance(step, int) else cattrs.ClassValidationError
        error = wrapper(f"while structuring {step}", [error], cls)
    return error


def read_place(side: Hook, text: Hook) -> Hook:
    """
    Return the hook that reads a section's `place`: a word read by `side` ("before", "after"),
    or a mapping of one of those words to the id (or ref) of an objective, read by `text`.
    """

    def structure(value: object, _: type) -> m.Place:
        if not isinstance(value, Mapping):
            return m.Place(side=side(value, m.Placement))
        sides = [str(s.value) for s in m.Placement]
        if len(value) != 1:
            raise Refused(
                "place names one side of one objective",
                "write one of `place: {before: O4}` or `place: {after: O3}`, with the objective's id",
            )
        key, objective = next(iter(value.items()))
        if key not in sides:
            guess = suggestion(key, sides)
            raise Refused(
                f'"{key}" is not a side of an objective: place takes before or after',
                f"{guess + ' ' if guess else ''}write `place: {{before: O4}}` or `place: {{after: O3}}`",
            )
        return m.Place(side=m.Placement(key), objective=text(objective, str))

    return structure


def placed_model_errors(error: Exception) -> Exception:
    """
    Return cattrs' error tree with each refusal a model class raised as it was built (a column
    listed twice) placed at the field it names below that class, its fix as the hint, so a
    file's message reads as the model's does in Python, at the line of what is wrong.
    """
    if isinstance(error, ModelError) and not getattr(error, "__notes__", None):
        refused: list[Exception] = []
        for each in (error, *error.more):
            if each.hint is not None and each.problem.endswith(f"; {each.hint}"):
                message, hint = each.problem[: -len(each.hint) - 2], each.hint
            else:
                message, _, hint = each.problem.rpartition("; ")
            refused.append(at(Refused(message or hint, hint if message else None), each.path, m.EqualityPlan))
        return refused[0] if len(refused) == 1 else cattrs.ClassValidationError(str(error), refused, m.EqualityPlan)
    if not isinstance(error, cattrs.ClassValidationError | cattrs.IterableValidationError):
        return error
    inner = [placed_model_errors(e) for e in error.exceptions]
    if all(new is old for new, old in zip(inner, error.exceptions, strict=True)):
        return error
    for new, old in zip(inner, error.exceptions, strict=True):
        if new is not old and getattr(old, "__notes__", None):
            new.__notes__ = [*getattr(new, "__notes__", []), *old.__notes__]
    placed = type(error)(error.message, inner, error.cl)
    placed.__notes__ = list(getattr(error, "__notes__", []))
    return placed


def read_plan(base: Hook) -> Hook:
    """
    Return the hook that reads a plan with `base`, `characteristics: all` standing for the nine
    as the model reads it; what the model refuses as the plan is built is placed at its lines.
    """

    def structure(value: object, cls: type) -> Any:
        if isinstance(value, Mapping):
            value = m.EqualityPlan.fields_of(value)
        try:
            plan: m.EqualityPlan = base(value, cls)
        except (cattrs.ClassValidationError, cattrs.IterableValidationError, ModelError) as exc:
            raise placed_model_errors(exc) from None
        return plan

    return structure


def read_grouping(base: Hook, key: Hook, number: type) -> Hook:
    """
    Return the hook that reads a grouping with `base`; written as just its key (`grouping: aim`),
    the key is read by `key`, so a misspelt one is refused at `grouping`, the key the user wrote.
    """

    def structure(value: object, cls: type) -> Any:
        if isinstance(value, str | number):
            return m.Grouping(by=key(value, m.GroupKey))
        return base(value, cls)

    return structure


def missing_hint(cls: type | None, path: Sequence[Step]) -> str | None:
    """Return what to write for a missing required field: "a target needs its text: `text: ...`"."""
    field = path[-1] if path else None
    if cls is None or not isinstance(field, str):
        return None
    entry = FIELDS.get(f"{cls.__name__}.{field}") or SHARED.get(field)
    if entry is None:
        return None
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in cls.__name__).strip()
    noun = "a plan" if cls is m.EqualityPlan else f"{'an' if words[0] in 'aeiou' else 'a'} {words}"
    return f"{noun} needs its {field.replace('_', ' ')}: `{entry[1]}`"
