"""Several shares of full time typed in one answer are read together, never one of them for
the whole: a tester's « 3 ETP dont 1 à mi temps » at an action's FTE was stored as 0,5 ETP
with no echo (the « mi temps » won over the 3), and « 2 temps plein et un mi-temps » at the
organisation's FTE as 2."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dialogs.events import Choose
from dialogs.parsing import Ambiguous, NeedsConfirmation, parse_fte
from tests.support import walk_to

# What is typed, and what the bot makes of it: a value, ("confirm", value) or ("pick", values).
READINGS: list[tuple[str, object]] = [
    ("3 ETP dont 1 à mi temps", ("pick", ["2.5", "3"])),
    ("3 personnes dont une à mi-temps", ("confirm", "2.5")),
    ("2 temps plein et un mi-temps", ("confirm", "2.5")),
    ("1 plein temps + 1 mi temps", ("confirm", "1.5")),
    ("un mi-temps et un 80%", ("confirm", "1.3")),
    ("7 ETP et demi", "7.5"),
    ("1 ETP et demi", "1.5"),
    ("un temps plein et demi", "1.5"),
    ("2 personnes à mi temps", "1"),
    ("deux mi-temps", "1"),
    ("6 et demi", "6.5"),
    ("0,5 ETP (mi-temps)", "0.5"),
    ("1,5 (un temps plein et un mi-temps)", "1.5"),
    ("2 ETP ou 2 et demi", ("pick", ["2", "2.5"])),
]


@pytest.mark.parametrize(("typed", "expected"), READINGS)
def test_shares_typed_together_are_read_together(typed: str, expected: object) -> None:
    try:
        got: object = parse_fte(typed, maximum=Decimal(50))
    except NeedsConfirmation as question:
        got = ("confirm", question.value)
    except Ambiguous as question:
        got = ("pick", question.candidates)
    if isinstance(expected, tuple):
        kind, values = expected
        wanted: object = (
            (kind, [Decimal(v) for v in values]) if kind == "pick" else (kind, Decimal(values))
        )
    else:
        wanted = Decimal(str(expected))
    assert got == wanted


def test_three_fte_one_of_them_half_time_is_asked_back_at_an_action() -> None:
    walk = walk_to("plan.o1.0.fte")
    walk.send("3 ETP dont 1 à mi temps")
    assert walk.key == "plan.o1.0.fte"
    assert walk.dossier.plan.actions["o1"][0].fte is None
    assert "cela fait 2,5 ETP" in walk.text
    assert "Dois-je retenir 2,5 ETP, ou 3 ETP ?" in walk.text
    walk.send(Choose("plan.o1.0.fte", "_c0"))
    assert walk.dossier.plan.actions["o1"][0].fte == Decimal("2.5")


def test_two_full_time_and_one_half_time_is_confirmed_as_their_sum() -> None:
    walk = walk_to("org.employees_fte")
    walk.send("2 temps plein et un mi-temps")
    assert "cela fait 2,5 ETP au total" in walk.text
    assert walk.dossier.organisation.employees_fte is None
    walk.send("oui")
    assert walk.dossier.organisation.employees_fte == Decimal("2.5")
