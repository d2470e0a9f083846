"""« à voir » at a figure is read like « je sais pas », or the question is said to wait.

A tester typed « à voir » at « Anciens bénéficiaires du RSA en parcours »: « J'attends un
nombre entier », while « je sais pas » there offers to keep 0 for now. Words putting the
answer off (vocabulary `text.postponing`, a whole `text.later`) now do the same where 0 is
offered; at a figure that offers no 0 (an action's ETP, an amount) the bot says the question
can wait and how to come back to it, never « j'attends un nombre ».
"""

from __future__ import annotations

from tests.support import walk_to

FORMER_BRSA = "plan.public.former_brsa"


def test_a_voir_at_a_count_offering_0_keeps_0_for_now_like_je_sais_pas() -> None:
    walk = walk_to(FORMER_BRSA)
    walk.send("à voir")
    assert "J’attends un nombre" not in walk.text
    assert "dois-je laisser cette question à compléter ?" in walk.text
    walk.send("oui")
    assert walk.dossier.plan.public.former_brsa == 0
    assert walk.dossier.provisional == [FORMER_BRSA]


def test_plus_tard_at_an_actions_etp_says_the_question_can_wait() -> None:
    walk = walk_to("plan.o1.0.fte")
    walk.send("on verra ça plus tard")
    assert "J’attends un nombre" not in walk.text
    assert "Elle peut aussi attendre" in walk.text and "/recapitulatif" in walk.text
    assert walk.key == "plan.o1.0.fte"
    assert walk.dossier.plan.actions["o1"][0].fte is None


def test_a_voir_at_the_amount_asked_of_the_departement_is_no_wrong_amount() -> None:
    walk = walk_to("bud.dept")
    walk.send("à voir")
    assert "Je n’ai pas compris ce montant" not in walk.text
    assert "Elle peut aussi attendre" in walk.text
    assert walk.dossier.budget.departement_request is None
