"""What applicants typed in the interview that was still refused or mangled: a headcount
with its half-timers, a name after an FTE, « le max » at the Département's amount, a
territory with its « sur », the months typed with a territory."""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to


def test_five_employees_two_of_them_half_time_offers_four_fte() -> None:
    """« 5 dont 2 à mi-temps » at the headcount: 5 taken, and the half-timers were dropped
    unsaid, the FTE asked as if nothing had been typed (4 ETP is right)."""
    walk = walk_to("org.employees")
    walk.send("5 dont 2 à mi-temps")
    assert walk.dossier.organisation.employees == 5
    assert walk.dossier.organisation.employees_fte is None  # never stored unasked
    assert "4 ETP" in walk.text
    walk.send("oui")
    assert walk.dossier.organisation.employees_fte == Decimal(4)
    assert walk.key == "org.volunteers"


def test_five_employees_two_half_time_at_the_fte_question_still_asks_back() -> None:
    walk = walk_to("org.employees_fte")
    walk.send("5 dont 2 à mi-temps")
    assert walk.dossier.organisation.employees_fte is None
    assert "Dois-je retenir 4 ETP, ou 5 ETP ?" in walk.text


def test_an_fte_with_a_name_after_it_at_a_staff_line_says_the_name_is_not_recorded() -> None:
    """« 0.5 etp, c marie » at a post's FTE: « c marie » was carried to the cost's mode and
    refused there, the name lost."""
    walk = walk_to("bud.staff.0.fte")
    walk.send("0.5 etp, c marie")
    assert walk.dossier.budget.staff[0].fte == Decimal("0.5")
    assert "Le nom « marie » n’a pas été enregistré" in walk.text
    assert "Choisissez l’une des propositions" not in walk.text
    assert walk.key == "bud.staff.0.cost_mode"


def test_an_fte_with_a_name_after_it_at_an_action_says_the_name_is_not_recorded() -> None:
    """« 0,5 etp, c'est Marie Dupont » at an action's staff: the name was dropped unsaid."""
    walk = walk_to("plan.o1.0.fte")
    walk.send("0,5 etp, c'est Marie Dupont")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.5")
    assert "Le nom « Marie Dupont » n’a pas été enregistré" in walk.text
    assert walk.key == "plan.o1.0.expected_results"


def test_an_fte_with_a_role_after_it_names_nobody() -> None:
    walk = walk_to("plan.o1.0.fte")
    walk.send("0,5 etp, c'est la directrice")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.5")
    assert "n’a pas été enregistré" not in walk.text


def test_the_maximum_at_the_departements_amount_offers_what_remains_to_fund() -> None:
    """« le max » at the Département's amount was refused with « Cette question n’a pas de
    maximum »: the call sets no cap there, and the most one may ask is what the other
    resources leave uncovered, offered (never stored unasked)."""
    for typed in ("le max", "le maximum", "le plafond"):
        walk = walk_to("bud.dept")
        walk.send(typed)
        assert walk.dossier.budget.departement_request is None
        assert "ne fixe pas de plafond" in walk.text
        assert "70 000,00 €" in walk.text
        walk.send("oui")
        assert walk.dossier.budget.departement_request == Decimal("70000.00")


def test_a_territory_split_off_a_count_is_stored_without_its_sur() -> None:
    """« 42 SIAE, sur Arras » at the member count: the territory offered and stored was
    « sur Arras »."""
    walk = walk_to("org.members")
    walk.send("42 SIAE, sur Arras")
    assert walk.dossier.organisation.member_siae_count == 42
    walk.send("oui")
    assert walk.dossier.organisation.territory == "Arras"
    walk = walk_to("org.members")
    walk.send("42 SIAE dans le Boulonnais")
    walk.send("oui")
    assert walk.dossier.organisation.territory == "le Boulonnais"


