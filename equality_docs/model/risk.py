"""Risks to objectives, scored on the organisation's own scales and bands."""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class RiskBand:
    """
    A range of scores, its name, and the colour it is shown in (always with its name). The
    colour is a cell fill (hex RGB) behind black text, so it should be light enough to read.
    """

    name: str
    min_score: int
    max_score: int
    colour: str


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class RiskScale:
    """
    The organisation's risk matrix: the named levels of impact and probability (1 to N) and the
    bands that score ranges fall into.
    """

    impact: tuple[str, ...] = ("Insignificant", "Minor", "Moderate", "Significant", "Major")
    probability: tuple[str, ...] = ("Rare", "Unlikely", "Moderate", "Likely", "Almost certain")
    bands: tuple[RiskBand, ...] = (
        RiskBand(name="Low", min_score=1, max_score=4, colour="92D050"),
        RiskBand(name="Medium", min_score=5, max_score=9, colour="FFC000"),
        RiskBand(name="High", min_score=10, max_score=16, colour="F4B183"),
        RiskBand(name="Very high", min_score=17, max_score=25, colour="FF7C80"),
    )

    def band_for(self, score: int | None) -> RiskBand | None:
        """Return the band a score falls in, or None for no score or a score outside every band."""
        if score is None:
            return None
        return next((b for b in self.bands if b.min_score <= score <= b.max_score), None)


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Risk:
    """
    A potential barrier to an objective: its reference, description, impact and probability.

    The score is derived (impact x probability), before and after mitigation; a risk may have
    no scores yet, and then shows none.
    """

    id: str | None = None
    ref: str | None = None
    description: str
    impact: int | None = None
    probability: int | None = None
    residual_impact: int | None = None
    residual_probability: int | None = None
    owner: str | None = None
    division: str | None = None

    @property
    def score(self) -> int | None:
        """Return the inherent score, impact x probability, or None when either is missing."""
        if self.impact is None or self.probability is None:
            return None
        return self.impact * self.probability

    @property
    def residual_score(self) -> int | None:
        """Return the score after mitigation, or None when either residual level is missing."""
        if self.residual_impact is None or self.residual_probability is None:
            return None
        return self.residual_impact * self.residual_probability
