"""Several facts in one message, told as a hurried applicant typed them: each goes to its
question, said back, none stored where it does not belong and none dropped; an amount whose
meaning the skipped question would have told is asked back rather than guessed."""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose
from tests.support import walk_to

FTE = "bud.staff.0.fte"


# -- a cost carried with the mode, for a post below full time ----------------------------------
def test_a_monthly_cost_carried_at_07_etp_asks_whether_it_is_the_full_times() -> None:
    """« 3,2k par mois chargé, sur 12 mois » at the cost mode, the post at 0,7 ETP: stored
    as the full-time cost (26 880 €) though the applicant never saw « à temps plein » and
    may have typed the post's cost. Asked once, both totals said."""
    walk = walk_to(FTE)
    walk.send("0,7")
    walk.send("3,2k par mois chargé, sur 12 mois")
    walk.send("oui")  # « Coût mensuel × nombre de mois » ?
    assert "3 200,00 € par mois, est-ce le coût d’un temps plein" in walk.text
    assert "(26 880,00 € pour 0,7 ETP) ou déjà celui de 0,7 ETP (38 400,00 €)" in walk.text
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert labels == ["Coût d’un temps plein", "Déjà pour 0,7 ETP"]
    assert walk.dossier.budget.staff[0].monthly_cost is None  # nothing stored unasked
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[1].id))
    line = walk.dossier.budget.staff[0]
    assert line.months == 12 and line.monthly_cost is not None
    assert "Coût retenu pour le poste « Chargée de mission IAE » : 38 400,00 €" in walk.text


def test_an_annual_cost_carried_at_07_etp_kept_as_full_time_when_typed_so() -> None:
    walk = walk_to(FTE)
    walk.send("0,7")
    walk.send("annuel, 42k chargé")
    walk.send("oui")
    assert "42 000,00 €, est-ce le coût d’un temps plein (29 400,00 € pour 0,7 ETP)" in walk.text
    walk.send("temps plein")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("42000")
    assert "29 400,00 € (0,7 ETP)" in walk.text


def test_the_posts_share_typed_makes_the_full_time_cost_the_amount_divided_by_the_etp() -> None:
    walk = walk_to(FTE)
    walk.send("0,7")
    walk.send("annuel, 42k chargé")
    walk.send("oui")
    walk.send("déjà pour 0,7 etp")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("60000")
    assert "42 000,00 € (0,7 ETP)" in walk.text


def test_a_cost_carried_for_a_full_time_post_is_taken_without_asking() -> None:
    walk = walk_to(FTE)
    walk.send("1")
    walk.send("annuel, 42k chargé")
    walk.send("oui")
    assert "est-ce le coût d’un temps plein" not in walk.text
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("42000")


# -- a post's role, ETP and cost in one message -----------------------------------------------
def test_role_etp_and_cost_typed_at_the_role_each_go_to_their_question() -> None:
    """« chargée de mission à 0,95 etp, 42k chargé » at « Fonction »: all of it stored as the
    role (the budget's Fonction column). The role is the words; the ETP and the cost go on."""
    walk = walk_to("bud.staff.0.role")
    walk.send("chargée de mission à 0,95 etp, 42k chargé")
    line = walk.dossier.budget.staff[0]
    assert line.role == "chargée de mission" and line.fte == Decimal("0.95")
    assert "je retiens aussi « ETP » : 0,95" in walk.text
    assert "« 42k chargé »" in walk.text and walk.key == "bud.staff.0.cost_mode"
    walk.send("Coût annuel")  # which mode « 42k » is, asked back: then the full time's?
    assert "42 000,00 €, est-ce le coût d’un temps plein (39 900,00 € pour 0,95 ETP)" in walk.text
    walk.send("temps plein")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("42000")


