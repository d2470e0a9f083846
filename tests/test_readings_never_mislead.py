"""A hurried applicant's answers, read as meant or asked back, never stored misread: told as
a tester lived them — hours stored as euros, « 3 mois à partir de septembre » stored as March
to September, « environ 1/3 » refused, months offered as a territory, « disons 8 » passed over."""

from __future__ import annotations

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
