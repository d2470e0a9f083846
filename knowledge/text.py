"""French text analysis for retrieval: folding, elision, stop words, stemming, synonyms.

Every piece of text (the call's passages, FAQ entries, applicants' questions) goes through
the same pipeline so that "éligibles", "Eligible" and "eligibles" meet on one stem:

    fold (lowercase, curly apostrophes, accents removed, œ → oe)
    → words (elisions such as "l’", "d’", "qu’" fall off as stop words)
    → Snowball French stem (PyStemmer) → light clean-up of the stem.

Applicants type without accents as often as with them, so folding happens *before*
stemming: both spellings then give the same stem.
"""

from __future__ import annotations

import functools
import importlib.metadata
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s.stopwords
import Stemmer
import yaml
from spellchecker import SpellChecker

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae"})
_WORD = re.compile(r"[a-z0-9]+")

# Words that carry no meaning for retrieval, on top of bm25s' French list (pronouns,
# articles, auxiliaries). Mostly the wording of questions: interrogatives, modal verbs,
# politeness. Folded (no accents), as everything is compared after folding.
_EXTRA_STOP_WORDS = frozenset(
    """
    a au aux afin ainsi alors apres aussi autre autres avant avoir bien bonjour
    bonsoir ca car cela celle celles celui ceux cet cette ceci chaque chez comme comment
    dois doit doivent donc dont elles encore est-ce etre etes faire fait faut
    ici il ils jusqu la lequel laquelle lesquels lesquelles leurs lors merci mme monsieur
    madame non nous oui ou peut peuvent peux plait possible pourquoi pourrait pourrions
    pouvez pouvons quand quel quelle quelles quels quoi sans savoir selon si sil stp svp
    tout toute toutes tous tres trop via voudrais voulons vouloir veux y est sont ete
    combien quelqu quelque quelques est-il est-elle sont-ils sont-elles peut-on faut-il
    cest ya etc ex exemple notamment egalement
    concerne concernee concernes concernees concerner couvre couvrent couvrir prevu prevue
    prevus prevues prevoir existe exister partie encore bien deja ok
    partir pendant durant lie lies liee liees vise visee vises visees contenir contient
    contiennent comporter comporte comportent inclure inclut comprendre comprend
    obtenir dire voir aller venir mettre demander demande sais savez sait
    suivre font faites couvert couverts couverte couvertes
    precisement exactement vraiment actuellement maintenant aujourd hui
    sert servir servent servira serviront certain certaine certains certaines
    concretement agir rentre rentrent rentrer cadre reste restent rester droit
    difference differences entre distinguer renseigner remplir completer saisir
    saisi saisie saisis saisies
    vers envers parmi sous contre depuis malgre outre jusque sinon puis ni tel telle tels
    telles quelconque aucun aucune chacun chacune fera feront
    bjr slt salut hello cdt cordialement bonne journee beaucoup coucou desole
    poser pose posent posons signifie signifient signifier signification definition
    moment passe passent faits faite
    seul seule seuls seules seulement uniquement reserve reservee reserves reservees
    pourriez pourrais indiquer indiquez preciser precisez rappeler rappelez confirmer
    confirmez eclairer souhaiterions souhaiterais aimerions aimerais voudrions voulais
    voulions demandais demandions sachant
    pouvait pouvaient pourra pourront pourrons pourraient puisse puissent puissions
    devra devront devons devez devrons devrions devrait devraient devait devaient
    faudra faudrait fallait allons vais vont irons ira
    correspond correspondent correspondre inscrit inscrivent inscrire releve relevent relever
    connaitre connaissez sommechiffree
    citent cite citer autant dedans genre truc trucs machin type types sorte
    plusieurs auquel auxquels auxquelles duquel desquels concernant envisage envisageons
    envisager envisageable envisageables cherche cherchent chercher mis met mets mettons
    mettent monter montage
    pousser poussent pousse insister insistent insiste lire rediger redaction clique
    cliquer cliques aupres
    effectivement accomplir accompli accomplie accomplis accomplies accomplit accomplissent
    definit definissent definir defini definie definis definies
    """.split()  # noqa: SIM905 - a word list reads better as text
)


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Latin letters with accents, and their letter without (the NFKD decomposition, computed
# once): folding the call and the bank is a translate, not a loop over characters.
_UNACCENTED = str.maketrans(
    {chr(c): _strip_accents(chr(c)) for c in range(0xC0, 0x250) if _strip_accents(chr(c)) != chr(c)}
)


def fold(text: str) -> str:
    """Lowercase, straighten apostrophes, drop accents (NFKD) and ligatures."""
    text = text.lower().translate(_APOSTROPHES).translate(_LIGATURES).translate(_UNACCENTED)
    return text if text.isascii() else _strip_accents(text)


@functools.cache
def stop_words() -> frozenset[str]:
    """bm25s' French stop words, folded, plus the question wording above."""
    base = {fold(word) for word in bm25s.stopwords.STOPWORDS_FRENCH}
    return frozenset(base | _EXTRA_STOP_WORDS)


def question_wording() -> frozenset[str]:
    """The wording of questions the retrieval ignores ("contient", "sert", "quand",
    "combien"…): it says what kind of answer is wanted, not what the subject is."""
    return _EXTRA_STOP_WORDS


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("french")


# An ordinal written with figures ("1er janvier", "2e année"): the number it is.
_ORDINAL = re.compile(r"^(\d+)(?:er|ere|re|e|eme|nd|nde)$")


SPELLING_PATH = Path(__file__).resolve().parent / "spelling.yaml"


def read_yaml(path: Path) -> Any:
    """A YAML file's data, with libyaml's loader when PyYAML was built with it (the
    bank and the synonyms load several times faster)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


@functools.cache
def _spelling() -> dict[str, tuple[str, ...]]:
    """SMS spellings and abbreviations (spelling.yaml), folded, to the words they stand for."""
    raw = read_yaml(SPELLING_PATH) or {}
    return {
        fold(str(short)): tuple(_WORD.findall(fold(str(full))))
        for short, full in (raw.get("words") or {}).items()
    }


# A date written with figures ("14/02/2025", "1/3/25"): its figures and `DATE_WORD`.
_DATE = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")
# The word a date written with figures also reads as, whatever its figures: synonym rules
# look for it ("date", "jusqu'à quand"), so they hold when a new call changes its dates.
DATE_WORD = "datechiffree"


# An amount written with figures ("80k", "50 000 €", "10000 euros", "1,5 k€"): the
# applicant's own figures, not a subject (the call writes none), read as `AMOUNT_WORD`, a
# word of the questions' wording ("on a 80k de salaires, cb de frais indirects max ?" asks
# about the cap on indirect costs, whatever the figure).
_AMOUNT = re.compile(
    r"\b\d+(?:[ \u00a0.]\d{3})*(?:,\d+)?\s*(?:k\s*€|k\s*euros?|keur|k|€|euros?|eur)(?![a-z0-9])"
    r"|\b\d{1,3}(?:[ \u00a0.]\d{3})+\b"
)
AMOUNT_WORD = "sommechiffree"


def words(text: str) -> list[str]:
    """The folded words of a text, spelled out (`spelling.yaml`: "koi" is "quoi", "asso"
    is "association"); elided articles ("l'", "d'", "qu'") become separate one-letter
    words that the stop-word list removes; "1er" becomes "1"; "%" is "pourcent"; a date
    written with figures is its figures and `DATE_WORD`, an amount `AMOUNT_WORD`."""
    spelling = _spelling()
    found: list[str] = []
    text = _DATE.sub(rf"\1 \2 \3 {DATE_WORD}", fold(text).replace("%", " pourcent "))
    text = _AMOUNT.sub(f" {AMOUNT_WORD} ", text)
    raw = _WORD.findall(text)
    for i, word in enumerate(raw):
        word = _ORDINAL.sub(r"\1", word)
        if word not in spelling and _ELIDED_JE.match(word):
            # "jdepose", "jfais": "je" elided on a phone (no French word starts so).
            found.append("je")
            word = word[1:]
        if _IDIOMS.get(word) and i + 1 < len(raw) and raw[i + 1] in _IDIOMS[word]:
            found.append(word)
            continue
        found.extend(spelling.get(word, (word,)))
    return found


# Words that an idiom keeps as they are, before the word that makes the idiom: "tel quel"
# ("reconduire notre plan tel quel", unchanged) is no telephone, as "tel" alone is on a
# phone ("appeler sur son tel").
_IDIOMS = {"tel": frozenset({"quel", "quels", "quelle", "quelles"})}


# "j" before a consonant: "je" written without its vowel ("jdepose", "jpeux", "jfais").
_ELIDED_JE = re.compile(r"^j[bcdfgklmnpqrstvwxz][a-z]{2,}$")


# Words Snowball gives the stem of a word of another meaning, kept apart: "inclusion" (the
# Département's policy) is not "inclus" (a date included), a "liste limitative" (closed) is
# not a "limite" (a cap), a "gars" (one of the public) is not "garer" (to park), a
# constat that "justifie" an orientation (gives its reason) is not a "justificatif" (a
# document to attach: Snowball gives both "justif", and "justifier" "justifi"), the
# "indicateurs" (what is measured) are not "indiquer" (question wording: Snowball gives
# both "indiqu", so "pourriez-vous nous indiquer… en son nom propre" read as "propres
# indicateurs", a topic the call does not treat), the "intermédiation" (an orientation:
# sharing information between the SIAE and the Département) is not the "bilan
# intermédiaire" (a report during the operation: Snowball gives both "intermedi"), and
# "s'adresser" (the infinitive: whom to turn to, the contact) is not "s'adresse",
# "s'adressent" (whom a thing is for: "l'IAE s'adresse à qui ?"; Snowball gives both
# "adress").
_OWN_STEMS = {
    "adresser": "adresser",
    "indicateur": "indicateur",
    "indicateurs": "indicateur",
    "gars": "gars",
    "justifie": "justifi",
    "justifies": "justifi",
    "inclusion": "inclusion",
    "inclusions": "inclusion",
    "limitatif": "limitatif",
    "limitatifs": "limitatif",
    "limitative": "limitatif",
    "limitatives": "limitatif",
    "intermediation": "intermediation",
    "intermediations": "intermediation",
}
# Those stems, never matched to the call's stems of the same family ("inclus").
KEPT_APART = frozenset(_OWN_STEMS.values())


@functools.lru_cache(maxsize=65536)  # applicants' words: bounded
def stem(word: str) -> str:
    """Snowball French stem of a folded word, with a trailing "e" removed (folding turns
    "versée" into "versee", which Snowball leaves as "verse" while "versé" gives "vers"),
    or its own stem for a word Snowball would mistake for another (`_OWN_STEMS`)."""
    if word in _OWN_STEMS:
        return _OWN_STEMS[word]
    stemmed: str = _stemmer().stemWord(word)
    if len(stemmed) > 4 and stemmed.endswith("e"):
        stemmed = stemmed[:-1]
    return stemmed


# Words as written (lowercase, accents kept): "affecté" and "activité" part only there.
_WRITTEN_WORD = re.compile(r"[a-zà-öø-ÿœæ]+")
# Endings of a past participle ("affecté", "affectées") and of an infinitive ("prolonger",
# "choisir"), each with the form of the same verb that must be a French word too.
_PARTICIPLE_ENDINGS = ("ées", "és", "ée", "é")
VERB_FORM_MIN_LENGTH = 5


@functools.cache
def _french_words() -> frozenset[str]:
    """The words of pyspellchecker's French word list (from subtitles: everyday words and
    their inflected forms) that `is_verb_form` may look up: those ending like an
    infinitive or a participle ("er", "é", "i"). Kept in the disk cache (`knowledge.cache`),
    which loads them ten times faster than the package's compressed JSON."""
    from knowledge.cache import cache_key, cached, default_cache_dir

    version = importlib.metadata.version("pyspellchecker")
    return cached(
        default_cache_dir(),
        cache_key([b"pyspellchecker-fr-verb-forms", version.encode()]),
        lambda: frozenset(
            word
            for word in SpellChecker(language="fr", distance=1).word_frequency.dictionary
            if word.endswith(("er", "é", "i"))
        ),
    )


