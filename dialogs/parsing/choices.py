"""Choices, multiple choices and yes/no, as people type them.

A choice is found, in this order: by a number (the code its label starts with, "62" for
"62 – Autres services extérieurs", or its position, for the terminal); by its label, id or
an alias, accents and case aside; by an acronym of the label ("ACI"); by words of the label,
in order or not, each possibly abbreviated ("tete de reseau departementale", "annuel").
One choice found: it is the answer. Several: `Ambiguous`, the user picks. Only some words
recognised, or a typo ("departementle"): `NeedsConfirmation`. Nothing: `InvalidAnswer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Literal, Protocol, TypeVar

from rapidfuzz.distance import OSA

from dialogs.parsing.errors import Ambiguous, Clarification, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.text import fold, shorten, words
from dialogs.parsing.vocabulary import phrase_pattern, vocabulary

LIMIT = 300
#: The id of an option that takes every body the others do not name (« Autre organisme »).
CATCH_ALL = "other"
Aliases = Mapping[str, Sequence[str]]


class Labelled(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


C = TypeVar("C", bound=Labelled)

_NUMBER = re.compile(r"(?:(?:n|no|numero|choix|option|reponse|le|la)\s*°?\s*)?(\d{1,4})\s*[.)]?")
_PAS_DE_CALAIS = re.compile(r"\bpas[- ]de[- ]calais\b")
_PARENTHESES = re.compile(r"\(([^)]*)\)?")
_LEADING_CODE = re.compile(r"^\d+\s*-\s*")
_EXCEPT = re.compile(r"\b(?:sauf|hors|excepte|a part|a l'exception d[eu']?|mais pas)\b")
_MULTI_PARTS = re.compile(r"[,;/+&]|\bet\b|\bou\b")


@dataclass(frozen=True)
class _Names:
    """The ways one choice can be named, folded."""

    exact: frozenset[str]
    acronyms: frozenset[str]
    numbers: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    words: frozenset[str]


def _matching_form(text: str) -> str:
    return _PAS_DE_CALAIS.sub("pasdecalais", fold(text))


def _core(folded: str) -> str:
    """A label without its leading emoji, code, parentheses and ellipsis."""
    text = re.sub(r"^[^a-z0-9]+", "", folded)
    text = _LEADING_CODE.sub("", _PARENTHESES.sub(" ", text))
    return re.sub(r"[^a-z0-9]+$", "", text.replace("...", "")).strip()


def significant_words(folded: str) -> tuple[str, ...]:
    stop = vocabulary().choices.stopwords
    return tuple(w for w in words(folded) if w not in stop)


@cache
def _names(choice_id: str, label: str, aliases: tuple[str, ...]) -> _Names:
    folded = _matching_form(label)
    alias_forms = [_matching_form(a) for a in aliases]
    exact = {fold(choice_id), folded, _core(folded), *alias_forms}
    acronyms = {
        inner.strip()
        for inner in _PARENTHESES.findall(folded)
        if re.fullmatch(r"[a-z]{2,6}", inner.strip())
    }
    if re.fullmatch(r"[a-z]{2,6}", _core(folded)):
        acronyms.add(_core(folded))
    code = re.match(r"[^a-z0-9]*(\d+)(?!\d)", folded)  # "62 – Autres services…"
    numbers = frozenset([code.group(1)] if code else [])
    phrases = tuple(
        p
        for p in {
            significant_words(_core(folded)),
            significant_words(folded),
            *(significant_words(a) for a in alias_forms),
        }
        if p
    )
    return _Names(
        frozenset(e for e in exact if e),
        frozenset(acronyms),
        numbers,
        phrases,
        frozenset(w for p in phrases for w in p),
    )


def _names_of(choice: Labelled, aliases: Aliases | None) -> _Names:
    return _names(choice.id, choice.label, tuple((aliases or {}).get(choice.id, ())))


def _word_matches(typed: str, known: str) -> bool:
    if typed == known:
        return True
    if not typed.isalpha() or not known.isalpha():
        return False
    if len(typed) >= 3 and known.startswith(typed):  # abbreviated: "dep", "departemental"
        return True
    # inflected: "departementale" for "departemental", "reseaux" for "reseau"
    return len(known) >= 4 and typed.startswith(known) and len(typed) - len(known) <= 3


def _typo(typed: str, known: str) -> bool:
    if len(typed) < 4 or not typed.isalpha():
        return False
    allowed = 1 if len(typed) < 8 else 2
    return OSA.distance(typed, known, score_cutoff=allowed) <= allowed


def close_word(typed: str, known: str) -> bool:
    return _word_matches(typed, known) or _typo(typed, known)


def _in_order(
    typed: tuple[str, ...],
    phrase: tuple[str, ...],
    matches: Callable[[str, str], bool] = _word_matches,
) -> bool:
    size = len(typed)
    return any(
        all(matches(t, k) for t, k in zip(typed, phrase[i : i + size], strict=True))
        for i in range(len(phrase) - size + 1)
    )


def _find(text: str, choices: Sequence[C], aliases: Aliases | None) -> tuple[str, list[C]]:
    """The choices `text` names and how surely: "exact" (number, label, id or alias),
    "sure" (acronym or words of the label), "partial" (some words, or words with a typo),
    or "none"."""
    folded = _matching_form(text)
    core = re.sub(r"[^a-z0-9]+$", "", re.sub(r"^[^a-z0-9]+", "", folded))
    names = [(c, _names_of(c, aliases)) for c in choices]
    number = _NUMBER.fullmatch(core)
    if number is not None:
        value = number.group(1)
        found = [c for c, n in names if value in n.numbers]
        position = int(value)
        if 1 <= position <= len(choices) and choices[position - 1] not in found:
            found.append(choices[position - 1])
        if found:
            return "exact", found
    typed = significant_words(core)
    plain = _core(core)
    place = vocabulary().choices.ordinals.get(" ".join(typed))
    if place is not None and 1 <= abs(place) <= len(choices):  # « le 1er », « le dernier »
        return "exact", [choices[place - 1 if place > 0 else place]]
    levels: tuple[Callable[[_Names], bool], ...] = (
        # « c'est une SCIC »: the name once the small words are out (`stopwords`)
        lambda n: core in n.exact or plain in n.exact or " ".join(typed) in n.exact,
        lambda n: len(typed) == 1 and typed[0] in n.acronyms,
        lambda n: bool(typed) and any(_in_order(typed, p) for p in n.phrases),
        lambda n: bool(typed) and all(any(_word_matches(t, k) for k in n.words) for t in typed),
    )
    for level, test in enumerate(levels):
        found = [c for c, n in names if test(n)]
        if found:
            if level >= 2 and len(typed) == 1 and _generic(typed[0]):
                # One word saying what any organisation may be: "asso" is any association
                # (most network heads are), not surely the « association intermédiaire »
                # whose label holds the word; asked back, never taken.
                return "partial", found
            return ("exact" if level == 0 else "sure"), found
    scored = []
    catch_all = any(c.id == CATCH_ALL for c in choices)
    generic_only = False
    for choice, n in names:
        # A figure names an option approximately only as its code (« compte 62 »: « 62 –
        # Autres services extérieurs »), never as a word of its other names: « un peu dans
        # le 62 » was asked back as « Tête de réseau départementale » (« départementale du
        # 62 »). With its words, such a figure names the option above (« dptale 62 »).
        worded = [t for t in typed if not t.isdigit() or t in n.numbers]
        near = [t for t in worded if any(_near(t, k) for k in n.words)]
        close = len(near)
        # Where an option takes every other body (« Autre organisme »), a word saying what
        # any organisation may be names no option by itself among other words: « une asso
        # d'accompagnement vers l'emploi » is no « association intermédiaire » (alone,
        # « asso », it is asked back above; a legal form's « asso de quartier » is one).
        if close and catch_all and len(typed) > 1 and all(_generic(t) for t in near):
            generic_only = True
            continue
        if close:
            exact = sum(1 for t in typed if any(_word_matches(t, k) for k in n.words))
            ordered = [p for p in n.phrases if _in_order(typed, p, _near)]
            complete = any(len(p) == len(typed) for p in ordered)
            scored.append(((close, complete, bool(ordered), exact), choice))
    if scored:
        best = max(score for score, _ in scored)
        return "partial", [c for score, c in scored if score == best]
    return ("generic" if generic_only else "none"), []


def typed_place(text: str, count: int) -> int | None:
    """The place among `count` buttons that a number or an ordinal typed alone names (« 1 »,
    « 2. », « 3) », « le 1 », « n° 2 », « le premier », « le dernier »), as typed: it may
    name none (« 4 » under three buttons; the caller asks back). None for any other words:
    they are read as words. Where a screen's buttons are not a spec's choices (« Votre
    message est-il pour l’équipe ? »), so that a number typed goes where a click would."""
    folded = _matching_form(text)
    core = re.sub(r"[^a-z0-9]+$", "", re.sub(r"^[^a-z0-9]+", "", folded))
    number = _NUMBER.fullmatch(core)
    if number is not None:
        return int(number.group(1))
    place = vocabulary().choices.ordinals.get(" ".join(significant_words(core)))
    if place is None:
        return None
    return place if place > 0 else count + 1 + place


def _near(typed: str, known: str) -> bool:
    """`close_word`, but a word the vocabulary knows as a month is no typo of another word:
    « sept à déc » at the territory is no « dept » (« Tout le Pas-de-Calais ») mistyped."""
    if _word_matches(typed, known):
        return True
    return typed not in vocabulary().months.names and _typo(typed, known)


def _generic(word: str) -> bool:
    """A word that says what kind of body an organisation is, never which choice it is."""
    return any(_word_matches(word, g) for g in vocabulary().choices.generic)


def _negated(text: str) -> bool:
    return (
        phrase_pattern(tuple(vocabulary().choices.negations)).search(_matching_form(text))
        is not None
    )


def parse_choice(text: str, choices: Sequence[C], *, aliases: Aliases | None = None) -> C:
    """The choice `text` names; `aliases` gives other names by choice id."""
    details = {"count": len(choices), "choices": [c.label for c in choices]}
    if len(text) > LIMIT or not choices:
        raise InvalidAnswer("choice", **details)
    how, found = _find(text, choices, aliases)
    if not found:
        guesses = vocabulary().choices.guesses
        said = " ".join(_squeeze(re.sub(r"[^a-z0-9' -]+", " ", fold(text))).split())
        guessed = [c for c in choices if said and said in guesses.get(c.id, ())]
        if len(guessed) == 1:  # « ok » at the review: « Générer le brouillon » ?
            raise NeedsConfirmation("choice_guess", guessed[0], typed=shorten(text), **details)
        if _NUMBER.fullmatch(fold(text).strip(" .!")):
            raise InvalidAnswer("choice_number", **details)
        if how == "generic":  # « une asso d'accompagnement… »: which one, « Autre » offered
            other = next(c.label for c in choices if c.id == CATCH_ALL)
            raise InvalidAnswer("choice_generic", other=other, **details)
        raise InvalidAnswer("choice", **details)
    if len(found) > 1:
        raise Ambiguous("choice_ambiguous", found, typed=shorten(text), **details)
    if how == "partial" or (how == "sure" and _negated(text)):
        raise NeedsConfirmation("choice_guess", found[0], typed=shorten(text), **details)
    return found[0]


def match_choice(text: str, choices: Sequence[C], *, aliases: Aliases | None = None) -> C | None:
    """The choice `text` names for sure, or None (unknown, ambiguous or approximate)."""
    try:
        return parse_choice(text, choices, aliases=aliases)
    except (InvalidAnswer, Clarification):
        return None


_ARTICLE = re.compile(r"^(?:(?:le|la|les|un|une)\s+|l['’]\s*)", re.IGNORECASE)
_SEVERAL = re.compile(r"[\d,;/+&]|\bet\b|\bou\b")


def named_body(text: str, choices: Sequence[C]) -> tuple[C, str] | None:
    """The option a body's own name says (« la CA du Boulonnais » an EPCI, « DREETS
    Hauts-de-France » the État: vocabulary `choices.bodies`), with that name as typed, its
    article out (« CA du Boulonnais »). None for the opening word alone (an alias, read as
    ever), for figures or several bodies (« la région et l'état », « CA 10 000 »: read
    elsewhere), or when the words open the names of two options."""
    name = " ".join(_ARTICLE.sub("", text.strip()).split()).strip(" .!")
    folded = fold(name)
    if _SEVERAL.search(folded) or not folded:
        return None
    bodies = vocabulary().choices.bodies
    found = [
        c
        for c in choices
        if any(re.match(rf"{re.escape(b)}[\s'-]+[a-z]", folded) for b in bodies.get(c.id, ()))
    ]
    return (found[0], name) if len(found) == 1 else None


def parse_multi(text: str, choices: Sequence[C], *, aliases: Aliases | None = None) -> list[str]:
    """Several choices: "1, 3", "1 3", "ACI, EI", "ACI et EI", "toutes", "toutes sauf AI";
    the chosen ids come back in the choices' order."""
    details = {"count": len(choices), "choices": [c.label for c in choices]}
    if len(text) > LIMIT * 2:
        raise InvalidAnswer("multi", part=shorten(text), **details)
    folded = fold(text).strip(" .!")
    vocab = vocabulary().choices
    if not folded:
        raise InvalidAnswer("multi", part=shorten(text), **details)
    base, *excluded = _EXCEPT.split(folded, maxsplit=1)
    base = base.strip(" ,")
    guessed: list[str] = []
    if base in vocab.all or (not base and excluded):
        chosen = {c.id for c in choices}
    elif says_none(base):
        raise InvalidAnswer("multi_empty", **details)
    else:
        try:
            chosen = _several(base, choices, aliases, guessed, details)
        except InvalidAnswer as refused:
            if refused.details.get("part") != base:
                raise
            # the words quoted back as typed, never folded (« chargee de mission »)
            typed = shorten(text.strip(" .!"))
            raise InvalidAnswer(refused.code, **{**refused.details, "part": typed}) from None
    if excluded:
        chosen -= _several(excluded[0], choices, aliases, guessed, details)
    if not chosen:
        raise InvalidAnswer("multi_empty", **details)
    ordered = [c.id for c in choices if c.id in chosen]
    if guessed:
        labels = [c.label for c in choices if c.id in chosen]
        raise NeedsConfirmation("multi_guess", ordered, labels=labels, **details)
    return ordered


