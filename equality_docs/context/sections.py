"""Sections as printed: placed by id in a layout, or flattened, nested and numbered, before or after the objectives."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import attrs

from equality_docs.model import MAX_SECTION_LEVEL, EqualityPlan, NumberStyle, Placement, Section
from equality_docs.model.values import Prose

#: A number in figures ("3", "3.4", "3."), under which paragraphs are numbered "3.1", "3.2".
_FIGURES = re.compile(r"\d+(\.\d+)*\.?")

@attrs.frozen(kw_only=True)
class ParagraphView:
    """A numbered paragraph: its number as printed, and its Markdown text."""

    number: str
    text: Prose


@attrs.frozen(kw_only=True)
class SectionView:
    """
    A section as printed: its number and title, opening text, paragraphs and closing text.
    Nested sections come flattened, each after its parent, with its heading `level` (1-4:
    level 1 is the document's first heading level below its title).
    """

    number: str
    title: str | None
    body: Prose | None
    paragraphs: tuple[ParagraphView, ...]
    closing: Prose | None
    #: 1 for a section, 2 for one inside it, down to 4.
    level: int = 1
    #: The heading as printed: the number and the title ("3.1 Our duties"), or "" for none.
    heading: str = ""
    #: In a section a layout places by id, the sections inside it, flattened; in the lists of
    #: sections before and after the objectives they follow their parent instead, so this is empty.
    sections: tuple[SectionView, ...] = ()


def _heading(number: str, title: str | None) -> str:
    """Return a heading as printed: the number and the title, or "" when there is no title."""
    return " ".join(part for part in (number, title) if part) if title else ""


def section_view(section: Section, number: str = "", level: int = 1) -> SectionView:
    """
    Return a section (without the sections inside it) numbered `number`, its paragraphs
    numbered "N.1", "N.2" under a number in figures unless they carry their own.
    """
    base = number.rstrip(".") if _FIGURES.fullmatch(number) else ""
    paragraphs = tuple(
        ParagraphView(
            number=p.ref or (f"{base}.{index}" if base else ""),
            text=p.text,
        )
        for index, p in enumerate(section.paragraphs, start=1)
    )
    return SectionView(
        number=number,
        title=section.title,
        body=section.body,
        paragraphs=paragraphs,
        closing=section.closing,
        level=level,
        heading=_heading(number, section.title),
    )


def flatten_sections(
    sections: Iterable[Section],
    *,
    numbering: NumberStyle | None,
    inherited: NumberStyle | None = None,
    level: int = 1,
    parent: str = "",
) -> Iterator[SectionView]:
    """
    Yield sections and the sections inside them, each after its parent, numbered: a section's
    own `number` as written, else the next number in the style of its level (`numbering`), the
    style the sections inside it take being its own `numbering`, else the one `inherited`.
    """
    for index, section in enumerate(sections, start=1):
        number = section.number or (numbering.number(index, parent) if numbering else "")
        yield section_view(section, number, min(level, MAX_SECTION_LEVEL))
        inner = section.numbering or inherited
        yield from flatten_sections(
            section.sections, numbering=inner, inherited=inner, level=level + 1, parent=number
        )


@attrs.frozen(kw_only=True)
class PlacedSections:
    """A kind's sections, flattened in order: those printed before the objectives, and after."""

    before: tuple[SectionView, ...] = ()
    after: tuple[SectionView, ...] = ()


def placed_sections(
    plan: EqualityPlan,
    kind: str,
    *,
    slots: Iterable[str] = (),
    default: Placement = Placement.AFTER,
    numbering: NumberStyle | None = None,
) -> PlacedSections:
    """
    Return the sections a kind prints, besides those its layout places by id (`slots`): those
    naming the kind, and those naming no kinds that have a `place` (or, in the action plan, all
    of them), each at its `place` (else the kind's `default`). Top-level sections are numbered
    in the plan's `section_numbering` (else the kind's `numbering`), through both places in order.
    """
    taken = set(slots)
    printed = tuple(
        s for s in plan.sections
        if s.id not in taken
        and (kind in s.kinds if s.kinds else (s.place is not None or kind == "action-plan"))
    )
    style = plan.section_numbering or numbering
    ordered = sorted(printed, key=lambda s: (s.place or default) is not Placement.BEFORE)
    views = tuple(flatten_sections(ordered, numbering=style, inherited=plan.section_numbering))
    # Each top-level section's views run from it to the next top-level one.
    starts = [i for i, v in enumerate(views) if v.level == 1] + [len(views)]
    before = sum(1 for s in ordered if (s.place or default) is Placement.BEFORE)
    cut = starts[before] if before < len(starts) else len(views)
    return PlacedSections(before=views[:cut], after=views[cut:])


def slot(
    plan: EqualityPlan,
    section_id: str,
    *,
    title: str | None,
    body: str | None = None,
    closing: str | None = None,
    filled: bool = True,
) -> SectionView:
    """
    Return the section a layout places under `section_id`: the plan's own if it has one, else
    the library's standard wording. The plan may leave out any part to keep the standard one;
    the sections inside it come flattened in its `sections`, from heading level 2.
    A layout that prints nothing of its own under the heading passes `filled=False`: the
    heading is then dropped when the section has no text, so no heading stands empty.
    """
    own = plan.section(section_id)
    if own is None:
        own = Section(id=section_id)
    view = section_view(own, own.number or "")
    shown = own.title if own.title is not None else title
    inner = own.numbering or plan.section_numbering
    view = attrs.evolve(
        view,
        title=shown,
        heading=_heading(view.number, shown),
        body=own.body if own.body is not None else (Prose(body) if body else None),
        closing=own.closing if own.closing is not None else (Prose(closing) if closing else None),
        sections=tuple(flatten_sections(
            own.sections, numbering=inner, inherited=inner, level=2, parent=view.number
        )),
    )
    if not filled and not (view.body or view.paragraphs or view.closing or view.sections):
        return attrs.evolve(view, title=None, heading="")
    return view
