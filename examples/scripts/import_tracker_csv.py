"""
Build a plan from a CSV export of an action tracker, check it, and render its documents.

    python examples/scripts/import_tracker_csv.py examples/scripts/action-tracker.csv --out output

Each CSV row is one action; rows with the same Objective ID belong to one objective.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
from collections import defaultdict
from pathlib import Path

import equality_docs
from equality_docs import model as m


def read_tracker(path: Path, organisation: str) -> m.EqualityPlan:
    """Return a plan whose objectives and actions come from the tracker's rows."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        for row in csv.DictReader(stream):
            rows[row["Objective ID"]].append(row)
    objectives = []
    for objective_id, actions in rows.items():
        first = actions[0]
        objectives.append(m.Objective(
            id=objective_id,
            text=first["Objective"],
            aims=tuple(m.Aim(aim.strip()) for aim in first["Aim"].split(";") if aim.strip()),
            characteristics=tuple(
                m.CharacteristicRef(characteristic=m.Characteristic.from_label(name))
                for name in first["Characteristics"].split(";") if name.strip()
            ),
            actions=tuple(
                m.Action(
                    ref=row["Action ref"], text=row["Action"], owner=row["Owner"],
                    finish=m.When(f"By {row['Due']}"),
                    progress=(m.ProgressNote(on=dt.date(2025, 12, 1), status=m.Status(row["Status"])),),
                )
                for row in actions
            ),
        ))
    return m.EqualityPlan(
        organisation=m.Organisation(name=organisation, type=m.OrganisationType.SCHOOL),
        title="Equality objectives",
        period=m.When("2025/26"),
        objectives=tuple(objectives),
    )


def main() -> None:
    """Read the tracker, report the checks, write the plan as YAML and render its documents."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("csv", type=Path)
    parser.add_argument("--out", type=Path, default=Path("output"))
    parser.add_argument("--organisation", default="Example Academy")
    args = parser.parse_args()

    plan = read_tracker(args.csv, args.organisation)
    for finding in equality_docs.check(plan, on=dt.date(2025, 12, 1)):
        print(f"{finding.severity.value} {finding.code}: {finding.path}: {finding.message}")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tracker-plan.yaml").write_text(equality_docs.dumps(plan), encoding="utf-8")
    for path in equality_docs.render_all(
        [("tracker", plan)], out=args.out, kinds=["objectives-plan", "psed-statement"], replace=True
    ):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
