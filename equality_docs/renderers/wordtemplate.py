"""
Word templates prepared once and rendered many times, on parsed trees.

Preparing a template checks the sizes of its parts in the zip's directory, reads them once,
refuses any part carrying a DOCTYPE, patches the document, headers, footers and footnotes with
docxtpl's `patch_xml` (its `{%p`/`{%tr`/`{%tc` tags become Jinja), compiles each in the sandboxed
environment, and keeps every part no document changes as a compressed zip entry. A document
renders its parts with Jinja, parses them (no entities resolved, no network), runs docxtpl's
table and drawing fixes and then the finishing passes on the tree, and zips it with fixed times.
An organisation's reference Word file (`reference_doc`) changes the parts before they compile.
"""

from __future__ import annotations

import contextvars
import copy
import functools
import hashlib
import io
import posixpath
import threading
import traceback
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Protocol

import attrs
import jinja2
from docx.image.image import Image
from docx.oxml.shape import CT_Inline
from docxtpl import DocxTemplate
from jinja2 import nodes
from lxml import etree

from equality_docs.errors import TemplateError
from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, read_bounded
from equality_docs.renderers import passes
from equality_docs.renderers.package import ZIP_TIME, Entry, assemble
from equality_docs.renderers.prose import xml_safe
from equality_docs.renderers.templates import describe_jinja_error

#: The largest part a Word template may inflate to, and all its parts together.
MAX_PART, MAX_TOTAL = 50 * 2**20, 100 * 2**20
#: The longest text a core property holds (python-docx refuses longer).
PROPERTY_LIMIT = 255
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_PKG, _TYPES = "{http://schemas.openxmlformats.org/package/2006/relationships}", "{http://schemas.openxmlformats.org/package/2006/content-types}"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_DC, _DCTERMS = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_W = passes._W  # one namespace for the Word path
#: Templates' parts are read as python-docx reads them; rendered parts (`_render_part`) as strictly, with no entities.
_TEMPLATE_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
#: How much rendered text gathers before the paragraphs it ends are given to the parser.
_FEED = 1 << 16
_FORBIDDEN = (nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)
_HINT = "; {%p %}/{%tr %} tags must stand alone in their paragraph or row"
Relation = tuple[str, str, str, bool]  # id, type (after _REL), target part or URL, external


class Package(Protocol):
    """Where the filters that add relationships (links, pictures) put them while rendering."""

    def hyperlink(self, url: str) -> str:
        """Return the relationship id of an external link to `url`."""

    def picture(self, png: bytes, width: int) -> Any:
        """Return a `wp:inline` element showing the picture, `width` EMU wide."""


class HouseStyle(Protocol):
    """An organisation's reference Word file (`reference_doc.Reference`), applied as a template is prepared."""

    def apply(self, template: str, parts: dict[str, bytes], trees: dict[str, Any]) -> None: ...


#: The package being rendered into, for the filters that add relationships (links, images).
CURRENT_PACKAGE: contextvars.ContextVar[Package] = contextvars.ContextVar("equality_docs_docx")


@attrs.frozen(kw_only=True)
class DocumentProperties:
    """What Word shows under File > Info, and what assistive technology reads first."""

    title: str
    subject: str = ""
    author: str = ""
    language: str = "en-GB"
    keywords: str = ""


def property_text(text: str) -> str:
    """Return text as a core property holds it: XML-safe, and cut short with an ellipsis if too long."""
    safe = xml_safe(text)
    return safe if len(safe) <= PROPERTY_LIMIT else safe[: PROPERTY_LIMIT - 1] + "\u2026"


@attrs.frozen
class Rendered:
    """A rendered document: its bytes, and its trees (for the output check)."""

    data: bytes
    body: Any
    others: list[tuple[str, Any]]
    styles: bytes


def _read(name: str, path: Path | bytes, what: str = "Word template") -> dict[str, bytes]:
    """Return a Word file's parts by name (from its file or bytes), after checking their sizes in the zip's directory."""
    try:
        data = path if isinstance(path, bytes) else read_bounded(path, MAX_FILE_BYTES)  # a regular file, counted as read
    except FileRefused as exc:
        raise TemplateError(str(path), exc.message) from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            for info in infos:
                if info.file_size > MAX_PART:
                    raise TemplateError(name, f"the part {info.filename} inflates to {info.file_size >> 20} MB; "
                                        f"a {what}'s part may be at most {MAX_PART >> 20} MB")
            if sum(info.file_size for info in infos) > MAX_TOTAL:
                raise TemplateError(name, f"its parts inflate to more than {MAX_TOTAL >> 20} MB, the limit")
            # zipfile inflates no more than the directory says (a part it understates fails its CRC check).
            return {info.filename: package.read(info) for info in infos if not info.is_dir()}
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise TemplateError(name, f"cannot open this {what}: {exc}") from None


