"""Published equality information: tables of counts or percentages by characteristic, made safe."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.statutory import Characteristic


class Unit(Vocabulary):
    """What the numbers in a table are."""

    __noun__ = "unit"

    COUNT = "count"
    PERCENT = "percent"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class DataRow:
    """A row of an equality information table: a group ("Female", "Disabled") and its values."""

    label: str
    values: tuple[float | None, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class DataTable:
    """
    A table of equality information, such as the workforce or pupils by characteristic.

    Counts and totals below the plan's threshold are suppressed in every output. Where totals are
    printed, enough other figures (cells or totals, the fewest, then the smallest) are suppressed
    with them that no printed figure, sum or difference of printed figures gives one away
    (complementary suppression, as statistical offices do it).
    """

    title: str
    characteristic: Characteristic | None = None
    columns: tuple[str, ...]
    rows: tuple[DataRow, ...] = ()
    unit: Unit = Unit.COUNT
    totals: bool = True
    source: str | None = None
    note: str | None = None


#: The marker printed for a suppressed cell (as the Office for National Statistics prints it).
SUPPRESSED = "[c]"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Cell:
    """A printed cell: its value, or nothing when suppressed or missing."""

    value: float | None
    suppressed: bool

    @property
    def text(self) -> str:
        """Return the cell as printed: the number, the suppression marker, or empty."""
        if self.suppressed:
            return SUPPRESSED
        if self.value is None:
            return ""
        return f"{self.value:g}" if self.value != int(self.value) else f"{int(self.value):,}"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class SafeTable:
    """A table ready to publish: small counts and the cells that would reveal them suppressed."""

    rows: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell | None
    suppressed: int


def _small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


#: A printed figure's place in the table with its totals: (row, column); the last row and the
#: last column are the totals.
Place = tuple[int, int]

#: How much work (patterns tried times figures) the search for the smallest complement may do
#: before it settles for the best found, in a large table; every pattern it returns is safe.
SEARCH_WORK = 500_000


def _bridge(hidden: frozenset[Place]) -> tuple[Place, set[str]] | None:
    """
    Return a hidden figure that printed figures give away, with the lines on one side of it.

    Each row and column of the table with totals adds up (a row's cells to its total), so the
    hidden figures are the edges of a graph whose nodes are the rows and columns. A hidden figure
    can move without changing any printed figure only around a cycle of hidden figures; one on no
    cycle (a bridge, found by Tarjan's depth-first search) is fixed by the printed ones.
    """
    links: dict[str, list[tuple[str, Place]]] = {}
    for r, c in sorted(hidden):
        links.setdefault(f"r{r}", []).append((f"c{c}", (r, c)))
        links.setdefault(f"c{c}", []).append((f"r{r}", (r, c)))
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    bridges: list[Place] = []

    for root in links:  # iterative, so a table of any length fits Python's stack
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[str, Place | None, Iterator[tuple[str, Place]]]]
        stack = [(root, None, iter(links[root]))]
        while stack:
            node, via, pending = stack[-1]
            step = next(pending, None)
            if step is None:
                stack.pop()
                if stack and via is not None:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        bridges.append(via)
            elif step[1] != via:
                other, place = step
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, place, iter(links[other])))
    if not bridges:
        return None
    place = min(bridges)
    side, todo = {f"r{place[0]}"}, [f"r{place[0]}"]
    while todo:
        for other, through in links[todo.pop()]:
            if through != place and other not in side:
                side.add(other)
                todo.append(other)
    return place, side


def _crossing(values: dict[Place, float], hidden: frozenset[Place], side: set[str]) -> list[Place]:
    """Return the figures above zero, not hidden, that join one side of a bridge to the other."""
    return [
        p for p, v in values.items()
        if v > 0 and p not in hidden and ((f"r{p[0]}" in side) != (f"c{p[1]}" in side))
    ]


def _complement(values: dict[Place, float], primary: frozenset[Place]) -> frozenset[Place]:
    """
    Return the figures to hide, the primary ones included, so that none can be worked out:
    the fewest figures, then the smallest sum, found by branch and bound from a greedy start.

    Only figures above zero are taken, so every hidden figure can move by one either way around
    its cycle and stay a count. A cycle through a bridge must cross from its side to the other
    by another figure, and one always can: through the row's total, the grand total or the
    column's total.
    """
    hidden = primary
    while found := _bridge(hidden):
        hidden |= {min(_crossing(values, hidden, found[1]), key=lambda p: (values[p], p))}

    def cost(hidden: frozenset[Place]) -> tuple[int, float, tuple[Place, ...]]:
        extra = sorted(hidden - primary)
        return len(extra), sum(values[p] for p in extra), tuple(extra)

    best, todo = cost(hidden), [primary]
    seen: set[frozenset[Place]] = set()
    while todo and len(seen) < max(50, SEARCH_WORK // len(values)):
        hidden = todo.pop()
        if hidden in seen:
            continue
        seen.add(hidden)
        found, now = _bridge(hidden), cost(hidden)
        if found is None:
            best = min(best, now)
        elif (now[0] + 1, now[1]) < best[:2]:
            crossing = _crossing(values, hidden, found[1])
            todo.extend(hidden | {p} for p in sorted(crossing, key=lambda p: (-values[p], p)))
    return primary | frozenset(best[2])


def suppress(table: DataTable, threshold: int) -> SafeTable:
    """
    Return a table with small counts suppressed, and the figures that would reveal them.

    Primary: a count or total from 1 to threshold - 1 is suppressed. Complementary: where totals
    are printed, the table with its totals is protected as statistical offices do it: every
    suppressed figure shares its row and its column with another (totals count as entries of
    their row and column), around a cycle, so no printed figure, sum or difference of them
    gives it away; the fewest extra figures are chosen, then the smallest.
    Percentages are published as given.
    """
    width = len(table.columns)
    values = [list(row.values) + [None] * (width - len(row.values)) for row in table.rows]
    values = [row[:width] for row in values]
    counts = table.unit is Unit.COUNT
    show = table.totals and counts

    def total(cells: list[float | None]) -> float | None:
        present = [v for v in cells if v is not None]
        return sum(present) if present else None

    row_totals = [total(row) for row in values]
    column_totals = [total([row[c] for row in values]) for c in range(width)]
    grid = [[*row, t] for row, t in zip(values, row_totals, strict=True)]
    grid.append([*column_totals, total([v for row in values for v in row])])
    if not show:
        grid = [row[:width] for row in grid[: len(values)]]
    figures = {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row) if v is not None}
    primary = frozenset(p for p, v in figures.items() if counts and _small(v, threshold))
    hidden = _complement(figures, primary) if show and primary else primary
    cells = [
        [Cell(value=v, suppressed=(r, c) in hidden) for c, v in enumerate(row)]
        for r, row in enumerate(grid)
    ]
    return SafeTable(
        rows=tuple(tuple(row[:width]) for row in cells[: len(values)]),
        row_totals=tuple(row[width] for row in cells[: len(values)]) if show else (),
        column_totals=tuple(cells[-1][:width]) if show else (),
        grand_total=cells[-1][width] if show else None,
        suppressed=sum(1 for r, c in hidden if r < len(values) and c < width),
    )
