"""Writing is atomic: a failure leaves earlier output whole and no partial file behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from equality_docs.errors import OutputError
from equality_docs.write import prepare_folder, write_output


def test_failed_write_keeps_the_earlier_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If writing fails part-way (disk full), the earlier document is intact and no temp remains."""
    target = tmp_path / "plan.docx"
    target.write_bytes(b"earlier")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_output(b"new document", target, replace=True)
    monkeypatch.undo()

    assert b"earlier" == target.read_bytes()
    assert ["plan.docx"] == sorted(p.name for p in tmp_path.iterdir())


def test_failed_replace_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the final move fails (permission denied), nothing is left half-written."""
    def denied(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", denied)
    with pytest.raises(OutputError, match="Permission denied"):
        write_output(b"data", tmp_path / "new.docx")
    monkeypatch.undo()

    assert [] == list(tmp_path.iterdir())


def test_an_input_is_refused_as_output(tmp_path: Path) -> None:
    """Writing onto a file that is an input is refused, even with replace."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("organisation: {name: A}\n", encoding="utf-8")

    with pytest.raises(OutputError, match="input file"):
        write_output(b"x", plan, inputs=[plan], replace=True)

    assert "organisation: {name: A}\n" == plan.read_text(encoding="utf-8")


def test_folder_created_by_the_tool_is_owned(tmp_path: Path) -> None:
    """A folder equality-docs creates is marked as its own; an existing folder is not."""
    assert (True, False) == (prepare_folder(tmp_path / "new"), prepare_folder(tmp_path))


def test_a_killed_writer_leaves_the_document_whole(tmp_path: Path) -> None:
    """A process killed mid-write leaves the earlier document intact; its temporary is cleared next time."""
    import signal
    import subprocess
    import sys
    import textwrap
    import time

    target = tmp_path / "plan.docx"
    target.write_bytes(b"earlier")
    script = textwrap.dedent(f"""
        import os, time
        from pathlib import Path
        from equality_docs.write import write_output
        os.fsync = lambda fd: (print("writing", flush=True), time.sleep(60))
        write_output(b"half" * 1000, Path({str(target)!r}), replace=True)
    """)
    writer = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    assert "writing" == writer.stdout.readline().strip()
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    writer.stdout.close()
    time.sleep(0.05)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    assert b"earlier" == target.read_bytes()
    assert 1 == len(leftovers)

    write_output(b"new", target, replace=True)

    assert (b"new", ["plan.docx"]) == (target.read_bytes(), sorted(p.name for p in tmp_path.iterdir()))