def says_none(text: str) -> bool:
    """Whether `text` picks none of a list's options (« aucun », « non aucun », « rien »,
    « non merci » where the list is asked as a question: « Votre plan sert-il aussi ces
    objectifs ? »)."""
    folded = fold(text).strip(" .!")
    said = [w for w in re.split(r"[\s,;]+", folded) if w]
    if " ".join(said) in vocabulary().choices.none:  # « non merci » whole
        return True
    no = set(vocabulary().yes_no.no)
    while len(said) > 1 and said[0] in no:  # « non aucun », « non, rien »
        said.pop(0)
    return bool(said) and " ".join(said) in vocabulary().choices.none


def _several(
    segment: str,
    choices: Sequence[C],
    aliases: Aliases | None,
    guessed: list[str],
    details: dict[str, object],
) -> set[str]:
    whole = match_choice(segment, choices, aliases=aliases)
    if whole is not None:
        return {whole.id}
    chosen: set[str] = set()
    for part in (p.strip() for p in _MULTI_PARTS.split(segment)):
        if not part or part in ("les", "des", "la", "le", "l'"):
            continue
        try:
            chosen.add(parse_choice(part, choices, aliases=aliases).id)
            continue
        except (InvalidAnswer, Clarification) as problem:
            first = problem
        singles = [match_choice(t, choices, aliases=aliases) for t in part.split()]
        if len(singles) > 1 and all(s is not None for s in singles):
            chosen.update(s.id for s in singles if s is not None)
        elif isinstance(first, NeedsConfirmation):
            chosen.add(first.value.id)
            guessed.append(part)
        elif isinstance(first, Ambiguous):
            raise Ambiguous("multi_ambiguous", first.candidates, part=part, **details) from None
        else:
            raise InvalidAnswer("multi", part=part, **details) from None
    return chosen


