"""Names and titles answered in sentences, as a director typed them: « Notre organisme
s'appelle la Fédération…, FSI 62 en abrégé », « Notre présidente est Madame Claire Dubois,
qui signera la demande », « Elle est présidente du conseil d'administration », « C'est moi
qui suis la personne à contacter, Nathalie Roussel ». The whole sentences were stored and
printed: the letter read « Je soussigné(e), Notre présidente est Madame Claire Dubois, qui
signera la demande, Elle est présidente du conseil d'administration », and the files were
named « plan-actions-notre-organisme-s-appelle-… ». The words that only introduce the
answer are left out, and what remains is asked back once."""

from __future__ import annotations

import pytest

from dialogs.parsing import InvalidAnswer, NeedsConfirmation, parse_text
from drafts import render_drafts
from tests.support import DURING_CALL, walk_to
from tests.test_identity_typed_together import letter_text

FEDERATION = "Fédération des Structures d'Insertion du Pas-de-Calais"


def test_the_organisations_name_said_in_a_sentence_is_asked_back_as_the_name() -> None:
    walk = walk_to("org.name")
    walk.send(f"Notre organisme s'appelle la {FEDERATION}, FSI 62 en abrégé")
    assert walk.dossier.organisation.name is None
    assert f"Je retiens « {FEDERATION} (FSI 62) », est-ce bien cela ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.name == f"{FEDERATION} (FSI 62)"
    assert walk.key == "org.siret"
    names = [f.name for f in render_drafts(walk.engine.spec, walk.dossier, DURING_CALL).files]
    assert names and not any("appelle" in name for name in names)
    assert any(name.startswith("plan-actions-federation-des-structures") for name in names)


def test_the_name_offered_back_and_declined_lets_the_applicant_type_it_again() -> None:
    walk = walk_to("org.name")
    walk.send("Nous sommes l'Union Régionale des Entreprises d'Insertion")
    assert "Je retiens « Union Régionale des Entreprises d'Insertion »" in walk.text
    walk.send("non")
    assert walk.dossier.organisation.name is None and walk.key == "org.name"
    walk.send("L'Union Régionale des Entreprises d'Insertion")
    assert walk.dossier.organisation.name == "L'Union Régionale des Entreprises d'Insertion"


def test_the_sentence_sent_again_as_is_is_kept_as_typed() -> None:
    """The applicant has the last word: a name that only looks like a sentence is kept."""
    walk = walk_to("org.name")
    walk.send("C'est la vie")
    assert "Je retiens « vie »" in walk.text
    walk.send("C'est la vie")
    assert walk.dossier.organisation.name == "C'est la vie"


def test_the_representative_and_title_said_in_sentences_reach_the_letter_as_such() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Notre présidente est Madame Claire Dubois, qui signera la demande")
    # the title the lead-in names is kept for its question (a tester's « Notre présidente
    # est Claire Dubois » lost it)
    assert "Dois-je retenir « Mme Claire Dubois » comme nom ?" in walk.text
    assert "« présidente » semble être sa fonction" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Mme Claire Dubois"
    assert walk.key == "org.rep_role"
    assert "Vous aviez aussi écrit « présidente »" in walk.text
    walk.send("Elle est présidente du conseil d'administration")
    assert "Je retiens « présidente du conseil d'administration »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.role == (
        "présidente du conseil d'administration"
    )
    letter = letter_text(walk)
    assert (
        "Je soussignée, Mme Claire Dubois, présidente du conseil d’administration, "
        "représentante légale" in letter
    )
    assert "Notre présidente" not in letter and "Elle est" not in letter


def test_the_contact_who_is_the_one_typing_is_kept_by_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("C'est moi qui suis la personne à contacter, Nathalie Roussel")
    assert "Je retiens « Nathalie Roussel », est-ce bien cela ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Nathalie Roussel"
    walk.send("Je suis directrice de la fédération")
    assert "Je retiens « directrice de la fédération »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.role == "directrice de la fédération"


def test_c_est_moi_qui_suis_la_personne_a_contacter_alone_asks_for_the_name() -> None:
    with pytest.raises(InvalidAnswer) as refused:
        parse_text("c'est moi qui suis la personne à contacter", max_length=150, content="person")
    assert refused.value.code == "person_myself"


@pytest.mark.parametrize(
    ("typed", "content", "kept"),
    [
        ("Il s'agit de l'Union des SIAE du Ternois", "name", "Union des SIAE du Ternois"),
        ("Le nom de notre association est Inser'Réseau 62", "name", "Inser'Réseau 62"),
        ("Notre représentant légal est M. Paul Marchand", "person", "M. Paul Marchand"),
        ("Le président, c'est Jean Martin", "person", "Jean Martin"),
        ("Il est directeur général par délégation", "role", "directeur général par délégation"),
        ("Sa qualité est trésorière", "role", "trésorière"),
    ],
)
def test_the_words_introducing_the_answer_are_left_out_and_asked_back(
    typed: str, content: str, kept: str
) -> None:
    with pytest.raises(NeedsConfirmation) as asked:
        parse_text(typed, max_length=200, content=content, lead_ins=True)  # type: ignore[arg-type]
    assert asked.value.value == kept


@pytest.mark.parametrize(
    ("typed", "content"),
    [
        ("La Vie Active", "name"),
        ("Notre Dame des Champs", "name"),
        ("La Structure est là", "name"),  # a name's own words, capitalised
        ("Inser'Réseau 62", "name"),
        ("Claire Dubois", "person"),
        ("Présidente du conseil d'administration", "role"),
        ("chargée de mission", "role"),
    ],
)
def test_a_name_or_title_without_words_introducing_it_is_kept_as_typed(
    typed: str, content: str
) -> None:
    assert parse_text(typed, max_length=200, content=content, lead_ins=True) == typed  # type: ignore[arg-type]
