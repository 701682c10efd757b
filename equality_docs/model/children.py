"""
What a plan hangs under an objective besides its text: the kinds of child block, in the order
the plan writes them, and targets with their baselines.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.progress import Status
from equality_docs.model.values import Quantity, When


class ChildKind(Vocabulary):
    """
    A kind of block printed under an objective; each value is the objective's field that holds
    it. The members are in the order a plan that says nothing of order prints them.
    """

    __noun__ = "kind of objective detail"

    ACTIONS = "actions"
    EVIDENCE = "evidence"
    THEMES = "themes"
    SUCCESS_CRITERIA = "success_criteria"
    IMPACT = "impact"
    MILESTONES = "milestones"
    MEASURES = "measures"
    TARGETS = "targets"


#: The kinds in their default order (read once: iterating an enum calls Python for each member).
KINDS: tuple[ChildKind, ...] = tuple(ChildKind)


def written_order(kinds: tuple[ChildKind, ...], filled: Sequence[ChildKind]) -> tuple[ChildKind, ...]:
    """
    Return the order an objective prints its child blocks in: the kinds given, each once, then
    any other filled kind (`filled` is in the default order); a kind with nothing in it is left out.
    (Lists of a few kinds, compared by identity: no enum hashing for each objective built.)
    """
    order: list[ChildKind] = []
    for kind in kinds:
        if kind in filled and kind not in order:
            order.append(kind)
    return (*order, *(k for k in filled if k not in order))


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Target:
    """
    A target set under an objective, as a plan prints it: its own label ("Target 1:"), what is
    aimed at, the baseline and when it was taken, the value aimed for and by when, and where it
    stands at the latest update (status, progress notes as one line of text, the date of the update).
    """

    label: str | None = None
    text: str
    baseline: Quantity | None = None
    baseline_on: When | None = None
    value: Quantity | None = None
    due: When | None = None
    status: Status | None = None
    progress: str | None = None
    updated_on: When | None = None

    @classmethod
    def from_text(cls, text: str) -> Target:
        """Return a target written as plain text."""
        return cls(text=text)
