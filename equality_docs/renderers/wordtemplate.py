"""
Word templates prepared once and rendered many times, on parsed trees.

Preparing a template (once per path, modification time and size) checks the sizes of its parts in
the zip's directory, reads them once, refuses any part carrying a DOCTYPE, patches the document,
headers, footers and footnotes with docxtpl's `patch_xml` (its `{%p`/`{%tr`/`{%tc` tags become
Jinja), compiles each in the project's sandboxed environment, and keeps every part no document
changes as a compressed zip entry. A document renders its parts with Jinja, parses them (entities
never resolved, no network), runs docxtpl's table and drawing fixes and then the finishing passes
on the tree, and zips its parts with fixed times.
"""

from __future__ import annotations

import copy
import hashlib
import posixpath
import threading
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import attrs
import jinja2
from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from equality_docs.errors import TemplateError
from equality_docs.renderers import passes
from equality_docs.renderers.package import Deflater, Entry, assemble
from equality_docs.renderers.templates import describe_jinja_error

#: The largest part a Word template may inflate to, and all its parts together.
MAX_PART = 50 * 2**20
MAX_TOTAL = 100 * 2**20
_MB = 2**20
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CP, _DC, _DCTERMS = (
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/",
)
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_W = passes._W  # noqa: SLF001  # one namespace for the Word path
#: Templates' parts are read as python-docx reads them; rendered parts as strictly, with no entities.
_TEMPLATE_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
_FORBIDDEN = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)
_KEPT = 64


def _read(path: Path) -> dict[str, bytes]:
    """Return a template's parts by name, after checking their sizes in the zip's directory."""
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            for info in infos:
                if info.file_size > MAX_PART:
                    raise TemplateError(str(path), (
                        f"the part {info.filename} inflates to {info.file_size // _MB} MB; a Word "
                        f"template's part may be at most {MAX_PART // _MB} MB"))
            if sum(info.file_size for info in infos) > MAX_TOTAL:
                raise TemplateError(str(path), f"its parts inflate to more than {MAX_TOTAL // _MB} MB, the limit")
            return {info.filename: package.read(info) for info in infos if not info.is_dir()}
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise TemplateError(str(path), f"cannot open this Word template: {exc}") from None


def _parse(template: str, name: str, data: bytes | str, parser: etree.XMLParser = _TEMPLATE_PARSER) -> Any:
    """Return a part's root element; a DOCTYPE or XML that is not well-formed is the template's fault."""
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise TemplateError(template, f"{name} is not well-formed XML ({exc}); save the template again from Word") from None
    if root.getroottree().docinfo.doctype or root.getroottree().docinfo.internalDTD is not None:
        raise TemplateError(template, f"{name} declares a DOCTYPE, which no Word document holds; it is refused")
    return root


def _rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{base}.rels")


def _relations(rels: Any, source: str) -> list[tuple[str, str, str, bool]]:
    """Return (id, type, target part or URL, external) for each relationship of `source`."""
    found = []
    for rel in rels.iterchildren(f"{_PKG}Relationship"):
        target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
        if not external:
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(posixpath.dirname(source), target))
        found.append((rel.get("Id", ""), rel.get("Type", ""), target, external))
    return found


@attrs.define
class _Part:
    """A part rendered for each document: its compiled template and the source it was compiled from."""

    name: str
    template: jinja2.Template
    lines: list[str]
    where: str  # said after an error's message: which part, if not the document


