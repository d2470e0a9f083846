"""A figure typed beside the one a question takes is never dropped unsaid. A tester's
« 380k€, Environ 400 BRSA » at the annual budget stored 380 000 € and « Environ 400 BRSA »
vanished; « 12 bénévoles et 380k de budget » stored 12 volunteers and lost the budget, the
very next question."""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to


def test_a_figure_for_no_question_near_is_said_not_recorded() -> None:
    walk = walk_to("org.annual_budget")
    walk.send("380k€, Environ 400 BRSA")
    assert walk.dossier.organisation.annual_budget == Decimal("380000.00")
    assert "« Environ 400 BRSA » n’est pas enregistré" in walk.text
    assert walk.key == "org.contact_name"


def test_a_figure_for_the_next_question_is_offered_there() -> None:
    walk = walk_to("org.volunteers")
    walk.send("12 bénévoles et 380k de budget")
    assert walk.dossier.organisation.volunteers == 12
    assert walk.key == "org.annual_budget"
    assert "Vous aviez aussi écrit « 380k de budget »" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.annual_budget == Decimal("380000.00")


def test_the_answer_restated_or_broken_down_says_nothing_more() -> None:
    walk = walk_to("org.annual_budget")
    walk.send("380 000, soit 380k")
    assert walk.dossier.organisation.annual_budget == Decimal("380000.00")
    assert "n’est pas enregistré" not in walk.text
    walk = walk_to("org.members")
    walk.send("45 SIAE, 30 ACI et 15 EI")
    assert walk.text.count("n’est pas enregistré") == 1  # the breakdown's own note, once


def test_a_decimal_comma_is_no_second_figure() -> None:
    walk = walk_to("org.employees_fte")
    walk.send("4,2")
    assert walk.dossier.organisation.employees_fte == Decimal("4.2")
    assert "n’est pas enregistré" not in walk.text