# -- yes / no ---------------------------------------------------------------------------------
_REPEATS = re.compile(r"([a-z])\1+")
_YES_EMOJI = frozenset("👍✅👌✔☑🆗")
_NO_EMOJI = frozenset("👎❌🚫✖⛔")


def _squeeze(text: str) -> str:
    """ "ouiii" -> "oui", "nonnn" -> "non" (and the vocabulary the same way)."""
    return _REPEATS.sub(r"\1", text)


@cache
def _yes_no_forms() -> dict[str, tuple[str, ...]]:
    v = vocabulary().yes_no
    names: tuple[str, ...] = ("yes", "no", "leaning_yes", "leaning_no", "unsure", "contrast")
    names += ("alone", "polite", "settled")
    return {name: tuple(_squeeze(p) for p in getattr(v, name)) for name in names}


@cache
def _negation() -> re.Pattern[str]:
    """Any word of `yes_no.negations` in a folded text; « n' » as it opens a word (« n'a »)."""
    negations = vocabulary().yes_no.negations
    words_ = "|".join(re.escape(w) for w in sorted(negations, key=len) if not w.endswith("'"))
    elided = "|".join(re.escape(w) for w in negations if w.endswith("'"))
    return re.compile(rf"(?<![a-z0-9'])(?:(?:{words_})(?![a-z0-9])|{elided or '(?!)'})")


