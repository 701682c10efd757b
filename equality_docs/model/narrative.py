"""Narrative: numbered sections of Markdown paragraphs, strategy priorities, and appendices."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from equality_docs.model._checked import checked_fields
from equality_docs.model._refusals import Fault, Path, refuse, suggestion
from equality_docs.model._vocabulary import Vocabulary
from equality_docs.model.numbering import NumberStyle
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


class Placement(Vocabulary):
    """Where a document prints a section: before its objectives, or after them (at the end)."""

    __noun__ = "place for a section"

    BEFORE = "before"
    AFTER = "after"


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Place:
    """
    Where a document prints a section: before or after its objectives (`place: before`), or
    just before or after one objective, named by its id, or by its ref where it has no id
    (`place: {after: O3}`).
    """

    side: Placement
    #: The id (else the ref) of the objective the section is printed beside; None for all of them.
    objective: str | None = None

    @classmethod
    def from_text(cls, text: str) -> Place:
        """Return the place written as a word: "before" or "after" the objectives."""
        return cls(side=Placement.parse(text))

    @classmethod
    def fields_of(cls, value: Mapping[str, Any]) -> Mapping[str, Any]:
        """
        Return the fields a mapping stands for: one side naming its objective, as a file writes
        it (`{"after": "O3"}`), is that side of that objective; a mapping of the fields is itself.
        """
        if len(value) == 1 and (side := next(iter(value))) not in ("side", "objective"):
            return {"side": side, "objective": value[side]}
        return value


#: The kinds of document a section's `kinds:` may name (the registry in equality_docs.kinds, by name).
DOCUMENT_KINDS = (
    "objectives-statement", "strategy", "psed-statement", "objectives-plan", "action-plan", "annual-report",
)

#: The deepest a section nests: level 1 is a section, level 4 a section three times inside one.
MAX_LEVEL = 4


@attrs.frozen(kw_only=True, field_transformer=checked_fields)
class Section:
    """
    A section of narrative: a title, an opening text, numbered paragraphs, a closing text and
    sections inside it (`sections:`, nesting to four heading levels).

    Document kinds place a section by its `id` where their layout has a place of that name
    (listed in docs/kinds.md). Other sections are printed before or after the objectives, or
    between two of them, beside the one it names (`place:`): a section with a `place` is printed in every kind, one without in the action
    plan's numbered narrative only, unless it lists `kinds` (printed in those kinds only).
    `number` prints the section's own number as written; `numbering` numbers the sections
    inside it in a style ("1.", "1.1", "(i)", "A)", "Objective one").
    """

    id: str | None = None
    number: str | None = None
    title: str | None = None
    body: Prose | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    closing: Prose | None = None
    kinds: tuple[str, ...] = ()
    place: Place | None = None
    numbering: NumberStyle | None = None
    sections: tuple[Section, ...] = ()

    def __attrs_post_init__(self) -> None:
        """
        Refuse, as loading a file does, a section nested below the fourth level (counting this one
        as the first), a `kinds:` entry naming no document kind, and `place:` on a section inside it.

        Raises:
            ModelError: at the path of each, with the fix.
        """
        if self.sections or self.kinds:  # (a section with neither has nothing to refuse)
            refuse("Section", section_faults(self))

    def depth(self) -> int:
        """Return how many levels of sections this one holds, itself included (1 with none inside)."""
        return 1 + max((s.depth() for s in self.sections), default=0)


def section_faults(section: Section) -> Iterator[Fault]:
    """Yield what `Section` refuses in a section (its inner sections were checked as they were built)."""
    for path in _too_deep(section, 1, ()):
        yield path, (
            f"this section is at level {MAX_LEVEL + 1}, and sections nest at most {MAX_LEVEL} levels deep"
        ), "move it up a level, or write it as a list in the text of the section above"
    for n, kind in enumerate(section.kinds):
        if kind not in DOCUMENT_KINDS:
            guess = suggestion(kind, DOCUMENT_KINDS)
            yield ("kinds", n), f'"{kind}" is not a kind of document', (
                f"{guess + ' ' if guess else ''}the kinds are: {', '.join(DOCUMENT_KINDS)}"
            )
    for n, inner in enumerate(section.sections):
        if inner.place is not None:
            yield ("sections", n, "place"), (
                "place has effect only on a top-level section; a section inside another prints with it"
            ), "remove place:, or give it to the top-level section that holds this one"


def _too_deep(section: Section, level: int, path: Path) -> Iterator[Path]:
    """Yield the path of each section nested below the deepest heading level, from `section` down."""
    for n, inner in enumerate(section.sections):
        where = (*path, "sections", n)
        if level + 1 > MAX_LEVEL:
            yield where
        else:
            yield from _too_deep(inner, level + 1, where)


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
