"""
What the loader refuses beyond a field's own type, each at the line of what is wrong and with
a suggestion: a misspelt word (did you mean), a section nested too deep, a section naming an
unknown document kind or a place it cannot have (or beside an objective the plan does not
hold), and a grouping order naming no aim or characteristic.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import cattrs

from equality_docs import model as m
from equality_docs.errors import ModelError
from equality_docs.fielddocs import FIELDS, SHARED
from equality_docs.model._vocabulary import normal
from equality_docs.model.grouping import named_value
from equality_docs.model.tables import INFORMATION_FIELDS

Step = str | int


class Refused(ValueError):
    """A value refused with a message of its own (not "expected ..., got ...") and a fix."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """
    Return the choice a misspelt word most likely means, or None: the closest spelling, else
    the one choice that starts with what was written ("psed" for psed-statement).
    """
    if not isinstance(word, str) or not normal(word):
        return None
    options = list(choices)
    by_normal = {normal(c): c for c in options}
    close = difflib.get_close_matches(normal(word), list(by_normal), n=1)
    if close:
        return by_normal[close[0]]
    starting = [c for n, c in by_normal.items() if len(normal(word)) >= 3 and n.startswith(normal(word))]
    return starting[0] if len(starting) == 1 else None


def suggestion(word: object, choices: Iterable[str]) -> str | None:
    """Return the hint `did you mean "x"?` for a misspelt word, or None."""
    found = did_you_mean(word, choices)
    return f'did you mean "{found}"?' if found else None


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


def _too_deep(section: m.Section, level: int, path: tuple[Step, ...]) -> Iterable[tuple[Step, ...]]:
    """Yield the path of each section nested below the deepest heading level, from `section` down."""
    for n, inner in enumerate(section.sections):
        where = (*path, "sections", n)
        if level + 1 > m.MAX_SECTION_LEVEL:
            yield where
        else:
            yield from _too_deep(inner, level + 1, where)


def check_section(section: m.Section) -> None:
    """
    Refuse, in a top-level section (and the sections inside it), a section nested deeper than
    the four heading levels, a `kinds:` entry naming no document kind, and `place:` below the top.

    Raises:
        cattrs.ClassValidationError: every such problem, each at its own field path.
    """
    errors: list[Exception] = [_nested(path) for path in _too_deep(section, 1, ())]
    errors += _kinds_and_places(section, (), top=True)
    if errors:
        raise cattrs.ClassValidationError("while structuring a section", errors, m.Section)


def _nested(path: tuple[Step, ...]) -> Exception:
    error = Refused(
        f"this section is at level {m.MAX_SECTION_LEVEL + 1}, and sections nest at most "
        f"{m.MAX_SECTION_LEVEL} levels deep",
        "move it up a level, or write it as a list in the text of the section above",
    )
    return _attached(error, path)


def _attached(error: Exception, path: tuple[Step, ...]) -> Exception:
    """Return `error` at `path` inside a section, its first step noted on the outermost error."""
    inner = at(error, path[1:], m.Section) if len(path) > 1 else error
    inner.__notes__ = [
        *getattr(inner, "__notes__", []),
        cattrs.IterableValidationNote(f"Structuring index {path[0]}", path[0], m.Section) if isinstance(path[0], int)
        else cattrs.AttributeValidationNote(f"Structuring {path[0]}", path[0], m.Section),
    ]
    return inner


def _kinds_and_places(section: m.Section, path: tuple[Step, ...], *, top: bool) -> list[Exception]:
    errors: list[Exception] = []
    for n, kind in enumerate(section.kinds):
        if kind not in m.DOCUMENT_KINDS:
            guess = suggestion(kind, m.DOCUMENT_KINDS)
            errors.append(_attached(Refused(
                f'"{kind}" is not a kind of document',
                f"{guess + ' ' if guess else ''}the kinds are: {', '.join(m.DOCUMENT_KINDS)}",
            ), (*path, "kinds", n)))
    if not top and section.place is not None:
        errors.append(_attached(Refused(
            "place has effect only on a top-level section; a section inside another prints with it",
            "remove place:, or give it to the top-level section that holds this one",
        ), (*path, "place")))
    for n, inner in enumerate(section.sections):
        errors += _kinds_and_places(inner, (*path, "sections", n), top=False)
    return errors


def _beside_unknown(plan: m.EqualityPlan) -> list[Exception]:
    """Return, for each top-level section placed beside an objective the plan does not hold, its error."""
    names, unknown = plan.placed_beside_unknown()
    errors: list[Exception] = []
    for n, place in unknown:
        guess = suggestion(place.objective, names)
        listing = f"the objectives' ids are: {', '.join(names)}" if names else "the plan has no objectives with an id"
        error = _attached(Refused(
            f'no objective has the id "{place.objective}", so the section cannot be placed {place.side.value} it',
            f"{guess + ' ' if guess else ''}{listing}",
        ), ("place", place.side.value))
        group = cattrs.ClassValidationError("while structuring a section", [error], m.Section)
        group.__notes__ = [cattrs.IterableValidationNote(f"Structuring index {n}", n, m.Section)]
        errors.append(group)
    return errors


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


def check_order(plan: m.EqualityPlan) -> None:
    """
    Refuse a `grouping.order` entry naming no aim (or characteristic) when objectives are
    grouped by aim (or characteristic), nor any group in the plan's own words.

    Raises:
        cattrs.ClassValidationError: each such entry, at its place in the list.
    """
    grouping = plan.grouping
    if grouping is None or grouping.by not in (m.GroupKey.AIM, m.GroupKey.CHARACTERISTIC):
        return
    aims = grouping.by is m.GroupKey.AIM
    names = [a.short_name for a in m.Aim] if aims else [str(c.value) for c in m.Characteristic]
    own = _own_names(plan, grouping.by)
    errors: list[Exception] = []
    for n, entry in enumerate(grouping.order):
        if named_value(entry, grouping.by) is None and normal(entry) not in {normal(o) for o in own}:
            choices = [*names, *(str(a.value) for a in m.Aim if aims), *own]
            guess = suggestion(entry, choices)
            what = "an aim of the general duty" if aims else "a protected characteristic"
            errors.append(at(Refused(
                f'"{entry}" is not {what}, so no objective can be grouped under it',
                f"{guess + ' ' if guess else ''}name one of: {', '.join(names)}, or a group in the plan's own words",
            ), ("grouping", "order", n), m.EqualityPlan))
    if errors:
        raise cattrs.ClassValidationError("while structuring a plan", errors, m.EqualityPlan)


def check_information_columns(plan: m.EqualityPlan) -> None:
    """
    Refuse a column of `tables: information:` that names no column of any information table
    (nor `group` or `total`), at its place in the list, with a suggestion.

    Raises:
        cattrs.ClassValidationError: each such column.
    """
    spec = plan.tables.information
    if spec is None:
        return
    names = [*INFORMATION_FIELDS, *dict.fromkeys(c for t in plan.information for c in t.columns)]
    known = {normal(n) for n in names}
    errors = [
        at(Refused(
            f'no information table has a column "{column.field}"',
            f"{guess + ' ' if (guess := suggestion(column.field, names)) else ''}name one of: {', '.join(names)}",
        ), ("tables", "information", "columns", n), m.EqualityPlan)
        for n, column in enumerate(spec.columns) if normal(column.field) not in known
    ]
    if errors:
        raise cattrs.ClassValidationError("while structuring a plan", errors, m.EqualityPlan)


#: The column that names a table's objective, in the tables whose rows are objectives (or an objective's actions).
NAMING_COLUMN = {"statement": "text", "plan": "objective"}


def check_table_columns(plan: m.EqualityPlan) -> None:
    """
    Refuse an objectives statement or plan table whose columns leave out the one naming the
    objective (a column listed twice the model refuses as it is built: `placed_model_errors`).

    Raises:
        cattrs.ClassValidationError: each such table.
    """
    errors: list[Exception] = []
    for name, naming in NAMING_COLUMN.items():
        spec: m.TableSpec | None = getattr(plan.tables, name)
        if spec is not None and spec.columns and naming not in {column.field for column in spec.columns}:
            errors.append(at(Refused(
                f'the {name} table has no "{naming}" column, so no row would say which objective it is',
                f"add `{naming}` to its columns: it prints the objective's wording after its reference",
            ), ("tables", name, "columns"), m.EqualityPlan))
    if errors:
        raise cattrs.ClassValidationError("while structuring a plan", errors, m.EqualityPlan)


def placed_model_errors(error: Exception) -> Exception:
    """
    Return cattrs' error tree with each refusal a model class raised as it was built (a column
    listed twice) placed at the field it names below that class, its fix as the hint, so a
    file's message reads as the model's does in Python, at the line of what is wrong.
    """
    if isinstance(error, ModelError) and not getattr(error, "__notes__", None):
        refused: list[Exception] = []
        for each in (error, *error.more):
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


def _own_names(plan: m.EqualityPlan, by: m.GroupKey) -> list[str]:
    """Return the plan's own words for the groups: objectives' aims labels, characteristics' labels."""
    if by is m.GroupKey.AIM:
        return [o.aims_label for o in plan.all_objectives() if o.aims_label]
    labels = [r.label for r in plan.characteristics if r.label]
    return labels + [r.label for o in plan.all_objectives() for r in o.characteristics if r.label]