def _without_interjections(folded: str) -> str:
    """`folded` without the small words said around an answer (« ah », « pardon »: vocabulary
    `yes_no.interjections`), a comma they leave behind kept, its text single-spaced."""
    phrases = tuple(vocabulary().yes_no.interjections)
    if not phrases:
        return folded
    return " ".join(phrase_pattern(phrases).sub(" ", folded).split()).lstrip(" ,;:!.")


def _plain(folded: str) -> str:
    """`folded` without the words that only look negative (« pas mal »: `not_negations`)."""
    phrases = tuple(vocabulary().yes_no.not_negations)
    return " ".join(phrase_pattern(phrases).sub(" ", folded).split()) if phrases else folded


def _negative(folded: str) -> Literal["negation", "restriction"] | None:
    """How a folded clause is negative: a « negation » (« on n'en a jamais eu » reads non),
    a « restriction » (« on n'a que des BRSA », « pas que des BRSA »: neither yes nor no,
    whatever the question), or None (« on en a pas mal »). A restriction is never read as
    « non »: a reflexive « oui » to that reading would declare a network ineligible."""
    said = _plain(folded)
    if _negation().search(said) is None:
        return None
    v = vocabulary().yes_no
    restrictive, others = set(v.restrictive), set(v.negations) - {"ne", "n'"}
    tokens = re.findall(r"[a-z0-9]+'|[a-z0-9]+", said)
    for i, word in enumerate(tokens):
        if word in ("ne", "n'"):  # « ne … que », no other negation word between
            for after in tokens[i + 1 :]:
                if after in restrictive:
                    return "restriction"
                if after in others:
                    break
        elif word in others and tokens[i + 1 : i + 2] and tokens[i + 1] in restrictive:
            return "restriction"  # « pas que », « pas seulement »
    return "negation"


