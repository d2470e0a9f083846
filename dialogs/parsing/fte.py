"""Full-time equivalents as people type them: "0,5", "0,5 ETP", "mi-temps", "50 %", "1/2",
"17 h 30" (read as hours a week: 0,5, confirmed), "3 jours par semaine" (days of a five-day
week: 0,6, confirmed), "un temps plein et demi", "2 personnes à mi-temps" (1).

Several shares of full time in one answer are read together, never one for the whole:
"2 temps plein et un mi-temps" adds up (2,5, confirmed), "3 ETP dont 1 à mi-temps" asks
whether the three are people (2,5) or ETP (3): a tester's answer was stored as 0,5.

The figures are read as for the other numbers (`numbers.py`: one figure in range, words that
only describe it kept, bounds and estimates confirmed, several figures asked back); hours,
fractions and spoken shares are FTE's own readings. Values are `Decimal`s with at most two
decimals, never floats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from itertools import pairwise
from typing import Any

from dialogs.parsing.errors import Ambiguous, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.figures import LIMIT, Figure, Reading, read_figures
from dialogs.parsing.numbers import HUNDREDTH, _is_context, _main, _typed, postponed
from dialogs.parsing.text import words
from dialogs.parsing.vocabulary import has_phrase, phrase_pattern, vocabulary

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
    together = _several_shares(text, reading, details)
    if together is not None:
        return together
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
        if postponed(reading):  # « à voir »: the question may wait
            raise InvalidAnswer("number_postponed", **details)
        raise InvalidAnswer("fte_format", **details)
    if others:
        # « chargée de mission à 0,8 etp, 38k chargé/an »: 38 000 is no ETP (50 at most),
        # never offered as one; the one figure left is asked back, as typed among words
        candidates = [f.value for f in (main, *others) if _may_be_fte(f, details)]
        if len(candidates) == 1:
            raise NeedsConfirmation(
                "number_in_sentence", candidates[0], typed=_typed(text), **details
            )
        if not candidates:
            raise InvalidAnswer("fte_range", **details)
        raise Ambiguous("number_several", candidates, typed=_typed(text), **details)
    value = main.other_reading if main.other_reading is not None else main.value
    if _counts_something_else(reading, main):
        # « 20 SIAE », « 3 salariés », « 12 mois »: no share of full time, asked back
        value = _fte_in_range(value, details)
        raise NeedsConfirmation("number_in_sentence", value, typed=_typed(text), **details)
    return _fte_checked(value, main, reading, details)


def _counts_something_else(reading: Reading, figure: Figure) -> bool:
    """Whether the word after `figure` counts things (vocabulary `numbers.counted_kinds`:
    « 20 SIAE », « 3 salariés ») or a duration (« 12 mois »): a count typed at a share of
    full time (« en fait former les encadrants c'est 20 SIAE » was taken as 20 ETP)."""
    after = words(reading.text[figure.end :])[:1]
    if not after:
        return False
    numbers = vocabulary().numbers
    counted = {w for names in numbers.counted_kinds.values() for w in names}
    durations = {*numbers.other_units.get("months", ()), *numbers.other_units.get("years", ())}
    return after[0] in counted or after[0] in durations


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


def _may_be_fte(figure: Figure, details: dict[str, Any]) -> bool:
    """Whether one figure of several could be the answer: a share of full time within the
    field's range, two decimals at most, no amount."""
    if figure.malformed or figure.negative or figure.currency:
        return False
    value = figure.value
    return 0 < value <= details["maximum"] and value == value.quantize(HUNDREDTH)


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


@dataclass(frozen=True)
class _Share:
    """One share of full time typed: "2 temps plein" (count 2, each 1), "1 à mi-temps",
    "7 ETP et demi", "un 80 %"."""

    count: Decimal
    each: Decimal
    half: bool  # "et demi" typed after it: half of one more
    counted: bool  # a share each of a count has ("1 à mi-temps", "un 80 %"), not an ETP figure
    composite: bool  # a count of people, a count of spoken shares or "et demi" typed with it
    start: int
    end: int

    @property
    def value(self) -> Decimal:
        return self.count * self.each + (Decimal("0.5") if self.half else 0)


def _several_shares(text: str, reading: Reading, details: dict[str, Any]) -> Decimal | None:
    """The reading of an answer that types shares of full time with counts ("2 personnes à
    mi-temps", "2 temps plein et un mi-temps", "3 ETP dont 1 à mi-temps"); None when the
    plain readings below are enough (one share, or shares not joined in a sum)."""
    prepared = reading.text
    shares = [
        _Share(*_share_of(m), start=m.start(), end=m.end())
        for m in _shares_pattern().finditer(prepared)
    ]
    if not shares:
        return None
    vocab = vocabulary()
    split = phrase_pattern(vocab.numbers.share).search(prepared)
    after = [s for s in shares if split is not None and s.start >= split.end()]
    before = [f for f in reading.figures if split is not None and f.end <= split.start()]
    if split is not None and after and before and after[0].counted and after[0].each < 1:
        return _with_share(text, prepared, before[-1], after[0], details)
    covered = [f for f in reading.figures if not any(s.start <= f.start < s.end for s in shares)]
    others = [f for f in covered if not _is_context(prepared, f)]
    if len(shares) == 1:
        if not shares[0].composite:
            return None
        if others:
            candidates = [shares[0].value, *(f.value for f in others)]
            raise Ambiguous("number_several", candidates, typed=_typed(text), **details)
        return _fte_in_range(shares[0].value, details)
    joins = [prepared[a.end : b.start].strip() for a, b in pairwise(shares)]
    if not all(j in vocab.numbers.sum_joins or j == "," for j in joins):
        values = list(dict.fromkeys(s.value for s in shares))
        if any(j in vocab.numbers.not_sum_joins for j in joins) and len(values) > 1:
            raise Ambiguous("number_several", values, typed=_typed(text), **details)
        return None
    total = sum((s.value for s in shares), Decimal(0))
    if [f.value for f in others] == [total]:  # "1,5 (un temps plein et un mi-temps)"
        return _fte_in_range(total, details)
    if others:
        candidates = [total, *(f.value for f in others)]
        raise Ambiguous("number_several", candidates, typed=_typed(text), **details)
    raise NeedsConfirmation("fte_sum", _fte_in_range(total, details), typed=_typed(text), **details)


def _with_share(
    text: str, prepared: str, whole: Figure, part: _Share, details: dict[str, Any]
) -> Decimal:
    """ "3 ETP dont 1 à mi-temps": 3 people, one of them half time (2,5), or 3 ETP? Asked
    back; "3 personnes dont une à mi-temps" is 2,5, confirmed."""
    reduced = whole.value - part.count * (1 - part.each)
    if part.count > whole.value or reduced <= 0:
        raise Ambiguous("number_several", [whole.value, part.value], typed=_typed(text), **details)
    context = {"typed": _typed(text), "total": whole.value, "part": part.count, "each": part.each}
    people = has_phrase(prepared[whole.end : part.start], vocabulary().fte.people)
    if people:
        raise NeedsConfirmation("fte_share", _fte_in_range(reduced, details), **context, **details)
    candidates = [c for c in (reduced, whole.value) if 0 < c <= details["maximum"]]
    if not candidates:
        raise InvalidAnswer("fte_range", **details)
    raise Ambiguous("fte_share", candidates, **context, **details)


def _share_of(match: re.Match[str]) -> tuple[Decimal, Decimal, bool, bool, bool]:
    """(count, share of each, half, counted, composite) of one match of `_shares_pattern`."""
    found = match.groupdict()
    half = bool(found["e_half"] or found["w_half"] or found["h_count"])
    if found["e_count"] is not None:  # "0,5 ETP": the figure is the share
        return Decimal(1), _count(found["e_count"]), half, False, half
    if found["h_count"] is not None:  # "6 et demi"
        return Decimal(1), _count(found["h_count"]), True, False, True
    if found["p_share"] is not None:
        counted, each = found["p_count"], _count(found["p_share"]) / 100
    else:
        counted, each = found["w_count"], vocabulary().fte.words[found["words"]]
    count = _count(counted) if counted else Decimal(1)
    composite = half or count != 1 or bool(found["w_people"] or found["p_people"])
    return count, each, half, True, composite


def _count(typed: str) -> Decimal:
    if typed in vocabulary().fte.one:
        return Decimal(1)
    return Decimal(typed.replace(",", "."))


@cache
def _shares_pattern() -> re.Pattern[str]:
    vocab = vocabulary().fte
    words = "|".join(re.escape(p) for p in sorted(vocab.words, key=len, reverse=True))
    people = "|".join(re.escape(p) for p in sorted(vocab.people, key=len, reverse=True))
    one = "|".join(re.escape(p) for p in sorted(vocab.one, key=len, reverse=True))
    number = r"(?<![\d,./])\d+(?:[.,]\d+)?(?![\d%])"
    count = rf"(?:{number}|(?<![a-z0-9])(?:{one}))"
    half = r"\s+et\s+demie?(?![a-z0-9])"

    def who(name: str) -> str:  # "2 personnes à", "1 à", "un"
        return rf"(?:(?P<{name}_count>{count})\s+(?P<{name}_people>(?:{people})\s+)?(?:a\s+)?)?"

    return _compiled(
        rf"(?P<e_count>{number})\s*etp(?P<e_half>{half})?(?![a-z0-9])"
        rf"|{who('p')}(?P<p_share>(?<![\d,.])\d+(?:[.,]\d+)?)\s*%"
        rf"|(?P<h_count>{number}){half}"
        rf"|{who('w')}(?<![a-z0-9])(?P<words>{words})(?P<w_half>{half})?(?![a-z0-9])"
    )


def _spoken_fte(prepared: str) -> Decimal | None:
    table = vocabulary().fte.words
    pattern = _spoken_pattern()
    match = pattern.search(prepared)
    if match is None:
        return None
    count = Decimal(match.group("count").replace(",", ".")) if match.group("count") else 1
    return count * table[match.group("words")]


@cache
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


def share_of_people(text: str) -> Decimal | None:
    """The share of full time each of a count of people has, when `text` opens with one
    (« 2 à mi-temps », « dont 3 à 80 % »): what is said after a headcount (« 5 dont 2 à
    mi-temps ») to give its FTE. None for an FTE figure (« 0,5 ETP ») or no share at all."""
    prepared = read_figures(_ETP_WORDS.sub(" ETP ", text)).text
    found = _shares_pattern().search(prepared)
    if found is None or prepared[: found.start()].strip(" ,;:"):
        return None
    share = _Share(*_share_of(found), start=found.start(), end=found.end())
    return share.each if share.counted and share.each < 1 else None


#: A person's name: one to three words of letters (« marie », « Marie Dupont »).
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’-]*(?:[-'’ ][^\W\d_][^\W\d_'’-]*){0,2}$")


