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


def test_asso_typed_while_the_siret_is_asked_back_keeps_both() -> None:
    """A tester's « asso », typed at « dois-je retenir ce SIRET ? », was refused as a SIRET
    (« Un SIRET ne contient que des chiffres ») and the SIRET asked back was gone with it."""
    walk = walk_to("org.siret")
    walk.send("siret 783 456 122 00002 on est une asso loi 1901")
    walk.send("asso")
    assert walk.key == "org.siret"
    assert "SIRET — J’attends d’abord votre réponse : dois-je retenir" in walk.text
    assert "« asso » : je le garde pour la question « Forme juridique »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.siret == "78345612200002"
    assert "« asso » : est-ce votre réponse à « Forme juridique » ?" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.legal_form == "Association loi 1901"


def test_the_budget_typed_while_the_volunteers_are_asked_back_keeps_both() -> None:
    """« Une quinzaine de bénévoles » asked back as 15, then « Notre budget annuel est
    d'environ 650 000 euros »: refused as a count (« J'attends un nombre entier »), and the
    15 dropped with it."""
    walk = walk_to("org.volunteers")
    walk.send("Une quinzaine de bénévoles, essentiellement les administrateurs")
    walk.send("Notre budget annuel est d'environ 650 000 euros")
    assert walk.key == "org.volunteers"
    assert "dois-je retenir 15 ?" in walk.text
    assert "je le garde pour la question « Budget annuel de l’organisme »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.volunteers == 15
    assert walk.key == "org.annual_budget"
    walk.send("oui")
    assert walk.dossier.organisation.annual_budget == Decimal("650000")


def test_words_meant_for_no_question_leave_the_value_asked_back_asked() -> None:
    """Words refused here and meant for no question ahead: said not recorded, with the
    reason, and the value asked back asked again (it was dropped unsaid)."""
    walk = walk_to("org.siret")
    walk.send("siret 783 456 122 00002 on est une asso loi 1901")
    walk.send("le bureau se réunit le mardi")
    assert walk.key == "org.siret"
    assert "Un SIRET ne contient que des chiffres" in walk.text
    assert "je ne l’ai pas enregistré" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.siret == "78345612200002"
