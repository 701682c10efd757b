"""
Read YAML or JSON into an `EqualityPlan`, reporting every problem with its file, line and field.

The YAML is composed into nodes first (not loaded), so every value keeps the line it came from;
cattrs' error tree is then walked and each fault is placed on that line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs
import yaml

from equality_docs.collector import paused_collector
from equality_docs.errors import InputError, Problem
from equality_docs.load.composer import (
    MAPPING,
    SCALAR,
    SEQUENCE,
    TEXT_TAG,
    Node,
    Notes,
    TooDeep,
    TooMany,
    compose,
)
from equality_docs.load.converter import make_converter
from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, read_bounded
from equality_docs.load.lines import Entry, Lines, Path_
from equality_docs.load.older import MIGRATE_HINT, misspelt_older_key, older_key
from equality_docs.load.plain import note_plain
from equality_docs.load.progress import load_progress
from equality_docs.load.refuse import Refused, missing_hint
from equality_docs.load.values import SourceFloat, SourceInt, ValueProblem
from equality_docs.model import EqualityPlan, ProgressReview
from equality_docs.safe_text import xml_illegal

#: Most YAML values (counting each use of an alias again) a file may expand to.
MAX_VALUES = 500_000
#: Longest single text value, in characters.
MAX_TEXT = 1_000_000
#: Deepest nesting of lists and mappings.
MAX_DEPTH = 100


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def format_path(path: Path_) -> str:
    """Return a field path as it is written in messages: `objectives[2].start`."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def decode(data: bytes, *, file: Path | str | None = None) -> str:
    """
    Return the text of an input file: UTF-8 (with or without a byte-order mark) or UTF-16 with one.

    Raises:
        InputError: the bytes are not text in one of those encodings.
    """
    if b"\x00" in data[:200] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Text with a zero byte in every other place is UTF-16 that lost its byte-order mark.
        head = data[:200]
        utf16 = max(head[1::2].count(0), head[0::2].count(0)) > len(head) // 4
        problem = Problem(
            path="", line=None,
            message="the file looks like UTF-16 without a byte-order mark" if utf16
            else "the file holds zero bytes, so it is not text",
            hint="save it as UTF-8",
        )
        raise InputError(file, (problem,))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            problem = Problem(
                path="",
                line=line,
                message=f"the file is not UTF-8 text (byte 0x{data[exc.start]:02X} cannot be read)",
                hint="save it as UTF-8: in most editors, Save As > Encoding > UTF-8",
            )
            raise InputError(file, (problem,)) from None
    problem = Problem(path="", line=None, message="the file is not UTF-8 or UTF-16 text",
                      hint="save it as UTF-8")
    raise InputError(file, (problem,))


