"""An earlier answer corrected in the applicant's own words, wherever they are.

A tester typed « ah au fait je me suis trompée, on a 7 salariés pas 6 » at « Ajouter une
autre action ? » and read « Répondez par oui ou non »; at the review, « en fait le budget
annuel c'est 480k pas 450 » was read as « 🔎 Budget », and « je voudrais modifier le nom de
l'organisme » as « Modifier une réponse », the answer named then forgotten two menus down.

A message that says it corrects (`corrections.yaml`: « je me suis trompé(e) », « modifier »,
« en fait … c'est … ») and names an answer already given (the words of its label, accents and
case aside, as choices are matched) opens that answer as « Modifier une réponse » would, with
the new value typed handled there by the field's own parser (refused with the reason, or
asked back: never dropped). Once taken, the applicant is back where they were: the question
left, or the review. A correction that names no answer gets the way to correct, never a bare
« Répondez par oui ou non ».
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict

from dialogs import kinds
from dialogs import validation as v
from dialogs.asking_back import CANDIDATE
from dialogs.dossier import AskingBack, Dossier, IndicatorTarget
from dialogs.events import SCREENS, Button, Message, Outcome, Text
from dialogs.parsing import Clarification, InvalidAnswer, fold
from dialogs.parsing.choices import close_word, significant_words
from dialogs.parsing.figures import read_figures
from dialogs.parsing.text import JOINING_WORDS, is_role, name_in_sentence, normalize, words
from dialogs.parsing.vocabulary import SAFE_LOADER, phrase_pattern, vocabulary
from dialogs.plan import find_question, item_of
from dialogs.prompts import parse_options
from dialogs.question import SCREEN_KINDS, Question
from dialogs.spec import Choice
from dialogs.texts import render_macro, shorten
from dialogs.unrecorded import unrecorded_note

if TYPE_CHECKING:
    from dialogs.engine import Interview

WORDS_FILE = Path(__file__).with_name("corrections.yaml")
#: Kinds whose answer may be any words: there a correction is taken only once the words are
#: refused as an answer (« nous voulons corriger… » may well describe the context).
_FREE_TEXT = frozenset({"text", "choice_or_text", "info"})
#: How many answers « which one? » offers (a button each).
_SHOWN = 4
#: How many words may name a field of the item on screen (« le titre de l'action »).
_NAMING_WORDS = 3
#: How many words a correction typed at a free text may hold (« ah pardon c'est 48
#: adhérentes et pas 45 »): more is a description, read as the answer.
_RECALLING_WORDS = 8
#: How many words a correction naming another answer, with its new value, may hold at a
#: free text (« en fait le budget annuel c'est 480k pas 450 »): more is a description.
_CORRECTING_WORDS = 12
#: How many answers before the question on screen « 12 pas 10 » may correct without naming.
_RECENT = 3
#: Kinds whose new value is the figure typed (« on a 7 salariés » → « 7 »).
_FIGURES = frozenset({"int", "int_comment", "money", "fte"})
#: Kinds whose words after the label (« les charges indirectes on met le max ») are tried as
#: the new value: only fields that refuse words they do not understand (never a free text).
_WORDED = _FIGURES | {"choice", "yesno", "multi", "months"}
#: A « non » opening an answer (« non plutot 80 % »).
_NO_FIRST = re.compile(r"^\s*(?:non|nan|no)\b[\s,.;:!-]*", re.IGNORECASE)
_FIGURE = re.compile(
    r"\d[\d .,]*(?:\s?(?:k€|ke|k|m€|m|€|euros?|etp|%|millions?|mille)(?![a-z]))?", re.IGNORECASE
)


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    mistake: tuple[str, ...]
    restating: tuple[str, ...]
    value_opens: tuple[str, ...]
    old_value_opens: tuple[str, ...]
    relative: tuple[str, ...]
    weak: frozenset[str]
    value_fillers: frozenset[str] = frozenset()
    apology: tuple[str, ...] = ()
    apology_fillers: tuple[str, ...] = ()


@cache
def _words() -> _Words:
    with WORDS_FILE.open(encoding="utf-8") as stream:
        loaded = _Words.model_validate(yaml.load(stream, Loader=SAFE_LOADER))
    phrases = [*loaded.mistake, *loaded.restating, *loaded.value_opens, *loaded.old_value_opens]
    phrases += [*loaded.apology, *loaded.apology_fillers]
    bad = sorted(p for p in [*phrases, *loaded.weak] if fold(p) != p)
    if bad:
        raise ValueError(f"{WORDS_FILE.name}: phrases must be written folded: {bad}")
    return loaded


@dataclass(frozen=True)
class Said:
    """What a correcting message says: whether it says so strongly (« je me suis
    trompée ») or only with an answer named (« en fait »), the words naming the answer, and
    the new value typed after « c'est », « : »… (None when there is no such word)."""

    strong: bool
    naming: str
    value: str | None


def read(text: str, *, marked: bool = True) -> Said | None:
    """The correction `text` says, or None when it says none. Not `marked`: read as one
    though no word says so (at the review, « fonds propres : 7380 » names a field)."""
    said = _words()
    typed = normalize(text)
    folded, where = _fold_map(typed)
    strong = phrase_pattern(said.mistake).search(folded) is not None
    if marked and not strong and phrase_pattern(said.restating).search(folded) is None:
        return None
    # the markers out, then the old value (« pas 6 »); the new value follows « c'est »
    kept = [True] * len(typed)
    for pattern in (phrase_pattern(said.mistake), phrase_pattern(said.restating)):
        for found in pattern.finditer(folded):
            _drop(kept, where, found.start(), found.end())
    for found in phrase_pattern(said.old_value_opens).finditer(folded):
        if folded.startswith("-", found.end()):  # « Pas-de-Calais » says no old value
            continue
        _drop(kept, where, found.start(), _clause_end(folded, found.end()))
    rest = " ".join("".join(c if k else " " for c, k in zip(typed, kept, strict=True)).split())
    folded, where = _fold_map(rest)
    for opens in phrase_pattern(said.value_opens).finditer(folded):
        naming = rest[: where[opens.start()]].strip(" ,;.!")
        if significant_words(fold(naming)):  # « erreur : budget annuel 480 000 » names it after
            value = rest[where[opens.end() - 1] + 1 :].strip(" ,;.!-")
            return Said(strong, naming, value or None)
    return Said(strong, rest.strip(" ,;.!"), None)