_CLAUSE_END = re.compile(r"[,;:.!?()]|\bmais\b", re.IGNORECASE)


def parse_yes_no(text: str, *, decisive: bool = False, offering: bool = False) -> bool:
    """ "oui", "oui bien sûr", "ouais", "ok", "d'accord", "non", "non merci", "pas encore".

    A sentence is never a silent yes: « on a peu de BRSA » is refused (neither yes nor no),
    « on a pas d'adhérents dans le 62 » is asked back as « non », « pas sûr, on a surtout des
    jeunes » is a doubt (no reading proposed). `decisive`: the answer decides something that
    cannot be taken back unseen (eligibility): a « non » followed by words of its own (« non
    on est sur le Nord surtout », « pas de BRSA ») is asked back too. « C'est bon »
    (`settled`) is a yes, save where the question `offering` one more item (« Autre action
    ? »): there it says « that will do », asked back as « non »."""
    stripped = text.strip()
    if len(stripped) > LIMIT:
        raise InvalidAnswer("yes_no")
    signs = [c for c in stripped if not (c.isspace() or c in "!.?,\ufe0f")]
    if signs and all(c in _YES_EMOJI for c in signs):
        return True
    if signs and all(c in _NO_EMOJI for c in signs):
        return False
    said = _without_interjections(fold(stripped))  # « ah si pardon, … »: « si, … »
    folded = _squeeze(re.sub(r"[^a-z0-9' -]+", " ", said)).strip(" '-")
    folded = " ".join(folded.split())
    forms = _yes_no_forms()
    if folded in ("1", "2"):
        return folded == "1"
    asked = "?" in stripped
    if folded in forms["settled"]:
        if offering or asked:
            raise NeedsConfirmation("yes_no_leaning", not offering, typed=shorten(stripped))
        return True
    for name, value in (("yes", True), ("no", False)):
        if folded in forms[name]:
            if asked:
                raise NeedsConfirmation("yes_no_leaning", value, typed=shorten(stripped))
            return value
    apart = _FIRST_WORD_APART.match(said) is not None  # « si, on en a »
    leads = {
        name: len(folded) - len(rest)
        for name in ("yes", "no", "leaning_yes", "leaning_no", "unsure")
        if (rest := _lead(folded, name, apart)) is not None
    }
    if leads.get("unsure", 0) >= max(leads.values(), default=0) > 0:
        raise InvalidAnswer("yes_no_unsure")  # « pas sûr, on a surtout des jeunes »
    leaning = [
        (leads[name], value)
        for name, value in (("leaning_yes", True), ("leaning_no", False))
        if name in leads
    ]
    if leaning:
        raise NeedsConfirmation("yes_no_leaning", max(leaning)[1], typed=shorten(stripped))
    if folded in forms["unsure"]:
        raise InvalidAnswer("yes_no_unsure")
    for name, value in (("yes", True), ("no", False)):
        rest = _lead(folded, name, apart)
        if rest is None:
            continue
        if not value and _reversed(rest):  # « non, en fait on a 3 financeurs »
            raise NeedsConfirmation("yes_no_leaning", True, typed=shorten(stripped))
        doubts = (forms["contrast"], forms["unsure"], forms["no" if value else "yes"])
        if any(_contains(_plain(rest), d) for d in doubts) or asked:  # not « pas mal »
            raise NeedsConfirmation("yes_no_leaning", value, typed=shorten(stripped))
        if decisive and not value and rest.strip() and rest.strip() not in forms["no"]:
            raise NeedsConfirmation("yes_no_leaning", value, typed=shorten(stripped))
        if decisive and value and _negative(rest):  # « oui, on n'a que des DELD »
            raise NeedsConfirmation("yes_no_leaning", value, typed=shorten(stripped))
        return value
    if _contains(folded, forms["unsure"]):
        raise InvalidAnswer("yes_no_unsure")
    first_clause = _CLAUSE_END.split(said, maxsplit=1)[0]
    negative = _negative(first_clause)
    if negative == "restriction":  # « on n'a que des BRSA »: no reading proposed
        raise InvalidAnswer("yes_no", typed=shorten(stripped))
    if negative == "negation":  # « on a pas d'adhérents dans le 62, … »
        raise NeedsConfirmation("yes_no_leaning", False, typed=shorten(stripped))
    if len(folded.split()) == 1 and len(folded) >= 3:
        for name, value in (("yes", True), ("no", False)):
            known = (w for w in forms[name] if len(w) >= 3)
            if any(OSA.distance(folded, w, score_cutoff=1) <= 1 for w in known):
                raise NeedsConfirmation("yes_no_guess", value, typed=shorten(stripped))
    # a sentence is quoted back (« on a peu de BRSA » says neither yes nor no)
    raise InvalidAnswer("yes_no", typed=shorten(stripped) if len(folded.split()) > 1 else "")


