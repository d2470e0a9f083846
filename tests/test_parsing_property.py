"""Whatever is typed, a parser gives a value, a refusal or a question back: never another
exception, and never a long wait (10 000 characters, control characters, huge numbers)."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs import parsing
from dialogs.spec import Choice

PERIOD = [f"2025-{m:02d}" for m in range(1, 13)]
CHOICES = [
    Choice(id="network_departmental", label="Tête de réseau IAE départementale"),
    Choice(id="siae_aci", label="SIAE : atelier et chantier d’insertion (ACI)"),
    Choice(id="c62", label="62 – Autres services extérieurs (honoraires, déplacements, c"),
    Choice(id="department", label="Tout le Pas-de-Calais"),
]
PARSERS: dict[str, Callable[[str], Any]] = {
    "text": lambda t: parsing.parse_text(t, max_length=2000),
    "integer": lambda t: parsing.parse_integer(t, maximum=5000),
    "month_count": lambda t: parsing.parse_month_count(t, maximum=12),
    "amount": lambda t: parsing.parse_amount(t, percent_base=Decimal("60000"), ceiling=Decimal(1)),
    "fte": lambda t: parsing.parse_fte(t, maximum=Decimal(50)),
    "months": lambda t: parsing.parse_months(t, PERIOD),
    "yes_no": parsing.parse_yes_no,
    "choice": lambda t: parsing.parse_choice(t, CHOICES, aliases=parsing.choice_aliases()),
    "multi": lambda t: parsing.parse_multi(t, CHOICES, aliases=parsing.choice_aliases()),
    "siret": parsing.parse_siret,
    "phone": parsing.parse_phone,
    "email": parsing.parse_email,
    "target": lambda t: parsing.parse_target_with_comment(t, maximum=100_000),
}
EXPECTED = (parsing.InvalidAnswer, parsing.NeedsConfirmation, parsing.Ambiguous)

# Text that looks like answers: digits of every script, separators, units, words, controls.
PIECES = st.sampled_from(
    [
        "1", "12", "1 500", "0,5", "1.500,50", "45k€", "%", "€", "-", "+", "x", "/", "(", ")",
        ";", ",", ".", "environ", "une quinzaine", "mars", "à", "juin", "T1", "S2", "oui",
        "non", "pas", "sauf", "dont", "SIAE", "mi-temps", "ETP", "h", "mois", "an", "de",
        "９", "٣", "²", "\x00", "\u200b", "\ud800", "\n", "\t", "1e9", "9" * 40, "@", "+33",
    ]
)  # fmt: skip
ANSWERS = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=30).map(" ".join),
    st.lists(PIECES, max_size=30).map("".join),
)


@pytest.mark.parametrize("kind", sorted(PARSERS))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANSWERS)
def test_any_text_gets_a_value_a_refusal_or_a_question_back(kind: str, text: str) -> None:
    with contextlib.suppress(EXPECTED):
        PARSERS[kind](text)


LONG_INPUTS = [
    "1" * 10_000,
    "1 " * 5_000,
    "1,5" * 3_333,
    "1 500" * 2_000,
    "a" * 10_000,
    "mars à " * 1_400,
    "oui " * 2_500,
    "tete de reseau " * 650,
    "\x00" * 10_000,
    "9" * 5_000 + "€",
    "-" * 10_000,
    "(" * 10_000,
    "1/" * 5_000,
    "@" * 10_000,
]


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_10000_characters_are_answered_at_once(kind: str) -> None:
    """No catastrophic backtracking: each long answer is settled in a few milliseconds
    (a generous bound here; bench/bench_parsing.py measures)."""
    for text in LONG_INPUTS:
        started = time.perf_counter()
        with contextlib.suppress(EXPECTED):
            PARSERS[kind](text)
        assert time.perf_counter() - started < 0.5, (kind, text[:20])
