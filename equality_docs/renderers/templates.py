"""
Finding templates: a user's folders first, then the ones shipped with equality_docs.

Jinja formats use a ChoiceLoader, so a user's `psed_statement.md.j2` can extend
`!builtin/psed_statement.md.j2` and replace one block; a Word template replaces the whole file.
"""

from __future__ import annotations

import functools
import os
import re
import traceback
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.loaders import split_template_path

from equality_docs.errors import TemplateError
from equality_docs.load.files import MAX_FILE_BYTES, FileRefused, check_bounded, read_bounded
from equality_docs.sandbox import Sandbox, TemplateRunError


@functools.cache
def builtin_templates() -> Path:
    """Return the folder of the templates shipped with equality_docs."""
    packaged = Path(str(resources.files("equality_docs"))) / "templates"
    if packaged.is_dir():  # installed from a wheel
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"  # source checkout, editable install


def find_template(name: str, subfolder: str, user_dirs: Sequence[Path] = ()) -> Path:
    """
    Return the path of a template file, looking in the user's folders before the built-ins. A
    template must be a regular file inside its template folder (a link may lead only to another
    file in the folder) and no larger than `MAX_FILE_BYTES`.

    Raises:
        TemplateError: no folder holds a template of that name, or the one found is refused.
    """
    for folder in user_dirs:
        for candidate in (Path(folder) / subfolder / name, Path(folder) / name):
            if os.path.lexists(candidate):
                _check(candidate, Path(folder), name)
                return candidate
    builtin = builtin_templates() / subfolder / name
    if builtin.is_file():
        return builtin
    raise TemplateError(name, "no template of this name was found")


def _check(path: Path, root: Path, name: str) -> Path:
    """Return a template's path resolved: a regular file within `root`, not too large (else a TemplateError)."""
    resolved = path.resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise TemplateError(
            name, f"this template is a link to {resolved}, outside the template folder {root}; "
            "a template may use only files in its folder (copy the file in instead)",
        )
    try:
        check_bounded(resolved, MAX_FILE_BYTES)
    except FileRefused as exc:
        raise TemplateError(name, exc.message) from None
    return resolved


class _FolderLoader(jinja2.BaseLoader):
    """Jinja's file system loader, made safe as `find_template` is: `_check` refuses a file, naming the template."""

    def __init__(self, folders: Sequence[tuple[Path, Path]]) -> None:
        self._folders = folders  # each folder searched, with the template folder it must stay in

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # no "..": TemplateNotFound
        for folder, root in self._folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            path = _check(candidate, root, template)
            try:
                text = read_bounded(path, MAX_FILE_BYTES).decode("utf-8")
                modified = path.stat().st_mtime_ns
            except FileRefused as exc:
                raise TemplateError(template, exc.message) from None
            except OSError as exc:
                raise TemplateError(template, f"cannot read the template: {exc.strerror or exc}") from None
            except UnicodeDecodeError:
                raise TemplateError(template, "the template is not UTF-8 text (save it as UTF-8)") from None

            def unchanged(path: Path = path, modified: int = modified) -> bool:
                try:
                    return path.stat().st_mtime_ns == modified
                except OSError:
                    return False

            return text, str(candidate), unchanged
        raise jinja2.TemplateNotFound(template)


def template_files(user_dirs: Sequence[Path]) -> list[Path]:
    """Return every file in the user's template folders (read, so never to be written over)."""
    return [Path(parent) / name for folder in user_dirs
            for parent, _, names in os.walk(folder) for name in sorted(names)]


def make_environment(
    *, subfolder: str | None, user_dirs: Sequence[Path] = (), autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
) -> jinja2.Environment:
    """
    Return a sandboxed Jinja environment: strict about unknown names, and unable to reach
    Python internals (`__class__`, `__globals__`) or change the values it is given.
    """
    loader: jinja2.BaseLoader | None = None
    if subfolder is not None:
        shipped = _FolderLoader([(builtin_templates() / subfolder, builtin_templates() / subfolder)])
        user = [(Path(d) / subfolder, Path(d)) for d in user_dirs] + [(Path(d), Path(d)) for d in user_dirs]
        prefixed = jinja2.PrefixLoader({"!builtin": shipped})
        loader = jinja2.ChoiceLoader([_FolderLoader(user), shipped, prefixed])
    return Sandbox(loader=loader, undefined=jinja2.StrictUndefined, autoescape=autoescape, finalize=finalize,
                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def describe_jinja_error(exc: Exception) -> str:
    """Return a one-line description of a Jinja error for a user."""
    if isinstance(exc, jinja2.UndefinedError):
        message = exc.message or ""
        field = re.match(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'", message)
        if field:
            return (f"unknown variable: {field[1]} has no field {field[2]!r} "
                    "(docs/template-contexts.md lists the fields each template receives)")
        return f"unknown variable: {message}"
    if isinstance(exc, TemplateRunError):
        return exc.message or ""
    if isinstance(exc, jinja2.exceptions.SecurityError):
        return f"not allowed in a template: {exc}"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error: {exc.message}"
    return f"{type(exc).__name__}: {exc}"


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """
    Return the Jinja template `name` rendered with `context`.

    Raises:
        TemplateError: the template is missing, broken, or uses a name the context lacks; it
            names the innermost template file and line the error happened in.
    """
    template: jinja2.Template | None = None
    try:
        template = env.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(exc.filename or exc.name or name, describe_jinja_error(exc), exc.lineno) from None
    except jinja2.TemplateError as exc:
        if template is None:
            raise TemplateError(name, "no template of this name was found") from None
        message = describe_jinja_error(exc)
        if isinstance(exc, jinja2.TemplateNotFound):
            message = f"includes {exc.name!r}, which is not in the template folders"
        frames = [(frame.f_code.co_filename, line) for frame, line in traceback.walk_tb(exc.__traceback__)]
        inner = [where for where in frames if where[0].endswith(".j2")]  # the innermost template last
        where, line = inner[-1] if inner else (template.filename or name, None)
        raise TemplateError(where, message, line) from None
