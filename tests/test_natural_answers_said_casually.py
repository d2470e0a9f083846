"""Testers playing new applicants typed what people type in a chat: a correction said
casually right after an answer (« ah non pardon c'est 12 », « ah non pardon, c'est Lens pas
Arras », « oups c'est 0,8 ETP »), « passer » at a question that asks two things, « précédent »
at a question asked back, a long answer quoted back; and read « Non renseigné » in their
draft for objectives they had passed on purpose."""

from __future__ import annotations

from decimal import Decimal

from dialogs.dossier import IndicatorTarget
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, script_lines, walk_to


# -- 1. a correction said casually, right after the answer ---------------------------------------
def test_ah_non_pardon_and_a_figure_at_a_question_in_words_corrects_the_figure_just_given() -> None:
    """« ah non pardon c'est 12 » at the territory, just after 42 member SIAE: asked « do
    you correct the members, or is it your answer to the territory? », as if « 12 » could
    be a territory. It corrects the members, says so, and the territory is asked again."""
    walk = walk_to("org.members")
    walk.send("42")
    walk.send("ah non pardon c'est 12")
    assert walk.dossier.organisation.member_siae_count == 12
    assert walk.dossier.organisation.territory is None
    assert "Réponse modifiée — « Nombre de SIAE adhérentes dans le Pas-de-Calais » : 12" in (
        walk.text
    )
    assert "(au lieu de 42)" in walk.text and "corrigez-vous" not in walk.text
    assert walk.key == "org.territory" and "Reprenons où vous en étiez" in walk.text


def test_oups_and_an_etp_at_the_expected_results_corrects_the_etp_just_given() -> None:
    walk = walk_to("plan.o1.0.fte")
    walk.send("0,5")
    walk.send("oups c'est 0,8 ETP")
    action = walk.dossier.actions("o1")[0]
    assert action.fte == Decimal("0.8") and action.expected_results is None
    assert "0,8 (au lieu de 0,5)" in walk.text
    assert walk.key == "plan.o1.0.expected_results"


def test_ah_non_pardon_lens_pas_arras_replaces_arras_in_the_address_just_given() -> None:
    """The tester's « ah non pardon, c'est Lens pas Arras » at the legal representative was
    stored as the representative's name. « Arras » is in the address just given: it becomes
    « Lens » there, said back, and the representative is asked again."""
    walk = walk_to("org.address")
    walk.send("12 rue des Arts, 62000 Arras")
    walk.send("ah non pardon, c'est Lens pas Arras")
    assert walk.dossier.organisation.address == "12 rue des Arts, 62000 Lens"
    assert walk.dossier.organisation.representative.name is None
    assert "Réponse modifiée — « Adresse » : « 12 rue des Arts, 62000 Lens »" in walk.text
    assert walk.key == "org.rep_name" and "Reprenons où vous en étiez" in walk.text


def test_words_set_aside_after_d_apostrophe_are_replaced_in_good_french() -> None:
    walk = walk_to("plan.o2.0.areas")
    walk.send("CA du Boulonnais, CA d'Arras")
    walk.send("oups, Lens pas Arras")
    assert walk.dossier.actions("o2")[0].areas == "CA du Boulonnais, CA de Lens"
    assert walk.key == "plan.o2.0.months"


# -- 2. « passer » at a question that asks two things --------------------------------------------
def test_passer_at_the_first_action_of_an_orientation_says_what_is_left_to_fill() -> None:
    """The first action's title is asked under the orientation's presentation: « passer »
    there leaves the whole orientation without an action, and the next orientation came with
    no word of it."""
    walk = walk_to("plan.o1.0.title")
    walk.send("passer")
    assert walk.key == "plan.o2.0.title"
    assert "Question passée : « Titre de l’action »" in walk.text
    assert "Rien n’est enregistré pour « Orientation 1 · Action 1 »" in walk.text
    assert "À remplir avant le dépôt : « Compléter le dossier »" in walk.text


def test_passer_at_an_optional_question_says_nothing_is_left_to_fill() -> None:
    walk = walk_to("plan.o1.0.partners")
    walk.send("passer")
    assert walk.key == "plan.o1.0.fte"
    assert "Question passée : « Partenaires ». Elle est facultative" in walk.text