def person_after_fte(text: str) -> str | None:
    """The person's name typed after a share of full time (« 0,5 etp, c marie », « 0,5 pour
    Marie Dupont », « 0,8 (marie) »), as typed; None when the words after the last figure
    name nobody (« c'est la directrice », « c'est environ »: vocabulary `fte.not_names`)."""
    from dialogs.parsing.text import fold, only_role, role_written

    figures = list(re.finditer(r"\d", text))
    if not figures:
        return None
    vocab = vocabulary().fte
    rest = text[figures[-1].end() :]
    units = "|".join(re.escape(u) for u in sorted(vocab.units, key=len, reverse=True))
    rest = re.sub(rf"^\s*(?:[.,]\d+)?\s*(?:%|{units})?(?![^\W_])", "", rest, flags=re.I)
    rest = _without_estimate(rest.strip(" ,;:-.!)(")).strip(" ,;:-.!)(")
    name = _named_after(rest, vocab.person_intros, capitalised=False)
    name = name or _named_after(rest, vocab.person_intros_loose, capitalised=True)
    bracketed = re.search(r"\(\s*([^()]+?)\s*\)\s*$", text[figures[-1].end() :])
    if name is None and bracketed is not None and bracketed.group(1)[:1].isupper():
        name = bracketed.group(1)
    if name is None or not _NAME.match(name):
        return None
    words = [fold(w) for w in re.split(r"[\s'’-]+", name) if w]
    if any(w in vocab.not_names for w in words) or fold(words[0]) in vocab.people:
        return None
    if only_role(name) or role_written(name) or parse_words_fte(name):
        return None
    return name


