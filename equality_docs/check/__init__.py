"""
`check`: a plan against the Public Sector Equality Duty and against itself.

Each rule has a stable code (like a linter's), a severity, and the legal source it applies. The
loader accepts any well-typed plan; these checks say what the duty asks for. England's rules are
implemented; a plan from Wales or Scotland is told that its rules are not covered, rather than
being judged by England's.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from equality_docs.check import rules, texts
from equality_docs.check.headers import unfilled_placeholders
from equality_docs.check.measures import no_direction
from equality_docs.check.order import order_names_no_group, placed_beside_unknown
from equality_docs.load.lines import Lines
from equality_docs.model import EqualityPlan

Path_ = tuple[str | int, ...]


class Severity(enum.Enum):
    """How much a finding matters: errors fail `check`, and `render --strict` will not write."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Finding:
    """One thing a check found: the rule, where, what, and how to put it right."""

    code: str
    severity: Severity
    path: str
    line: int | None
    message: str
    hint: str

    def as_dict(self) -> dict[str, Any]:
        """Return the finding as plain data, for JSON."""
        return {
            "code": self.code, "severity": self.severity.value, "path": self.path,
            "line": self.line, "message": self.message, "hint": self.hint,
        }


@attrs.frozen(kw_only=True)
class Rule:
    """A check: its code, usual severity, what it looks for, and the law or practice behind it."""

    code: str
    severity: Severity
    title: str
    source: str
    run: Any


_REGS = "Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017"

RULES: tuple[Rule, ...] = (
    Rule(code="EQ101", severity=Severity.WARNING, title="objective has no performance measure or target",
         source=f"{_REGS}, reg. 5(3): objectives must be specific and measurable", run=rules.no_measure),
    Rule(code="EQ102", severity=Severity.WARNING, title="measure has no target",
         source=f"{_REGS}, reg. 5(3): objectives must be measurable", run=rules.no_target),
    Rule(code="EQ103", severity=Severity.WARNING, title="objective has no owner",
         source=f"{_REGS}, reg. 5(3): specific objectives say who delivers them", run=rules.no_owner),
    Rule(code="EQ104", severity=Severity.WARNING, title="objective has no dates",
         source=f"{_REGS}, reg. 5(3): specific objectives say when", run=rules.no_dates),
    Rule(code="EQ106", severity=Severity.WARNING, title="measure's results cannot be judged: no direction",
         source="plan consistency: a result is met or not met only when higher or lower is better", run=no_direction),
    Rule(code="EQ110", severity=Severity.ERROR, title="objective links to no aim of the general duty",
         source="Equality Act 2010, s.149(1)(a)-(c): objectives serve the general duty's aims",
         run=rules.no_aim),
    Rule(code="EQ111", severity=Severity.INFO, title="aims no objective addresses",
         source="Equality Act 2010, s.149(1)(a)-(c)", run=rules.aims_not_addressed),
    Rule(code="EQ112", severity=Severity.INFO, title="characteristics no objective addresses",
         source="Equality Act 2010, s.4 and s.149(7)", run=rules.characteristics_not_addressed),
    Rule(code="EQ120", severity=Severity.WARNING,
         title="marriage and civil partnership linked beyond the first aim",
         source="Equality Act 2010, s.149(7): marriage and civil partnership is a relevant "
                "characteristic only for s.149(1)(a)", run=rules.marriage_beyond_first_aim),
    Rule(code="EQ121", severity=Severity.WARNING, title="age linked to pupils at a school",
         source="Equality Act 2010, s.84 and Schedule 18 para. 1: age does not apply to the "
                "provision of education to pupils, nor the general duty in relation to it",
         run=rules.age_for_pupils),
    Rule(code="EQ130", severity=Severity.ERROR, title="equality information overdue or due soon",
         source=f"{_REGS}, reg. 4: publish equality information at least annually",
         run=rules.information_due),
    Rule(code="EQ105", severity=Severity.WARNING, title="plan holds no equality objectives",
         source=f"{_REGS}, reg. 5: publish one or more equality objectives", run=rules.no_objectives),
    Rule(code="EQ131", severity=Severity.ERROR, title="equality objectives overdue or due soon",
         source=f"{_REGS}, reg. 5: publish objectives at least every four years",
         run=rules.objectives_due),
    Rule(code="EQ132", severity=Severity.ERROR, title="document review overdue or due soon",
         source="the document's own review frequency (document.review)", run=rules.review_due),
    Rule(code="EQ139", severity=Severity.INFO, title="nation's specific duties not covered",
         source="Wales: Equality Act 2010 (Statutory Duties) (Wales) Regulations 2011; Scotland: "
                "Equality Act 2010 (Specific Duties) (Scotland) Regulations 2012",
         run=rules.nation_not_covered),
    Rule(code="EQ140", severity=Severity.ERROR, title="reference or id used twice",
         source="plan consistency: references identify items across documents and years",
         run=rules.duplicate_refs),
    Rule(code="EQ141", severity=Severity.ERROR, title="finish before start",
         source="plan consistency", run=rules.finish_before_start),
    Rule(code="EQ142", severity=Severity.WARNING, title="date outside the plan period",
         source="plan consistency", run=rules.outside_period),
    Rule(code="EQ143", severity=Severity.INFO, title="target set for a year after the plan period",
         source="plan consistency", run=rules.targets_outside_period),
    Rule(code="EQ144", severity=Severity.ERROR, title="risk level outside the risk scale",
         source="the organisation's risk scale (risk_scale)", run=rules.risk_out_of_range),
    Rule(code="EQ145", severity=Severity.WARNING, title="owner not in the contact list",
         source="plan consistency: owners can be reached", run=rules.owner_not_in_contacts),
    Rule(code="EQ146", severity=Severity.ERROR, title="superseded_by names no id in the plan",
         source="plan consistency: ids identify items across editions", run=rules.superseded_by_unknown),
    Rule(code="EQ147", severity=Severity.WARNING, title="grouping order names a group no objective is in",
         source="plan consistency: a misspelt group prints as an empty one", run=order_names_no_group),
    Rule(code="EQ148", severity=Severity.ERROR, title="section placed beside an objective the plan does not hold",
         source="plan consistency: a section placed beside no objective prints out of place",
         run=placed_beside_unknown),
    Rule(code="EQ150", severity=Severity.WARNING, title="text holds characters a document cannot",
         source="XML 1.0, section 2.2: characters a Word document cannot contain",
         run=texts.control_characters),
    Rule(code="EQ151", severity=Severity.WARNING, title="link to something other than a web page or email",
         source="published documents link only to http, https and mailto addresses",
         run=texts.unsafe_links),
    Rule(code="EQ160", severity=Severity.WARNING, title="table header names a value the plan does not give",
         source="plan consistency: a header's {period}, {year} or {as_at} needs the plan's period or a progress review",
         run=unfilled_placeholders),
)


