"""Writing is atomic: a failure leaves earlier output whole and no partial file behind."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from equality_docs.errors import OutputError
from equality_docs.output.write import MARKER, Writer, prepare_folder, write_output


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
        from equality_docs.output.write import write_output
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


def test_a_link_to_an_input_is_replaced_and_the_input_kept(tmp_path: Path) -> None:
    """A link in the output folder that leads to an input: the link is replaced by the document, the input unharmed."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("organisation: {name: A}\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "plan.docx"
    link.symlink_to(plan)

    Writer([plan]).write(b"x", link, replace=True)

    assert ("organisation: {name: A}\n", False, b"x") == (
        plan.read_text(encoding="utf-8"), link.is_symlink(), link.read_bytes()
    )


def test_a_link_elsewhere_is_replaced_never_written_through(tmp_path: Path) -> None:
    """A link to another file: the link is replaced (an existing one needs replace), the file it led to kept."""
    (tmp_path / "elsewhere.docx").write_bytes(b"old")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "doc.docx"
    link.symlink_to(tmp_path / "elsewhere.docx")
    writer = Writer()

    with pytest.raises(OutputError, match="exists already"):
        writer.write(b"new", link)
    writer.write(b"new", link, replace=True)

    assert (b"old", False, b"new") == ((tmp_path / "elsewhere.docx").read_bytes(), link.is_symlink(), link.read_bytes())


def test_a_dangling_link_never_creates_its_target(tmp_path: Path) -> None:
    """A link to nothing is replaced by the document; no file appears where it led."""
    link = tmp_path / "doc.md"
    link.symlink_to(tmp_path / "nowhere.md")

    Writer().write(b"new", link, replace=True)

    assert (False, False, b"new") == ((tmp_path / "nowhere.md").exists(), link.is_symlink(), link.read_bytes())


def test_an_input_under_another_name_is_refused(tmp_path: Path) -> None:
    """A target that is the same file as an input (a hard link, a name that differs in case) is refused."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("organisation: {name: A}\n", encoding="utf-8")
    os.link(plan, tmp_path / "plan.md")

    with pytest.raises(OutputError, match="input file"):
        Writer([plan]).write(b"x", tmp_path / "plan.md", replace=True)

    assert "organisation: {name: A}\n" == plan.read_text(encoding="utf-8")


def test_a_name_as_long_as_allowed_is_written(tmp_path: Path) -> None:
    """A document named with 250 characters is written: its temporary file's name is short."""
    target = tmp_path / ("n" * 245 + ".docx")

    write_output(b"x", target)

    assert ([target.name], b"x") == ([p.name for p in tmp_path.iterdir()], target.read_bytes())


def test_a_name_too_long_for_the_file_system_is_a_clear_error(tmp_path: Path) -> None:
    """A name longer than the file system allows is refused as such, and nothing is left behind."""
    with pytest.raises(OutputError, match="name is longer than the 255 bytes this folder allows"):
        write_output(b"x", tmp_path / ("n" * 300 + ".docx"))

    assert [] == list(tmp_path.iterdir())


