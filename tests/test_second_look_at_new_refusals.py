"""A reviewer's second look at this session's new refusals: each was right for the input it
was written for, and wrong for others people type. Names and titles, amounts beside a count,
the payroll tax's exemption, a « non » followed by « en fait »."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.support import walk_to


@pytest.mark.parametrize(
    "name",
    [
        "Jean Sur",
        "Maria da Conceição dos Santos Ferreira",
        "Jean-Baptiste Pierre-Marie Dupont-Durand",
    ],
)
def test_a_real_name_that_looks_odd_is_asked_back_and_kept_on_yes(name: str) -> None:
    """« Jean Sur » (a word of a list), six words with « da », « dos »: refused for good
    (« ne ressemble pas à un nom »), the name sent again refused again."""
    walk = walk_to("org.rep_name")
    walk.send(name)
    assert "ne ressemble pas à un nom de personne" not in walk.text
    if walk.key == "org.rep_name":  # asked back, never refused
        assert "Dois-je retenir" in walk.text
        walk.send("oui")
    assert walk.dossier.organisation.representative.name == name


def test_an_activity_list_is_still_refused_as_a_name() -> None:
    walk = walk_to("org.contact_name")
    walk.send("ateliers et formations pour les encadrants des SIAE")
    assert "ne ressemble pas à un nom de personne" in walk.text
    assert walk.dossier.organisation.contact.name is None


@pytest.mark.parametrize(
    "title",
    [
        "vice-présidente du Département en charge de l'insertion et de l'emploi",
        "coordinatrice des 40 SIAE adhérentes",
    ],
)
def test_a_long_title_or_one_counting_siae_is_a_title(title: str) -> None:
    walk = walk_to("org.rep_role")
    walk.send(title)
    assert walk.dossier.organisation.representative.role == title


@pytest.mark.parametrize("typed", ["50000 sur 2 ETP", "70000 / 2 ETP"])
def test_an_amount_beside_a_count_of_fte_is_read_as_an_amount(typed: str) -> None:
    """« 50000 sur 2 ETP » was refused « ce sont des ETP, pas des euros »."""
    walk = walk_to("bud.staff.0.annual_cost")
    walk.send(typed)
    assert "pas des euros" not in walk.text
    assert "000,00 €" in walk.text


def test_non_exoneres_is_no_exemption() -> None:
    """« non exonérés » recorded 0 € with « ✅ Exonération notée »."""
    walk = walk_to("bud.payroll_tax")
    walk.send("non exonérés")
    assert walk.dossier.budget.payroll_tax is None
    assert "Exonération notée" not in walk.text


def test_exoneres_pas_de_taxe_is_an_exemption() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.send("exonérés, pas de taxe")
    assert walk.dossier.budget.payroll_tax == Decimal("0")


def test_unsure_of_the_exemption_is_no_answer_about_it() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.send("je ne sais pas si on est exonérés")
    assert walk.dossier.budget.payroll_tax is None
    assert "sans exonération" not in walk.text


def test_an_exemption_of_social_charges_is_not_kept_for_the_payroll_tax() -> None:
    walk = walk_to("bud.social")
    walk.send("exonérés de charges patronales")
    assert "bud.payroll_tax" not in walk.dossier.set_aside


@pytest.mark.parametrize(
    "typed",
    ["non, en fait on finance tout nous-mêmes", "non, finalement c'est le Département seul"],
)
def test_a_non_explained_is_a_non(typed: str) -> None:
    walk = walk_to("bud.funders")
    walk.send(typed)
    assert "dois-je comprendre oui" not in walk.text
    assert walk.dossier.budget.has_other_funders is False


def test_non_enfin_si_is_asked_as_yes() -> None:
    walk = walk_to("bud.funders")
    walk.send("non enfin si")
    assert "dois-je comprendre oui ?" in walk.text
