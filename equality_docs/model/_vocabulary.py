"""
Closed vocabularies (the model's enums) and how their members may be written: by value or name,
in any case, with spaces, hyphens or underscores. One copy, used by the model when objects are
built in Python and by the loader when a file is read.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import Any, ClassVar, TypeVar

E = TypeVar("E", bound="Vocabulary")


def describe(value: object) -> str:
    """Return a value as a message shows it: quoted text, a number, a list, a mapping."""
    if value is None:
        return "nothing (None)"
    if isinstance(value, bool):
        return f"{value} (yes/no)"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f'"{shown}"'
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"a {type(value).__name__}"


def normal(text: str) -> str:
    """Return a name as compared: case, spaces, hyphens and underscores ignored."""
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


class Vocabulary(enum.Enum):
    """A closed vocabulary; `parse` reads a member from its value or name in any case."""

    __noun__: ClassVar[str] = "value"

    @classmethod
    def parse(cls: type[E], value: object) -> E:
        """
        Return the member a value names: the member, its value or its name, in any case.

        Raises:
            ValueError: the value names no member; the message lists the valid values.
        """
        if isinstance(value, cls):
            return value
        if isinstance(value, str):
            spellings = _spellings(cls)
            # A text written as compared ("advance") names its member at once; others are made so first.
            member: E | None = spellings.get(value)
            if member is None:
                member = spellings.get(normal(value))
            if member is not None:
                return member
        raise ValueError(f"{describe(value)} is not a {cls.__noun__}; use one of: {cls.choices()}")

    @classmethod
    def choices(cls) -> str:
        """Return the valid values as a message lists them."""
        return ", ".join(str(member.value) for member in cls)


_SPELLINGS: dict[type[Vocabulary], dict[str, Any]] = {}


def _spellings(cls: type[Vocabulary]) -> dict[str, Any]:
    known = _SPELLINGS.get(cls)
    if known is None:
        known = {normal(str(m.value)): m for m in cls} | {normal(m.name): m for m in cls}
        _SPELLINGS[cls] = known
    return known
