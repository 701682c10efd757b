"""Performance measures (KPIs): references, yearly targets, baseline and results."""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.values import Prose, Quantity, When


class Direction(Vocabulary):
    """Which way a measure counts as better."""

    __noun__ = "direction (higher or lower)"

    HIGHER = "higher"
    LOWER = "lower"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class PeriodValue:
    """A target or a result for one period: a year ("2012/13"), a term, a quarter."""

    period: str
    value: Quantity | None = None

    @classmethod
    def from_pair(cls, period: object, value: object) -> PeriodValue:
        """Return a value from one line of a mapping by period (`2012/13: "51%"`)."""
        return cls(period=period, value=value)  # type: ignore[arg-type]  # converted when built


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class PerformanceMeasure:
    """
    A key performance measure: its references (national "NI 111", local "T_F 001"), what it
    measures, its baseline and when it was taken, interim targets per period and a final target,
    the results reported against them, a RAG rating as written (the printed rating is derived
    from the latest result where it can be) and a commentary.
    """

    id: str | None = None
    refs: tuple[str, ...] = ()
    description: str
    unit: str | None = None
    direction: Direction | None = None
    baseline: Quantity | None = None
    baseline_on: When | None = None
    targets: tuple[PeriodValue, ...] = ()
    target: Quantity | None = None
    actuals: tuple[PeriodValue, ...] = ()
    rag: str | None = None
    commentary: Prose | None = None
    owner: str | None = None
    division: str | None = None
    retired: bool = False
    superseded_by: str | None = None
    retired_reason: str | None = None

    @property
    def current(self) -> bool:
        """Return whether the measure is printed in current documents: neither retired nor superseded."""
        return not self.retired and self.superseded_by is None

    @property
    def ref(self) -> str:
        """Return the references as one cell prints them ("NI 111 T_F 001")."""
        return " ".join(self.refs)

    def target_for(self, period: str) -> Quantity | None:
        """Return the target set for a period, or None."""
        return next((t.value for t in self.targets if t.period == period), None)

    def actual_for(self, period: str) -> Quantity | None:
        """Return the result reported for a period, or None."""
        return next((a.value for a in self.actuals if a.period == period), None)
