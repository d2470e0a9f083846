"""A hurried applicant's answers, read as meant or asked back, never stored misread: told as
a tester lived them — hours stored as euros, « 3 mois à partir de septembre » stored as March
to September, « environ 1/3 » refused, months offered as a territory, « disons 8 » passed over."""

from __future__ import annotations

from decimal import Decimal

from tests.support import walk_to

MONTHS = "plan.o1.0.months"


def _months(walk_months: list[str]) -> list[str]:
    return [m[5:] for m in walk_months]


# -- the months of an action -----------------------------------------------------------------
def test_a_duration_from_a_month_is_counted_from_that_month() -> None:
    """« sur 3 mois à partir de septembre » was stored as March to September (7 months)."""
    walk = walk_to(MONTHS)
    walk.send("sur 3 mois à partir de septembre")
    assert _months(walk.dossier.plan.actions["o1"][0].months) == ["09", "10", "11"]
    walk = walk_to(MONTHS)
    walk.send("pendant 3 mois dès septembre")
    assert _months(walk.dossier.plan.actions["o1"][0].months) == ["09", "10", "11"]


def test_a_duration_alone_is_asked_back_which_months_never_taken_as_a_month() -> None:
    """« 6 mois » alone was stored as June only."""
    walk = walk_to(MONTHS)
    walk.send("6 mois")
    assert walk.key == MONTHS and walk.dossier.plan.actions["o1"][0].months is None
    assert "6 mois, mais lesquels ?" in walk.text
    assert "6 mois à partir de janvier" in walk.text
    walk.send("6 mois à partir de mars")
    months = walk.dossier.plan.actions["o1"][0].months
    assert _months(months) == ["03", "04", "05", "06", "07", "08"]


def test_an_action_every_quarter_is_asked_back_as_the_whole_year() -> None:
    """« tous les trimestres » was refused as months not recognised."""
    walk = walk_to(MONTHS)
    walk.send("tous les trimestres")
    assert walk.key == MONTHS and "janvier 2025 – décembre 2025" in walk.text
    walk.send("oui")
    assert len(walk.dossier.plan.actions["o1"][0].months) == 12


# -- hours at an amount ------------------------------------------------------------------------
def test_hours_at_an_in_kind_value_are_never_stored_as_euros() -> None:
    """« 200h au smic » at a volunteering's value was stored as 200 € without a word. Hours
    are no euros, and the call states no hourly rate: the value in euros is asked for."""
    walk = walk_to("bud.in_kind")
    walk.answers(["oui", "Bénévolat", "Accompagnement des bénévoles"])
    assert walk.key == "bud.in_kind.0.amount"
    for typed in ("200h au smic", "200 heures", "10 x 20h"):
        walk.send(typed)
        assert walk.key == "bud.in_kind.0.amount", typed
        assert "ce sont des heures (200 h), pas des euros" in walk.text, typed
        assert "l’appel à projets ne fixe pas de taux" in walk.text
        assert "€" not in walk.text  # no rate assumed, no amount made up
    walk.send("2 300")
    assert [c.amount for c in walk.dossier.budget.in_kind] == [Decimal("2300.00")]


# -- a share of the staff costs ------------------------------------------------------------------
def test_a_fraction_of_the_staff_costs_is_read_like_a_percentage_of_them() -> None:
    """« environ 1/3 » at the employer's social charges was refused, where « 33 % » of the
    staff costs shown in the question is read: the fraction is asked back, converted."""
    walk = walk_to("bud.social")
    walk.send("environ 1/3")
    assert walk.key == "bud.social"
    # in whole euros, rounded down, as the CERFA counts them (said so)
    assert "1/3 de 50 000,00 €, cela fait 16 666 € (arrondi à l’euro)" in walk.text
    walk.send("oui")
    assert walk.dossier.budget.social_charges == Decimal("16666")
    for typed, said in (("un tiers", "16 666 € (arrondi"), ("la moitié", "25 000,00 € :")):
        walk = walk_to("bud.social")
        walk.send(typed)
        assert f"cela fait {said}" in walk.text and walk.key == "bud.social", typed


# -- words naming no place at the territory ------------------------------------------------------
TERRITORY = "plan.o1.0.territory_scope"


def test_months_a_count_or_none_at_the_territory_are_no_territory_offered() -> None:
    """« sept à déc » got « vouliez-vous dire « Tout le Pas-de-Calais » ? » (« sept » read as
    « dept » mistyped); « aucun » and « 2 SIAE qui se lancent » were offered as territories
    to detail « Des territoires précis ». None is a place: refused, saying what is expected."""
    for typed, said in (
        ("sept à déc", "indique des mois, pas un territoire"),
        ("aucun", "ne nomme pas de territoire"),
        ("2 SIAE qui se lancent", "compte des structures ou des personnes"),
    ):
        walk = walk_to(TERRITORY)
        walk.send(typed)
        assert walk.key == TERRITORY and walk.dossier.cursor.asking_back is None, typed
        assert said in walk.text, typed
        assert "« Tout le Pas-de-Calais » ou « Des territoires précis (EPCI…) »" in walk.text
        assert walk.dossier.plan.actions["o1"][0].territory_scope is None


def test_places_typed_at_the_territory_are_still_offered_as_its_details() -> None:
    walk = walk_to(TERRITORY)
    walk.send("CC des 7 Vallées et Arras")
    assert "dois-je retenir « Des territoires précis (EPCI…) »" in walk.text


def test_months_typed_at_the_areas_are_refused_as_no_territory() -> None:
    walk = walk_to(TERRITORY)
    walk.send("2")
    assert walk.key == "plan.o1.0.areas"
    walk.send("sept à déc")
    assert walk.key == "plan.o1.0.areas" and "indique des mois, pas un territoire" in walk.text
    assert walk.dossier.plan.actions["o1"][0].areas is None


# -- the applicant's own figure at an indicator target -------------------------------------------
def test_the_figure_said_after_a_targets_parts_is_the_one_asked_back() -> None:
    """« 4 comités + les COPIL, disons 8 » got « c'est une limite plutôt qu'un chiffre.
    Dois-je retenir 4 (disons 8) ? »: 8 is the applicant's figure, asked back with its parts."""
    walk = walk_to("ind.comites")
    walk.send("4 comités + les COPIL, disons 8")
    assert walk.key == "ind.comites"
    assert "dois-je retenir 8 (4 comités + les COPIL) ?" in walk.text
    assert "limite" not in walk.text
    walk.send("oui")
    target = walk.dossier.indicators.targets["comites"]
    assert (target.target, target.comment) == (8, "4 comités + les COPIL")
