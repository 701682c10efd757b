"""
The published equality information tables as printed: small numbers suppressed, and the data's
own columns renamed, reordered or left out as the plan's `tables: information:` chooses.
"""

from __future__ import annotations

import attrs

from equality_docs.context.common import text
from equality_docs.context.tables import TableValues, fill_header
from equality_docs.model import DataTable, EqualityPlan, TableSpec
from equality_docs.model._vocabulary import normal
from equality_docs.model.information import suppress
from equality_docs.model.tables import INFORMATION_FIELDS

#: The headers of the columns every information table has besides its data's own.
GROUP_HEADER = "Group"
TOTAL_HEADER = "Total"


@attrs.frozen(kw_only=True)
class InformationTable:
    """A published equality information table, with small numbers suppressed."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    source: str
    note: str


def chosen(spec: TableSpec | None, keys: tuple[str, ...], headers: tuple[str, ...]) -> list[tuple[int, str | None]]:
    """
    Return the positions of a table's printed columns, each with the header the plan gives it
    (None for the table's own): the plan's `columns` by name (`group`, `total`, or a data column's
    header as written, in any case); a name this table lacks is skipped. The row labels (`group`)
    print first unless the plan places them. A table that has none of the chosen data columns
    prints all its own columns, so no table is printed empty. Without `columns`, every column.
    """
    if spec is None or not spec.columns:
        return [(i, None) for i in range(len(headers))]
    where = {normal(key): i for i, key in enumerate(keys)}
    picked: list[tuple[int, str | None]] = []
    for column in spec.columns:
        index = where.get(normal(column.field))
        if index is not None:
            picked.append((index, column.header))
    if all(keys[i] in INFORMATION_FIELDS for i, _ in picked):
        given = dict(picked)
        return [(i, given.get(i)) for i in range(len(keys))]
    if 0 not in {i for i, _ in picked}:
        picked.insert(0, (0, None))
    return picked


def information_table(table: DataTable, plan: EqualityPlan, values: TableValues) -> InformationTable:
    """
    Return one information table as printed, in the plan's columns for information tables, their
    headers' `{year}` and `{as_at}` filled in as every table's are.
    """
    safe = suppress(table, plan.suppress_below)
    totals = bool(safe.row_totals)
    keys = ("group", *table.columns, *(("total",) if totals else ()))
    headers = (GROUP_HEADER, *table.columns, *((TOTAL_HEADER,) if totals else ()))
    rows = [
        (row.label, *(c.text for c in cells), *((safe.row_totals[i].text,) if totals else ()))
        for i, (row, cells) in enumerate(zip(table.rows, safe.rows, strict=True))
    ]
    if totals:
        rows.append((TOTAL_HEADER, *(c.text for c in safe.column_totals),
                     safe.grand_total.text if safe.grand_total else ""))
    printed = chosen(plan.tables.information, keys, headers)
    unit = "Percentages" if table.unit.value == "percent" else "Numbers of people"
    return InformationTable(
        title=table.title, header=tuple(headers[i] if h is None else fill_header(h, values, default=headers[i])
                                        for i, h in printed),
        rows=tuple(tuple(row[i] for i, _ in printed) for row in rows),
        source=f"{unit}. Source: {table.source}." if table.source else f"{unit}.",
        note=text(table.note),
    )


def information_tables(plan: EqualityPlan, values: TableValues) -> tuple[InformationTable, ...]:
    """Return the plan's equality information tables as printed."""
    return tuple(information_table(t, plan, values) for t in plan.information)
