"""Published equality information: tables of counts or percentages by characteristic, made safe."""

from __future__ import annotations

import enum

import attrs

from equality_docs.model.statutory import Characteristic


class Unit(enum.Enum):
    """What the numbers in a table are."""

    COUNT = "count"
    PERCENT = "percent"


@attrs.frozen(kw_only=True)
class DataRow:
    """A row of an equality information table: a group ("Female", "Disabled") and its values."""

    label: str
    values: tuple[float | None, ...] = ()


@attrs.frozen(kw_only=True)
class DataTable:
    """
    A table of equality information, such as the workforce or pupils by characteristic.

    Counts below the plan's threshold are suppressed in every output, as are the cells a reader
    could work out from the printed totals (secondary suppression).
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


@attrs.frozen(kw_only=True)
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


@attrs.frozen(kw_only=True)
class SafeTable:
    """A table ready to publish: small counts and the cells that would reveal them suppressed."""

    rows: tuple[tuple[Cell, ...], ...]
    row_totals: tuple[Cell, ...]
    column_totals: tuple[Cell, ...]
    grand_total: Cell | None
    suppressed: int


def _small(value: float | None, threshold: int) -> bool:
    return value is not None and 0 < value < threshold


def suppress(table: DataTable, threshold: int) -> SafeTable:
    """
    Return a table with small counts suppressed.

    Primary: a count from 1 to threshold - 1 is suppressed. Secondary: where totals are printed,
    a row or column with exactly one suppressed cell could reveal it by subtraction, so its next
    smallest cell is suppressed too, repeated until no suppressed cell can be worked out.
    Percentages are published as given.
    """
    width = len(table.columns)
    values = [list(row.values) + [None] * (width - len(row.values)) for row in table.rows]
    values = [row[:width] for row in values]
    counts = table.unit is Unit.COUNT
    hidden = [[counts and _small(v, threshold) for v in row] for row in values]
    if counts and table.totals:
        changed = True
        while changed:
            changed = False
            lines = [[(r, c) for c in range(width)] for r in range(len(values))]
            lines += [[(r, c) for r in range(len(values))] for c in range(width)]
            for line in lines:
                present = [(r, c) for r, c in line if values[r][c] is not None]
                if sum(hidden[r][c] for r, c in present) == 1:
                    candidates = [(values[r][c], r, c) for r, c in present if not hidden[r][c]]
                    if candidates:
                        _, r, c = min(candidates)
                        hidden[r][c] = True
                        changed = True
    rows = tuple(
        tuple(Cell(value=v, suppressed=h) for v, h in zip(row, flags, strict=True))
        for row, flags in zip(values, hidden, strict=True)
    )

    def total(cells: list[float | None]) -> Cell:
        present = [v for v in cells if v is not None]
        value = sum(present) if present else None
        return Cell(value=value, suppressed=counts and _small(value, threshold))

    show = table.totals and counts
    return SafeTable(
        rows=rows,
        row_totals=tuple(total(row) for row in values) if show else (),
        column_totals=tuple(total([row[c] for row in values]) for c in range(width)) if show else (),
        grand_total=total([v for row in values for v in row]) if show else None,
        suppressed=sum(flag for row in hidden for flag in row),
    )
