"""
Render the first page of each example document as a picture for kinds.md:
`python docs/make_pictures.py` (needs LibreOffice and pdftoppm).
"""

import subprocess
import tempfile
from pathlib import Path

import equality_docs

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "pictures"
PICTURES = [
    ("childrens-services-objectives", "objectives-statement"),
    ("childrens-services-strategy", "strategy"),
    ("inmat-trust", "psed-statement"),
    ("secondary-school-objectives", "objectives-plan"),
    ("childrens-services-action-plan", "action-plan"),
    ("childrens-services-action-plan", "annual-report"),
]

if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for example, kind in PICTURES:
            docx = work / f"{kind}.docx"
            docx.write_bytes(equality_docs.render(equality_docs.load(ROOT / "examples" / f"{example}.yaml"),
                                                  kind=kind, fmt="docx"))
            subprocess.run(["soffice", f"-env:UserInstallation=file://{work}/profile", "--headless",
                            "--convert-to", "pdf", "--outdir", str(work), str(docx)], check=True,
                           capture_output=True)
            pages = [1, 4] if kind == "action-plan" else [1]  # page 4: a landscape appendix page
            for page in pages:
                name = kind if page == 1 else f"{kind}-page-{page}"
                subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page),
                                "-singlefile", str(work / f"{kind}.pdf"), str(OUT / name)], check=True)
            print(kind)  # a script's report of what it made
