"""
Template limits: whatever a user's template does wrong (divides by zero, recurses forever,
loops forever, writes too much, asks for a huge range or number) is a TemplateError naming the
template and line, exit code 4, for Markdown and Word templates alike.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import docx
import jinja2
import pytest
from click.testing import CliRunner

import equality_docs
from equality_docs.cli import Exit, cli
from equality_docs.renderers.templates import make_environment
from equality_docs.sandbox import MAX_RANGE, TemplateRunError, template_limits

from .conftest import EXAMPLES

PLAN = EXAMPLES / "inmat-trust.yaml"


def _markdown(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "templates" / "markdown"
    folder.mkdir(parents=True)
    (folder / "psed_statement.md.j2").write_text(f"# Title\n\n{body}\n", encoding="utf-8")
    return folder.parent


def _word(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "templates" / "docx"
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("{{ document.title }}")
    document.add_paragraph(text)
    document.save(str(folder / "psed_statement.docx"))
    return folder.parent


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["render", str(PLAN), "-k", "psed-statement", *args])
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{{ 1/0 }}", "the template's code failed: ZeroDivisionError: division by zero"),
        ("{{ 'a' + 1 }}", "the template's code failed: TypeError: can only concatenate str (not \"int\") to str"),
        ("{% macro down(n) %}{{ down(n + 1) }}{% endmacro %}{{ down(1) }}",
         "the template calls itself too deeply (a macro that never stops calling itself?)"),
        ("{{ range(1000000) | list }}",
         f"range() in a template may hold at most {MAX_RANGE:,} numbers, not 1,000,000"),
        ("{{ 'x' * 1000000000 }}",
         "repeating a value 1,000,000,000 times would pass the limit of 100,000,000 characters"),
        ("{{ 10 ** 100000 }}", "the number 10 ** 100000 is too large for a template"),
    ],
    ids=["zero-division", "type", "recursion", "range", "repeat", "power"],
)
def test_a_failing_markdown_template_is_a_template_error(tmp_path: Path, body: str, message: str) -> None:
    """Each runtime failure of a user's Markdown template exits 4, naming the template and line."""
    folder = _markdown(tmp_path, body)
    out = tmp_path / "out"

    code, stderr = _render("-f", "md", "-t", str(folder), "--out", str(out))

    assert Exit.TEMPLATE == code
    assert stderr.endswith(
        f"error: {out / 'inmat-trust.psed-statement.md'}: {folder / 'markdown' / 'psed_statement.md.j2'}:3: "
        f"{message}\n"
    )
    assert not out.exists()


def test_a_failing_word_template_is_a_template_error(tmp_path: Path) -> None:
    """A Word template dividing by zero exits 4, naming the template and the text near the failure."""
    folder = _word(tmp_path, "Share: {{ 1/0 }}")
    out = tmp_path / "out"

    code, stderr = _render("-f", "docx", "-t", str(folder), "--out", str(out))

    assert Exit.TEMPLATE == code
    assert stderr.endswith(
        f"error: {out / 'inmat-trust.psed-statement.docx'}: {folder / 'docx' / 'psed_statement.docx'}: "
        "the template's code failed: ZeroDivisionError: division by zero, near: Share: {{ 1/0 }}\n"
    )