class WordTemplate:
    """A Word template read, patched and compiled once, rendered into many documents."""

    def __init__(self, path: Path, env: jinja2.Environment) -> None:
        self.name = str(path)
        self.parts = _read(path)
        self.trees = {n: _parse(self.name, n, d) for n, d in self.parts.items() if n.endswith((".xml", ".rels"))}
        if "_rels/.rels" not in self.trees:
            raise TemplateError(self.name, "this is not a Word document (it has no _rels/.rels)")
        package_rels = _relations(self.trees["_rels/.rels"], "")
        main = [t for _, kind, t, _ in package_rels if kind == _REL + "officeDocument"]
        if not main or main[0] not in self.trees:
            raise TemplateError(self.name, "this is not a Word document (it has no document part)")
        self.document = main[0]
        self.doc_rels_name = _rels_name(self.document)
        self.doc_rels = self.trees.get(self.doc_rels_name, etree.Element(f"{_PKG}Relationships"))
        self.rels = _relations(self.doc_rels, self.document)
        related = {kind[len(_REL):]: target for _, kind, target, external in self.rels if not external}
        self.styles = self.trees.get(related.get("styles", ""))
        self.numbering = self.trees.get(related.get("numbering", ""))
        self.numbered = (
            passes.numbered_styles(self.numbering, self.styles)
            if self.numbering is not None and self.styles is not None else None
        )
        root = self.trees[self.document]
        ids = [int(i) for i in root.xpath("//@id") if i.isdigit()]
        self.shape_id = max(ids, default=0) + 1  # as python-docx numbers a new picture
        self.body = self._compile(self.document, root, env)
        self.others = [
            self._compile(target, self.trees[target], env)
            for _, kind, target, external in self.rels
            if not external and kind[len(_REL):] in ("header", "footer", "footnotes") and target in self.trees
        ]
        self.links = {t: i for i, kind, t, external in self.rels if external and kind == _REL + "hyperlink"}
        self.images = {
            hashlib.sha1(self.parts[t]).digest(): i  # noqa: S324  # as python-docx matches pictures
            for i, kind, t, external in self.rels if not external and kind == _REL + "image" and t in self.parts
        }
        core = [t for _, kind, t, _ in package_rels if kind == _CORE_REL]
        self.core_name = core[0] if core and core[0] in self.trees else "docProps/core.xml"
        self.core = self.trees.get(self.core_name)
        self.types = self.trees["[Content_Types].xml"] if "[Content_Types].xml" in self.trees else None
        if self.types is None:
            raise TemplateError(self.name, "this is not a Word document (it has no [Content_Types].xml)")
        self.package_rels = self.trees["_rels/.rels"]
        if self.core is None:  # python-docx adds core properties to a package without them
            self.core = etree.Element(f"{{{_CP}}}coreProperties", nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI})
            etree.SubElement(self.package_rels, f"{_PKG}Relationship", Id="rIdCore", Type=_CORE_REL, Target=self.core_name)
            etree.SubElement(self.types, f"{_TYPES}Override", PartName="/" + self.core_name,
                             ContentType="application/vnd.openxmlformats-package.core-properties+xml")
        rendered = {self.document, self.core_name, self.doc_rels_name, "[Content_Types].xml", "_rels/.rels"}
        rendered |= {p.name for p in self.others} | {related.get("styles", ""), related.get("numbering", "")}
        self.order = ["[Content_Types].xml", "_rels/.rels", *(n for n in self.parts if n not in ("[Content_Types].xml", "_rels/.rels"))]
        if self.core_name not in self.order:
            self.order.append(self.core_name)
        self.fixed = {n: Entry.of(n, d) for n, d in self.parts.items() if n not in rendered}
        self.fixed["_rels/.rels"] = self._entry("_rels/.rels", self.package_rels)
        self._kept: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def _compile(self, name: str, root: Any, env: jinja2.Environment) -> _Part:
        """Return a part's template: docxtpl's patching, with a line per paragraph as docxtpl compiles it."""
        source = DocxTemplate.patch_xml(None, etree.tostring(root, encoding="unicode"))
        source = source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ")
        lines = source.splitlines()
        where = "" if name == self.document else f" (in {name})"
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(self.name, _syntax_message(exc, lines) + where) from None
        for node in tree.find_all(_FORBIDDEN):
            raise TemplateError(self.name, (
                "{% include %}, {% extends %} and {% import %} cannot be used in a Word template, "
                f"near: {_text(lines, node.lineno)}{where}; copy the text into this template instead"))
        return _Part(name, env.from_string(tree), lines, where)

    def kept(self, key: Any, make: Callable[[], Any]) -> Any:
        """Return what was made for `key` already (headers, numbering, styles), else make and keep it."""
        found = self._kept.get(key)
        if found is None:
            found = make()
            with self._lock:
                if len(self._kept) >= _KEPT:
                    self._kept.pop(next(iter(self._kept)), None)
                self._kept[key] = found
        return found

    def _entry(self, name: str, root: Any) -> Entry:
        sink = Deflater(name)
        target: Any = sink  # lxml writes to any object with a write method, in pieces
        etree.ElementTree(root).write(target, encoding="UTF-8", xml_declaration=True, standalone=True)
        return sink.entry()

    def render_part(self, part: _Part, context: Mapping[str, Any]) -> Any:
        """Return a part rendered and parsed, as docxtpl's `render_xml_part` renders it."""
        try:
            text = part.template.render(context)
        except jinja2.TemplateError as exc:
            raise TemplateError(self.name, f"{describe_jinja_error(exc)}{self._near(part, exc)}{part.where}") from None
        except Exception as exc:
            if _raised_in_template(exc):  # a template's own mistake ({{ 1 / 0 }}); else a bug
                raise TemplateError(self.name, f"{type(exc).__name__}: {exc}{self._near(part, exc)}{part.where}") from None
            raise
        text = text.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        text = text.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        if any(c in text for c in "\t\a\n\f"):
            text = DocxTemplate.resolve_listing(None, text)
        try:
            return etree.fromstring(text, _PARSER)
        except etree.XMLSyntaxError as exc:
            raise TemplateError(self.name, (
                f"the rendered XML is not well-formed ({exc}){part.where}; a tag may break a Word "
                "element: {%p %}/{%tr %} tags must stand alone in their paragraph or row")) from None

    def _near(self, part: _Part, exc: BaseException) -> str:
        tb, line = exc.__traceback__, None
        while tb is not None:
            if tb.tb_frame.f_code.co_filename == "<template>":
                line = tb.tb_lineno
            tb = tb.tb_next
        text = _text(part.lines, line)
        return f", near: {text}" if text else ""

    def package(self, root: Any, others: list[tuple[str, Any]], changed: dict[str, Entry], added: Additions) -> bytes:
        """Return the document's zip: the template's parts, with those rendered and added."""
        entries = {self.document: self._entry(self.document, root), **changed}
        for name, tree in others:
            entries[name] = self.kept(("entry", name, etree.tostring(tree)), lambda n=name, t=tree: self._entry(n, t))
        doc_rels, types = self.doc_rels, self.types
        if added.rels:
            doc_rels = copy.deepcopy(doc_rels)
            for rid, kind, target, external in added.rels:
                rel = etree.SubElement(doc_rels, f"{_PKG}Relationship", Id=rid, Type=_REL + kind, Target=target)
                if external:
                    rel.set("TargetMode", "External")
        if added.media and not any(d.get("Extension", "").lower() == "png" for d in types.iterchildren(f"{_TYPES}Default")):
            types = copy.deepcopy(types)
            types.insert(0, etree.Element(f"{_TYPES}Default", Extension="png", ContentType="image/png"))
        entries["[Content_Types].xml"] = self.kept(("types", types is self.types), lambda: self._entry("[Content_Types].xml", types))
        entries[self.doc_rels_name] = self._entry(self.doc_rels_name, doc_rels) if added.rels else self.kept(
            "rels", lambda: self._entry(self.doc_rels_name, doc_rels))
        names = self.order + ([self.doc_rels_name] if self.doc_rels_name not in self.order else [])
        return assemble([*(entries.get(n) or self.fixed[n] for n in names), *(Entry.of(n, d) for n, d in added.media)])


