"""The words the parsers know (`vocabulary.yaml`), loaded once and validated.

Every phrase must already be folded (`fold`): a phrase with an accent or a capital could
never match, so loading refuses it and names it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

from dialogs.parsing.text import fold

VOCABULARY_FILE = Path(__file__).with_name("vocabulary.yaml")
#: libyaml's parser (PyYAML's wheels ship it): the word lists are read at the first typed
#: word, on the bot's event loop, in 6 ms instead of 60 with the pure Python one.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class YesNo(_Model):
    yes: tuple[str, ...]
    no: tuple[str, ...]
    leaning_yes: tuple[str, ...]
    leaning_no: tuple[str, ...]
    unsure: tuple[str, ...]
    contrast: tuple[str, ...]
    alone: tuple[str, ...] = ()
    polite: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    not_negations: tuple[str, ...] = ()
    restrictive: tuple[str, ...] = ()
    settled: tuple[str, ...] = ()
    interjections: tuple[str, ...] = ()
    contradicting: tuple[str, ...] = ()
    #: Words after a « non » opening a fact that corrects it (« non, en fait on a 3
    #: financeurs »): asked back as « oui » when the fact is not negative.
    reversing: tuple[str, ...] = ()


class Periods(_Model):
    month: tuple[str, ...]
    year: tuple[str, ...]
    quarter: tuple[str, ...] = ()


class Salary(_Model):
    """A salary's words where a loaded cost is asked (see `parse_amount`'s `loaded_cost`)."""

    unloaded: tuple[str, ...]
    gross: tuple[str, ...]
    net: tuple[str, ...]
    loaded: tuple[str, ...]


class Numbers(_Model):
    included: tuple[str, ...] = ()
    approximate: tuple[str, ...]
    bounds: tuple[str, ...]
    approximate_nouns: dict[str, int]
    vague: tuple[str, ...]
    unknown: tuple[str, ...]
    zero: tuple[str, ...]
    not_concerned: tuple[str, ...]
    negative: tuple[str, ...]
    periods: Periods
    salary: Salary
    percent_bases: dict[str, tuple[str, ...]]
    ceiling: tuple[str, ...]
    whole: tuple[str, ...]
    remainder: tuple[str, ...]
    #: Words of an exemption (« on est exo »), read as 0 € where the field reads one.
    exempt: tuple[str, ...] = ()
    #: Words saying the amount was given already (« je vous l'ai déjà dit »): what is left
    #: to finance where the field computes it, else an amount in euros asked for.
    already_said: tuple[str, ...] = ()
    whole_count: tuple[str, ...]
    units: tuple[str, ...]
    describing: tuple[str, ...]
    sum_joins: tuple[str, ...]
    not_sum_joins: tuple[str, ...]
    share: tuple[str, ...]
    #: Units of time after a figure, by name ("hours", "days"): « 200h » at an amount is no
    #: amount in euros (asked for one), and no hourly rate is assumed.
    time_units: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Other units after a figure, by name ("fte", "people", "months", "years"): a text
    #: whose every figure carries one (« 1,5 ETP sur 6,2 ») is no amount in euros.
    other_units: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Words restating a count as the applicant's figure after its parts (« 4 comités + les
    #: COPIL, disons 8 »): that figure is the answer, asked back.
    restating: tuple[str, ...] = ()
    #: Words marking a figure as the exact one after an approximate one (« une quarantaine,
    #: 42 exactement »): that figure is the answer.
    exact: tuple[str, ...] = ()
    #: Shares of a base said as fractions (« un tiers », « la moitié »), as "numerator/denominator".
    fractions: dict[str, str] = Field(default_factory=dict)
    #: What a figure after a count may measure without being a count of the next question
    #: (« 12 salariés sur 3 sites », « 150 BRSA sur 2 ans »): never carried to it.
    not_counted: tuple[str, ...] = ()
    #: What a count counts, by kind (« structures », « people »): a figure followed by a
    #: word of one kind at a label naming only another is asked back.
    counted_kinds: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: Which people a count of people counts (« staff », « volunteers », « public »): the
    #: same check, one level finer (« 400 BRSA » at « Nombre de bénévoles »).
    counted_people: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class NotYet(_Model):
    """A few words saying the thing asked is not at hand yet (see `not_at_hand`)."""

    openings: tuple[str, ...]
    endings: tuple[str, ...]
    later: tuple[str, ...]
    identifiers: tuple[str, ...] = ()


class LeadIn(_Model):
    """Words only introducing an answer of one content (see `lead_in_apart`): whole
    openings, and the subjects (word starts) a determiner and a verb make one."""

    openings: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()


class LeadIns(_Model):
    name: LeadIn = LeadIn()
    person: LeadIn = LeadIn()
    role: LeadIn = LeadIn()


class Renamed(_Model):
    """A body's old names (folded) and the one it bears since `since` (written)."""

    old: tuple[str, ...] = Field(min_length=1)
    new: str = Field(min_length=1)
    since: dt.date


