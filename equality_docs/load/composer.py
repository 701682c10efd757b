"""
Compose YAML into small nodes that keep their lines, event by event, through libyaml's parser
where PyYAML has it (the pure-Python parser where it has not).

The values a file expands to are counted as each node is made, as the reader later counts
them (each use of an alias counts its values again; keys and values that the reader skips
count nothing), so a file of too many values is refused at the limit: in time and memory in
proportion to the limit, never to the file. Nesting is limited the same way, and the nodes are
made without recursion.
"""

from __future__ import annotations

from typing import Any, Final, TypeAlias

import yaml
from yaml.composer import ComposerError

from equality_docs.collector import paused_collector
from equality_docs.safe_text import xml_illegal

#: Whether PyYAML was built with libyaml here (its parser in C).
WITH_LIBYAML: Final = bool(getattr(yaml, "__with_libyaml__", False))

_MERGE = "tag:yaml.org,2002:merge"
#: A libyaml error this far into a text or nearer is told in the pure-Python parser's words.
_RETELL_WITHIN = 1_000_000

SCALAR: Final = 0
SEQUENCE: Final = 1
MAPPING: Final = 2

Step: TypeAlias = str | int


class Node:
    """A composed value: its kind, tag, content, line (from 1), and how many values it expands to."""

    __slots__ = ("kind", "line", "size", "tag", "value")

    def __init__(self, kind: int, tag: str, value: Any, line: int) -> None:
        self.kind = kind
        self.tag = tag
        #: The text of a scalar; the items of a sequence; the (key, value) pairs of a mapping.
        self.value = value
        self.line = line
        #: Values the reader counts in it, aliases expanded; -1 while it is being composed.
        self.size = 1 if kind == SCALAR else -1


class Notes:
    """What composing a text found beyond its nodes."""

    __slots__ = ("plain",)

    def __init__(self) -> None:
        #: Whether no text in it (no value, no key) holds "[" or a character XML cannot hold.
        self.plain = False


class TooMany(Exception):
    """The file expands to more values than allowed; `path` and `line` say where the reader would stop."""

    def __init__(self, path: tuple[Step, ...], line: int | None) -> None:
        self.path = path
        self.line = line
        super().__init__(path)


class TooDeep(Exception):
    """The file nests deeper than allowed (or an alias refers to the value it is inside)."""


def _counts(key: Node, seen: set[str]) -> bool:
    """Whether the reader reads the value of this key (plain text, not repeated); note the key."""
    if key.kind != SCALAR or key.tag == _MERGE or key.value in seen:
        return False
    seen.add(key.value)
    return True


def _locate(node: Node, index: int, path: tuple[Step, ...]) -> tuple[tuple[Step, ...], int]:
    """Return the path and line of the `index`-th value (from 1) of a node, aliases expanded."""
    while index > 1:
        index -= 1
        children: list[tuple[Step, Node]]
        if node.kind == SEQUENCE:
            children = list(enumerate(node.value))
        else:
            seen: set[str] = set()
            children = [(key.value, value) for key, value in node.value if _counts(key, seen)]
        for step, child in children:
            if index <= child.size:
                node, path = child, (*path, step)
                break
            index -= child.size
    return path, node.line


class _Frame:
    """A collection being composed, with what the reader will count in it."""

    __slots__ = ("counted", "inside", "key", "node", "seen", "size")

    def __init__(self, node: Node, *, counted: bool, inside: bool) -> None:
        self.node = node
        self.counted = counted  # the reader counts its values
        self.inside = inside  # its parent's size counts its values
        self.size = 1  # itself and the values in it, so far
        self.key: Node | None = None  # a mapping's key whose value comes next
        self.seen: set[str] = set()


def _loader(text: str, *, pure: bool) -> Any:
    return (yaml.SafeLoader if pure or not WITH_LIBYAML else yaml.CSafeLoader)(text)


