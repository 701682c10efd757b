"""
Hostile and broken inputs, and hostile templates: each is refused with a clear message and
the invalid-input (or template) exit code, and nothing is written.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from equality_docs.cli import Exit, cli

from .conftest import EXAMPLES, FIXTURES

HOSTILE = FIXTURES / "input" / "hostile"

#: Each hostile file and the start of the message it must give after "FILE".
CATALOGUE = {
    "alias_bomb.yaml": ":1: a5[3][3][8][8][8][8]: the file expands to more than 500,000 values",
    "bad_indent.yaml": ":3: this is not valid YAML: mapping values are not allowed here",
    "binary_junk.yaml": ": the file holds zero bytes, so it is not text (save it as UTF-8)",
    "deeply_nested.yaml": ": the file is nested too deeply to read",
    "unterminated_quote.yaml": ":4: this is not valid YAML: found unexpected end of stream",
    "utf16_no_bom.yaml": ": the file looks like UTF-16 without a byte-order mark (save it as UTF-8)",
    "wrong_types.yaml": ":1: title: expected text, got a list",
}


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", *args])
    return result.exit_code, result.stderr


def test_catalogue_covers_every_hostile_file() -> None:
    """Every hostile fixture has its expected message here."""
    assert sorted(CATALOGUE) == sorted(p.name for p in HOSTILE.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_hostile_file_is_refused_and_nothing_written(name: str, tmp_path: Path) -> None:
    """The file gives its message, exit code 3, and no output folder or file."""
    out = tmp_path / "out"

    code, stderr = _render(str(HOSTILE / name), "--out", str(out))

    assert Exit.INVALID_INPUT == code
    assert stderr.startswith(f"{HOSTILE / name}{CATALOGUE[name]}")
    assert not out.exists()


def test_wrong_types_everywhere_are_all_reported() -> None:
    """A file with a wrong type in every field reports each of them, not only the first."""
    _, stderr = _render(str(HOSTILE / "wrong_types.yaml"), "--out", "unused")

    assert 12 == len(stderr.splitlines())


def test_ten_megabyte_string_is_refused(tmp_path: Path) -> None:
    """A single 10 MB value is refused as too long, naming its field and line."""
    plan = tmp_path / "big.yaml"
    plan.write_text("organisation:\n  name: " + "x" * 10_000_000 + "\n", encoding="utf-8")

    code, stderr = _render(str(plan), "--out", str(tmp_path / "out"))

    assert Exit.INVALID_INPUT == code
    assert f"{plan}:2: organisation.name: a text of 10,000,000 characters is longer" in stderr


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    """A file larger than 20 MB is refused by its size."""
    plan = tmp_path / "huge.yaml"
    with plan.open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)

    code, stderr = _render(str(plan), "--out", str(tmp_path / "out"))

    assert Exit.INVALID_INPUT == code
    assert "more than the 20,971,520 read" in stderr


def _user_markdown(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "psed_statement.md.j2").write_text(f"# Title\n\n{body}\n", encoding="utf-8")
    return folder.parent


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ document.__class__.__mro__ }}",
         "not allowed in a template: access to attribute '__class__' of 'DocumentInfo' object is unsafe."),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}",
         "not allowed in a template: access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ cycler.__init__.__globals__.os.system('id') }}",
         "not allowed in a template: access to attribute '__init__' of 'type' object is unsafe."),
        ("{{ '{0.__class__}'.format(document) }}",
         "not allowed in a template: access to attribute '__class__' of 'DocumentInfo' object is unsafe."),
        ("{{ [1].append(2) }}", "not allowed in a template: access to attribute 'append' of 'list' object is unsafe."),
        ("{% include '/etc/passwd' %}", "includes '/etc/passwd', which is not in the template folders"),
        ("{{ nothing_here }}", "unknown variable: 'nothing_here' is undefined"),
        ("{{ document.nope }}",
         "unknown variable: DocumentInfo has no field 'nope' (docs/template-contexts.md lists the fields "
         "each template receives)"),
    ],
    ids=["class", "subclasses", "globals", "format", "mutate", "file", "undefined", "no-field"],
)
def test_hostile_user_template_fails_clearly(tmp_path: Path, body: str, message: str) -> None:
    """A user's template reaching for internals or files fails naming the template and line."""
    folder = _user_markdown(tmp_path, body)
    out = tmp_path / "out"

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "md",
                           "--templates", str(folder), "--out", str(out))

    assert Exit.TEMPLATE == code
    assert f": {folder / 'markdown' / 'psed_statement.md.j2'}:3: {message}\n" in stderr
    assert not out.exists()


