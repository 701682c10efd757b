"""
Suppression of small counts: no printed figure, nor any sum or difference of printed figures,
lets a reader work out a suppressed count (complementary suppression over cells and totals).
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from equality_docs import model as m
from equality_docs.model.information import SafeTable, suppress

Grid = list[list[int]]


def _table(rows: list[list[float | None]], totals: bool = True) -> m.DataTable:
    return m.DataTable(
        title="T",
        columns=tuple(f"c{i}" for i in range(len(rows[0]))),
        totals=totals,
        rows=tuple(m.DataRow(label=f"r{i}", values=tuple(r)) for i, r in enumerate(rows)),
    )


def _grid(safe: SafeTable) -> tuple[Grid, set[tuple[int, int]]]:
    """Return the table with its totals (last row and column) as numbers, and where it is hidden."""
    rows = [[*row, total] for row, total in zip(safe.rows, safe.row_totals, strict=True)]
    assert safe.grand_total is not None
    rows.append([*safe.column_totals, safe.grand_total])
    values = [[int(c.value or 0) for c in row] for row in rows]
    hidden = {(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row) if cell.suppressed}
    return values, hidden


def _lines(height: int, width: int) -> list[list[tuple[int, int, int]]]:
    """Return each sum a reader knows holds, as (row, column, sign) terms adding up to zero."""
    last_row, last_col = height - 1, width - 1
    lines = [[(r, c, -1 if c == last_col else 1) for c in range(width)] for r in range(height)]
    lines += [[(r, c, -1 if r == last_row else 1) for r in range(height)] for c in range(width)]
    return lines


def _other_value_possible(
    values: Grid, hidden: set[tuple[int, int]], target: tuple[int, int]
) -> bool:
    """
    Return whether the printed figures allow the target a value other than its own: a search
    over non-negative whole numbers for the hidden figures, every printed one fixed.
    """
    lines = _lines(len(values), len(values[0]))
    bound = 2 * values[-1][-1] + 2
    order = [target, *sorted(hidden - {target})]

    def feasible(known: dict[tuple[int, int], int]) -> bool:
        for line in lines:
            low = high = 0
            for r, c, sign in line:
                if (r, c) in known or (r, c) not in hidden:
                    value = known.get((r, c), values[r][c])
                    low, high = low + sign * value, high + sign * value
                elif sign > 0:
                    high += bound
                else:
                    low -= bound
            if not low <= 0 <= high:
                return False
        return True

    def search(known: dict[tuple[int, int], int]) -> bool:
        if not feasible(known):
            return False
        if len(known) == len(order):
            return True
        place = order[len(known)]
        true = values[place[0]][place[1]]
        choices = sorted(range(bound + 1), key=lambda v: (abs(v - true), v))
        if place == target:
            choices.remove(true)
        return any(search({**known, place: v}) for v in choices)

    return search({})


def _assert_protected(safe: SafeTable) -> None:
    values, hidden = _grid(safe)
    for place in sorted(hidden):
        assert _other_value_possible(values, hidden, place), (values, sorted(hidden), place)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 4).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=4
        )
    ),
    st.integers(2, 6),
)
def test_no_suppressed_count_can_be_worked_out(rows: list[list[int]], threshold: int) -> None:
    """For any table up to 4x4, every suppressed figure could take more than one value."""
    safe = suppress(_table([list(map(float, r)) for r in rows]), threshold)

    _assert_protected(safe)


def test_a_column_total_does_not_give_away_the_cell_above() -> None:
    """One column: B = 40 and a total of 43 would give A = 3, so one of them is hidden too."""
    safe = suppress(_table([[3], [40]]), 5)

    assert safe.grand_total is not None
    assert safe.rows[1][0].suppressed or safe.grand_total.suppressed
    _assert_protected(safe)


def test_a_row_total_does_not_give_away_the_cell_beside() -> None:
    """One row: Female 31 and a grand total of 34 would give Male = 3, so one of them is hidden."""
    safe = suppress(_table([[31, 3]]), 5)

    assert safe.grand_total is not None
    assert safe.rows[0][0].suppressed or safe.grand_total.suppressed
    _assert_protected(safe)


def test_the_fewest_then_smallest_extra_figures_are_hidden() -> None:
    """One small count in a 3x3 table takes three more figures, around the cheapest cycle."""
    safe = suppress(_table([[2, 50, 9], [60, 70, 80], [61, 71, 81]]), 5)

    assert 4 == safe.suppressed
    assert not any(c.suppressed for c in (*safe.row_totals, *safe.column_totals))


def test_a_zero_is_never_hidden_to_protect_a_count() -> None:
    """A zero is never hidden to protect a count: it could not go down, so it could pin one."""
    safe = suppress(_table([[3, 0], [0, 40]]), 5)

    assert not safe.rows[0][1].suppressed and not safe.rows[1][0].suppressed
    _assert_protected(safe)


def test_without_totals_only_small_counts_are_hidden() -> None:
    """With no totals printed nothing can be worked out, so no extra figure is hidden."""
    safe = suppress(_table([[3, 40], [41, 42]], totals=False), 5)

    assert 1 == safe.suppressed


@settings(max_examples=25, deadline=None)
@given(
    st.integers(1, 3).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=2
        )
    ),
)
def test_no_smaller_set_of_figures_would_do(rows: list[list[int]]) -> None:
    """No smaller set of extra figures above zero (cells or totals) protects every small count."""
    safe = suppress(_table([list(map(float, r)) for r in rows]), 5)
    values, hidden = _grid(safe)
    primary = {(r, c) for r, row in enumerate(values) for c, v in enumerate(row) if 0 < v < 5}
    others = [
        (r, c)
        for r, row in enumerate(values)
        for c, v in enumerate(row)
        if v > 0 and (r, c) not in primary
    ]
    for size in range(len(hidden - primary)):
        for extra in itertools.combinations(others, size):
            trial = primary | set(extra)
            assert not all(_other_value_possible(values, trial, p) for p in trial), (values, trial)