class _Reader:
    """Turn composed nodes into plain Python values, noting each value's line."""

    def __init__(self) -> None:
        self.lines = Lines()
        self.problems: list[Problem] = []

    def read(self, node: Node, path: Path_) -> Any:
        value, self.lines.root = self._read(node, path, node.line)
        return value

    def _read(self, node: Node, path: Path_, line: int) -> tuple[Any, Entry]:
        """Return a node's value and its place (`line`, and its values' places)."""
        if node.kind == MAPPING:
            table: dict[str, Entry] = {}
            return self._mapping(node, path, table), (line, table)
        if node.kind == SEQUENCE:
            items, places = [], []
            for index, item in enumerate(node.value):
                if item.kind == SCALAR and item.tag == TEXT_TAG and len(item.value) <= MAX_TEXT:
                    value, place = item.value, item.line  # plain text, the commonest: as `_scalar` reads it
                else:
                    value, place = self._read(item, (*path, index), item.line)
                items.append(value)
                places.append(place)
            return items, (line, places)
        return self._scalar(node, path), line

    def _mapping(self, node: Node, path: Path_, table: dict[str, Entry]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.line
            if key_node.kind != SCALAR or key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(
                    path=format_path(path), line=line,
                    message="a key must be plain text", hint="merge keys (<<) are not supported",
                ))
                continue
            key = key_node.value
            if key in result:
                first = table[key]
                self.problems.append(Problem(
                    path=format_path((*path, key)), line=line,
                    message=f'the key "{key}" is given twice in this mapping',
                    hint=f"keep one; the other is at line {first if isinstance(first, int) else first[0]}",
                ))
                continue
            if value_node.kind == SCALAR and value_node.tag == TEXT_TAG and len(value_node.value) <= MAX_TEXT:
                result[key], table[key] = value_node.value, line  # plain text: as `_scalar` reads it
            else:
                result[key], table[key] = self._read(value_node, (*path, key), line)
        return result

    def _scalar(self, node: Node, path: Path_) -> Any:
        value: str = node.value
        tag = node.tag
        if len(value) > MAX_TEXT:
            self.problems.append(Problem(
                path=format_path(path), line=node.line,
                message=f"a text of {len(value):,} characters is longer than the {MAX_TEXT:,} allowed",
                hint="shorten it, or link to the full text instead",
            ))
            return ""
        if tag == TEXT_TAG:  # the commonest, first
            return value
        if tag == "tag:yaml.org,2002:int":
            try:
                number = SourceInt(int(value.replace("_", ""), 0))
            except ValueError:
                return value
            number.source = value
            return number
        if tag == "tag:yaml.org,2002:float":
            try:
                real = SourceFloat(value.replace("_", ""))
            except ValueError:
                return value
            real.source = value
            return real
        if tag == "tag:yaml.org,2002:bool":
            # Only true/false are yes-no values; "yes", "no", "on", "off" stay text.
            lowered = value.casefold()
            return lowered == "true" if lowered in ("true", "false") else value
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:timestamp" and _DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        if tag == "tag:yaml.org,2002:timestamp":
            return value
        self.problems.append(Problem(
            path=format_path(path), line=node.line,
            message=f"the tag {tag.replace('tag:yaml.org,2002:', '!!')} is not supported",
            hint="remove the tag before the value",
        ))
        return value


def _too_deep() -> Problem:
    return Problem(path="", line=None, message="the file is nested too deeply to read",
                   hint=f"at most {MAX_DEPTH} levels")


def parse(
    text: str, *, file: Path | str | None = None, pure: bool = False, notes: Notes | None = None
) -> tuple[Any, Mapping[Path_, int]]:
    """
    Return the plain data of a YAML or JSON text and the line of every value in it.

    Read through libyaml where PyYAML has it; `pure` reads with PyYAML's own parser. `notes`, if
    given, is told whether the text's values are plain (see `Notes`).

    Raises:
        InputError: the text is not YAML, or it is hostile (duplicate keys, alias bombs).
    """
    try:
        node = compose(text, max_values=MAX_VALUES, max_depth=MAX_DEPTH, pure=pure, notes=notes)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = None if mark is None else mark.line + 1
        message = f"this is not valid YAML: {exc.problem or exc.context}"
        hint = "check the indentation and that text with a colon is in quotes"
        raise InputError(file, (Problem(path="", line=line, message=message, hint=hint),)) from None
    except yaml.YAMLError as exc:
        problem = Problem(path="", line=None, message=f"this is not valid YAML: {exc}")
        raise InputError(file, (problem,)) from None
    except UnicodeEncodeError as exc:  # libyaml's, given a Python text with half a character (a file cannot hold one)
        at = exc.start if exc.object is text else 0
        problem = Problem(path="", line=text.count("\n", 0, at) + 1, message=(
            f"this text holds {text[at : at + 1]!r}, half of a character (a lone surrogate), which no file can hold"
        ), hint="read the text from its file with errors='strict', or remove the character")
        raise InputError(file, (problem,)) from None
    except TooMany as exc:
        problem = Problem(
            path=format_path(exc.path), line=exc.line,
            message=f"the file expands to more than {MAX_VALUES:,} values",
            hint="it may repeat an alias (*name) many times; write the values out instead",
        )
        raise InputError(file, (problem,)) from None
    except (TooDeep, RecursionError):
        raise InputError(file, (_too_deep(),)) from None
    if node is None:
        problem = Problem(path="", line=1, message="the file is empty",
                          hint="start from `equality-docs new`")
        raise InputError(file, (problem,))
    reader = _Reader()
    try:
        with paused_collector():
            data = reader.read(node, ())
    except RecursionError:
        raise InputError(file, (_too_deep(),)) from None
    if reader.problems:
        raise InputError(file, tuple(reader.problems))
    return data, reader.lines


