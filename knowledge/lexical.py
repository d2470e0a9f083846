"""The lexical ranker: the call's passages and the staff's FAQ, scored with BM25.

`LexicalIndex.rank(question)` scores every passage; `knowledge.base.KnowledgeBase` weighs
that with the question bank to choose the answer and the confidence.

Scoring (bm25s, Lucene variant, over Snowball-French stems, see `knowledge.text`):

* a question is split into *concepts*: a synonym phrase ("frais de structure", which the
  call calls "charges indirectes") or a single stem. A concept's BM25 score on a passage
  is the best of its alternatives, so a synonym never counts twice;
* *coverage* is the IDF-weighted share of the question's concepts present in the passage
  (with its section title). A word the call never uses ("subvention", "météo") has the
  highest IDF: a question about something the call does not talk about has low coverage
  whatever its BM25 score;
* the ranker alone would answer (`is_confident`, one signal of the confidence model) when
  coverage ≥ `MIN_COVERAGE` and score ≥ `MIN_SCORE`; `unanswered_topic` finds the topics
  the staff listed as unanswered by the call (`unanswered.yaml`: the subsidy's amount,
  documents to attach, other funds…; a topic's words must come in order, a few words
  apart at most).

What makes applicants' wording meet the call's (all generic, none tied to one question):

* `synonyms.yaml`: the applicants' words mapped to the call's, `fillers` (question wording
  to ignore: "toucher à", "faire partie de") and word-for-word phrases ("=peut-elle
  répondre", a question on who may apply, unlike "répondre aux marchés");
* a stem the call never uses is matched to the call's stem it is an inflection or a typo
  of (`_nearest_call_term`: "représentent" / "représenter"), or the adjective of
  ("sportif" / "sport"); a stem the call uses also matches the other stems of its word
  family in the call (`_family`: "proposer" / "proposition");
* a verb the call never uses, written as an infinitive or a past participle ("prolonger",
  "affectées", "envoyée": `knowledge.text.is_verb_form`, checked against pyspellchecker's
  French word list) weighs `VERB_FACTOR` of a foreign word and is not counted as one by
  `is_confident`: it is mostly the wording around the subject, while a noun the call
  never uses ("locaux", "repas") is often the subject itself and keeps its weight;
* the call's own names ("appel à projets", "AAP", "dispositif", "Département": synonym
  rules marked `generic`) weigh `GENERIC_FACTOR` of a subject, in coverage and in score:
  naming the call says nothing of what is asked; a question made of them only has no
  subject and is never answered with confidence;
* a sentence that points back ("les quatre orientations précédemment exposées") gets no
  credit for the words it points with: the list it points to states them;
* a list's passages also carry the number of its items ("les six indicateurs");
* a short section quoted whole is also scored whole (its sentences complete each other);
* candidates are ranked by score × coverage²: saying everything the question asks
  matters more than a high BM25 score on part of it.

FAQ entries are indexed with the call; a FAQ entry wins over a call passage when its score
is at least `FAQ_PREFERENCE` times the passage's (staff answers are written for applicants).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt

from knowledge.faq import FaqEntry
from knowledge.passages import SECTION_SEPARATOR, Passage
from knowledge.text import (
    KEPT_APART,
    Concept,
    SynonymRule,
    TriggerTable,
    all_stems,
    concepts,
    read_yaml,
    stem,
    stop_words,
    terms,
    trigger_table,
    words,
)

# Calibrated on the questions now in knowledge/bank.yaml (before it was a bank): the thresholds
# were left as they were while the held-out groups were added; the gains came from the
# vocabulary (synonyms, fillers, stop words, near stems), not from moving them.
MIN_COVERAGE = 0.55
HIGH_COVERAGE = 0.75
MIN_SCORE = 0.5
FAQ_PREFERENCE = 0.85
STOP_PHRASE_WEIGHT = 0.5
# Shortest stem matched to the call's vocabulary by prefix or by one edit (typos,
# inflections Snowball leaves apart: "représentent" / "représenter").
FUZZY_MIN_LENGTH = 6
# One letter apart is a typo only in longer words ("demain" is not "domaine").
FUZZY_EDIT_MIN_LENGTH = 7
# Words allowed between two words of an unanswered-topic phrase (besides articles).
UNANSWERED_GAP = 3
# The applicant's own words count more than the call's words a synonym rule adds.
EXPANSION_WEIGHT = 0.7
# Endings (after stemming) of adjectives made from a noun: "sportif" from "sport".
ADJECTIVE_SUFFIXES = frozenset({"if", "iv", "el", "al"})
# Longest suffix told apart within a word family ("propos" / "proposit").
FAMILY_MAX_SUFFIX = 4
# A name of the call ("appel à projets", "dispositif") counts this much of an ordinary
# concept, in coverage and in score (see `SynonymRule.generic`).
GENERIC_FACTOR = 0.25
# A verb the call never uses ("prolonger", "affectées", "envoyée": `Concept.verb`) weighs
# this much of a word the call never uses, and does not count as a foreign word in
# `is_confident`: it is mostly the wording around the subject (the nouns keep their weight:
# "locaux", "repas", "subvention" still make a question out of scope).
VERB_FACTOR = 0.5


@dataclass(frozen=True)
class _Doc:
    """An indexed document: a call passage, or a FAQ entry."""

    terms: frozenset[str]
    tokens: list[str]
    passage: Passage | None = None
    faq: FaqEntry | None = None


@dataclass(frozen=True)
class UnansweredTopic:
    """A subject the staff knows the call is silent on; any of `phrases` (its stems in
    order, a few words apart at most, see `_in_order`) in a question marks it."""

    topic: str
    phrases: tuple[tuple[str, ...], ...]
    # Phrases written "=…" ("=combien de projets"): their words follow one another, but
    # for stop words ("combien y a-t-il de projets"); "combien de mois dure le projet" is
    # not about a number of projects.
    adjacent: frozenset[tuple[str, ...]] = frozenset()
    # Phrases naming what the call does say with the same words ("montant maximal de
    # charges indirectes" is the 20 % cap, "besoins de recrutement" of a territory is an
    # objective): any of them in the question and the topic is not marked.
    unless: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Ranked:
    """A scored candidate (exposed for the benchmark and the tests)."""

    score: float
    coverage: float
    section: str
    quote: str
    faq: FaqEntry | None = None
    # Concepts of the question missing from the passage that the call never uses at all.
    foreign_missing: int = 0
    passage: Passage | None = None
    # What the candidate answers with: a passage's id (its list's id when the question is
    # about the whole list), or "faq:N" for the N-th FAQ entry.
    label: str = ""

    @property
    def is_faq(self) -> bool:
        return self.faq is not None


def load_unanswered(path: Path) -> list[UnansweredTopic]:
    raw = read_yaml(path) or {}
    topics: list[UnansweredTopic] = []
    for item in raw.get("topics", []):
        written = [str(p) for p in item.get("when", [])]
        phrases = [tuple(s for s in all_stems(p.lstrip("=")) if s not in _FILLERS) for p in written]
        adjacent = frozenset(
            phrase for phrase, p in zip(phrases, written, strict=True) if p.startswith("=")
        )
        unless = (
            tuple(s for s in all_stems(p) if s not in _FILLERS) for p in item.get("unless", [])
        )
        topics.append(
            UnansweredTopic(
                str(item["topic"]),
                tuple(p for p in phrases if p),
                adjacent,
                tuple(p for p in unless if p),
            )
        )
    return topics


# Articles and prepositions ignored in unanswered-topic phrases ("montant de la subvention"
# = {montant, subvention}); other stop words count there ("combien de salariés").
_FILLERS = frozenset(all_stems("de la le les des du d l un une à a au aux en")) - {""}


def _in_order(phrase: Sequence[str], stems: Sequence[str], gap: int = UNANSWERED_GAP) -> bool:
    """True when the phrase's stems appear in the question in this order, each at most
    `gap` words after the previous one ("montant maximum que l'on peut demander"
    matches "montant maximum demander"; "frais de structure … à combien" does not match
    "combien de structures")."""
    for start, word in enumerate(stems):
        if word != phrase[0]:
            continue
        position, ok = start, True
        for wanted in phrase[1:]:
            window = stems[position + 1 : position + 2 + gap]
            if wanted not in window:
                ok = False
                break
            position = position + 1 + window.index(wanted)
        if ok:
            return True
    return False


# A list's passages are also found by the number of its items ("les quatre orientations",
# "les six indicateurs"): the call does not write the count, the list shows it.
_COUNT_WORDS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit"}


def count_terms(passage: Passage) -> list[str]:
    """The number of a list's items as the word a question would use ("quatre")."""
    size = sum(1 for line in passage.list_quote.split("\n") if line.startswith("· "))
    return terms(_COUNT_WORDS.get(size, ""))


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        size += 1
    return size