@functools.lru_cache(maxsize=65536)  # applicants' words: bounded
def is_verb_form(word: str) -> bool:
    """True when a written word (lowercase, accents kept) is an infinitive or a past
    participle of a first- or second-group verb: "affectées" (the French word list has
    "affecter"), "prolonger" ("prolongé"), "choisir" ("choisi"). Nouns with the same
    endings are not: "activité" ("activiter" is no word), "dossier" ("dossié"), "loisir"
    ("loisi"). The word list is read only for a word with such an ending."""
    if len(word) < VERB_FORM_MIN_LENGTH:
        return False
    for ending in _PARTICIPLE_ENDINGS:
        if word.endswith(ending):
            return word[: -len(ending)] + "er" in _french_words()
    if word.endswith("er"):
        return word[:-2] + "é" in _french_words()
    if word.endswith("ir"):
        return word[:-2] + "i" in _french_words()
    return False


def verb_stems(text: str) -> frozenset[str]:
    """Stems of the words of `text` written as an infinitive or a past participle."""
    written = _WRITTEN_WORD.findall(text.lower().translate(_APOSTROPHES).translate(_LIGATURES))
    return frozenset(stem(fold(w)) for w in written if is_verb_form(w))


def terms(text: str) -> list[str]:
    """Meaningful stems of a text, in order (stop words and lone digits removed)."""
    stops = stop_words()
    return [stem(w) for w in words(text) if w not in stops and len(w) != 1]


