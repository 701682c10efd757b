"""
Which columns a plan's tables print, and under what headers: the plan's `tables:` section.

Every organisation names and orders its columns its own way ("By when", "Responsible officer",
"Completed"). A table's `columns:` lists fields by name; each entry may give its own header
text and a note printed under it. A table with no `columns:` prints its default columns under
the headers in `labels:`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._refusals import Fault, refuse, suggestion
from equality_docs.model._vocabulary import Vocabulary, normal


class EmptyColumns(Vocabulary):
    """Whether a column whose body cells are all empty is printed: left out, or kept (forms filled by hand)."""

    __noun__ = "rule for empty columns (leave out or keep)"

    LEAVE_OUT = "leave out"
    KEEP = "keep"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Column:
    """One column of a table: the field it prints, and its header text and note where the plan gives them."""

    field: str
    header: str | None = None
    note: str | None = None

    @classmethod
    def from_text(cls, text: str) -> Column:
        """Return a column written as its field's name alone."""
        return cls(field=text)

    @classmethod
    def fields_of(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        """Return the fields a mapping stands for: one `field: header` pair, as a file writes it (`{"ref": "No."}`), else itself."""
        if len(value) == 1 and not {"field", "header", "note"} & set(value):
            (field, header), = value.items()
            return {"field": field, "header": header}
        return value


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class TableSpec:
    """A table's columns in order; none means the table's default columns."""

    columns: tuple[Column, ...] = ()
    empty_columns: EmptyColumns | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Tables:
    """The plan's choice of columns, table by table."""

    objectives: TableSpec | None = None
    actions: TableSpec | None = None
    measures: TableSpec | None = None
    risks: TableSpec | None = None
    progress: TableSpec | None = None
    results: TableSpec | None = None
    characteristic_coverage: TableSpec | None = None
    aim_coverage: TableSpec | None = None
    status_summary: TableSpec | None = None
    statement: TableSpec | None = None
    plan: TableSpec | None = None
    priorities: TableSpec | None = None
    #: The published equality information tables: their columns are the data's own, named by their headers.
    information: TableSpec | None = None

    def __attrs_post_init__(self) -> None:
        """
        Refuse, as loading a file does, a column a table does not have, a column a table lists
        twice, and an objectives statement or plan table without the column naming the objective.

        Raises:
            ModelError: at the path of each, with the fix.
        """
        refuse("Tables", (*unknown_columns(self), *repeated_columns(self), *unnamed_objectives(self)))


#: How to mend a column listed twice.
REPEATED_HINT = "list each column once: remove this one, or give the first the header you want"


def unknown_columns(tables: Tables) -> Iterator[Fault]:
    """Yield each column of a table with fixed fields (`TABLE_FIELDS`) that names none of them, with a suggestion."""
    for name, fields in TABLE_FIELDS.items():
        spec: TableSpec | None = getattr(tables, name)
        for n, column in enumerate(spec.columns if spec else ()):
            if column.field not in fields:
                guess = suggestion(column.field, fields)
                yield (name, "columns", n), f'the {name} table has no column "{column.field}"', (
                    f"{guess + ' ' if guess else ''}its columns are: {', '.join(fields)}"
                )


def repeated_columns(tables: Tables) -> Iterator[Fault]:
    """
    Yield each column a table lists twice (an information column in any case, as its headers are
    matched), at its second place: its path below `tables`, what is wrong and how to mend it.
    """
    for name in attrs.fields_dict(Tables):
        spec: TableSpec | None = getattr(tables, name)
        if spec is None:
            continue
        first: dict[str, int] = {}
        for n, column in enumerate(spec.columns):
            key = normal(column.field) if name == "information" else column.field
            if key in first:
                yield (name, "columns", n), (
                    f'the {name} table lists the column "{column.field}" twice (first as columns[{first[key]}])'
                ), REPEATED_HINT
            first.setdefault(key, n)


#: The column that names a table's objective, in the tables whose rows are objectives (or an objective's actions).
NAMING_COLUMN = {"statement": "text", "plan": "objective"}


def unnamed_objectives(tables: Tables) -> Iterator[Fault]:
    """Yield each objectives statement or plan table whose chosen columns leave out the one naming the objective."""
    for name, naming in NAMING_COLUMN.items():
        spec: TableSpec | None = getattr(tables, name)
        if spec is not None and spec.columns and naming not in {column.field for column in spec.columns}:
            yield (name, "columns"), (
                f'the {name} table has no "{naming}" column, so no row would say which objective it is'
            ), f"add `{naming}` to its columns: it prints the objective's wording after its reference"


#: The names a header or note may hold, each in braces ("{year}"): replaced by plain string matching, never a template.
PLACEHOLDER = re.compile(r"\{(period|year|as_at)\}")


#: Each table's fields, in the order the reference lists them. `targets` and `results` print
#: one column per period; their header may carry `{period}`.
TABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "objectives": (
        "ref", "text", "service_area", "aim", "duty_link", "characteristics", "target_groups", "owner",
        "division", "start", "finish", "dates", "linkages", "status", "outcome",
    ),
    "actions": (
        "ref", "text", "owner", "division", "start", "finish", "dates", "linkages", "status",
        "completed", "outcome", "progress", "milestones",
    ),
    "measures": (
        "ref", "description", "unit", "baseline", "baseline_on", "targets", "target", "results",
        "latest_result", "rag", "commentary", "owner",
    ),
    "risks": (
        "ref", "description", "impact", "probability", "score", "band", "rating", "owner", "division",
    ),
}

