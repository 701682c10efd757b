"""
The published equality information tables as printed: small numbers suppressed, and the data's
own columns renamed, reordered or left out as the plan's `tables: information:` chooses.
"""

from __future__ import annotations

import attrs

from equality_docs.context.common import text
from equality_docs.model import DataTable, EqualityPlan, TableSpec
from equality_docs.model._vocabulary import normal
from equality_docs.model.information import suppress

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


def chosen(spec: TableSpec | None, keys: tuple[str, ...], headers: tuple[str, ...]) -> list[tuple[int, str]]:
    """
    Return the positions and headers of a table's printed columns: the plan's `columns` by name
    (`group`, `total`, or a data column's header as written, in any case), each under its own
    header where it gives one; a name this table lacks is skipped. Without `columns`, every column.
    """
    if spec is None or not spec.columns:
        return list(enumerate(headers))
    where = {normal(key): i for i, key in enumerate(keys)}
    picked: list[tuple[int, str]] = []
    for column in spec.columns:
        index = where.get(normal(column.field))
        if index is not None:
            picked.append((index, headers[index] if column.header is None else column.header))
    return picked


def information_table(table: DataTable, plan: EqualityPlan) -> InformationTable:
    """Return one information table as printed, in the plan's columns for information tables."""
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
        title=table.title, header=tuple(h for _, h in printed),
        rows=tuple(tuple(row[i] for i, _ in printed) for row in rows),
        source=f"{unit}. Source: {table.source}." if table.source else f"{unit}.",
        note=text(table.note),
    )


def information_tables(plan: EqualityPlan) -> tuple[InformationTable, ...]:
    """Return the plan's equality information tables as printed."""
    return tuple(information_table(t, plan) for t in plan.information)