def yes_rest(text: str) -> str | None:
    """The words typed after a plain yes ("oui la région" → "la région", as typed), when
    `parse_yes_no` takes the text as a yes; None when nothing follows but more yes ("oui
    bien sûr", "oui je confirme")."""
    if not _is_yes(text):
        return None
    forms = _yes_no_forms()["yes"]
    tokens = text.split()
    for end in range(len(tokens) - 1, 0, -1):  # the longest yes the text opens with
        opening = _without_interjections(fold(" ".join(tokens[:end])))  # « ah si pardon, »
        said = _squeeze(re.sub(r"[^a-z0-9' -]+", " ", opening))
        if " ".join(said.strip(" '-").split()) in forms:
            rest = " ".join(tokens[end:]).strip(" ,;:.!-")
            return None if not rest or _is_yes(rest) else rest
    return None


def contradicts_no(text: str) -> bool:
    """Whether `text` is a yes that contradicts a « non » (« si », « ah si pardon, on a 10
    adhérentes dans le 62 »: vocabulary `yes_no.contradicting`), typed at « dois-je
    comprendre non ? »: an answer anew, never a « oui » confirming the « non »."""
    said = _without_interjections(fold(text.strip()))
    folded = " ".join(re.sub(r"[^a-z0-9' -]+", " ", said).split())
    opens = _starts_with(folded, tuple(vocabulary().yes_no.contradicting))
    return opens is not None and _is_yes(text)


