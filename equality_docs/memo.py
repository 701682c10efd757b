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
    first argument is a text of at most `longest` characters, as `functools.lru_cache` keeps
    them (keyed by every argument and its type); a call with a longer text is not kept.
    """
    def decorate(function: F) -> F:
        kept = functools.lru_cache(maxsize=entries, typed=True)(function)

        @functools.wraps(function)
        def call(text: str, /, *args: Hashable) -> Any:
            return (kept if len(text) <= longest else function)(text, *args)

        call.cache_info = kept.cache_info  # type: ignore[attr-defined]  # lru_cache's, for tests
        return cast("F", call)

    return decorate
