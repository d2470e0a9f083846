"""Money: exact parsing of what French users type, and French formatting ("12 500,00 €").

Formatting relies on Babel's CLDR data for fr_FR; its narrow no-break spaces are turned
into ordinary spaces so the figures read and search the same in Telegram, a terminal,
Markdown and Word.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, parse_pattern

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("100000000")  # 100 M€: anything above is a typing mistake for this call

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"(€|eur(os?)?)$", re.IGNORECASE)


class AmountError(ValueError):
    """Why a typed amount was refused; `reason` is one of: empty, format, negative, too_large."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def parse_amount(text: str, *, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """Read "12 500", "12 500,50 €", "12500.5", "12.500,50" as an exact Decimal in euros."""
    raw = text.strip()
    if not raw:
        raise AmountError("empty")
    raw = _CURRENCY.sub("", raw.strip()).strip()
    if raw.startswith("-"):
        raise AmountError("negative")
    raw = _SPACES.sub("", raw)
    if not re.fullmatch(r"[0-9.,]+", raw) or not re.search(r"[0-9]", raw):
        raise AmountError("format")
    if "," in raw and "." in raw:
        # "12.500,50": dots group thousands, the comma is the decimal mark.
        if raw.rfind(",") < raw.rfind("."):
            raise AmountError("format")
        raw = raw.replace(".", "")
    if raw.count(",") + raw.count(".") > 1:
        if raw.count(".") > 1 and "," not in raw and re.fullmatch(r"\d{1,3}(\.\d{3})+", raw):
            raw = raw.replace(".", "")
        else:
            raise AmountError("format")
    raw = raw.replace(",", ".")
    whole, _, fraction = raw.partition(".")
    if not whole and not fraction:
        raise AmountError("format")
    if len(fraction) > 2:
        raise AmountError("format")
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise AmountError("format") from exc
    if value > maximum:
        raise AmountError("too_large")
    return value.quantize(CENT)


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


def format_number(value: Decimal | int) -> str:
    """French number without forced decimals: Decimal("0.5") -> "0,5"; 1200 -> "1 200"."""
    return _SPACES.sub(" ", _pattern("#,##0.###").apply(value, _french()))
