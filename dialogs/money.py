"""Money: French formatting ("12 500,00 €"); amounts typed by people are read by
`dialogs.parsing.parse_amount`.

Formatting relies on Babel's CLDR data for fr_FR; its narrow no-break spaces are turned
into ordinary spaces so the figures read and search the same in Telegram, a terminal,
Markdown and Word.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000")  # 100 M€: anything above is a typing mistake for this call

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


@cache
def _french() -> Locale:
    return Locale.parse("fr_FR")


@cache
def _pattern(pattern: str) -> NumberPattern:
    """Parsed once: Babel's format_decimal re-parses its pattern at every call."""
    return parse_pattern(pattern)


def format_eur(value: Decimal) -> str:
    """French money format with exactly two decimals: Decimal("12500") -> "12 500,00 €"."""
    amount = value.quantize(CENT, rounding=ROUND_HALF_UP)
    text = _pattern("#,##0.00").apply(amount, _french())
    return _SPACES.sub(" ", text) + " €"


def format_euros(value: Decimal) -> str:
    """Whole euros, as the CERFA asks ("Ne pas indiquer les centimes d’euros"):
    Decimal("12500.50") -> "12 501 €"."""
    amount = value.quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return _SPACES.sub(" ", _pattern("#,##0").apply(amount, _french())) + " €"


def share_in_euros(base: Decimal, numerator: Decimal | int, denominator: Decimal | int) -> Decimal:
    """A share typed by the applicant (« 70 % », « un tiers ») of `base`, in whole euros
    rounded down: the CERFA n° 12156 counts whole euros, and a share rounded down never
    exceeds a cap set as that share. Decimal("35256"), 70, 100 -> Decimal("24679.00")."""
    return (
        (base * numerator / denominator).quantize(Decimal("1"), rounding=ROUND_DOWN).quantize(CENT)
    )


def has_cents(value: Decimal) -> bool:
    """Whether an amount is not a whole number of euros: Decimal("12.50") -> True."""
    return value != value.to_integral_value()


def format_amount(value: Decimal, *, cents: bool) -> str:
    """An amount of a dossier's documents: with its cents when the dossier prints them
    (`dialogs.rules.prints_cents`), whole euros otherwise. Never one rounded and the next not:
    a column of figures rounded one by one no longer adds up to its printed total."""
    return format_eur(value) if cents else format_euros(value)


def format_number(value: Decimal | int) -> str:
    """French number without forced decimals: Decimal("0.5") -> "0,5"; 1200 -> "1 200"."""
    return _SPACES.sub(" ", _pattern("#,##0.###").apply(value, _french()))
