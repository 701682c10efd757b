"""
The plan the loader last made from files whose texts hold no "[" and no character XML cannot
hold: the two rules that read every text (EQ150, EQ151) then have nothing to find in it, and
need not walk it. Kept weakly, for one plan: a plan is checked as soon as it is loaded.
"""

from __future__ import annotations

import weakref

from equality_docs.model import EqualityPlan

_last: weakref.ref[EqualityPlan] | None = None


def note_plain(plan: EqualityPlan) -> None:
    """Note that every text of a plan just loaded holds no "[" and no character XML cannot hold."""
    global _last  # noqa: PLW0603  # one entry, replaced whole
    _last = weakref.ref(plan)


def known_plain(plan: EqualityPlan) -> bool:
    """Whether a plan is the one last noted plain (False says nothing: its texts must be looked at)."""
    last = _last
    return last is not None and last() is plan
