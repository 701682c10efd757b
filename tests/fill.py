"""
Giving a test's plan what a kind needs to print, so that a test about something else (a draft
mark, a link, a section) can render every kind: `render` refuses a kind the plan cannot fill.
"""

from __future__ import annotations

import datetime as dt

import attrs

from equality_docs import model as m
from equality_docs.kinds import DocumentKind, get_kind

#: The text of what `fill_for` adds, so that a test can tell it from its own content.
FILLER = "Filler added for the kind"


def _objective() -> m.Objective:
    return m.Objective(text=f"{FILLER}: an objective", aims=(m.Aim.ADVANCE,))


def fill_for(kind: str | DocumentKind, plan: m.EqualityPlan) -> m.EqualityPlan:
    """
    Return the plan with the least a kind needs added, where it lacks it: an objective, a school
    as the organisation (PSED statement), a strategy priority, an action of the plan or a
    progress review; a plan that holds what the kind needs already comes back unchanged.
    The plan's nation is left as it is.
    """
    chosen = get_kind(kind) if isinstance(kind, str) else kind
    if chosen.applies(plan):
        return plan
    if chosen.name == "strategy":
        strategy = plan.strategy or m.Strategy()
        priority = m.Priority(title=f"{FILLER}: a priority")
        return attrs.evolve(plan, strategy=attrs.evolve(strategy, priorities=(*strategy.priorities, priority)))
    if chosen.name == "action-plan":
        return attrs.evolve(plan, actions=(m.Action(text=f"{FILLER}: an action"),))
    if chosen.name == "annual-report":
        return attrs.evolve(plan, reviews=(m.ReviewInfo(on=dt.date(2026, 3, 31)),))
    if chosen.name == "psed-statement" and plan.organisation.type not in (
        m.OrganisationType.SCHOOL, m.OrganisationType.ACADEMY_TRUST
    ):
        plan = attrs.evolve(plan, organisation=attrs.evolve(plan.organisation, type=m.OrganisationType.SCHOOL))
    if not chosen.applies(plan):  # the objectives statement and plan, a school's PSED statement
        plan = attrs.evolve(plan, objectives=(*plan.objectives, _objective()))
    return plan
