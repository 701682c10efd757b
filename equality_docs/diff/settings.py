"""
What changed in the plan as a whole, in plain words: its editions, title and period, the
organisation's name, the document's version and dates, its progress reviews, its labels, its
tables' columns and the settings held in one value (section numbering, date style, ...). A setting
the report has no words for (grouping, ...) is named among "other settings", so that nothing
changes unreported.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from equality_docs.diff.changes import Change, ChangeKind, ItemKind, one_line
from equality_docs.diff.items import short
from equality_docs.model import EqualityPlan
from equality_docs.model.edition import Edition
from equality_docs.model.tables import Column, Tables, TableSpec

#: The most words a text (an edition's summary) may have to be printed old and new in full.
_SHORT = 40

#: The plan's fields reported in words here or item by item elsewhere (`progress_files`: the
#: reviews they hold are compared).
_DESCRIBED = frozenset({
    "title", "subtitle", "period", "sections", "objectives", "actions", "measures", "editions",
    "reviews", "progress_files", "document", "labels", "tables",
})

#: The plan's settings held in one value, with how a sentence names each.
_SCALARS = (
    ("short_title", "short title"), ("objectives_title", "heading over the objectives"),
    ("section_numbering", "section numbering"), ("language", "language"),
    ("suppress_below", "suppression threshold"), ("reference_doc", "Word reference file"),
    ("year_starts", "start of the year"), ("dates", "date style"), ("empty_columns", "empty columns"),
)

#: The document control's fields, with how a sentence names each (a version changed from one to
#: another heads the report, and is not said again).
_DOCUMENT = (
    ("version", "version"), ("status", "document status"), ("owner", "document owner"),
    ("approved_by", "approved by"), ("approved_on", "approval date"), ("effective", "effective date"),
    ("last_reviewed", "date last reviewed"), ("next_review", "next review date"), ("review", "review cycle"),
    ("progress_review", "progress reviews"), ("published", "publication date"), ("contact", "contact"),
    ("related", "related documents"),
)


def _words(value: object) -> str | None:
    """Return a setting as a sentence prints it (a date as "20 May 2025"); None for nothing."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, tuple):
        return ", ".join(_words(v) or "" for v in value)
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    for name in ("description", "name"):  # a review cycle, a contact
        described = getattr(value, name, None)
        if isinstance(described, str):
            return one_line(described)
    return one_line(str(value))


@attrs.define
class _Plan:
    """The changes found in the plan as a whole."""

    changes: list[Change] = attrs.Factory(list)
    other: list[str] = attrs.Factory(list)

    def add(self, kind: ChangeKind, what: str, was: str | None = None, now: str | None = None) -> None:
        self.changes.append(Change(item=ItemKind.PLAN, kind=kind, name="the plan", what=what, old=was, new=now))

    def value(self, what: str, old: object, new: object, other: str) -> None:
        """Report a setting from old to new; where the words for both are the same, name it as `other`."""
        if old == new:
            return
        was, now = _words(old), _words(new)
        if was != now:
            self.add(ChangeKind.DETAIL, what, was, now)
        else:
            self.other.append(other)

    def text(self, what: str, old: str | None, new: str | None) -> None:
        """Report a text: its old and new wording where both are short, else that it was edited."""
        if one_line(old or "") == one_line(new or ""):
            return
        if old and new and len(old.split()) <= _SHORT and len(new.split()) <= _SHORT:
            self.add(ChangeKind.REWORDED, what, one_line(old), one_line(new))
        elif old and new:
            self.add(ChangeKind.EDITED, what)
        else:
            self.add(ChangeKind.DETAIL, what, old and one_line(old), new and one_line(new))


def _edition_name(edition: Edition) -> str:
    number = f" {edition.version}" if edition.version else ""
    return f"edition{number} of {edition.date}"


def _editions(found: _Plan, old: tuple[Edition, ...], new: tuple[Edition, ...]) -> None:
    """Report editions added, removed, or given another version or summary (paired by date)."""
    unpaired = list(old)
    for edition in new:
        before = next((e for e in unpaired if str(e.date) == str(edition.date)), None)
        if before is None:
            changed = f" ('{short(str(edition.changes))}')" if edition.changes else ""
            found.add(ChangeKind.ADDED, f"{_edition_name(edition)}{changed}")
            continue
        unpaired.remove(before)
        name = f"edition of {edition.date}:"
        found.value(f"{name} version", before.version, edition.version, "editions")
        found.text(f"{name} what changed", before.changes and str(before.changes),
                   edition.changes and str(edition.changes))
    for edition in unpaired:
        found.add(ChangeKind.REMOVED, _edition_name(edition))


