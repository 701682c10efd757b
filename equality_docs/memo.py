"""
Results kept per text, for the values a document repeats (owners, dates, statuses, cells),
bounded both in entries and in the length of the texts kept: a long text is worked on each
time it comes, so a cache never holds a million-character text beyond the plan it came from.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])


def kept_for_short_texts(entries: int, longest: int) -> Callable[[F], F]:
    """
    Return a decorator keeping a function's result for each of its last `entries` calls whose
    texts (its first argument, and any other text it is given) hold at most `longest` characters
    together, as `functools.lru_cache` keeps them (keyed by every argument and its type); a call
    with longer texts is not kept.
    """
    def decorate(function: F) -> F:
        kept = functools.lru_cache(maxsize=entries, typed=True)(function)

        @functools.wraps(function)
        def call(text: str, /, *args: Hashable) -> Any:
            size = len(text) + sum(len(a) for a in args if isinstance(a, str))
            return (kept if size <= longest else function)(text, *args)

        call.cache_info, call.cache_clear = kept.cache_info, kept.cache_clear  # type: ignore[attr-defined]  # for tests
        return cast("F", call)

    return decorate