def test_user_markdown_template_syntax_error_names_its_line(tmp_path: Path) -> None:
    """A syntax error in a user's template names the file and line."""
    folder = _user_markdown(tmp_path, "line\n{% if document.title %}never closed")

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "md",
                           "--templates", str(folder), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert f"{folder / 'markdown' / 'psed_statement.md.j2'}:4: template syntax error: Unexpected end" in stderr


def test_user_template_extends_a_builtin_block(tmp_path: Path) -> None:
    """A user's Markdown template can extend the built-in one and replace one block."""
    folder = tmp_path / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "psed_statement.md.j2").write_text(
        '{% extends "!builtin/psed_statement.md.j2" %}\n'
        "{% block title %}\n# Our own title for {{ document.organisation }}\n\n{% endblock %}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"

    code, _ = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "md",
                      "--templates", str(folder.parent), "--out", str(out))

    text = (out / "inmat-trust.psed-statement.md").read_text(encoding="utf-8")
    assert Exit.OK == code
    assert text.startswith("# Our own title for InMAT Academies Trust\n")
    assert "## General Duties" in text


def _user_docx(tmp_path: Path, *paragraphs: list[str]) -> Path:
    folder = tmp_path / "templates" / "docx"
    folder.mkdir(parents=True)
    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for run in runs:
            paragraph.add_run(run)
    document.save(str(folder / "psed_statement.docx"))
    return folder.parent


def test_word_template_unknown_field_names_the_paragraph(tmp_path: Path) -> None:
    """An unknown name in a Word template is reported with the template and the text near it."""
    folder = _user_docx(tmp_path, ["{{ document.title }}"], ["Hello {{ document.nope }} there"])

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "docx",
                           "--templates", str(folder), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert (
        f": {folder / 'docx' / 'psed_statement.docx'}: unknown variable: DocumentInfo has no "
        "field 'nope' (docs/template-contexts.md lists the fields each template receives), near: Hello "
        "{{ document.nope }} there\n"
    ) in stderr


def test_word_template_broken_tag_names_the_text_and_the_rule(tmp_path: Path) -> None:
    """A tag left open across Word runs is reported with the text near it and docxtpl's rules."""
    folder = _user_docx(tmp_path, ["{{ document.title }}"], ["{% if document.title ", "%}"])

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "docx",
                           "--templates", str(folder), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "template syntax error: Unexpected end of template" in stderr
    assert "near: {{ document.title }} {% if document.title %}" in stderr
    assert "must stand alone in their paragraph or row" in stderr


def test_word_template_reaching_for_internals_is_refused(tmp_path: Path) -> None:
    """A Word template cannot reach Python internals either: the sandbox refuses it."""
    folder = _user_docx(tmp_path, ["{{ document.__class__.__mro__ }}"])

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "docx",
                           "--templates", str(folder), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "not allowed in a template: access to attribute '__class__'" in stderr


# Hostile plans and templates that once ended as "a bug" (exit 70): each now has its own code
# and one line. (name: plan text, command, template body or None, exit code, start of the last line)

