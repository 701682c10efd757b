"""PDF output: the Word document converted by LibreOffice, as tagged PDF (PDF/UA)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from equality_docs.errors import OutputError

#: LibreOffice's PDF export with a structure tree (tagged PDF) and PDF/UA conformance.
_FILTER = (
    'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"}}'
)


def docx_to_pdf(data: bytes, *, timeout: float = 120) -> bytes:
    """
    Return a .docx converted to tagged PDF by LibreOffice.

    Raises:
        OutputError: LibreOffice is not installed, or the conversion failed.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        msg = (
            "PDF output needs LibreOffice, which is not installed "
            "(on Debian or Ubuntu: apt-get install libreoffice-writer-nogui)"
        )
        raise OutputError("pdf", msg)
    with tempfile.TemporaryDirectory(prefix="equality-docs-") as folder:
        work = Path(folder)
        source = work / "document.docx"
        source.write_bytes(data)
        try:
            subprocess.run(
                [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                 "--convert-to", _FILTER, "--outdir", str(work), str(source)],
                check=True, capture_output=True, timeout=timeout,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise OutputError("pdf", f"LibreOffice could not convert the document: {exc}") from None
        result = work / "document.pdf"
        if not result.is_file():
            raise OutputError("pdf", "LibreOffice wrote no PDF")
        return result.read_bytes()