#: The annual report's tables of what it works out: a row per measure and period, per characteristic, per aim.
_COVERAGE = ("name", "count", "objectives")
TABLE_FIELDS.update({
    "results": ("ref", "description", "period", "baseline", "target", "actual", "result"),
    "characteristic_coverage": _COVERAGE,
    "aim_coverage": _COVERAGE,
    "status_summary": ("status", "objectives", "actions"),
})

#: Tables whose rows are another table's items: the annual report's progress table lists actions,
#: the objectives statement's table objectives.
ROWS_OF: dict[str, str] = {"progress": "actions", "statement": "objectives"}
TABLE_FIELDS["progress"] = (*TABLE_FIELDS["actions"], "objective", "objective_status")
TABLE_FIELDS["statement"] = (*TABLE_FIELDS["objectives"], "blocks")
#: The objectives plan's table: a row per action; an objective's own fields merge down over its actions' rows.
TABLE_FIELDS["plan"] = (
    "duty_link", "characteristics", "aim", "objective", "target_groups", "actions", "owners", "dates", "milestones",
    "blocks",
)
#: The action plan appendix's priorities table: a row per objective, under a row per priority.
TABLE_FIELDS["priorities"] = ("objective", "ref", "text", "actions", "owner", "dates", "start", "finish", "outcome")

#: The columns every equality information table has besides its data's own (named by their headers as written).
INFORMATION_FIELDS = ("group", "total")

#: Each table's columns when the plan does not choose them.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "objectives": ("ref", "text", "start", "finish", "owner", "linkages"),
    "actions": ("ref", "text", "start", "finish", "owner", "linkages"),
    "measures": ("ref", "description", "targets", "owner"),
    "risks": ("ref", "description", "impact", "probability", "rating", "owner"),
    "progress": ("ref", "text", "owner", "status", "progress"),
    "results": TABLE_FIELDS["results"],
    "characteristic_coverage": _COVERAGE,
    "aim_coverage": _COVERAGE,
    "status_summary": TABLE_FIELDS["status_summary"],
    "statement": ("text", "service_area"),
    "plan": TABLE_FIELDS["plan"][:-1],
    "priorities": ("objective", "actions", "dates", "outcome"),
}