EXIT_CATALOGUE = {
    "nul-in-progress-path": ('organisation: {name: A School}\nprogress_files: ["a\\0b.yaml"]\n', "check", None,
                             Exit.INVALID_INPUT, "a\\0b.yaml: cannot read the progress file: its name holds a NUL"),
    "lone-surrogate": ('organisation: {name: "A \\uDC80 School", type: school}\nobjectives: [To listen.]\n',
                       "check", None, Exit.CHECKS_FAILED, "  plan.yaml:2: objectives[0]: error EQ110"),
    "approved-in-9999": ("organisation: {name: A School, type: school}\nobjectives: [To listen.]\n"
                         "document: {approved_on: 9999-12-31, review: {every_years: 4}}\n", "render", None,
                         Exit.OK, "wrote 1 document into out"),
    "division-by-zero": ("organisation: {name: A School, type: school}\nobjectives: [To listen.]\n", "render",
                         "{{ 1/0 }}", Exit.TEMPLATE, "error: out/plan.psed-statement.md: t/markdown/"),
}


@pytest.mark.parametrize("name", sorted(EXIT_CATALOGUE))
def test_hostile_case_has_its_own_exit_code(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case exits with its documented code and a one-line message, never 70 and never a traceback."""
    text, command, template, code, last = EXIT_CATALOGUE[name]
    monkeypatch.chdir(tmp_path)
    Path("plan.yaml").write_text(text, encoding="utf-8")
    args = [command, "plan.yaml", "--on", "2026-01-01"]
    if command == "render":
        args += ["-k", "psed-statement", "-f", "md", "--out", "out"]
    if template is not None:
        Path("t/markdown").mkdir(parents=True)
        Path("t/markdown/psed_statement.md.j2").write_text(template, encoding="utf-8")
        args += ["-t", "t"]

    result = CliRunner().invoke(cli, args)

    output = (result.stdout + result.stderr).rstrip("\n").splitlines()
    assert (code, True) == (result.exit_code, output[-1].startswith(last)), output[-1]
    assert "Traceback" not in result.stderr


# Published figures and text that could be turned against people or readers -----------------

#: Counts a reader could work out from printed totals: B = 40 of 43, Female 31 of 34.
SMALL_COUNTS = """\
organisation: {name: X, type: council}
suppress_below: 5
information:
  - {title: A, columns: [Staff], rows: [{label: A, values: [3]}, {label: B, values: [40]}]}
  - {title: B, columns: [Female, Male], rows: [{label: Disabled, values: [31, 3]}]}
"""


def _render_to(tmp_path: Path, plan: str, kind: str) -> dict[str, str]:
    """Render a plan's text through the command line; return each format's text (the .docx's dumped)."""
    from .docxdump import dump, open_docx

    source = tmp_path / "plan.yaml"
    source.write_text(plan, encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["render", str(source), "-k", kind, "--out", str(out)])
    assert 0 == result.exit_code, result.stderr
    files = {p.suffix[1:]: p for p in out.iterdir()}
    texts = {fmt: files[fmt].read_text(encoding="utf-8") for fmt in ("md", "html")}
    texts["docx"] = dump(open_docx(files["docx"]))
    return texts


def test_small_counts_cannot_be_worked_out_from_totals(tmp_path: Path) -> None:
    """No format prints a figure beside the total that gives a suppressed count away, and the
    note under the tables says why cells and totals are hidden."""
    texts = _render_to(tmp_path, SMALL_COUNTS, "annual-report")

    for fmt, text in texts.items():
        words = text.replace("\\[c\\]", "[c]").replace("|", " ").replace("<", " ").replace(">", " ").split()
        assert not ("40" in words and "43" in words), fmt
        assert not ("31" in words and "34" in words), fmt
        assert "(a cell or a total)" in text, fmt  # the note says totals are hidden too


#: A prose body with a script link, raw HTML and an external image.
SCRIPT_LINKS = """\
organisation: {name: X, type: council}
strategy: {priorities: [{title: Listen}]}
sections:
  - title: More
    kinds: [strategy]
    body: |
      [Read more](javascript:alert(document.cookie)) <script>alert(1)</script>
      [a](&#106;avascript:x) [b](data:text/html,x) [c](vbscript:x) [d](file:///etc/passwd)
      ![logo](https://evil.example/x.png)
"""


def test_script_links_and_html_in_prose_are_printed_as_text(tmp_path: Path) -> None:
    """No format links to a script, data or file, holds raw `<script>`, or fetches an image
    (the .docx shows `<script>` as the text it is)."""
    texts = _render_to(tmp_path, SCRIPT_LINKS, "strategy")
    docx_rels = next((tmp_path / "out").glob("*.docx")).read_bytes()

    for fmt, text in texts.items():
        for bad in ("javascript:", "data:text", "vbscript:", "file:///", "<script", "evil.example"):
            assert bad not in text.lower() or (fmt, bad) == ("docx", "<script"), (fmt, bad)
        assert "Read more" in text and "logo" in text, fmt
    assert b"javascript" not in docx_rels.lower()


#: Plain fields holding line and paragraph separators followed by Markdown.
SEPARATED = (
    'title: "Title\\u2028# Injected heading"\n'
    "organisation: {name: X, type: council}\n"
    'objectives:\n  - {text: "Obj\\u2029- item\\x85> quote\\r\\n\\n    code", aims: [advance]}\n'
)


def test_line_separators_in_plain_text_make_no_structure(tmp_path: Path) -> None:
    """A separator then "#", "-", ">" or four spaces is a line break, never a heading, list,
    quote or code block; the .docx holds the same lines."""
    texts = _render_to(tmp_path, SEPARATED, "objectives-statement")

    html = texts["html"]
    assert 1 == html.count("<h1") and "<blockquote>" not in html and "<pre>" not in html
    assert "<li>item" not in html
    assert "Title<br>\n# Injected heading" in html
    assert "\\# Injected heading" in texts["md"]
    assert "Title\n# Injected heading" in texts["docx"]


# Hostile Word templates: each is refused as a template error (exit 4), naming the template,
# and nothing is written.


def _word_template(tmp_path: Path, document_xml: bytes | None = None, *paragraphs: str) -> Path:
    """A user's psed_statement.docx: paragraphs of text, or its document.xml replaced."""
    folder = _user_docx(tmp_path, *([p] for p in paragraphs))
    path = folder / "docx" / "psed_statement.docx"
    if document_xml is not None:
        with zipfile.ZipFile(path) as old:
            parts = {name: old.read(name) for name in old.namelist()}
        parts["word/document.xml"] = document_xml
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
            for name, data in parts.items():
                new.writestr(name, data)
    return folder


def _refused(folder: Path, tmp_path: Path) -> str:
    out = tmp_path / "out"
    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "docx",
                           "--templates", str(folder), "--out", str(out))
    assert Exit.TEMPLATE == code, stderr
    assert f"{folder / 'docx' / 'psed_statement.docx'}: " in stderr
    assert not list(out.glob("*.docx")) if out.exists() else True
    return stderr


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_word_template_with_a_doctype_is_refused(tmp_path: Path) -> None:
    """An XXE entity in a Word template's XML is never read: a DOCTYPE is refused outright."""
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>'
    ).encode()

    stderr = _refused(_word_template(tmp_path, xml), tmp_path)

    assert "word/document.xml declares a DOCTYPE" in stderr
    assert "root:" not in stderr