def test_a_word_template_past_the_time_limit_is_stopped(tmp_path: Path) -> None:
    """The time limit holds for Word templates too: the environment's template class enforces it."""
    folder = _word(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")

    code, stderr = _render("-f", "docx", "-t", str(folder), "--time-limit", "0.5", "--out", str(tmp_path / "out"))

    assert Exit.TEMPLATE == code
    assert "the template ran longer than the time limit of 0.5 seconds for a document" in stderr


def test_the_api_takes_a_time_limit(tmp_path: Path) -> None:
    """render(time_limit=...) stops a template that loops without writing, with a TemplateError and its line."""
    folder = _markdown(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")

    with pytest.raises(equality_docs.TemplateError) as raised:
        equality_docs.render(equality_docs.load(PLAN), kind="psed-statement", fmt="md", templates=[folder],
                             time_limit=0.5)

    assert 3 == raised.value.line
    assert "the time limit of 0.5 seconds" in raised.value.message


def test_output_past_the_size_limit_is_refused() -> None:
    """A template writing more than the document's size limit stops with an error saying so."""
    template = make_environment(subfolder=None, autoescape=False).from_string(
        "{% for i in range(1000) %}{{ 'x' * 100 }}{% endfor %}"
    )

    with template_limits(size_limit=50_000), pytest.raises(TemplateRunError) as raised:
        template.render()

    assert "the template wrote more than the limit of 50,000 characters for a document" in str(raised.value)


def test_a_template_stops_within_one_piece_of_the_size_limit() -> None:
    """Text is counted as it is made: the template makes no more than one piece past the limit, and none of it is given."""
    made: list[str] = []

    def piece() -> str:
        made.append("x" * 100)
        return made[-1]

    env = make_environment(subfolder=None, autoescape=False)
    env.globals["piece"] = piece
    given: list[str] = []
    with template_limits(size_limit=50_050), pytest.raises(TemplateRunError, match="more than the limit"):
        given.extend(env.from_string("{% for i in range(1000) %}{{ piece() }}{% endfor %}").generate())

    assert len(made) == 501
    assert sum(map(len, given)) <= 50_050


def test_without_the_alarm_the_time_is_checked_at_each_piece() -> None:
    """In a thread (no alarm), a template writing slowly is stopped at its first piece past the time limit."""
    made: list[int] = []

    def piece() -> str:
        made.append(1)
        time.sleep(0.01)
        return "x"

    env = make_environment(subfolder=None, autoescape=False)
    env.globals["piece"] = piece
    failed: list[BaseException] = []

    def run() -> None:
        with template_limits(time_limit=0.2):
            try:
                env.from_string("{% for i in range(1000) %}{{ piece() }}{% endfor %}").render()
            except TemplateRunError as exc:
                failed.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert "the time limit of 0.2 seconds" in str(failed[0])
    assert len(made) < 200  # (about 20 pieces fit in the time; all 1,000 would have run to the end)


def test_the_size_limit_is_shared_by_a_documents_templates() -> None:
    """Two templates of one document share its size limit: each alone fits, together they do not."""
    template = make_environment(subfolder=None, autoescape=False).from_string("{{ 'x' * 600 }}")

    with template_limits(size_limit=1000):
        template.render()
        with pytest.raises(TemplateRunError):
            template.render()


def test_running_out_of_memory_in_a_template_is_its_error() -> None:
    """A MemoryError raised while a template runs is a template error, not a crash."""
    env = make_environment(subfolder=None, autoescape=False)

    def exhausted() -> str:
        raise MemoryError

    env.globals["exhausted"] = exhausted

    with pytest.raises(jinja2.TemplateError) as raised:
        env.from_string("{{ exhausted() }}").render()

    assert "the template needs more memory than this computer has" == str(raised.value)


def test_a_template_within_the_limits_renders_as_before() -> None:
    """Multiplication, powers and ranges inside the limits give their ordinary results."""
    template = make_environment(subfolder=None, autoescape=False).from_string(
        "{{ 6 * 7 }} {{ 2 ** 10 }} {{ 'ab' * 3 }} {{ range(3) | list }} {{ 1.5 * 2 }}"
    )

    assert "42 1024 ababab [0, 1, 2] 3.0" == template.render()


def test_a_template_generated_outside_a_document_leaves_no_limits_behind() -> None:
    """A template's text taken a piece at a time outside a document, and left unfinished, leaves no budget or alarm set."""
    import signal

    from equality_docs.sandbox import current_budget

    handler = signal.getsignal(signal.SIGALRM)
    pieces = make_environment(subfolder=None, autoescape=False).from_string(
        "a{% for i in range(3) %}{{ i }}{% endfor %}").generate()

    assert "a" == next(pieces)[:1]
    assert current_budget() is None
    assert handler == signal.getsignal(signal.SIGALRM)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
