"""What each column of a risks table prints, and the band colour its score cells are filled with."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from equality_docs.context.common import owner, text
from equality_docs.model import Labels, Risk, RiskScale
from equality_docs.model.values import Prose

Cell = str | Prose

#: The fields whose cells take the colour of the risk's band.
COLOURED = frozenset({"score", "band", "rating"})


def scale_text(levels: tuple[str, ...]) -> str:
    """Return a scale as the seed's column header prints it: "1. Rare 2. Unlikely ..."."""
    return " ".join(f"{n}. {name}" for n, name in enumerate(levels, start=1))


def risk_cells(scale: RiskScale) -> Mapping[str, Callable[[Risk], Cell]]:
    """Return each risks-table field's getter; with no score, the score cells are empty, never 0."""

    def band(r: Risk) -> str:
        found = scale.band_for(r.score)
        return found.name if found else ""

    def rating(r: Risk) -> str:
        found = scale.band_for(r.score)
        return f"{r.score} {found.name}" if found else text(r.score)

    return {
        "ref": lambda r: text(r.ref),
        "description": lambda r: r.description,
        "impact": lambda r: text(r.impact),
        "probability": lambda r: text(r.probability),
        "score": lambda r: text(r.score),
        "band": band,
        "rating": rating,
        "owner": lambda r: owner(r.owner, r.division),
        "division": lambda r: text(r.division),
    }


def risk_fill(field: str, risk: Risk, scale: RiskScale) -> str:
    """Return the colour a risk's cell is filled with: its band's for a score cell, else "" (none)."""
    if field not in COLOURED:
        return ""
    found = scale.band_for(risk.score)
    return found.colour if found else ""


def risk_header(field: str, labels: Labels, scale: RiskScale) -> tuple[str, str]:
    """Return a risks-table column's header and note from the plan's labels and its risk scale."""
    headers: dict[str, tuple[str, str]] = {
        "ref": (labels.risk_ref, ""),
        "description": (labels.risk_description, labels.risk_description_note),
        "impact": (labels.risk_impact, scale_text(scale.impact)),
        "probability": (labels.risk_probability, scale_text(scale.probability)),
        "score": (labels.risk_score, labels.risk_score_note),
        "band": ("Band", ""),
        "rating": (labels.risk_score, labels.risk_score_note),
        "owner": (labels.risk_owner, ""),
        "division": ("Division", ""),
    }
    return headers[field]