def compose(
    text: str, *, max_values: int, max_depth: int, pure: bool = False, notes: Notes | None = None
) -> Node | None:
    """
    Return the root node of a one-document YAML text (None if it holds none); `notes`, if given,
    is told what else was found.

    Raises:
        yaml.YAMLError: the text is not YAML (in the pure-Python parser's words, as far as they can be had).
        TooMany: the text expands to more than `max_values` values.
        TooDeep: the text nests deeper than `max_depth`.
    """
    with paused_collector():
        try:
            return _compose(_loader(text, pure=pure), max_values, max_depth, notes, text)
        except yaml.YAMLError as exc:
            if pure or not WITH_LIBYAML or _where(exc) > _RETELL_WITHIN:
                raise
        # libyaml's words differ from PyYAML's in places: the pure parser reads as far (no further
        # than the limit above), and says it as the messages have always said it.
        return _compose(_loader(text, pure=True), max_values, max_depth, notes, text)


def _where(exc: yaml.YAMLError) -> int:
    """Return how far into the text an error was found (past any limit if not known)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return _RETELL_WITHIN + 1 if mark is None else int(mark.index)
    if isinstance(exc, yaml.reader.ReaderError):
        return int(exc.position)
    return _RETELL_WITHIN + 1


TEXT_TAG: Final = "tag:yaml.org,2002:str"
#: How many plain texts' tags are remembered, and of what length at most.
_RESOLVED_KEPT = 4096
_RESOLVED_LENGTH = 32
#: The resolver's answer for short plain texts (1, true, 2024-03-31, and keys such as "title"),
#: by the loader's class, kept for every file this process reads: plans repeat their keys.
_RESOLVED: dict[type, dict[str, str]] = {}
#: How many different texts are shared between the values that repeat them (a few MB at most).
_TEXTS_KEPT = 1 << 16
Scalar, Alias = yaml.events.ScalarEvent, yaml.events.AliasEvent
SequenceStart, SequenceEnd = yaml.events.SequenceStartEvent, yaml.events.SequenceEndEvent
MappingStart, MappingEnd = yaml.events.MappingStartEvent, yaml.events.MappingEndEvent


def _compose(loader: Any, max_values: int, max_depth: int, notes: Notes | None, text: str) -> Node | None:
    """Compose the one document of a loader's stream, counting values as the reader will."""
    try:
        loader.get_event()  # stream start
        if isinstance(loader.peek_event(), yaml.events.StreamEndEvent):
            return None
        loader.get_event()  # document start
        anchors: dict[str, Node] = {}
        stack: list[_Frame] = []
        root: Node | None = None
        resolvers = loader.yaml_implicit_resolvers
        firsts = {key for key in resolvers if key}
        always = None in resolvers  # a resolver for text of any first character: ask it always
        resolved = _RESOLVED.setdefault(type(loader), {})
        # A list's or mapping's tag, where none is written, is the same for all (the loaders have no path resolvers).
        sequence_tag = loader.resolve(yaml.SequenceNode, None, True)
        mapping_tag = loader.resolve(yaml.MappingNode, None, True)
        texts: dict[str, str] = {}  # each text held once: a plan repeats its keys, names, dates and statuses
        every_text = True  # whether `texts` holds every text
        total = 0  # values counted so far, as the reader counts them
        skipped = 0  # nodes made that the reader will not count (keys, repeated keys' values)
        get_event, make = loader.get_event, Node
        while True:
            event = get_event()
            kind = type(event)
            if kind is SequenceEnd or kind is MappingEnd:
                closed = stack.pop()
                closed.node.size = closed.size
                if not stack:
                    break
                if closed.inside:
                    stack[-1].size += closed.size
                continue
            node: Node
            if kind is Alias:
                if event.anchor not in anchors:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                node = anchors[event.anchor]
                if node.size < 0:  # inside itself: it would expand for ever
                    raise TooDeep
            else:
                line = event.start_mark.line + 1
                tag = event.tag
                if kind is Scalar:
                    value = event.value
                    if tag is None or tag == "!":
                        implicit = event.implicit
                        # As the resolver decides, without asking it where it could only say "text".
                        if not implicit[0] or not (always or not value or value[0] in firsts):
                            tag = TEXT_TAG
                        elif (tag := resolved.get(value)) is None:
                            tag = loader.resolve(yaml.ScalarNode, value, implicit)
                            if len(resolved) < _RESOLVED_KEPT and len(value) <= _RESOLVED_LENGTH:
                                resolved[value] = tag
                    if (kept := texts.get(value)) is not None:
                        value = kept
                    elif len(texts) < _TEXTS_KEPT:
                        texts[value] = value
                    else:
                        every_text = False
                    node = make(SCALAR, tag, value, line)
                elif kind is SequenceStart:
                    if tag is None or tag == "!":
                        tag = sequence_tag
                    node = Node(SEQUENCE, tag, [], line)
                elif kind is MappingStart:
                    if tag is None or tag == "!":
                        tag = mapping_tag
                    node = Node(MAPPING, tag, [], line)
                else:  # pragma: no cover  # the parser gives nothing else inside a document
                    raise ComposerError(None, None, f"unexpected {kind.__name__}", event.start_mark)
                if event.anchor is not None:
                    if event.anchor in anchors:
                        raise ComposerError(
                            f"found duplicate anchor {event.anchor!r}; first occurrence",
                            None, "second occurrence", event.start_mark,
                        )
                    anchors[event.anchor] = node
            # Place the node, and count it where the reader would.
            counted = inside = True
            if stack:
                frame = stack[-1]
                parent = frame.node
                if parent.kind == SEQUENCE:
                    parent.value.append(node)
                    counted = frame.counted
                elif frame.key is None:  # a key: never counted
                    frame.key = node
                    counted = inside = False
                else:
                    key = frame.key
                    parent.value.append((key, node))
                    inside = _counts(key, frame.seen)
                    counted = frame.counted and inside
                    frame.key = None
                if inside and node.size > 0:  # a scalar, or an alias of a finished node
                    frame.size += node.size
            else:
                root = node
            opened = node.size < 0 and kind is not Alias
            if counted:
                before = total
                total += 1 if opened else node.size
                if total > max_values:
                    path = _path(stack)
                    if kind is Alias:
                        raise TooMany(*_locate(node, max_values - before + 1, path))
                    raise TooMany(path, node.line)
            elif kind is not Alias:
                # Keys and skipped values cost as much to make as values: a file of a million
                # keys is refused as soon as as many values would be.
                skipped += 1
                if total + skipped > max_values:
                    raise TooMany(_path(stack), node.line)
            if opened:
                if len(stack) >= max_depth:
                    raise TooDeep
                stack.append(_Frame(node, counted=counted, inside=inside))
            elif not stack:
                break
        loader.get_event()  # document end
        if not isinstance(loader.peek_event(), yaml.events.StreamEndEvent):
            event = loader.get_event()
            raise ComposerError(
                "expected a single document in the stream", None, "but found another document", event.start_mark
            )
        if notes is not None and every_text:
            notes.plain = _plain(texts, text)
        return root
    finally:
        loader.dispose()


def _plain(texts: dict[str, str], text: str) -> bool:
    """Whether none of a text's values (`texts`, each once) holds "[" or a character XML cannot hold."""
    joined = "\n".join(texts)
    # The parsers refuse such a character written out: only an escape (\x0b) can make one.
    return "[" not in joined and ("\\" not in text or not xml_illegal(joined))


def _path(stack: list[_Frame]) -> tuple[Step, ...]:
    """Return the path, as the reader writes it, of the newest node placed in the open collections."""
    path: list[Step] = []
    for frame in stack:
        node = frame.node
        if node.kind == SEQUENCE:
            path.append(len(node.value) - 1)
        elif frame.key is not None:  # inside a key: the reader names it by its mapping
            break
        elif node.value:
            key = node.value[-1][0]
            path.append(key.value if key.kind == SCALAR else "?")
    return tuple(path)