def all_stems(text: str) -> list[str]:
    """Stems of every word, stop words included (used to match phrases in questions)."""
    return [stem(w) for w in words(text)]


# --------------------------------------------------------------------------- synonyms


@dataclass(frozen=True)
class SynonymRule:
    """When a question contains one of `triggers` (a phrase, compared stem by stem),
    the retrieval also looks for each phrase of `expansions` (the call's vocabulary)."""

    triggers: tuple[tuple[str, ...], ...]
    expansions: tuple[tuple[str, ...], ...]
    # A filler phrase ("toucher à", "dans le cadre de"): question wording that the
    # retrieval ignores; its triggers are matched on every stem, stop words included.
    filler: bool = False
    # A name of the call itself ("appel à projets", "AAP", "dispositif"): a question that
    # names the call asks about the call as a whole, not about the passage that happens
    # to repeat its name ("les objectifs de cet appel à projets" is about the objectives,
    # not the call's opening dates). Such a concept weighs little (`generic: true`).
    generic: bool = False
    # Triggers of meaningful words as written ("renseignements"), matched on the
    # question's meaningful words only, even when their stem is also a stop word's
    # ("renseigner", question wording, has the same stem). The other triggers (stop
    # words only: "qui peut", "fois"; or written "=…") are matched on every word.
    meaningful: frozenset[tuple[str, ...]] = frozenset()