def _without_estimate(rest: str) -> str:
    """`rest` without the word saying the figure before it is an estimate (« 0,5 etp
    environ, c marie »: « c marie »), vocabulary `numbers.approximate`; as it is otherwise."""
    from dialogs.parsing.text import fold

    folded = fold(rest)
    if len(folded) != len(rest):  # (positions in the folded words are the typed ones)
        return rest
    for phrase in sorted(vocabulary().numbers.approximate, key=len, reverse=True):
        found = re.match(rf"{re.escape(phrase)}(?![^\W_])[\s,;:.]*", folded)
        if found is not None:
            return rest[found.end() :]
    return rest


def _named_after(rest: str, intros: tuple[str, ...], *, capitalised: bool) -> str | None:
    """The words after one of `intros` opening `rest`; capitalised ones only if asked."""
    if not intros:
        return None
    pattern = "|".join(re.escape(i) for i in sorted(intros, key=len, reverse=True))
    opened = re.match(rf"(?i)^(?:{pattern})(?:\s+|(?<='))(.+)$", rest.replace("’", "'"))
    if opened is None:
        return None
    name = opened.group(1).strip()
    return name if name and (name[0].isupper() or not capitalised) else None


def parse_words_fte(text: str) -> bool:
    """Whether `text` says a share of full time in words (« mi-temps »)."""
    return _shares_pattern().search(read_figures(text).text) is not None


