"""
Make the pictures in docs/spreadsheets.md: the tracker's Actions, Measures and help sheets as
LibreOffice prints them, and the report `equality-docs import` gives for council-actions.xlsx.

    python examples/sheets/make_doc_pictures.py   # needs LibreOffice Calc, poppler-utils, Chromium
"""

from __future__ import annotations

import html
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageChops

HERE = Path(__file__).resolve().parent
PICTURES = HERE.parents[1] / "docs" / "pictures"
COMMAND = [sys.executable, "-m", "equality_docs"]


def crop(path: Path, margin: int = 16) -> None:
    """Cut the white page around what is printed."""
    image = Image.open(path).convert("RGB")
    box = ImageChops.difference(image, Image.new("RGB", image.size, "white")).getbbox()
    if box:
        left, top, right, bottom = box
        image = image.crop((max(left - margin, 0), max(top - margin, 0),
                            min(right + margin, image.width), min(bottom + margin, image.height)))
    image.save(path, optimize=True)


def main() -> None:
    """Import the example, make its tracker, and picture both."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        plan = work / "plan.yaml"
        (work / "council-actions.xlsx").write_bytes((HERE / "council-actions.xlsx").read_bytes())
        report = subprocess.run(
            [*COMMAND, "import", "council-actions.xlsx", "--out", "plan.yaml", "--on", "2025-10-01",
             "--period", "2025/26 Q2", "--organisation", "Anytown Borough Council"],
            check=True, capture_output=True, text=True, cwd=work,
        )
        tracker = work / "tracker.xlsx"
        subprocess.run([*COMMAND, "tracker", str(plan), "--out", str(tracker), "--period", "2025/26 Q3"],
                       check=True, capture_output=True)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'profile'}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(work), str(tracker)], check=True, capture_output=True)
        subprocess.run(["pdftoppm", "-png", "-r", "110", str(work / "tracker.pdf"), str(work / "page")], check=True)
        for number, name in enumerate(("tracker-actions", "tracker-measures", "tracker-help"), start=1):
            page = work / f"page-{number}.png"
            target = PICTURES / f"{name}.png"
            target.write_bytes(page.read_bytes())
            crop(target)
        text = ("$ equality-docs import council-actions.xlsx --out plan.yaml --on 2025-10-01 \\\n"
                "    --period '2025/26 Q2' --organisation 'Anytown Borough Council'\n"
                f"{report.stderr}{report.stdout}")
        page = work / "report.html"
        page.write_text(
            "<!doctype html><meta charset=utf-8><body style='margin:0;background:#fff'>"
            "<pre style='font:13px/1.4 DejaVu Sans Mono,monospace;padding:12px;background:#1e1e1e;color:#eee;"
            f"display:inline-block;margin:0'>{html.escape(text)}</pre>",
            encoding="utf-8",
        )
        shot = PICTURES / "import-report.png"
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1400,900", f"--screenshot={shot}", page.as_uri()],
                       check=True, capture_output=True)
        crop(shot, margin=0)


if __name__ == "__main__":
    main()