def test_word_template_that_inflates_too_far_is_refused_before_reading(tmp_path: Path) -> None:
    """A small template whose document.xml inflates to 200 MB is refused from the zip's directory, giving the limit."""
    folder = _user_docx(tmp_path, ["x"])
    path = folder / "docx" / "psed_statement.docx"
    with zipfile.ZipFile(path) as old:
        parts = {name: old.read(name) for name in old.namelist() if name != "word/document.xml"}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts.items():
            new.writestr(name, data)
        with new.open("word/document.xml", "w") as bomb:
            for _ in range(200):
                bomb.write(b" " * 2**20)
    assert path.stat().st_size < 2**20

    stderr = _refused(folder, tmp_path)

    assert "the part word/document.xml inflates to 200 MB; a Word template's part may be at most 50 MB" in stderr


@pytest.mark.parametrize("tag", ["{% include 'header.xml' %}", "{% extends 'base.docx' %}", "{% import 'm' as m %}"])
def test_word_template_including_another_is_refused(tag: str, tmp_path: Path) -> None:
    """A Word template cannot include, extend or import another: a template error, not a crash."""
    stderr = _refused(_word_template(tmp_path, None, "{{ document.title }}", tag), tmp_path)

    assert "{% include %}, {% extends %} and {% import %} cannot be used in a Word template" in stderr