@dataclass(frozen=True)
class Concept:
    """One unit of meaning in a question: either a single stem, or a phrase matched by
    a synonym rule, with the alternative phrases that express it in the call."""

    alternatives: tuple[tuple[str, ...], ...]
    weight_terms: tuple[str, ...]
    generic: bool = False
    # Every word it weighs by was written as a verb ("affectées", "prolonger"): in a
    # question, a verb the call never uses is mostly the wording around the subject.
    verb: bool = False

    @property
    def query_terms(self) -> set[str]:
        return {term for alt in self.alternatives for term in alt}

    def covered_by(self, passage_terms: frozenset[str]) -> bool:
        """True when one of the alternatives appears whole in the passage."""
        return any(all(term in passage_terms for term in alt) for alt in self.alternatives)


def _phrase(text: str) -> tuple[str, ...]:
    """A phrase as matched in questions: its meaningful stems, or every stem when it is
    made of stop words only ("qui peut", "jusqu'à quand") or written "=…" ("=peut-elle
    répondre": word for word, so that it differs from "répondre aux marchés")."""
    if text.startswith("="):
        return tuple(all_stems(text[1:]))
    return tuple(terms(text)) or tuple(all_stems(text))


def load_synonyms(path: Path) -> list[SynonymRule]:
    """Read `synonyms.yaml`: `rules`, a list of {when: [phrases], look_for: [phrases]},
    and `fillers`, phrases of question wording to ignore."""
    raw = read_yaml(path) or {}
    rules: list[SynonymRule] = []
    fillers = tuple(p for p in (tuple(all_stems(f)) for f in raw.get("fillers", [])) if p)
    if fillers:
        rules.append(SynonymRule(triggers=fillers, expansions=(), filler=True))
    for index, entry in enumerate(raw.get("rules", [])):
        written = [str(p) for p in entry.get("when", [])]
        when = [_phrase(p) for p in written]
        meaningful = frozenset(_phrase(p) for p in written if not p.startswith("=") and terms(p))
        look_for = [_phrase(p) for p in entry.get("look_for", [])]
        when = [p for p in when if p]
        look_for = [p for p in look_for if p]
        if not when or not look_for:
            raise ValueError(f"{path}: règle n° {index + 1} sans « when » ou « look_for »")
        rules.append(
            SynonymRule(
                triggers=tuple(when),
                expansions=tuple(look_for),
                generic=bool(entry.get("generic", False)),
                meaningful=meaningful,
            )
        )
    return rules


