"""The annual report's own tables as TableViews: headers in the report's words, cells from its rows."""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from equality_docs.context.tables import TableValues, TableView, build_table
from equality_docs.model import EqualityPlan
from equality_docs.model.tables import TABLE_FIELDS

#: The headers of the progress tables' columns where `tables:` does not name them (the report's own words).
PROGRESS_HEADERS = {"ref": "Ref.", "text": "Action", "owner": "Responsible", "status": "Status",
                    "progress": "Commentary"}

#: The headers of the results and coverage tables' columns where `tables:` does not name them.
RESULT_HEADERS = ("Ref.", "Measure", "Period", "Baseline", "Target", "Actual", "Result")
COVERAGE_HEADERS = ("Objectives", "Which")


def own_table(
    name: str, items: tuple[object, ...], plan: EqualityPlan, values: TableValues, headers: tuple[str, ...],
    caption: str, fills: dict[str, Callable[[Any], str]] | None = None,
) -> TableView:
    """Return one of the report's own tables: each field is its rows' attribute of that name, as text."""
    fields = TABLE_FIELDS[name]

    def cell(field: str) -> Callable[[Any], str]:
        get = operator.attrgetter(field)
        return lambda row: str(get(row))

    return build_table(
        name, items, plan=plan, values=values, heading="", caption=caption,
        field_cells={f: cell(f) for f in fields},
        field_headers=dict(zip(fields, headers, strict=True)), field_fills=fills,
    )