def apologised(text: str) -> str | None:
    """The new value after an apology that opens `text` (« pardon, c'est 6 » → « 6 »,
    « ah non 15 pardon » → « 15 »: `corrections.yaml`, `apology`), as typed; None when no
    apology opens it or nothing follows."""
    said = _words()
    if not said.apology:
        return None
    rest = normalize(text).strip()
    folded, where = _fold_map(rest)
    opening = phrase_pattern(said.apology).match(folded)
    if opening is None:
        return _apology_closing(rest)
    rest = rest[where[opening.end() - 1] + 1 :]
    for _ in range(3):  # « pardon, en fait c'est 6 »: the fillers, then the value
        rest = rest.strip(" ,;:.!-")
        folded, where = _fold_map(rest)
        filler = phrase_pattern(said.apology_fillers).match(folded) if folded else None
        if filler is None:
            break
        rest = rest[where[filler.end() - 1] + 1 :]
    folded, where = _fold_map(rest)
    closing = re.search(rf"[\s,;.!]+(?:{phrase_pattern(said.apology).pattern})\W*$", folded)
    if closing is not None:  # « 15 pardon »
        rest = rest[: where[closing.start()]]
    return rest.strip(" ,;:.!-") or None


def _apology_closing(typed: str) -> str | None:
    """The new value of « en fait 38 pardon », « non 50k pardon »: an apology closing a figure
    that only words of correction (`restating`, `apology_fillers`, « non ») lead to (a
    tester's « en fait 38 pardon » at the territory was stored as the territory); None for
    anything else (« Arras et Lens pardon » is no figure)."""
    said = _words()
    folded, where = _fold_map(typed)
    closing = re.search(rf"[\s,;.!]+(?:{phrase_pattern(said.apology).pattern})\W*$", folded)
    if closing is None:
        return None
    rest = typed[: where[closing.start()]]
    leading = phrase_pattern((*said.restating, *said.apology_fillers, "non", "ah", "oh"))
    for _ in range(3):  # « non en fait c'est 38 pardon »
        rest = rest.strip(" ,;:.!-")
        folded, where = _fold_map(rest)
        found = leading.match(folded) if folded else None
        if found is None:
            break
        rest = rest[where[found.end() - 1] + 1 :]
    rest = rest.strip(" ,;:.!-")
    return rest if _FIGURE.fullmatch(rest) else None


def new_and_old(text: str) -> tuple[str, str] | None:
    """The new figure and the one set aside in « en fait c'est 12 pas 10 », « 12 salariés et
    non 10 » (`old_value_opens`): a figure before the words, a figure just after them."""
    typed = normalize(text)
    folded, where = _fold_map(typed)
    for opens in phrase_pattern(_words().old_value_opens).finditer(folded):
        old = _FIGURE.match(typed[where[opens.end() - 1] + 1 :].lstrip())
        earlier = _FIGURE.findall(typed[: where[opens.start()]])
        if old is not None and earlier:
            return earlier[-1].strip(" .,"), old.group().strip(" .,")
    return None


def _instead_of(value: str) -> tuple[str, str] | None:
    """The new words and the ones set aside in « Lens pas Arras », « Lens au lieu d'Arras »
    (`old_value_opens`), as typed; None without such words, or with nothing on either side."""
    folded, where = _fold_map(value)
    for opens in phrase_pattern(_words().old_value_opens).finditer(folded):
        if folded.startswith("-", opens.end()):  # « Pas-de-Calais » sets nothing aside
            continue
        new = value[: where[opens.start()]].strip(" ,;:.!-") if opens.start() else ""
        end = _clause_end(folded, opens.end())
        old = value[where[opens.end() - 1] + 1 : where[end - 1] + 1] if end > opens.end() else ""
        old = re.sub(r"^(?:d|l)'", "", old.strip(" ,;:.!-"), flags=re.IGNORECASE)  # « d'Arras »
        if new and old:
            return new, old
    return None


def _replaced(given: str, old: str, new: str) -> str | None:
    """`given` with the words `old` (accents and case aside, whole words) replaced by `new`;
    None when `given` does not hold them."""
    folded, where = _fold_map(given)
    target = fold(normalize(old))
    found = list(re.finditer(rf"(?<![\w]){re.escape(target)}(?![\w])", folded))
    if not target or not found:
        return None
    out = given
    for hit in reversed(found):
        head, tail = out[: where[hit.start()]], out[where[hit.end() - 1] + 1 :]
        if re.search(r"\b[dD]['’]$", head) and fold(new[:1]) not in "aeiouyh":
            head = head[:-1] + "e "  # « CA d'Arras » → « CA de Lens »
        out = head + new + tail
    return out


def _holds(question: Question, d: Dossier, typed: str) -> bool:
    """Whether the answer given to `question` is the figure `typed` (« 10 », « 450k »)."""
    figures = read_figures(typed).figures
    value = question.value(d)
    if isinstance(value, IndicatorTarget):
        value = value.target
    if not figures or isinstance(value, bool) or not isinstance(value, int | Decimal):
        return False
    return figures[0].value == Decimal(value)


def figure_in(text: str) -> str | None:
    """The first figure of `text`, with its unit (« on a 7 salariés » → « 7 »)."""
    found = _FIGURE.search(text)
    return found.group().strip(" .,") if found else None


@lru_cache(maxsize=256)
def _fold_map(typed: str) -> tuple[str, tuple[int, ...]]:
    """`typed` folded, and for each folded character the index of the character it comes
    from (folding may drop or add characters: « œ » is « oe »). Cached: each correction
    reader folds the same message again (four times per answer typed)."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(typed):
        folded = _fold_char(char)
        out.append(folded)
        where.extend([index] * len(folded))
    return "".join(out), tuple(where)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One character folded (`_fold_map` folds each character of every message it reads:
    about thirty `fold` calls per answer typed, a tenth of the engine's time, for a few
    dozen distinct characters)."""
    return " " if char.isspace() else fold(char)


