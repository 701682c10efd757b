"""
Grouping a document's objectives under headings: by duty aim, characteristic, audience, scope,
service area, local group or a free tag. An objective under several values of the key (two
aims, three characteristics) is listed under each of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary, normal
from equality_docs.model.objective import CharacteristicRef, Objective
from equality_docs.model.statutory import Aim, Characteristic

#: What a group with no objectives prints, unless the plan words it its own way.
NIL_RETURN = "No objectives this period"
#: The heading over objectives that name no value of the key.
OTHER = "Other objectives"


class GroupKey(Vocabulary):
    """What a document groups its objectives by."""

    __noun__ = "grouping key"

    AIM = "aim"
    CHARACTERISTIC = "characteristic"
    AUDIENCE = "audience"
    SCOPE = "scope"
    SERVICE_AREA = "service area"
    DIRECTORATE = "directorate"  # a council's word for its service areas: the same field
    GROUP = "group"
    TAG = "tag"
    OUTCOME = "outcome"


class GroupShow(Vocabulary):
    """How a table-printing document shows its groups: a heading and a table each, or rows of one table."""

    __noun__ = "way to show groups (headings or rows)"

    HEADINGS = "headings"
    ROWS = "rows"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Grouping:
    """
    How a plan's documents group its objectives: the key (`by`), the groups to print first and
    in which order (`order`; a group named there with no objectives prints `empty`), and the
    heading over objectives that name no value of the key (`other`, printed last). Written as
    just the key (`grouping: aim`) it takes the defaults. An objective naming several values of
    the key (two aims, three characteristics) is listed under each of them. A group is named
    in the plan's words: an objective's `aims_label` for its one aim, the plan's own label for a
    characteristic, a text value as first written; else the canonical name ("Foster good
    relations", "Sexual orientation"). The objectives statement, objectives plan, PSED statement,
    annual report and action plan print each group as a heading over its objectives (a table each
    where the kind prints a table), in Word, Markdown and HTML; with `show: rows`, the objectives
    statement, the objectives plan and the annual report's progress print one table instead, each
    group a full-width row over its objectives' rows. The PSED statement prints no table of
    objectives and keeps headings, as the action plan's outcome blocks do. The action plan lists
    its groups in each outcome block (and over its own objectives), each listing only the groups
    it holds objectives of: a group no objective of the plan is in prints its nil return once, in
    the first listing (the plan's own objectives, else the first outcome block), not in every block.
    """

    by: GroupKey
    order: tuple[str, ...] = ()
    empty: str = NIL_RETURN
    other: str = OTHER
    show: GroupShow = GroupShow.HEADINGS

    @classmethod
    def from_text(cls, text: str) -> Grouping:
        """Return a grouping written as just its key (`grouping: aim`)."""
        return cls(by=GroupKey.parse(text))


@attrs.frozen(kw_only=True)
class Group:
    """One group as printed: its name, and the positions of its objectives in the list grouped."""

    name: str
    members: tuple[int, ...]


def _values(
    objective: Objective, by: GroupKey, labels: dict[Characteristic, str], outcome: str | None
) -> list[tuple[str, str]]:
    """Return the (key, name) pairs an objective falls under, in its own order."""
    if by is GroupKey.AIM:
        own = objective.aims_label if len(objective.aims) == 1 else None
        return [(a.value, own or a.short_name) for a in objective.aims]
    if by is GroupKey.CHARACTERISTIC:
        return [
            (r.characteristic.value, labels.get(r.characteristic) or r.name) for r in objective.characteristics
        ]
    written: Iterable[str | None] = {
        GroupKey.AUDIENCE: objective.target_groups,
        GroupKey.SCOPE: (objective.scope,),
        GroupKey.SERVICE_AREA: (objective.service_area,),
        GroupKey.DIRECTORATE: (objective.service_area,),
        GroupKey.GROUP: objective.groups,
        GroupKey.TAG: objective.tags,
        GroupKey.OUTCOME: (outcome,),
    }[by]
    return [(normal(v), v.strip()) for v in written if v and v.strip()]


def named_value(entry: str, by: GroupKey) -> Aim | Characteristic | None:
    """
    Return the aim (or characteristic) an entry of `order` names when grouping by aim (or
    characteristic): by its value or name ("foster") or by the name a group is printed under
    ("Foster good relations", "Sexual orientation"), in any case; None if it names none.
    """
    try:
        if by is GroupKey.AIM:
            return next((a for a in Aim if normal(a.short_name) == normal(entry)), None) or Aim.parse(entry)
        if by is GroupKey.CHARACTERISTIC:
            return next(
                (c for c in Characteristic if normal(c.statutory_name) == normal(entry)), None
            ) or Characteristic.parse(entry)
    except ValueError:
        pass
    return None


def _canonical(entry: str, by: GroupKey, labels: Mapping[Characteristic, str]) -> tuple[str, str]:
    """Return the key and the name of a group the plan's `order` names (a characteristic by the plan's label for it)."""
    found = named_value(entry, by)
    if isinstance(found, Aim):
        return found.value, found.short_name
    if isinstance(found, Characteristic):
        return found.value, labels.get(found, found.statutory_name)
    return normal(entry), entry


def group_objectives(
    objectives: Sequence[Objective],
    grouping: Grouping,
    characteristics: Sequence[CharacteristicRef] = (),
    outcomes: Sequence[str | None] = (),
) -> tuple[Group, ...]:
    """
    Return the groups of `objectives` under `grouping`, in order: first those `order` names
    (by canonical name or as the groups are named; even with no objectives), then the others in the Act's order (aims, characteristics) or in
    the order they first appear, then the objectives with no value of the key (`other`). Each
    group's name is the plan's own wording where it has one (an objective's `aims_label` for its
    one aim, the plan's label for a characteristic, the text as first written), else the
    canonical name. An objective falls under every value of the key it names. `outcomes` gives
    each objective's outcome area (the action plan's outcome block it is held in), by position.
    """
    labels = {r.characteristic: r.label for r in characteristics if r.label}
    names: dict[str, str] = {}
    members: dict[str, list[int]] = {}
    other: list[int] = []
    for index, objective in enumerate(objectives):
        outcome = outcomes[index] if index < len(outcomes) else None
        values = _values(objective, grouping.by, labels, outcome)
        if not values:
            other.append(index)
        for key, name in values:
            names.setdefault(key, name)
            if index not in members.setdefault(key, []):
                members[key].append(index)
    ordered: dict[str, str] = {}
    for entry in grouping.order:
        key, name = _canonical(entry, grouping.by, labels)
        if key not in names:  # named in the plan's own words ("Removing disadvantage")
            key = next((k for k, n in names.items() if normal(n) == normal(entry)), key)
        ordered.setdefault(key, names.get(key, name))
    rest = list(names)
    if grouping.by is GroupKey.AIM:
        rest.sort(key=[a.value for a in Aim].index)
    elif grouping.by is GroupKey.CHARACTERISTIC:
        rest.sort(key=[c.value for c in Characteristic].index)
    for key in rest:
        ordered.setdefault(key, names[key])
    groups = [Group(name=name, members=tuple(members.get(key, ()))) for key, name in ordered.items()]
    if other:
        groups.append(Group(name=grouping.other, members=tuple(other)))
    return tuple(groups)
