"""
What a large plan costs in memory on its way to a Word document: no stage holds a whole copy of
what the next one makes (the rendered text, the serialised part), the lines of a file take less
than its values, and a text the file repeats is held once. Memory is counted with tracemalloc
(Python's own allocations), never timed.
"""

from __future__ import annotations

import copy
import gc
import importlib
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from lxml import etree

import equality_docs
from equality_docs import model as m
from equality_docs.api import context_dict
from equality_docs.kinds import get_kind
from equality_docs.load.lines import Lines
from equality_docs.renderers import docx as word
from equality_docs.renderers import passes, wordtemplate
from equality_docs.renderers.package import Entry
from equality_docs.renderers.templates import find_template
from equality_docs.sandbox import template_limits

from .conftest import EXAMPLES
from .test_word_renderer import ours, plain_docxtpl

loading = importlib.import_module("equality_docs.load")  # the package, not its `load` function
PLAN = get_kind("objectives-plan")


@pytest.fixture(scope="module")
def large() -> dict[str, Any]:
    """The context of an objectives plan of 2,000 objectives (the secondary school's, repeated)."""
    plan = equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml")
    objectives = tuple(
        attrs.evolve(o, id=f"{o.id}-{i}", text=m.Prose(f"{o.text} ({i})"))
        for i in range(400) for o in plan.objectives
    )
    return context_dict(PLAN.build_context(attrs.evolve(plan, objectives=objectives)))


def _peak(run: Callable[[], Any]) -> tuple[Any, int]:
    """Return what `run` returns and the most Python memory it held at once, in bytes."""
    tracemalloc.start()
    try:
        result = run()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_part_is_rendered_into_its_tree_without_its_whole_text(large: dict[str, Any]) -> None:
    """Rendering a document part of megabytes holds a fraction of its text at once, never all of it."""
    template = word.prepare(find_template(PLAN.template_name("docx"), "docx"))
    with template_limits():
        (root, _), peak = _peak(lambda: template.render_trees(large, wordtemplate.Additions(template)))
    size = len(wordtemplate._bytes(root))
    assert size > 3 * 2**20
    assert peak < size / 3


def test_a_large_part_is_deflated_as_it_is_written(large: dict[str, Any]) -> None:
    """Zipping a part of megabytes never holds its serialised bytes whole, and gives the same entry."""
    template = word.prepare(find_template(PLAN.template_name("docx"), "docx"))
    with template_limits():
        root, _ = template.render_trees(large, wordtemplate.Additions(template))
    entry, peak = _peak(lambda: wordtemplate._entry("word/document.xml", root))
    data = wordtemplate._bytes(root)
    assert peak < len(data) / 3
    assert entry == Entry.of("word/document.xml", data)


def test_an_entry_written_in_pieces_is_the_entry_of_the_whole() -> None:
    """Deflated piece by piece as they come, an entry's bytes are those of the whole deflated at once."""
    data = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(20_000))

    def writer(write: Callable[[bytes], object]) -> None:
        for start in range(0, len(data), 997):
            write(data[start:start + 997])

    entry = Entry.written("word/document.xml", writer)
    assert entry == Entry.of("word/document.xml", data)


TRICKY = (
    "Tabs\tand line\nbreaks in a cell, {_{ braces }_} and {_% tags %_} docxtpl unescapes, "
    "</w:p> written as text, and an ending paragraph\n"
)


def test_a_part_fed_a_paragraph_at_a_time_is_what_docxtpl_renders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Given to the parser after every paragraph, a part with tabs, breaks and escaped braces is docxtpl's."""
    monkeypatch.setattr(wordtemplate, "_FEED", 1)
    plan = equality_docs.load(EXAMPLES / "secondary-school-objectives.yaml")
    objectives = tuple(attrs.evolve(o, text=m.Prose(TRICKY + o.text), owner=TRICKY) for o in plan.objectives)
    context = context_dict(PLAN.build_context(attrs.evolve(plan, objectives=objectives)))
    path = find_template(PLAN.template_name("docx"), "docx")
    assert ours(path, context) == plain_docxtpl(path, context)