def _line_of(lines: Mapping[Path_, int], path: Path_) -> int | None:
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _leaves(
    exc: BaseException, path: Path_, cls: type | None = None
) -> Iterator[tuple[Path_, BaseException, type | None]]:
    """Yield each innermost error of cattrs' error tree with the field path that leads to it, and the class it is in."""
    if isinstance(exc, cattrs.ClassValidationError | cattrs.IterableValidationError):
        if isinstance(exc, cattrs.ClassValidationError) and isinstance(exc.cl, type):
            cls = exc.cl
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            step = note.name if isinstance(note, cattrs.AttributeValidationNote) else note.index
            yield from _leaves(inner, (*path, step), cls)
        for inner in without:
            yield from _leaves(inner, path, cls)
    else:
        yield path, exc, cls


def _problems(exc: BaseException, lines: Mapping[Path_, int]) -> Iterator[Problem]:
    for path, leaf, cls in _leaves(exc, ()):
        if isinstance(leaf, cattrs.ForbiddenExtraKeysError):
            known = [f.name for f in attrs.fields(leaf.cl)]
            for key in sorted(leaf.extra_fields):
                if (older := older_key((*path, key))) is not None:  # an older format's key: what it became
                    yield Problem(path=format_path((*path, key)), line=_line_of(lines, (*path, key)),
                                  message=older, hint=MIGRATE_HINT)
                    continue
                close = difflib.get_close_matches(key, known, n=1)
                hint = misspelt_older_key(path, key, known) or (
                    f'did you mean "{close[0]}"?' if close else "valid fields: " + ", ".join(known))
                yield Problem(path=format_path((*path, key)), line=_line_of(lines, (*path, key)),
                              message="unknown field", hint=hint)
        elif isinstance(leaf, ValueProblem | Refused):
            yield Problem(path=format_path(path), line=_line_of(lines, path),
                          message=str(leaf), hint=leaf.hint)
        elif isinstance(leaf, KeyError):
            yield Problem(path=format_path(path), line=_line_of(lines, path),
                          message="this required field is missing", hint=missing_hint(cls, path))
        else:
            yield Problem(path=format_path(path), line=_line_of(lines, path), message=str(leaf))


def structure(
    data: Any, lines: Mapping[Path_, int], *, file: Path | str | None = None, cls: type[Any] = EqualityPlan
) -> Any:
    """
    Return the plan (or another model class) built from plain data, or raise every problem in it.

    Raises:
        InputError: the data does not fit the model.
    """
    if not isinstance(data, dict):
        problem = Problem(path="", line=_line_of(lines, ()),
                          message="the file must be a mapping of fields (title:, organisation:, ...)")
        raise InputError(file, (problem,))
    try:
        with paused_collector():
            return make_converter().structure(data, cls)
    except (cattrs.ClassValidationError, cattrs.IterableValidationError, ValueProblem) as exc:
        problems = sorted(_problems(exc, lines), key=lambda p: (p.line or 0, p.path))
        raise InputError(file, tuple(problems)) from None


def loads(text: str, *, file: Path | str | None = None) -> EqualityPlan:
    """
    Return the plan written in a YAML or JSON text.

    Raises:
        InputError: the text is not a valid plan; every problem is listed.
    """
    data, lines = parse(text, file=file)
    plan: EqualityPlan = structure(data, lines, file=file)
    return plan


def load(path: Path | str) -> EqualityPlan:
    """
    Return the plan in a YAML or JSON file.

    Raises:
        InputError: the file cannot be read or is not a valid plan; every problem is listed.
    """
    return _load(Path(path))[0]


def load_with_lines(path: Path | str) -> tuple[EqualityPlan, Mapping[Path_, int]]:
    """
    Return the plan in a file and the line of every value in it (for locating findings).

    Raises:
        InputError: the file cannot be read or is not a valid plan; every problem is listed.
    """
    plan, lines, _ = _load(Path(path))
    return plan, lines


