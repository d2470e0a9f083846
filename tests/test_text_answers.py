"""A text answer holds what its field asks for: a word where a name or a description is
expected, a person's name without digits. A number typed one step late (after "Dois-je
retenir 30 ?") must not land in the dossier as the network's name."""

from __future__ import annotations

import io

import pytest
from docx import Document
from docx.oxml.ns import qn

from dialogs.dossier import Dossier
from dialogs.parsing import InvalidAnswer, parse_text
from dialogs.spec import CallSpec
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, walk_to


@pytest.mark.parametrize("typed", ["0", "90", "1.234,50", "3 000", "⬅️", "12/03/2025"])
def test_a_name_without_a_single_word_is_refused_and_nothing_is_saved(typed: str) -> None:
    walk = walk_to("org.name")
    walk.send(typed)
    assert walk.key == "org.name" and walk.dossier.organisation.name is None
    assert f"« {typed} » ne contient aucun mot" in walk.text
    assert "pour « Nom de l’organisme », écrivez votre réponse en toutes lettres" in walk.text
    walk.send("Inser'Réseau 62")
    assert walk.dossier.organisation.name == "Inser'Réseau 62"


def test_the_legal_representative_is_a_person_not_an_amount() -> None:
    walk = walk_to("org.rep_name")
    walk.send("1,2M€")
    assert walk.key == "org.rep_name" and walk.dossier.organisation.representative.name is None
    assert "« 1,2M€ » contient des chiffres" in walk.text
    assert "écrivez le prénom et le nom d’une personne" in walk.text
    walk.send("Sophie Lefèvre")
    assert walk.dossier.organisation.representative.name == "Sophie Lefèvre"


def test_a_description_needs_words_but_the_territory_may_be_the_departements_number() -> None:
    walk = walk_to("org.territory")
    walk.send("62")  # the Pas-de-Calais by its number: an answer
    assert walk.dossier.organisation.territory == "62"
    walk = walk_to("plan.public.note")
    walk.send("90")
    assert walk.key == "plan.public.note" and "ne contient aucun mot" in walk.text


def test_free_text_keeps_numbers_words_and_emoji_as_typed() -> None:
    assert parse_text("10 ACI équipées 🎉", max_length=200, content="words") == (
        "10 ACI équipées 🎉"
    )
    assert parse_text("42", max_length=200) == "42"
    with pytest.raises(InvalidAnswer) as refused:
        parse_text("Jean Dupont 2", max_length=200, content="person")
    assert refused.value.code == "person_with_digits"


# -- a person's name, written as a name ------------------------------------------------------------
def _letter(spec: CallSpec, dossier: Dossier) -> str:
    """The cover letter and sworn statement the dossier gives, as plain text."""
    out = render_drafts(spec, dossier, DURING_CALL, {"docx"})
    content = next(f.content for f in out.files if f.name.startswith("courrier"))
    body = Document(io.BytesIO(content)).element.body
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return plain("\n".join(paragraphs))


def test_names_typed_on_a_phone_are_printed_as_names_in_the_letter() -> None:
    """The contact typed as « moi, sandrine lefebvre » and the representative as « mr dubois
    gérard » were copied raw: the letter read « moi, sandrine lefebvre, chargée de mission,
    se tient à votre disposition » and was signed « mr dubois gérard, président ». The
    names are stored as written in a letter, and the applicant is told so."""
    walk = walk_to("org.rep_name")
    walk.send("mr dubois gérard")
    assert walk.dossier.organisation.representative.name == "M. Dubois Gérard"
    assert "Je retiens « M. Dubois Gérard », écrit ainsi dans les documents" in walk.text
    representative = walk.dossier.organisation.representative.name
    walk = walk_to("org.contact_name")
    walk.send("moi, sandrine lefebvre")
    assert walk.dossier.organisation.contact.name == "Sandrine Lefebvre"
    assert "Je retiens « Sandrine Lefebvre »" in walk.text
    walk.send("chargée de mission")
    walk.dossier.organisation.representative.name = representative
    walk.dossier.organisation.representative.role = "président"
    letter = _letter(walk.engine.spec, walk.dossier)
    assert "Sandrine Lefebvre, chargée de mission, se tient à votre disposition" in letter
    assert "Je soussigné, M. Dubois Gérard, président, représentant légal" in letter
    assert "moi, sandrine" not in letter and "mr dubois" not in letter


def test_moi_alone_at_a_persons_name_asks_for_the_name() -> None:
    walk = walk_to("org.rep_name")
    walk.send("moi")
    assert walk.key == "org.rep_name" and walk.dossier.organisation.representative.name is None
    assert "Quel est votre nom ?" in walk.text
    # at the contact, the representative named: that person asked back, or the name typed
    walk = walk_to("org.contact_name")
    walk.send("moi")
    assert walk.key == "org.contact_name" and walk.dossier.organisation.contact.name is None
    assert "envoyez votre prénom et votre nom" in walk.text
    walk.send("c'est moi-même, Sandrine LEFEBVRE")
    assert walk.dossier.organisation.contact.name == "Sandrine LEFEBVRE"  # mixed case: as typed


def test_a_title_typed_where_the_name_is_asked_back_keeps_the_name_offered() -> None:
    """« mr jean martin, président » is asked back as « M. Jean Martin »; « Président » typed
    then was stored as the representative's name: a title is no name."""
    walk = walk_to("org.rep_name")
    walk.send("mr jean martin, président")
    assert "Dois-je retenir « M. Jean Martin » comme nom ?" in walk.text
    walk.send("Président")
    assert walk.dossier.organisation.representative.name is None
    assert "« Président » est une fonction" in walk.text and "« M. Jean Martin »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "M. Jean Martin"


@pytest.mark.parametrize("typed", ["Président", "la directrice générale", "DG", "Trésorière"])
def test_a_title_alone_where_a_name_is_asked_is_refused_with_the_reason(typed: str) -> None:
    with pytest.raises(InvalidAnswer) as refused:
        parse_text(typed, max_length=150, content="person")
    assert refused.value.code == "person_role_only"


@pytest.mark.parametrize("typed", ["Marie Chef", "Carla Conseil", "Chefdeville", "Jean Cadreau"])
def test_a_name_that_holds_a_title_s_word_is_still_a_name(typed: str) -> None:
    assert parse_text(typed, max_length=150, content="person") == typed


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("sandrine lefebvre", "Sandrine Lefebvre"),
        ("JEAN-PIERRE LEFEBVRE", "Jean-Pierre Lefebvre"),
        ("marie le goff", "Marie Le Goff"),
        ("jean de la fontaine", "Jean de la Fontaine"),
        ("madame sandrine lefebvre", "Mme Sandrine Lefebvre"),
        ("mlle dupont", "Mme Dupont"),
        ("DUBOIS Gérard", "DUBOIS Gérard"),
    ],
)
def test_a_persons_name_is_written_as_a_name(typed: str, written: str) -> None:
    assert parse_text(typed, max_length=150, content="person") == written