def _drop(kept: list[bool], where: Sequence[int], start: int, end: int) -> None:
    if start >= end:
        return
    for index in range(where[start], where[end - 1] + 1):
        kept[index] = False


def _clause_end(folded: str, start: int) -> int:
    """Where the clause opened at `start` ends: a comma and a space, a semicolon, « mais »,
    or the end (« pas 4,5 » keeps its decimal comma)."""
    found = re.compile(r",\s|;|\bmais\b|\.\s").search(folded, start)
    return found.start() if found else len(folded)


# -- which answer ----------------------------------------------------------------------------
def _label_words(text: str) -> tuple[str, ...]:
    """The words of `text` that may name a label: a figure never does (« 12 SIAE » is no
    « 31/12/2025 », « 26 jeunes » no « moins de 26 ans »)."""
    return tuple(w for w in significant_words(fold(text)) if not any(c.isdigit() for c in w))


def _score(naming: tuple[str, ...], label: str) -> tuple[int, int, int]:
    """How well words name a label: its strong words found, all its words found, and (negated)
    its words not found."""
    known = _label_words(label)
    found = [k for k in known if any(close_word(t, k) for t in naming)]
    # An acronym counts as the one word typed (« etp » names « équivalents temps plein » no
    # better than the label « ETP »), though it names all the words it stands for.
    spelled = 0
    for start in range(len(known)):  # « etp » for « équivalents temps plein »
        for end in range(start + 2, len(known) + 1):
            if "".join(k[0] for k in known[start:end]) in naming:
                added = [k for k in known[start:end] if k not in found]
                found += added
                spelled += max(len(added) - 1, 0)
    strong = [k for k in found if k not in _words().weak]
    return len(strong) - spelled, len(found) - spelled, len(found) - len(known)


def named(questions: list[Question], naming: str) -> list[Question]:
    """The questions `naming` names best: none, one, or several as well as each other."""
    return _named(questions, naming)[0]


#: A repeated item named by its number: « du poste 1 », « l'action n° 2 », « charge 3 ».
_ITEM_NAMED = re.compile(r"(?<![a-z0-9])([a-z]{4,})\s*(?:n\s*°|no|numero)?\s*(\d{1,3})(?![\d,.])")


def _items_named(questions: list[Question], naming: str) -> list[Question]:
    """The questions of the repeated items `naming` names by their word and number (« l'ETP
    du poste 1 »: the fields of « Poste 1 « … » »), so that a word every answer's label
    shares (« ETP ») names the item's field, not the organisation's FTE; none when no item
    is so named."""
    pairs = _ITEM_NAMED.findall(fold(naming))
    if not pairs:
        return []
    return [
        q
        for q in questions
        if q.group
        and any(
            re.search(rf"(?<![a-z0-9]){word}s?\s+{number}(?!\d)", fold(q.group))
            for word, number in pairs
        )
    ]


#: An item's title as its group quotes it: « Poste 1 « Chargée de mission IAE » ».
_ITEM_TITLE = re.compile(r"«\s*(.+?)\s*»\s*$")


def _items_titled(
    questions: list[Question], typed: tuple[str, ...]
) -> tuple[list[Question], set[str]]:
    """The fields of the item `typed` names by its title (« la chargée de mission » for
    « Poste 1 « Chargée de mission IAE » », « la région » for « Financeur 1 « Région
    Hauts-de-France » »: its first word, or half its words), the item whose title holds the
    most of them exactly; narrowed to the fields its other words name (« le coût de la
    chargée de mission »: its cost); and the words its title took. None when no title is
    named."""
    titled: dict[str, tuple[tuple[int, int], set[str]]] = {}
    for question in questions:
        title = _ITEM_TITLE.search(question.group) if question.group else None
        if title is None or question.group in titled:
            continue
        words = _label_words(title.group(1))
        found = {t for t in typed if any(close_word(t, w) for w in words)}
        first = bool(words) and any(close_word(t, words[0]) for t in typed)
        if found and (first or 2 * len(found) >= len(words)):
            exact = sum(t in words for t in found)
            titled[question.group] = ((exact, len(found)), found)
    if not titled:
        return [], set()
    best = max(score for score, _ in titled.values())
    groups = {g: found for g, (score, found) in titled.items() if score == best}
    took = set().union(*groups.values())
    fields = [q for q in questions if q.group in groups and q.role == "field"]
    rest = tuple(t for t in typed if t not in took)
    if rest:
        scored = [(max(_score(rest, n) for n in _names(q)), q) for q in fields]
        top = max((score for score, _ in scored), default=(0, 0, 0))
        if top[0] > 0:
            return [q for score, q in scored if score == top], took
    return fields, took


def _names(question: Question) -> set[str]:
    """The names an answer goes by: its label, its button's words, what the form adds."""
    return {question.label.split(" (")[0], question.button_label, *question.also_named}


def _named(questions: list[Question], naming: str) -> tuple[list[Question], bool]:
    """`named`, and whether every word of their label is named (« budget annuel » for
    « Budget annuel de l'organisme », not « budget » alone). An item named by its title
    (« la chargée de mission »), no label wholly named, or words the label leaves its
    title takes (« la subvention de la région »: the funder, not the Département's
    subsidy): its fields, as wholly named."""
    typed = _label_words(naming)
    if not typed:
        return [], False
    found, whole = _labels_named(questions, naming, typed)
    titled, took = _items_titled(questions, typed)
    if titled and not whole:
        return titled, True
    if titled and len(found) == 1:
        covered = {t for name in _names(found[0]) for t in _covered(typed, name)}
        if any(t not in covered for t in took):
            return titled, True
    return found, whole