def test_the_whole_year_typed_with_the_territory_is_kept_for_the_months() -> None:
    """« tout le 62, ttes l'année » at an action's territory: the territory asked back,
    then confirmed, and the months (« toute l'année ») dropped unsaid."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("tout le 62, ttes l'année")
    walk.send("oui")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.territory_scope == "department"
    assert action.months == [f"2025-{m:02d}" for m in range(1, 13)]
    assert "ttes l'année" in walk.text


def test_months_typed_after_the_territory_are_kept_for_the_months() -> None:
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("tout le Pas-de-Calais, de mars à juin")
    if walk.key == "plan.o1.0.territory_scope":
        walk.send("oui")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.territory_scope == "department"
    assert action.months == [f"2025-{m:02d}" for m in range(3, 7)]


# -- a tester's second round: facts typed ahead, never dropped unsaid ------------------------
def test_a_territory_typed_with_an_actions_siae_count_is_kept_for_its_territory() -> None:
    """« 15 SIAE, sur Arras » at an action's SIAE count: 15 taken, « sur Arras » dropped
    unsaid (the organisation's count carries it to the territory)."""
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("15 SIAE, sur Arras")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 15
    assert "Je garde « sur Arras » pour « Territoire »" in walk.text
    walk.send("1, 2")  # the SIAE types
    assert walk.key == "plan.o1.0.territory_scope"
    assert "Vous aviez aussi écrit « sur Arras »" in walk.text
    assert "Des territoires précis (EPCI…)" in walk.text
    walk.send("oui")
    action = walk.dossier.plan.actions["o1"][0]
    assert (action.territory_scope, action.areas) == ("areas", "Arras")
    assert walk.key == "plan.o1.0.months"


def test_a_count_and_a_territory_typed_with_an_actions_title_leave_the_title_alone() -> None:
    """« formation, 15 SIAE, sur Arras » at an action's title kept « formation, sur Arras »."""
    walk = walk_to("plan.o1.0.title")
    walk.send("formation, 15 SIAE, sur Arras")
    assert walk.dossier.plan.actions["o1"][0].title == "formation"
    assert "« 15 SIAE » pour « Nombre de SIAE ciblées »" in walk.text
    assert "« sur Arras » pour « Territoire »" in walk.text
    walk.send("Un cycle de formation des encadrants techniques.")
    walk.send("oui")  # « 15 SIAE » offered at the count
    assert walk.dossier.plan.actions["o1"][0].siae_count == 15
    walk.send("1, 2")
    walk.send("oui")  # « sur Arras » offered at the territory
    action = walk.dossier.plan.actions["o1"][0]
    assert (action.territory_scope, action.areas) == ("areas", "Arras")
    walk = walk_to("plan.o1.0.title")  # the frame of the action is no territory
    walk.send("formation, 15 SIAE, dans le cadre du PDI")
    assert walk.dossier.plan.actions["o1"][0].title == "formation, dans le cadre du PDI"


def test_months_typed_after_the_areas_are_kept_for_the_months() -> None:
    """« Arras et Lens, de mars à juin » for « Des territoires précis »: the months were
    stored in the areas (« EPCI ou territoires »), the months question asked as if unsaid."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("2")
    walk.send("Arras et Lens, de mars à juin")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.areas == "Arras et Lens"
    assert action.months == [f"2025-{m:02d}" for m in range(3, 7)]
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("Arras et Lens, de mars à juin")
    walk.send("oui")  # « Des territoires précis », with these words?
    action = walk.dossier.plan.actions["o1"][0]
    assert action.areas == "Arras et Lens"
    assert action.months == [f"2025-{m:02d}" for m in range(3, 7)]


def test_a_name_after_an_fte_asked_back_is_said_not_recorded_once_confirmed() -> None:
    """« 17h30, c marie »: the hours asked back as 0,5 ETP, then « oui »: the name went
    unsaid, where « 0,5 etp, c marie » says it is not recorded."""
    walk = walk_to("plan.o1.0.fte")
    walk.send("17h30, c marie")
    assert walk.dossier.plan.actions["o1"][0].fte is None
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.5")
    assert "Le nom « marie » n’a pas été enregistré" in walk.text


def test_a_name_after_an_approximate_fte_is_said_not_recorded() -> None:
    """« 0,5 etp environ, c marie »: « environ, c marie » was carried to the cost's mode and
    refused there, or dropped unsaid at an action."""
    walk = walk_to("plan.o1.0.fte")
    walk.send("0,5 etp environ, c marie")
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("0.5")
    assert "Le nom « marie » n’a pas été enregistré" in walk.text
    walk = walk_to("bud.staff.0.fte")
    walk.send("0,5 etp environ, c marie")
    assert walk.dossier.budget.staff[0].fte == Decimal("0.5")
    assert "Le nom « marie » n’a pas été enregistré" in walk.text
    assert "Choisissez l’une des propositions" not in walk.text


def test_the_headcount_and_its_half_timers_are_quoted_as_typed() -> None:
    """« 5 dont 2 à mi-temps » was quoted « 5 personnes dont 2 à mi-temps »."""
    walk = walk_to("org.employees")
    walk.send("5 dont 2 à mi-temps")
    assert "« 5 personnes dont 2 à mi-temps »" not in walk.text
    assert "Vous avez écrit « 5 dont 2 à mi-temps »" in walk.text


def test_a_territory_typed_with_its_sur_at_the_actions_territory_is_stored_without_it() -> None:
    """« sur Arras » at an action's territory, « Des territoires précis » confirmed: the
    areas stored were « sur Arras »."""
    walk = walk_to("plan.o1.0.territory_scope")
    walk.send("sur Arras")
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].areas == "Arras"


def test_a_place_typed_with_a_count_no_question_asks_where_is_said_not_kept() -> None:
    """« 250, sur Arras » at the public's count: « sur Arras » dropped unsaid."""
    walk = walk_to("plan.public.brsa")
    walk.send("250, sur Arras")
    assert walk.dossier.plan.public.brsa == 250
    assert "« sur Arras » ne répond pas à « Jeunes de moins de 26 ans »" in walk.text


def test_types_and_a_territory_typed_with_an_actions_siae_count_each_go_to_theirs() -> None:
    """« 15 SIAE ACI et EI, sur Arras »: the types and the place were both dropped unsaid."""
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("15 SIAE ACI et EI, sur Arras")
    action = walk.dossier.plan.actions["o1"][0]
    assert (action.siae_count, action.siae_types) == (15, ["aci", "ei"])
    assert walk.key == "plan.o1.0.territory_scope"
    walk.send("oui")
    assert walk.dossier.plan.actions["o1"][0].areas == "Arras"