@cache
def _allocation_key_patterns() -> tuple[re.Pattern[str], re.Pattern[str]] | None:
    """The two forms of an allocation key in FTE, from the vocabulary's units and the words
    between share and whole; None when the vocabulary has none."""
    fte = vocabulary().fte
    units = "|".join(re.escape(u) for u in sorted(fte.units, key=len, reverse=True))
    between = "|".join(re.escape(b) for b in fte.key_between)
    if not units or not between:
        return None
    figure = r"(\d+(?:[.,]\d+)?)"
    # « 1 ETP sur 4 », « 1,9 ETP affectés à l'opération sur 6,5 ETP », « 2,3/7 ETP »
    return (
        re.compile(
            rf"(?<![\d,.]){figure}\s*(?:{units})(?![a-z])[^\d]{{0,40}}?(?<![a-z])(?:{between})"
            rf"\s*{figure}(?:\s*(?:{units})(?![a-z])|(?![\d,.]*\d)(?!\s*[a-z%€$]))"
        ),
        re.compile(rf"(?<![\d,.]){figure}\s*(?:{between})\s*{figure}\s*(?:{units})(?![a-z])"),
    )


def allocation_key_fte(text: str) -> tuple[Decimal, Decimal] | None:
    """The FTE an indirect-cost allocation key is computed on, as typed: « au prorata des
    ETP : 1 ETP sur 4 ETP de la structure » → (1, 4), the operation's and the whole
    organisation's; « 2,3/7 ETP » too. None for a key not stated in FTE (« au prorata des
    charges directes ») or a share of nothing (« 1 sur 0 »)."""
    from dialogs.parsing.text import fold

    patterns = _allocation_key_patterns()
    if patterns is None:
        return None
    folded = fold(text)
    found = patterns[0].search(folded) or patterns[1].search(folded)
    if found is None:
        return None
    share, whole = (Decimal(g.replace(",", ".")) for g in found.groups())
    return (share, whole) if whole > 0 else None
