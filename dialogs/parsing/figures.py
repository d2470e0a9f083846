"""Finding the figures in what people type: "environ 40 SIAE", "45k€", "1 500,50", "20 %".

`read_figures` turns number words into digits (text2num: "quarante" -> 40), then finds
every figure with its reading of the separators, its sign, multiplier (k, million),
percent and currency marks, and what surrounds it. The field-kind parsers (`numbers.py`)
decide what the figures mean. Separators follow French habits first: "1 500" and "1.500"
group thousands, "1,5" has decimals; "1,500" is read both ways and flagged, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from typing import Any

from dialogs.parsing.text import fold
from dialogs.parsing.vocabulary import has_phrase, vocabulary

LIMIT = 200  # characters: a longer answer to a number question is not a number
HUGE = Decimal(10) ** 15  # bigger figures are out of every range: kept at this size, so that
# exact arithmetic on them stays within Decimal's 28 digits


@dataclass(frozen=True)
class Figure:
    value: Decimal
    start: int
    end: int
    raw: str
    other_reading: Decimal | None = None  # "1.500" or "1,500" read with decimals: 1.5
    comma_doubt: bool = False  # "1,500": thousands (English) or decimals (French)?
    negative: bool = False
    percent: bool = False
    currency: bool = False
    multiplied: bool = False
    approximate: bool = False  # "une quinzaine"
    malformed: bool = False  # "1.5.3": no reading at all


@dataclass(frozen=True)
class Reading:
    text: str  # folded, number words in digits
    figures: tuple[Figure, ...]
    rest: str  # `text` without the figures: the words around them

    def has(self, phrases: tuple[str, ...]) -> bool:
        return has_phrase(self.rest, phrases)


_PERCENT_WORDS = re.compile(r"\b(?:pour ?cent|pourcents?|pct)\b")
_THOUSAND_WORD = re.compile(r"(\d)\s*mille\b")
_MILLION_WORD = re.compile(r"(\d)\s*millions?\b")
_BILLION_WORD = re.compile(r"(\d)\s*milliards?\b")
_ORDINAL = re.compile(r"ieme\b")
_ZERO = re.compile(r"\bzero\b")
_HAS_LETTER = re.compile(r"[a-z]")
_DIGITS = re.compile(r"\d")
_DATE = re.compile(r"(?<![\d/])\d{1,2}/\d{1,2}(?:/\d{2,4})?(?![\d/])|\b\d{4}-\d{2}-\d{2}\b")
_DEPARTMENT = re.compile(r"\(62\)|\b(?:dans le|du|sur le|le)\s62\b")
_RUN = re.compile(r"(?<![a-wyz0-9.,])(?P<sign>[-+]\s?)?(?P<run>\d++(?:[ .,']\d++)*+)")
#: « 45k », « 1,2 M€ », « 1,2M », « 1,2 M » (« m » joined to its figure, or ending the
#: clause: « 1,2M » was read as 1,20 € at the annual budget; « 12 m² », « 3 mois » are no
#: millions).
_MULTIPLIER = re.compile(
    r"\s?(keuros?|keur|k|mio|mrd|meuros?|meur|m(?=\s?(?:€|eur))|(?<=\d)m(?![a-z0-9²])|m(?=\s*(?:$|[,;.!)])))(?![a-z])"
)
_PERCENT = re.compile(r"\s?%")
_EXPONENT = re.compile(r"e[+-]?\d")
_CURRENCY_AFTER = re.compile(r"\s?(?:€|eur(?:os?)?(?![a-z]))")
_CURRENCY_BEFORE = re.compile(r"(?:€|eur)\s?$")


def prepare(text: str) -> str:
    """Folded text with number words in digits ("quarante-cinq mille" -> "45000")."""
    folded = fold(text)
    folded = _PERCENT_WORDS.sub("%", folded)
    folded = _THOUSAND_WORD.sub(r"\1 k", folded)
    folded = _MILLION_WORD.sub(r"\1 mio", folded)
    folded = _BILLION_WORD.sub(r"\1 mrd", folded)
    if _HAS_LETTER.search(folded):
        folded = _words_to_digits(folded)
    return folded


def _words_to_digits(folded: str) -> str:
    alpha2digit = _alpha2digit()
    # text2num reads accented French: give back the two accents that matter.
    accented = _ZERO.sub("zéro", _ORDINAL.sub("ième", folded))
    converted: str = alpha2digit(accented, "fr", threshold=2)
    if not _DIGITS.search(converted):  # "un seul", "une" alone: 1
        converted = alpha2digit(accented, "fr", threshold=0)
    return fold(converted)


@cache
def _alpha2digit() -> Any:
    """Imported on first use: text2num is only needed once someone types a number."""
    from text_to_num import alpha2digit

    return alpha2digit


def read_figures(text: str) -> Reading:
    prepared = prepare(text)
    approximate = _approximate_figures(prepared)
    masked = prepared
    for figure in approximate:
        masked = masked[: figure.start] + " " * (figure.end - figure.start) + masked[figure.end :]
    figures = [*approximate, *_digit_figures(masked)]
    figures.sort(key=lambda f: f.start)
    rest = list(prepared)
    for figure in figures:
        rest[figure.start : figure.end] = " " * (figure.end - figure.start)
    return Reading(prepared, tuple(figures), " ".join("".join(rest).split()))


def _approximate_figures(text: str) -> list[Figure]:
    nouns = vocabulary().numbers.approximate_nouns
    pattern = _approximate_pattern(tuple(nouns))
    found = []
    for match in pattern.finditer(text):
        count = match.group("count")
        times = 1 if count in (None, "un", "une") else int(count)
        value = Decimal(times * nouns[match.group("noun")])
        if match.group("thousands"):
            value *= 1000
        found.append(Figure(value, match.start(), match.end(), match.group(), approximate=True))
    return found


@cache
def _approximate_pattern(nouns: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(sorted(nouns, key=len, reverse=True))
    return re.compile(
        rf"(?:\b(?P<count>\d{{1,3}}|un|une)\s+)?\b(?P<noun>{alternatives})s?\b"
        r"(?:\s+(?:de\s+|d')?(?P<thousands>milliers?|k)\b)?"
    )


def _digit_figures(text: str) -> list[Figure]:
    masked = _mask(text, _DATE)
    masked = _mask(masked, _DEPARTMENT)
    figures: list[Figure] = []
    for match in _RUN.finditer(masked):
        sign = match.group("sign") or ""
        if sign.startswith("+") and match.start() > 0:  # "12 500 + 3 000": an addition
            sign = ""
        for offset, raw in _split_run(match.group("run")):
            start = match.start("run") + offset
            end = start + len(raw)
            figure = _read(raw, start, end)
            if sign and offset == 0:
                figure = replace(figure, negative=sign[0] == "-", start=match.start())
            elif offset == 0 and match.group("sign"):
                figure = replace(figure, start=match.start("run"))
            if _EXPONENT.match(masked, end):  # "1e9": no one means a billion this way
                figure = replace(figure, malformed=True)
            figures.append(_suffixes(masked, figure))
    return figures


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _split_run(run: str) -> list[tuple[int, str]]:
    """ "1 500 10" -> [(0, "1 500"), (6, "10")]: spaces group thousands only before
    groups of three digits."""
    pieces: list[tuple[int, str]] = []
    offset = 0
    for chunk in re.split(r"[ ']", run):
        if pieces and _extends(pieces[-1][1], chunk):
            start = pieces[-1][0]
            pieces[-1] = (start, run[start : offset + len(chunk)])
        else:
            pieces.append((offset, chunk))
        offset += len(chunk) + 1
    return pieces


def _extends(previous: str, chunk: str) -> bool:
    groups = re.split(r"[ ']", previous)
    return (
        not re.search(r"[.,]", previous)
        and 1 <= len(groups[0]) <= 3
        and re.fullmatch(r"\d{3}(?:[.,]\d+)?", chunk) is not None
    )


def _read(raw: str, start: int, end: int) -> Figure:
    if re.search(r"[ ']", raw):
        whole, _, fraction = re.sub(r"[ ']", "", raw).replace(",", ".").partition(".")
        return Figure(Decimal(f"{whole}.{fraction}" if fraction else whole), start, end, raw)
    separators = re.findall(r"[.,]", raw)
    groups = re.split(r"[.,]", raw)
    if not separators:
        return Figure(Decimal(raw), start, end, raw)
    if len(separators) == 1:
        before, after = groups
        if len(after) == 3 and 1 <= len(before) <= 3 and before[0] != "0":
            return Figure(
                Decimal(before + after),
                start,
                end,
                raw,
                other_reading=Decimal(f"{before}.{after}"),
                comma_doubt=separators[0] == ",",
            )
        return Figure(Decimal(f"{before}.{after}"), start, end, raw)
    leading_ok = 1 <= len(groups[0]) <= 3
    if len(set(separators)) == 1 and leading_ok and all(len(g) == 3 for g in groups[1:]):
        return Figure(Decimal("".join(groups)), start, end, raw)
    if (
        len(set(separators[:-1])) == 1
        and separators[-1] != separators[0]
        and leading_ok
        and all(len(g) == 3 for g in groups[1:-1])
    ):
        return Figure(Decimal("".join(groups[:-1]) + "." + groups[-1]), start, end, raw)
    return Figure(Decimal(0), start, end, raw, malformed=True)


def _suffixes(text: str, figure: Figure) -> Figure:
    if figure.value > HUGE:
        figure = replace(figure, value=HUGE, other_reading=None)
    position = figure.end
    multiplied, currency, percent, value = False, False, False, figure.value
    other = figure.other_reading
    if _CURRENCY_BEFORE.search(text, 0, figure.start):
        currency = True
    match = _MULTIPLIER.match(text, position)
    if match:
        name = match.group(1)
        factor = 1000 if name[0] == "k" else 1_000_000_000 if name == "mrd" else 1_000_000
        value, multiplied, position = value * factor, True, match.end()
        other = None if other is None else other * factor
        currency = currency or "eur" in name
    match = _PERCENT.match(text, position)
    if match:
        percent, position = True, match.end()
    match = _CURRENCY_AFTER.match(text, position)
    if match:
        currency, position = True, match.end()
    return replace(
        figure,
        value=value,
        other_reading=other,
        end=position,
        multiplied=multiplied,
        currency=currency,
        percent=percent,
    )