def _find(sequence: Sequence[str], phrase: Sequence[str]) -> int:
    """Index of the first occurrence of `phrase` in `sequence`, or -1."""
    size = len(phrase)
    for start in range(len(sequence) - size + 1):
        if tuple(sequence[start : start + size]) == tuple(phrase):
            return start
    return -1


def _tokens(question: str) -> list[tuple[str, bool]]:
    """(stem, is_meaningful) for each word of a question."""
    stops = stop_words()
    return [(stem(w), w not in stops and len(w) > 1) for w in words(question)]


@dataclass(frozen=True)
class TriggerTable:
    """The synonym rules' triggers in the order they are tried, indexed by first stem (a
    question only tries the triggers whose first stem it contains)."""

    candidates: tuple[tuple[tuple[str, ...], SynonymRule], ...]
    by_first: dict[str, tuple[int, ...]]


def trigger_table(rules: Iterable[SynonymRule]) -> TriggerTable:
    stops = _stop_stems()
    candidates = sorted(
        ((trigger, rule) for rule in rules for trigger in rule.triggers),
        # Longest trigger first; at equal length, the one naming more of the question's
        # meaningful words ("déposer par mail" is the way of filing before "peut déposer"
        # is who may apply), then a subject before a name of the call ("fin de l'appel" is
        # about the deadline, "appel à projets" only names the call).
        key=lambda item: (
            -len(item[0]),
            -sum(1 for term in item[0] if term not in stops),
            item[1].generic,
        ),
    )
    by_first: dict[str, list[int]] = {}
    for index, (trigger, _) in enumerate(candidates):
        by_first.setdefault(trigger[0], []).append(index)
    return TriggerTable(tuple(candidates), {k: tuple(v) for k, v in by_first.items()})


def concepts(
    question: str, rules: Iterable[SynonymRule] | TriggerTable, *, verbs: bool = True
) -> list[Concept]:
    """Split a question into concepts: synonym phrases first (longest trigger wins, each
    word used once), then the remaining meaningful stems one by one.

    A trigger made of meaningful words is matched on the question's meaningful stems
    ("frais de structure" matches "frais de la structure"); a trigger of stop words only
    ("qui peut") is matched on every stem. `verbs`: tell the verbs the call never uses
    (`Concept.verb`, for the lexical weights; it needs the French word list)."""
    table = rules if isinstance(rules, TriggerTable) else trigger_table(rules)
    tokens = _tokens(question)
    verb_set = verb_stems(question) if verbs else frozenset()
    core = [i for i, (_, meaningful) in enumerate(tokens) if meaningful]
    core_stems = [tokens[i][0] for i in core]
    all_seq = [s for s, _ in tokens]
    used = [False] * len(tokens)
    found: list[Concept] = []
    tried = sorted({i for s in set(all_seq) for i in table.by_first.get(s, ())})
    for trigger, rule in (table.candidates[i] for i in tried):
        meaningful = not rule.filler and trigger in rule.meaningful
        if meaningful:
            start = _find(core_stems, trigger)
            positions = [core[start + k] for k in range(len(trigger))] if start >= 0 else []
        else:
            start = _find(all_seq, trigger)
            positions = list(range(start, start + len(trigger))) if start >= 0 else []
        if not positions or any(used[i] for i in positions):
            continue
        for i in positions:
            used[i] = True
        if rule.filler:
            continue
        alternatives = (trigger, *(e for e in rule.expansions if e != trigger))
        weight_terms = tuple(tokens[i][0] for i in positions if tokens[i][1])
        found.append(
            Concept(
                alternatives=alternatives,
                weight_terms=weight_terms,
                generic=rule.generic,
                verb=bool(weight_terms) and all(t in verb_set for t in weight_terms),
            )
        )
    seen = {term for concept in found for term in concept.weight_terms}
    for i in core:
        stemmed = tokens[i][0]
        if used[i] or stemmed in seen:
            continue
        seen.add(stemmed)
        found.append(
            Concept(alternatives=((stemmed,),), weight_terms=(stemmed,), verb=stemmed in verb_set)
        )
    return found


@functools.cache
def _stop_stems() -> frozenset[str]:
    return frozenset(stem(w) for w in stop_words())