def _is_yes(text: str) -> bool:
    try:
        return parse_yes_no(text) is True
    except (InvalidAnswer, Clarification):
        return False


_FIRST_WORD_APART = re.compile(r"^\W*[a-z]+\s*[,;:!.]")


_ONLY = re.compile(r"(?<![a-z])(?:seule?s?|seulement|uniquement|que nous|nous-memes|tout)(?![a-z])")


def _reversed(rest: str) -> bool:
    """Whether the words after a « non » correct it (vocabulary `yes_no.reversing`): « en
    fait » then a fact in words that is not negative (« on a 3 financeurs », not « on n'en
    a pas »). Recorded « non », such a fact was lost: the « oui » it says is asked back."""
    opened = rest.strip(" ,")
    fact = _starts_with(opened, tuple(_squeeze(p) for p in vocabulary().yes_no.reversing))
    if fact is None:
        return False
    if re.fullmatch(r"enfin,? si\W*", opened):  # « non… enfin si »: a « oui » itself
        return True
    fact = fact.strip(" ,")
    if not re.search(r"[a-z]{2}", fact):  # « non en fait »: no fact said
        return False
    if fact in _yes_no_forms()["no"] or _negative(fact) is not None:
        return False
    # a fact (« on a 3 financeurs », « la région nous finance »), never one that keeps the
    # « non » (« en fait on finance tout nous-mêmes », « finalement c'est le
    # Département seul », « en fait un seul poste »)
    return _ONLY.search(fact) is None


def _lead(folded: str, name: str, apart: bool = False) -> str | None:
    """What follows the yes/no form of kind `name` that opens `folded`, or None. A word that
    answers only alone (`alone`: « si », « super », « rien », « pas »…) opens nothing when
    other words follow it (« si on veut », « rien à voir »), save polite ones (« parfait
    merci », « si, bien sûr »), or when a comma sets it apart (`apart`: « si, on en a »)."""
    forms = _yes_no_forms()
    rest = _starts_with(folded, forms[name])
    if rest is None or name not in ("yes", "no"):
        return rest
    opening = folded[: len(folded) - len(rest)].strip()
    if opening not in forms["alone"] or not rest.strip() or apart:
        return rest
    polite = set(forms["polite"])
    again = rest.strip() in forms[name]  # « si, bien sûr »
    return rest if again or all(w in polite for w in rest.split()) else None


def _starts_with(folded: str, phrases: tuple[str, ...]) -> str | None:
    """What follows the longest of `phrases` that starts `folded`, or None."""
    match = phrase_pattern(phrases).match(folded)
    return None if match is None else folded[match.end() :]


def _contains(folded: str, phrases: tuple[str, ...]) -> bool:
    return phrase_pattern(phrases).search(folded) is not None