def _line(lines: Mapping[Path_, int], path: Path_) -> int | None:
    if isinstance(lines, Lines):  # (the loader's: walked once down the path)
        return lines.nearest(path)
    while path:
        line = lines.get(path)
        if line is not None:
            return line
        path = path[:-1]
    return lines.get(())


def check_plan(
    plan: EqualityPlan, *, on: dt.date, lines: Mapping[Path_, int] | None = None
) -> tuple[Finding, ...]:
    """
    Return every finding of every rule on a plan, in line order.

    Args:
        plan: the plan.
        on: the date deadlines are judged against.
        lines: the line of each field, from `load_with_lines`, to place findings.
    """
    from equality_docs.load import format_path  # (here, not at the top: avoids a load-time cycle)

    where = lines or {}
    #: Each path's text and line, worked out once: several rules find things at the same place.
    places: dict[Path_, tuple[str, int | None]] = {}
    found: list[Finding] = []
    for rule in RULES:
        for item in rule.run(plan, on):
            path, message, hint = item[0], item[1], item[2]
            place = places.get(path)
            if place is None:
                place = places[path] = (format_path(path), _line(where, path))
            severity = Severity(item[3]) if len(item) > 3 else rule.severity
            found.append(Finding(
                code=rule.code, severity=severity, path=place[0], line=place[1], message=message, hint=hint,
            ))
    return tuple(sorted(found, key=lambda f: (f.line or 0, f.code, f.path)))


def counts(findings: Iterable[Finding]) -> dict[Severity, int]:
    """Return how many findings there are of each severity."""
    result = dict.fromkeys(Severity, 0)
    for finding in findings:
        result[finding.severity] += 1
    return result


def summary(findings: Sequence[Finding]) -> str:
    """Return a one-line count: "2 errors, 5 warnings, 1 note"."""
    n = counts(findings)

    def words(count: int, one: str) -> str:
        return f"{count} {one}{'' if count == 1 else 's'}"

    return ", ".join((words(n[Severity.ERROR], "error"), words(n[Severity.WARNING], "warning"),
                      words(n[Severity.INFO], "note")))


def format_text(results: Sequence[tuple[Path | str, Sequence[Finding]]]) -> str:
    """Return findings as text, grouped by file: `line: field: severity CODE message (fix)`."""
    out: list[str] = []
    for file, findings in results:
        out.append(f"{file}: {summary(findings)}")
        for f in findings:
            where = f"{file}:{f.line}" if f.line else str(file)
            field = f" {f.path}:" if f.path else ""
            out.append(f"  {where}:{field} {f.severity.value} {f.code} {f.message} ({f.hint})")
    return "\n".join(out) + "\n"


def format_json(results: Sequence[tuple[Path | str, Sequence[Finding]]]) -> str:
    """Return findings as JSON: a list of files, each with its findings."""
    data = [
        {"file": str(file), "findings": [f.as_dict() for f in findings]}
        for file, findings in results
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def rules_markdown() -> str:
    """Return the table of rules for docs/checks.md."""
    lines = ["| code | severity | finds | source |", "|---|---|---|---|"]
    lines += [f"| {r.code} | {r.severity.value} | {r.title} | {r.source} |" for r in RULES]
    return "\n".join(lines) + "\n"