def _parse(template: str, name: str, data: bytes) -> Any:
    """Return a part's root element; a DOCTYPE, or XML that is not well-formed, is the template's fault."""
    try:
        root = etree.fromstring(data, _TEMPLATE_PARSER)
    except etree.XMLSyntaxError as exc:
        raise TemplateError(template, f"{name} is not well-formed XML ({exc}); save the template again from Word") from None
    info: Any = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise TemplateError(template, f"{name} declares a DOCTYPE (entities), which no Word document holds; it is refused")
    return root


def _relations(rels: Any, source: str) -> list[Relation]:
    """Return the relationships of the part `source`, their targets as part names."""
    found = []
    for rel in () if rels is None else rels.iterchildren(f"{_PKG}Relationship"):
        target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
        if not external:
            target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(source), target))
        found.append((rel.get("Id", ""), rel.get("Type", "").removeprefix(_REL), target, external))
    return found


def _bytes(root: Any) -> bytes:
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


def _entry(name: str, root: Any) -> Entry:
    """Return a part's zip entry, its XML (as `_bytes` gives it) deflated as it is written, never held whole."""
    def writer(write: Callable[[bytes], object]) -> None:
        with etree.xmlfile(SimpleNamespace(write=write), encoding="UTF-8") as xml:
            xml.write_declaration(standalone=True)
            xml.write(root)

    return Entry.written(name, writer)


@attrs.frozen
class _Part:
    """A part rendered for each document: its compiled template and the lines it was compiled from."""

    name: str
    template: jinja2.Template
    lines: list[str]
    where: str  # said after an error's message: which part, if not the document


