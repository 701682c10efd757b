"""Editions of a plan: when each version was published and what changed in it."""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model.values import Prose, When


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Edition:
    """One published edition of a plan: its date as written, its version, and what changed."""

    date: When
    version: str | None = None
    changes: Prose | None = None
