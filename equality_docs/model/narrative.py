"""Narrative: numbered sections of Markdown paragraphs, strategy priorities, and appendices."""

from __future__ import annotations

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model.objective import Objective
from equality_docs.model.values import Prose


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Paragraph:
    """A numbered paragraph; `ref` keeps an organisation's own number ("3.4") where it has one."""

    ref: str | None = None
    text: Prose

    @classmethod
    def from_text(cls, text: str) -> Paragraph:
        """Return a paragraph written as plain text."""
        return cls(text=Prose(text))


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Section:
    """
    A section of narrative: a title, an opening text, numbered paragraphs and a closing text.

    Document kinds place a section by its `id` where their layout has a place of that name
    (see docs/input-format.md). Other sections are the action plan's numbered narrative; a
    section that lists `kinds` is printed in those kinds only (at the end of a statement).
    """

    id: str | None = None
    title: str | None = None
    body: Prose | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    closing: Prose | None = None
    kinds: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Priority:
    """A numbered strategic priority: a title, a lead sentence, bullets, and its objectives."""

    id: str | None = None
    title: str
    lead: Prose | None = None
    bullets: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Strategy:
    """An equality and diversity strategy: its title, introduction and numbered priorities."""

    title: str | None = None
    introduction: Prose | None = None
    priorities: tuple[Priority, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class OutcomeBlock:
    """
    An outcome area of an action plan ("Every Child Matters: Stay Safe") with its lead and aim,
    holding the objectives (and their actions, measures and risks) that serve it.
    """

    outcome: str
    outcome_label: str | None = None
    lead: str | None = None
    lead_label: str | None = None
    aim: str | None = None
    aim_label: str | None = None
    objectives: tuple[Objective, ...] = ()


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Appendix:
    """An appendix of a plan: a title, an opening text, and outcome blocks or priorities."""

    id: str | None = None
    title: str
    body: Prose | None = None
    outcomes: tuple[OutcomeBlock, ...] = ()
    priorities: tuple[Priority, ...] = ()
