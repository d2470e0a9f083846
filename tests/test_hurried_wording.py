"""Wording a hurried applicant tripped on: the SIRET's echo kept a dangling « , » where the
SIRET was cut out, the review's detail cut answers mid-word with no « … » (« peu de
réponses aux », « orienter l »), and the running budget line called the taxe sur les
salaires « autres directes » after a « Non » to other direct charges."""

from __future__ import annotations

from dialogs.events import Choose
from tests.support import walk_to


def test_the_siret_echo_tidies_what_is_left_of_the_message() -> None:
    walk = walk_to("org.siret")
    walk.send("ah pardon c’est 732 829 320 00074, on est une asso loi 1901")
    assert "J’y lis le SIRET 732 829 320 00074" in walk.text
    assert "(« ah pardon c’est, on est une asso loi 1901 »)" in walk.text


def test_a_long_rest_of_the_message_is_shortened_at_a_word_with_an_ellipsis() -> None:
    walk = walk_to("org.siret")
    walk.send(
        "ah pardon c’est 732 829 320 00074 , on est une asso loi 1901 déclarée en préfecture"
        " du Pas-de-Calais depuis 1998"
    )
    assert "(« ah pardon c’est, on est une asso loi 1901 déclarée en préfecture du… »)" in (
        walk.text
    )


def test_the_reviews_detail_shortens_an_answer_at_a_word_with_an_ellipsis() -> None:
    walk = walk_to("review")
    walk.send(Choose("review", "_show:plan"))
    line = next(ln for ln in walk.text.splitlines() if ln.startswith("• Contexte"))
    assert line.endswith("le bâtiment ; beaucoup…")
    assert "beaucoup peu" not in line


def test_the_running_budget_line_names_the_payroll_tax_as_the_form_does() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.send("2500")
    assert walk.key == "bud.other"
    assert "(personnel 50 000,00 €, taxe sur les salaires 2 500,00 €," in walk.text
    assert "autres directes" not in walk.text


def test_other_direct_charges_are_named_apart_from_the_payroll_tax() -> None:
    walk = walk_to("bud.payroll_tax")
    walk.answers(["2500", "oui", "1", "Déplacements", "1000"])
    assert walk.key == "bud.other.more"
    assert "taxe sur les salaires 2 500,00 €, autres directes 1 000,00 €" in walk.text, walk.text
