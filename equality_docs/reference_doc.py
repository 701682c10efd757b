"""
An organisation's own Word file (pandoc's `--reference-doc`) applied to every Word template as
it is prepared: its styles (each style both define is the reference's, the reference's others are
added, the template's others kept; lists keep the template's numbering), its theme, its first
section's page size and margins (on every section, each keeping its orientation), and its default
header and footer with their pictures. The template's draft-mark paragraphs (those naming
`document.mark`, through their `{%p endif %}`) open the reference's header, so a draft still says so.
"""

from __future__ import annotations

import copy
import functools
import itertools
import posixpath
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from equality_docs.errors import InputError, Problem, TemplateError
from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, read_bounded
from equality_docs.renderers.wordtemplate import (
    _PKG,
    _REL,
    _TYPES,
    _W,
    Relation,
    _bytes,
    _parse,
    _read,
    _relations,
)

_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_MC_IGNORABLE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"
_PART_TYPES = {
    "header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
    "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml",
    "theme": "application/vnd.openxmlformats-officedocument.theme+xml",
}
_IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif"}
#: What may come before a numbering in a paragraph's properties, and before the properties in a style.
_BEFORE_NUMPR = {
    f"{_W}{t}" for t in ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl")
}
#: What may come before a section's page size, when it has none to replace.
_BEFORE_PAGE = {f"{_W}{t}" for t in ("headerReference", "footerReference", "footnotePr", "endnotePr", "type")}
_AFTER_PPR = [f"{_W}{t}" for t in ("rPr", "tblPr", "trPr", "tcPr", "tblStylePr")]
_HINT = (
    "--reference-doc (or reference_doc: in the plan, named relative to the plan file) names a Word .docx file"
)


def _new_rels() -> Any:
    # None names the default namespace, which lxml's stubs do not allow for.
    return etree.Element(f"{_PKG}Relationships", nsmap={None: _PKG[1:-1]})  # type: ignore[dict-item]


def _free_ids(rels: Any) -> Iterator[str]:
    """Yield relationship ids no relationship of `rels` has: rIdHouse1, rIdHouse2, ..."""
    used = {r.get("Id") for r in rels}
    return (i for n in itertools.count(1) if (i := f"rIdHouse{n}") not in used)


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _main(name: str, trees: dict[str, Any], what: str) -> tuple[str, list[Relation]]:
    """Return the document part of a Word package and its relationships."""
    package_rels = _relations(trees.get("_rels/.rels"), "")
    main = [t for _, kind, t, _ in package_rels if kind == "officeDocument" and t in trees]
    if not main or "[Content_Types].xml" not in trees:
        raise TemplateError(name, f"this {what} is not a Word document (it has no document part)")
    return main[0], _relations(trees.get(_rels_name(main[0])), main[0])


def _twips(name: str, element: Any, attribute: str) -> int:
    try:
        return int(element.get(f"{_W}{attribute}", ""))
    except ValueError:
        raise TemplateError(name, f"its page size is not a number of twips ({attribute})") from None


