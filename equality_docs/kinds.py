"""
The registry of document kinds: for each, its name, what it is for, its context builder and
its templates. The command line and the Python API both read this one table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from equality_docs.context import (
    action_plan,
    annual_report,
    objectives_plan,
    objectives_statement,
    psed_statement,
    strategy,
)
from equality_docs.context.common import with_characteristic_labels
from equality_docs.context.sections import current_placed
from equality_docs.errors import InputError, Problem, UnknownKindError
from equality_docs.model import EqualityPlan, Nation, OrganisationType

#: The output formats every kind renders to.
FORMATS = ("docx", "md", "html")


@attrs.frozen(kw_only=True)
class DocumentKind:
    """One kind of document: how to view a plan as it, and which templates print it."""

    name: str
    summary: str
    template: str
    context_type: type
    build_context: Callable[[EqualityPlan], Any]
    applies: Callable[[EqualityPlan], bool]
    #: What a plan must hold for this kind to print anything, in the fields' own names.
    needs: str
    #: Whether the kind prints a sensible document for the plan when asked for by name (`-k`),
    #: though the plan does not hold what makes it one of the kinds made by default (`applies`).
    asked: Callable[[EqualityPlan], bool] | None = None
    #: The nations whose specific duties the kind's fixed wording follows (all, for a kind that
    #: names none): a body of another nation is not offered it.
    nations: frozenset[Nation] = frozenset(Nation)

    def template_name(self, fmt: str) -> str:
        """Return the file name of this kind's template for a format."""
        return {"docx": f"{self.template}.docx", "md": f"{self.template}.md.j2"}.get(
            fmt, f"{self.template}.md.j2"
        )


def _current(build: Callable[[EqualityPlan], Any]) -> Callable[[EqualityPlan], Any]:
    """Return a context builder that sees the plan without its retired and superseded items, its own characteristic labels on every objective."""

    def build_current(plan: EqualityPlan) -> Any:
        return build(current_placed(with_characteristic_labels(plan)))

    return build_current


def _has_objectives(plan: EqualityPlan) -> bool:
    return next(plan.all_objectives(), None) is not None


def _has_results(plan: EqualityPlan) -> bool:
    """Return whether any measure, the plan's own or an objective's, holds a result."""
    measures = [*plan.measures, *(m for o in plan.all_objectives() for m in o.measures)]
    return any(m.actuals for m in measures)


def _is_school(plan: EqualityPlan) -> bool:
    return plan.organisation.type in (OrganisationType.SCHOOL, OrganisationType.ACADEMY_TRUST)


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="objectives-statement",
        summary="Equality objectives under England's specific duties: the Act, the duties, purpose, progress, objectives table.",
        template="objectives_statement",
        context_type=objectives_statement.ObjectivesStatementContext,
        build_context=_current(objectives_statement.build),
        applies=_has_objectives,
        needs="at least one objective (`objectives:`, a school's `objectives:`, or objectives in `appendices:`)",
        nations=frozenset({Nation.ENGLAND}),
    ),
    DocumentKind(
        name="strategy",
        summary="An equality and diversity strategy: introduction, characteristics, numbered priorities.",
        template="strategy",
        context_type=strategy.StrategyContext,
        build_context=_current(strategy.build),
        applies=lambda plan: plan.strategy is not None and bool(plan.strategy.priorities),
        needs="a `strategy:` with at least one of its `priorities:`",
    ),
    DocumentKind(
        name="psed-statement",
        summary="A school's or trust's Public Sector Equality Duty statement (England) with its objectives.",
        template="psed_statement",
        context_type=psed_statement.PsedStatementContext,
        build_context=_current(psed_statement.build),
        applies=lambda plan: _is_school(plan) and _has_objectives(plan),
        needs="`organisation: {type: school}` (or `academy trust`) and at least one objective",
        nations=frozenset({Nation.ENGLAND}),
    ),
    DocumentKind(
        name="objectives-plan",
        summary="One landscape table of objectives, grouped by general-duty aim, with actions and progress.",
        template="objectives_plan",
        context_type=objectives_plan.ObjectivesPlanContext,
        build_context=_current(objectives_plan.build),
        applies=_has_objectives,
        needs="at least one objective (`objectives:`, a school's `objectives:`, or objectives in `appendices:`)",
    ),
    DocumentKind(
        name="action-plan",
        summary="An action plan: numbered sections, contact, the plan's actions and measures, appendices.",
        template="action_plan",
        context_type=action_plan.ActionPlanContext,
        build_context=_current(action_plan.build),
        applies=lambda plan: bool(plan.appendices or plan.actions or plan.measures),
        needs="`actions:` or `measures:` of the plan, or one of `appendices:` (outcome blocks or priorities); "
              "asked for by name, the plan's own `objectives:` are enough",
        asked=lambda plan: bool(plan.objectives),
    ),
    DocumentKind(
        name="annual-report",
        summary="The annual report: progress, measures against targets with charts, coverage, equality information.",
        template="annual_report",
        context_type=annual_report.AnnualReportContext,
        build_context=_current(annual_report.build),
        applies=lambda plan: bool(plan.reviews or plan.information),
        needs="progress reviews (`progress_files:` or `reviews:`) or equality information (`information:`); "
              "asked for by name, results of measures (`actuals:`) are enough",
        asked=_has_results,
    ),
)


