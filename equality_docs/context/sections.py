"""
Sections as printed: placed by id in a layout, or flattened, nested and numbered, before or after
the objectives, or beside one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import attrs

from equality_docs.model import (
    MAX_SECTION_LEVEL,
    EqualityPlan,
    NumberStyle,
    Objective,
    Place,
    Placement,
    Section,
)
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
    return SectionView(
        number=number,
        title=section.title,
        body=section.body,
        paragraphs=_paragraphs(section, number),
        closing=section.closing,
        level=level,
        heading=_heading(number, section.title),
    )


def _paragraphs(section: Section, number: str) -> tuple[ParagraphView, ...]:
    """Return a section's paragraphs, numbered "N.1", "N.2" under its number `N` in figures unless they carry their own."""
    base = number.rstrip(".") if _FIGURES.fullmatch(number) else ""
    return tuple(
        ParagraphView(number=p.ref or (f"{base}.{index}" if base else ""), text=p.text)
        for index, p in enumerate(section.paragraphs, start=1)
    )


def flatten_sections(
    sections: Iterable[Section],
    *,
    numbering: NumberStyle | None,
    inherited: NumberStyle | None = None,
    level: int = 1,
    parent: str = "",
    position: int = 0,
) -> Iterator[SectionView]:
    """
    Yield sections and the sections inside them, each after its parent, numbered: a section's
    own `number` as written, else the next number in the style of its level (`numbering`), the
    style the sections inside it take being its own `numbering`, else the one `inherited`
    (`parent` and `position`: the number and count among its siblings of the section they are in).
    """
    for index, section in enumerate(sections, start=1):
        number = section.number or (numbering.number(index, parent, position) if numbering else "")
        yield section_view(section, number, min(level, MAX_SECTION_LEVEL))
        inner = section.numbering or inherited
        yield from flatten_sections(
            section.sections, numbering=inner, inherited=inner, level=level + 1, parent=number,
            position=index,
        )


@attrs.frozen(kw_only=True)
class PlacedSections:
    """
    A kind's sections, flattened in order: those printed before the objectives, those printed
    just before or after one of the objectives it prints (`around`), and those after them all.
    """

    before: tuple[SectionView, ...] = ()
    after: tuple[SectionView, ...] = ()
    #: By the identity of a printed objective: the sections printed just before it, and just after it.
    beside: dict[int, tuple[tuple[SectionView, ...], tuple[SectionView, ...]]] = attrs.field(factory=dict)

    def around(self, objective: Objective) -> tuple[tuple[SectionView, ...], tuple[SectionView, ...]]:
        """Return the sections printed just before `objective` and just after it (at its first appearance)."""
        return self.beside.get(id(objective), ((), ()))

    def first_around(
        self, objective: Objective, seen: set[int]
    ) -> tuple[tuple[SectionView, ...], tuple[SectionView, ...]]:
        """Return `around(objective)` the first time an objective is met (noted in `seen`), else nothing."""
        if id(objective) in seen:
            return (), ()
        seen.add(id(objective))
        return self.around(objective)


T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Run(Generic[T]):
    """A run of a list's items printed together (a table of its own), with the sections printed before and after it."""

    before: tuple[SectionView, ...] = ()
    items: tuple[T, ...] = ()
    after: tuple[SectionView, ...] = ()


def split_at_sections(
    items: Iterable[tuple[Objective, T]], placed: PlacedSections, seen: set[int]
) -> tuple[Run[T], ...]:
    """
    Return a list of objectives' items (a table's rows, a list's entries) cut into runs where a
    section is printed between two of them, each run with the sections printed before and after
    it; one run when none is. An objective met again (noted in `seen`) takes no sections.
    """
    runs: list[Run[T]] = []
    before: tuple[SectionView, ...] = ()
    current: list[T] = []
    for objective, item in items:
        ahead, behind = placed.first_around(objective, seen)
        if ahead and current:
            runs.append(Run(before=before, items=tuple(current)))
            before, current = (), []
        before += ahead
        current.append(item)
        if behind:
            runs.append(Run(before=before, items=tuple(current), after=behind))
            before, current = (), []
    if current or not runs:
        runs.append(Run(before=before, items=tuple(current)))
    return tuple(runs)


V = TypeVar("V")


def beside(view: V, sections: tuple[tuple[SectionView, ...], tuple[SectionView, ...]]) -> V:
    """Return a view of an objective (with `sections_before` and `sections_after`) holding the sections placed beside it."""
    before, after = sections
    if not (before or after):
        return view
    return attrs.evolve(view, sections_before=before, sections_after=after)  # type: ignore[misc]  # any such view