def test_word_template_rendering_broken_xml_is_refused(tmp_path: Path) -> None:
    """Tags that cut across Word's elements leave XML that is not well-formed: refused, never written."""
    folder = _user_docx(tmp_path, ["{% if false %}"])
    path = folder / "docx" / "psed_statement.docx"
    document = docx.Document(str(path))
    document.add_table(rows=1, cols=1).cell(0, 0).text = "{% endif %}"
    document.save(str(path))

    stderr = _refused(folder, tmp_path)

    assert "the rendered XML is not well-formed" in stderr
# --- Files that are not plain files, too large to read, or outside their folder -----------------
# Only regular files are read, never more than the limit (counted while reading, not from the
# size the file system reports); a template may use only the files in its folder.


def _fifo(path: Path) -> Path:
    import os

    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: Path("/dev/zero"), ": this is a device, not a file, so it is not read"),
        (lambda tmp: _fifo(tmp / "plan.yaml"), ": this is a pipe, not a file, so it is not read"),
    ],
    ids=["dev-zero", "fifo"],
)
def test_what_is_not_a_file_is_never_read_as_a_plan(tmp_path: Path, make: Any, message: str) -> None:
    """A device, or a pipe with no writer, named as a plan is refused at once (validate), never read."""
    path = make(tmp_path)

    result = CliRunner().invoke(cli, ["validate", str(path)])

    assert (Exit.INVALID_INPUT, True) == (result.exit_code, result.stderr.startswith(f"{path}{message}"))


def _plan_with_progress(tmp_path: Path, name: str) -> Path:
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"organisation: {{name: A}}\nprogress_files: [{name}]\n", encoding="utf-8")
    return plan


def test_a_progress_file_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    """A progress file that is a pipe is refused with the plan's hint, and nothing waits for a writer."""
    _fifo(tmp_path / "review.yaml")
    plan = _plan_with_progress(tmp_path, "review.yaml")

    code, stderr = _render(str(plan), "--out", str(tmp_path / "out"))

    assert Exit.INVALID_INPUT == code
    assert stderr.startswith(f"{tmp_path / 'review.yaml'}: this is a pipe, not a file, so it is not read")


def test_an_oversized_progress_file_is_refused(tmp_path: Path) -> None:
    """A progress file larger than 20 MB is refused as a plan would be."""
    with (tmp_path / "review.yaml").open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)
    plan = _plan_with_progress(tmp_path, "review.yaml")

    code, stderr = _render(str(plan), "--out", str(tmp_path / "out"))

    assert Exit.INVALID_INPUT == code
    assert "review.yaml: the progress file is 22,020,096 bytes, more than the 20,971,520 read\n" in stderr
    assert not (tmp_path / "out").exists()


def test_a_file_that_says_it_is_empty_is_read_only_to_the_limit(tmp_path: Path) -> None:
    """A regular file whose reported size is 0 but holds more (as /proc files do) is cut off at the limit."""
    from equality_docs.load.files import FileRefused

    big = tmp_path / "grows.yaml"
    big.write_bytes(b"x" * 101)

    with pytest.raises(FileRefused, match="holds more than the 100 bytes read"):
        _read_as_if_empty(big, 100)