def get_kind(name: str) -> DocumentKind:
    """
    Return the kind of this name.

    Raises:
        UnknownKindError: there is no such kind.
    """
    for kind in KINDS:
        if kind.name == name:
            return kind
    valid = ", ".join(k.name for k in KINDS)
    msg = f"there is no document kind {name!r}; the kinds are: {valid}"
    raise UnknownKindError(msg)


def fits(kind: DocumentKind, plan: EqualityPlan) -> bool:
    """Return whether the kind's wording fits the specific duties of the plan's nation."""
    return plan.organisation.nation in kind.nations


def require(kind: DocumentKind, plan: EqualityPlan, file: Path | str | None) -> None:
    """
    Refuse a kind the plan holds nothing for, naming the fields the kind needs, or whose
    wording follows another nation's specific duties. A kind asked for by name prints what it
    `asked` accepts too (the action plan, a plan holding only its own objectives).

    Raises:
        InputError: the plan holds nothing this kind can print, or is of another nation.
    """
    nation = plan.organisation.nation
    if not fits(kind, plan):
        worded = " and ".join(sorted(n.value.capitalize() for n in kind.nations))
        others = ", ".join(k.name for k in kinds_for(plan)) or "none fits this plan yet"
        message = (f"the {kind.name} kind is worded for the specific duties of {worded}, "
                   f"not those of {nation.value.capitalize()}")
        raise InputError(file, (Problem(path="organisation.nation", line=None, message=message,
                                        hint=f"choose a kind that fits: {others}"),))
    if not (kind.applies(plan) or (kind.asked is not None and kind.asked(plan))):
        message = f"this plan holds nothing the {kind.name} kind can print"
        raise InputError(file, (Problem(path="", line=None, message=message, hint=f"it needs {kind.needs}"),))


def require_any(plan: EqualityPlan, file: Path | str | None) -> None:
    """
    Refuse a plan that holds nothing any kind worded for its nation can print, naming what each
    of those kinds needs, as `require` refuses one kind asked for by name.

    Raises:
        InputError: no kind fits the plan.
    """
    if kinds_for(plan):
        return
    raise InputError(file, tuple(
        Problem(path="", line=None, message=f"this plan holds nothing the {kind.name} kind can print",
                hint=f"it needs {kind.needs}")
        for kind in KINDS if fits(kind, plan)
    ))


def kinds_for(plan: EqualityPlan) -> tuple[DocumentKind, ...]:
    """Return the kinds a plan holds enough data to produce, worded for its nation's specific duties."""
    return tuple(kind for kind in KINDS if kind.applies(plan) and fits(kind, plan))