#: What each field of each table prints, for the reference in docs/input-format.md.
FIELD_HELP: dict[str, dict[str, str]] = {
    "objectives": {
        "ref": "the objective's reference",
        "text": "the objective",
        "service_area": "the service area responsible",
        "aim": "its aim in the document's words",
        "duty_link": "the general-duty aims it serves (or its own words for them)",
        "characteristics": "the protected characteristics it addresses",
        "target_groups": "whom it is for, one per line",
        "owner": "who leads it, with their division",
        "division": "the lead's division or team alone",
        "start": "when it starts",
        "finish": "when it is due",
        "dates": "start and finish in one cell",
        "linkages": "the other plans it links to",
        "status": "its status: its own at the latest review, else taken from its actions'",
        "outcome": "its planned outcome",
    },
    "actions": {
        "ref": "the action's reference",
        "text": "what will be done",
        "owner": "who leads it, with their division (\"Mike Galikowski / TF\")",
        "division": "the lead's division or team alone",
        "start": "when it starts",
        "finish": "when it is due",
        "dates": "start and finish in one cell",
        "linkages": "the other plans it links to",
        "status": "its status at the latest review",
        "completed": "when it was completed: as written, else the date of the review that marked it complete",
        "outcome": "what it achieved: as written, else the latest review's commentary",
        "progress": "the latest review's commentary",
        "milestones": "its milestones, one per line",
    },
    "measures": {
        "ref": "the measure's references (\"NI 111 T_F 001\")",
        "description": "what it measures",
        "unit": "its unit",
        "baseline": "the baseline value",
        "baseline_on": "when the baseline was taken",
        "targets": "one column per period of its interim targets; header \"{period} target\"",
        "target": "the final target",
        "results": "one column per period of its results; header \"{period} result\"",
        "latest_result": "the latest result reported",
        "rag": "Red, Amber or Green: from the latest result against its target, else as written",
        "commentary": "the commentary on its progress",
        "owner": "who is responsible, with their division",
    },
    "risks": {
        "ref": "the risk's reference",
        "description": "the risk",
        "impact": "its impact on the plan's scale; the scale's levels are printed under the header",
        "probability": "its probability on the plan's scale; the scale's levels are printed under the header",
        "score": "impact \u00d7 probability, coloured by its band",
        "band": "the name of its score's band, coloured by it",
        "rating": "the score and its band's name in one cell (\"12 High\"), coloured by the band",
        "owner": "who is responsible, with their division",
        "division": "the responsible division or team alone",
    },
}
FIELD_HELP["results"] = {
    "ref": "the measure's references",
    "description": "what it measures",
    "period": "the period of the row's target and result",
    "baseline": "the baseline value",
    "target": "the target for the period",
    "actual": "the result for the period",
    "result": "met, not met, or no result yet, in words",
}
FIELD_HELP["characteristic_coverage"] = {
    "name": "the protected characteristic",
    "count": "how many objectives address it",
    "objectives": "which objectives (their references), else \"Not addressed\"",
}
FIELD_HELP["aim_coverage"] = {**FIELD_HELP["characteristic_coverage"], "name": "the aim of the general duty"}
FIELD_HELP["status_summary"] = {
    "status": "a status with its rating in words (\"On track (Green)\"), filled in its colour",
    "objectives": "how many objectives have it",
    "actions": "how many actions have it",
}
FIELD_HELP["progress"] = {
    **FIELD_HELP["actions"],
    "objective": "the objective the action serves, after its reference; merged down over its actions' rows in Word",
    "objective_status": "that objective's status with its rating in words; merged down under the objective's cell",
    "status": "its status at the latest review with its rating in words (\"On track (Green)\"), else \"Not reviewed\"",
}

FIELD_HELP["statement"] = {
    **FIELD_HELP["objectives"],
    "text": "the objective after its reference (unless a `ref` column prints it), its blocks (evidence, targets...)"
            " under it as paragraphs (unless a `blocks` column prints them)",
    "blocks": "its blocks (evidence, key themes, success criteria, impact, targets), each a heading over its items",
}
FIELD_HELP["plan"] = {
    "duty_link": "the general-duty aims it serves; merged down over its actions' rows",
    "characteristics": "the protected characteristics it addresses; merged down",
    "aim": "its aim in the document's words; merged down",
    "objective": "the objective after its reference; its blocks under it unless a `blocks` column prints them; merged"
                 " down",
    "target_groups": "whom it is for, one per line; merged down",
    "actions": "the row's action",
    "owners": "who leads the row's action (or the objective, on a row of its own)",
    "dates": "the row's dates",
    "milestones": "milestones, then the objective's progress on its first row",
    "blocks": "its blocks (evidence, key themes, success criteria, impact, targets), on its first row only (merged down over its actions' rows in Word)",
}
FIELD_HELP["priorities"] = {
    "objective": "the objective after its reference",
    "ref": "the objective's reference alone",
    "text": "the objective alone",
    "actions": "its actions, each with its reference and lead, one per line",
    "owner": "who leads the objective, with their division",
    "dates": "start and finish in one cell (\"2024/2027\")",
    "start": "when it starts",
    "finish": "when it is due",
    "outcome": "its planned outcome",
}

#: Where each table is printed, for the reference in docs/input-format.md.
TABLE_PLACES: dict[str, str] = {
    "objectives": "the objectives of each outcome block of an action plan's appendices",
    "actions": "the plan's own actions (action plan, annual report) and each outcome block's actions",
    "measures": "the plan's own measures and each outcome block's measures (action plan)",
    "risks": "each outcome block's risks (action plan)",
    "progress": "the actions of each objective in the annual report's progress on each objective",
    "results": "the annual report's performance measures: a row per measure and period, target against result",
    "characteristic_coverage": "the annual report's count of objectives addressing each protected characteristic",
    "aim_coverage": "the annual report's count of objectives serving each aim of the general duty",
    "status_summary": "the annual report's summary: how many objectives and actions have each status",
    "statement": "the objectives statement's table of objectives (a table per group, or group rows)",
    "plan": "the objectives plan's table: a row per action of each objective (a table per group, or group rows)",
    "priorities": "an action plan appendix's priorities table: each priority a full-width row over its objectives",
}