def _plan_text(objectives: int) -> str:
    rows = "".join(
        f"  - id: objective-{i}\n    text: To narrow the gap in reading ({i})\n    aims: [advance]\n"
        f"    characteristics: [disability, race]\n    groups: [SEND, PP]\n"
        f"    actions:\n      - text: Reading club\n        owner: Head of English\n"
        for i in range(objectives)
    )
    return f"title: A plan\norganisation:\n  name: A school\nobjectives:\n{rows}"


def _held(make: Callable[[], Any]) -> tuple[Any, int]:
    """Return what `make` returns and the Python memory it still holds, in bytes."""
    # A full collection first, so what earlier tests left is not collected (nor its memory reused)
    # while `make` is measured: after the tests before this file, a table of paths measured 8% smaller.
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = make()
        return result, tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def test_the_lines_of_a_file_take_less_memory_than_a_table_of_paths() -> None:
    """The lines of a large file's values take under 60% of the memory of a table of their paths."""
    text = _plan_text(3000)
    (_, lines), _ = _held(lambda: loading.parse(text))
    _, held = _held(lambda: Lines(copy.deepcopy(lines.root)) if isinstance(lines, Lines) else dict(lines))
    _, paths = _held(lambda: {tuple(path): line for path, line in lines.items()})
    assert len(lines) > 40_000
    assert held < 0.6 * paths


def test_the_lines_of_a_file_are_found_by_field_path() -> None:
    """Each value's line is found by its path, as a mapping of paths; a path not in the file is not."""
    _, lines = loading.parse("title: A plan\nobjectives:\n  - text: One\n    aims: [advance, foster]\n  - Two\n")
    assert dict(lines) == {
        (): 1, ("title",): 1, ("objectives",): 2, ("objectives", 0): 3, ("objectives", 0, "text"): 3,
        ("objectives", 0, "aims"): 4, ("objectives", 0, "aims", 0): 4, ("objectives", 0, "aims", 1): 4,
        ("objectives", 1): 5,
    }
    for missing in (("objectives", 2), ("objectives", -1), ("objectives", "0"), ("title", "x"), ("nope",), "title"):
        assert missing not in lines
        assert lines.get(missing) is None  # type: ignore[call-overload]
    assert lines == dict(lines)
    assert len(lines) == 9


def test_a_text_repeated_in_a_file_is_held_once() -> None:
    """The same text in many places of a file (a name, a status, a key) is one string, not one each."""
    data, _ = loading.parse("a:\n  - owner: Head of English\n  - owner: Head of English\n")
    first, second = (item["owner"] for item in data["a"])
    keys: Iterator[str] = (next(iter(item)) for item in data["a"])
    assert first is second
    assert len({id(key) for key in keys}) == 1


def _peak_rise(run: Callable[[], Any]) -> float:
    """Return how many MiB the process's peak resident memory rises above where it was while `run` runs (Linux)."""
    def status(key: str) -> int:
        with open("/proc/self/status", encoding="ascii") as lines:
            return next(int(line.split()[1]) for line in lines if line.startswith(f"{key}:"))

    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")  # the peak starts again from what is resident now
    before = status("VmRSS")
    run()
    return (status("VmHWM") - before) / 1024


@pytest.mark.parametrize("finish", [passes.docxtpl_fix_tables, passes.fill_empty_cells])
def test_a_pass_searches_a_long_table_without_gathering_every_node_in_it(finish: Callable[[Any], None]) -> None:
    """A pass's search of a table of 10,000 rows holds next to nothing: lxml's memory, seen by the process."""
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    grid = '<w:gridCol w:w="100"/>' * 9
    row = "<w:tr>" + "<w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc>" * 9 + "</w:tr>"
    body = etree.fromstring(f'<w:body xmlns:w="{w}"><w:tbl><w:tblGrid>{grid}</w:tblGrid>{row * 10_000}</w:tbl></w:body>')

    assert _peak_rise(lambda: finish(body)) < 1