def _columns(columns: tuple[Column, ...]) -> str:
    return ", ".join(column.field for column in columns) or "the default columns"


def _tables(found: _Plan, old: Tables, new: Tables) -> None:
    """
    Report each table whose columns changed: a column's header or note (same columns, same order),
    else the columns old and new; any other change to a table is named among other settings.
    """
    for field in attrs.fields(Tables):
        before: TableSpec = getattr(old, field.name) or TableSpec()
        after: TableSpec = getattr(new, field.name) or TableSpec()
        if before == after:
            continue
        table = f"{field.name.replace('_', ' ')} table:"
        if [c.field for c in before.columns] != [c.field for c in after.columns]:
            found.add(ChangeKind.DETAIL, f"{table} columns", _columns(before.columns), _columns(after.columns))
        else:
            for was, now in zip(before.columns, after.columns, strict=True):
                found.value(f"{table} header of column {now.field}", was.header, now.header, "tables")
                found.value(f"{table} note under column {now.field}", was.note, now.note, "tables")
        found.value(f"{table} empty columns", before.empty_columns, after.empty_columns, "tables")


def plan_changes(old: EqualityPlan, new: EqualityPlan) -> list[Change]:
    """Return what changed in the plan as a whole, in the order a committee reads it."""
    found = _Plan()
    _editions(found, old.editions, new.editions)
    for what, was, now in (("title", old.title, new.title), ("subtitle", old.subtitle, new.subtitle),
                           ("period", old.period, new.period)):
        if str(was or "") != str(now or ""):
            found.add(ChangeKind.DETAIL, what, None if was is None else str(was), None if now is None else str(now))
    found.value("organisation's name", old.organisation.name, new.organisation.name, "organisation")
    found.value("organisation's type", old.organisation.type, new.organisation.type, "organisation")
    before, after = old.document, new.document
    for field, what in _DOCUMENT:
        if field == "version" and before and after and before.version and after.version:
            continue  # the report's heading gives both
        found.value(what, before and getattr(before, field), after and getattr(after, field), "document")
    for field, what in _SCALARS:
        found.value(what, getattr(old, field), getattr(new, field), field)
    _tables(found, old.tables, new.tables)
    for field in attrs.fields(type(new.labels)):
        name = field.name
        found.value(f"label {name}", getattr(old.labels, name), getattr(new.labels, name), "labels")
    seen = {(r.on, r.title) for r in old.reviews}
    for review in new.reviews:
        if (review.on, review.title) not in seen:
            name = f"'{review.title}' of {review.on:%d/%m/%Y}" if review.title else f"of {review.on:%d/%m/%Y}"
            found.add(ChangeKind.ADDED, f"progress review {name}")
    _other(found, old, new)
    return found.changes


def _other(found: _Plan, old: EqualityPlan, new: EqualityPlan) -> None:
    """Name, together, the settings that changed and that no sentence above describes."""
    seen = {(r.on, r.title) for r in old.reviews}
    bare_old, bare_new = old.drop_objectives(lambda _: True), new.drop_objectives(lambda _: True)
    described = _DESCRIBED | {field for field, _ in _SCALARS}
    other = list(dict.fromkeys(found.other))
    if any(
        getattr(bare_old.organisation, field.name) != getattr(bare_new.organisation, field.name)
        for field in attrs.fields(type(new.organisation)) if field.name not in ("name", "type")
    ):
        other.append("organisation")
    other += [
        field.name for field in attrs.fields(EqualityPlan)
        if field.name not in described | {"organisation"}
        and getattr(bare_old, field.name) != getattr(bare_new, field.name)
    ]
    if [r for r in new.reviews if (r.on, r.title) in seen] != list(old.reviews):
        other.append("reviews")  # a review taken out or edited
    other = list(dict.fromkeys(other))
    if other:
        found.add(ChangeKind.EDITED, f"other settings ({', '.join(other)})")