def _deletions(word: str) -> list[str]:
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


def _one_edit(a: str, b: str) -> bool:
    """True when `a` and `b` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _section_terms(section: str) -> list[str]:
    return [t for part in section.split(SECTION_SEPARATOR) for t in terms(part)]


@dataclass
class LexicalIndex:
    """Call passages + FAQ entries, indexed for BM25 with the synonyms."""

    passages: list[Passage]
    faq_entries: list[FaqEntry]
    synonyms: list[SynonymRule]
    unanswered: list[UnansweredTopic] = field(default_factory=list)
    _docs: list[_Doc] = field(init=False, repr=False)
    _bm25: bm25s.BM25 = field(init=False, repr=False)
    _idf: dict[str, float] = field(init=False, repr=False)
    _max_idf: float = field(init=False, repr=False)
    _families: dict[str, list[str]] = field(init=False, repr=False, default_factory=dict)
    _triggers: TriggerTable = field(init=False, repr=False)
    _nearest: dict[str, str | None] = field(init=False, repr=False, default_factory=dict)
    _by_prefix: dict[str, set[str]] = field(init=False, repr=False, default_factory=dict)
    _by_deletion: dict[str, set[str]] = field(init=False, repr=False, default_factory=dict)
    # Each section's stems (its passages' and its title's), for `section_coverage`.
    _sections: dict[str, frozenset[str]] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._triggers = trigger_table(self.synonyms)
        docs: list[_Doc] = []
        for passage in self.passages:
            pointers = {t for word in passage.pointers for t in terms(word)}
            tokens = [
                t
                for t in terms(passage.text) + _section_terms(passage.section)
                if t not in pointers
            ] + count_terms(passage)
            docs.append(_Doc(frozenset(tokens), tokens, passage=passage))
        for entry in self.faq_entries:
            tokens = terms(entry.question) + terms(entry.answer)
            docs.append(_Doc(frozenset(tokens), tokens, faq=entry))
        self._docs = docs
        sections: dict[str, set[str]] = {}
        for doc in docs:
            if doc.passage is not None:
                sections.setdefault(doc.passage.section, set()).update(doc.terms)
        self._sections = {name: frozenset(found) for name, found in sections.items()}
        self._bm25 = bm25s.BM25(method="lucene")
        self._bm25.index([d.tokens or [""] for d in docs], show_progress=False)
        n = len(docs)
        df: dict[str, int] = {}
        for doc in docs:
            for term in doc.terms:
                df[term] = df.get(term, 0) + 1
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._max_idf = math.log(1 + (n + 0.5) / 0.5)

    # ------------------------------------------------------------------ querying

    def _weight(self, concept: Concept) -> float:
        """A concept weighs as its rarest word; a phrase of stop words ("qui peut") as an
        average word. A synonym the call never uses ("subvention") keeps the weight of a
        foreign word: it is often what makes a question out of scope."""
        if not concept.weight_terms or all(t.isdigit() for t in concept.weight_terms):
            # A figure ("24 ans", "le 15 février") is a value, not a subject.
            return STOP_PHRASE_WEIGHT * self._max_idf
        weight = max(self._idf.get(t, self._max_idf) for t in concept.weight_terms)
        if concept.generic:
            return GENERIC_FACTOR * weight
        if self._foreign_verb(concept):
            return VERB_FACTOR * weight
        return weight

    def _foreign_verb(self, concept: Concept) -> bool:
        """A concept written as a verb that the call never uses (see `VERB_FACTOR`)."""
        return concept.verb and not (set(concept.weight_terms) & self._idf.keys())

    def _term_scores(self, term_list: Iterable[str]) -> dict[str, npt.NDArray[np.float64]]:
        known = [t for t in set(term_list) if t in self._idf]
        return {t: np.asarray(self._bm25.get_scores([t]), dtype=np.float64) for t in known}

    def _nearest_call_term(self, term: str) -> str | None:
        if term not in self._nearest:
            self._nearest[term] = self._find_nearest_call_term(term)
        return self._nearest[term]

    def _find_nearest_call_term(self, term: str) -> str | None:
        """The call's stem a stem the call never uses is an inflection or a typo of: one
        is a prefix of the other but for one letter ("representent" / "represent",
        "defendent" / "defendr"), or they differ by one letter ("porteux" / "porteur");
        the shared part at least `FUZZY_MIN_LENGTH` letters; or it is an adjective
        made from one of the call's nouns ("sportif" / "sport", "culturel" / "cultur").
        None for a stem kept apart from its look-alikes (`KEPT_APART`: "limitatif")."""
        if term in KEPT_APART:
            return None
        for suffix in sorted(ADJECTIVE_SUFFIXES):
            # An adjective made from a short noun of the call ("sportif" / "sport").
            noun = term.removesuffix(suffix)
            if noun != term and len(noun) >= 4 and noun in self._idf:
                return noun
        if len(term) < FUZZY_MIN_LENGTH:
            return None
        best: tuple[int, str] | None = None
        for known in self._fuzzy_candidates(term):
            common = _common_prefix(term, known)
            if common >= FUZZY_MIN_LENGTH and common >= min(len(term), len(known)) - 1:
                closeness = common
            elif len(term) >= FUZZY_EDIT_MIN_LENGTH and _one_edit(term, known):
                closeness = len(term) - 1
            else:
                continue
            if best is None or (closeness, known) > best:
                best = (closeness, known)
        return best[1] if best else None

    def _fuzzy_candidates(self, term: str) -> set[str]:
        """The call's stems that may share `FUZZY_MIN_LENGTH` first letters with `term`
        or be one edit from it (the only ones `_find_nearest_call_term` can accept)."""
        if not self._by_prefix:
            for known in self._idf:
                if len(known) >= FUZZY_MIN_LENGTH:
                    self._by_prefix.setdefault(known[:FUZZY_MIN_LENGTH], set()).add(known)
                    for key in (known, *_deletions(known)):
                        self._by_deletion.setdefault(key, set()).add(known)
        found = set(self._by_prefix.get(term[:FUZZY_MIN_LENGTH], ()))
        if len(term) >= FUZZY_EDIT_MIN_LENGTH:
            # Two words one edit apart share a word less one letter (or one is it).
            for key in (term, *_deletions(term)):
                found |= self._by_deletion.get(key, set())
        return found

    def _family(self, term: str) -> list[str]:
        """The call's other stems of the same word family: one extends the other by a
        few letters ("propos" / "proposit": "proposer" / "proposition")."""
        if len(term) < FUZZY_MIN_LENGTH or term in KEPT_APART:
            return []
        if term not in self._families:
            self._families[term] = sorted(
                k
                for k in self._idf
                if k != term
                and k not in KEPT_APART
                and len(k) >= FUZZY_MIN_LENGTH
                and abs(len(k) - len(term)) <= FAMILY_MAX_SUFFIX
                and (k.startswith(term) or term.startswith(k))
            )
        return self._families[term]

    def _with_call_terms(self, found: list[Concept]) -> list[Concept]:
        """Each single-stem concept the call never uses, mapped to its nearest call stem;
        a synonym concept whose own word the call never uses ("candidater") also looks
        for the call's nearest stem ("candidatures")."""
        mapped: list[Concept] = []
        for concept in found:
            terms_ = concept.query_terms
            own = concept.alternatives[0]
            if len(terms_) == 1 and concept.weight_terms and not (terms_ & self._idf.keys()):
                near = self._nearest_call_term(own[0])
                if near is not None:
                    concept = Concept(
                        alternatives=((near,),), weight_terms=(near,), verb=concept.verb
                    )
            elif len(terms_) == 1 and concept.weight_terms:
                family = self._family(own[0])
                if family:
                    concept = Concept(
                        alternatives=(own, *((k,) for k in family)),
                        weight_terms=concept.weight_terms,
                        verb=concept.verb,
                    )
            elif len(own) == 1 and concept.weight_terms and own[0] not in self._idf:
                near = self._nearest_call_term(own[0])
                if near is not None:
                    concept = Concept(
                        alternatives=(*concept.alternatives, (near,)),
                        weight_terms=concept.weight_terms,
                        verb=concept.verb,
                    )
            mapped.append(concept)
        return mapped

    def concepts(self, text: str, *, verbs: bool = True) -> list[Concept]:
        """The concepts of a text, met with the call's vocabulary (synonyms, inflections,
        typos of the call's words)."""
        return self._with_call_terms(concepts(text, self._triggers, verbs=verbs))

    def rank(self, question: str) -> tuple[list[Concept], list[Ranked]]:
        """Every document scored for `question`, best first (FAQ preference applied)."""
        found = self.concepts(question)
        if not found:
            return found, []
        per_term = self._term_scores(t for c in found for t in c.query_terms)
        zeros = np.zeros(len(self._docs), dtype=np.float64)
        total = np.zeros(len(self._docs), dtype=np.float64)
        for concept in found:
            best = zeros
            for position, alternative in enumerate(concept.alternatives):
                alt_score = sum((per_term.get(t, zeros) for t in alternative), zeros)
                factor = 1.0 if position == 0 else EXPANSION_WEIGHT
                if concept.generic:
                    factor *= GENERIC_FACTOR
                best = np.maximum(best, factor * alt_score)
            total += best
        weights = [self._weight(c) for c in found]
        weight_sum = sum(weights)
        ranked: list[Ranked] = []
        foreign = [
            bool(c.weight_terms)
            and not all(t.isdigit() for t in c.weight_terms)
            and not (c.query_terms & self._idf.keys())
            and not self._foreign_verb(c)
            for c in found
        ]
        faq_index = 0
        for index, doc in enumerate(self._docs):
            hits = [c.covered_by(doc.terms) for c in found]
            covered = sum(w for hit, w in zip(hits, weights, strict=True) if hit)
            coverage = covered / weight_sum if weight_sum else 0.0
            missing = sum(1 for hit, f in zip(hits, foreign, strict=True) if f and not hit)
            score = float(total[index])
            if doc.faq is not None:
                ranked.append(
                    Ranked(
                        score / FAQ_PREFERENCE,
                        coverage,
                        "",
                        doc.faq.answer,
                        doc.faq,
                        missing,
                        label=f"faq:{faq_index}",
                    )
                )
                faq_index += 1
            elif doc.passage is not None:
                quote = self._quote(doc.passage, found)
                whole = doc.passage.kind == "bullet" and quote == doc.passage.list_quote
                ranked.append(
                    Ranked(
                        score,
                        coverage,
                        doc.passage.section,
                        quote,
                        None,
                        missing,
                        doc.passage,
                        doc.passage.list_id if whole else doc.passage.id,
                    )
                )
        # A passage that says everything the question asks beats a longer match on a part
        # (coverage squared: a short passage sharing one rare word must not win).
        ranked.sort(key=lambda r: (-r.score * r.coverage**2, -r.score))
        return found, ranked

    def section_coverage(self, found: Sequence[Concept]) -> dict[str, float]:
        """For each section, the share of the question's meaning its passages cover
        together (weighed as in `rank`): a subject the question names that the section of
        the answer never mentions, while another section does, says the answer is about
        something else."""
        weights = [self._weight(c) for c in found]
        total = sum(weights)
        if not total:
            return {}
        return {
            section: sum(w for c, w in zip(found, weights, strict=True) if c.covered_by(stems))
            / total
            for section, stems in self._sections.items()
        }

    def _quote(self, passage: Passage, found: Sequence[Concept]) -> str:
        """The bullet with its header; the whole list when only the header's words match
        the question ("quels sont les indicateurs ?")."""
        if not passage.list_quote or not passage.header:
            return passage.quote
        header_terms = frozenset(terms(passage.header) + _section_terms(passage.section))
        own = frozenset(terms(passage.text)) - header_terms
        if any(c.covered_by(own) for c in found):
            return passage.quote
        return passage.list_quote

    def unanswered_topic(self, question: str) -> str | None:
        """The listed unanswered topic the question is about, if any."""
        stems = [s for s in all_stems(question) if s not in _FILLERS]
        stops = stop_words()
        written = [(stem(w), w in stops or len(w) == 1) for w in words(question)]
        for topic in self.unanswered:
            if any(_in_order(phrase, stems) for phrase in topic.unless):
                continue
            for phrase in topic.phrases:
                if phrase in topic.adjacent:
                    # Only stop words between ("combien y a-t-il de bénéficiaires").
                    kept = [s for s, stop in written if not stop or s in phrase]
                    if _in_order(phrase, kept, 0):
                        return topic.topic
                elif _in_order(phrase, stems):
                    return topic.topic
        return None


def is_confident(best: Ranked) -> bool:
    """The threshold: the passage must carry most of the question's meaning. Full marks
    above `HIGH_COVERAGE`; between `MIN_COVERAGE` and it, only when every missing concept
    is a word the call uses elsewhere (the question stays on the call's subject; a word
    the call never uses, like "embaucher" or "locaux", signals another subject)."""
    if best.score < MIN_SCORE or best.coverage < MIN_COVERAGE:
        return False
    return best.coverage >= HIGH_COVERAGE or best.foreign_missing == 0
