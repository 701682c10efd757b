"""
Holes found by attacking the command line after the safety fixes: each test states what must
hold, and failed before its fix.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from click.testing import CliRunner

from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES

PLAN = EXAMPLES / "inmat-trust.yaml"


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", str(PLAN), "-k", "psed-statement", *args])
    return result.exit_code, result.stderr



def test_templates_export_never_writes_through_a_linked_subfolder(tmp_path: Path) -> None:
    """`templates export` writes no file outside FOLDER, even where a subfolder of it is a link."""
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "docx").symlink_to(outside)

    CliRunner().invoke(cli, ["templates", "export", str(folder)])

    assert [] == sorted(path.name for path in outside.iterdir())



def test_a_template_cannot_pad_a_text_past_the_output_limit(tmp_path: Path) -> None:
    """`"x"|center(150000000)` makes a text past the 100,000,000-character limit: a template error, exit 4."""
    folder = tmp_path / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "psed_statement.md.j2").write_text('{{ ("x" | center(150000000)) | length }}\n', encoding="utf-8")

    code, _ = _render("-f", "md", "-t", str(folder.parent), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code



def test_a_word_template_whose_directory_understates_a_part_is_refused_with_the_limit(tmp_path: Path) -> None:
    """A part that inflates past 50 MB while the zip's directory says 1,000 bytes is refused as broken, having
    inflated no more than its directory says (each part is read counted, at most the limit)."""
    folder = tmp_path / "templates" / "docx"
    folder.mkdir(parents=True)
    path = folder / "psed_statement.docx"
    document = docx.Document()
    document.add_paragraph("{{ document.title }}")
    document.save(str(path))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/big.bin", b"\0" * 60_000_000)
    data = bytearray(path.read_bytes())
    name = b"word/media/big.bin"
    for start, size_at in ((data.find(name) - 30, 22), (data.rfind(name) - 46, 24)):
        data[start + size_at:start + size_at + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))

    code, stderr = _render("-f", "docx", "-t", str(folder.parent), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "psed_statement.docx: cannot open this Word template: Bad CRC-32" in stderr  # read no further than it says


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))



def test_check_output_refuses_a_device() -> None:
    """`check-output /dev/zero` is refused at once as not a file (exit 3), as a plan would be."""
    result = subprocess.run(
        [sys.executable, "-m", "equality_docs", "check-output", "/dev/zero"],
        capture_output=True, text=True, check=False, timeout=120, preexec_fn=_limit_memory,
    )

    assert Exit.INVALID_INPUT == result.returncode
    assert "this is a device, not a file" in result.stderr