def _names(objective: Objective) -> set[str]:
    return {name for name in (objective.id, objective.ref) if name}


def _anchor(plan: EqualityPlan, place: Place, printed: Sequence[Objective]) -> tuple[int, Placement] | None:
    """
    Return where a section placed beside an objective is printed: beside the first appearance of
    that objective in `printed` (by its position there); when the kind does not print it, after
    the nearest objective before it in the plan that the kind prints (else before the first one
    it prints); None when the kind prints no objectives, or the plan holds no such objective.
    """
    name = place.objective
    if name is None or not printed:
        return None
    for position, objective in enumerate(printed):
        if name in _names(objective):
            return position, place.side
    everything = list(plan.all_objectives())
    held = next((i for i, o in enumerate(everything) if o.id == name), None)
    if held is None:
        held = next((i for i, o in enumerate(everything) if o.ref == name), None)
    if held is None:
        return None
    where = {name: p for p, o in reversed(list(enumerate(printed))) for name in _names(o)}
    for earlier in reversed(everything[:held]):
        found = [where[n] for n in _names(earlier) if n in where]
        if found:
            return min(found), Placement.AFTER
    return 0, Placement.BEFORE


def placed_sections(
    plan: EqualityPlan,
    kind: str,
    *,
    slots: Iterable[str] = (),
    default: Placement = Placement.AFTER,
    numbering: NumberStyle | None = None,
    printed: Sequence[Objective] = (),
    level: int = 1,
    number_beside: bool = True,
) -> PlacedSections:
    """
    Return the sections a kind prints, besides those its layout places by id (`slots`): those
    naming the kind, and those naming no kinds that have a `place` (or, in the action plan, all
    of them), each at its `place` (else the kind's `default`). A section placed beside an
    objective is printed beside it among the objectives the kind prints (`printed`, in the
    order it prints them), at its first appearance; where the kind does not print that
    objective, after the one before it that it does; where it prints none, with the sections
    after the objectives. Top-level sections are numbered in the plan's `section_numbering`
    (else the kind's `numbering`), through every place in the order they are printed. A
    section beside an objective has its heading at `level` (the sections inside it below it):
    one below the heading its objective is listed under, so the objectives after it stay there.
    Where the headings a kind prints around its objectives are unnumbered (the action plan's),
    `number_beside=False` leaves a section beside an objective unnumbered (unless it gives its
    own `number`), and the others are numbered as though it were not there.
    """
    taken = set(slots)
    chosen = tuple(
        s for s in plan.sections
        if s.id not in taken
        and (kind in s.kinds if s.kinds else (s.place is not None or kind == "action-plan"))
    )
    # Each section's position in print order: before (-1), beside a printed objective, after.
    spots: list[tuple[int, int, Section]] = []
    anchors: dict[int, tuple[int, Placement]] = {}
    for index, section in enumerate(chosen):
        side = section.place.side if section.place else default
        anchor = _anchor(plan, section.place, printed) if section.place else None
        if anchor is not None:
            anchors[index] = anchor
            spots.append((2 * anchor[0] + (anchor[1] is Placement.AFTER), index, section))
        elif side is Placement.BEFORE and not (section.place and section.place.objective):
            spots.append((-1, index, section))
        else:
            spots.append((2 * len(printed) + 2, index, section))
    spots.sort(key=lambda spot: spot[:2])
    style = plan.section_numbering or numbering
    numbered = [section for _, index, section in spots if number_beside or index not in anchors]
    views = tuple(flatten_sections(numbered, numbering=style, inherited=plan.section_numbering))
    # Each top-level section's views run from it to the next top-level one.
    starts = [i for i, v in enumerate(views) if v.level == 1] + [len(views)]
    counted = iter([views[starts[n]:starts[n + 1]] for n in range(len(numbered))])
    runs = [
        next(counted) if number_beside or index not in anchors
        else tuple(flatten_sections([section], numbering=None, inherited=section.numbering))
        for _, index, section in spots
    ]
    before: list[SectionView] = []
    after: list[SectionView] = []
    beside: dict[int, tuple[list[SectionView], list[SectionView]]] = {}
    for (spot, index, _), run in zip(spots, runs, strict=True):
        if spot < 0:
            before.extend(run)
        elif index in anchors:
            position, side = anchors[index]
            pair = beside.setdefault(id(printed[position]), ([], []))
            pair[side is Placement.AFTER].extend(nested(run, level))
        else:
            after.extend(run)
    return PlacedSections(
        before=tuple(before),
        after=tuple(after),
        beside={key: (tuple(pair[0]), tuple(pair[1])) for key, pair in beside.items()},
    )


