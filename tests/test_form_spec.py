"""The interview form is data: a field is added by a form entry and a prompt, checked when
the call is loaded, and asked without a line of code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.paths import PathError, compile_path
from dialogs.spec import SpecError, load_spec
from tests.support import ROOT, Walk

SHIPPED_CALL = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.yaml"
SHIPPED_FORM = ROOT / "dialogs" / "forms" / "axe3.yaml"
WEBSITE_FIELD = """      - key: org.website
        kind: text
        label: Site internet
        path: "custom[website]"
        prompt: org_website
        limits: {max_length: 200}
        required: false
        skippable: true
"""


def _call_with_form(folder: Path, form_text: str, prompts: str | None = None) -> Path:
    """A copy of the shipped call whose form is `form_text` (beside it, with `prompts`)."""
    folder.mkdir(exist_ok=True)
    shutil.copy(SHIPPED_CALL.with_suffix(".source.txt"), folder)
    call = SHIPPED_CALL.read_text(encoding="utf-8").replace(
        "form: ../forms/axe3.yaml", "form: formulaire.yaml"
    )
    (folder / "appel.yaml").write_text(call, encoding="utf-8")
    (folder / "formulaire.yaml").write_text(form_text, encoding="utf-8")
    if prompts is not None:
        (folder / "questions-en-plus.html.j2").write_text(prompts, encoding="utf-8")
    return folder / "appel.yaml"


def _form_with_website() -> str:
    form = SHIPPED_FORM.read_text(encoding="utf-8")
    form = form.replace(
        "prompts: messages/questions.html.j2",
        "prompts: [messages/questions.html.j2, questions-en-plus.html.j2]",
    )
    anchor = "      - {key: org.siret,"
    return form.replace(anchor, WEBSITE_FIELD + anchor)


def test_a_field_added_by_a_form_entry_and_a_prompt_is_asked_and_stored(tmp_path: Path) -> None:
    prompts = (
        "{% macro org_website() %}<b>Quel est le site internet de votre réseau ?</b>{% endmacro %}"
    )
    spec = load_spec(_call_with_form(tmp_path, _form_with_website(), prompts))
    walk = Walk(spec)
    walk.answers(["1", "1", "oui", "oui", "oui"])
    walk.send("Réseau")
    assert walk.key == "org.website"
    assert "Quel est le site internet de votre réseau ?" in walk.text
    assert "Étape 3/7 — Organisation" in (walk.last.messages[-1].progress or "")
    walk.send("https://reseau.example")
    assert walk.dossier.custom == {"website": "https://reseau.example"}
    assert walk.key == "org.siret"


def test_a_form_naming_a_prompt_no_template_has_is_refused_with_its_line(tmp_path: Path) -> None:
    with pytest.raises(SpecError) as error:
        load_spec(_call_with_form(tmp_path, _form_with_website()))
    [(where, message)] = error.value.problems[1:] or error.value.problems
    assert "org_website" in message or "questions-en-plus" in message
    assert where.split(":")[0].isdigit()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("path: organisation.siret", "path: organisation.sirett"), "no field 'sirett'"),
        (("kind: siret", "kind: money"), "a money answer does not fit a field of type str"),
        (("stop: eligible_organisation_type", "stop: always"), "unknown stop rule 'always'"),
        (("rules: [budget_totals]", "rules: [totals_of_budget]"), "unknown rule"),
        (("help: [orientation.quote]", "help: [orientation.citation]"), "'citation' does not"),
        (("for_each: indicators", "for_each: indicateurs"), "'indicateurs' does not exist"),
        (("when: {field: territory_scope", "when: {field: scope"), "has no field 'scope'"),
        (("key: org.phone", "key: org.email"), "the key 'org.email' is used twice"),
        (("kind: phone,", "kind: phone, content: words,"), "a phone answer is not a text"),
        (
            ("kind: phone,", "kind: phone, limits: {usual_maximum: 9},"),
            "a phone answer is no figure",
        ),
        (("kind: phone,", "kind: phone, per: month,"), "a phone answer counts no period"),
        (("kind: phone,", "kind: phone, unknown_is_zero: true,"), "a phone answer is no count"),
        (("kind: phone,", "kind: phone, loaded_cost: true,"), "a phone answer is no cost"),
        (
            ("part_of: plan.public.young,", "part_of: plan.public.youth,"),
            "no count 'plan.public.youth' asked before it",
        ),
        (("kind: phone,", "kind: phone, part_of: org.name,"), "a phone answer is no count"),
        (
            ("example: plan_context_example", "example: plan_context_exemple"),
            "no prompts template has a macro 'plan_context_exemple'",
        ),
        (("details: areas}", "details: zones}"), "no field 'zones'"),
        (("kind: text, content: person,", "kind: text, content: persons,"), "'place' or 'address'"),
    ],
)
def test_each_mistake_in_a_form_is_named_with_its_line(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    form = SHIPPED_FORM.read_text(encoding="utf-8")
    assert change[0] in form
    with pytest.raises(SpecError) as error:
        load_spec(_call_with_form(tmp_path, form.replace(change[0], change[1], 1)))
    assert any(expected in message for _, message in error.value.problems), error.value
    line = int(error.value.problems[0][0].split(":")[0])
    assert change[1] in form.replace(change[0], change[1], 1).splitlines()[line - 1]


def test_paths_are_checked_against_the_dossier_model_and_write_what_they_name() -> None:
    path = compile_path(Dossier, "plan.actions[{orientation.id}]").bind(lambda text: "o2")
    dossier = Dossier(call_id="x")
    item = path.child(0, compile_path(Dossier, "plan.actions[x]").leaf_type.__args__[0])
    item.attr("title").set(dossier, "Un titre")
    assert dossier.plan.actions == {"o2": [dossier.plan.actions["o2"][0]]}
    assert item.attr("title").get(dossier) == "Un titre"
    assert str(item.attr("title")) == "plan.actions[o2][0].title"
    with pytest.raises(PathError, match="has no field 'adresse'"):
        compile_path(Dossier, "organisation.adresse")
    with pytest.raises(PathError, match="needs a dict"):
        compile_path(Dossier, "organisation[name]")