class ChatWords(_Model):
    """Whole answers that say nothing, by what the user means (see `parse_text`)."""

    filler: tuple[str, ...]
    unknown: tuple[str, ...]
    later: tuple[str, ...]
    pause: tuple[str, ...]
    #: Asking for a moment at a figure question (« une seconde je cherche »), with the
    #: small words that may go with it (see `aside`).
    asides: tuple[str, ...] = ()
    aside_fillers: tuple[str, ...] = ()
    #: Saying a question follows (« c une question »): the next message is that question.
    question_coming: tuple[str, ...] = ()
    not_at_hand: tuple[str, ...]
    not_yet: NotYet
    #: Words of a job title: « marie dupont, directrice » at a person's name is a name and
    #: its role (the role is asked next), asked back rather than printed twice in the letter.
    roles: tuple[str, ...] = ()
    #: A request for an example of the answer asked (« vous avez un exemple ? », « je sais
    #: pas quoi mettre »): the question's example is shown, where the form gives one.
    example_request: tuple[str, ...] = ()
    #: Words a job title holds besides its role words (« directeur général adjoint »).
    title_words: tuple[str, ...] = ()
    #: Words opening a title typed before the name (« c notre président, Jean Martin »,
    #: « le président jean martin »): left out of the title (see `name_and_role`).
    role_openings: tuple[str, ...] = ()
    #: A person's name as the dossier writes it (see `person_name`): words saying « it is
    #: me », civilities by their written form, a surname's small words.
    myself: tuple[str, ...] = ()
    #: Words only introducing a name, a person's name or a title (« Notre organisme
    #: s'appelle », « Notre présidente est », « Elle est »), by content, and the words
    #: around them: left out, what remains asked back (see `lead_in_apart`).
    lead_ins: LeadIns = LeadIns()
    lead_in_determiners: tuple[str, ...] = ()
    lead_in_verbs: tuple[str, ...] = ()
    lead_in_articles: tuple[str, ...] = ()
    clause_openings: tuple[str, ...] = ()
    short_form: tuple[str, ...] = ()
    civilities: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    name_particles: tuple[str, ...] = ()
    #: Words only a sentence holds, never a person's name nor a title (« on », « nous »):
    #: « on accompagne des jeunes » typed at a name or a title is refused, never stored.
    sentence_words: tuple[str, ...] = ()
    #: Words a title may hold (« chargée de mission pour les SIAE ») but no person's name:
    #: « ateliers et formations pour les encadrants » is no contact's name.
    not_in_names: tuple[str, ...] = ()
    #: Words putting off a free text in a short message (« on verra plus tard », « je ferai
    #: ça plus tard »): the question is passed where it may be, never stored as the text.
    postponing: tuple[str, ...] = ()
    #: Who speaks in a message putting off (« je », « on »): « des SIAE qui recrutent plus
    #: tard » is an answer.
    postponing_speakers: frozenset[str] = frozenset()
    #: Words saying the answer is not known yet, in a short message at a free text (« je
    #: sais pas trop quoi mettre là »): put off as `postponing`, never stored as the text.
    placeholders: tuple[str, ...] = ()
    #: Words asking to go on past the ineligibility screen (« je veux continuer quand
    #: même »): answered there with the call's reason, never refused as unreadable.
    go_on_anyway: tuple[str, ...] = ()
    #: The most words such a message holds; a longer one is an answer.
    placeholder_words: int = 0
    #: Words taking back the « Oui » that added a list item, at its first field (« ah non
    #: finalement pas d'autre action »): the empty item goes.
    no_more: tuple[str, ...] = ()
    #: Words saying there is no action at all, at an orientation's first action title
    #: (« non on a rien sur les marchés », « aucune pour l'instant »): no action there.
    no_action: tuple[str, ...] = ()
    #: Words saying a phone number follows, in a postal address (« tél. : »): they go with
    #: the number, out of the address.
    phone_labels: tuple[str, ...] = ()
    #: Words that may lead to an e-mail address or a phone number typed alone (« mon mail :
    #: », « c'est le 03… »): with them only, the answer is that address or number.
    contact_lead_ins: tuple[str, ...] = ()
    #: Words naming a street or a postal box in an address (« rue », « bd », « BP »): an
    #: address with none of them, no street number and no postcode is no postal address.
    street_words: tuple[str, ...] = ()
    #: Of `phone_labels`, those saying a number is a fax: never offered as the phone.
    fax_labels: tuple[str, ...] = ()
    #: A job title typed as an abbreviation (« pdt ») → its written forms (`role_written`).
    role_abbreviations: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    #: A role word typed without its accents (« presidente », « generale ») → its written
    #: form (« présidente », « générale »): `role_accented`.
    role_accents: dict[str, str] = Field(default_factory=dict)
    #: A postal address's street type, folded (« r », « bd », « rue ») → its written form
    #: (« rue », « boulevard »): `address_written`.
    street_types: dict[str, str] = Field(default_factory=dict)
    #: The small words of a street's or town's name, never given a capital.
    name_small_words: frozenset[str] = frozenset()
    #: Casual abbreviations and SMS words (« qq », « diversif »), listed to reread.
    casual_words: frozenset[str] = frozenset()
    #: Bodies renamed (« Pôle emploi », France Travail since 1 January 2024), listed to reread.
    renamed_bodies: tuple[Renamed, ...] = ()
    #: A département's number said after one of its openings (« tout le 62 »): spoken.
    departement_numbers: tuple[str, ...] = ()
    departement_number_openings: tuple[str, ...] = ()
    #: Words opening a place split off another answer (« 42 SIAE, sur Arras »): the
    #: territory is stored without them (« Arras »).
    place_openings: tuple[str, ...] = ()
    #: Clauses after an action's title opening like a place but naming none (« dans le
    #: cadre du PDI »): kept in the title.
    not_place_openings: tuple[str, ...] = ()