def load_traced(path: Path | str) -> tuple[EqualityPlan, Mapping[Path_, int], tuple[Path, ...]]:
    """
    Return the plan in a file, the line of every value in it, and every file read to make it.

    Raises:
        InputError: a file cannot be read or is not valid; every problem is listed.
    """
    return _load(Path(path))


def _read(path: Path, *, what: str = "file", hint: str | None = None) -> bytes:
    """Return a regular input file's bytes, at most `MAX_FILE_BYTES` of them."""
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        message = exc.message.replace("the file", f"the {what}", 1)
        if message.startswith("cannot read"):  # (missing, say): where it was looked for
            problem = Problem(path="", line=None, message=message, hint=hint)
        else:
            problem = Problem(path="", line=None, message=message, hint=exc.hint)
        raise InputError(str(path).replace("\0", "\\0"), (problem,)) from None


#: Spreadsheets a plan can be made from with `equality-docs import`, but not read as one.
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods")


def load_as(path: Path | str, text: str) -> EqualityPlan:
    """
    Return the plan written in `text`, read as the file at `path` would be (its progress files and
    reference document named relative to it): a plan migrated in memory, the file untouched.

    Raises:
        InputError: the text is not a valid plan, or a file it names cannot be read.
    """
    return _load(Path(path), text)[0]


@paused_collector()  # the whole file, its progress files too: its values live on
def _load(path: Path, text: str | None = None) -> tuple[EqualityPlan, Mapping[Path_, int], tuple[Path, ...]]:
    """Return the plan in a file (or in `text`, read as that file), the lines of its values, and the files read."""
    if path.suffix.lower() in SHEET_SUFFIXES:
        problem = Problem(path="", line=None, message="this is a spreadsheet, not a plan",
                          hint=f"make a plan from it first: equality-docs import {path.name} --out plan.yaml")
        raise InputError(path, (problem,))
    notes = Notes()
    parsed, lines = parse(decode(_read(path), file=path) if text is None else text, file=path, notes=notes)
    plan: EqualityPlan = structure(parsed, lines, file=path)
    read = [path]
    plain = notes.plain  # every text of every file read: the plan's texts are made of them
    if plan.progress_files:

        def review(progress: Path) -> tuple[ProgressReview, Mapping[Path_, int]]:
            nonlocal plain
            read.append(progress)
            review_notes = Notes()
            found = _load_review(progress, review_notes)
            plain = plain and review_notes.plain
            return found

        plan = load_progress(plan, path.parent, review)
    if plan.reference_doc is not None:  # named relative to the plan; an input, never written
        reference = path.parent / plan.reference_doc
        plan = attrs.evolve(plan, reference_doc=str(reference))
        read.append(reference)
        plain = plain and not xml_illegal(str(reference))
    if plain:
        note_plain(plan)
    return plan, lines, tuple(read)


def _load_review(path: Path, notes: Notes | None = None) -> tuple[ProgressReview, Mapping[Path_, int]]:
    """Return a progress review file and the lines of its values."""
    data = _read(path, what="progress file", hint="progress_files are named relative to the plan file")
    parsed, lines = parse(decode(data, file=path), file=path, notes=notes)
    return structure(parsed, lines, file=path, cls=ProgressReview), lines


def load_review(path: Path | str) -> ProgressReview:
    """
    Return a progress review file.

    Raises:
        InputError: the file cannot be read or is not a valid review.
    """
    return _load_review(Path(path))[0]


class _Dumper(yaml.SafeDumper):
    """A YAML writer that keeps every string exactly, in readable Unicode."""


def _represent_text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # PyYAML writes NEL (U+0085) raw when Unicode is allowed, and reads it back as a line
    # break; in double quotes it is escaped as \N and survives.
    style = '"' if "\x85" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_text)


def dumps(plan: EqualityPlan) -> str:
    """Return a plan as YAML text that `loads` reads back into an equal plan."""
    data = make_converter().unstructure(plan)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
