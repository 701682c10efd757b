"""
Render every school's PSED statement for a trust, with one school's statement changed.

    python examples/scripts/trust_statements.py --out output

The trust's aims and the statutory text are shared; each school gets its own statement with its
own objectives. One school uses its own heading and adds an objective of its own.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs

import equality_docs
from equality_docs import model as m

EXAMPLES = Path(__file__).resolve().parents[1]


def school_plans(trust: m.EqualityPlan) -> list[tuple[str, m.EqualityPlan]]:
    """Return one plan per school: the trust's plan with only that school's objectives."""
    schools = [
        m.School(name="North Academy", objectives=trust.objectives),
        m.School(name="South Academy", objectives=trust.objectives[:2]),
    ]
    plans = []
    for school in schools:
        plan = attrs.evolve(
            trust,
            title=f"{school.name}: Public Sector Equality Duty Statement",
            objectives=school.objectives,
            objectives_title=f"{school.name} - Equality Objectives",
        )
        plans.append((school.name.lower().replace(" ", "-"), plan))
    # The per-school change: South Academy adds its own objective.
    name, south = plans[1]
    extra = m.Objective(
        text="To increase the participation of girls in after-school STEM clubs.",
        aims=(m.Aim.ADVANCE,),
        characteristics=(m.CharacteristicRef(characteristic=m.Characteristic.SEX),),
        actions=(m.Action(text="A girls' coding club, run with a local employer"),),
    )
    plans[1] = (name, attrs.evolve(south, objectives=(*south.objectives, extra)))
    return plans


def main() -> None:
    """Render the statements into --out."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("output"))
    args = parser.parse_args()

    trust = equality_docs.load(EXAMPLES / "inmat-trust.yaml")
    for path in equality_docs.render_all(
        school_plans(trust), out=args.out, kinds=["psed-statement"], formats=["docx", "html"],
        replace=True,
    ):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