class Fte(_Model):
    words: dict[str, Decimal]
    people: tuple[str, ...]
    one: tuple[str, ...]
    vague: tuple[str, ...]
    approximate: dict[str, Decimal]
    # Whose cost an amount is, asked back with a post's ETP (`carry_over.costs._full_time_asked`).
    full_time_cost: tuple[str, ...] = ()
    share_cost: tuple[str, ...] = ()
    # The unit closing a share of full time among other facts (« 0,95 etp, 42k chargé »).
    units: tuple[str, ...] = ()
    # Between the operation's FTE and the organisation's in an allocation key (« 1 ETP sur 4
    # ETP de la structure »).
    key_between: tuple[str, ...] = ()
    # A share of full time typed after a post's role without « etp » (« chargée de mission à
    # 80 % », « … à mi-temps »): the marks of a percentage, and the spoken shares.
    role_percent: tuple[str, ...] = ()
    role_spoken: tuple[str, ...] = ()
    # Small words between facts typed in one message (« 3 salariés pour 2,5 etp »).
    fact_joins: tuple[str, ...] = ()
    # Words saying who a share of full time is, before a person's name (« 0,5 etp, c marie »).
    person_intros: tuple[str, ...] = ()
    person_intros_loose: tuple[str, ...] = ()
    # Words after those that never start a person's name (« c'est la directrice »).
    not_names: tuple[str, ...] = ()


class Months(_Model):
    names: dict[str, int]
    whole_period: tuple[str, ...]
    seasons: dict[str, tuple[int, ...]]
    vague: tuple[str, ...]
    duration_openings: tuple[str, ...]
    fillers: frozenset[str]
    #: An action said to recur along the period ("tous les trimestres"): its months asked
    #: back, the whole period or those named with it.
    recurring: tuple[str, ...] = ()