def _prepare_at_once(folder: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        results.put(prepare_folder(Path(folder)))
    except OutputError as exc:
        results.put(str(exc))


def test_many_runs_create_one_folder_at_once() -> None:
    """Eight processes preparing one new folder at once: none fails, all own it, and it holds one marker."""
    import multiprocessing
    import tempfile

    context = multiprocessing.get_context("fork")
    for _ in range(5):
        with tempfile.TemporaryDirectory() as base:
            folder = Path(base) / "deep" / "out"
            barrier, results = context.Barrier(8), context.Queue()
            workers = [context.Process(target=_prepare_at_once, args=(str(folder), barrier, results)) for _ in range(8)]
            for worker in workers:
                worker.start()
            got = [results.get(timeout=60) for _ in workers]
            for worker in workers:
                worker.join()

            assert [True] * 8 == got
            assert [MARKER] == [p.name for p in folder.iterdir()]
            assert ["out"] == [p.name for p in folder.parent.iterdir()]  # no staging folder left


def test_a_folder_made_by_someone_else_is_not_owned(tmp_path: Path) -> None:
    """A folder that exists without the marker stays not owned (even if empty)."""
    (tmp_path / "theirs").mkdir()

    assert (False, []) == (prepare_folder(tmp_path / "theirs"), list((tmp_path / "theirs").iterdir()))


def test_documents_are_readable_by_all_whatever_the_umask(tmp_path: Path) -> None:
    """A document is written 0644, as a saved document is, even under a strict umask."""
    old = os.umask(0o077)
    try:
        write_output(b"x", tmp_path / "a.docx")
    finally:
        os.umask(old)

    assert 0o644 == (tmp_path / "a.docx").stat().st_mode & 0o777


def test_a_temporary_left_under_the_same_number_is_not_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A leftover temporary of the name the writer would choose is passed over, and left alone."""
    from equality_docs.output import write

    monkeypatch.setattr(write, "_numbers", iter([7, 8]))
    monkeypatch.setattr(write, "_swept", {tmp_path})  # not swept: the leftover stays
    leftover = tmp_path / f".eqd-{os.getpid()}-7.tmp"
    leftover.write_bytes(b"someone else's")

    write_output(b"mine", tmp_path / "a.docx")

    assert (b"mine", b"someone else's") == ((tmp_path / "a.docx").read_bytes(), leftover.read_bytes())


def test_a_group_is_written_whole_around_a_document_that_fails(tmp_path: Path) -> None:
    """Writing several at once: the one refused (it exists) is reported, the others written, nothing left over."""
    (tmp_path / "b.docx").write_bytes(b"earlier")
    documents = [(b"a", tmp_path / "a.docx", False), (b"b", tmp_path / "b.docx", False), (b"c", tmp_path / "c.docx", False)]

    errors = Writer().write_all(documents)

    assert [None, "exists already", None] == [e if e is None else e.message[9:23] for e in errors]
    assert [b"a", b"earlier", b"c"] == [(tmp_path / n).read_bytes() for n in ("a.docx", "b.docx", "c.docx")]
    assert ["a.docx", "b.docx", "c.docx"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_group_is_flushed_to_the_disk_once_before_any_is_moved_into_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the system can flush a file system (Linux), a group costs one flush, made before the first move."""
    from equality_docs.output import write

    if write._syncfs() is None:
        pytest.skip("this system cannot flush a file system (syncfs is Linux's); each file is synced instead")
    real, events = write._syncfs(), []

    def flush(handle: int) -> int:
        events.append(("flush", sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".tmp"))))
        return real(handle)

    monkeypatch.setattr(write, "_syncfs", lambda: flush)
    monkeypatch.setattr(os, "fsync", lambda handle: events.append(("fsync", [])))
    monkeypatch.setattr(write, "_MEMINFO", _meminfo(tmp_path.parent, dirty_kib=80))

    errors = Writer().write_all([(b"%d" % n, tmp_path / f"{n}.docx", False) for n in range(5)])

    assert ([None] * 5, [("flush", [])]) == (errors, events)
    assert [b"%d" % n for n in range(5)] == [(tmp_path / f"{n}.docx").read_bytes() for n in range(5)]


def _meminfo(folder: Path, dirty_kib: int, writeback_kib: int = 0) -> str:
    """A copy of Linux's /proc/meminfo with this much data waiting to be written."""
    path = folder / f"meminfo-{dirty_kib}-{writeback_kib}"
    path.write_text(
        f"MemTotal:        8000000 kB\nDirty:     {dirty_kib:>12} kB\nWriteback:  {writeback_kib:>11} kB\n"
        "WritebackTmp:          0 kB\n", encoding="ascii",
    )
    return str(path)


def test_much_data_waiting_to_be_written_has_each_file_synced_on_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another program's large write waits, a flush of the file system would wait for it: each file is synced alone."""
    from equality_docs.output import write

    flushed: list[int] = []
    synced: list[int] = []
    monkeypatch.setattr(write, "_syncfs", lambda: lambda handle: flushed.append(handle) or 0)
    monkeypatch.setattr(os, "fsync", synced.append)
    monkeypatch.setattr(write, "_MEMINFO", _meminfo(tmp_path.parent, dirty_kib=300_000, writeback_kib=20_000))

    errors = Writer().write_all([(b"%d" % n, tmp_path / f"{n}.docx", False) for n in range(4)])

    assert ([None] * 4, [], 4) == (errors, flushed, len(synced))
    assert [b"%d" % n for n in range(4)] == [(tmp_path / f"{n}.docx").read_bytes() for n in range(4)]


def test_what_waits_to_be_written_is_read_from_the_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dirty and Writeback together, against the limit; unreadable or unknown counts as much."""
    from equality_docs.output import write

    def little(path: str) -> bool:
        monkeypatch.setattr(write, "_MEMINFO", path)
        return write._little_waiting()

    (tmp_path / "odd").write_text("MemTotal: 1 kB\nDirty: lots kB\nWriteback: 0 kB\n", encoding="ascii")
    assert (True, True, False, False) == (
        little(_meminfo(tmp_path, dirty_kib=0)),
        little(_meminfo(tmp_path, dirty_kib=16_384, writeback_kib=16_384)),
        little(_meminfo(tmp_path, dirty_kib=16_384, writeback_kib=16_385)),
        little(str(tmp_path / "missing")),
    )
    assert not little(str(tmp_path / "odd"))


def test_a_file_system_that_cannot_be_flushed_has_each_file_synced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the flush fails, each file is synced on its own; one that fails is reported, its earlier file kept."""
    from equality_docs.output import write

    (tmp_path / "b.docx").write_bytes(b"earlier")
    real = os.fsync
    synced: list[int] = []

    def fsync(handle: int) -> None:
        synced.append(handle)
        if len(synced) == 2:
            raise OSError(5, "Input/output error")
        real(handle)

    monkeypatch.setattr(write, "_syncfs", lambda: lambda handle: -1)
    monkeypatch.setattr(os, "fsync", fsync)

    errors = Writer().write_all([(b"a", tmp_path / "a.docx", True), (b"b", tmp_path / "b.docx", True),
                                 (b"c", tmp_path / "c.docx", True)])

    assert [None, "cannot write the file: Input/output error", None] == [e and e.message for e in errors]
    assert (3, [b"a", b"earlier", b"c"]) == (len(synced), [(tmp_path / n).read_bytes() for n in ("a.docx", "b.docx", "c.docx")])
    assert ["a.docx", "b.docx", "c.docx"] == sorted(p.name for p in tmp_path.iterdir())


