"""
The one way a model object refuses what is wrong beyond a field's own type (a section nested too
deep, a column listed twice, a section placed beside an objective the plan does not hold): each
class's rules yield faults, and `refuse` raises them as one `ModelError` as the object is built,
in Python as when a file is loaded (the loader places each fault at its line, in the same words).

A plan the model derives from a checked one (`plan.current()` leaving out retired objectives, a
section beside one of them included) is a view, not input: it is built `derived()`, unchecked.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
from collections.abc import Iterable, Iterator

from equality_docs.errors import ModelError
from equality_docs.model._vocabulary import normal

Path = tuple[str | int, ...]
#: One thing refused: its path below the object being built, what is wrong, and how to mend it.
Fault = tuple[Path, str, str | None]

_DERIVED: contextvars.ContextVar[bool] = contextvars.ContextVar("derived", default=False)


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


def refuse(owner: str, faults: Iterable[Fault]) -> None:
    """
    Raise the faults found in a model object being built, if any: a `ModelError` at the first
    one's path, its problem "what is wrong; how to mend it", the others in `more`.

    Raises:
        ModelError: there is at least one fault.
    """
    found = [
        ModelError(owner, path, f"{message}; {hint}" if hint else message, hint=hint) for path, message, hint in faults
    ]
    if found:
        first, *more = found
        raise ModelError(first.owner, first.path, first.problem, more=tuple(more), hint=first.hint)


def checking() -> bool:
    """Return whether objects built now are checked as input (not while the model derives a view)."""
    return not _DERIVED.get()


@contextlib.contextmanager
def derived() -> Iterator[None]:
    """Build, inside this block, views of a checked plan that its own rules need not hold for."""
    token = _DERIVED.set(True)
    try:
        yield
    finally:
        _DERIVED.reset(token)