class Choices(_Model):
    all: tuple[str, ...]
    none: tuple[str, ...]
    stopwords: frozenset[str]
    negations: frozenset[str]
    generic: tuple[str, ...]
    joins: tuple[str, ...]
    aliases: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # An option by its place in the list (« le 1er », « le dernier »: -1 counts from the end).
    ordinals: dict[str, int] = Field(default_factory=dict)
    # The words a body's own name opens with (« CA du Boulonnais »), by choice id.
    bodies: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    # Whole answers that likely mean an option, asked back, never taken (« ok » at the
    # review: « Générer le brouillon » ?), by choice id.
    guesses: dict[str, tuple[str, ...]] = Field(default_factory=dict)


#: The commands a typed word may stand for (`dialogs.events.CommandName`, without those
#: only a button or the menu gives).
KeywordCommand = Literal["help", "back", "skip", "review", "cancel", "keep"]


class Commands(_Model):
    """Words typed instead of a button or a command (see `dialogs.events.keyword_of`)."""

    keywords: dict[KeywordCommand, tuple[str, ...]]
    #: Small words before a command word (« oups précédent »): the command still.
    lead_ins: tuple[str, ...] = ()
    #: Whole answers that keep the answer recorded, at a question showing one (« …ou
    #: gardez-la »), where they answer nothing else (« ok », « oui »).
    keep_said: tuple[str, ...] = ()


class Vocabulary(_Model):
    yes_no: YesNo
    numbers: Numbers
    fte: Fte
    text: ChatWords
    months: Months
    choices: Choices
    commands: Commands

    @model_validator(mode="after")
    def _phrases_are_folded(self) -> Vocabulary:
        # (the written job titles are printed, accents and capitals kept: their keys only)
        # (and the written street types, « allée »)
        # (and a renamed body's new name, « France Travail »)
        dumped = self.model_dump(
            exclude={
                "text": {
                    "role_abbreviations": True,
                    "role_accents": True,
                    "street_types": True,
                    "renamed_bodies": {"__all__": {"new"}},
                }
            }
        )
        keys = [*self.text.role_abbreviations, *self.text.role_accents, *self.text.street_types]
        bad = sorted(p for p in [*_phrases(dumped), *keys] if fold(p) != p)
        if bad:
            raise ValueError(f"phrases must be written folded (lower case, no accent): {bad}")
        return self


def _phrases(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in [str(key), *_phrases(value)]]
    if isinstance(data, list | tuple | set | frozenset):
        return [p for item in data for p in _phrases(item)]
    return []


@cache
def vocabulary() -> Vocabulary:
    with VOCABULARY_FILE.open(encoding="utf-8") as stream:
        return Vocabulary.model_validate(yaml.load(stream, Loader=SAFE_LOADER))


def choice_aliases() -> dict[str, tuple[str, ...]]:
    """Other names of the interview's choices, by choice id ("tout le département")."""
    return vocabulary().choices.aliases


@cache
def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern finding any of `phrases` as whole words of a folded text, longest first."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in ordered)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


@cache
def typed_pattern(phrases: tuple[str, ...]) -> str:
    """A regular expression (source) finding any of `phrases` in a text as typed (accents and
    capitals kept): words as whole words, case ignored; symbols (« + », « & ») as they are.
    For the few readings that must keep the typed words (« la Région et l'État » split in
    two names)."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    alternatives = (rf"\b{re.escape(p)}\b" if p[0].isalnum() else re.escape(p) for p in ordered)
    return f"(?i:{'|'.join(alternatives)})"


def has_phrase(folded: str, phrases: tuple[str, ...]) -> bool:
    return phrase_pattern(phrases).search(folded) is not None


_EDGES = " .,;:!?…'\"-*()"


def whole_answer(folded: str, phrases: tuple[str, ...]) -> bool:
    """Whether the whole of a folded answer is one of `phrases`, give or take punctuation
    and repeated letters' spaces ("Euh...", "ok !", "jsp ?"): never a phrase inside a
    longer answer ("OK Emploi" is a name)."""
    core = " ".join(_SYMBOLS.sub(" ", folded).strip(_EDGES).split())
    return bool(core) and core in _phrase_set(phrases)


# Emoji, pictographs and other symbols ("ok 👍", "Merci 🙏", "« ok »"): no word of an answer.
_SYMBOLS = re.compile(
    "["
    + "".join(chr(c) for c in range(0x2000, 0x2BFF) if unicodedata.category(chr(c)) in ("So", "Sk"))
    + "\U0001f000-\U0001faff\ufe0f\u200d«»]"
)


@cache
def _phrase_set(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(phrases)
