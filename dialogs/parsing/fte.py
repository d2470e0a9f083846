"""Full-time equivalents as people type them: "0,5", "0,5 ETP", "mi-temps", "50 %", "1/2",
"17 h 30" (read as hours a week: 0,5, confirmed), "3 jours par semaine" (days of a five-day
week: 0,6, confirmed), "un temps plein et demi".

The figures are read as for the other numbers (`numbers.py`: one figure in range, words that
only describe it kept, bounds and estimates confirmed, several figures asked back); hours,
fractions and spoken shares are FTE's own readings. Values are `Decimal`s with at most two
decimals, never floats.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from dialogs.parsing.errors import Ambiguous, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.figures import LIMIT, Figure, Reading, read_figures
from dialogs.parsing.numbers import HUNDREDTH, _main, _typed
from dialogs.parsing.vocabulary import has_phrase, vocabulary

_HOURS = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:h|heures?)\s*(\d{2})?(?![a-z])")
# "3 jours par semaine", "2j/sem", "2 jours et demi par semaine", "3 jours sur 5", "4j/5",
# "5j/7" (a seven-day notation: full time): days of a working week, read only when no ETP
# figure and no hours are typed; "3 jours" alone too (confirmed); "2 jours par mois" refused.
_DAYS_FIGURE = (
    r"(?<![\d,.])(?P<days>\d+(?:[.,]\d+)?)\s*(?:j|jr|jrs|jours?)(?P<half>\s+et\s+demie?)?(?![a-z])"
)
_DAYS = re.compile(
    _DAYS_FIGURE + r"\s*(?:/|par|sur|chaque|a\s+la|pa)\s*"
    r"(?:semaines?|sem|s|(?P<week>[1-7])|(?P<longer>mois|an|annee))(?![a-z\d])"
)
_BARE_DAYS = re.compile(r"^\s*" + _DAYS_FIGURE + r"\s*[.!]?\s*$")
_DAY_WORD = re.compile(r"(?<![a-z])(?:\d+\s*j|jours?|jrs?)(?![a-z])")
_FRACTION = re.compile(r"(?<![\d/])(\d{1,2})\s?/\s?(\d{1,2})(?![\d/])")
_AND_A_HALF = re.compile(r"\b(\d+)\s+et\s+demie?\b")
_ETP_WORDS = re.compile(r"[ée]quivalents?[ -]temps[ -]pleins?|\bE\.T\.P\.?", re.IGNORECASE)
WEEKLY_HOURS = Decimal(35)  # the legal full-time week in France
WEEKLY_DAYS = 5  # the usual full-time working week


def parse_fte(text: str, *, maximum: Decimal) -> Decimal:
    """Full-time equivalents: "0,5", "0,5 ETP", "mi-temps", "50 %", "1/2", "17 h 30" (0,5 ?)."""
    details: dict[str, Any] = {"maximum": maximum, "unit": "ETP"}
    if len(text) > LIMIT:
        raise InvalidAnswer("fte_format", **details)
    reading = read_figures(_ETP_WORDS.sub(" ETP ", text))
    vocab = vocabulary()
    prepared = reading.text
    hours = _HOURS.search(prepared)
    if hours is not None:
        return _from_hours(hours, prepared, details)
    if not re.search(r"\betp\b", prepared) and _DAY_WORD.search(prepared):
        days = _DAYS.search(prepared) or _BARE_DAYS.search(prepared)
        if days is None:  # "2 jours de formation", "3 jours sur 10": no share of a week
            raise InvalidAnswer("fte_days", **details)
        return _from_days(days, details)
    percent = next((f for f in reading.figures if f.percent), None)
    if percent is not None:
        return _fte_checked(percent.value / 100, percent, reading, details)
    fraction = _FRACTION.search(prepared)
    if fraction is not None:
        return _from_fraction(fraction, details)
    half = _AND_A_HALF.search(prepared)
    if half is not None:
        return _fte_in_range(Decimal(half.group(1)) + Decimal("0.5"), details)
    spoken = _spoken_fte(prepared)
    if spoken is not None:
        return _fte_in_range(spoken, details)
    if reading.has(vocab.fte.vague) and not reading.figures:
        raise InvalidAnswer("fte_vague", **details)
    approximate = next(
        (v for p, v in vocab.fte.approximate.items() if has_phrase(prepared, (p,))), None
    )
    if approximate is not None:
        raise NeedsConfirmation("fte_rounded", _fte_in_range(approximate, details), **details)
    main, others = _main(reading)
    if main is None:
        if reading.has(vocab.numbers.zero):
            raise InvalidAnswer("fte_range", **details)
        if reading.has(vocab.numbers.unknown):  # « je sais pas »: an estimate will do
            raise InvalidAnswer("fte_unknown", **details)
        raise InvalidAnswer("fte_format", **details)
    if others:
        candidates = [f.value for f in (main, *others)]
        raise Ambiguous("number_several", candidates, typed=_typed(text), **details)
    value = main.other_reading if main.other_reading is not None else main.value
    return _fte_checked(value, main, reading, details)


def _fte_checked(
    value: Decimal, figure: Figure, reading: Reading, details: dict[str, Any]
) -> Decimal:
    if figure.malformed or figure.negative or figure.currency:
        raise InvalidAnswer("fte_format", **details)
    if value != value.quantize(HUNDREDTH, rounding=ROUND_DOWN):
        raise InvalidAnswer("fte_format", **details)
    value = _fte_in_range(value, details)
    if figure.approximate:
        raise NeedsConfirmation("number_approx", value, **details)
    if reading.has(vocabulary().numbers.bounds):
        raise NeedsConfirmation("number_bound", value, **details)
    exponent = value.as_tuple().exponent
    return value.quantize(HUNDREDTH) if isinstance(exponent, int) and exponent < -2 else value


def _fte_in_range(value: Decimal, details: dict[str, Any]) -> Decimal:
    if value <= 0 or value > details["maximum"]:
        raise InvalidAnswer("fte_range", **details)
    return value


def _from_hours(match: re.Match[str], prepared: str, details: dict[str, Any]) -> Decimal:
    hours = Decimal(match.group(1).replace(",", "."))
    if match.group(2):
        hours += Decimal(match.group(2)) / 60
    if re.search(r"\bmois\b|\ban\b|\bannee", prepared) or hours > 48:
        raise InvalidAnswer("fte_hours", **details)
    value = (hours / WEEKLY_HOURS).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    value = _fte_in_range(value, details)
    raise NeedsConfirmation("fte_hours", value, hours=hours.normalize(), **details)


def _from_days(match: re.Match[str], details: dict[str, Any]) -> Decimal:
    """Days a week over a five-day week (or over the week typed: "3 jours sur 4"), confirmed:
    "3 jours par semaine" is 0,6 ETP, never 3."""
    found = match.groupdict()
    if found.get("longer"):  # days a month or a year: no fair reading as a share of a week
        raise InvalidAnswer("fte_days", **details)
    days = Decimal(found["days"].replace(",", "."))
    if found["half"]:
        days += Decimal("0.5")
    week = int(found["week"]) if found.get("week") else WEEKLY_DAYS
    if week == 7:  # "5j/7": days out of the seven of a week, full time being five
        week = WEEKLY_DAYS
    if days > week:
        raise InvalidAnswer("fte_days", **details)
    value = (days / week).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    value = _fte_in_range(value, details)
    raise NeedsConfirmation("fte_days", value, days=days.normalize(), week=week, **details)


def _from_fraction(match: re.Match[str], details: dict[str, Any]) -> Decimal:
    numerator, denominator = int(match.group(1)), int(match.group(2))
    if denominator == 0:
        raise InvalidAnswer("fte_format", **details)
    share = Fraction(numerator, denominator)
    value = Decimal(share.numerator) / Decimal(share.denominator)
    rounded = value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    rounded = _fte_in_range(rounded, details)
    if rounded != value:
        raise NeedsConfirmation("fte_rounded", rounded, **details)
    return rounded


def _spoken_fte(prepared: str) -> Decimal | None:
    table = vocabulary().fte.words
    pattern = _spoken_pattern()
    match = pattern.search(prepared)
    if match is None:
        return None
    count = Decimal(match.group("count").replace(",", ".")) if match.group("count") else 1
    return count * table[match.group("words")]


def _spoken_pattern() -> re.Pattern[str]:
    phrases = vocabulary().fte.words
    alternatives = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return _compiled(
        rf"(?:(?<![\d,.])(?P<count>\d+(?:[.,]\d+)?)\s+)?(?<![a-z0-9])(?P<words>{alternatives})(?![a-z0-9])"
    )


_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(source: str) -> re.Pattern[str]:
    pattern = _PATTERNS.get(source)
    if pattern is None:
        pattern = _PATTERNS[source] = re.compile(source)
    return pattern