class Reference:
    """A reference Word file read and checked once: what it gives every template prepared with it."""

    def __init__(self, path: Path) -> None:
        self.name = name = str(path)
        try:
            data = read_bounded(path, MAX_FILE_BYTES)
        except FileRefused as exc:
            message = exc.message.replace("the file", "the reference document", 1)
            problem = Problem(path="", line=None, message=message, hint=exc.hint or _HINT)
            raise InputError(name, (problem,)) from None
        parts = _read(name, data, "reference document")
        trees = {n: _parse(name, n, d) for n, d in parts.items() if n.endswith((".xml", ".rels"))}
        document, rels = _main(name, trees, "reference document")
        found = {kind: t for _, kind, t, external in reversed(rels) if not external and t in trees}
        self.styles: Any = trees.get(found.get("styles", ""))
        self.theme: bytes | None = parts.get(found.get("theme", ""))
        section = next(trees[document].iter(f"{_W}sectPr"), None)
        self.size = None if section is None else section.find(f"{_W}pgSz")
        self.margins = None if section is None else section.find(f"{_W}pgMar")
        if self.size is not None:
            _twips(name, self.size, "w"), _twips(name, self.size, "h")
        self.types = trees["[Content_Types].xml"]
        self.media: dict[str, bytes] = {}
        self.furniture: dict[str, tuple[Any, list[Relation]]] = {}
        ids = {i: t for i, _, t, external in rels if not external and t in trees}
        for kind in ("header", "footer"):
            found_refs = [] if section is None else section.iterchildren(f"{_W}{kind}Reference")
            chosen = [r.get(f"{_R}id") for r in found_refs if r.get(f"{_W}type", "default") == "default"]
            part = ids.get(chosen[0] or "") if chosen else None
            if part is None:
                continue
            related = _relations(trees.get(_rels_name(part)), part)
            for _, what, target, external in related:
                if external:
                    continue
                if what != "image" or target not in parts:
                    raise TemplateError(name, f"its {kind} holds a {what} part ({target}); a reference "
                                        "document's header and footer may hold text and pictures only")
                self.media[target] = parts[target]
            self.furniture[kind] = (trees[part], related)

    def apply(self, template: str, parts: dict[str, bytes], trees: dict[str, Any]) -> None:
        """Change a template's parts (bytes and trees, by name) to this house style."""
        document, rels = _main(template, trees, "Word template")
        doc_rels = trees.setdefault(_rels_name(document), _new_rels())
        found = {kind: t for _, kind, t, external in reversed(rels) if not external and t in trees}
        types, changed = trees["[Content_Types].xml"], {_rels_name(document)}
        if self.styles is not None and "styles" in found:
            _merge_styles(trees[found["styles"]], self.styles)
            changed.add(found["styles"])
        if self.theme is not None:
            theme = found.get("theme") or self._add(parts, trees, document, "theme", "word/theme/theme1.xml")
            parts[theme], trees[theme] = self.theme, etree.fromstring(self.theme)
        sections = list(trees[document].iter(f"{_W}sectPr"))
        before = [_text_width(s) for s in sections]
        for section in sections:
            self._page(template, section)
        ratios = [_ratio(old, _text_width(s)) for old, s in zip(before, sections, strict=True)]
        _fit_tables(trees[document], ratios)
        media = self._media(parts, types)
        ids = {i: t for i, _, t, external in rels if not external}
        for kind, (root, related) in self.furniture.items():
            references = [r for s in sections for r in s.iterchildren(f"{_W}{kind}Reference")
                          if r.get(f"{_W}type", "default") == "default" and r.get(f"{_R}id") in ids]
            targets = [ids[r.get(f"{_R}id")] for r in references]
            if not targets:  # the template has none: the reference's is added to every section
                targets = [self._add(parts, trees, document, kind, f"word/{kind}1.xml")]
                rid = next(i for i, _, t, _ in _relations(doc_rels, document) if t == targets[0])
                for section in sections:
                    attributes = {f"{_W}type": "default", f"{_R}id": rid}
                    section.insert(0, etree.Element(f"{_W}{kind}Reference", attributes))
            for target in dict.fromkeys(targets):
                part_rels = trees.setdefault(_rels_name(target), _new_rels())
                free = _free_ids(part_rels)
                renamed = {rid: next(free) for rid, _, _, _ in related}
                trees[target] = _furniture(trees.get(target), root, kind, renamed)
                _add_relations(part_rels, related, renamed, media, target)
                changed |= {target, _rels_name(target)}
        for name in sorted(changed):
            parts[name] = _bytes(trees[name])

    def _add(
        self, parts: dict[str, bytes], trees: dict[str, Any], document: str, kind: str, name: str
    ) -> str:
        """Return the name of a new part of the template, related to its document and typed."""
        stem, dot, ext = name.rpartition(".")
        number = 1
        while name in parts:
            number += 1
            name = f"{stem.rstrip('0123456789')}{number}{dot}{ext}"
        parts[name] = b""
        rels = trees[_rels_name(document)]
        etree.SubElement(rels, f"{_PKG}Relationship", Id=next(_free_ids(rels)), Type=_REL + kind,
                         Target=posixpath.relpath(name, posixpath.dirname(document)))
        etree.SubElement(trees["[Content_Types].xml"], f"{_TYPES}Override", PartName="/" + name,
                         ContentType=_PART_TYPES[kind])
        return name

    def _page(self, template: str, section: Any) -> None:
        """Give a section the reference's page size and margins, keeping its own orientation."""
        size = section.find(f"{_W}pgSz")
        if self.size is not None:
            landscape = size is not None and (size.get(f"{_W}orient") == "landscape"
                                              or _twips(template, size, "w") > _twips(template, size, "h"))
            short, long = sorted((_twips(self.name, self.size, "w"), _twips(self.name, self.size, "h")))
            width, height = (long, short) if landscape else (short, long)
            new = etree.Element(f"{_W}pgSz", {f"{_W}w": str(width), f"{_W}h": str(height)})
            if landscape:
                new.set(f"{_W}orient", "landscape")
            _put(section, size, new)
            size = new
        if self.margins is not None and size is not None:
            _put(section, section.find(f"{_W}pgMar"), copy.deepcopy(self.margins), after=size)

    def _media(self, parts: dict[str, bytes], types: Any) -> dict[str, str]:
        """Return the template's new name of each picture of the reference's header and footer, copied in."""
        names: dict[str, str] = {}
        for source, data in self.media.items():
            ext = source.rpartition(".")[2].lower()
            number = 1
            while (name := f"word/media/house{number}.{ext}") in parts:
                number += 1
            parts[name], names[source] = data, name
            declared = {d.get("Extension", "").lower() for d in types.iterchildren(f"{_TYPES}Default")}
            if ext not in declared:
                theirs = [d.get("ContentType") for d in self.types.iterchildren(f"{_TYPES}Default")
                          if d.get("Extension", "").lower() == ext]
                kind = theirs[0] if theirs else _IMAGE_TYPES.get(ext)
                if kind is None:
                    message = f"its picture {source} is of a type not known ({ext}); use PNG or JPEG"
                    raise TemplateError(self.name, message)
                etree.SubElement(types, f"{_TYPES}Default", Extension=ext, ContentType=kind)
        return names


