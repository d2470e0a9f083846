"""An answer is stored only when it is what the question asks. A tester's run stored an
e-mail address as the legal representative's title, « Environ 150. » as an annual budget
of 150 €, and « Environ 400 BRSA. » as 400 volunteers: each passed the question's reading
because it held a word, or a figure. Now each is said, asked back, or kept for its own
question; nothing is stored before the applicant says so."""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose
from tests.support import Walk, walk_to

EMAIL = "marie.dupont@inser-reseau62.fr"


def buttons(walk: Walk) -> list[str]:
    return [b.label for m in walk.last.messages for b in m.buttons if not b.nav]


def test_an_email_typed_at_the_representatives_title_is_kept_for_the_email_question() -> None:
    walk = walk_to("org.rep_role")
    walk.send(EMAIL)
    assert walk.dossier.organisation.representative.role is None
    assert walk.key == "org.rep_role"
    assert "ressemble à une adresse e-mail" in walk.text
    assert "Je la garde pour la question « Adresse e-mail »" in walk.text
    walk.send("Président")
    assert walk.dossier.organisation.representative.role == "Président"
    walk.answers(["5", "4,2", "12", "380 000", "Marie Dupont", "Directrice"])
    assert walk.key == "org.email"
    assert EMAIL in walk.text  # offered at its own question
    walk.send("oui")
    assert walk.dossier.organisation.contact.email == EMAIL


def test_an_email_typed_while_a_title_is_asked_back_is_no_title() -> None:
    walk = walk_to("org.rep_role")
    walk.send("pdt")
    assert "comment l’écrire" in walk.text
    walk.send(EMAIL)
    assert walk.dossier.organisation.representative.role is None
    assert "ressemble à une adresse e-mail" in walk.text


def test_a_phone_number_typed_alone_at_the_contacts_title_is_kept_for_the_phone() -> None:
    walk = walk_to("org.contact_role")
    walk.send("tél : 03.21.21.65.50")
    assert walk.dossier.organisation.contact.role is None
    assert "ressemble à un numéro de téléphone" in walk.text


def test_a_title_with_a_figure_in_it_is_still_a_title() -> None:
    walk = walk_to("org.contact_role")
    walk.send("Chargée de mission IAE 62")
    assert walk.dossier.organisation.contact.role is not None
    assert "ressemble" not in walk.text


def test_a_small_annual_budget_is_asked_back_in_thousands_or_as_typed() -> None:
    walk = walk_to("org.annual_budget")
    walk.send("Environ 150.")
    assert walk.dossier.organisation.annual_budget is None
    assert "150 000,00 €" in walk.text and "150,00 €" in walk.text
    assert buttons(walk)[:2] == ["150 000,00 €", "150,00 €"]
    walk.send(Choose("org.annual_budget", "_c0"))
    assert walk.dossier.organisation.annual_budget == Decimal("150000.00")


def test_the_budget_asked_back_can_be_kept_as_typed_or_retyped() -> None:
    walk = walk_to("org.annual_budget")
    walk.send("150")
    walk.send(Choose("org.annual_budget", "_c1"))
    assert walk.dossier.organisation.annual_budget == Decimal("150.00")
    walk = walk_to("org.annual_budget")
    walk.send("150")
    walk.send("150 000")
    assert walk.dossier.organisation.annual_budget == Decimal("150000.00")


def test_a_budget_of_a_few_euros_is_asked_back_too() -> None:
    walk = walk_to("org.annual_budget")
    walk.send("8")
    assert walk.dossier.organisation.annual_budget is None
    assert "8 000,00 €" in walk.text and "8,00 €" in walk.text


def test_a_title_and_a_phone_keep_the_title_and_the_phone_for_its_question() -> None:
    walk = walk_to("org.contact_role")
    walk.send("Directrice, 06 12 34 56 78")
    assert walk.dossier.organisation.contact.role == "Directrice"
    assert walk.dossier.organisation.contact.phone == "+33612345678"
    assert walk.key == "org.email" and "adresse e-mail n’est pas valide" not in walk.text


def test_two_phone_numbers_at_a_title_are_no_title() -> None:
    walk = walk_to("org.contact_role")
    walk.send("06 12 34 56 78 ou 03 21 00 00 00")
    assert walk.dossier.organisation.contact.role is None
    assert walk.key == "org.contact_role"


def test_a_budget_in_thousands_or_with_cents_is_taken_as_typed() -> None:
    for typed, stored in (("380k€", "380000.00"), ("12 500", "12500.00"), ("9 999,50", None)):
        walk = walk_to("org.annual_budget")
        walk.send(typed)
        if stored is not None:
            assert walk.dossier.organisation.annual_budget == Decimal(stored), typed
    walk = walk_to("org.annual_budget")
    walk.send("9 999,50")
    assert walk.dossier.organisation.annual_budget == Decimal("9999.50")


def test_brsa_typed_at_the_volunteers_count_is_asked_back() -> None:
    walk = walk_to("org.volunteers")
    walk.send("Environ 400 BRSA.")
    assert walk.dossier.organisation.volunteers is None
    assert "dois-je retenir 400" in walk.text


def test_brsa_typed_at_the_staff_count_is_asked_back() -> None:
    walk = walk_to("org.employees")
    walk.send("400 BRSA")
    assert walk.dossier.organisation.employees is None
    assert "dois-je retenir 400" in walk.text


def test_a_count_of_the_people_asked_is_taken() -> None:
    for key, typed, get, count in (
        ("org.volunteers", "12 bénévoles", lambda d: d.organisation.volunteers, 12),
        ("org.employees", "5 salariés", lambda d: d.organisation.employees, 5),
        ("org.volunteers", "12 personnes", lambda d: d.organisation.volunteers, 12),
        ("plan.public.brsa", "320 BRSA", lambda d: d.plan.public.brsa, 320),
        ("plan.public.brsa", "320 salariés", lambda d: d.plan.public.brsa, 320),
    ):
        walk = walk_to(key)
        walk.send(typed)
        assert get(walk.dossier) == count, (key, typed)


def test_a_short_name_holding_a_common_word_is_asked_about_that_word() -> None:
    walk = walk_to("org.rep_name")
    walk.send("Jean Sur")
    assert walk.dossier.organisation.representative.name is None
    assert "« Sur » est aussi un mot courant" in walk.text
    assert "phrase" not in walk.text and "pour le garder" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Jean Sur"
