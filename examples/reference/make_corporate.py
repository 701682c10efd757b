"""
Make `corporate.docx`, an organisation's reference Word file for `--reference-doc`:

    python examples/reference/make_corporate.py

Its Normal text and headings are set in DejaVu Serif (also its theme's fonts), headings in
plum; the page is A4 with 2 cm margins; the header shows a small logo with alternative text and
the footer says who publishes. Anyone can make theirs in Word instead: only the styles, theme,
page and default header and footer of such a file are used. The tests build theirs with `build`.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
PLUM = RGBColor(0x6A, 0x1B, 0x6A)


def logo_png(text: str = "RBC") -> bytes:
    """Return a small logo: white letters on a plum block, 240 by 80 pixels."""
    image = Image.new("RGB", (240, 80), (0x6A, 0x1B, 0x6A))
    draw = ImageDraw.Draw(image)
    draw.rectangle((6, 6, 233, 73), outline=(255, 255, 255), width=3)
    draw.text((120, 40), text, fill=(255, 255, 255), anchor="mm", font_size=40)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def build(
    path: Path,
    *,
    organisation: str = "Riverside Borough Council",
    alt: str | None = "Riverside Borough Council logo",
    font: str = "DejaVu Serif",
) -> Path:
    """Write a reference Word file to `path`; with `alt` None its logo has no alternative text."""
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 14), ("Heading 3", 12)):
        style = styles[name]
        style.font.name, style.font.size, style.font.bold, style.font.color.rgb = font, Pt(size), True, PLUM
    for style in (normal, *(styles[n] for n in ("Title", "Heading 1", "Heading 2", "Heading 3"))):
        fonts = style.element.rPr.rFonts
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):  # a theme font overrides a named one
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
    theme = document.part.part_related_by(RT.THEME)
    theme._blob = re.sub(rb'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*', rb"\g<1>" + font.encode(), theme.blob)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin = section.bottom_margin = section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    picture = header.add_run().add_picture(io.BytesIO(logo_png()), width=Cm(3))
    if alt is not None:
        picture._inline.docPr.set("descr", alt)  # python-docx has no alt-text API
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run(f"Published by {organisation}")
    run.font.size, run.font.color.rgb = Pt(9), PLUM
    document.add_paragraph("A reference document: only its styles, page, header and footer are used.")
    document.core_properties.title = f"{organisation} house style"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


if __name__ == "__main__":
    print(build(HERE / "corporate.docx"))
