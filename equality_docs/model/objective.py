"""Objectives and the actions that deliver them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model.children import KINDS, ChildKind, Target, written_order
from equality_docs.model.measure import PerformanceMeasure
from equality_docs.model.progress import Milestone, ProgressNote, Status, latest
from equality_docs.model.risk import Risk
from equality_docs.model.statutory import Aim, Applies, Characteristic
from equality_docs.model.values import Prose, When

_ALL_CHARACTERISTICS = frozenset(Characteristic)
#: Each kind of child block with the field that holds it.
_CHILD_FIELDS = tuple((kind, str(kind.value)) for kind in KINDS)
_ALL_AIMS = frozenset(Aim)

#: How a plan writes "all nine" for `characteristics:` (an objective's or the plan's), in any case.
ALL_WORDS = frozenset({"all", "all protected characteristics", "all characteristics"})


#: How to mend "all" written as one item of a list (`characteristics: [all]`).
ALL_IN_A_LIST = "for all nine, write `characteristics: all` on its own, without the brackets"


def says_all(written: object) -> bool:
    """Return whether a `characteristics:` value is the one word (or phrase) standing for all nine."""
    return isinstance(written, str) and " ".join(written.split()).casefold() in ALL_WORDS


def all_characteristics(value: Mapping[str, Any], *, label: str | None = None) -> Mapping[str, Any]:
    """
    Return the fields a mapping stands for with `characteristics: all` read as the nine, in the
    Act's order (and the words written kept in the field `label` names, unless it is given).
    """
    written = value.get("characteristics")
    if not says_all(written):
        return value
    result = {**value, "characteristics": tuple(c.value for c in Characteristic)}
    if label is not None and label not in value:
        result[label] = written
    return result


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class CharacteristicRef:
    """
    A protected characteristic as a document names it: the statutory characteristic, the
    document's own label ("Sex (gender)"), and whom it applies to where narrowed.
    """

    characteristic: Characteristic
    label: str | None = None
    applies_to: Applies | None = None
    qualifier: str | None = None

    @classmethod
    def from_text(cls, text: str) -> CharacteristicRef:
        """Return the characteristic a label names, keeping the label unless it is the statutory name."""
        if says_all(text):
            raise ValueError(f'"{text}" is not one protected characteristic; {ALL_IN_A_LIST}')
        characteristic = Characteristic.parse(text)
        return cls(characteristic=characteristic, label=None if text == characteristic.value else text)

    @property
    def name(self) -> str:
        """Return the label to print: the document's own, else the statutory name."""
        return self.label or self.characteristic.statutory_name

    @property
    def printed(self) -> str:
        """
        Return the characteristic as a document prints it: the label, then the plan's own
        qualifier as written ("Age in relation to staff only"), else whom it is narrowed to
        ("Age (staff only)").
        """
        if self.qualifier:
            return f"{self.name} {self.qualifier}"
        if self.applies_to is not None and self.applies_to is not Applies.EVERYONE:
            return f"{self.name} ({self.applies_to.value} only)"
        return self.name


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Action:
    """
    A critical action, task or activity: under an objective, or of the plan as a whole. `completed`
    and `outcome` are what an action tracker prints once it is done.
    """

    id: str | None = None
    ref: str | None = None
    text: str
    owner: str | None = None
    division: str | None = None
    start: When | None = None
    finish: When | None = None
    linkages: tuple[str, ...] = ()
    completed: When | None = None
    outcome: Prose | None = None
    milestones: tuple[Milestone, ...] = ()
    progress: tuple[ProgressNote, ...] = ()
    retired: bool = False
    superseded_by: str | None = None
    retired_reason: str | None = None

    @property
    def current(self) -> bool:
        """Return whether the action is printed in current documents: neither retired nor superseded."""
        return not self.retired and self.superseded_by is None

    @classmethod
    def from_text(cls, text: str) -> Action:
        """Return an action written as plain text."""
        return cls(text=text)

    @property
    def status(self) -> Status | None:
        """Return complete once the action has a `completed` date; else the status at the latest review, or None before any."""
        if self.completed is not None:
            return Status.COMPLETE
        note = latest(self.progress)
        return None if note is None else note.status


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Objective:
    """
    An equality objective: what will change, for whom, linked to the general-duty aims and
    the protected characteristics, with its actions, measures, risks and progress.

    The blocks a plan hangs under it (actions, evidence, key themes, success criteria,
    anticipated impact, milestones, measures, targets) print in `order`: the order the plan
    writes them in, which the loader reads from the order of the keys. Built in Python, kinds
    left out of `order` follow in that list's order; a kind with nothing in it is dropped.
    """

    id: str | None = None
    ref: str | None = None
    text: str
    service_area: str | None = None
    aims: tuple[Aim, ...] = ()
    aims_label: str | None = None
    characteristics: tuple[CharacteristicRef, ...] = ()
    characteristics_label: str | None = None
    groups: tuple[str, ...] = ()
    scope: str | None = None
    tags: tuple[str, ...] = ()
    aim: str | None = None
    target_groups: tuple[str, ...] = ()
    outcome: Prose | None = None
    owner: str | None = None
    division: str | None = None
    start: When | None = None
    finish: When | None = None
    linkages: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    evidence: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    success_criteria: tuple[str, ...] = ()
    impact: tuple[str, ...] = ()
    measures: tuple[PerformanceMeasure, ...] = ()
    targets: tuple[Target, ...] = ()
    risks: tuple[Risk, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    progress: tuple[ProgressNote, ...] = ()
    order: tuple[ChildKind, ...] = ()
    retired: bool = False
    superseded_by: str | None = None
    retired_reason: str | None = None

    def __attrs_post_init__(self) -> None:
        """Keep `order` as printed: each filled kind once, in the order given, the rest after."""
        filled = [kind for kind, field in _CHILD_FIELDS if getattr(self, field)]
        order = written_order(self.order, filled)
        if order != self.order:
            object.__setattr__(self, "order", order)  # frozen: set once, while being built

    def children(self) -> tuple[tuple[ChildKind, tuple[object, ...]], ...]:
        """Return the filled child blocks in printed order, each its kind and its items."""
        return tuple((kind, getattr(self, kind.value)) for kind in self.order)

    @property
    def current(self) -> bool:
        """Return whether the objective is printed in current documents: neither retired nor superseded."""
        return not self.retired and self.superseded_by is None

    def without_retired(self) -> Objective:
        """Return the objective with its retired and superseded actions and measures left out."""
        if all(a.current for a in self.actions) and all(mm.current for mm in self.measures):
            return self
        return attrs.evolve(
            self,
            actions=tuple(a for a in self.actions if a.current),
            measures=tuple(mm for mm in self.measures if mm.current),
        )

    @classmethod
    def from_text(cls, text: str) -> Objective:
        """Return an objective written as plain text."""
        return cls(text=text)

    @classmethod
    def fields_of(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        """
        Return the fields a mapping (or the keywords given) stands for: `characteristics: all`
        (or "All protected characteristics") is the nine, printed in the words written
        (`characteristics_label`, unless it is given).
        """
        return all_characteristics(value, label="characteristics_label")

    @property
    def status(self) -> Status | None:
        """Return the status at the latest review, or None before any review."""
        note = latest(self.progress)
        return None if note is None else note.status

    @property
    def addresses_all_characteristics(self) -> bool:
        """Return whether the objective names all nine protected characteristics."""
        refs = self.characteristics
        return len(refs) >= len(_ALL_CHARACTERISTICS) and {c.characteristic for c in refs} == _ALL_CHARACTERISTICS

    @property
    def addresses_all_aims(self) -> bool:
        """Return whether the objective links to all three general-duty aims."""
        return len(self.aims) >= len(_ALL_AIMS) and set(self.aims) == _ALL_AIMS
