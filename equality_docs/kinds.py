"""
The registry of document kinds: for each, its name, what it is for, its context builder and
its templates. The command line and the Python API both read this one table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs

from equality_docs.context import psed_statement
from equality_docs.errors import UnknownKindError
from equality_docs.model import EqualityPlan, OrganisationType

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

    def template_name(self, fmt: str) -> str:
        """Return the file name of this kind's template for a format."""
        return {"docx": f"{self.template}.docx", "md": f"{self.template}.md.j2"}.get(
            fmt, f"{self.template}.md.j2"
        )


def _has_objectives(plan: EqualityPlan) -> bool:
    return next(plan.all_objectives(), None) is not None


def _is_school(plan: EqualityPlan) -> bool:
    return plan.organisation.type in (OrganisationType.SCHOOL, OrganisationType.ACADEMY_TRUST)


KINDS: tuple[DocumentKind, ...] = (
    DocumentKind(
        name="psed-statement",
        summary="A school's or trust's Public Sector Equality Duty statement with its objectives.",
        template="psed_statement",
        context_type=psed_statement.PsedStatementContext,
        build_context=psed_statement.build,
        applies=lambda plan: _is_school(plan) and _has_objectives(plan),
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


def kinds_for(plan: EqualityPlan) -> tuple[DocumentKind, ...]:
    """Return the kinds a plan holds enough data to produce."""
    return tuple(kind for kind in KINDS if kind.applies(plan))