def _every_word(naming: str, name: str) -> bool:
    """Whether `naming` holds every word of `name` but the small joining ones, a typo
    apart (« les frais de structure » names « Frais de structure », « les frais de
    formation » does not: `significant_words` leaves out « structure », a word of SIAE)."""
    typed = words(fold(naming))
    return all(
        any(close_word(t, w) for t in typed) for w in words(fold(name)) if w not in JOINING_WORDS
    )


def _covered(typed: tuple[str, ...], label: str) -> set[str]:
    """The words of `typed` that name a word of `label`."""
    known = _label_words(label)
    return {t for t in typed if any(close_word(t, k) for k in known)}


def _labels_named(
    questions: list[Question], naming: str, typed: tuple[str, ...]
) -> tuple[list[Question], bool]:
    """The questions whose labels `typed` names best, and whether wholly (`_named`)."""
    items = _items_named(questions, naming)
    scored = []
    for question in items or questions:
        # another name counts only named whole: « les frais de déplacement » is no « frais de
        # structure », « la qualité du président » no « président »
        names = {question.label.split(" (")[0], question.button_label}
        others = (_score(typed, n) for n in question.also_named if _every_word(naming, n))
        best = max([*(_score(typed, name) for name in names), *others])
        if best[0] > 0:
            scored.append((best, question))
    if not scored:
        # « le poste 1 c'est 48k »: the item named, no field of it: its fields (narrowed by
        # the new value, `Corrections._narrowed`)
        fields = [q for q in items if q.role == "field"]
        return fields, bool(fields)
    top = max(score for score, _ in scored)
    if not items:
        # Words a repeated item's field and an answer of its own name alike (« etp »: a
        # budget post's FTE and the organisation's), no item named: asked which, never the
        # one whose label is named more wholly taken unasked.
        tied = [q for score, q in scored if score[:2] == top[:2]]
        if len({bool(q.group) for q in tied}) > 1:
            return tied, False
    return [q for score, q in scored if score == top], top[2] == 0


def _section_named(engine: Interview, d: Dossier, naming: str) -> str | None:
    """The section whose title all of `naming`'s words name (« le budget »)."""
    typed = _label_words(naming)
    for section in engine.form.sections:
        if section.id in engine.menu.sections(d):
            score = _score(typed, section.title)
            if score[0] > 0 and score[2] == 0:
                return section.id
    return None


