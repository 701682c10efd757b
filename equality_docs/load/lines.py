"""
The line of every value of a file, by its field path, held as the file is: one small table for
each mapping or list, not one path for each value (a path for each of a large plan's values
took more memory than the plan itself).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeAlias

Path_ = tuple[str | int, ...]
#: A value's place: its line if it holds no values, else its line and its values' places
#: (by key for a mapping, by index for a list).
Entry: TypeAlias = "int | tuple[int, dict[str, Entry] | list[Entry]]"


class Lines(Mapping[Path_, int]):
    """The line (from 1) of each value of a file, by its path: `lines[("objectives", 2, "start")]`."""

    __slots__ = ("root",)

    def __init__(self, root: Entry | None = None) -> None:
        self.root = root

    def _find(self, path: object) -> Entry | None:
        if not isinstance(path, tuple):
            return None
        entry = self.root
        for step in path:
            if not isinstance(entry, tuple):
                return None
            table = entry[1]
            if isinstance(table, list):
                if not isinstance(step, int) or not 0 <= step < len(table):
                    return None
                entry = table[step]
            else:
                found = table.get(step) if isinstance(step, str) else None
                if found is None:
                    return None
                entry = found
        return entry

    def nearest(self, path: Path_) -> int | None:
        """Return the line of the value at `path`, else of the nearest value holding it (the file's first, if none)."""
        entry = self.root
        if entry is None:
            return None
        line = entry if isinstance(entry, int) else entry[0]
        for step in path:
            if not isinstance(entry, tuple):
                break
            table = entry[1]
            if isinstance(table, list):
                if not isinstance(step, int) or not 0 <= step < len(table):
                    break
                entry = table[step]
            else:
                found = table.get(step) if isinstance(step, str) else None
                if found is None:
                    break
                entry = found
            line = entry if isinstance(entry, int) else entry[0]
        return line

    def __getitem__(self, path: Path_) -> int:
        entry = self._find(path)
        if entry is None:
            raise KeyError(path)
        return entry if isinstance(entry, int) else entry[0]

    def __contains__(self, path: object) -> bool:
        return self._find(path) is not None

    def __iter__(self) -> Iterator[Path_]:
        if self.root is None:
            return
        stack: list[tuple[Path_, Entry]] = [((), self.root)]
        while stack:
            path, entry = stack.pop()
            yield path
            if isinstance(entry, tuple):
                table = entry[1]
                items = enumerate(table) if isinstance(table, list) else table.items()
                stack.extend(((*path, step), inner) for step, inner in reversed(list(items)))

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __bool__(self) -> bool:
        return self.root is not None

    def __repr__(self) -> str:
        return f"Lines({dict(self)!r})"


__all__ = ["Entry", "Lines", "Path_"]