def nested(sections: Iterable[SectionView], level: int) -> tuple[SectionView, ...]:
    """
    Return sections (flattened, their top level 1) with their top level at `level`, the ones
    inside them below it, none deeper than the deepest heading level.
    """
    return shifted(sections, level - 1)


def shifted(sections: Iterable[SectionView], by: int) -> tuple[SectionView, ...]:
    """Return sections with their heading levels moved `by` (down a level for each), from 1 to the deepest."""
    return tuple(
        attrs.evolve(s, level=max(1, min(s.level + by, MAX_SECTION_LEVEL))) if by else s for s in sections
    )


def current_placed(plan: EqualityPlan) -> EqualityPlan:
    """
    Return the plan as current documents print it (`plan.current()`), each section placed
    beside a retired or superseded objective placed where that objective stood: before the
    next objective printed after it (for `before`) or after the one before it (for `after`),
    else on the other side of the nearest one; where no objective printed has a name, on the
    same side of the objectives as a whole.
    """
    everything = list(plan.all_objectives())
    named = [(o, next(iter(sorted(_names(o), key=lambda n: n != o.id)), "")) for o in everything]
    changed = False
    sections = []
    for section in plan.sections:
        place = section.place
        if place is not None and place.objective is not None:
            held = next((i for i, o in enumerate(everything) if o.id == place.objective), None)
            if held is None:
                held = next((i for i, o in enumerate(everything) if o.ref == place.objective), None)
            if held is not None and not everything[held].current:
                later = [(n, Placement.BEFORE) for o, n in named[held + 1:] if o.current and n]
                earlier = [(n, Placement.AFTER) for o, n in reversed(named[:held]) if o.current and n]
                near = (later + earlier) if place.side is Placement.BEFORE else (earlier + later)
                name, side = near[0] if near else (None, place.side)  # no objective named: that side of them all
                section = attrs.evolve(section, place=Place(side=side, objective=name))
                changed = True
        sections.append(section)
    if changed:
        plan = attrs.evolve(plan, sections=tuple(sections))
    if _all_current(plan, everything):
        return plan  # nothing to leave out: the plan is its own current view, not a copy of it
    return plan.current()


def _all_current(plan: EqualityPlan, objectives: list[Objective]) -> bool:
    """Return whether `plan.current()` leaves nothing out: no objective, action or measure retired or superseded."""
    own = all(a.current for a in plan.actions) and all(mm.current for mm in plan.measures)
    return own and all(o.current and o.without_retired() is o for o in objectives)


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
    number = own.number or ""
    shown = own.title if own.title is not None else title
    inner = own.numbering or plan.section_numbering
    view = SectionView(
        number=number,
        title=shown,
        body=own.body if own.body is not None else (Prose(body) if body else None),
        paragraphs=_paragraphs(own, number),
        closing=own.closing if own.closing is not None else (Prose(closing) if closing else None),
        heading=_heading(number, shown),
        sections=tuple(flatten_sections(
            own.sections, numbering=inner, inherited=inner, level=2, parent=number
        )),
    )
    if not filled and not (view.body or view.paragraphs or view.closing or view.sections):
        return attrs.evolve(view, title=None, heading="")
    return view


def beside_paths(context: object) -> tuple[tuple[str, ...], ...]:
    """
    Return where a context holds sections placed between objectives: the path of field names
    (from the context's own fields, through its lists) of each list of sections below its own
    fields that holds some, in the order met, each once. A kind's own lists of sections (its
    `sections_before`, `sections`) are its own fields, so they are not among them.
    """
    found: dict[tuple[str, ...], None] = {}

    def walk(value: object, path: tuple[str, ...]) -> None:
        if isinstance(value, tuple):
            for item in value:
                walk(item, path)
        elif attrs.has(type(value)) and not isinstance(value, SectionView):
            for field in attrs.fields(type(value)):  # type: ignore[arg-type]  # an attrs class, as attrs.has said
                item = getattr(value, field.name)
                step = (*path, field.name)
                if path and isinstance(item, tuple) and item and isinstance(item[0], SectionView):
                    found.setdefault(step)
                else:
                    walk(item, step)

    walk(context, ())
    return tuple(found)
