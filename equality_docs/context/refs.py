"""An objective's own reference ("(i)", "Objective 1", "EQ1") printed before its text."""

from __future__ import annotations

from equality_docs.model import Objective


def ref_prefix(ref: str | None) -> str:
    """
    Return the reference as printed before a text: as written, then a space when it ends in a
    bracket or a stop ("(i) ", "1. "), a full stop after bare figures ("1" gives "1. "), else a
    colon ("EQ1: ", "Objective 1: "); nothing when there is no reference.
    """
    ref = (ref or "").strip()
    if not ref:
        return ""
    if ref[-1] in ").:]":
        return f"{ref} "
    if ref.isdigit():
        return f"{ref}. "
    return f"{ref}: "


def labelled(objective: Objective) -> str:
    """Return an objective's text after its reference as written, or its text alone when it has none."""
    return ref_prefix(objective.ref) + objective.text