def test_a_group_stopped_part_way_leaves_whole_documents_and_no_temporaries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C between two moves into place: the first document is whole, the rest are not there, nothing is left over."""
    real = os.replace
    moves: list[str] = []

    def replace(source: str, target: str) -> None:
        moves.append(str(target))
        if len(moves) == 2:
            raise KeyboardInterrupt
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        Writer().write_all([(b"%d" % n, tmp_path / f"{n}.docx", False) for n in range(4)])

    assert [(tmp_path / "0.docx", b"0")] == [(p, p.read_bytes()) for p in sorted(tmp_path.iterdir())]


def test_one_path_twice_in_a_group_is_written_once(tmp_path: Path) -> None:
    """The second document for a path in one group is refused; the first is written."""
    errors = Writer().write_all([(b"first", tmp_path / "a.docx", True), (b"second", tmp_path / "a.docx", True)])

    assert (None, b"first") == (errors[0], (tmp_path / "a.docx").read_bytes())
    assert errors[1] is not None
    assert "another document here" in errors[1].message
    assert ["a.docx"] == [p.name for p in tmp_path.iterdir()]


def test_schools_named_in_other_scripts_get_names_of_their_own() -> None:
    """Schools named only in non-Latin script get distinct, stable file names (a short hash of the name)."""
    from equality_docs.batch import _slug

    names = ["مدرسة النور", "مدرسة الأمل", "學校一", "Школа № 5"]
    slugs = [_slug(name) for name in names]

    assert len(set(slugs)) == len(names)
    assert slugs == [_slug(name) for name in names]
    digest = __import__("hashlib").sha256
    assert (
        "school-" + digest("學校一".encode()).hexdigest()[:8],
        "ecole-saint-joseph-" + digest("École Saint-Joseph".encode()).hexdigest()[:8],
        "st-mary-s",
    ) == (slugs[2], _slug("École Saint-Joseph"), _slug("St Mary's"))


def _hidden(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make the first looks at `folder` say it is not there: another run makes it in the meantime."""
    real_exists, real_lexists = Path.exists, os.path.lexists
    looks = {"count": 0}

    def hidden(path: object) -> bool:
        if Path(str(path)) == folder and looks["count"] < 1:
            looks["count"] += 1
            return False
        return real_lexists(str(path))

    monkeypatch.setattr(os.path, "lexists", hidden)
    monkeypatch.setattr(Path, "exists", lambda self, **kw: hidden(self) if self == folder else real_exists(self, **kw))


def test_a_folder_another_run_makes_in_the_meantime_is_owned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another run makes the folder (with its marker) between the look and the making: no error, and it is owned."""
    folder = tmp_path / "out"
    assert prepare_folder(folder)  # the other run
    _hidden(monkeypatch, folder)

    assert prepare_folder(folder) is True
    assert ([MARKER], ["out"]) == ([p.name for p in folder.iterdir()], [p.name for p in tmp_path.iterdir()])


def test_a_folder_someone_makes_in_the_meantime_stays_theirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone else makes the (empty) folder between the look and the making: it is kept, empty and not owned."""
    folder = tmp_path / "out"
    folder.mkdir()
    _hidden(monkeypatch, folder)

    assert prepare_folder(folder) is False
    assert ([], ["out"]) == ([p.name for p in folder.iterdir()], [p.name for p in tmp_path.iterdir()])


def test_school_names_differing_only_in_accents_or_symbols_get_their_own_file_names() -> None:
    """"École" and "Ecole", "★" and "☆" are named apart: a name beyond ASCII carries a short hash."""
    from equality_docs.batch import _slug

    names = [_slug(name) for name in ("École", "Ecole", "★", "☆", "Ysgol Gymraeg")]

    assert len(set(names)) == len(names)
    assert "ysgol-gymraeg" == names[-1]


def test_an_input_named_through_links_is_protected_under_its_real_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An input named through a linked folder, or as a link itself, is never written under the
    name it really has (its folder is resolved once for the batch, a linked file every time)."""
    real = tmp_path / "real"
    real.mkdir()
    (real / "plan.yaml").write_text("kept", encoding="utf-8")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    (real / "link.yaml").symlink_to(real / "plan.yaml")
    monkeypatch.chdir(tmp_path)

    for named in (tmp_path / "alias" / "plan.yaml", real / "link.yaml", Path("real/plan.yaml")):
        writer = Writer([named, named])
        with pytest.raises(OutputError, match="input file"):
            writer.write(b"new", real / "plan.yaml", replace=True)

    assert (real / "plan.yaml").read_text(encoding="utf-8") == "kept"
