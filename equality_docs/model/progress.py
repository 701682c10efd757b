"""Progress on objectives and actions: milestones, dated reviews and their status."""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.information import DataTable
from equality_docs.model.measure import PeriodValue
from equality_docs.model.values import DateContext, Prose, Quantity, When


class Status(Vocabulary):
    """Where an objective or action stands at a review."""

    __noun__ = "status"

    NOT_STARTED = "not started"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    COMPLETE = "complete"

    @property
    def rag(self) -> str:
        """Return the Red/Amber/Green rating this status is shown with (always with its words)."""
        return {
            "not started": "Grey",
            "on track": "Green",
            "at risk": "Amber",
            "off track": "Red",
            "complete": "Green",
        }[self.value]

    @property
    def label(self) -> str:
        """Return the status as a table cell prints it."""
        return self.value[0].upper() + self.value[1:]


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Milestone:
    """A step on the way to an objective, with when it is due and whether it is met."""

    text: str
    due: When | None = None
    done: bool = False

    @classmethod
    def from_text(cls, text: str) -> Milestone:
        """Return a milestone written as plain text."""
        return cls(text=text)

def _as_when(value: When | dt.date | None) -> When | None:
    """Return a note's date as a written date; a day given as a `dt.date` is written ISO, as YAML has it."""
    return When(value.isoformat()) if isinstance(value, dt.date) else value


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ProgressNote:
    """
    A review of an objective or action: when (a day, a month, a term, or not said), its status,
    what happened, and the evidence.
    """

    on: When | None = attrs.field(default=None, converter=_as_when)
    status: Status | None = None
    text: Prose | None = None
    evidence: tuple[str, ...] = ()


#: The dates of a plan that says nothing about them.
_NO_CONTEXT = DateContext()


def latest(notes: tuple[ProgressNote, ...], context: DateContext | None = None) -> ProgressNote | None:
    """
    Return the most recent progress note, or None when there is none.

    Notes are ordered by the last day their date covers; a note with no date (or one that names no
    day, such as "Ongoing") counts as written just after the note before it, so of two notes on one
    date, or of notes with no date, the one written last wins.
    """
    if not notes:  # (the commonest: an objective or action never reviewed)
        return None
    context = context or _NO_CONTEXT
    best: ProgressNote | None = None
    best_key = (dt.date.min, -1)
    running = dt.date.min
    for index, note in enumerate(notes):
        covered = note.on.span_in(context) if note.on is not None else None
        running = covered[1] if covered is not None else running
        if (running, index) >= best_key:
            best, best_key = note, (running, index)
    return best


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ReviewInfo:
    """What a progress review covers: its date, the period, and whether its data are illustrative."""

    on: dt.date
    period: str | None = None
    illustrative: bool = False
    title: str | None = None


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ItemProgress:
    """An objective's or action's progress at a review, found by its `id` or its `ref`."""

    id: str | None = None
    ref: str | None = None
    status: Status | None = None
    text: Prose | None = None
    evidence: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class MeasureProgress:
    """A measure's results at a review, found by its `id` or its reference ("NI 111")."""

    id: str | None = None
    ref: str | None = None
    baseline: Quantity | None = None
    actuals: tuple[PeriodValue, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class ProgressReview:
    """
    The root of a progress file: one review's statuses, commentary and results, kept apart from
    the plan so the plan need not be edited each quarter.
    """

    review: ReviewInfo
    objectives: tuple[ItemProgress, ...] = ()
    actions: tuple[ItemProgress, ...] = ()
    measures: tuple[MeasureProgress, ...] = ()
    information: tuple[DataTable, ...] = ()