def _number(element: Any, attribute: str) -> int | None:
    value = None if element is None else element.get(f"{_W}{attribute}", "")
    return int(value) if value is not None and value.isdigit() else None


def _text_width(section: Any) -> int | None:
    """Return the width between a section's margins, in twips, if it says."""
    size, margins = section.find(f"{_W}pgSz"), section.find(f"{_W}pgMar")
    width, left, right = _number(size, "w"), _number(margins, "left"), _number(margins, "right")
    return None if width is None or left is None or right is None else width - left - right


def _ratio(old: int | None, new: int | None) -> float:
    return 1.0 if old is None or new is None or old <= 0 or new <= 0 else new / old


def _fit_tables(document: Any, ratios: list[float]) -> None:
    """Scale the widths a template's tables give in twips to the text width of their section's new page."""
    body, section = document.find(f"{_W}body"), 0
    for child in () if body is None else body:
        if child.tag == f"{_W}tbl" and section < len(ratios) and ratios[section] != 1.0:
            for element in child.iter(f"{_W}gridCol", f"{_W}tblW", f"{_W}tcW"):
                width = _number(element, "w")
                if width is not None and element.get(f"{_W}type", "dxa") == "dxa":
                    element.set(f"{_W}w", str(round(width * ratios[section])))
        elif child.find(f"{_W}pPr/{_W}sectPr") is not None:
            section += 1


def _put(parent: Any, old: Any, new: Any, after: Any = None) -> None:
    """Put `new` where `old` is, else after `after`, else after the header and footer references."""
    if old is not None:
        parent.replace(old, new)
    elif after is not None:
        after.addnext(new)
    else:
        before = [c for c in parent if c.tag in _BEFORE_PAGE]
        parent.insert(parent.index(before[-1]) + 1 if before else 0, new)


def _mark_paragraphs(root: Any) -> list[Any]:
    """Return copies of a template header's paragraphs that print the draft mark (through their endif)."""
    paragraphs = list(root.iterchildren(f"{_W}p"))
    texts = ["".join(p.itertext()) for p in paragraphs]
    where = [i for i, text in enumerate(texts) if "document.mark" in text]
    if not where:
        return []
    first, last = where[0], where[-1]
    if "{%p if" in texts[first]:
        last = next((i for i in range(last + 1, len(texts)) if "endif" in texts[i]), last)
    return [copy.deepcopy(p) for p in paragraphs[first : last + 1]]


