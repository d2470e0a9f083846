"""Counts, amounts, month counts and indicator targets, as people type them (FTE: `fte.py`).

Each parser reads the figures of the answer (`figures.read_figures`), then applies its
kind's rules: a single figure in range is the answer; words around it are kept if they
only describe it ("environ 40 SIAE"), confirmed if they make it a bound or an estimate
("plus de 40", "une quinzaine"), refused if they give no figure ("plusieurs"). Several
figures ("10 à 15") are a question back, never a silent choice. Amounts are exact
`Decimal`s, never floats.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from functools import cache
from itertools import pairwise
from typing import Any, Literal

from dialogs.money import CENT, MAX_AMOUNT, share_in_euros
from dialogs.parsing.errors import Ambiguous, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.figures import LIMIT, Figure, Reading, prepare, read_figures
from dialogs.parsing.text import JOINING_WORDS, clean_text, fold, words
from dialogs.parsing.vocabulary import has_phrase, phrase_pattern, vocabulary, whole_answer

Period = Literal["month", "year"]
HUNDREDTH = Decimal("0.01")
TARGET_LIMIT = 600  # a figure and a comment of at most 500 characters
COMMENT_MAX = 500

_BOUNDARY = re.compile(
    r"\bdont\b|\(|;|\bsoit\b|\bavec\b|\bparmi\b|\bincluant\b|\bincluses?\b|,(?=\s*[a-z])"
)
_YEAR_BEFORE = re.compile(
    r"(?:\ben|\bpour|\bsur|\bdepuis|\bannee|\bd'ici|\bfin|\bdebut|\bexercice|\bau titre de"
    r"|\bjanv\w*|\bfev\w*|\bmars|\bavr\w*|\bmai|\bjuin|\bjuil\w*|\baout|\bsept\w*|\boct\w*"
    r"|\bnov\w*|\bdec\w*|\bde l'annee|\bl'an)\s*$"
)
_DURATION_AROUND = (
    re.compile(r"(?:\bsur|\bpour|\bpendant|\bdurant|\ben|\bpar)\s*$"),
    re.compile(r"^\s*(?:mois|ans?|annees?|semaines?|jours?)\b"),
)


def _typed(text: str) -> str:
    """The words typed, quoted back in a question: 80 characters at most, a word never cut
    (`dialogs.texts.shorten`)."""
    from dialogs.texts import shorten

    return shorten(clean_text(text), 80)


def _main(reading: Reading) -> tuple[Figure | None, list[Figure]]:
    """The answer's figure and the figures read with it ("10 à 15"); figures after a
    clause ("dont 4 en visio") and context figures (years, durations) are left aside."""
    figures = [f for f in reading.figures if not _is_context(reading.text, f)]
    if not figures:
        figures = list(reading.figures[:1])
    if not figures:
        return None, []
    main, others = figures[0], []
    previous = main
    for figure in figures[1:]:
        if _BOUNDARY.search(reading.text, previous.end, figure.start):
            break
        others.append(figure)
        previous = figure
    return main, others


def _is_context(text: str, figure: Figure) -> bool:
    before, after = text[: figure.start], text[figure.end :]
    if re.fullmatch(r"(19|20)\d\d", figure.raw) and _YEAR_BEFORE.search(before):
        return True
    return bool(_DURATION_AROUND[0].search(before) and _DURATION_AROUND[1].match(after))


def _in_a_sentence(reading: Reading, main: Figure, about: str = "") -> bool:
    """Whether the figure stands in a sentence about something else ("des petits déj
    employeurs tous les 2 mois"): three words or more, before any clause ("dont…", "(…)"),
    that neither describe it (nor repeat the question's words, `about`) nor are small
    words. Such a figure is confirmed, not taken."""
    boundary = _BOUNDARY.search(reading.text, main.end)
    clause = reading.text[: boundary.start() if boundary else len(reading.text)]
    clause = clause[: main.start] + " " + clause[main.end :]
    numbers = vocabulary().numbers
    around = (numbers.describing, numbers.bounds, numbers.periods.month, numbers.periods.year)
    others = _other_words(clause, *around, ignore=set(words(fold(about))))
    return len([w for w in others if not w.isdigit()]) >= 3


def _zero_in_a_sentence(reading: Reading, about: str = "") -> bool:
    """Whether « aucun » stands in a sentence that says more (« pas de juriste chez nous
    donc aucune »): three words or more besides it, as for a figure (`_in_a_sentence`).
    Such a 0 is confirmed, not taken: the words may say something else than none."""
    numbers = vocabulary().numbers
    about_words = set(words(fold(about)))
    others = _other_words(reading.text, numbers.zero, numbers.describing, ignore=about_words)
    return len(others) >= 3


def postponed(reading: Reading) -> bool:
    """Whether an answer without a figure puts it off (« à voir », « plus tard », « on verra
    ça plus tard »): a phrase of vocabulary `text.postponing` in it, or a whole `text.later`
    answer. Where a count offers 0 for now (`unknown_is_zero`), it is read as « je ne sais
    pas »; elsewhere the question is said to wait (`InvalidAnswer("number_postponed")`, the
    engine puts it off as it does a free text), never « j'attends un nombre entier »."""
    words_of = vocabulary().text
    return reading.has(words_of.postponing) or whole_answer(reading.rest, words_of.later)


def _says_none(reading: Reading) -> bool:
    """Whether an answer without a figure is a sentence said in the negative (« on a pas
    de service juridique », « on n'en fait jamais »): none, asked back. Not a doubt
    (« pas sûr »), a vague count (« pas mal »), something unknown or not at hand."""
    vocab = vocabulary()
    elsewhere = (
        vocab.numbers.unknown,
        vocab.numbers.vague,
        vocab.yes_no.unsure,
        vocab.text.unknown,
        vocab.text.not_at_hand,
    )
    if any(reading.has(phrases) for phrases in elsewhere):
        return False
    return reading.has(vocab.numbers.negative)


def _other_words(
    folded: str, *phrases: tuple[str, ...], ignore: set[str] | frozenset[str] = frozenset()
) -> list[str]:
    """The words of `folded` that are none of the units, estimates and small words, nor
    of `phrases`, nor `ignore`d: what the answer says besides its figure."""
    vocab = vocabulary()
    for listed in (vocab.numbers.units, vocab.numbers.approximate, *phrases):
        folded = phrase_pattern(listed).sub(" ", folded)
    return [w for w in words(folded) if w not in vocab.choices.stopwords and w not in ignore]


def _is_integral(value: Decimal) -> bool:
    return value == value.to_integral_value()


# -- counts ------------------------------------------------------------------------------------
def parse_integer(
    text: str,
    *,
    minimum: int = 0,
    maximum: int,
    unit: str | None = None,
    about: str = "",
    unknown_is_zero: bool = False,
    whole: int | None = None,
    whole_parts: dict[str, Any] | None = None,
) -> int:
    """A count: "40", "environ 40", "40 SIAE", "1 500", "quarante", "une quinzaine" (15 ?).
    `about`: the question's label, whose words may stand around the figure.
    `unknown_is_zero`: the question offers 0 for a count not known yet, so "je ne sais pas"
    is asked back as 0. `whole`: what "toutes", "tous" count here (the member SIAE of the
    network), asked back with `whole_parts`."""
    details: dict[str, Any] = {"minimum": minimum, "maximum": maximum, "unit": unit}
    if len(text) > LIMIT:
        raise InvalidAnswer("int_format", **details)
    reading = read_figures(_without_asides(text))
    vocab = vocabulary().numbers
    restated = _restated(reading)
    if restated is not None and _is_integral(restated[0].value) and not restated[0].percent:
        number = _in_range(restated[0].value, details)  # « 4 comités + les COPIL, disons 8 »
        raise NeedsConfirmation("number_approx", number, typed=_typed(text), **details)
    _count_share(reading, text, details)  # « la moitié de nos 900 salariés »: 450, asked
    exact = _exact_after_approximate(reading)
    if exact is not None:  # « une quarantaine, 42 exactement »: 42, never « 40 ou 42 ? »
        return _in_range(exact.value, details)
    main, others = _main(reading)
    counted = _counted_figure(reading, about) if len(reading.figures) > 1 else None
    if counted is not None and _not_a_share(reading, counted):
        # « 80 participants sur 4 webinaires », « 4 webinaires avec 80 participants » at a
        # count of participants: the figure the counted noun follows, the others its context
        main, others = counted, []
    if main is None:
        if whole is not None and whole_answer(reading.text, vocab.whole_count):
            number = _in_range(Decimal(whole), details)
            raise NeedsConfirmation(
                "count_whole", number, typed=_typed(text), **details, **(whole_parts or {})
            )
        unknown = reading.has(vocab.unknown)  # « je sais pas », « à définir »
        if unknown or postponed(reading):
            if unknown_is_zero:
                raise NeedsConfirmation("number_unknown_zero", 0, typed=_typed(text), **details)
            raise InvalidAnswer("number_unknown" if unknown else "number_postponed", **details)
        if reading.has(vocab.zero):
            zero = _in_range(Decimal(0), details)
            if _zero_in_a_sentence(reading, about):
                raise NeedsConfirmation("number_in_sentence", zero, typed=_typed(text), **details)
            return zero
        if whole_answer(reading.text, vocab.not_concerned) or _says_none(reading):
            zero = _in_range(Decimal(0), details)
            raise NeedsConfirmation("number_none", zero, typed=_typed(text), **details)
        if reading.has(vocab.vague):
            raise InvalidAnswer("number_vague", **details)
        raise InvalidAnswer("int_format", **details)
    if others:
        candidates = [int(f.value) for f in (main, *others) if _is_integral(f.value)]
        total = sum(candidates)
        if _is_sum(reading, [main, *others]) and total <= maximum:
            # « 6 + 2 », « 4 ateliers et 2 webinaires »: the total, or one of the figures
            several = list(dict.fromkeys([total, *candidates]))
            raise Ambiguous("number_sum", several, typed=_typed(text), **details)
        # a figure outside the field's range is no reading to offer (« 2 salariés pour
        # 38 000 € » at a count of 50 at most); the one left is asked back
        within = [c for c in candidates if minimum <= c <= maximum]
        if candidates and not within:
            raise InvalidAnswer("int_range", **details)
        if len(within) == 1 and len(candidates) > 1:
            raise NeedsConfirmation("number_in_sentence", within[0], typed=_typed(text), **details)
        raise Ambiguous("number_several", within or candidates, typed=_typed(text), **details)
    if main.malformed or main.currency:
        raise InvalidAnswer("int_format", **details)
    if main.negative:
        raise InvalidAnswer("int_negative", **details)
    if main.percent:
        raise InvalidAnswer("int_percent", **details)
    if not _is_integral(main.value):
        raise InvalidAnswer("int_decimal", **details)
    number = _in_range(main.value, details)
    if main.comma_doubt:
        raise NeedsConfirmation("number_grouping", number, typed=_typed(text), **details)
    if main.approximate:
        raise NeedsConfirmation("number_approx", number, typed=_typed(text), **details)
    if reading.has(vocab.bounds):
        raise NeedsConfirmation("number_bound", number, typed=_typed(text), **details)
    if (
        _in_a_sentence(reading, main, about)
        or _counts_another_kind(reading, main, about)
        or _measures_another_thing(reading, main, about)
    ):
        raise NeedsConfirmation("number_in_sentence", number, typed=_typed(text), **details)
    return number


#: Words between a fraction and the figure it takes a share of (« la moitié de nos 900 »).
_SHARE_OF = re.compile(
    r"\s*(?:de|des|du|d'|sur)(?:\s+(?:nos|notre|mes|ses|leurs|leur|ces|les|vos|votre))?\s*"
)


def _count_share(reading: Reading, text: str, details: dict[str, Any]) -> None:
    """A count said as a share of a figure (« la moitié de nos 900 salariés », « un tiers
    des 120 ») is that share, asked back with the calculation (« la moitié de 900, soit
    450 ? »): never the figure itself."""
    fraction = _fraction(reading)
    if fraction is None:
        return
    numerator, denominator, found = fraction
    figures = [f for f in reading.figures if not found.start() <= f.start < found.end()]
    if len(figures) != 1 or figures[0].start < found.end():
        return
    base = figures[0]
    if base.negative or base.malformed or base.percent or not _is_integral(base.value):
        return
    if not _SHARE_OF.fullmatch(reading.text[found.end() : base.start]):
        return
    share = (base.value * numerator / denominator).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    number = _in_range(share, details)
    raise NeedsConfirmation(
        "count_share",
        number,
        typed=_typed(text),
        fraction=f"{numerator}/{denominator}",
        base=int(base.value),
        **details,
    )


#: A count as typed (« 30 », « 1 200 »), not part of a decimal or a name (« A26 »).
_TYPED_COUNT = re.compile(r"(?<![\w,.])\d+(?:[  .]\d{3})*(?![\d,.]?\d)(?![^\W\d_])")


def breakdown(text: str) -> str | None:
    """The breakdown typed after a count (« 45 SIAE, 30 ACI et 15 EI », « 45 (30 ACI, 15
    EI) », « 45 dont 30 ACI et 15 EI »: « 30 ACI et 15 EI »): the words from the second
    figure on, when each figure after the first counts something (vocabulary
    `numbers.units`, `numbers.counted_kinds`); None otherwise (« 45 SIAE dans le 62 »)."""
    vocab = vocabulary().numbers
    nouns = {*vocab.units, *(w for names in vocab.counted_kinds.values() for w in names)}
    nouns -= set(vocab.not_counted)  # « sur 2 ans » is no breakdown
    found = list(_TYPED_COUNT.finditer(text))
    if len(found) < 2:
        return None
    for figure in found[1:]:
        after = words(fold(text[figure.end() :]))[:1]
        if not after or after[0] not in nouns:
            return None
    return text[found[1].start() :].strip(" .;,()[]") or None


def counted_kinds(folded: str) -> set[str]:
    """The kinds of things (vocabulary `numbers.counted_kinds`) the words of `folded` name."""
    return _named(vocabulary().numbers.counted_kinds, folded)


def _counts_another_kind(reading: Reading, main: Figure, about: str) -> bool:
    """Whether the word after the figure counts things of another kind than the question
    (« 12 SIAE » at « Anciens bénéficiaires du RSA en parcours »), or people of another
    sort (« 400 BRSA » at « Nombre de bénévoles »): asked back, never taken. A label naming
    both (« participants aux webinaires sur les SIAE », « Salariés en insertion
    bénéficiaires du RSA ») or none says nothing against it."""
    after = words(reading.text[main.end :])[:1]
    if not after:
        return False
    vocab = vocabulary().numbers
    label = fold(about)
    for table in (vocab.counted_kinds, vocab.counted_people):
        asked = _named(table, label)
        if len(asked) == 1 and _named(table, after[0]) - asked:
            return True
    return False


def _named(table: Mapping[str, tuple[str, ...]], folded: str) -> set[str]:
    """The entries of `table` (kind → words) the words of `folded` name."""
    said = set(words(folded))
    return {name for name, names in table.items() if said.intersection(names)}


def _measures_another_thing(reading: Reading, main: Figure, about: str) -> bool:
    """Whether the word after the figure is a measure the question does not count (« une
    formation de 6 jours » at « Anciens bénéficiaires du RSA en parcours »: days, not
    people): asked back, never taken. A label naming it (« Nombre de jours ») takes it."""
    after = words(reading.text[main.end :])[:1]
    if not about or not after or after[0] not in vocabulary().numbers.not_counted:
        return False  # (with no label, nothing says what is counted)
    return after[0][:4] not in {w[:4] for w in words(fold(about))}


#: Words in brackets between the figures of a sum (« 6 (le cycle encadrants) + 2 »): the
#: sum is read without them.
_ASIDE = re.compile(r"\s*\([^()\d]*\)(?=\s*(?P<join>[^\s\d][^\d]*?)\s*\d)")


def _without_asides(text: str) -> str:
    """`text` without the words in brackets just before a sum's join (« 6 (…) + 2 »)."""
    joins = vocabulary().numbers.sum_joins

    def drop(match: re.Match[str]) -> str:
        return "" if fold(match["join"]).strip() in joins else match[0]

    return _ASIDE.sub(drop, text)


def _is_sum(reading: Reading, figures: list[Figure]) -> bool:
    """Whether figures are typed as parts of one count: « 6 + 2 », « 4 ateliers et 2
    webinaires »; never a range (« entre 10 et 15 », « 10 à 15 ») nor a choice (« 10 ou
    12 »). Such a sum is asked back, its total first."""
    if any(f.percent or f.negative or f.malformed or not _is_integral(f.value) for f in figures):
        return False
    if re.search(r"\bentre\b", reading.text[: figures[0].start]):
        return False
    gaps = [reading.text[a.end : b.start] for a, b in pairwise(figures)]
    numbers = vocabulary().numbers
    joins = phrase_pattern((*numbers.sum_joins, *numbers.not_sum_joins))
    # the join just before a figure says how it goes with the one before: « 10 au CA et 5
    # autres » adds (the « au » belongs to « au CA »), « 10 à 15 » and « 5 et non 4 » do not
    last = [[j.group() for j in joins.finditer(gap)][-1:] for gap in gaps]
    return all(found and found[0] in numbers.sum_joins for found in last)


def _restated(reading: Reading) -> tuple[Figure, int] | None:
    """The figure an answer ends on after words restating it (« 4 comités + les COPIL,
    disons 8 »: 8), with where those words start; None unless another figure comes before
    them (« disons 8 » alone is read as usual)."""
    if len(reading.figures) < 2:
        return None
    last = reading.figures[-1]
    if reading.text[last.end :].strip(" .!;,)"):
        return None
    restating = phrase_pattern(vocabulary().numbers.restating)
    found = max(restating.finditer(reading.text, 0, last.start), key=re.Match.start, default=None)
    if found is None or reading.text[found.end() : last.start].strip(" :=,"):
        return None
    if not any(f.end <= found.start() for f in reading.figures):
        return None
    return last, found.start()


def _exact_after_approximate(reading: Reading) -> Figure | None:
    """The figure said exact after an approximate one (« une quarantaine, 42 exactement »,
    « environ 40, précisément 42 »): two figures, the first approximate, the second a plain
    whole number with a word of vocabulary `numbers.exact` just before or after it."""
    if len(reading.figures) != 2:
        return None
    first, last = reading.figures
    if not (first.approximate or has_phrase(reading.text[: first.start], _approximate())):
        return None
    if last.approximate or last.percent or last.negative or last.malformed or last.currency:
        return None
    if not _is_integral(last.value) or last.comma_doubt:
        return None
    exact = phrase_pattern(vocabulary().numbers.exact)
    before = reading.text[first.end : last.start].strip(" ,;:-")
    after = reading.text[last.end :].strip(" .!,;)")
    said_before = exact.fullmatch(before) is not None
    said_after = not before and exact.fullmatch(after) is not None
    return last if said_before or said_after else None


def _approximate() -> tuple[str, ...]:
    return vocabulary().numbers.approximate


def _in_range(value: Decimal, details: dict[str, Any]) -> int:
    if not details["minimum"] <= value <= details["maximum"]:
        raise InvalidAnswer("int_range", **details)
    return int(value)


_PER_UNIT = re.compile(r"\b(\d+|un|une)\s+(ans?|annees?|semestres?|trimestres?)\b")
_UNIT_MONTHS = {"an": 12, "annee": 12, "semestre": 6, "trimestre": 3}
_NOT_MONTHS = re.compile(r"\b(?:semaines?|jours?|heures?|\d+\s*h)\b")


def parse_month_count(text: str, *, minimum: int = 1, maximum: int) -> int:
    """A number of months, 0 refused: "12", "12 mois", "un an", "6 mois", "de mars à juin"."""
    from dialogs.parsing.months import month_span

    details: dict[str, Any] = {"minimum": minimum, "maximum": maximum, "unit": "mois"}
    if len(text) > LIMIT:
        raise InvalidAnswer("int_format", **details)
    folded = prepare(text)
    span = month_span(folded)
    if span is not None:
        return _in_range(Decimal(span), details)
    if _NOT_MONTHS.search(folded) and not re.search(r"\bmois\b", folded):
        raise InvalidAnswer("month_count_unit", **details)
    if has_phrase(folded, vocabulary().months.whole_period) and not re.search(r"\d", folded):
        return _in_range(Decimal(12), details)

    def in_months(match: re.Match[str]) -> str:
        count = 1 if match.group(1) in ("un", "une") else int(match.group(1))
        unit = match.group(2).rstrip("s")
        return f"{count * _UNIT_MONTHS[unit]} mois"

    return parse_integer(_PER_UNIT.sub(in_months, folded), **details)


# -- indicator targets ------------------------------------------------------------------------
_COMMENT_START = re.compile(r";|\(|\[|,(?!\s*\d)|\s[-/]\s|\bdont\b|:|\bsoit\b|\bavec\b")
_FIRST_DIGITS = re.compile(r"^\D*?\d[\d .,']*(?:k\b|%)?")
_LAST_FIGURE = re.compile(r"\d+(?:[ .,']\d{3})*(?:[.,]\d+)?\s*(?:k\b|%)?[\s.,']*$")


def _counted_noun(about: str) -> str | None:
    """What a question counts, folded: the word after « Nombre de » (« Nombre de participants
    aux webinaires » counts participants), else the label's first word (« Jeunes de moins de
    26 ans »)."""
    said = words(fold(about))
    if len(said) > 2 and said[0] == "nombre" and said[1] in ("de", "d'", "des", "d"):
        said = said[2:]
    return said[0] if said and said[0].isalpha() else None


def _same_noun(typed: str, noun: str) -> bool:
    """One noun, singular or plural (« participant », « participants »)."""
    return typed.rstrip("sx") == noun.rstrip("sx")


def _counted_figure(reading: Reading, about: str) -> Figure | None:
    """The one figure of several typed right before the noun the question counts (« 80
    participants sur 4 webinaires » at « Nombre de participants… »: 80), or None."""
    noun = _counted_noun(about) if about else None
    if noun is None:
        return None
    found = [
        figure
        for figure in reading.figures
        if (after := words(reading.text[figure.end :])) and _same_noun(after[0], noun)
    ]
    return found[0] if len(found) == 1 else None


def _not_a_share(reading: Reading, figure: Figure) -> bool:
    """Whether `figure` is neither a share of another (« 10 dont 3 participants ») nor in an
    aside in brackets."""
    before = words(reading.text[: figure.start])
    share = bool(before) and before[-1] in vocabulary().numbers.share
    return not share and "(" not in reading.text and "[" not in reading.text


def _counted_elsewhere(reading: Reading, about: str, figure_part: str) -> bool:
    """Whether the figure typed before the counted noun lies outside `figure_part`, in
    words that are no share of it (« dont ») nor an aside in brackets."""
    counted = _counted_figure(reading, about) if len(reading.figures) > 1 else None
    if counted is None or not _not_a_share(reading, counted):
        return False
    return all(f.value != counted.value for f in read_figures(figure_part).figures)


def parse_target_with_comment(
    text: str, *, maximum: int, months: int | None = None, about: str = ""
) -> tuple[int, str | None]:
    """An indicator's target and its comment: "12 ; dont 4 en visio", "10 (dont 3 en
    visio)", "10, dont 3 en visio", "150 participants" (no comment). A target counts the
    whole agreement: one typed "par mois" is confirmed as its total over the agreement's
    `months` ("2 par mois" -> 24 ?), as amounts typed "par mois" are."""
    details: dict[str, Any] = {"minimum": 0, "maximum": maximum, "unit": None}
    if len(text) > TARGET_LIMIT:
        raise InvalidAnswer("int_format", **details)
    original = clean_text(text).replace("\n", " ")
    reason = _zero_reason(original)
    if reason is not None:  # « pas de juriste chez nous donc aucune »: 0 ?, and why
        if len(reason) > COMMENT_MAX:
            raise InvalidAnswer("text_too_long", max_length=COMMENT_MAX, length=len(reason))
        # asked back: « aucune visibilité pour le moment » says « not known yet », not 0
        raise NeedsConfirmation("number_none", (0, reason), typed=_typed(text), **details)
    said = _none_said(original)
    if said is not None:  # « on a pas de service juridique »: 0 ?, the words as its comment
        if len(said) > COMMENT_MAX:
            raise InvalidAnswer("text_too_long", max_length=COMMENT_MAX, length=len(said))
        raise NeedsConfirmation("number_none", (0, said), typed=_typed(text), **details)
    typed_reading = read_figures(original)
    restated = _restated(typed_reading)
    if restated is not None and len(typed_reading.text) == len(original):
        # « 4 comités + les COPIL, disons 8 »: 8 asked back, its parts as its comment
        before = _comment(original[: restated[1]])
        try:
            parse_integer(original, minimum=0, maximum=maximum)
        except NeedsConfirmation as question:
            raise NeedsConfirmation(
                question.code, (question.value, before), **question.details
            ) from None
    figure_part, comment = _split_comment(original)
    if _counted_elsewhere(typed_reading, about, figure_part):
        figure_part, comment = original, None  # « 4 webinaires avec 80 participants »: 80
    if comment is not None and len(comment) > COMMENT_MAX:
        raise InvalidAnswer("text_too_long", max_length=COMMENT_MAX, length=len(comment))
    try:
        number = parse_integer(figure_part, minimum=0, maximum=maximum, about=about)
        if comment is None and len(read_figures(figure_part).figures) > 1:
            comment = _comment(figure_part)  # « 80 participants sur 4 webinaires »: all kept
    except NeedsConfirmation as question:
        if question.code == "count_share":  # « la moitié de nos 12 SIAE »: how it was worked out
            comment = _comment(original)
        raise NeedsConfirmation(
            question.code, (question.value, comment), **question.details
        ) from None
    except Ambiguous as question:
        candidates = [(c, comment) for c in question.candidates]
        details = question.details
        if question.code == "number_sum":  # the total keeps how it adds up, as typed
            candidates[0] = (question.candidates[0], _comment(original))
            details = {**details, "typed": _typed(text)}
            # each figure keeps its own words: « 2 (webinaires) », not the cycle's words
            own = _own_words(original)
            candidates[1:] = [(c, own.get(c, comment)) for c, _ in candidates[1:]]
        raise Ambiguous(question.code, candidates, **details) from None
    counted = original if comment is None else figure_part  # "10 (dont 3 par mois)": a comment
    counted_reading = read_figures(counted)
    if _period(counted_reading) == "month" and number > 0:
        _per_month(text, number, comment, months, details)
    if counted_reading.has(vocabulary().numbers.periods.quarter) and number > 0:
        _per_month(text, number, comment, months, details, per=3)
    return number, comment


def _per_month(
    text: str,
    number: int,
    comment: str | None,
    months: int | None,
    details: dict[str, Any],
    *,
    per: int = 1,
) -> None:
    """Ask back a target typed per month (or per quarter: `per` 3 months): its total over
    the agreement, or (length unknown) the figure as typed, so that "2 par mois" is never
    stored as 2 for a year unnoticed."""
    if months is not None and months % per:
        months = None  # (no whole number of quarters: the figure as typed is asked back)
    total = number * (months // per) if months else number
    if total > details["maximum"]:
        raise InvalidAnswer("int_range", **details)
    raise NeedsConfirmation(
        "target_per_month",
        (total, comment),
        typed=_typed(text),
        per_month=number,
        quarter=per == 3,
        over=months,
        **details,
    )


def _split_comment(original: str) -> tuple[str, str | None]:
    for match in _COMMENT_START.finditer(original):
        head = original[: match.start()]
        if read_figures(head).figures:
            rest = original[match.start() :]
            if match.group() in ("(", "["):
                inside, after = _bracketed(rest)
                if read_figures(after).figures:  # « 6 (le cycle encadrants) + 2 webinaires »
                    return f"{head.rstrip()} {after.strip()}", _comment(inside)
                said = [inside, after] if _says_more(after) else [inside]
                return head, _comment(" ; ".join(p.strip(" ;,:-") for p in said if p.strip()))
            else:
                rest = rest.lstrip(";,:-/ ") if match.group() != "dont" else rest
            return head, _comment(rest)
    digits = _FIRST_DIGITS.match(original)
    if digits is None:
        return original, None
    tail = original[digits.end() :]
    if read_figures(tail).figures:  # "entre 10 et 15": one answer with two figures
        return original, None
    # The words before the figure are a comment too when they say why ("on n'a pas de
    # service juridique, 0"), not when they only describe or bound it ("environ 10").
    lead = _LAST_FIGURE.sub("", original[: digits.end()])
    parts = [
        _comment(words)
        for words, says in ((lead, _lead_says_more(lead)), (tail, _says_more(tail)))
        if says
    ]
    found = [p for p in parts if p]
    return original[: digits.end()], " ; ".join(found) if found else None


_WORD = re.compile(r"[^\W\d_]+")
#: A link left at either end once « aucune » is taken out (« … donc aucune », « aucune : … »).
_DANGLING = re.compile(
    r"^(?:[\s,;:.=/-]|\b(?:donc|alors|du coup|soit|car)\b)+"
    r"|(?:[\s,;:.=/-]|\b(?:donc|alors|du coup|soit|car)\b)+$",
    re.IGNORECASE,
)


def _zero_reason(original: str) -> str | None:
    """A target of 0 said in words with its reason (« pas de juriste chez nous donc
    aucune », « aucune, pas de juriste »): the reason, for the target's comment. None when
    the text holds a digit or another figure, says « je ne sais pas », or says no more than
    none (« aucune », « aucune intervention »)."""
    if re.search(r"\d", original):
        return None
    reading = read_figures(original)
    numbers = vocabulary().numbers
    if any(f.value != 0 for f in reading.figures) or reading.has(numbers.unknown):
        return None
    if not reading.figures and not reading.has(numbers.zero):
        return None
    zero = {z for z in numbers.zero if " " not in z}
    reason = _WORD.sub(lambda m: "" if fold(m.group()) in zero else m.group(), original)
    reason = _DANGLING.sub("", " ".join(reason.split()))
    said = _other_words(fold(reason), numbers.bounds, numbers.describing)
    return _balanced(reason).strip() if len(said) >= 2 else None


def _none_said(original: str) -> str | None:
    """A target said in the negative without a figure (« on a pas de service juridique »):
    the sentence, for the comment of the 0 asked back. None when it is no such sentence or
    says no more than « pas concerné » (then 0 is asked back without comment)."""
    reading = read_figures(original)
    if reading.figures or re.search(r"\d", original) or not _says_none(reading):
        return None
    if whole_answer(reading.text, vocabulary().numbers.not_concerned):
        return None
    return _balanced(original.strip(" .!;,"))


def _bracketed(rest: str) -> tuple[str, str]:
    """What a bracket opening `rest` holds, and what follows its closing bracket (nothing
    when it is never closed)."""
    closing = ")" if rest.startswith("(") else "]"
    depth = 0
    for at, char in enumerate(rest):
        depth += {rest[0]: 1, closing: -1}.get(char, 0)
        if depth == 0:
            return rest[1:at], rest[at + 1 :]
    return rest[1:], ""


def _own_words(original: str) -> dict[int, str | None]:
    """Each figure of a sum with the words typed beside it, by value: « 6 (le cycle
    encadrants) + 2 webinaires » → 6: « le cycle encadrants », 2: « webinaires ». Parts are
    cut at the sum's joins outside brackets; a figure typed twice keeps its first words."""
    joins = phrase_pattern(vocabulary().numbers.sum_joins)
    folded = original.lower()  # the joins have no accent; one character for one (indices)
    cuts, depth = [0], 0
    for index, char in enumerate(folded):
        depth += (char in "([") - (char in ")]")
        if depth == 0:
            found = joins.match(folded, index)
            if found is not None and (index == 0 or not folded[index - 1].isalnum()):
                cuts += [index, found.end()]
    cuts.append(len(original))
    own: dict[int, str | None] = {}
    for start, end in zip(cuts[::2], cuts[1::2], strict=True):
        part = original[start:end]
        figures = read_figures(part).figures
        if len(figures) == 1 and _is_integral(figures[0].value):
            words = _FIRST_DIGITS.sub("", part, count=1).replace("(", " ").replace(")", " ")
            own.setdefault(int(figures[0].value), _comment(" ".join(words.split())))
    return own


def _comment(text: str) -> str | None:
    """A comment as printed: no link left at its ends, and no bracket left open or closed
    alone (« le cycle encadrants) + 2 webinaires » would print a broken parenthesis)."""
    value = _balanced(text.strip(" ;,:-")).strip(" ;,:-")
    if fold(value).strip(" .!") in vocabulary().commands.keywords.get("skip", ()):
        return None  # « 12 ; passer »: the comment, optional, passed (never printed)
    return value or None


def _balanced(text: str) -> str:
    """`text` with each bracket closed alone dropped and each one left open closed at the end."""
    kept: list[str] = []
    opened: list[str] = []
    pairs = {")": "(", "]": "["}
    for char in text:
        if char in "([":
            opened.append(char)
        elif char in pairs:
            if not opened or opened[-1] != pairs[char]:
                continue
            opened.pop()
        kept.append(char)
    closing = {"(": ")", "[": "]"}
    return "".join(kept).rstrip() + "".join(closing[c] for c in reversed(opened))


def _lead_says_more(lead: str) -> bool:
    """Whether the words before a target say more than a bound or an estimate of it."""
    numbers = vocabulary().numbers
    return bool(_other_words(fold(lead), numbers.bounds, numbers.describing))


def _says_more(tail: str) -> bool:
    """Whether the words after a target say more than what it counts ("150 participants")
    or the period it is typed for ("1 par trimestre": asked back as its total)."""
    return bool(_other_words(fold(tail), vocabulary().numbers.periods.quarter))


# -- amounts ------------------------------------------------------------------------------------
def parse_amount(
    text: str,
    *,
    percent_base: Decimal | None = None,
    ceiling: Decimal | None = None,
    per: Period | None = None,
    confirm_percent: bool = False,
    whole: Decimal | None = None,
    whole_parts: dict[str, Decimal] | None = None,
    about: str = "",
    loaded_cost: bool = False,
    percent_of: str | None = None,
    other_bases: Mapping[str, Decimal] | None = None,
    exemption: bool = False,
) -> Decimal:
    """An amount in euros, exact to the cent: "45k€", "12 500 euros", "1.500,50".

    `percent_base`: what "20 %" is a percentage of (in whole euros rounded down, as the
    CERFA counts them, so that it never exceeds a percentage cap; the rounding said when
    asked back); without it a percentage is refused. `ceiling`: what
    "le maximum" means here (the caller enforces its own cap). `per`: the period the
    field counts ("year", "month"); an amount typed "par mois" elsewhere is confirmed.
    `confirm_percent`: the amount a percentage gives is asked back (its base is a reading
    of the field, not the call's rule). `whole`: what "tout", "la totalité" mean here,
    asked back with `whole_parts` (what it was computed from); without it such words are
    refused like any other answer without a figure; "le maximum" without a `ceiling` is
    that whole too, asked back saying no cap is set. `about`: the question's label, whose
    words may stand around the figure. `loaded_cost`: the field asks a loaded cost (gross
    salary and employer charges), so a figure typed as a gross or net salary ("2 500 brut")
    is asked back, never taken as that cost unnoticed (it would understate the budget).
    `percent_of`: the name of `percent_base` (vocabulary `percent_bases`: "staff", "direct",
    "charges"), said when a percentage is asked back; a percentage whose text names another
    base ("20 % des charges directes" where the base is the staff costs) is always asked
    back, saying which base applies and, from `other_bases`, what the named one would give.
    `exemption`: the field reads an exemption (« on est exo », « exonérés de taxe sur les
    salaires ») as its answer, 0 €; negated (« on n'est pas exonérés »), refused.
    """
    if len(text) > LIMIT:
        raise InvalidAnswer("amount_format")
    reading = read_figures(text)
    vocab = vocabulary().numbers
    if not reading.text:
        raise InvalidAnswer("amount_empty")
    _time_typed(reading, text)
    _other_unit_typed(reading, text)
    fraction = _fraction(reading)
    if fraction is not None:
        _share_of(reading, text, fraction, percent_base, details={"of": percent_of})
    main, others = _main(reading)
    counted = _counted_figure(reading, about) if len(reading.figures) > 1 else None
    if counted is not None and _not_a_share(reading, counted):
        # « 80 participants sur 4 webinaires », « 4 webinaires avec 80 participants » at a
        # count of participants: the figure the counted noun follows, the others its context
        main, others = counted, []
    if main is None:
        exempt = _exempt(reading.text) if exemption else None
        if exempt is not None:
            if not exempt:
                raise InvalidAnswer("amount_not_exempt", typed=_typed(text))
            return Decimal("0.00")
        said_before = _said_before(reading.text)
        if whole is not None and (
            whole_answer(reading.text, vocab.whole)
            # « le reste en fonds propres », « fonds propres : le reste »: the label named
            or whole_answer(_without_label(reading.text, about), vocab.whole)
            or (
                said_before is not None
                and (not said_before or whole_answer(said_before, vocab.whole))
            )
        ):
            raise NeedsConfirmation(
                "amount_whole",
                whole,
                typed=_typed(text),
                unit="€",
                remainder=reading.has(vocab.remainder) or said_before == "",
                **(whole_parts or {}),
            )
        if said_before is not None and (not said_before or whole_answer(said_before, vocab.whole)):
            raise InvalidAnswer("amount_already_said", typed=_typed(text))
        if reading.has(vocab.ceiling):
            if ceiling is None and whole is not None:
                # « le max » at a resource the call caps nowhere (the Département's amount):
                # the most it may be is what the other resources leave uncovered, asked back
                raise NeedsConfirmation(
                    "amount_ceiling_whole",
                    whole,
                    typed=_typed(text),
                    unit="€",
                    **(whole_parts or {}),
                )
            if ceiling is None:
                raise InvalidAnswer("amount_no_ceiling")
            return ceiling
        if reading.has(vocab.unknown):
            raise InvalidAnswer("amount_unknown")
        if postponed(reading):
            raise InvalidAnswer("number_postponed", unit="€")
        if reading.has(vocab.zero):
            if _zero_in_a_sentence(reading, about):
                raise NeedsConfirmation(
                    "number_in_sentence", Decimal("0.00"), typed=_typed(text), unit="€"
                )
            return Decimal("0.00")
        if whole_answer(reading.text, vocab.not_concerned) or _says_none(reading):
            raise NeedsConfirmation("number_none", Decimal("0.00"), typed=_typed(text), unit="€")
        if reading.has(vocab.vague):
            raise InvalidAnswer("amount_unknown")
        if reading.has(vocab.included):  # « inclus », « c'est déjà dans le coût des postes »
            raise InvalidAnswer("amount_included", typed=_typed(text))
        raise InvalidAnswer("amount_format")
    if others:
        _several_amounts(reading, text, [main, *others])
    if main.malformed:
        raise InvalidAnswer("amount_format")
    if main.negative:
        raise InvalidAnswer("amount_negative")
    value = main.value
    if main.percent:
        if percent_base is None:
            raise InvalidAnswer("amount_percent")
        value = share_in_euros(percent_base, main.value, 100)
        named = None if percent_of is None else _named_base(reading)
        other = named if named != percent_of else None
        if confirm_percent or other is not None:
            details: dict[str, Any] = {
                "of": percent_of,
                "named": other,
                "ceiling": ceiling,
                "rounded": _rounded(value, percent_base * main.value / 100),
            }
            if other is not None and other_bases and other in other_bases:
                named_base = other_bases[other]
                details["named_base"] = named_base
                details["named_value"] = share_in_euros(named_base, main.value, 100)
            raise NeedsConfirmation(
                "amount_of_percent",
                value,
                typed=_typed(text),
                percent=main.value,
                base=percent_base,
                unit="€",
                **details,
            )
    elif main.comma_doubt and main.other_reading is not None:
        decimal = main.other_reading
        if decimal == decimal.quantize(CENT) and not main.multiplied:
            candidates = [value.quantize(CENT), decimal.quantize(CENT)]
            raise Ambiguous("amount_separator", candidates, typed=_typed(text), unit="€")
        _check_amount(value)
        raise NeedsConfirmation(
            "number_grouping", value.quantize(CENT), typed=_typed(text), unit="€"
        )
    _check_amount(value)
    value = value.quantize(CENT)
    if main.approximate:
        raise NeedsConfirmation("number_approx", value, typed=_typed(text), unit="€")
    _span(reading, value, text, per or "year")
    typed_period = _period(reading)
    if typed_period is not None and typed_period != (per or "year"):
        # « 3750 par mois » at an annual cost: the year's figure first, the one typed beside
        # it (never a monthly amount stored as annual on a mere « oui »)
        converted = value * 12 if typed_period == "month" else value / 12
        raise Ambiguous(
            "amount_period",
            [converted.quantize(CENT, rounding=ROUND_HALF_UP), value],
            typed=_typed(text),
            period=typed_period,
            expected=per or "year",
            unit="€",
        )
    salary = _salary(reading) if loaded_cost else None
    if salary is not None:
        raise NeedsConfirmation("amount_salary", value, typed=_typed(text), salary=salary, unit="€")
    if reading.has(vocab.bounds):
        raise NeedsConfirmation("number_bound", value, typed=_typed(text), unit="€")
    if _in_a_sentence(reading, main, about):
        raise NeedsConfirmation("number_in_sentence", value, typed=_typed(text), unit="€")
    return value


def exempt_said(text: str) -> bool:
    """Whether `text` says an exemption, not negated and without a figure (« on est
    exonérés de taxe sur les salaires »): the answer of a field that reads one."""
    reading = read_figures(text[:LIMIT])
    return not reading.figures and _exempt(reading.text) is True


_NEGATION = re.compile(r"(?<![a-z])(?:pas|plus|jamais|ne|n'|non|sans)(?![a-z])")
_UNSURE = re.compile(
    r"(?<![a-z])(?:sai[st] pas|sai[st] plus|pas sur|pas certaine?s?|peut[- ]etre|je crois|"
    r"je pense|a verifier|aucune idee)(?![a-z])|\?"
)


def _exempt(folded: str) -> bool | None:
    """True when the words say an exemption (vocabulary `numbers.exempt`: « on est exo »),
    False when they negate it (« on n'est pas exonérés »), None when they say none."""
    phrases = vocabulary().numbers.exempt
    if not phrases or not has_phrase(folded, phrases):
        return None
    if _UNSURE.search(folded):  # « je ne sais pas si on est exonérés »: no answer yet
        return None
    found = phrase_pattern(phrases).search(folded)
    before = folded[: found.start()] if found is not None else folded
    # a negation just before the word (« non exonérés », « on n'est pas exo », « sans
    # exonération »); one after it says the exemption (« exonérés, pas de taxe »)
    near = " ".join(before.replace("'", "' ").split()[-3:])
    return _NEGATION.search(near) is None


def _said_before(folded: str) -> str | None:
    """The answer without the words saying it was given already (« le reste, je l'ai dit »:
    « le reste » ; « je vous l'ai déjà dit »: empty), or None when no such words are said.
    Refused as an unreadable amount, they sent the applicant back to figures they had
    given: the rest is offered where the field computes it (`whole`)."""
    phrases = vocabulary().numbers.already_said
    if not phrases or not has_phrase(folded, phrases):
        return None
    left = phrase_pattern(phrases).sub(" ", folded)
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", left).split())


def _time_typed(reading: Reading, text: str) -> None:
    """Refuse hours or days typed as an amount (« 200h au smic », « 10 x 20h »): they are
    no euros, and the call states no hourly rate to convert them with; the applicant is
    asked for the value in euros. A figure in euros typed beside them (« 2 400 € pour
    200 h ») is asked back, the hours left aside."""
    timed = [(f, unit) for f in reading.figures if (unit := _time_unit(reading.text, f))]
    if not timed:
        return
    kept = [f for f in reading.figures if all(f is not t for t, _ in timed)]
    if len(kept) == 1 and kept[0].currency and not (kept[0].negative or kept[0].malformed):
        _check_amount(kept[0].value)
        value = kept[0].value.quantize(CENT)
        raise NeedsConfirmation("number_in_sentence", value, typed=_typed(text), unit="€")
    unit = timed[0][1]
    count: Decimal | None = None
    if len(reading.figures) == 1 and not kept:
        count = timed[0][0].value
    elif len(reading.figures) == 2 and len(timed) == 1:  # « 10 x 20h »: 200 hours
        first, last = reading.figures
        if reading.text[first.end : last.start].strip() in ("x", "*", "×"):
            count = first.value * last.value
    raise InvalidAnswer("amount_time", typed=_typed(text), unit=unit, count=count)


#: Units a figure after « sur », « / », « parmi » shares with the figure before it
#: (« 1,5 ETP sur 6,2 »: 6,2 ETP); a duration does not (« 9 000 sur 12 mois »).
_SHARED_UNITS = frozenset({"fte", "people"})
_SHARING = re.compile(r"\s*(?:sur|/|parmi)\s*")
#: « 1,5 sur 6,2 ETP » shares one unit between a part and its whole: a part no larger than
#: its whole, a whole of a few FTE or people; a larger figure is an amount.
_LARGEST_SHARED_WHOLE = Decimal(1000)


def _without_label(folded: str, about: str) -> str:
    """`folded` without the words of the question's label `about` and the small words
    joining them (« le reste en fonds propres » at « Fonds propres »: « le reste »); `folded`
    itself when the label is not named whole."""
    label = [w for w in words(fold(about)) if w not in JOINING_WORDS]
    said = words(folded)
    if not label or not set(label) <= set(said):
        return folded
    kept = [w for w in said if w not in label]
    while kept and kept[-1] in JOINING_WORDS:  # « le reste en »
        kept.pop()
    while kept and kept[0] in JOINING_WORDS - {"le", "la", "les"}:  # « en le reste »
        kept.pop(0)
    return " ".join(kept)


def _other_unit_typed(reading: Reading, text: str) -> None:
    """Refuse figures that all carry another unit than euros (« 1,5 ETP sur 6,2 », « 3
    personnes », « 12 mois »): asked back as « 1,50 € ou 6,20 € ? », or taken as 1,50 €,
    they put a wrong figure in the budget. A euro amount is asked for. A figure with no
    unit of its own, or marked in euros, leaves the text to the usual reading (« 9 000 sur
    12 mois », « 3 000 € par mois »)."""
    figures = reading.figures
    if not figures or any(f.currency or f.percent or f.multiplied for f in figures):
        return
    found = [_other_unit(reading.text, f) for f in figures]
    units = [None if unit is None else unit[0] for unit in found]
    for index in range(1, len(figures)):
        before, after = units[index - 1], units[index]
        said = found[index - 1]
        between = reading.text[
            figures[index - 1].end if said is None else said[1] : figures[index].start
        ]
        if _SHARING.fullmatch(between) is None:
            continue
        share, whole = figures[index - 1].value, figures[index].value
        if share > whole or whole > _LARGEST_SHARED_WHOLE:
            continue  # « 50000 sur 2 ETP », « 2 000 parmi 5 personnes »: an amount, per unit
        if after is None and before in _SHARED_UNITS:
            units[index] = before  # « 1,5 ETP sur 6,2 »
        elif before is None and after in _SHARED_UNITS:
            units[index - 1] = after  # « 1,5 sur 6,2 ETP »
    if any(unit is None for unit in units):
        return
    raise InvalidAnswer("amount_unit", typed=_typed(text), unit=units[0])


def _other_unit(folded: str, figure: Figure) -> tuple[str, int] | None:
    """The unit other than euros typed just after `figure` (vocabulary `other_units`), and
    where it ends."""
    for name, pattern in _other_unit_patterns().items():
        found = pattern.match(folded, figure.end)
        if found is not None:
            return name, found.end()
    return None


def _other_unit_patterns() -> dict[str, re.Pattern[str]]:
    """Each unit of `other_units` as it follows a figure: « 1,5 ETP », « 3 personnes »."""
    return _units_after_a_figure("other_units")


@cache
def _units_after_a_figure(
    table: Literal["other_units", "time_units"],
) -> dict[str, re.Pattern[str]]:
    """Each unit of a vocabulary `numbers` table as it follows a figure, a space or none
    between: « 200h », « 200 h », « 3 personnes »."""
    units: dict[str, list[str]] = getattr(vocabulary().numbers, table)
    return {
        name: re.compile(
            r"\s?(?:"
            + "|".join(map(re.escape, sorted(phrases, key=len, reverse=True)))
            + r")(?![a-z0-9])"
        )
        for name, phrases in units.items()
    }


def _time_unit(folded: str, figure: Figure) -> str | None:
    """The unit of time typed just after `figure` ("hours", "days"), if any."""
    for name, pattern in _time_patterns().items():
        if pattern.match(folded, figure.end):
            return name
    return None


def _time_patterns() -> dict[str, re.Pattern[str]]:
    """Each unit of time (vocabulary `time_units`) as it follows a figure: « 200h », « 200 h »."""
    return _units_after_a_figure("time_units")


_DIGIT_FRACTION = re.compile(r"(?<![\d/.,])([1-9])\s?/\s?([2-9]|10)(?![\d/.,])")


def _fraction(reading: Reading) -> tuple[int, int, re.Match[str]] | None:
    """A share said as a fraction (« environ 1/3 », « un tiers », « la moitié »): its
    numerator, denominator and place in the text."""
    found = _DIGIT_FRACTION.search(reading.text)
    if found is not None:
        return int(found.group(1)), int(found.group(2)), found
    fractions = vocabulary().numbers.fractions
    found = phrase_pattern(tuple(fractions)).search(reading.text)
    if found is None:
        return None
    numerator, denominator = fractions[found.group()].split("/")
    return int(numerator), int(denominator), found


def _share_of(
    reading: Reading,
    text: str,
    fraction: tuple[int, int, re.Match[str]],
    base: Decimal | None,
    *,
    details: dict[str, Any],
) -> None:
    """A fraction of the field's base (« environ 1/3 » of the staff costs), read like « 33 % »
    is: the amount it gives, asked back; of a figure typed after it (« un tiers de 45 000 »),
    the calculation asked back. Without a base, refused: an amount in euros is expected."""
    numerator, denominator, found = fraction
    figures = [f for f in reading.figures if not found.start() <= f.start < found.end()]
    if len(figures) > 1 or (figures and figures[0].start < found.end()):
        return  # (« 2 500 pour 1/3 du temps »: the figure is read as usual)
    if figures:
        between = reading.text[found.end() : figures[0].start].strip()
        if between not in ("de", "des", "du", "d'", "sur"):
            return
        base, details = figures[0].value, {}
        if figures[0].negative or figures[0].malformed or figures[0].percent:
            return
    elif base is None:
        raise InvalidAnswer("amount_percent", fraction=f"{numerator}/{denominator}")
    value = share_in_euros(base, numerator, denominator)
    _check_amount(value)
    raise NeedsConfirmation(
        "amount_of_percent",
        value,
        typed=_typed(text),
        fraction=f"{numerator}/{denominator}",
        # a share of the field's own base only (kept with the amount, `rules.request_share_
        # kept`): « un tiers de 45 000 » is no share of the operation's cost
        percent=None if figures else Decimal(100 * numerator) / denominator,
        base=base,
        unit="€",
        named=None,
        ceiling=None,
        rounded=_rounded(value, base * numerator / denominator),
        **details,
    )


def _rounded(value: Decimal, exact: Decimal) -> bool:
    """Whether a share's amount in whole euros differs from the exact one (said so)."""
    return value != exact


def _named_base(reading: Reading) -> str | None:
    """The base a percentage's text names ("des charges directes" -> "direct"), if any: the
    one named by the longest phrase, so "charges directes de personnel" is the staff costs."""
    found = [
        (len(match.group()), name)
        for name, phrases in vocabulary().numbers.percent_bases.items()
        for match in phrase_pattern(phrases).finditer(reading.rest)
    ]
    return max(found)[1] if found else None


def _salary(reading: Reading) -> Literal["gross", "net"] | None:
    """Whether the words around an amount make it a gross or a net salary rather than a
    loaded cost ("2 500 brut"; "2 500 brut chargé" is the loaded cost; "net" always a
    salary, whatever charges it names: "2 500 net de charges", "2 000 net, charges en plus";
    charges said to come on top make a gross salary: "2 500 brut, plus les charges")."""
    words_of = vocabulary().numbers.salary
    if reading.has(words_of.net):  # a loaded cost is never net: "2 500 net de charges"
        return "net"
    if reading.has(words_of.unloaded):  # "2 500 hors charges", "brut + charges en plus"
        return "gross"
    if reading.has(words_of.loaded):
        return None
    return "gross" if reading.has(words_of.gross) else None


def _check_amount(value: Decimal) -> None:
    if value != value.quantize(CENT, rounding=ROUND_DOWN):
        raise InvalidAnswer("amount_format")
    if value > MAX_AMOUNT:
        raise InvalidAnswer("amount_too_large")


def _several_amounts(reading: Reading, text: str, figures: list[Figure]) -> None:
    operators = {reading.text[a.end : b.start].strip() for a, b in pairwise(figures)}
    plain = all(not (f.percent or f.negative or f.malformed or f.comma_doubt) for f in figures)
    if plain and operators == {"+"}:
        total = sum((f.value for f in figures), Decimal(0))
        _check_amount(total)
        raise NeedsConfirmation("amount_sum", total.quantize(CENT), typed=_typed(text), unit="€")
    if plain and len(figures) == 2 and operators <= {"x", "*", "×"}:
        product = figures[0].value * figures[1].value
        if product > MAX_AMOUNT:
            raise InvalidAnswer("amount_too_large")
        product = product.quantize(CENT, rounding=ROUND_HALF_UP)
        raise NeedsConfirmation("amount_product", product, typed=_typed(text), unit="€")
    candidates = [f.value.quantize(CENT) for f in figures if not (f.percent or f.malformed)]
    if len(candidates) == 2 == len(figures) and operators <= {"et", "a", "ou", "-", "/"}:
        candidates[0] = _shared_multiplier(*figures).quantize(CENT)
    raise Ambiguous("number_several", candidates, typed=_typed(text), unit="€")


def _shared_multiplier(first: Figure, last: Figure) -> Decimal:
    """The first figure of a range read with the last one's "k" or "M" ("entre 40 et 45k" is
    40 000 or 45 000, not 40 €); the first figure itself when the range reads otherwise."""
    if first.multiplied or not last.multiplied:
        return first.value
    try:
        typed = Decimal(last.raw.replace(" ", "").replace(",", "."))
    except ArithmeticError:
        return first.value
    if typed <= 0 or first.value > typed:
        return first.value
    return first.value * (last.value / typed)


@cache
def _years_span() -> re.Pattern[str]:
    """A span of several years after an amount (« 120 000 sur 3 ans »), opened by the words
    that open a duration (vocabulary `months.duration_openings`)."""
    openings = "|".join(map(re.escape, vocabulary().months.duration_openings))
    return re.compile(rf"(?<![a-z0-9])(?:{openings})\s*(\d+)\s*(?:ans|annees)\b")


def _span(reading: Reading, value: Decimal, text: str, per: Period) -> None:
    """Ask back an amount typed for a quarter (« 10 500 € par trimestre ») or for several
    years (« 120 000 sur 3 ans ») where the field counts a month or a year: what it makes
    for the field's period, never the amount taken for a month or a year unnoticed."""
    years = None if _period(reading) is not None else _years_span().search(reading.text)
    if years is not None and int(years.group(1)) >= 2:  # (« 10 000 par an sur 3 ans »: a year)
        count = int(years.group(1))
        months = 12 * count
        span: dict[str, Any] = {"span": "years", "years": count}
    elif reading.has(vocabulary().numbers.periods.quarter):
        months, span = 3, {"span": "quarter"}
    else:
        return
    converted = value * (1 if per == "month" else 12) / months
    raise NeedsConfirmation(
        "amount_span",
        converted.quantize(CENT, rounding=ROUND_HALF_UP),
        typed=_typed(text),
        expected=per,
        unit="€",
        **span,
    )


def _period(reading: Reading) -> Period | None:
    periods = vocabulary().numbers.periods
    if reading.has(periods.month):
        return "month"
    if reading.has(periods.year):
        return "year"
    return None


def means_ceiling(text: str) -> bool:
    """Whether the answer asks for the field's maximum ("le maximum", "le plafond")."""
    reading = read_figures(text[:LIMIT])
    return not reading.figures and reading.has(vocabulary().numbers.ceiling)