def _read_as_if_empty(path: Path, limit: int) -> bytes:
    """Read with the file system's size hidden: the count of what is read is all that limits."""
    import os
    from unittest import mock

    from equality_docs.load.files import read_bounded

    real = os.fstat

    def says_empty(handle: int) -> os.stat_result:
        found = real(handle)
        return os.stat_result((found.st_mode, *found[1:6], 0, *found[7:10]))

    with mock.patch("os.fstat", says_empty):
        return read_bounded(path, limit)


def _user_template(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "tpl" / "markdown"
    folder.mkdir(parents=True)
    (folder / "strategy.md.j2").write_text(body, encoding="utf-8")
    return folder.parent


def test_a_template_link_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    """`{% include "secret.txt" %}` of a link to /etc/passwd: a template error naming it, and nothing printed."""
    templates = _user_template(tmp_path, '{% include "secret.txt" %}\n')
    (templates / "markdown" / "secret.txt").symlink_to("/etc/passwd")
    out = tmp_path / "out"

    code, stderr = _render(str(EXAMPLES / "childrens-services-strategy.yaml"), "-k", "strategy", "-f", "md",
                           "-t", str(templates), "--out", str(out))

    assert Exit.TEMPLATE == code
    assert "secret.txt: this template is a link to /etc/passwd, outside the template folder" in stderr
    assert "root:" not in stderr
    assert [] == [p.name for p in out.glob("*.md")] if out.exists() else True


def test_a_template_that_is_a_pipe_is_refused(tmp_path: Path) -> None:
    """A template that is a pipe is a template error naming it; nothing waits for a writer."""
    templates = _user_template(tmp_path, '{% include "part.j2" %}\n')
    _fifo(templates / "markdown" / "part.j2")

    code, stderr = _render(str(EXAMPLES / "childrens-services-strategy.yaml"), "-k", "strategy", "-f", "md",
                           "-t", str(templates), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "part.j2: this is a pipe, not a file, so it is not read" in stderr


def test_a_word_template_link_out_of_its_folder_is_refused(tmp_path: Path) -> None:
    """A Word template that is a link out of the template folder is refused, naming it."""
    (tmp_path / "tpl" / "docx").mkdir(parents=True)
    (tmp_path / "elsewhere.docx").write_bytes(b"PK")
    (tmp_path / "tpl" / "docx" / "strategy.docx").symlink_to(tmp_path / "elsewhere.docx")

    code, stderr = _render(str(EXAMPLES / "childrens-services-strategy.yaml"), "-k", "strategy", "-f", "docx",
                           "-t", str(tmp_path / "tpl"), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "strategy.docx: this template is a link to" in stderr


def test_an_oversized_template_is_refused(tmp_path: Path) -> None:
    """A template larger than 20 MB is refused by the same limit as plans."""
    templates = _user_template(tmp_path, "x")
    with (templates / "markdown" / "strategy.md.j2").open("wb") as stream:
        stream.truncate(21 * 1024 * 1024)

    code, stderr = _render(str(EXAMPLES / "childrens-services-strategy.yaml"), "-k", "strategy", "-f", "md",
                           "-t", str(templates), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "strategy.md.j2: the file is 22,020,096 bytes, more than the 20,971,520 read" in stderr


def test_an_oversized_word_template_is_refused(tmp_path: Path) -> None:
    """A Word template larger than 20 MB is refused by the same limit as plans, before it is unzipped."""
    folder = _word_template(tmp_path, None, "Hello")
    with (folder / "docx" / "psed_statement.docx").open("ab") as stream:
        stream.truncate(21 * 1024 * 1024)

    code, stderr = _render(str(EXAMPLES / "inmat-trust.yaml"), "-k", "psed-statement", "-f", "docx",
                           "--templates", str(folder), "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "psed_statement.docx: the file is 22,020,096 bytes, more than the 20,971,520 read" in stderr
    assert not list((tmp_path / "out").glob("*.docx"))
