"""A question asked back names its question, and words typed while it waits are never
taken as its answer unseen: a tester's « on n'en paie pas, on est asso », meant for the
payroll tax, was typed while « dois-je retenir 21 520 € ? » waited for the social charges,
and became « dois-je retenir 0,00 € ? » for them, the field unnamed; « une vingtaine »
typed while « 80 ou 4 ? » waited set the webinars' participants to 20."""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to


def test_a_figure_asked_back_names_the_question_it_is_about() -> None:
    walk = walk_to("bud.social")
    walk.send("plus de 21520")
    assert "❓ Dont charges sociales — Vous avez écrit « plus de 21520 »" in walk.text
    assert "Dois-je retenir 21 520,00 € ?" in walk.text


def test_words_typed_while_a_figure_is_asked_back_are_kept_for_the_next_question() -> None:
    walk = walk_to("bud.social")
    walk.send("plus de 21520")
    walk.send("on n'en paie pas, on est asso")
    assert walk.key == "bud.social"
    assert walk.dossier.budget.social_charges is None
    assert "Dont charges sociales — J’attends d’abord votre réponse" in walk.text
    assert "dois-je retenir 21 520,00 € ?" in walk.text
    assert "« on n'en paie pas, on est asso » : je garde ces mots" in walk.text
    walk.send("oui")
    assert walk.dossier.budget.social_charges == Decimal("21520")
    assert walk.key == "bud.payroll_tax"
    assert "je le reporte à « Taxe sur les salaires »" in walk.text
    assert "Taxe sur les salaires — Vous avez écrit « on n'en paie pas" in walk.text
    walk.send("oui")
    assert walk.dossier.budget.payroll_tax == Decimal("0")


def test_no_to_the_figure_asked_back_gives_the_words_kept_to_its_question() -> None:
    walk = walk_to("bud.social")
    walk.send("plus de 21520")
    walk.send("on n'en paie pas, on est asso")
    walk.send("non")
    assert walk.key == "bud.social"
    assert "Dont charges sociales — Vous avez écrit « on n'en paie pas" in walk.text
    assert "dois-je retenir 0,00 € ?" in walk.text
    # the words kept, sent again, answer the question asked back too
    walk = walk_to("bud.social")
    walk.send("plus de 21520")
    walk.send("on n'en paie pas, on est asso")
    walk.send("on n'en paie pas, on est asso")
    assert walk.key == "bud.social"
    assert "dois-je retenir 0,00 € ?" in walk.text


def test_une_vingtaine_typed_while_80_ou_4_waits_goes_to_the_next_indicator() -> None:
    walk = walk_to("ind.webinaires")
    walk.send("80 ou 4")
    walk.send("une vingtaine")
    assert walk.key == "ind.webinaires"
    assert walk.dossier.indicators.targets.get("webinaires") is None
    assert "J’attends d’abord votre choix : 80 ou 4 ?" in walk.text
    walk.send("80")
    assert walk.dossier.indicators.targets["webinaires"].target == 80
    assert walk.key == "ind.comites"
    assert "dois-je retenir 20 ?" in walk.text


def test_80_participants_sur_4_webinaires_is_80_participants() -> None:
    """The figure typed before the noun the question counts is its answer; the rest is
    kept as the target's comment."""
    walk = walk_to("ind.webinaires")
    walk.send("80 participants sur 4 webinaires")
    target = walk.dossier.indicators.targets["webinaires"]
    assert target.target == 80
    assert target.comment == "80 participants sur 4 webinaires"
    assert walk.key == "ind.comites"