def _all_characteristics(value: Any, words: frozenset[str]) -> Any:
    """Return the plan's `characteristics:` with "all" read as the nine, in the Act's order."""
    if isinstance(value, str) and " ".join(value.split()).casefold() in words:
        return [c.value for c in m.Characteristic]
    return value


Hook = Callable[[Any, type], Any]


def read_plan(base: Hook, all_words: frozenset[str]) -> Hook:
    """
    Return the hook that reads a plan with `base`: `characteristics: all` stands for the nine;
    then its top-level sections' trees (too deep, unknown kinds, place below the top) and its
    grouping order are checked.
    """

    def structure(value: object, cls: type) -> Any:
        if isinstance(value, Mapping) and "characteristics" in value:
            value = {**value, "characteristics": _all_characteristics(value["characteristics"], all_words)}
        try:
            plan: m.EqualityPlan = base(value, cls)
        except (cattrs.ClassValidationError, cattrs.IterableValidationError) as exc:
            raise placed_model_errors(exc) from None
        errors: list[Exception] = []
        for n, section in enumerate(plan.sections):
            try:
                check_section(section)
            except cattrs.ClassValidationError as exc:
                exc.__notes__ = [cattrs.IterableValidationNote(f"Structuring index {n}", n, m.Section)]
                errors.append(exc)
        errors += _beside_unknown(plan)
        if errors:
            inner = cattrs.IterableValidationError("while structuring sections", errors, tuple)
            inner.__notes__ = [cattrs.AttributeValidationNote("Structuring sections", "sections", tuple)]
            raise cattrs.ClassValidationError("while structuring a plan", [inner], m.EqualityPlan)
        check_order(plan)
        check_information_columns(plan)
        check_table_columns(plan)
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
