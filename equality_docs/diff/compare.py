"""
What changed in one item between two plans: each field a committee reads, in plain words.

An objective, action or measure may be retired, superseded or brought back, reworded,
renumbered or moved (an action or measure to another objective, an objective to another
priority, outcome or school); an objective's status, service area, owner, dates,
aims, characteristics and its own targets (baseline, value, due date) may change; an action's
owner, dates, completion and outcome; a measure's baseline, interim and final targets, results
and RAG rating; a section its title, number, place and text. Any other field that changed is
named among "other details", so that nothing changes unreported.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence

import attrs

from equality_docs.diff.changes import Change, ChangeKind, ItemKind, one_line
from equality_docs.diff.items import Holder, Item, short
from equality_docs.diff.lists import listed
from equality_docs.model import Action, CharacteristicRef, Objective, PerformanceMeasure, Section, Target
from equality_docs.model.narrative import Place

Retirable = Objective | Action | PerformanceMeasure

#: The most words a text (a section's opening, an outcome) may have to be printed old and new in full.
_SHORT = 40


def _text(value: object) -> str | None:
    """Return a value as a sentence prints it, on one line; None for nothing."""
    if value is None or value == () or value == "":
        return None
    if isinstance(value, tuple):
        return ", ".join(_text(v) or "" for v in value)
    if isinstance(value, Place):
        where = f"objective {value.objective}" if value.objective else "the objectives"
        return f"{value.side.value} {where}"
    if isinstance(value, CharacteristicRef):
        return value.printed
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return label if isinstance(label, str) else str(value.value)
    return one_line(str(value))


@attrs.define
class _Found:
    """The changes found in one item, all named the same way."""

    item: ItemKind
    name: str
    within: str | None
    changes: list[Change] = attrs.Factory(list)

    def add(self, kind: ChangeKind, **fields: str | None) -> None:
        self.changes.append(Change(item=self.item, kind=kind, name=self.name, within=self.within, **fields))

    def value(self, what: str, old: object, new: object, kind: ChangeKind = ChangeKind.DETAIL,
              period: str | None = None) -> None:
        was, now = _text(old), _text(new)
        if was != now:
            self.add(kind, what=what, old=was, new=now, period=period)

    def edited(self, what: str, old: object, new: object) -> None:
        """
        Report a text as reworded (old and new wording), set or removed where it is short, else
        as edited; a list of texts (paragraphs, milestones) entry by entry.
        """
        if old == new or listed(self.add, what, old, new, _SHORT) or _text(old) == _text(new):
            return
        texts = [t for t in (old, new) if t is not None]
        short_texts = all(isinstance(t, str) and len(t.split()) <= _SHORT for t in texts)
        if short_texts and len(texts) == 2:
            self.wording(str(old), str(new), what=what)
        elif short_texts:
            self.value(what, old, new)  # set, or removed
        else:
            self.add(ChangeKind.EDITED, what=what)

    def wording(self, old: str, new: str, what: str | None = None) -> None:
        if one_line(old) != one_line(new):
            self.add(ChangeKind.REWORDED, what=what, old=one_line(old), new=one_line(new))

    def number(self, old: str | None, new: str | None) -> None:
        was, now = (_text(n and n.strip().rstrip(":")) for n in (old, new))
        if was and now and was != now:
            self.add(ChangeKind.RENUMBERED, old=was, new=now)
        elif was != now:
            self.value("number", was, now)


def _lifecycle(found: _Found, before: Retirable, after: Retirable, successors: Mapping[str, str]) -> None:
    if after.superseded_by and after.superseded_by != before.superseded_by:
        found.add(ChangeKind.SUPERSEDED, new=successors.get(after.superseded_by, after.superseded_by),
                  reason=after.retired_reason)
    elif after.retired and not before.retired:
        found.add(ChangeKind.RETIRED, reason=after.retired_reason)
    elif after.current and not before.current:
        found.add(ChangeKind.RESTORED)
    elif not after.current:
        found.value("reason", before.retired_reason, after.retired_reason)


def _moved(found: _Found, old: Item, new: Item, partners: Mapping[int, object]) -> None:
    """Report an item that now sits under another objective (or the plan's own list)."""
    if old.parent is None and new.parent is None:
        return
    if old.parent is not None and partners.get(id(old.parent)) is new.parent:
        return
    plan_list = f"the plan's own {new.kind.value}s"
    found.add(ChangeKind.MOVED, old=old.within or plan_list, new=new.within or plan_list)


def _moved_objective(found: _Found, old: Item, new: Item, holders: Mapping[Holder, Holder]) -> None:
    """Report an objective that now sits in another priority, outcome or school (or the plan's own list)."""
    if not isinstance(old.parent, tuple) or holders.get(old.parent) != new.parent:
        plan_list = "the plan's own objectives"
        found.add(ChangeKind.MOVED, old=old.within or plan_list, new=new.within or plan_list)


def _target_name(target: Target) -> str:
    label = (target.label or "").strip().rstrip(":").strip()
    return f"{label or 'target'} '{short(target.text, 8)}'"


def _pair_targets(old: Sequence[Target], new: Sequence[Target]) -> list[tuple[Target | None, Target | None]]:
    """Pair an objective's targets by label, then text, then place; the rest stand alone."""
    pairs: dict[int, int] = {}
    for key in (lambda t: t.label, lambda t: one_line(t.text)):
        for o, target in enumerate(old):
            value = key(target)
            if o in pairs or not value:
                continue
            n = next((n for n, t in enumerate(new) if n not in pairs.values() and key(t) == value), None)
            if n is not None:
                pairs[o] = n
    for o in range(len(old)):
        if o not in pairs and o < len(new) and o not in pairs.values():
            pairs[o] = o
    partners = {n: o for o, n in pairs.items()}
    result: list[tuple[Target | None, Target | None]] = [
        (old[o], None) for o in range(len(old)) if o not in pairs
    ]
    return [*result, *((old[partners[n]] if n in partners else None, t) for n, t in enumerate(new))]


def _targets(found: _Found, old: Sequence[Target], new: Sequence[Target]) -> None:
    for before, after in _pair_targets(old, new):
        if after is None and before is not None:
            found.add(ChangeKind.REMOVED, what=_target_name(before))
            continue
        if after is None:
            continue
        name = _target_name(after)
        if before is None:
            found.add(ChangeKind.ADDED, what=name)
            continue
        found.wording(before.text, after.text, what=name)
        found.value(f"{name} label", before.label, after.label)
        found.value(f"{name} baseline", before.baseline, after.baseline, ChangeKind.TARGET)
        found.value(f"{name} baseline date", before.baseline_on, after.baseline_on)
        found.value(f"{name} value", before.value, after.value, ChangeKind.TARGET)
        found.value(f"{name} due date", before.due, after.due, ChangeKind.TARGET)
        found.value(f"{name} status", before.status, after.status, ChangeKind.STATUS)


def _periods(found: _Found, what: str, old: PerformanceMeasure, new: PerformanceMeasure, kind: ChangeKind,
             attribute: str) -> None:
    before, after = getattr(old, attribute), getattr(new, attribute)
    for period in dict.fromkeys([v.period for v in before] + [v.period for v in after]):
        was = next((v.value for v in before if v.period == period), None)
        now = next((v.value for v in after if v.period == period), None)
        found.value(f"{what} for {period}", was, now, kind, period=period)


#: How each field of an item is reported: a value from old to new (DETAIL, or TARGET for a target's
#: figures), or only that it was edited (long text, lists of details). Fields not named here, nor
#: compared as items of their own (actions, measures, nested sections), are reported together as
#: "other details" so that nothing changes unreported.
_Fields = tuple[tuple[str, str, ChangeKind], ...]
_V, _T, _E = ChangeKind.DETAIL, ChangeKind.TARGET, ChangeKind.EDITED
_KEYS = frozenset({
    "id", "ref", "refs", "text", "description", "retired", "superseded_by", "retired_reason", "progress",
})
_OBJECTIVE: _Fields = (
    ("service_area", "service area", _V), ("owner", "owner", _V), ("division", "division", _V),
    ("start", "start date", _V), ("finish", "finish date", _V), ("aims", "general-duty aims", _V),
    ("characteristics", "protected characteristics", _V), ("target_groups", "target groups", _V),
    ("groups", "groups", _V), ("scope", "scope", _V), ("aim", "aim", _V), ("tags", "tags", _V),
    ("linkages", "linkages", _V), ("outcome", "outcome", _E), ("evidence", "evidence", _E),
    ("themes", "key themes", _E), ("success_criteria", "success criteria", _E),
    ("impact", "anticipated impact", _E), ("milestones", "milestones", _E), ("risks", "risks", _E),
)
_ACTION: _Fields = (
    ("owner", "owner", _V), ("division", "division", _V), ("start", "start date", _V),
    ("finish", "finish date", _V), ("completed", "date completed", _V), ("outcome", "outcome", _E),
    ("linkages", "linkages", _V), ("milestones", "milestones", _E),
)
_MEASURE: _Fields = (
    ("unit", "unit", _V), ("direction", "direction", _V), ("baseline", "baseline", _T),
    ("baseline_on", "baseline date", _V), ("target", "final target", _T), ("rag", "RAG rating", _V),
    ("commentary", "commentary", _E), ("owner", "owner", _V), ("division", "division", _V),
)
_SECTION: _Fields = (
    ("place", "place", _V), ("kinds", "documents it prints in", _V), ("numbering", "numbering", _V),
    ("body", "opening text", _E), ("paragraphs", "paragraphs", _E), ("closing", "closing text", _E),
)


def _table(found: _Found, old: object, new: object, fields: _Fields) -> None:
    """Report each field of the table that changed."""
    for field, what, kind in fields:
        before, after = getattr(old, field), getattr(new, field)
        if kind is ChangeKind.EDITED:
            found.edited(what, before, after)
        else:
            found.value(what, before, after, kind)


def _rest(found: _Found, old: attrs.AttrsInstance, new: attrs.AttrsInstance, named: Iterable[str]) -> None:
    """Report, together, the fields not named that changed."""
    known = _KEYS | set(named)
    rest = [
        field.name.replace("_", " ") for field in attrs.fields(type(new))
        if field.name not in known and getattr(old, field.name) != getattr(new, field.name)
    ]
    if rest:
        found.add(ChangeKind.EDITED, what=f"other details ({', '.join(rest)})")


def _names(fields: _Fields, *also: str) -> tuple[str, ...]:
    return (*(f for f, _, _ in fields), *also)


def _progress(found: _Found, old: Objective | Action, new: Objective | Action) -> None:
    """Report a new status at review; else progress notes that changed."""
    if old.status != new.status:
        found.value("status", old.status, new.status, ChangeKind.STATUS)
    elif old.progress != new.progress:
        found.add(ChangeKind.EDITED, what="progress notes")


def _objective(found: _Found, old: Objective, new: Objective) -> None:
    _progress(found, old, new)
    _table(found, old, new, _OBJECTIVE)
    _targets(found, old.targets, new.targets)
    if [k for k in old.order if k in new.order] != [k for k in new.order if k in old.order]:
        found.add(ChangeKind.EDITED, what="order of its details")
    _rest(found, old, new, _names(_OBJECTIVE, "actions", "measures", "targets", "order"))


def _action(found: _Found, old: Action, new: Action) -> None:
    _progress(found, old, new)
    _table(found, old, new, _ACTION)
    _rest(found, old, new, _names(_ACTION))


def _measure(found: _Found, old: PerformanceMeasure, new: PerformanceMeasure) -> None:
    head, tail = _MEASURE[:4], _MEASURE[4:]
    _table(found, old, new, head)
    _periods(found, "target", old, new, ChangeKind.TARGET, "targets")
    _table(found, old, new, tail[:1])
    _periods(found, "result", old, new, ChangeKind.DETAIL, "actuals")
    _table(found, old, new, tail[1:])
    _rest(found, old, new, _names(_MEASURE, "targets", "actuals"))


def _section(found: _Found, old: Section, new: Section) -> None:
    if (old.title or "") != (new.title or ""):
        was, now = (title and f"'{one_line(title)}'" for title in (old.title, new.title))
        found.value("title", was, now)
    found.number(old.number, new.number)
    _table(found, old, new, _SECTION)
    _rest(found, old, new, _names(_SECTION, "title", "number", "sections"))


def compare(
    old: Item, new: Item, *, successors: Mapping[str, str], partners: Mapping[int, object],
    holders: Mapping[Holder, Holder],
) -> Iterable[Change]:
    """
    Return what changed from one item to its partner in the new plan, in the order a reader wants it;
    `partners` gives, by `id`, the new objective each old one is paired with, and `holders` the new
    priority, outcome or school (by path) each old one is paired with.
    """
    found = _Found(item=new.kind, name=new.name, within=new.within)
    before, after = old.value, new.value
    if isinstance(before, Section) and isinstance(after, Section):
        _section(found, before, after)
        return found.changes
    if not isinstance(before, Retirable) or not isinstance(after, Retirable):
        return found.changes
    _lifecycle(found, before, after, successors)
    found.wording(old.text, new.text)
    found.number(old.ref, new.ref)
    if new.kind is ItemKind.OBJECTIVE:
        _moved_objective(found, old, new, holders)
    else:
        _moved(found, old, new, partners)
    if isinstance(before, Objective) and isinstance(after, Objective):
        _objective(found, before, after)
    elif isinstance(before, Action) and isinstance(after, Action):
        _action(found, before, after)
    elif isinstance(before, PerformanceMeasure) and isinstance(after, PerformanceMeasure):
        _measure(found, before, after)
    return found.changes
