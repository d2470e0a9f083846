"""The call is reserved to « Les têtes de réseaux de l’insertion par l’activité écnomique du
département du pas-de-calais ». A tester declared a network head of the Nord (« le
département du Nord, et Calais », seated « 15 rue Nationale 59000 Lille ») and was told
« ✅ Éligibilité », « ✅ Prêt à déposer », its draft « Version à déposer … éligible et
conforme », its eligibility table « Oui ». Such a network is told its eligibility is to
confirm with the Département, with the call's sentence, and its dossier is never ready."""

from __future__ import annotations

import pytest

from dialogs.dossier import Dossier
from dialogs.events import Command
from dialogs.review import review
from dialogs.rules import organisation_places_elsewhere, warnings_for
from drafts.context import build_context
from tests.support import DURING_CALL, ROOT, Walk, spec_2025, walk_replacing, walk_to

EXAMPLE = ROOT / "examples" / "dossier-exemple.json"
CALL_SENTENCE = (
    "« Les têtes de réseaux de l’insertion par l’activité écnomique du département du "
    "pas-de-calais »"
)


def nord_network() -> Walk:
    return walk_replacing(
        {
            "org.name": ["Fédé IAE Nord"],
            "org.territory": ["le département du Nord, et Calais"],
            "org.address": ["15 rue Nationale 59000 Lille"],
        },
        today=DURING_CALL,
    )


def test_a_network_head_of_the_nord_is_told_to_confirm_and_its_dossier_is_not_ready() -> None:
    walk = nord_network()
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert not report.ready and not report.fileable
    assert "organisation_elsewhere" in [w.code for w in report.breaches]

    walk.send(Command("review"))
    said = walk.text
    assert "Prêt à déposer" not in said
    assert "éligibilité est à confirmer avec le Département du Pas-de-Calais" in said
    assert "« département du Nord »" in said and "« 59000 »" in said
    assert CALL_SENTENCE in said
    assert "✅ Éligibilité" not in said and "⚠️ Éligibilité" in said


def test_the_draft_of_a_network_head_of_the_nord_is_no_version_to_file() -> None:
    walk = nord_network()
    context = build_context(spec_2025(), walk.dossier, DURING_CALL)
    assert not context.filing
    assert context.status_title != "Version à déposer"
    assert not any("éligible et conforme" in line for line in context.status_lines)
    assert any("à confirmer avec le Département" in line for line in context.status_lines)
    applicants = next(c for c in context.eligibility if "têtes de réseaux" in c.criterion)
    assert applicants.answer == "À confirmer"
    territory = next(c for c in context.eligibility if "ouvert à l’ensemble" in c.criterion)
    assert territory.answer == "À confirmer"


@pytest.fixture
def dossier() -> Dossier:
    return Dossier.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))


def codes(dossier: Dossier) -> list[str]:
    return [w.code for w in warnings_for(spec_2025(), dossier)]


def test_the_example_network_of_the_pas_de_calais_is_not_questioned(dossier: Dossier) -> None:
    assert "organisation_elsewhere" not in codes(dossier)
    assert review(spec_2025(), dossier, DURING_CALL).ready


@pytest.mark.parametrize(
    ("territory", "address", "named"),
    [
        (
            "le département du Nord, et Calais",
            "15 rue Nationale 59000 Lille",
            ["département du Nord", "59000"],
        ),
        ("Roubaix et Tourcoing", "2 rue de Lille 62000 Arras", ["Roubaix", "Tourcoing"]),
        (
            "le département de la Somme",
            "3 place Gambetta 80000 Amiens",
            ["département de la Somme", "80000"],
        ),
        ("la somme de nos adhérents, dans le 62", "12 rue des Arts, 62000 Arras", []),
        ("tout le 59", "14 rue des Augustines 62000 Arras", ["59"]),
        ("Tout le Pas-de-Calais", "rue du Nord 62100 Calais", []),
        ("le nord du Pas-de-Calais", "14 rue des Augustines 62000 Arras", []),
        ("Bailleul-Sir-Berthoult et Arras", "12 rue des Arts, 62000 Arras", []),
        ("59 communes du Pas-de-Calais", "12 rue des Arts, 62000 Arras", []),
    ],
)
def test_places_outside_the_pas_de_calais_are_read_from_the_territory_and_the_seat(
    dossier: Dossier, territory: str, address: str, named: list[str]
) -> None:
    dossier.organisation.territory = territory
    dossier.organisation.address = address
    assert organisation_places_elsewhere(spec_2025(), dossier) == named
    assert ("organisation_elsewhere" in codes(dossier)) == bool(named)


def test_a_regional_network_seated_in_lille_keeps_only_its_reservation(dossier: Dossier) -> None:
    """A regional network of the Hauts-de-France is seated where its region is: its seat in
    Lille is no place of action; its level alone asks the Département to confirm."""
    dossier.organisation.network_level = "regional"
    dossier.organisation.territory = "Hauts-de-France, antenne à Arras"
    dossier.organisation.address = "3 rue Jean Bart 59000 Lille"
    found = codes(dossier)
    assert "organisation_elsewhere" not in found and "network_scope" in found


def test_the_network_head_of_the_nord_is_told_at_once_when_it_types_its_territory() -> None:
    walk = walk_to("org.territory")
    walk.send("le département du Nord, et Calais")
    said = walk.text
    assert walk.dossier.organisation.territory == "le département du Nord, et Calais"
    assert "« département du Nord »" in said and CALL_SENTENCE in said
    assert "éligibilité est à confirmer avec le Département du Pas-de-Calais" in said
    assert walk.key == "org.address"
    walk.send("15 rue Nationale 59000 Lille")
    assert "« 59000 »" in walk.text


def test_a_seat_in_the_pas_de_calais_is_taken_without_a_word() -> None:
    walk = walk_to("org.address")
    walk.send("12 rue de Lille, 62000 Arras")
    assert "à confirmer" not in walk.text


def test_the_draft_says_where_to_correct_the_seat_without_naming_a_chat_button() -> None:
    """A draft is a document, read printed or forwarded: « (« Modifier une réponse »,
    Organisation) » is a button of the chat it cannot show; it says where the point is
    corrected instead. The chat keeps naming its button."""
    import io

    from docx import Document

    from drafts import render_markdown
    from drafts.docx import render_docx

    walk = nord_network()
    markdown = render_markdown(spec_2025(), walk.dossier, DURING_CALL)
    document = Document(io.BytesIO(render_docx(spec_2025(), walk.dossier, DURING_CALL)))
    word = "\n".join(p.text for p in document.paragraphs)
    for printed in (markdown, word):
        assert "Modifier une réponse" not in printed
        assert "dans l’assistant, partie Organisation, avant le dépôt" in printed

    walk.send(Command("review"))
    assert "« Modifier une réponse », Organisation" in walk.text
