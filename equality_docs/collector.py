"""
Python's cycle collector, paused while a plan is read and checked, while a document's context
is built, and while a Word document's tree is fixed, finished and checked.

A plan of thousands of objectives makes millions of objects (YAML nodes, model values, table
cells) that hold no cycles and live until its documents are made. The collector, woken by every
few hundred new objects, would look over all of them again and again: about a sixth of the time
of a 10,000-objective plan from file to document. The passes over a rendered tree make an
object for each of its hundreds of thousands of elements they look at, and wake it as often.
A template runs with the collector on: a user's template can make cycles (a namespace that
holds itself) as fast as it likes, and only the collector frees them. What was alive before it
(the plan, its context) is left out of the collector's looking meanwhile (`collected_apart`).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """
    Pause the cycle collector for the block (or, as `@paused_collector()`, the function); a
    pause inside another leaves it to the outer one to start the collector again.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextlib.contextmanager
def collected_apart() -> Iterator[None]:
    """
    For the block, leave every object alive now out of the collector's looking (`gc.freeze`), so
    that a template, which runs with the collector on, has only what it makes looked over: not a
    large plan's millions of values again at each full collection. Where objects are frozen
    already (a worker process, a program of the user's), nothing is changed. Asking that walks
    the frozen objects, so this is for large plans only.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


__all__ = ["collected_apart", "paused_collector"]
