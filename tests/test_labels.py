"""The house wording as data: a plan's `labels:`, neutral defaults, and no organisation's words in templates."""

from __future__ import annotations

import re

import attrs
import pytest

import equality_docs
from equality_docs import model as m
from equality_docs.errors import InputError
from equality_docs.kinds import KINDS
from equality_docs.renderers.templates import builtin_templates

from .test_furniture import ACTION_PLAN, HOUSE_PHRASES, SCHOOL, docx_parts, render_text


def _template_texts() -> dict[str, str]:
    folder = builtin_templates()
    texts = {p.name: p.read_text(encoding="utf-8") for sub in ("markdown", "html") for p in (folder / sub).iterdir()}
    for path in (folder / "docx").glob("*.docx"):
        for part, xml in docx_parts(path.read_bytes()).items():
            texts[f"{path.name}:{part}"] = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)) + xml
    return texts


@pytest.mark.parametrize("phrase", HOUSE_PHRASES)
def test_default_templates_hold_no_organisations_wording(phrase: str) -> None:
    """No shipped template, in any format, carries one organisation's own headings or notes."""
    holding = [name for name, text in _template_texts().items() if phrase in text]

    assert [] == holding


def test_default_labels_hold_no_organisations_wording() -> None:
    """The default labels are neutral words."""
    values = attrs.asdict(m.Labels()).values()

    assert [] == [p for p in HOUSE_PHRASES if any(p in v for v in values)]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_a_plan_without_labels_prints_neutral_column_titles(fmt: str) -> None:
    """An action plan with no labels prints "Ref.", "Action", "Finish", "Lead" and no house notes."""
    text = render_text(ACTION_PLAN, "action-plan", fmt)

    assert "Audit the housing advice pages" in text
    assert all(word in text for word in ("Ref.", "Action", "Finish", "Lead"))
    assert [] == [p for p in HOUSE_PHRASES if p in text]


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_labels_set_column_titles_and_notes(fmt: str) -> None:
    """A plan's labels replace the default column title and add a note under it, in every format."""
    plan = ACTION_PLAN + 'labels: {action_owner: Responsible officer, action_finish: "By when", action_text_note: Say what will be done.}\n'

    text = render_text(plan, "action-plan", fmt)

    assert "Responsible officer" in text
    assert "By when" in text
    assert "Say what will be done." in text


def test_an_unknown_label_is_refused_with_the_valid_keys() -> None:
    """A label key that does not exist is an input error naming the field and listing valid keys."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads(ACTION_PLAN + "labels: {colour_of_sky: blue}\n", file="plan.yaml")

    message = str(caught.value)
    assert "labels.colour_of_sky: unknown field" in message
    assert "action_owner" in message


def test_a_misspelt_label_is_refused_with_the_likely_key() -> None:
    """A misspelt label key is reported with the key it most likely meant."""
    with pytest.raises(InputError) as caught:
        equality_docs.loads(ACTION_PLAN + "labels: {action_ownr: Who}\n", file="plan.yaml")

    assert 'did you mean "action_owner"?' in str(caught.value)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_context_carries_the_labels(kind: object) -> None:
    """Every kind's context has one `labels` value, the plan's labels with defaults merged in."""
    plan = equality_docs.loads(SCHOOL + "labels: {action_owner: Who}\n")

    labels = kind.build_context(plan).labels  # type: ignore[attr-defined]

    assert "Who" == labels.action_owner
    assert "Ref." == labels.action_ref