# -- the edit -----------------------------------------------------------------------------------
class Corrections:
    def __init__(self, engine: Interview) -> None:
        self.engine = engine

    def before_answer(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """At a question whose answer cannot be just any words: a correction naming an answer
        given opens it; None for anything else (the words go on to the question)."""
        renamed = self._person_renamed(original, d, question, text, today)
        if renamed is not None:  # « en fait c'est Paul Durand le contact, pas moi »
            return renamed
        sorry = self._apology(original, d, question, text, today)
        if sorry is not None:  # « pardon c 6 », the answer just given corrected
            return sorry
        instead = self._no_then_figure(original, d, question, text, today)
        if instead is not None:  # « non plutot 80 % » at « D'autres financeurs ? »
            return instead
        elsewhere = self._other_named(original, d, question, text, today)
        if elsewhere is not None:  # « en fait le budget annuel c'est 480k pas 450 »
            return elsewhere
        if question.kind in _FREE_TEXT:
            item = self._item_field(original, d, question, text, today)
            if item is not None or not self._names_recalled(d, question, text):
                return item
            # « pardon, 48 adhérentes pas 45 » at the territory, 45 the member SIAE just
            # given: that answer corrected, never the words stored as the territory
            return self._recalled(original, d, question, text, read(text), today)
        said = read(text)
        if said is None or not (said.strong or question.kind in SCREEN_KINDS):
            # « plutôt le Département », « en fait 8 SIAE »: a question reads them first
            # (`after_refusal` when it refuses them); only « je me suis trompé(e) »,
            # « corriger »… go elsewhere before it, or anything at a screen (the review).
            # « 12 pas 10 », 10 being an answer just given, corrects that answer.
            return self._recalled(original, d, question, text, said, today)
        return self._correct(original, d, question, text, today, strong_only=False)

    def _no_then_figure(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« non plutot 80 % » at « D'autres financeurs … ? », just after 50 000 € asked of the
        Département: a « non » then a correction (« plutôt », « en fait »…) of a figure, which
        a yes or no cannot hold. A tester's was read as « non », the 80 % lost. The latest of
        the last few figures answered that takes the figure (or asks it back: « 80 % de
        79 200 €, cela fait … : dois-je retenir ce montant ? ») is corrected with it, then
        this question asked again, the « non » not taken unasked. None for anything else
        (« non », « non 2 secondes », a figure with no word of correction)."""
        if question.kind != "yesno" or question.value(d) is not None:
            return None
        rest = _NO_FIRST.sub("", text, count=1)
        said = read(rest) if rest != text else None
        figure = figure_in(rest) if said is not None else None
        if said is None or figure is None:
            return None
        # the figure alone after the words of correction: « non, en fait on a 3 financeurs »
        # says more than a figure corrected
        others = re.findall(r"[^\W\d_]{2,}", _FIGURE.sub(" ", f"{said.naming} {said.value or ''}"))
        if any(fold(w) not in _words().value_fillers for w in others):
            return None
        plan = self.engine.plan(d)
        at = next((i for i, q in enumerate(plan) if q.key == question.key), len(plan))
        recent = [q for q in plan[:at] if q.role == "field" and q.value(d) is not None]
        for previous in reversed(recent[-_RECENT:]):
            if previous.kind in _FIGURES and self._takes(d, previous, figure):
                return self._edit(original, d, previous, figure, question, today)
        return None

    def _takes(self, d: Dossier, question: Question, figure: str) -> bool:
        """Whether `question` takes `figure`, if only asked back (« 80 % » of a total)."""
        options = parse_options(self.engine.spec, d, question)
        try:
            value = kinds.parse_answer(question, figure, self.engine.spec, options)
            self.engine.check(d, question, value)
        except Clarification:
            return True
        except InvalidAnswer:
            return False
        return True

    def _other_named(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« en fait le budget annuel c'est 480k pas 450 » typed at the BRSA count, or at
        « Contexte et diagnostic »: a correction (« en fait », « je me suis trompé »…) naming
        another answer given, every word of its label (« budget annuel »), with its new value
        after « c'est » that the answer takes. A tester's was asked back as « dois-je
        retenir 450 ? » at the count, and stored as the context text. That answer is
        corrected, then the question on screen asked again. None for anything else (the
        question on screen named, a part of a label only, no value, or a long text: at a
        free text, a description may open so)."""
        said = read(text)
        if said is None or said.value is None or question.kind in SCREEN_KINDS:
            return None
        if question.kind in _FREE_TEXT and len(text.split()) > _CORRECTING_WORDS:
            return None
        answered = [q for q in self._answered(d) if q.key != question.key]
        found, whole = _named([*answered, question], said.naming)
        if len(found) != 1 or not whole or found[0].key == question.key:
            return None
        target = found[0]
        value = _bare(said.value)
        if target.kind not in _FIGURES or not self._fits(d, target, value):
            return None
        return self._edit(original, d, target, value, question, today)

    def _person_renamed(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« en fait c'est Paul Durand le contact, pas moi » at the contact's job title: a
        sentence naming a person (`name_in_sentence`), with no title in it, typed where a
        person's title is asked corrects that person's name (asked just before; a tester's
        sentence was stored as the job title). The name changed and said so, then back to
        the title. None for anything else."""
        if question.kind != "text" or question.path_name != "role" or question.list is not None:
            return None
        name = name_in_sentence(text)
        if name is None or is_role(text, strict=True) or question.path is None:
            return None
        person = str(question.path).rsplit(".", 1)[0]
        target = next(
            (
                q
                for q in self.engine.plan(d)
                if q.content == "person"
                and q.path is not None
                and str(q.path).rsplit(".", 1)[0] == person
            ),
            None,
        )
        if target is None:
            return None
        return self._edit(original, d, target, name, question, today)

    def _apology(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« pardon c 6 », « ah non 15 pardon », « oups 40k » typed at the question after an
        answer: the answer just given corrected with the value, when it takes it (its parser
        and its rules) and the question on screen does not; asked back when both take it
        (« pardon 58 » at « Dont jeunes issus de l'ASE » after 85 young people: corrected, or
        this question's answer?). None when no apology opens the words, or the answer before
        takes no such value (the question on screen reads them). An answer in words is never
        corrected so: any words fit it (« ah pardon c'est 732 829 320 00074 » at the SIRET is
        the SIRET, not a new name)."""
        value = apologised(text)
        if value is None or question.value(d) is not None or question.kind in SCREEN_KINDS:
            return None
        plan = self.engine.plan(d)
        at = next((i for i, q in enumerate(plan) if q.key == question.key), None)
        before = [q for q in plan[:at] if q.role == "field"] if at else []
        reworded = self._reworded(original, d, question, before[-_RECENT:], value, today)
        if reworded is not None:  # « ah non pardon, c'est Lens pas Arras »
            return reworded
        previous = before[-1] if before else None
        if previous is None or previous.value(d) is None or not self._fits(d, previous, value):
            return None
        # a figure alone is no answer to words asked (« oups c'est 0,8 ETP » at « Résultats
        # attendus », just after the action's ETP): the figure just given, corrected
        alone = question.kind in _FREE_TEXT and _FIGURE.fullmatch(value) is not None
        other_item = item_of(previous) != item_of(question)  # a new action's title
        if previous.kind in _FREE_TEXT and (question.kind not in _FREE_TEXT or alone or other_item):
            # any words fit a text: « ah pardon c'est 732 … » at the SIRET is its own answer,
            # never the name corrected; nor is the last text of another item (« ah non
            # finalement pas d'autre action » at a new action's title)
            return None
        # « ah non pardon, c'est Lens » at a text right after another: both take the words,
        # asked back once, never stored as this answer unasked
        if self._fits(d, question, value) and not alone:
            kept = original.clone()
            kept.cursor.asking_back = AskingBack(
                kind="correct", values=[[previous.key, question.key], value, value]
            )
            html = render_macro(
                SCREENS,
                "apology_which",
                typed=text.strip(),
                previous=_name(previous),
                was=kinds.describe(previous, previous.value(d)),
                current=_name(question),
            )
            buttons = (
                Button(
                    f"{CANDIDATE}0",
                    shorten(render_macro(SCREENS, "apology_correct_button", label=_name(previous))),
                ),
                Button(
                    f"{CANDIDATE}1",
                    shorten(render_macro(SCREENS, "apology_answer_button", label=_name(question))),
                ),
            )
            asked = Message(html, key=question.key, buttons=buttons, input="choice")
            return Outcome(kept, [asked])
        return self._edit(original, d, previous, value, question, today)

    def _reworded(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        recent: list[Question],
        value: str,
        today: dt.date,
    ) -> Outcome | None:
        """« ah non pardon, c'est Lens pas Arras » after « 12 rue des Arts, 62000 Arras »: the
        words set aside (« Arras ») replaced by the new ones in the latest answer in words
        that holds them, among the last few. A tester's correction was stored as the name of
        the legal representative asked next. None when the words set aside are in none."""
        pair = _instead_of(value)
        if pair is None:
            return None
        new, old = pair
        if any(q.kind in _FIGURES and _holds(q, d, old) for q in recent):
            return None  # « pardon 6 pas 5 », 5 employees just given: that figure, corrected
        for previous in reversed(recent):
            given = previous.value(d)
            if previous.kind not in _FREE_TEXT or not isinstance(given, str):
                continue
            replaced = _replaced(given, old, new)
            if replaced is not None:
                return self._edit(original, d, previous, replaced, question, today)
        return None

    def _item_field(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """At a free text of a list item, « en fait le titre c'est juste « … » »: another
        field of that item, named by its label's first word (« le titre », « la
        description ») in a few words, with its new value after « c'est ». A tester's title
        correction typed at « Résultats attendus » was stored as the results. None for
        anything else: the words are the answer (« en fait l'action c'est former… »)."""
        item = item_of(question)
        said = read(text)
        if item is None or said is None or said.value is None:
            return None
        naming = _label_words(said.naming)
        if not naming or len(naming) > _NAMING_WORDS:
            return None
        fields = [
            q
            for q in self.engine.plan(d)
            if item_of(q) == item and q.key != question.key and q.role == "field"
        ]
        found = [q for q in fields if _head_named(naming, q)]
        if len(found) != 1:
            return None
        return self._edit(original, d, found[0], _bare(said.value), question, today)

    def _names_recalled(self, d: Dossier, question: Question, text: str) -> bool:
        """Whether `text` sets a figure aside (« 48 adhérentes pas 45 ») and names the answer
        given that holds it (« adhérentes »), in a few words: at a free text, where any words
        could be the answer (« nos 48 SIAE, pas 45 comme l'an dernier… » describes), only so
        is it read as a correction."""
        pair = new_and_old(text)
        if pair is None or question.value(d) is not None or len(text.split()) > _RECALLING_WORDS:
            return False
        answered = [q for q in self._answered(d) if q.kind in _FIGURES and q.key != question.key]
        return bool(named([q for q in answered if _holds(q, d, pair[1])], text))

    def _recalled(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        text: str,
        said: Said | None,
        today: dt.date,
    ) -> Outcome | None:
        """« en fait c'est 12 pas 10 » typed at the question after « 10 »: the answer whose
        value is the one set aside (« pas 10 ») — named by the words typed, or among the last
        answers before the question on screen — is opened with the new figure; several such
        answers are asked back. None when no answer given has that value (the question on
        screen reads the words). A tester's correction was read as an ETP, refused twice."""
        pair = new_and_old(text)
        if pair is None or question.value(d) is not None:
            return None
        new, old = pair
        answered = [q for q in self._answered(d) if q.kind in _FIGURES and q.key != question.key]
        holding = [q for q in answered if _holds(q, d, old)]
        weak = said is None or not said.strong
        on_screen = named([question, *holding], text) == [question]
        if weak and on_screen and self._fits(d, question, new):
            return None  # « 8 ETP au lieu de 10, … » at the ETP question: its answer
        # the words name the answer (« oups 10 SIAE pas 12 »: the SIAE targeted, not the 12
        # young people from the ASE), with or without a word of correction
        found = named(holding, said.naming if said is not None else text)
        if not found:
            plan = self.engine.plan(d)
            at = next((i for i, q in enumerate(plan) if q.key == question.key), len(plan))
            before = [q for q in plan[:at] if q in answered][-_RECENT:]
            found = [q for q in before if q in holding]
        if len(found) == 1:
            return self._edit(original, d, found[0], new, question, today)
        if not found:
            return None
        kept = original.clone()
        shown = found[:_SHOWN]
        html = render_macro(
            SCREENS, "correction_which", candidates=[_name(q) for q in shown], more=len(found)
        )
        kept.cursor.asking_back = AskingBack(
            kind="correct", values=[[q.key for q in shown], new, new]
        )
        buttons = [Button(f"{CANDIDATE}{i}", shorten(_name(q))) for i, q in enumerate(shown)]
        asked = Message(html, key=question.key, buttons=tuple(buttons), input="choice")
        return Outcome(kept, [*unrecorded_note(self.engine, original), asked])

    def _narrowed(self, d: Dossier, found: list[Question], value: str | None) -> list[Question]:
        """Of several answers named alike, the one the new value fits (« la chargée de
        mission c'est 48k », « le téléphone du contact c'est 06… »: the post's cost, not its
        FTE; the phone, not the contact's name); all of them when none or several do, or the
        value holds no figure (any words fit a text: never a person's name as a post's title
        unasked)."""
        if len(found) < 2 or not value or not any(c.isdigit() for c in value):
            return found  # (words fit any text: « c'est Marie Dupont » is asked which)
        fitting = [q for q in found if q.kind not in _FREE_TEXT and self._fits(d, q, value)]
        return fitting if len(fitting) == 1 else found

    def _fits(self, d: Dossier, question: Question, figure: str) -> bool:
        """Whether the question on screen takes `figure` as it is (its parser and its rules):
        without a word of correction, « X au lieu de N » then answers it."""
        options = parse_options(self.engine.spec, d, question)
        try:
            value = kinds.parse_answer(question, figure, self.engine.spec, options)
            self.engine.check(d, question, value)
        except (InvalidAnswer, Clarification):
            return False
        return True

    def after_refusal(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """Words `question` refused: a correction naming an answer opens it; one that names
        none gets the way to correct; None when the words say no correction."""
        return self._correct(original, d, question, text, today, strong_only=True)

    def in_menu(self, original: Dossier, d: Dossier, text: str, today: dt.date) -> Outcome | None:
        """At « Modifier une réponse »'s menus, an answer named that is no button of the menu
        on screen (« le nombre de salariés » at the sections): opened directly."""
        buttons, _ = self.engine.menu.entries(d)
        choices = [Choice(id=f"e{i}", label=b.label) for i, b in enumerate(buttons)]
        if v.match_choice(text, choices) is not None:
            return None
        said = read(text)
        naming = said.naming if said is not None else text
        found = named(self._answered(d), naming)
        if len(found) > 1 and said is None and any(q.group for q in found):
            return self._which(original, d.cursor.key or "", found, None, naming)
        if len(found) != 1:
            return None
        value = _value(said, found[0]) if said is not None else None
        return self._edit(original, d, found[0], value, None, today)

    def _which(
        self,
        original: Dossier,
        key: str,
        found: list[Question],
        value: str | None,
        naming: str,
    ) -> Outcome:
        """Several answers named alike: asked which, a button each (the one chosen is
        opened, with the value typed)."""
        kept = original.clone()
        kept.cursor.asking_back = None
        shown = found[:_SHOWN]
        html = render_macro(
            SCREENS, "correction_which", candidates=[_name(q) for q in shown], more=len(found)
        )
        lost = unrecorded_note(self.engine, original)
        figure = figure_in(naming) if value is None else None
        kept.cursor.asking_back = AskingBack(
            kind="correct", values=[[q.key for q in shown], value, figure]
        )
        buttons = [Button(f"{CANDIDATE}{i}", shorten(_name(q))) for i, q in enumerate(shown)]
        asked = Message(html, key=key, buttons=tuple(buttons), input="choice")
        return Outcome(kept, [*lost, asked])

    def _correct(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        text: str,
        today: dt.date,
        *,
        strong_only: bool,
    ) -> Outcome | None:
        said = read(text)
        if said is None and question.kind == "review":
            return self._named_at_review(original, d, question, text, today)
        if said is None:
            return None
        candidates = self._answered(d)
        if question.role == "field" and question not in candidates:
            candidates.append(question)  # the question on screen, named, is answered there
        found, whole = _named(candidates, said.naming)
        found = self._narrowed(d, found, _bare(said.value) if said.value else None)
        if question in found:
            found = [question]
        section = None if whole else _section_named(self.engine, d, said.naming)
        if section is not None:  # « modifier le budget »: the part, not « Budget annuel… »
            return self._section(original, d, section, today)
        if len(found) == 1 and found[0].key == question.key:  # the question on screen itself
            value = _value(said, question)
            if value is None:
                return None
            kept = original.clone()
            kept.cursor.asking_back = None
            return self.engine.handle(kept, Text(value), today)
        if len(found) == 1:
            left = question if question.kind not in SCREEN_KINDS else None
            value = _value(said, found[0])
            worded = found[0].kind in _WORDED and not _FIGURE.search(said.naming)
            if value is None and worded:  # « les charges indirectes on met le max »: tried
                leftover = _leftover(said.naming, found[0])
                return self._edit(original, d, found[0], leftover, left, today, tentative=True)
            return self._edit(original, d, found[0], value, left, today)
        if not found and (not said.strong or not strong_only):
            return None
        if not found:
            kept = original.clone()
            kept.cursor.asking_back = None
            html = render_macro(SCREENS, "correction_which", candidates=[], more=0)
            lost = unrecorded_note(self.engine, original)
            return Outcome(kept, [*lost, Message(html), self.engine.brief(kept)])
        return self._which(original, question.key, found, said.value, said.naming)

    def _named_at_review(
        self, original: Dossier, d: Dossier, review: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« fonds propres : 7380 », « on met le reste en fonds propres » at the review: an
        answer named (its whole label) with its new value, as « en fait fonds propres 7380 »
        is (refused there before, the « en fait » missing). None unless one answer is named
        and a value typed with it (other words go on to the review's own reading)."""
        said = read(text, marked=False)
        if said is None:
            return None
        found, whole_label = _named(self._answered(d), said.naming)
        found = self._narrowed(d, found, _bare(said.value) if said.value else None)
        one_item = len({q.group for q in found}) == 1 and bool(found[0].group) if found else False
        if len(found) > 1 and whole_label and one_item and said.value:
            # « la chargée de mission c'est Marie Dupont »: a post named, which of its answers?
            return self._which(original, review.key, found, _bare(said.value), said.naming)
        if len(found) != 1 or not whole_label:  # every word of its label: « plus tard » no
            return None
        worded = found[0].kind in _WORDED
        value = said.value or (_leftover(said.naming, found[0]) if worded else None)
        if value is None:
            return None
        whole = phrase_pattern(vocabulary().numbers.whole).search(fold(value))
        if said.value is None and whole is not None:  # « on met le reste » → « le reste »
            value = whole.group()
        return self._edit(original, d, found[0], value, None, today, tentative=said.value is None)

    def chosen(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        values: list[Any],
        index: int | None,
        today: dt.date,
    ) -> Outcome:
        """The answer picked among those a correction named, opened as if named alone."""
        keys, value, figure = [*values, None, None, None][:3]
        key = (
            keys[index]
            if isinstance(keys, list) and index is not None and index < len(keys)
            else None
        )
        target = find_question(self.engine.plan(d), str(key)) if key is not None else None
        if target is None:
            return Outcome(d, [self.engine.brief(d)])
        if value is None and target.kind in _FIGURES:
            value = figure
        if target.key == question.key and value is not None:  # « pardon 58 »: its answer
            return self.engine.handle(d, Text(str(value)), today)
        left = question if question.kind not in SCREEN_KINDS else None
        return self._edit(original, d, target, value, left, today)

    def typed_choice(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """A typed reply to « which answer? »: its number or its name; None for anything
        else (a new message, handled as such)."""
        pending = d.cursor.asking_back
        assert pending is not None
        keys = pending.values[0] if pending.values and isinstance(pending.values[0], list) else []
        plan = self.engine.plan(d)
        names = [find_question(plan, str(k)) for k in keys]
        choices = [Choice(id=str(i), label=shorten(_name(q))) for i, q in enumerate(names) if q]
        picked = v.match_choice(text, choices)
        if picked is None:
            return None
        d.cursor.asking_back = None
        return self.chosen(original, d, question, pending.values, int(picked.id), today)

    def chosen_in_menu(
        self, original: Dossier, d: Dossier, choice: str | None, text: str | None, today: dt.date
    ) -> Outcome | None:
        """At « Modifier une réponse »'s menus, the reply to « which answer? » (`_which`): a
        button, or its number or name typed; None when there is no such question pending or
        the words pick none of its answers."""
        pending = d.cursor.asking_back
        if pending is None or pending.kind != "correct":
            return None
        keys = pending.values[0] if pending.values and isinstance(pending.values[0], list) else []
        plan = self.engine.plan(d)
        if choice is not None:
            digits = choice[len(CANDIDATE) :] if choice.startswith(CANDIDATE) else ""
            index = int(digits) if digits.isdigit() and len(digits) < 4 else None
        else:
            names = [find_question(plan, str(k)) for k in keys]
            options = [Choice(id=str(i), label=shorten(_name(q))) for i, q in enumerate(names) if q]
            picked = v.match_choice(text or "", options)
            index = None if picked is None else int(picked.id)
        if index is None or index >= len(keys):
            return None
        target = find_question(plan, str(keys[index]))
        d.cursor.asking_back = None
        if target is None:
            return None
        return self._edit(original, d, target, None, None, today)

    def _answered(self, d: Dossier) -> list[Question]:
        return [q for q in self.engine.plan(d) if q.role == "field" and q.value(d) is not None]

    def _section(self, original: Dossier, d: Dossier, section: str, today: dt.date) -> Outcome:
        d.cursor.stop_filling()
        moved = self.engine.goto(d, self.engine.menu.section_key(section), today, keep_return=True)
        return Outcome(moved.dossier, [*unrecorded_note(self.engine, original), *moved.messages])

    def _edit(
        self,
        original: Dossier,
        d: Dossier,
        target: Question,
        value: str | None,
        left: Question | None,
        today: dt.date,
        *,
        tentative: bool = False,
    ) -> Outcome:
        """`target` opened as « Modifier une réponse » opens it, `value` handled there; back
        to `left` (the question the applicant was at) once taken, else to the review.
        A `tentative` value (words after the label, no « c'est » before them) is kept only
        when the field takes it or asks it back: refused, the field is opened without it."""
        engine = self.engine
        lost = unrecorded_note(engine, original)
        stopped = engine.screen_of_kind(d, "stop") is not None
        resumes = left is not None and left.key != target.key and not stopped
        if resumes and left is not None:
            d.cursor.back_to = left.key  # once changed, back there (`back`)
        moved = engine.goto(d, target.key, today, keep_return=not stopped)
        opened = render_macro(
            SCREENS,
            "correction_opened",
            label=_name(target),
            value=value,
            resume=resumes,
            stopped=stopped,
        )
        if value is None:
            return Outcome(moved.dossier, [*lost, Message(opened), *moved.messages])
        then = engine.handle(moved.dossier, Text(value), today)
        taken = then.answer is not None and then.answer[0] == target.key
        if tentative and not taken and then.dossier.cursor.asking_back is None:
            return self._edit(original, d, target, None, left, today)
        if not taken or then.dossier.cursor.asking_back is not None:
            then.messages.insert(0, Message(opened))  # asked back, or refused with the reason
        then.messages[:0] = lost
        return then

    def back(self, d: Dossier, today: dt.date) -> Outcome:
        """The answer a correction opened is changed: back to the question it was typed at
        (the review when that question is gone from the plan)."""
        key, d.cursor.back_to = d.cursor.back_to, None
        left = find_question(self.engine.plan(d), key) if key is not None else None
        if left is None:
            return self.engine.goto(d, self.engine.review_key(d), today)
        moved = self.engine.goto(d, left.key, today)
        moved.messages.insert(0, Message(render_macro(SCREENS, "correction_back")))
        return moved


def _value(said: Said, target: Question) -> str | None:
    """The new value: the words after « c'est », « : »…; for a figure, else the figure typed
    (« on a 7 salariés pas 6 »: « 7 »), when it is the only one and not a change (« 2 de
    plus », « passé de 5 à 7 »: the field is opened without a value, never the wrong one)."""
    if said.value is not None or target.kind not in _FIGURES:
        return said.value
    figures = _FIGURE.findall(said.naming)
    relative = phrase_pattern(_words().relative).search(fold(said.naming)) is not None
    if len(figures) != 1 or relative:
        return None
    return figure_in(said.naming)


def _head_named(naming: tuple[str, ...], question: Question) -> bool:
    """Whether `naming` holds the first word of `question`'s label (« titre » of « Titre de
    l'action »): « l'action » alone names no field of an action."""
    label = _label_words(question.label.split(" (")[0])
    return bool(label) and any(close_word(t, label[0]) for t in naming)


def _bare(value: str) -> str:
    """A new value without the words and quotes around it (« juste « Formation des
    encadrants » » → « Formation des encadrants »)."""
    words = value.split()
    while len(words) > 1 and fold(words[0]) in _words().value_fillers:
        words = words[1:]
    return " ".join(words).strip(" «»\"“”'")


def _leftover(naming: str, target: Question) -> str | None:
    """The words after those naming `target`'s label (« les charges indirectes on met le
    max » → « on met le max »): perhaps a value the field understands; None when none."""
    label = _label_words(_name(target).split(" · ")[-1])
    words = naming.split()
    last = max(
        (
            i
            for i, w in enumerate(words)
            if any(close_word(k, fold(w).strip(".,;:!?")) for k in label)
        ),
        default=None,
    )
    rest = " ".join(words[last + 1 :]) if last is not None else ""
    if last is not None and not any(c.isalpha() for c in rest):  # « on met le reste en fonds
        first = min(  # propres »: the words before the label
            i
            for i, w in enumerate(words)
            if any(close_word(k, fold(w).strip(".,;:!?")) for k in label)
        )
        rest = " ".join(words[:first])
    return rest if any(c.isalpha() for c in rest) else None


def _name(question: Question) -> str:
    label = question.label.split(" (")[0]
    return f"{question.group} · {label}" if question.group else label


#: How much of a changed answer is said back (a context of 3 000 characters is not repeated).
_SAID_BACK = 160


def saved_note(question: Question, before: Dossier, after: Dossier) -> Message:
    """An answer changed from the edit menus (or a correction), said back with its new value
    (the review that follows shows one line per part, not the value); a first answer given
    there (a budget never reached, opened from the menu) is said recorded, not changed."""
    new = question.value(after)
    old = question.value(before)

    def said(value: object) -> str:  # (a free text quoted: it may end with its own « . »)
        text = shorten(kinds.describe(question, value), _SAID_BACK)
        return f"« {text} »" if question.kind == "text" else text

    html = render_macro(
        SCREENS,
        "answer_changed",
        label=_name(question),
        value=said(new),
        old=None if old is None or old == new else said(old),
        first=old is None,
    )
    return Message(html)
