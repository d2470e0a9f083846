"""Testers playing new applicants in the terminal demo (the complete example, one line
changed each time) found five answers the assistant got wrong: a question holding the
count stored as the count, « je veux continuer quand même » at the ineligibility screen
refused as unreadable, a contact named in a lower-case sentence stored with the sentence,
the president's title dropped from « Notre présidente est Claire Dubois », and the first
contact's title offered to the second one."""

from __future__ import annotations

from dialogs.events import AskQuestion
from tests.support import DURING_CALL, Walk, walk_to
from tests.test_identity_typed_together import letter_text

MEMBERS_QUESTION = "on en a 42, c'est bien 42 qu'il faut mettre ou seulement celles du 62 ?"


# -- 1. a question holding the figure asked ----------------------------------------------------
def test_a_question_holding_the_member_count_is_answered_and_the_count_asked_back() -> None:
    walk = walk_to("org.members")
    outcome = walk.send(MEMBERS_QUESTION)
    assert walk.dossier.organisation.member_siae_count is None
    assert AskQuestion(MEMBERS_QUESTION) in outcome.effects  # answered as any question
    assert "c’est une question, je n’ai rien enregistré" in walk.text
    assert "Dois-je retenir 42 comme réponse ?" in walk.text
    assert walk.key == "org.members"
    walk.send("oui")
    assert walk.dossier.organisation.member_siae_count == 42
    assert walk.key == "org.territory"


def test_another_count_typed_after_the_question_replaces_the_figure_asked_back() -> None:
    walk = walk_to("org.members")
    walk.send("faut mettre 42 ?")
    assert walk.dossier.organisation.member_siae_count is None
    walk.send("38")
    assert walk.dossier.organisation.member_siae_count == 38


def test_a_count_typed_plainly_is_still_taken_at_once() -> None:
    walk = walk_to("org.members")
    walk.send("42")
    assert walk.dossier.organisation.member_siae_count == 42


# -- 2. going on past the ineligibility screen -----------------------------------------------
def test_a_single_siae_wishing_to_go_on_is_told_why_not_never_refused_as_unreadable() -> None:
    walk = Walk(today=DURING_CALL)
    walk.send("1")
    walk.send("4")  # an ACI: a single SIAE, not a network head
    assert walk.key == "elig.stop"
    walk.send("je veux continuer quand même")
    assert "Choisissez l’une des propositions" not in walk.text
    assert "je comprends, mais je ne peux pas aller plus loin avec cette réponse" in walk.text
    assert "réservé aux têtes de réseaux de l’IAE du Pas-de-Calais" in walk.text  # the reason
    assert "« Modifier ma réponse »" in walk.text
    assert walk.key == "elig.stop"
    assert walk.last.answer is None


def test_a_yes_saying_to_go_on_after_a_no_still_changes_that_answer() -> None:
    walk = Walk(today=DURING_CALL)
    for typed in ("1", "1", "oui", "non"):
        walk.send(typed)
    assert walk.key == "elig.stop"
    walk.send("oui on continue")
    assert walk.key == "elig.period"


# -- 3. a contact named in a lower-case sentence ---------------------------------------------
def test_a_contact_named_in_a_lower_case_sentence_is_the_name_alone() -> None:
    walk = walk_to("org.contact_name")
    walk.send("c'est paul durand le contact")
    assert "Je retiens « Paul Durand », est-ce bien cela ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Paul Durand"


def test_a_contact_named_after_c_in_lower_case_is_never_stored_with_the_sentence() -> None:
    walk = walk_to("org.contact_name")
    walk.send("notre contact c marie dupont")
    assert walk.dossier.organisation.contact.name is None  # asked back, not stored
    assert "« Marie Dupont »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Marie Dupont"


def test_a_name_closed_by_is_our_contact_is_the_name_alone() -> None:
    walk = walk_to("org.contact_name")
    walk.send("paul durand est notre contact")
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Paul Durand"


# -- 4. the title said with the representative's name ----------------------------------------
def test_the_title_said_before_the_representatives_name_is_kept_as_the_title() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Notre présidente est Claire Dubois")
    assert "Dois-je retenir « Claire Dubois » comme nom ?" in walk.text
    assert "« présidente » semble être sa fonction" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Claire Dubois"
    assert walk.key == "org.rep_role"
    assert "Vous aviez aussi écrit « présidente »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.role == "présidente"
    assert "Claire Dubois, présidente" in letter_text(walk)


# -- 5. a new contact is not given the previous one's title ----------------------------------
def _contact_replaced_by_going_back() -> Walk:
    walk = walk_to("org.email")  # Marie Dupont, Directrice
    walk.send("précédent")
    walk.send("précédent")
    assert walk.key == "org.contact_name"
    walk.send("Paul Durand")
    return walk


def test_a_new_contact_is_asked_his_title_not_offered_the_previous_ones_as_recorded() -> None:
    walk = _contact_replaced_by_going_back()
    contact = walk.dossier.organisation.contact
    assert (contact.name, contact.role) == ("Paul Durand", None)
    assert walk.key == "org.contact_role"
    assert "Réponse enregistrée : « Directrice »" not in walk.text
    assert "« Directrice » était la fonction de la personne indiquée avant" in walk.text
    walk.send("chargé de mission")
    assert walk.dossier.organisation.contact.role == "chargé de mission"


def test_the_previous_title_is_kept_for_the_new_contact_when_the_applicant_says_so() -> None:
    walk = _contact_replaced_by_going_back()
    walk.send("oui")
    assert walk.dossier.organisation.contact.role == "Directrice"
    assert walk.key == "org.email"


def test_a_contact_replaced_by_a_correction_typed_later_is_asked_his_title_then_back() -> None:
    walk = walk_to("org.phone")
    walk.send("je me suis trompée, le contact c'est Paul Durand")
    assert walk.dossier.organisation.contact.name == "Paul Durand"
    assert walk.dossier.organisation.contact.role is None
    assert walk.key == "org.contact_role"
    walk.send("trésorier")
    assert walk.dossier.organisation.contact.role == "trésorier"
    assert walk.key == "org.phone"


def test_the_same_person_s_name_corrected_keeps_the_title() -> None:
    walk = walk_to("org.email")
    walk.send("précédent")
    walk.send("précédent")
    walk.send("Marie Dupond")
    contact = walk.dossier.organisation.contact
    assert (contact.name, contact.role) == ("Marie Dupond", "Directrice")
