"""
Readable twins of the Word templates: templates/docx-xml/<name>.xml holds each template's
word/document.xml pretty-printed, and its headers and footers that have content, so a change
to a template can be reviewed as text. The .docx files are the source; the twins follow them.

    python templates/twins.py            rewrite the twins from the templates
    python templates/twins.py --check    exit 1 if any twin is out of step with its template
    python templates/twins.py --apply    write each twin's parts back into its template (after
                                         editing or merging a twin as text)

Not shipped: the wheel takes templates/docx, templates/markdown and templates/html only.
"""

from __future__ import annotations

import posixpath
import sys
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_KINDS = ("/header", "/footer")


def _has_content(root: etree._Element) -> bool:
    """Whether a header or footer shows anything: text, or a picture."""
    return bool("".join(root.itertext()).strip()) or any(
        True for e in root.iter() if isinstance(e.tag, str) and e.tag.endswith("}drawing")
    )


def twin(template: Path) -> str:
    """Return the twin of a Word template: its document, headers and footers, pretty-printed."""
    with zipfile.ZipFile(template) as package:
        names = ["word/document.xml"]
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"), _PARSER)
        for rel in rels.iter(_RELS):
            if rel.get("Type", "").endswith(_KINDS) and rel.get("TargetMode") != "External":
                names.append(posixpath.normpath(posixpath.join("word", rel.get("Target", ""))))
        twin = etree.Element("template", name=template.name)
        for name in names:
            root = etree.fromstring(package.read(name), _PARSER)
            if name == "word/document.xml" or _has_content(root):
                etree.SubElement(twin, "part", name=name).append(root)
    etree.indent(twin, space="  ")
    return etree.tostring(twin, encoding="unicode") + "\n"


def out_of_step(docx: Path, twins: Path) -> list[str]:
    """Return the names of the templates in `docx` whose twin in `twins` differs or is missing."""
    return [
        template.name for template in sorted(docx.glob("*.docx"))
        if not (twins / f"{template.stem}.xml").is_file()
        or (twins / f"{template.stem}.xml").read_text(encoding="utf-8") != twin(template)
    ]


def apply(twin_file: Path, template: Path) -> None:
    """Write the parts held in `twin_file` back into `template`, leaving its other parts as they are."""
    root = etree.fromstring(twin_file.read_bytes(), _PARSER)
    parts = {
        part.get("name", ""): etree.tostring(part[0], xml_declaration=True, encoding="UTF-8", standalone=True)
        for part in root.iter("part")
    }
    with zipfile.ZipFile(template) as package:
        items = [(info, package.read(info.filename)) for info in package.infolist()]
    staged = template.with_name(f".{template.name}.tmp")
    with zipfile.ZipFile(staged, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in items:
            package.writestr(info, parts.get(info.filename, data), zipfile.ZIP_DEFLATED)
    staged.replace(template)


def main(argv: list[str]) -> int:
    """Rewrite the twins; with --check report those out of step (exit 1); with --apply, the reverse."""
    docx, twins = HERE / "docx", HERE / "docx-xml"
    if "--apply" in argv:
        for template in sorted(docx.glob("*.docx")):
            apply(twins / f"{template.stem}.xml", template)
        return 0
    if "--check" in argv:
        stale = out_of_step(docx, twins)
        for name in stale:
            print(f"templates/docx-xml: the twin of {name} is out of step; run python templates/twins.py")
        return 1 if stale else 0
    twins.mkdir(exist_ok=True)
    for template in sorted(docx.glob("*.docx")):
        (twins / f"{template.stem}.xml").write_text(twin(template), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