def test_yes_a_role_its_etp_and_cost_at_add_another_post_fill_the_new_post() -> None:
    """« oui, directeur 0,1 etp 55k/an » at « Ajouter un autre poste ? »: the whole string
    was the Fonction."""
    walk = walk_to("bud.staff.more")
    walk.send("oui, directeur 0,1 etp 55k/an")
    line = walk.dossier.budget.staff[1]
    assert line.role == "directeur" and line.fte == Decimal("0.1")
    walk.send("oui")  # « Coût annuel » ?
    assert "55 000,00 €, est-ce le coût d’un temps plein (5 500,00 € pour 0,1 ETP)" in walk.text


def test_a_role_and_figures_at_add_another_post_mean_yes() -> None:
    walk = walk_to("bud.staff.more")
    walk.send("directeur 0,1 etp 55k/an")
    assert len(walk.dossier.budget.staff) == 2
    assert walk.dossier.budget.staff[1].role == "directeur"
    assert walk.dossier.budget.staff[1].fte == Decimal("0.1")


# -- counts in one message --------------------------------------------------------------------
def test_staff_their_etp_and_volunteers_in_one_message_go_to_their_three_questions() -> None:
    """« 3 salariés pour 2,5 etp, une dizaine de bénévoles » at the staff count: « 3 ou
    10 ? », the ETP and the volunteers lost."""
    walk = walk_to("org.employees")
    walk.send("3 salariés pour 2,5 etp, une dizaine de bénévoles")
    org = walk.dossier.organisation
    assert org.employees == 3 and org.employees_fte == Decimal("2.5")
    assert "3 ou 10" not in walk.text
    assert "dois-je retenir 10 ?" in walk.text and walk.key == "org.volunteers"
    walk.send("oui")
    assert walk.dossier.organisation.volunteers == 10


def test_publics_named_in_one_message_are_each_assigned_never_summed() -> None:
    """« ~250 brsa et 60 jeunes dont 15 ASE » offered « 310 au total ? »."""
    walk = walk_to("plan.public.brsa")
    walk.send("~250 brsa et 60 jeunes dont 15 ASE")
    public = walk.dossier.plan.public
    assert (public.brsa, public.young, public.young_ase) == (250, 60, 15)
    assert "310" not in walk.text and walk.key == "plan.public.former_brsa"


def test_a_figure_that_measures_time_or_places_is_no_count_of_the_next_question() -> None:
    """(a reviewer's) « 12 salariés sur 3 sites » stored 3 ETP unasked; « 150 BRSA sur 2
    ans » 2 young people (« ans » as in « Jeunes de moins de 26 ans »)."""
    walk = walk_to("org.employees")
    walk.send("12 salariés sur 3 sites")
    assert walk.dossier.organisation.employees_fte is None
    walk = walk_to("plan.public.brsa")
    walk.send("150 BRSA sur 2 ans")
    assert walk.dossier.plan.public.young is None


def test_two_figures_for_one_count_are_still_asked_back() -> None:
    walk = walk_to("org.employees")
    walk.send("3 ou 10")
    assert walk.dossier.organisation.employees is None


def test_the_number_of_a_button_typed_picks_it_never_a_cost_of_1_euro() -> None:
    walk = walk_to(FTE)
    walk.send("0,7")
    walk.send("annuel, 42k chargé")
    walk.send("oui")
    walk.send("2")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("60000")


def test_an_amount_typed_at_the_cost_mode_is_asked_as_annual_or_monthly_and_kept() -> None:
    """« 45k€ » at « Comment voulez-vous indiquer le coût ? »: an officer walking the demo was
    told « plusieurs propositions correspondent », as if the amount matched two labels, and
    took it for a refusal. The question is which period the amount covers; the amount is
    kept for the cost asked next."""
    walk = walk_to("bud.staff.0.cost_mode")
    walk.send("45k€")
    said = walk.text
    assert "plusieurs propositions correspondent" not in said
    assert "« 45k€ » (45 000,00 €) : est-ce un coût annuel ou un coût mensuel ?" in said
    assert "je le reprends à la question suivante" in said
    walk.send("Coût annuel")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("45000")
