"""A sentence typed at a yes/no question is never a silent « oui », and a doubt is never a
« non »: a tester's « on a peu de BRSA, surtout des DELD » at the target-public question was
recorded as « oui » (« on » was a yes), « on a pas d'adhérents dans le 62 » was asked back as
« oui », and « pas sûr, on a surtout des jeunes » was asked back as « non », whose « oui »
declared the network ineligible."""

from __future__ import annotations

from dialogs.personal_data import erasure_confirmed
from tests.support import walk_to


def test_a_sentence_opening_with_on_at_the_target_public_is_quoted_back_never_taken() -> None:
    walk = walk_to("elig.target_public")
    walk.send("on a peu de brsa, surtout des DELD")
    assert walk.key == "elig.target_public"
    assert walk.dossier.eligibility.answers.get("target_public") is None
    assert "« on a peu de brsa, surtout des DELD » ne dit ni oui ni non" in walk.text


def test_a_sentence_in_the_negative_at_the_territory_is_asked_back_as_no() -> None:
    walk = walk_to("elig.territory")
    walk.send("on a pas d'adhérents dans le 62, on est sur la Somme")
    assert walk.key == "elig.territory"
    assert "dois-je comprendre non ?" in walk.text
    walk.send("oui")
    assert walk.key == "elig.stop"


def test_pas_sur_before_a_reason_is_a_doubt_never_offered_as_no() -> None:
    walk = walk_to("elig.target_public")
    walk.send("pas sûr, on a surtout des jeunes")
    assert walk.key == "elig.target_public"
    assert walk.dossier.cursor.asking_back is None
    assert "dois-je comprendre" not in walk.text
    assert "J’ai besoin d’un « oui » ou d’un « non »" in walk.text
    walk.send("oui")
    assert walk.key == "elig.period"


def test_a_no_with_words_of_its_own_at_a_knock_out_question_is_asked_back() -> None:
    """« non on est sur le Nord surtout » was asked back only because « on » read as a
    doubt (a yes); « pas de BRSA » declared the network ineligible at once."""
    for typed in ("non on est sur le Nord surtout", "pas de brsa"):
        walk = walk_to("elig.target_public")
        walk.send(typed)
        assert walk.key == "elig.target_public", typed
        assert "dois-je comprendre non ?" in walk.text
    for typed in ("non", "non merci", "non, pas du tout"):  # a plain no still stops at once
        walk = walk_to("elig.target_public")
        walk.send(typed)
        assert walk.key == "elig.stop", typed


def test_si_on_veut_erases_nothing() -> None:
    """A word that answers alone (« si ») opening a sentence is no yes: « si on veut »
    right after « Voulez-vous vraiment effacer toutes vos données ? » erased them."""
    assert erasure_confirmed("si on veut") is None
    assert erasure_confirmed("si") is True


def test_jsp_reads_like_je_sais_pas_at_a_count_that_offers_0() -> None:
    """« jsp » was refused (« J'attends un nombre entier ») where « je sais pas » is asked
    back as 0 for now."""
    walk = walk_to("plan.public.young_ase")
    walk.send("jsp")
    assert "Vous ne le savez pas encore : dois-je laisser cette question à compléter ?" in walk.text


def test_jsp_at_a_knock_out_question_is_a_doubt() -> None:
    walk = walk_to("elig.period")
    walk.send("jsp")
    assert "J’ai besoin d’un « oui » ou d’un « non »" in walk.text


def test_oups_precedent_goes_back_like_precedent() -> None:
    """A tester's « oups precedent » was refused as no count."""
    walk = walk_to("plan.public.young_ase")
    walk.send("oups precedent")
    assert walk.key == "plan.public.young"


def test_a_yes_with_a_negation_at_a_knock_out_question_is_asked_back() -> None:
    """« oui, on ne travaille qu'avec des DELD »: DELD are no target public of the call;
    the « oui » is asked back rather than passing the question unseen."""
    walk = walk_to("elig.target_public")
    walk.send("oui, on ne travaille qu'avec des DELD")
    assert walk.key == "elig.target_public"
    assert "dois-je comprendre oui ?" in walk.text


def test_a_restriction_at_a_knock_out_question_is_quoted_back_a_true_negation_offered_as_no() -> (
    None
):
    """« on n'a que des BRSA », « on ne travaille qu'avec eux », « on en a pas mal » say no
    negation: they were offered back as « non », whose reflexive « oui » made the dossier
    ineligible. Quoted back with no reading proposed; the « oui » that follows answers."""
    for typed in ("on n'a que des BRSA", "on ne travaille qu'avec eux", "on en a pas mal"):
        walk = walk_to("elig.target_public")
        walk.send(typed)
        assert walk.key == "elig.target_public", typed
        assert walk.dossier.cursor.asking_back is None, typed
        assert "dois-je comprendre" not in walk.text, typed
        assert f"« {typed} » ne dit ni oui ni non" in walk.text, typed
        walk.send("oui")
        assert walk.key == "elig.period", typed
        assert walk.dossier.eligibility.answers.get("target_public") is True, typed
    walk = walk_to("elig.target_public")  # a genuine negation is still offered as « non »
    walk.send("on n'en a jamais eu")
    assert walk.key == "elig.target_public"
    assert "dois-je comprendre non ?" in walk.text
    walk.send("oui")
    assert walk.dossier.eligibility.answers.get("target_public") is False
