"""The cycle collector is paused while a plan is read and a document made, and started again after."""

from __future__ import annotations

import datetime as dt
import gc
import importlib
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import equality_docs
import equality_docs.batch
from equality_docs import document
from equality_docs.batch import Settings, read_plan
from equality_docs.collector import collected_apart, paused_collector
from equality_docs.document import make
from equality_docs.renderers import markdown

#: The loader's module (its package's `load` is the function).
LOADING = importlib.import_module("equality_docs.load")
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "inmat-trust.yaml"


@pytest.fixture(autouse=True)
def _collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def _spy(seen: list[Any], run: Callable[..., Any], state: Callable[[], Any] = gc.isenabled) -> Callable[..., Any]:
    """Return `run`, noting in `seen` the collector's `state` (on or off, by default) at each call."""
    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(state())
        return run(*args, **kwargs)

    return spy


def test_a_pause_starts_the_collector_again_even_after_an_error() -> None:
    """The collector is off inside the block and on after it, whether the block ends well or raises."""
    with paused_collector():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), paused_collector():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_pause_inside_another_leaves_the_collector_to_the_outer_one() -> None:
    """An inner pause ending does not start the collector while the outer pause lasts."""
    with paused_collector():
        with paused_collector():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_stopped_stays_stopped() -> None:
    """A caller who turned the collector off finds it off after a pause."""
    gc.disable()
    with paused_collector():
        pass
    assert not gc.isenabled()


def test_loading_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan is built from the file with the collector off, and it is on again once loaded."""
    seen: list[bool] = []
    monkeypatch.setattr(LOADING, "structure", _spy(seen, LOADING.structure))
    equality_docs.load(EXAMPLE)
    assert seen == [False]
    assert gc.isenabled()


def test_reading_a_batch_file_runs_with_the_collector_paused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A batch's file is read and checked with the collector off, and it is on again after."""
    seen: list[bool] = []
    monkeypatch.setattr(equality_docs.batch, "check_plan", _spy(seen, equality_docs.batch.check_plan))
    planned = read_plan(EXAMPLE, Settings(kinds=("psed-statement",), formats=("md",), out=tmp_path), on=dt.date(2026, 1, 1))
    assert planned.error is None
    assert seen == [False]
    assert gc.isenabled()


def test_a_documents_context_is_built_with_the_collector_paused_and_its_template_run_with_it_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The context is built with the collector off; the template runs with it on (a template's own cycles are freed)."""
    built: list[bool] = []
    rendered: list[bool] = []
    kind = equality_docs.get_kind("psed-statement")
    spying = attrs.evolve(kind, build_context=_spy(built, kind.build_context))
    monkeypatch.setattr(markdown, "render_markdown", _spy(rendered, markdown.render_markdown))
    gc.disable()  # the caller's choice stands as well: on again only where it was on
    made = make(equality_docs.load(EXAMPLE), kind=spying, fmt="md")
    gc.enable()
    made_on = make(equality_docs.load(EXAMPLE), kind=spying, fmt="md")

    assert made.data == made_on.data
    assert (built, rendered) == ([False, False], [False, True])
    assert gc.isenabled()


def test_a_template_runs_with_the_plan_and_its_context_left_out_of_the_collectors_looking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """While a template runs, the objects alive before it (the plan, its context) are frozen, so a
    full collection looks only at what the template makes; after it, nothing is left frozen."""
    frozen: list[int] = []
    monkeypatch.setattr(markdown, "render_markdown", _spy(frozen, markdown.render_markdown, gc.get_freeze_count))
    plan = equality_docs.load(EXAMPLE)
    make(plan, kind="psed-statement", fmt="md")  # a small plan: not worth it
    monkeypatch.setattr(document, "LARGE_PLAN", len(plan.objectives))  # as if it were large
    make(plan, kind="psed-statement", fmt="md")

    assert frozen[0] == 0
    assert frozen[1] > 10_000  # the plan's values, its context and all else alive
    assert gc.get_freeze_count() == 0


def test_a_cycle_a_template_makes_is_still_collected() -> None:
    """What the template makes is not frozen: a cycle made while it runs is freed by the collector."""

    class Node:
        pass

    with collected_apart():
        node = Node()
        node.me = node  # type: ignore[attr-defined]  # a cycle
        gone = weakref.ref(node)
        del node
        gc.collect()
        assert gone() is None
    assert gc.get_freeze_count() == 0


def test_objects_frozen_before_are_left_as_they_are() -> None:
    """A process that froze objects itself (a worker, a user's program) finds them frozen still."""
    gc.freeze()
    try:
        count = gc.get_freeze_count()
        with collected_apart():
            assert gc.get_freeze_count() == count
        assert gc.get_freeze_count() == count
    finally:
        gc.unfreeze()