def test_passer_as_the_comment_of_a_target_passes_the_comment_only() -> None:
    """« 12 ; passer » at an indicator (a target and its optional comment): the comment
    « passer » was stored and printed in the draft."""
    walk = walk_to("ind.gouvernance")
    walk.send("12 ; passer")
    assert walk.dossier.indicators.targets["gouvernance"] == IndicatorTarget(target=12)
    assert walk.key == "ind.formations"


def test_passer_alone_at_a_target_says_only_its_comment_may_be_passed() -> None:
    walk = walk_to("ind.gouvernance")
    walk.send("passer")
    assert walk.key == "ind.gouvernance" and "gouvernance" not in walk.dossier.indicators.targets
    assert "Seul le commentaire est facultatif : envoyez simplement la cible" in walk.text


# -- 3. « précédent » at a question asked back ---------------------------------------------------
def test_precedent_at_the_siae_clarification_goes_back_to_the_type_never_the_welcome() -> None:
    """« nous sommes une SIAE » at the type of organisation is asked back (which kind of
    SIAE?); « précédent » then showed the welcome screen."""
    walk = Walk(today=DURING_CALL)
    walk.send("1")
    walk.send("nous sommes une SIAE")
    assert walk.dossier.cursor.asking_back is not None
    walk.send("précédent")
    assert walk.key == "elig.type" and walk.dossier.cursor.asking_back is None
    assert "Bonjour" not in walk.text and "Quel type d’organisme" in walk.text


def test_retour_at_a_question_asked_back_midway_keeps_every_answer() -> None:
    """« retour » at « dois-je retenir 15 ? » went back to the employees' ETP: the question
    asked back is left, its own question asked again, the answers before it kept."""
    walk = walk_to("org.volunteers")
    before = walk.dossier.model_dump(exclude={"cursor", "updated_at"})
    walk.send("une quinzaine")
    assert walk.dossier.cursor.asking_back is not None
    walk.send("retour")
    assert walk.key == "org.volunteers" and "Combien de bénévoles" in walk.text
    assert "« 15 » n’a pas été enregistré" in walk.text
    assert walk.dossier.model_dump(exclude={"cursor", "updated_at"}) == before


# -- 4. words quoted back ------------------------------------------------------------------------
def test_a_long_answer_quoted_back_is_shortened_at_a_word() -> None:
    """« Vous avez écrit « … dans le P » »: cut in the middle of « Pas-de-Calais »."""
    walk = Walk(today=DURING_CALL)
    walk.send("1")
    typed = "nous sommes une SIAE qui travaille avec beaucoup de partenaires locaux dans le "
    walk.send(typed + "Pas-de-Calais")
    assert "Vous avez écrit « " + typed.rstrip() + "… »" in walk.text


# -- 5. optional objectives passed, in the draft -------------------------------------------------
def test_objectives_passed_read_as_none_chosen_in_the_draft_never_as_not_given() -> None:
    """The call names its cross-cutting objectives « également des objectifs majeurs » and
    asks no dossier to claim them: passed, they are none chosen (« Non retenu », « question
    passée » while the draft is worked on), not « Non renseigné », read as a gap."""
    lines = script_lines()
    at = lines.index("1, 3")
    lines[at : at + 2] = ["passer"]
    lines[lines.index("732 829 320 00074")] = "passer"  # (the SIRET missing: a working draft)
    walk = Walk(today=DURING_CALL)
    walk.answers(lines[:-1])
    assert walk.key == "review"
    files = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"}).files
    text = plain(next(f for f in files if f.name.endswith(".md")).content.decode())
    assert "| Décloisonnement des politiques d’inclusion | Non retenu (question passée) |" in text
    assert "Non renseigné" not in text


def test_a_figure_set_aside_is_corrected_where_a_figure_holds_it_not_in_a_description() -> None:
    """« 9 » is in the description and is the number of SIAE just given: « oups c'est 11
    pas 9 » corrects the SIAE, never « 9 séances »."""
    described = "Un cycle de 9 séances de formation des encadrants techniques."
    walk = walk_to("plan.o1.0.description")
    walk.answers([described, "9"])
    walk.send("oups c'est 11 pas 9")
    action = walk.dossier.actions("o1")[0]
    assert action.siae_count == 11 and action.description == described
    assert walk.key == "plan.o1.0.siae_types"
