"""
The names a template uses: the context's fields it names, and the attributes it reads of them.

The tests check with these that each built-in template names only fields its context has.
(Whether a user's template prints the plan's placed sections is found by rendering it: see
`equality_docs.document.unprinted_sections`.)
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs
import jinja2
from jinja2 import meta, nodes

from equality_docs.renderers.markdown import make_md_environment
from equality_docs.renderers.templates import builtin_templates, find_template


@attrs.frozen(kw_only=True)
class TemplateNames:
    """A template file, the context fields it names (`fields`) and the attributes it reads of any value (`attributes`)."""

    path: Path
    fields: frozenset[str]
    attributes: frozenset[str]

    @property
    def builtin(self) -> bool:
        """Return whether the template is one shipped with equality_docs."""
        return self.path.resolve().is_relative_to(builtin_templates().resolve())


def _names(trees: Sequence[nodes.Template]) -> tuple[frozenset[str], frozenset[str]]:
    """Return the context fields the trees name (not what they import or set) and every attribute they read."""
    fields: set[str] = set()
    attributes: set[str] = set()
    for tree in trees:
        imported = {node.target for node in tree.find_all(nodes.Import)}
        fields |= meta.find_undeclared_variables(tree) - imported
        attributes |= {node.attr for node in tree.find_all(nodes.Getattr)}
    return frozenset(fields), frozenset(attributes)


def markdown_names(name: str, user_dirs: Sequence[Path] = ()) -> TemplateNames:
    """
    Return the names the Markdown template `name` uses (as found in the user's folders before the
    built-ins), with those of the templates it extends, includes and imports.

    Raises:
        TemplateError: no folder holds a template of that name, or the one found is refused.
        jinja2.TemplateError: the template, or one it uses, cannot be read or parsed.
    """
    path = find_template(name, "markdown", user_dirs)
    env = make_md_environment(tuple(user_dirs))
    trees: list[nodes.Template] = []
    waiting, seen = [name], {name}
    while waiting:
        tree = env.parse(_source(env, waiting.pop()))
        trees.append(tree)
        for used in meta.find_referenced_templates(tree):
            if used is not None and used not in seen:
                seen.add(used)
                waiting.append(used)
    fields, attributes = _names(trees)
    return TemplateNames(path=path, fields=fields, attributes=attributes)


def _source(env: jinja2.Environment, name: str) -> str:
    """Return a template's text as the environment's loader finds it."""
    if env.loader is None:  # pragma: no cover - the Markdown environment always has its loader
        raise jinja2.TemplateNotFound(name)
    return env.loader.get_source(env, name)[0]


def word_names(name: str, user_dirs: Sequence[Path] = ()) -> TemplateNames:
    """
    Return the names the Word template `name` uses (as found in the user's folders before the
    built-ins), in its document, headers, footers and footnotes, as docxtpl reads its tags.

    Raises:
        TemplateError: no folder holds a template of that name, or the one found is broken.
    """
    from equality_docs.renderers.docx import make_docx_environment, prepare  # heavy; load on use

    path = find_template(name, "docx", user_dirs)
    template = prepare(path)
    env = make_docx_environment()
    fields, attributes = _names([env.parse("\n".join(part.lines)) for part in (template.body, *template.others)])
    return TemplateNames(path=path, fields=fields, attributes=attributes)


__all__ = ["TemplateNames", "markdown_names", "word_names"]