def _raised_in_template(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    return tb is not None and tb.tb_frame.f_code.co_filename == "<template>"


def _text(lines: list[str], line: int | None) -> str:
    """Return the text of a compiled part's line (a paragraph): its tags left out."""
    if line is None or not 0 < line <= len(lines):
        return ""
    return "".join(piece.partition(">")[2] for piece in f">{lines[line - 1]}".split("<")).strip()[:120]


def _syntax_message(exc: jinja2.TemplateSyntaxError, lines: list[str]) -> str:
    near = " ".join(t for n in range((exc.lineno or 1) - 1, (exc.lineno or 1) + 2) if (t := _text(lines, n)))
    hint = (
        "; a Jinja tag must be typed in one go in Word (retype it so it sits in one run), "
        "and {%p %}/{%tr %} tags must stand alone in their paragraph or row"
    )
    return f"{describe_jinja_error(exc)}{' near: ' + near[:200] if near else ''}{hint}"


class Additions:
    """The relationships and pictures one document adds to its template's document part."""

    def __init__(self, template: WordTemplate) -> None:
        self.template = template
        self.rels: list[tuple[str, str, str, bool]] = []
        self.media: list[tuple[str, bytes]] = []
        self._links: dict[str, str] = {}
        self._images: dict[bytes, str] = {}

    def _next_id(self) -> str:
        used = {r[0] for r in self.template.rels} | {r[0] for r in self.rels}
        return next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)

    def hyperlink(self, url: str) -> str:
        """Return the relationship id of an external link to `url` (python-docx's `get_or_add_ext_rel`)."""
        rid = self.template.links.get(url) or self._links.get(url)
        if rid is None:
            rid = self._links[url] = self._next_id()
            self.rels.append((rid, "hyperlink", url, True))
        return rid

    def picture(self, png: bytes, width: int) -> Any:
        """Return a `wp:inline` element showing the picture, `width` EMU wide (python-docx's `new_pic_inline`)."""
        digest = hashlib.sha1(png).digest()  # noqa: S324
        image = Image.from_blob(png)
        rid = self.template.images.get(digest) or self._images.get(digest)
        if rid is None:
            names = set(self.template.parts) | {n for n, _ in self.media}
            number = next(n for n in range(1, len(names) + 2) if not any(
                x.startswith(f"word/media/image{n}.") for x in names))
            name = f"word/media/image{number}.{image.ext}"
            rid = self._images[digest] = self._next_id()
            self.rels.append((rid, "image", posixpath.relpath(name, posixpath.dirname(self.template.document)), False))
            self.media.append((name, png))
        cx, cy = image.scaled_dimensions(width, None)
        return CT_Inline.new_pic_inline(self.template.shape_id, rid, image.filename, cx, cy)


__all__ = ["MAX_PART", "MAX_TOTAL", "Additions", "WordTemplate"]