def _furniture(old: Any, reference: Any, kind: str, renamed: dict[str, str]) -> Any:
    """
    Return the reference's header or footer (its relationship ids `renamed`), opened by the
    template header's draft-mark paragraphs.
    """
    base = reference if old is None else old
    nsmap = {**{k: v for k, v in reference.nsmap.items() if k not in base.nsmap}, **base.nsmap}
    root = etree.Element(base.tag, nsmap=nsmap)
    ignorable = {*(old.get(_MC_IGNORABLE, "").split() if old is not None else ()),
                 *reference.get(_MC_IGNORABLE, "").split()}
    if ignorable & set(nsmap):
        root.set(_MC_IGNORABLE, " ".join(sorted(ignorable & set(nsmap))))
    kept = _mark_paragraphs(old) if old is not None and kind == "header" else []
    theirs = [copy.deepcopy(c) for c in reference]
    for element in (e for child in theirs for e in child.iter()):
        for attribute, value in element.attrib.items():
            if attribute.startswith(_R) and value in renamed:
                element.set(attribute, renamed[value])
    root.extend([*kept, *theirs])
    return root


def _add_relations(
    rels: Any, related: list[Relation], renamed: dict[str, str], media: dict[str, str], part: str
) -> None:
    """Relate the reference's pictures and links to a template's header or footer, under their new ids."""
    for rid, kind, target, external in related:
        where = target if external else posixpath.relpath(media[target], posixpath.dirname(part))
        rel = etree.SubElement(rels, f"{_PKG}Relationship", Id=renamed[rid], Type=_REL + kind, Target=where)
        if external:
            rel.set("TargetMode", "External")


def _merge_styles(target: Any, source: Any) -> None:
    """Put the reference's styles into the template's: each one both define replaced, the others added."""
    defaults = source.find(f"{_W}docDefaults")
    mine = target.find(f"{_W}docDefaults")
    if defaults is not None and mine is not None:
        target.replace(mine, copy.deepcopy(defaults))
    elif defaults is not None:
        target.insert(0, copy.deepcopy(defaults))
    own = {s.get(f"{_W}styleId"): s for s in target.iterchildren(f"{_W}style")}
    for style in source.iterchildren(f"{_W}style"):
        new = copy.deepcopy(style)
        for numbering in new.findall(f"{_W}pPr/{_W}numPr"):  # the reference's list ids mean nothing here
            numbering.getparent().remove(numbering)
        old = own.get(style.get(f"{_W}styleId"))
        if old is None:
            target.append(new)
            continue
        kept = old.find(f"{_W}pPr/{_W}numPr")
        if kept is not None:
            properties = new.find(f"{_W}pPr")
            if properties is None:
                later = [c for c in new if c.tag in _AFTER_PPR]
                properties = etree.Element(f"{_W}pPr")
                new.insert(new.index(later[0]) if later else len(new), properties)
            before = [c for c in properties if c.tag in _BEFORE_NUMPR]
            properties.insert(properties.index(before[-1]) + 1 if before else 0, copy.deepcopy(kept))
        target.replace(old, new)


@functools.lru_cache(maxsize=8)
def _reference(path: str, mtime_ns: int, size: int) -> Reference:  # the key
    return Reference(Path(path))


def reference_key(path: Path) -> tuple[str, int, int]:
    """
    Return what a template prepared with this reference is kept under: its path, time and size.

    Raises:
        InputError: the reference document cannot be found.
    """
    try:
        stat = path.stat()
    except (OSError, ValueError) as exc:
        message = f"cannot read the reference document: {getattr(exc, 'strerror', None) or exc}"
        raise InputError(str(path), (Problem(path="", line=None, message=message, hint=_HINT),)) from None
    return str(path), stat.st_mtime_ns, stat.st_size


def read_reference(path: Path) -> Reference:
    """
    Return the reference document at `path`, read and checked (kept while the file is unchanged).

    Raises:
        InputError: it cannot be read (missing, not a regular file, too large).
        TemplateError: it is not a Word document, or is broken or hostile.
    """
    return _reference(*reference_key(path))


__all__ = ["Reference", "read_reference", "reference_key"]