class WordTemplate:
    """A Word template read, patched and compiled once, rendered into many documents."""

    def __init__(self, path: Path, env: jinja2.Environment, house: HouseStyle | None = None) -> None:
        self.name = name = str(path)
        self.parts = _read(name, path)
        trees = {n: _parse(name, n, d) for n, d in self.parts.items() if n.endswith((".xml", ".rels"))}
        if house is not None:  # an organisation's styles, theme, page and header and footer, before compiling
            house.apply(name, self.parts, trees)
        package_rels = _relations(trees.get("_rels/.rels"), "")
        main = [t for _, kind, t, _ in package_rels if kind == "officeDocument" and t in trees]
        if not main or "[Content_Types].xml" not in trees:
            raise TemplateError(name, "this is not a Word document (it has no document part)")
        self.document = main[0]
        folder, base = posixpath.split(self.document)
        self.rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        self.doc_rels = trees.get(self.rels_name, etree.Element(f"{_PKG}Relationships"))
        self.rels = _relations(self.doc_rels, self.document)
        self.related = {kind: t for _, kind, t, external in self.rels if not external and t in trees}
        self.styles: Any = trees.get(self.related.get("styles", ""))
        self.numbering: Any = trees.get(self.related.get("numbering", ""))
        both = self.numbering is not None and self.styles is not None
        self.numbered = passes.numbered_styles(self.numbering, self.styles) if both else None
        root = trees[self.document]
        self.shape_id = max((int(i) for i in root.xpath("//@id") if i.isdigit()), default=0) + 1  # python-docx's next id
        self.body = self._compile(self.document, root, env)
        self.reorder, self.regrid = passes.template_marks(root)
        self.others = [self._compile(t, trees[t], env) for _, kind, t, external in self.rels
                       if not external and kind in ("header", "footer", "footnotes") and t in trees]
        self.links = {t: i for i, kind, t, external in self.rels if external and kind == "hyperlink"}
        self.images = {hashlib.sha1(self.parts[t]).digest(): i  # noqa: S324  # as python-docx matches pictures
                       for i, kind, t, external in self.rels if not external and kind == "image" and t in self.parts}
        core = [t for _, kind, t, _ in package_rels if kind == _CORE_REL.removeprefix(_REL) and t in trees]
        self.core_name = core[0] if core else "docProps/core.xml"
        self.types, package = trees["[Content_Types].xml"], trees["_rels/.rels"]
        self.core: Any = trees.get(self.core_name)
        if self.core is None:  # as python-docx adds core properties to a package without them
            self.core = etree.Element(f"{{{_CP}}}coreProperties", nsmap={"cp": _CP, "dc": _DC, "dcterms": _DCTERMS, "xsi": _XSI})
            etree.SubElement(package, f"{_PKG}Relationship", Id="rIdCore", Type=_CORE_REL, Target=self.core_name)
            etree.SubElement(self.types, f"{_TYPES}Override", PartName="/" + self.core_name,
                             ContentType="application/vnd.openxmlformats-package.core-properties+xml")
        identifier = self.core.findtext(f"{{{_DC}}}identifier") or ""
        self.identifier = env.from_string(identifier) if "{" in identifier else None  # docxtpl renders it
        self.order = list(dict.fromkeys(
            ["[Content_Types].xml", "_rels/.rels", *self.parts, self.core_name, self.rels_name]))
        changing = {self.document, self.core_name, self.rels_name, "[Content_Types].xml"}
        changing |= {self.related.get("styles", ""), self.related.get("numbering", "")}
        self.fixed = {n: Entry.of(n, d) for n, d in self.parts.items() if n not in changing}
        self.fixed["_rels/.rels"] = _entry("_rels/.rels", package)
        self._kept: dict[Any, Any] = {}
        self._lock = threading.Lock()

    def _compile(self, name: str, root: Any, env: jinja2.Environment) -> _Part:
        """Return a part's template: docxtpl's patching, with a line per paragraph as docxtpl compiles it."""
        source = DocxTemplate.patch_xml(None, etree.tostring(root, encoding="unicode"))
        lines = source.replace("<w:p>", "\n<w:p>").replace("<w:p ", "\n<w:p ").splitlines()
        where = "" if name == self.document else f" (in {name})"
        try:
            tree = env.parse("\n".join(lines))
        except jinja2.TemplateSyntaxError as exc:
            near = " ".join(t for n in range((exc.lineno or 1) - 1, (exc.lineno or 1) + 2) if (t := _text(lines, n)))
            raise TemplateError(self.name, (
                f"{describe_jinja_error(exc)}{' near: ' + near[:200] if near else ''}{where}; a Jinja tag must "
                f"be typed in one go in Word (retype it so it sits in one run), and{_HINT[1:]}")) from None
        for node in tree.find_all(_FORBIDDEN):
            raise TemplateError(self.name, (
                "{% include %}, {% extends %} and {% import %} cannot be used in a Word template, "
                f"near: {_text(lines, node.lineno)}{where}; copy the text into this template instead"))
        for data in tree.find_all(nodes.TemplateData):  # the line breaks that number the paragraphs are not printed
            data.data = data.data.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        return _Part(name, env.from_string(tree), lines, where)

    def _kept_for(self, key: Any, make: Callable[[], Any]) -> Any:
        """Return what was made for `key` already (headers, numbering, styles), else make and keep it."""
        found = self._kept.get(key)
        if found is None:
            found = make()
            with self._lock:
                if len(self._kept) >= 64:  # a few dozen variants at most
                    self._kept.pop(next(iter(self._kept)), None)
                self._kept[key] = found
        return found

    def _render_part(self, part: _Part, context: Mapping[str, Any]) -> Any:
        """Return a part rendered and parsed, as docxtpl's `render_xml_part` renders it: the text
        goes to the parser a run of whole paragraphs at a time, never held whole."""
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        pieces: list[str] = []
        size = 0
        try:
            for piece in part.template.generate(context):
                pieces.append(piece)
                size += len(piece)
                if size >= _FEED:  # the text up to the last paragraph's end goes on; the rest waits
                    head, end, rest = "".join(pieces).rpartition("</w:p>")
                    parser.feed(_as_docxtpl(head + end))
                    pieces, size = [rest], len(rest)
            parser.feed(_as_docxtpl("".join(pieces)))
            return parser.close()
        except etree.XMLSyntaxError as exc:
            raise TemplateError(self.name, f"the rendered XML is not well-formed ({exc}){part.where}{_HINT}") from None
        except Exception as exc:
            frames = [(f.f_code.co_filename, n) for f, n in traceback.walk_tb(exc.__traceback__)]
            # A template's own mistake ({{ 1 / 0 }}) is raised in its code, a bug or TemplateError elsewhere.
            if not isinstance(exc, jinja2.TemplateError) and frames[-1][0] != "<template>":
                raise
            described = describe_jinja_error(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
            near = _text(part.lines, next((n for name, n in reversed(frames) if name == "<template>"), None))
            raise TemplateError(self.name, f"{described}{near and ', near: ' + near}{part.where}") from None

    def render_trees(self, context: Mapping[str, Any], package: Any) -> tuple[Any, list[tuple[str, Any]]]:
        """Return the document element and the other parts, rendered with links and pictures added
        to `package`, and fixed as docxtpl fixes them: what plain docxtpl renders."""
        token = CURRENT_PACKAGE.set(package)
        try:
            root = self._render_part(self.body, context)
            others = [(part.name, self._render_part(part, context)) for part in self.others]
        finally:
            CURRENT_PACKAGE.reset(token)
        if self.regrid:
            passes.docxtpl_fix_tables(root)
        passes.number_drawings(root)
        return root, others

    def render(self, context: Mapping[str, Any], properties: DocumentProperties) -> Rendered:
        """Return the document rendered, finished and zipped."""
        values, added = dict(context), Additions(self)
        root, others = self.render_trees(values, added)
        body = root.find(f"{_W}body")
        lists = passes.finish(body, self.numbered, reorder=self.reorder, regrid=self.regrid) if body is not None else []
        entries = {self.document: _entry(self.document, root), self.core_name: Entry.of(self.core_name, _bytes(self._core(values, properties)))}
        for name, tree in others:
            entries[name] = self._kept_for(("part", name, etree.tostring(tree)), functools.partial(_entry, name, tree))
        styles = b""
        if self.styles is not None:
            entries[self.related["styles"]], styles = self._kept_for(("styles", properties.language), lambda: self._styles(properties.language))
        if self.numbering is not None:
            entries[self.related["numbering"]] = self._kept_for(("numbering", tuple(lists)), lambda: self._numbering(lists))
        doc_rels, types = self.doc_rels, self.types
        if added.rels:
            doc_rels = copy.deepcopy(doc_rels)
            for rid, kind, target, external in added.rels:
                rel = etree.SubElement(doc_rels, f"{_PKG}Relationship", Id=rid, Type=_REL + kind, Target=target)
                if external:
                    rel.set("TargetMode", "External")
        png = bool(added.media) and not any(d.get("Extension", "").lower() == "png" for d in types.iterchildren(f"{_TYPES}Default"))
        if png:
            types = copy.deepcopy(types)
            types.insert(0, etree.Element(f"{_TYPES}Default", Extension="png", ContentType="image/png"))
        entries["[Content_Types].xml"] = self._kept_for(("types", png), lambda: _entry("[Content_Types].xml", types))
        entries[self.rels_name] = (_entry(self.rels_name, doc_rels) if added.rels
                                   else self._kept_for("rels", lambda: _entry(self.rels_name, doc_rels)))
        data = assemble([*(entries.get(n) or self.fixed[n] for n in self.order), *(Entry.of(n, d) for n, d in added.media)])
        return Rendered(data, body, others, styles)

    def _core(self, context: Mapping[str, Any], props: DocumentProperties) -> Any:
        """Return the template's core properties filled in from the data, with fixed times."""
        core = copy.deepcopy(self.core)
        created = core.find(f"{{{_DCTERMS}}}created")
        if created is None:
            created = etree.SubElement(core, f"{{{_DCTERMS}}}created", {f"{{{_XSI}}}type": "dcterms:W3CDTF"})
            created.text = "%04d-%02d-%02dT%02d:%02d:%02dZ" % ZIP_TIME  # noqa: UP031
        values = {
            f"{{{_DC}}}title": props.title, f"{{{_DC}}}subject": props.subject, f"{{{_DC}}}creator": props.author,
            f"{{{_CP}}}keywords": props.keywords, f"{{{_DC}}}language": props.language,
            f"{{{_CP}}}lastModifiedBy": props.author, f"{{{_CP}}}revision": "1", f"{{{_DC}}}description": "",
            f"{{{_CP}}}category": "", f"{{{_DCTERMS}}}modified": created.text or "",
        }
        if self.identifier is not None:
            values[f"{{{_DC}}}identifier"] = self.identifier.render(context)
        for tag, value in values.items():
            element = core.find(tag)
            if element is None:
                element = etree.SubElement(core, tag)
            element.text = property_text(value)
        core.find(f"{{{_DCTERMS}}}modified").set(f"{{{_XSI}}}type", "dcterms:W3CDTF")
        return core

    def _styles(self, language: str) -> tuple[Entry, bytes]:
        """Return the styles part with the language set where Word's checker reads it, and its bytes."""
        styles = copy.deepcopy(self.styles)
        rpr = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        if rpr is not None:
            lang = rpr.find(f"{_W}lang")
            lang = etree.SubElement(rpr, f"{_W}lang") if lang is None else lang
            for attribute in ("val", "eastAsia", "bidi"):
                lang.set(f"{_W}{attribute}", language)
        data = _bytes(styles)
        return Entry.of(self.related["styles"], data), data

    def _numbering(self, lists: list[tuple[int, int]]) -> Entry:
        numbering = copy.deepcopy(self.numbering)
        passes.add_lists(numbering, lists)
        return Entry.of(self.related["numbering"], _bytes(numbering))


def _as_docxtpl(text: str) -> str:
    """Return rendered text ending where a paragraph ends (or the part's end) as docxtpl makes it: braces restored, tabs
    and breaks made Word's by docxtpl's listing, given only the paragraphs holding any (each alone: the same text, quicker)."""
    if "_" in text:  # (each escaped brace has one; a search for one character is many times quicker)
        text = text.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    if not any(c in text for c in "\t\a\n\f"):
        return text
    *paragraphs, last = text.split("</w:p>")
    return "".join(DocxTemplate.resolve_listing(None, p + "</w:p>") if any(c in p for c in "\t\a\n\f") else p + "</w:p>"
                   for p in paragraphs) + last


def _text(lines: list[str], line: int | None) -> str:
    """Return the text of a compiled part's line (a paragraph): its tags left out."""
    if line is None or not 0 < line <= len(lines):
        return ""
    return "".join(piece.partition(">")[2] for piece in f">{lines[line - 1]}".split("<")).strip()[:120]


class Additions:
    """The relationships and pictures one document adds to its template's document part."""

    def __init__(self, template: WordTemplate) -> None:
        self.template = template
        self.rels: list[Relation] = []
        self.media: list[tuple[str, bytes]] = []
        self._added: dict[str | bytes, str] = {}

    def _add(self, kind: str, target: str, *, external: bool) -> str:
        used = {r[0] for r in (*self.template.rels, *self.rels)}
        rid = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)  # python-docx's next id
        self.rels.append((rid, kind, target, external))
        return rid

    def hyperlink(self, url: str) -> str:
        """Return the relationship id of an external link to `url` (python-docx's `get_or_add_ext_rel`)."""
        rid = self.template.links.get(url) or self._added.get(url)
        if rid is None:
            rid = self._added[url] = self._add("hyperlink", url, external=True)
        return rid

    def picture(self, png: bytes, width: int) -> Any:
        """Return a `wp:inline` element showing the picture, `width` EMU wide (python-docx's `new_pic_inline`)."""
        digest = hashlib.sha1(png).digest()  # noqa: S324
        image = Image.from_blob(png)
        rid = self.template.images.get(digest) or self._added.get(digest)
        if rid is None:
            names = {n.rpartition(".")[0] for n in (*self.template.parts, *(m for m, _ in self.media))}
            number = next(n for n in range(1, len(names) + 2) if f"word/media/image{n}" not in names)
            name = f"word/media/image{number}.{image.ext}"
            target = posixpath.relpath(name, posixpath.dirname(self.template.document))
            rid = self._added[digest] = self._add("image", target, external=False)
            self.media.append((name, png))
        cx, cy = image.scaled_dimensions(width, None)
        return CT_Inline.new_pic_inline(self.template.shape_id, rid, image.filename, cx, cy)


__all__ = ["CURRENT_PACKAGE", "MAX_PART", "MAX_TOTAL", "Additions", "DocumentProperties", "HouseStyle", "Package",
           "Rendered", "WordTemplate", "property_text"]
