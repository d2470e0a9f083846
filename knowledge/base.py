"""The knowledge base: questions answered from the call's passages, the bank and the FAQ.

`KnowledgeBase.ask(question)` returns the smallest passage of the call that answers,
quoted verbatim with its section, or a FAQ answer of the Département's team, when it is
confident; otherwise the sentence saying that the call does not answer. It never composes
a rule.

Two readers of a question, each catching what the other misses:

* the **bank** (`bank.yaml`, plus the FAQ's questions): the question is compared with
  example questions labelled with the passage that answers them, and with each passage's
  own words, by cosine similarity over two representations: word stems (with the synonyms
  of `synonyms.yaml`, so "frais de structure" meets "charges indirectes", and the
  question's wording, "contient" or "sert à", which tells what kind of answer is wanted)
  and character n-grams (so "salraies" still meets "salaires"). A label's similarity is
  the mean of its two nearest examples'. Out-of-scope examples (the grant's amount,
  documents to attach, small talk…) form a label of their own;
* the **lexical ranker** (`knowledge.lexical`): BM25 over the call's passages with the
  share of the question's meaning each passage covers.

Both read the question spelled out first (`spelling.yaml`: "c koi", "pr", "asso", "CD62").
A passage's score is its bank similarity plus `LEXICAL_WEIGHT` times its lexical score
(relative to the best passage's); the best passage is the answer's subject (`ranking`: a
sentence that only points to a list, "les quatre orientations précédemment exposées",
gives way to the list when asked what it holds).

Never wrong first: a wrong answer misleads, a declined one offers the team. The question
is declined when it names a subject the staff listed as unanswered by the call
(`unanswered.yaml`), when its subject is in doubt (`ambiguous`: another section comes
within `SECTION_MARGIN`, or the bank's nearest examples are of another section than the
answer's), or when the confidence model says so (`knowledge.confidence`: "is this
passage's subject the question's subject", from signals of both readers, fitted on the
bank with a wrong answer costing 30 right ones). A long message declined whole is asked
again by its question alone (`question_clause`: "Bonjour, nous sommes une fédération.
Jusqu'à quand peut-on déposer ?"), answered only when confident and from the section the
whole message ranked first (or, for a question after a statement, from a section the
whole message was in doubt with). Then the grain (`_grain`): the passage
itself, or what holds it (its list, its whole section) when the question asks for the
list or a neighbour comes close: the right section's neighbour sentence would be a wrong
answer, the section holding both is a right one. A question after a statement ("jsuis
nouvelle ds la fede, l'IAE ca sert a koi ?") has its grain chosen by the question alone
when that is sure of the same section (`_stated_grain`): the statement tells who asks.

A FAQ entry is preferred to the call when it matches (its question's similarity reaches
`FAQ_MIN_SIMILARITY`, or `FAQ_LEXICAL_SIMILARITY` when the lexical ranker agrees): staff
wrote it for applicants' very question. Its answer is shown as the team's, with its date,
never as the call's text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from knowledge.bank import DEFAULT_BANK_PATH, Example, load_bank
from knowledge.cache import cache_key, cached, default_cache_dir
from knowledge.confidence import DEFAULT_MODEL_PATH, FEATURES, ConfidenceModel, load_model
from knowledge.faq import DEFAULT_FAQ_PATH, FaqEntry, load_faq
from knowledge.lexical import LexicalIndex, count_terms, is_confident, load_unanswered
from knowledge.passages import Passage, load_call
from knowledge.similarity import TfidfIndex, char_ngrams
from knowledge.text import (
    SPELLING_PATH,
    SynonymRule,
    fold,
    load_synonyms,
    question_wording,
    stop_words,
    terms,
    verb_stems,
    words,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CALL_PATH = PACKAGE_DIR.parent / "dialogs" / "calls" / "pdc-axe3-2025.source.txt"
DEFAULT_SYNONYMS_PATH = PACKAGE_DIR / "synonyms.yaml"
DEFAULT_UNANSWERED_PATH = PACKAGE_DIR / "unanswered.yaml"

FAQ_SOURCE = "Réponse de l’équipe du Département"
OUT_OF_SCOPE = "hors sujet"

# Chosen on the bank, each group left out in turn (bench/kb_calibrate.py).
WORD_SHARE = 0.8  # of the bank similarity, the rest from character n-grams
LEXICAL_WEIGHT = 0.3  # of the lexical score (relative to the best passage's) in a score
NEIGHBOURS = 60  # nearest examples looked at
EXAMPLES_PER_LABEL = 2  # a label's similarity: the mean of its nearest examples
# The bank's nearest texts that vote on the answer's section (a confidence signal).
VOTERS = 20
# Two passages of a section closer than this: quote what holds both (list or section).
GRAIN_MARGIN = 0.3
# A passage and what holds it (a bullet and its list, or a sentence and the list of its
# section) closer than this: quote what holds it. Quoting the list for a question on one of
# its bullets costs a few lines; quoting the wrong bullet misleads.
HOLDER_MARGIN = 0.4
# A sentence (or a list) and its whole section closer than this: quote the section. The
# section holds every word of the sentence, so its score follows the sentence's; it is
# compared like another sentence of the section (`GRAIN_MARGIN`). At 0.4, "Qui prend
# l'initiative des réunions de suivi ?" got both sentences of the follow-up section; on the
# bank, each group left out, 0.3 quotes 22 more answers at their sentence, none wrong.
SECTION_HOLDER_MARGIN = GRAIN_MARGIN
# The bank's nearest texts that, when all of one passage, make a question on it ask for
# that passage even when it says "quels" ("À quelles conditions le solde est-il versé ?"
# is the balance's bullet, not the list of payments).
OWN_VOTERS = 10
# Nine of those ten texts of one passage: a question that does not ask for several things
# asks what that passage says ("le bilan final il sert a quoi pr le dep ?"), even when a
# neighbour of its section comes within the grain margins (measured in cross-validation:
# eight of ten quoted a neighbour sentence for questions labelled with the whole section).
DOMINANT_VOTERS = 9
# A question that asks "quels" asks for that one passage all the same when the bank's
# nearest texts are its (`DOMINANT_VOTERS`) and no other passage of its section but what
# holds it comes within this margin ("Au cours de l'opération, quelles obligations
# d'information pèsent sur le porteur ?": one sentence states them). Not a question that
# asks two things: its second part may be another passage's that neither reader sees
# ("ce que doit comporter le bilan final, et sous quelle forme il doit être transmis ?":
# the form's sentence, 9 of 10, the list of its contents far behind).
ALONE_MARGIN = 0.4
# A question that names one bullet by a word no other passage of its section has asks what
# that bullet says when at least this many of the bank's `OWN_VOTERS` nearest texts are
# the bullet's: "dépenses" is the direct costs' word alone, but "c quoi les dépenses prises
# en compte ?" asks for the list of costs (7 of its 10 nearest).
NAMED_VOTERS = 8
# A bullet's name: its first meaningful words ("des charges directes", "des charges
# indirectes liées à l'opération"), which tell it from the other bullets of its list.
BULLET_NAME_TERMS = 2
# "en gros", "principal" ask for one sentence (`asks_gist`), but not when another sentence
# of the section comes this close: which one is the gist is a coin toss, and the section
# holding both is the answer ("jsuis nouvelle ds la fede, l'IAE ca sert a koi en gros ?":
# the network heads' sentence 0.05 ahead of the IAE's).
GIST_TIE = 0.1
# A question what a thing is for ("à quoi servira le bilan final ?") is the sentence saying
# what it "permettra" when at least this many of the bank's `OWN_VOTERS` nearest texts
# are that sentence's (`_list_grain`; `DOMINANT_VOTERS` asks nine whatever the wording).
PURPOSE_VOTERS = 7
# A whole section ranked first this close to one of its sentences, the bank's nearest
# texts nearly all that sentence's, and the question naming it by a word of its own
# (`_names_sentence`): the sentence is the answer (`_list_grain`). 0.1 until the control
# measure of 6 Dec. (fresh-2026-12d): "Le Département prévoit-il des réunions de suivi en
# cours d'opération ?" had the section 0.104 ahead; the two conditions keep it safe.
SECTION_TIE = 0.2
# A sentence's distinctive word: one no other passage of its section has, and at most
# this many passages of the whole call ("réunions", not "suivi").
RARE_TERM_PASSAGES = 2
# A bank question's nearest other question has its label 92 % of the time from 0.7 on.
FAQ_MIN_SIMILARITY = 0.7
FAQ_LEXICAL_SIMILARITY = 0.5
# A pointing sentence gives its place to the list it points to among the next passages.
POINTED_RANK = 4
# Declined whatever the confidence (`ambiguous`): another section this close to the best
# passage's score. (A hard rule on the share of the question another section covers
# declined right answers: "on peut financer un logiciel ?" meets "logiciel E partenaire";
# it is one of the model's signals instead.)
SECTION_MARGIN = 0.15
# The same, wider, when the lexical ranker's best passage is of another section than the
# answer's: the two readers disagree on the subject and the margin is thin ("La session de
# candidature commence le 15 janvier ?": the operation's dates for one, the call's for the
# other). On the bank, each group left out: 9 (threshold 0.93) to 15 (threshold 0.88) right
# answers declined for 1 wrong one, below the 30 a wrong answer costs in the calibration.
DISAGREE_MARGIN = 0.25
# The bank's nearest passage is of another section only when it is nearer than the
# answer's own by more than this: two passages this close are a tie, not a disagreement
# ("faut couvrir les 4 orientations ou on peut en choisir 1 seule ?": the orientations'
# list 0.600, the sentence that answers 0.597).
BANK_TIE = 0.01
# The bank's nearest passage of another section is no disagreement when the lexical ranker
# is sure of the answer and that passage holds at most this share of the question's subject
# words the answer holds: the bank's neighbours share the question's wording, not its
# subject ("jusqu'à quand pour envoyer le bilan ?": the application deadline's examples are
# all "jusqu'à quand…", but that passage says nothing of a report).
BANK_SUBJECT_SHARE = 0.5
# ... and only for a question of at least this many subject words: one word is too thin to
# outweigh the bank ("on intervient où ?" meets "nombre d'interventions" by one word).
SUBJECT_WORDS = 2

NOT_ANSWERED = (
    "L’appel à projets ne répond pas à cette question : je préfère ne pas vous donner "
    "une règle qui n’y figure pas. Souhaitez-vous que je transmette votre question à "
    "l’équipe du Département (Direction des Politiques d’Inclusion Durable) ? "
    "Elle vous répondra directement."
)


@dataclass(frozen=True)
class Answer:
    answer: str
    source: str
    score: float
    confident: bool
    # What answered: a passage id of the call, "faq:N", or "" when nothing did.
    label: str = ""

    @property
    def from_faq(self) -> bool:
        return self.label.startswith("faq:")


@dataclass(frozen=True)
class Signals:
    """What both readers found for a question (exposed for the benchmark and the tests)."""

    bank: dict[str, float]  # label → similarity of its nearest examples
    out_of_scope: float  # similarity of the nearest out-of-scope examples
    lexical: dict[str, float]  # label → lexical score relative to the best one
    coverage: dict[str, float]  # label → share of the question's meaning it covers
    lexical_best: str  # the lexical ranker's best label ("" when none)
    lexical_confident: bool  # the lexical ranker alone would answer with it
    unanswered: str | None  # the unanswered topic the question names, if any
    sections: dict[str, float]  # section → share of the question's meaning it covers
    # The question's own stems (not their synonyms').
    stems: frozenset[str]
    has_subject: bool  # False for a question made of the call's names or wording only
    # Meaningful words of the question, and those neither the call nor the bank uses (a
    # word never met, like "bitcoin" or "résilier", often names another subject).
    words: int = 0
    unknown: int = 0
    # Labels of the bank's nearest texts (examples and passages' own words), nearest first.
    nearest: tuple[str, ...] = ()
    # The stems of what the question's words stand for, their synonyms' included
    # ("thématiques" stands for the call's "orientations").
    meant: frozenset[str] = frozenset()

    def score(self, label: str) -> float:
        return self.bank.get(label, 0.0) + LEXICAL_WEIGHT * self.lexical.get(label, 0.0)

    def ranking(self) -> list[tuple[str, float]]:
        """Labels of the call's passages, best first."""
        labels = {x for x in (*self.bank, *self.lexical) if not x.startswith("faq:")}
        return sorted(((x, self.score(x)) for x in labels), key=lambda item: (-item[1], item[0]))


def word_features(lexical: LexicalIndex, text: str) -> list[str]:
    """Stems of the meaningful words, and for a synonym phrase the call's wording it
    stands for (so "salaires" and "frais de personnel" share a feature), and the question's
    wording ("~contient", "~quand": what kind of answer is wanted). The call's names
    ("appel à projets", "dispositif") are left out: they name no subject."""
    wording = question_wording()
    features = [f"~{w}" for w in words(text) if w in wording]
    for concept in lexical.concepts(text, verbs=False):
        if concept.generic:
            continue
        features.extend(concept.alternatives[0])
        if len(concept.alternatives) > 1:
            features.append("=" + " ".join(concept.alternatives[1]))
    return features


def passage_words(passage: Passage) -> str:
    """A passage's own words as the bank compares them, less those it only points with
    ("les quatre orientations précédemment exposées" does not state the orientations)."""
    if not passage.pointers:
        return passage.own
    return " ".join(w for w in words(passage.own) if w not in passage.pointers)


def char_features(text: str) -> list[str]:
    stops = stop_words()
    return char_ngrams([w for w in words(text) if w not in stops and len(w) > 1])


def bank_neighbours(
    passages: Sequence[Passage], examples: Sequence[Example], lexical: LexicalIndex
) -> Neighbours:
    """The passages' own words and the bank's questions, indexed."""
    texts = [passage_words(p) for p in passages] + [e.question for e in examples]
    labels = [p.id for p in passages] + [e.passage_id or OUT_OF_SCOPE for e in examples]
    return Neighbours(
        labels,
        TfidfIndex([word_features(lexical, t) for t in texts]),
        TfidfIndex([char_features(t) for t in texts]),
    )


def faq_source(entry: FaqEntry) -> str:
    """ "Réponse de l’équipe du Département (12/03/2025)"."""
    return f"{FAQ_SOURCE} ({entry.date:%d/%m/%Y})" if entry.date else FAQ_SOURCE


@dataclass(frozen=True)
class Neighbours:
    """Texts with their labels, indexed for cosine similarity on words and on characters."""

    labels: list[str]
    words: TfidfIndex
    chars: TfidfIndex

    def similarities(self, words: list[str], chars: list[str]) -> npt.NDArray[np.float64]:
        return WORD_SHARE * self.words.similarities(words) + (
            1 - WORD_SHARE
        ) * self.chars.similarities(chars)


@dataclass(frozen=True)
class Prepared:
    """What reading the bank and the synonyms yields, kept in the disk cache: the synonym
    rules, the bank's examples (checked against the call) and their index."""

    synonyms: list[SynonymRule]
    examples: list[Example]
    bank: Neighbours


@dataclass
class KnowledgeBase:
    """The call's passages, the question bank and the FAQ. Build with `KnowledgeBase.build`."""

    passages: list[Passage]
    examples: list[Example]
    faq_entries: list[FaqEntry]
    lexical: LexicalIndex
    model: ConfidenceModel
    # The passages' own words and the bank's questions (kept when only the FAQ changes).
    bank: Neighbours | None = None
    _by_id: dict[str, Passage] = field(init=False, repr=False)
    _wholes: dict[str, Passage] = field(init=False, repr=False)
    _faq: Neighbours = field(init=False, repr=False)
    # Each bullet's words that no other part of its list has, worked out on first use.
    _bullet_words: dict[str, frozenset[str]] = field(init=False, repr=False, default_factory=dict)
    _sentence_words: dict[str, frozenset[str]] = field(init=False, repr=False, default_factory=dict)
    # The passage on who may apply (`_applicants_passage`), worked out on first use.
    _applicants: list[str] = field(init=False, repr=False, default_factory=list)

    def __post_init__(self) -> None:
        self._by_id = {p.id: p for p in self.passages}
        self._wholes = {p.section: p for p in self.passages if p.kind == "section"}
        if self.bank is None:
            self.bank = bank_neighbours(self.passages, self.examples, self.lexical)
        questions = [entry.question for entry in self.faq_entries]
        self._faq = Neighbours(
            [f"faq:{index}" for index in range(len(questions))],
            TfidfIndex([self._word_features(q) for q in questions], idf=self.bank.words.idf),
            TfidfIndex([self._char_features(q) for q in questions], idf=self.bank.chars.idf),
        )

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        call_path: Path = DEFAULT_CALL_PATH,
        faq_entries: Sequence[FaqEntry] | None = None,
        *,
        bank_path: Path | None = DEFAULT_BANK_PATH,
        synonyms_path: Path = DEFAULT_SYNONYMS_PATH,
        unanswered_path: Path | None = DEFAULT_UNANSWERED_PATH,
        examples: Sequence[Example] | None = None,
        model_path: Path = DEFAULT_MODEL_PATH,
        cache_dir: Path | bool = True,
    ) -> KnowledgeBase:
        """Index the call's source text at `call_path` with its question bank and
        `faq_entries` (default: the seed FAQ in knowledge/faq.yaml; pass [] for none).
        `examples` replaces the bank file (the benchmark leaves groups out). `cache_dir`:
        where the bank's index is kept between processes (`knowledge.cache`; True: the
        default place, False: no cache)."""
        passages = load_call(call_path)
        entries = list(faq_entries) if faq_entries is not None else load_faq(DEFAULT_FAQ_PATH)
        unanswered = load_unanswered(unanswered_path) if unanswered_path else []

        def prepare() -> Prepared:
            synonyms = load_synonyms(synonyms_path)
            chosen = list(examples) if examples is not None else []
            if examples is None and bank_path is not None:
                chosen = load_bank(bank_path, passages)
            lexical = LexicalIndex(passages, entries, synonyms, unanswered)
            return Prepared(synonyms, chosen, bank_neighbours(passages, chosen, lexical))

        directory = default_cache_dir() if cache_dir is True else cache_dir or None
        if examples is None and bank_path is not None and directory is not None:
            files = (call_path, bank_path, synonyms_path, SPELLING_PATH)
            faq = "\n".join(f"{e.question}\t{e.answer}" for e in entries).encode()
            key = cache_key([*(path.read_bytes() for path in files), faq])
            prepared = cached(directory, key, prepare)
        else:
            prepared = prepare()
        lexical = LexicalIndex(passages, entries, prepared.synonyms, unanswered)
        model = load_model(model_path)
        return cls(passages, prepared.examples, entries, lexical, model, prepared.bank)

    def with_faq(self, faq_entries: Iterable[FaqEntry]) -> KnowledgeBase:
        """A new base with the same call and bank and these FAQ entries (the bank's index is
        kept; the FAQ's and the lexical one are built again: a few milliseconds)."""
        entries = list(faq_entries)
        lexical = LexicalIndex(
            passages=self.passages,
            faq_entries=entries,
            synonyms=self.lexical.synonyms,
            unanswered=self.lexical.unanswered,
        )
        return KnowledgeBase(self.passages, self.examples, entries, lexical, self.model, self.bank)

    # ------------------------------------------------------------------ features

    def _word_features(self, text: str) -> list[str]:
        return word_features(self.lexical, text)

    @staticmethod
    def _char_features(text: str) -> list[str]:
        return char_features(text)

    # ------------------------------------------------------------------ querying

    def signals(self, question: str) -> Signals:
        assert self.bank is not None, "built in __post_init__"
        found, ranked = self.lexical.rank(question)
        words, chars = self._word_features(question), self._char_features(question)
        similarity = self.bank.similarities(words, chars)
        nearest: dict[str, list[float]] = {}
        order = np.argsort(-similarity)[:NEIGHBOURS].tolist()
        for index in order:
            nearest.setdefault(self.bank.labels[index], []).append(float(similarity[index]))
        if self.faq_entries:
            faq = self._faq.similarities(words, chars)
            for label, value in zip(self._faq.labels, faq.tolist(), strict=True):
                nearest[label] = [value]
        # A label's similarity: the mean of its EXAMPLES_PER_LABEL nearest examples (one
        # close example among many far ones is weaker evidence than two); a FAQ entry's,
        # its question's.
        bank = {
            label: v[0]
            if label.startswith("faq:")
            else sum(v[:EXAMPLES_PER_LABEL]) / EXAMPLES_PER_LABEL
            for label, v in nearest.items()
        }
        out_of_scope = bank.pop(OUT_OF_SCOPE, 0.0)
        lexical: dict[str, float] = {}
        coverage: dict[str, float] = {}
        keys = [r.score * r.coverage**2 for r in ranked]
        top = max(keys, default=0.0)
        for r, key in zip(ranked, keys, strict=True):
            if top > 0:
                lexical[r.label] = max(lexical.get(r.label, 0.0), key / top)
            coverage[r.label] = max(coverage.get(r.label, 0.0), r.coverage)
        return Signals(
            bank=bank,
            out_of_scope=out_of_scope,
            lexical=lexical,
            coverage=coverage,
            lexical_best=ranked[0].label if ranked else "",
            lexical_confident=bool(ranked) and is_confident(ranked[0]),
            unanswered=self.lexical.unanswered_topic(question),
            sections=self.lexical.section_coverage(found),
            stems=frozenset(t for c in found if not c.generic for t in c.alternatives[0]),
            has_subject=any(not c.generic for c in found),
            words=sum(1 for c in found if not c.generic),
            unknown=sum(
                1
                for c in found
                if not c.generic and not (c.query_terms & self.bank.words.idf.keys())
            ),
            nearest=tuple(self.bank.labels[index] for index in order[:VOTERS]),
            meant=frozenset(t for c in found if not c.generic for t in c.query_terms),
        )

    def ranking(self, question: str, signals: Signals) -> list[tuple[str, float]]:
        """The call's passages, best first. A sentence that points back to a list ("un plan
        d'actions axé sur les quatre orientations précédemment exposées") gives way to
        that list when both come first and the question asks what the list holds
        ("quelles sont les orientations du Département pour le plan d'actions ?"): the
        list states them, the sentence only names them. The list takes the better of
        their places and the sentence leaves the ranking (it is no other subject). Not
        when the bank's nearest examples are more the sentence's than the list's (and its
        items'): the bank has learnt that such questions ask what the sentence says
        ("Sous quelle forme le Département attend-il la proposition des porteurs, et
        celle-ci doit-elle couvrir les quatre orientations ?"). A question that asks to be
        told what the list holds may name it by a synonym ("m'indiquer l'ensemble des
        thématiques d'action": "thématiques" stands for "orientations"); one that only
        asks "quels" must name it by the sentence's own word."""
        ranking = signals.ranking()
        if asks_only_one(question):
            ranking = self._one_item_only(question, ranking)
        if asks_staff_in_report(question):
            ranking = self._staff_in_report(ranking)
        if asks_what_covers(question):
            ranking = self._covered_item(question, ranking)
        if not asks_what(question):
            return ranking
        named = signals.stems | signals.meant if asks_to_be_told(question) else signals.stems
        top = [(i, self._by_id.get(label)) for i, (label, _) in enumerate(ranking[:POINTED_RANK])]
        for i, sentence in top:
            if sentence is None or not sentence.pointers:
                continue
            pointed = {t for word in sentence.pointers for t in terms(word)} & named
            for j, found in top:
                if found is not None and pointed & self._pointed_terms(sentence, found):
                    if self._bank_prefers(signals, sentence, found) and not asks_to_be_told(
                        question
                    ):
                        continue
                    first, second = min(i, j), max(i, j)
                    rest = [item for k, item in enumerate(ranking) if k not in (first, second)]
                    return [*rest[:first], (found.id, ranking[first][1]), *rest[first:]]
        return ranking

    def _one_item_only(
        self, question: str, ranking: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """A question whether one may keep to one item of a list only ("notre plan
        d'actions peut-il se concentrer uniquement sur la professionnalisation ?", "on
        peut faire que de l'intermédiation ?") asks whether the others are required: the
        sentence that requires the whole list ("un plan d'actions axé sur les quatre
        orientations précédemment exposées") answers, not the item, whose words the
        question shares. When a bullet of a list that a sentence of the call requires
        ranks among the first `POINTED_RANK`, the best ranked sentence pointing to its
        list takes the better of their places and the bullet leaves the ranking (it is
        what is asked about, no other subject); with no such sentence ranked, the bullet
        leaves it all the same: it does not answer. Other lists' bullets stay ("le bilan
        d'exécution, que des chiffres ?")."""
        for i, (label, _) in enumerate(ranking[:POINTED_RANK]):
            bullet = self._by_id.get(label)
            if bullet is None or bullet.kind != "bullet" or not bullet.list_id:
                continue
            listed = self._by_id[bullet.list_id]
            if not any(self._pointed_terms(p, listed) for p in self.passages):
                return ranking
            if self._alternative_within(question, bullet):
                return ranking
            for j, (other, score) in enumerate(ranking):
                sentence = self._by_id.get(other)
                if score > 0 and sentence is not None and self._pointed_terms(sentence, listed):
                    first, second = min(i, j), max(i, j)
                    rest = [item for k, item in enumerate(ranking) if k not in (first, second)]
                    return [*rest[:first], (sentence.id, ranking[first][1]), *rest[first:]]
            return [item for k, item in enumerate(ranking) if k != i]
        return ranking

    def _covered_item(
        self, question: str, ranking: list[tuple[str, float]]
    ) -> list[tuple[str, float]]:
        """A question what an item of a list covers ("Que recouvre l'orientation relative à
        l'intermédiation…, et quel rôle notre tête de réseau est-elle censée y jouer ?")
        asks what that item's bullet says, whatever else it names about it (the network
        heads' role drew the context's sentence on network heads first). When a bullet
        ranked among the first `POINTED_RANK` is named by words no other passage of its
        section has, and no other bullet of its list by its own (`_names_only`), it takes
        the first place with the best score, and the passages of other sections leave the
        ranking (what the item involves is no other subject)."""
        for label, _ in ranking[:POINTED_RANK]:
            bullet = self._by_id.get(label)
            if bullet is None or bullet.kind != "bullet" or not bullet.list_id:
                continue
            if not self._names_only(question, bullet):
                continue
            rest = [
                (x, v) for x, v in ranking if x != label and self.section_of(x) == bullet.section
            ]
            return [(label, ranking[0][1]), *rest]
        return ranking

    def _alternative_within(self, question: str, bullet: Passage) -> bool:
        """The other side of the question's alternative (after its last "ou") names the
        bullet by its own words too ("… porter exclusivement sur les marchés lancés par le
        Département, ou peut-il concerner également ceux des communes ?": the communes are
        the markets' bullet's): the alternative is within what the bullet covers, not
        between keeping to it and the list's other items."""
        parts = _EITHER.split(question.lower())
        if len(parts) < 2:
            return False
        other = parts[-1]
        named = set(terms(other)) | self._subjects(other).meant
        return bool(self._own_words(bullet) & named)

    def _staff_in_report(self, ranking: list[tuple[str, float]]) -> list[tuple[str, float]]:
        """A question whether the report must show the staff costs ("ds le bilan faut
        mettre les salaires des RH ?", "les salaires doivent apparaître dans le bilan ?")
        asks what the report holds, which the passage naming both the report and the
        salaries states (the final report's "bilan d'exécution … (salaires, …)"), not the
        costs the Département funds ("frais de personnel", whose words the question
        shares) nor the report's other parts (the pedagogical report's "figurer"). That
        passage, the best ranked of them or else the call's first, takes the first place;
        the other passages of its section, and those naming the staff costs without a
        report, leave the ranking (they answer another question). A call with no such
        passage keeps the ranking."""
        ranked = [label for label, _ in ranking]
        found = [
            p
            for p in sorted(
                self.passages, key=lambda p: ranked.index(p.id) if p.id in ranked else len(ranked)
            )
            if p.kind in ("sentence", "bullet") and self._names_staff(p) and self._names_report(p)
        ]
        if not found:
            return ranking
        passage = found[0]
        rest = [
            (label, score)
            for label, score in ranking
            if label != passage.id
            and self.section_of(label) != passage.section
            and not self._names_staff(self._by_id.get(label))
        ]
        return [(passage.id, ranking[0][1]), *rest]

    @staticmethod
    def _names_staff(passage: Passage | None) -> bool:
        return passage is not None and bool(set(terms(passage.text)) & _STAFF_STEMS)

    @staticmethod
    def _names_report(passage: Passage) -> bool:
        return bool(set(terms(passage.text)) & _REPORT_STEMS)

    def _bank_prefers(self, signals: Signals, sentence: Passage, target: Passage) -> bool:
        """The bank's nearest texts are more the sentence's than the list's or its items',
        and its similarity does not favour the list (its closest examples are the list's:
        "Autour de quelles orientations le plan d'actions doit-il être structuré ?")."""
        own = sum(1 for label in signals.nearest if label == sentence.id)
        listed = sum(
            1
            for label in signals.nearest
            if label == target.id or self._by_id.get(label, sentence).list_id == target.id
        )
        closer = signals.bank.get(target.id, 0.0) > signals.bank.get(sentence.id, 0.0)
        return own > listed and not closer

    def _gave_way(self, signals: Signals, ranking: Sequence[tuple[str, float]]) -> bool:
        """The lexical ranker's best passage is a sentence that gave way to the list it
        points to, now first (`ranking`): the two readers do not disagree on the subject
        ("Pourriez-vous m'indiquer l'ensemble des thématiques d'action…": the sentence of
        the "quatre orientations précédemment exposées", then the orientations' list)."""
        sentence, listed = self._by_id.get(signals.lexical_best), self._by_id[ranking[0][0]]
        return (
            sentence is not None
            and all(x != sentence.id for x, _ in ranking)
            and bool(self._pointed_terms(sentence, listed))
        )

    def _pointed_terms(self, sentence: Passage, target: Passage) -> set[str]:
        """The stems by which a sentence points to a list ("quatre", "orientations" in
        "les quatre orientations précédemment exposées" and the orientations' list)."""
        if sentence.kind != "sentence" or not sentence.pointers or target.kind != "list":
            return set()
        return {t for word in sentence.pointers for t in terms(word)} & self._list_terms(target)

    @staticmethod
    def _list_terms(passage: Passage) -> set[str]:
        """A list's lead's stems and the number of its items ("quatre")."""
        return set(terms(passage.own)) | set(count_terms(passage))

    def section_of(self, label: str) -> str:
        passage = self._by_id.get(label)
        return passage.section if passage is not None else ""

    def features(self, signals: Signals, ranking: Sequence[tuple[str, float]]) -> list[float]:
        """The confidence model's signals for the best label (`knowledge.confidence`)."""
        best, score = ranking[0]
        section = self.section_of(best)
        other = next((v for x, v in ranking[1:] if self.section_of(x) != section), 0.0)
        same = next((v for x, v in ranking[1:] if self.section_of(x) == section), 0.0)
        bank = signals.bank.get(best, 0.0)
        # The bank's nearest passage among those ranked (no FAQ entry, no sentence that
        # gave way to the list it points to).
        ranked = {x for x, _ in ranking}
        bank_best = max(
            (x for x in signals.bank if x in ranked), key=lambda x: signals.bank[x], default=""
        )
        lexical_agrees = self.section_of(signals.lexical_best) == section
        bank_agrees = (
            self.section_of(bank_best) == section
            or bank >= signals.bank.get(bank_best, 0.0) - BANK_TIE
            or (
                signals.lexical_confident
                and lexical_agrees
                and signals.words >= SUBJECT_WORDS
                and signals.coverage.get(bank_best, 0.0)
                <= BANK_SUBJECT_SHARE * signals.coverage.get(best, 0.0)
            )
        )
        votes = [self.section_of(x) == section for x in signals.nearest]
        covered = signals.sections.get(section, 0.0)
        elsewhere = max((v for x, v in signals.sections.items() if x != section), default=0.0)
        coverage = signals.coverage.get(best, 0.0)
        return [
            score,
            bank,
            signals.lexical.get(best, 0.0),
            coverage,
            score - other,
            score - same,
            signals.out_of_scope,
            bank - signals.out_of_scope,
            float(lexical_agrees),
            float(bank_agrees),
            float(signals.lexical_confident and lexical_agrees),
            signals.coverage.get(signals.lexical_best, 0.0),
            float(signals.unknown),
            signals.unknown / max(signals.words, 1),
            covered,
            max(0.0, elsewhere - covered),
            sum(votes) / max(len(votes), 1),
            math.log1p(signals.words),
            (1.0 - min(coverage, 1.0)) * (score - other),
        ]

    def holder(self, passage: Passage) -> Passage:
        """What holds a passage: a bullet's list, a sentence's (or a list's) whole section
        when the call has one, else the passage itself."""
        if passage.kind == "bullet":
            return self._by_id[passage.list_id]
        whole = self._wholes.get(passage.section)
        if passage.kind in ("sentence", "list") and whole is not None:
            return whole
        return passage

    def _bank_unanimous(self, nearest: Sequence[str], label: str) -> bool:
        """The bank's `OWN_VOTERS` nearest texts are all of this passage, but for at most
        one of another section (which says nothing of the grain within this one)."""
        if len(nearest) < OWN_VOTERS:
            return False
        section = self.section_of(label)
        voters = nearest[:OWN_VOTERS]
        others = [x for x in voters if x != label]
        return len(others) <= 1 and all(self.section_of(x) != section for x in others)

    def _bank_dominant(self, nearest: Sequence[str], label: str) -> bool:
        """At least `DOMINANT_VOTERS` of the bank's `OWN_VOTERS` nearest texts are this
        passage's, whatever the others (unlike `_bank_unanimous`, which allows one text of
        another section only)."""
        if len(nearest) < OWN_VOTERS:
            return False
        return sum(1 for x in nearest[:OWN_VOTERS] if x == label) >= DOMINANT_VOTERS

    def _grain(
        self, question: str, ranking: Sequence[tuple[str, float]], nearest: Sequence[str] = ()
    ) -> str:
        """The passage to quote: the best one, or what holds it when the question asks for
        a whole list ("quels frais sont pris en charge ?", "quels bilans rendre ?": not
        when the bank's nearest texts are all the passage's, `nearest`) or asks two
        things ("quand remettre le bilan, et que doit-il contenir ?"), when what holds it
        comes close (`HOLDER_MARGIN`: a bullet and its list, a sentence and the list of
        its section; `SECTION_HOLDER_MARGIN`: a sentence and its whole section), or when
        another passage of the section does
        (`GRAIN_MARGIN`: the call's dates, where to file and what happens after complete
        each other). The right section's neighbour sentence is a wrong answer; the section
        holding both is a right one, a few lines longer. A bullet's list holds its bullets
        only: when a sentence of the section outside the list comes close too, what holds
        both is the whole section (`_holding`)."""
        chosen = self._list_grain(question, ranking, nearest)
        return self._holding(chosen, ranking)

    def _holding(self, chosen: str, ranking: Sequence[tuple[str, float]]) -> str:
        """`chosen`, or the whole section when `chosen` is the list of the best passage (a
        bullet) and a passage of the section outside that list comes within
        `GRAIN_MARGIN` of it: "Quel est l'objet du bilan final d'exécution ?" ranks the
        bullet of the "bilan d'exécution" first, the sentence that names the "bilan final
        d'exécution" 0.15 behind; the list of the two documents holds the one, not the
        other, and quoting it answered another question."""
        best, score = ranking[0]
        passage = self._by_id[best]
        whole = self._wholes.get(passage.section)
        if passage.kind != "bullet" or chosen != passage.list_id or whole is None:
            return chosen
        outside = next(
            (
                v
                for x, v in ranking[1:]
                if self.section_of(x) == passage.section
                and x not in (whole.id, passage.list_id)
                and self._by_id[x].list_id != passage.list_id
            ),
            None,
        )
        if outside is not None and score - outside < GRAIN_MARGIN:
            return whole.id
        return chosen

    def _parts_answered_by(self, question: str, label: str) -> bool:
        """Every question of a message that asks twice by ", et" (`asks_twice`), read
        alone, is answered confidently with `label` ("Le Département prévoit-il des
        réunions de suivi, et à l'initiative de qui ?": both are the follow-up meetings'
        sentence). Not an alternative put by ", ou": "Sommes-nous libres de choisir notre
        approche, ou le Département impose-t-il un cadre ?" reads as the sentence on each
        organisation's approach either way, but the frame is the orientations that follow
        it in the section, which answers (a confident-wrong in cross-validation when ", ou"
        was let through)."""
        if _ALTERNATIVE.search(question) is not None:
            return False
        parts = [p for p in _AND.split(question) if _ASKING.search(p.lower())]
        if len(parts) < 2:
            return False
        for part in parts:
            reading = self._read_clause(part)
            if reading is None or not reading.confident:
                return False
            if self._grain(part, reading.ranking, reading.signals.nearest) != label:
                return False
        return True

    def _names_bullet(self, question: str, passage: Passage) -> bool:
        """The question names one bullet by words no other part of its list has ("Quelles
        informations financières sont attendues dans le bilan d'exécution ?": "exécution"
        is the second report's alone): "quelles" asks what that bullet holds, not the
        list."""
        if passage.kind != "bullet":
            return False
        return bool(self._own_words(passage) & set(terms(question)))

    def _sorts_between(self, question: str, passage: Passage) -> bool:
        """The question puts an alternative between two bullets of `passage`'s list, each
        named by its name (`BULLET_NAME_TERMS`) and not the other's, one of them `passage`
        ("le temps de notre comptable c du direct ou de l'indirect ?"): which of the two a
        thing falls under, which the list answers, both bullets side by side; the one
        ranked first would say what one of them is, not where the thing goes. ("les 20 %
        c sur les charges directes ou que sur le perso ?" names one bullet only: the
        staff costs are in both.)"""
        if passage.kind != "bullet":
            return False
        pairs = either_terms(question)
        if not pairs:
            return False
        names = {
            other.id: set(terms(other.own)[:BULLET_NAME_TERMS])
            for other in self.passages
            if other.kind == "bullet" and other.list_id == passage.list_id
        }
        for left, right in pairs:
            for first, second in ((left, right), (right, left)):
                if first not in names[passage.id] or second in names[passage.id]:
                    continue
                if any(
                    second in name and first not in name
                    for other, name in names.items()
                    if other != passage.id
                ):
                    return True
        return False

    def _own_words(self, bullet: Passage) -> frozenset[str]:
        """`bullet`'s words that neither its list's sentence nor its other bullets have
        (kept: working them out reads every passage, about 1.5 ms, on the answer's path)."""
        found = self._bullet_words.get(bullet.id)
        if found is None:
            others: set[str] = set(terms(self._by_id[bullet.list_id].own))
            for other in self.passages:
                if (
                    other.list_id == bullet.list_id
                    and other.kind == "bullet"
                    and other.id != bullet.id
                ):
                    others |= set(terms(other.own))
            found = frozenset(set(terms(bullet.own)) - others)
            self._bullet_words[bullet.id] = found
        return found

    def _distinctive(self, sentence: Passage) -> frozenset[str]:
        """`sentence`'s words no other passage of its section has and at most
        `RARE_TERM_PASSAGES` passages of the call have (kept, like `_own_words`)."""
        found = self._sentence_words.get(sentence.id)
        if found is None:
            counts: dict[str, int] = {}
            others: set[str] = set()
            for other in self.passages:
                if other.kind == "section":
                    continue
                words = set(terms(other.own))
                for t in words:
                    counts[t] = counts.get(t, 0) + 1
                if other.section == sentence.section and other.id != sentence.id:
                    others |= words
            found = frozenset(
                t
                for t in set(terms(sentence.own)) - others
                if counts.get(t, 0) <= RARE_TERM_PASSAGES
            )
            self._sentence_words[sentence.id] = found
        return found

    def _names_sentence(self, question: str, sentence: Passage) -> bool:
        """The question names `sentence` by a distinctive word of its own
        (`_distinctive`)."""
        return bool(self._distinctive(sentence) & set(terms(question)))

    def _names_date(self, question: str, sentence: Passage) -> bool:
        """The question names a day and month `sentence` gives ("le 14 février", "le
        14/02": the call's "14/02/2025") and no other passage of its section gives; a
        year alone, another day of the same month ("le 16 février 2025") names none."""
        asked = _dates(question)
        if not asked & _dates(sentence.own):
            return False
        return not any(
            asked & _dates(other.own)
            for other in self.passages
            if other.section == sentence.section
            and other.id != sentence.id
            and other.kind != "section"
        )

    def _list_grain(
        self, question: str, ranking: Sequence[tuple[str, float]], nearest: Sequence[str]
    ) -> str:
        """The grain within a list: the passage, its list or its section (`_grain`)."""
        best, score = ranking[0]
        passage = self._by_id[best]
        holder = self.holder(passage)
        if self._sorts_between(question, passage):
            # "jsp si le loyer c du direct ou de l'indirect ?": which bullet of the list a
            # cost falls under; the list sets both out (`_sorts_between`)
            return holder.id
        twice = asks_twice(question)
        if twice and self._parts_answered_by(question, best):
            # "Le Département prévoit-il des réunions de suivi, et à l'initiative de qui ?":
            # each question asked alone is this passage's, which answers both; what holds
            # it would add sentences neither asks about.
            return best
        several = twice or (
            asks_for_several(question)
            and not self._bank_unanimous(nearest, best)
            and not self._names_bullet(question, passage)
        )
        if (
            several
            and not twice
            and self._bank_dominant(nearest, best)
            and self._alone(ranking, passage, nearest)
        ):
            # "quelles obligations d'information pèsent sur le porteur ?": one sentence
            # states them (`ALONE_MARGIN`)
            several = False
        if (
            twice
            and passage.kind == "bullet"
            and self._bank_unanimous(nearest, best)
            and self._names_bullet(question, passage)
            and self._alone(ranking, passage, nearest)
        ):
            # "Dans quelle limite les charges indirectes peuvent-elles être retenues, et sur
            # quelle assiette ce plafond est-il calculé ?": two questions on one bullet,
            # named by its own words, the bank's nearest texts all its own and no other
            # part of its section close: the bullet answers both, its list adds nothing.
            several = False
        if passage.kind == "bullet" and several:
            return holder.id
        if passage.kind == "section" and not several and asks_main(question):
            # "en gros l'aap il sert a quoi, c koi l'objectif principal ?": the whole
            # section ranked first by a hair over the one sentence that states the main
            # thing. ("en gros" alone, when the section ranks first, asks for the section
            # in short: "c koi le but de l'aap en gros" is the objectives' section.)
            sentence = next(
                (
                    (x, v)
                    for x, v in ranking[1:]
                    if self.section_of(x) == passage.section and self._by_id[x].kind == "sentence"
                ),
                None,
            )
            if sentence is not None and score - sentence[1] < GRAIN_MARGIN:
                return sentence[0]
        if passage.kind == "section" and not several:
            # "En cours d'année, le Département prévoit-il un suivi intermédiaire, par
            # exemple sous forme de réunions ?": the whole section ranked first by a hair
            # (`SECTION_TIE`) over the sentence the bank's nearest texts nearly all are,
            # which the question names by its own word ("réunions"). ("Y a-t-il un suivi
            # en cours d'année ?" names none: the section.)
            sentence = next(
                (
                    (x, v)
                    for x, v in ranking[1:]
                    if self.section_of(x) == passage.section and self._by_id[x].kind == "sentence"
                ),
                None,
            )
            if (
                sentence is not None
                and score - sentence[1] < SECTION_TIE
                and self._bank_dominant(nearest, sentence[0])
                and self._names_sentence(question, self._by_id[sentence[0]])
            ):
                return sentence[0]
        if passage.kind == "sentence" and several and "\n· " in holder.quote:
            return holder.id
        if passage.kind in ("bullet", "sentence") and not several and asks_whether_among(question):
            # "L'élargissement du champ d'activité figure-t-il parmi les axes de travail
            # souhaités ?": whether one thing is among the list's (or the section's), which
            # the passage that names it answers; the list would answer with every other item.
            return best
        if (
            passage.kind == "bullet"
            and not several
            and not asks_for_several(question)
            and self._named_votes(nearest, best) >= NAMED_VOTERS
            and self._names_only(question, passage)
        ):
            # "à quel moment une avance est-elle versée ?": the advance's bullet alone has
            # the word, no other part of its section has one of the question's own words
            # ("Quelles dépenses peut-on inscrire au budget ?" still asks for the list).
            return best
        if (
            passage.kind == "bullet"
            and not several
            and not asks_for_several(question)
            and self._list_votes(nearest, passage) >= NAMED_VOTERS
            and self._names_only(question, passage)
            and self._unique_words(passage) & set(terms(question))
        ):
            # "nos webinaires, on doit remonter quoi comme chiffre ?": the question names
            # the bullet by its own word, one no other passage of the call has
            # ("webinaires"); the bank's nearest texts are the bullet's and its list's
            # ("on doit remonter quoi ?" asks for the list): the named bullet says what
            # is counted for that thing, the list adds every other count.
            return best
        if (
            passage.kind in ("bullet", "sentence", "list")
            and not several
            and (self._bank_unanimous(nearest, best) or self._bank_dominant(nearest, best))
        ):
            # The bank's nearest texts are all this bullet's ("Le versement du solde
            # est-il soumis à conditions ?") or this sentence's ("si on a 2 jours de retard
            # c mort ?"): the question asks what it says, not its list or section.
            return best
        if passage.kind == "list" and several and not twice:
            # "les différentes composantes du bilan final": the list states them; a
            # sentence of its section close behind is no part of what is asked
            return best
        if (
            passage.kind == "sentence"
            and not several
            and not asks_gist(question)
            and _BEYOND.search(question.lower()) is None
            and self._names_date(question, passage)
        ):
            # "Notre conseil ne validera le projet que le 14 février ; une candidature
            # déposée ce jour-là sera-t-elle recevable ?": the question names the date
            # only this sentence of its section gives; the sentences close behind (what
            # happens after the closing date) are no part of what is asked. ("déposer
            # après le 14 février" asks what follows the date: not this sentence alone.)
            return best
        if (
            passage.kind == "sentence"
            and not several
            and asks_purpose(question)
            and any(t.startswith("permet") for t in terms(passage.own))
            and sum(1 for x in nearest[:OWN_VOTERS] if x == best) >= PURPOSE_VOTERS
        ):
            # "À quoi servira le bilan final pour le Département ?": what a thing is for,
            # which the sentence saying what it "permettra" states, ranked first and most
            # of the bank's nearest texts its own; the list of the report's documents close
            # behind says what it holds, not what it is for.
            return best
        scores = dict(ranking)
        margin = HOLDER_MARGIN if passage.kind == "bullet" else SECTION_HOLDER_MARGIN
        gist = passage.kind == "sentence" and holder.kind == "section" and asks_gist(question)
        if holder.id != best and score - scores.get(holder.id, -1.0) < margin and not gist:
            return holder.id
        runner = next(
            (
                (x, v)
                for x, v in ranking[1:]
                if self.section_of(x) == passage.section and x != holder.id
            ),
            None,
        )
        if runner is None:
            return best
        gap, other = score - runner[1], self._by_id[runner[0]]
        if gist and gap < GIST_TIE:
            return holder.id
        if passage.kind == "sentence" and other.kind == "list" and gap < HOLDER_MARGIN and not gist:
            # a sentence and the list of its section: what holds both, unless the question
            # asks for the gist ("Quel est l'objet principal du bilan final ?": the sentence
            # that states it, the list of its documents 0.26 behind)
            return holder.id
        if gap < GRAIN_MARGIN and not gist:
            return holder.id
        return best

    def _alone(
        self, ranking: Sequence[tuple[str, float]], passage: Passage, nearest: Sequence[str]
    ) -> bool:
        """No passage of `passage`'s section but what holds it (its list, its whole
        section) comes within `ALONE_MARGIN` of it (`ranking[0]`), or is among the bank's
        `OWN_VOTERS` nearest texts ("quand remettre le bilan final, et ce qu'il doit
        contenir ?": one of the ten is the list of its contents)."""
        score = ranking[0][1]
        holding = {passage.id, passage.list_id, self.holder(passage).id}
        whole = self._wholes.get(passage.section)
        if whole is not None:
            holding.add(whole.id)
        if any(
            self.section_of(x) == passage.section and x not in holding for x in nearest[:OWN_VOTERS]
        ):
            return False
        return all(
            score - v >= ALONE_MARGIN
            for x, v in ranking[1:]
            if self.section_of(x) == passage.section and x not in holding
        )

    @staticmethod
    def _named_votes(nearest: Sequence[str], best: str) -> int:
        """The bank's `OWN_VOTERS` nearest texts that are `best`'s, an out-of-scope one
        counted with them: it names no other passage ("l'avance on la reçoit combien de
        jours après la signature ?" is the advance's bullet's neighbour, asking what the
        call does not say), so it says nothing against the bullet's grain."""
        return sum(1 for x in nearest[:OWN_VOTERS] if x in (best, OUT_OF_SCOPE))

    @staticmethod
    def _list_votes(nearest: Sequence[str], bullet: Passage) -> int:
        """The bank's `OWN_VOTERS` nearest texts that are `bullet`'s or its list's (an
        out-of-scope one counted with them, as in `_named_votes`)."""
        return sum(
            1 for x in nearest[:OWN_VOTERS] if x in (bullet.id, bullet.list_id, OUT_OF_SCOPE)
        )

    def _unique_words(self, bullet: Passage) -> frozenset[str]:
        """`bullet`'s words that no other passage of the call has ("webinaires")."""
        others = {
            t
            for other in self.passages
            if other.kind != "section" and other.id != bullet.id
            for t in terms(other.own)
        }
        return frozenset(set(terms(bullet.own)) - others)

    def _names_only(self, question: str, bullet: Passage) -> bool:
        """The question names `bullet` by words no other passage of its section has (its
        list's other bullets, its lead, the section's sentences: "le bilan final
        d'exécution" is a sentence's name as well as the "bilan d'exécution" bullet's),
        and names no other bullet of the list by its own words. The bullet may be named by
        a synonym ("notre juriste" is the "service juridique" of the legal interventions'
        bullet, `synonyms.yaml`); another bullet only by the question's own words (the
        synonyms' wider reach, "se rend" for the meetings, would name every bullet)."""
        asked = set(terms(question))
        meant = asked | self._subjects(question).meant
        others = {
            t
            for other in self.passages
            if other.section == bullet.section
            and other.kind in ("sentence", "list", "bullet")
            and other.id != bullet.id
            for t in terms(other.own)
        }
        if not (self._own_words(bullet) - others) & meant:
            return False
        return not any(
            self._own_words(other) & asked
            for other in self.passages
            if other.kind == "bullet" and other.list_id == bullet.list_id and other.id != bullet.id
        )

    def faq_entry(self, answer: Answer) -> FaqEntry | None:
        """The FAQ entry `answer` quotes, if it is one of this base's."""
        return self._faq_entry_of(answer.label) if answer.from_faq else None

    def _faq_entry_of(self, label: str) -> FaqEntry | None:
        """The entry labelled "faq:N": the N-th of `faq_entries`."""
        index = int(label.removeprefix("faq:"))
        return self.faq_entries[index] if 0 <= index < len(self.faq_entries) else None

    def _faq_answer(self, question: str, signals: Signals) -> Answer | None:
        """The staff's answer to the same question, if one matches: its question is close
        to this one (`FAQ_MIN_SIMILARITY`), or fairly close and the lexical ranker would
        answer with it alone, and it is about the same subject (`_other_subject`)."""
        faq = [(x, v) for x, v in signals.bank.items() if x.startswith("faq:")]
        if not faq:
            return None
        label, similarity = max(faq, key=lambda item: item[1])
        lexical = signals.lexical_best == label and signals.lexical_confident
        if similarity < FAQ_MIN_SIMILARITY and not (
            lexical and similarity >= FAQ_LEXICAL_SIMILARITY
        ):
            return None
        entry = self._faq_entry_of(label)
        if entry is None or self._other_subject(question, entry.question):
            return None
        return Answer(entry.answer, faq_source(entry), round(similarity, 3), True, label)

    def _other_subject(self, question: str, faq_question: str) -> bool:
        """The staff's question names a subject this question does not, and this question
        names one of its own instead ("le bilan intermédiaire peut être en retard ?" next to
        "Le bilan final peut-il être remis en retard ?"), or asks about the call itself
        ("quand la date de publication de l'appel ?" next to "Quelle est la date de
        publication des résultats ?"): close wording, another question. A staff answer is
        shown as the answer; given to another question it would mislead, so the call's
        passages answer instead (or nothing). Subjects are the meaningful words the lexical
        reader finds, less verbs (mostly wording: "rendre", "acheter"); a word the other
        question says with a synonym ("rapport" for "bilan") is no other subject."""
        verbs = verb_stems(question) | verb_stems(faq_question)
        mine = self._subjects(question)
        theirs = self._subjects(faq_question)
        missing = {t for t in theirs.named - mine.named - verbs if t not in mine.meant}
        extra = {t for t in mine.named - theirs.named - verbs if t not in theirs.meant}
        return bool(missing) and (bool(extra) or mine.about_call)

    def _subjects(self, text: str) -> _Subjects:
        found = self.lexical.concepts(text, verbs=False)
        return _Subjects(
            named=frozenset(t for c in found if not c.generic for t in c.weight_terms),
            meant=frozenset(
                t for c in found if not c.generic for t in (*c.query_terms, *c.weight_terms)
            ),
            about_call=any(c.generic for c in found),
        )

    def ask(self, question: str) -> Answer:
        signals = self.signals(question)
        if not signals.has_subject:
            return Answer(NOT_ANSWERED, "", 0.0, False)
        faq = self._faq_answer(question, signals)
        if faq is not None:
            return faq
        ranking = self.ranking(question, signals)
        if not ranking:
            return Answer(NOT_ANSWERED, "", 0.0, False)
        features = self.features(signals, ranking)
        probability = self.model.probability(features)
        if signals.unanswered is not None:
            return Answer(NOT_ANSWERED, "", round(probability, 3), False)
        admission = self._admission(question, ranking, probability)
        if admission is not None:
            return admission
        if probability < self.model.threshold or ambiguous(
            features, self._gave_way(signals, ranking)
        ):
            return self._ask_clause(question, ranking, signals) or Answer(
                NOT_ANSWERED, "", round(probability, 3), False
            )
        if self._report_unnamed(question, signals, features, ranking):
            return Answer(NOT_ANSWERED, "", round(probability, 3), False)
        clause = stated_question(question)
        reading = self._read_clause(clause)
        if self._asks_elsewhere(reading, ranking):
            return Answer(NOT_ANSWERED, "", round(probability, 3), False)
        chosen = self._grain(question, ranking, signals.nearest)
        if clause is not None and reading is not None and reading.confident:
            chosen = self._stated_grain(chosen, clause, reading)
        passage = self._by_id[chosen]
        return Answer(passage.quote, passage.section, round(probability, 3), True, passage.id)

    def _admission(
        self, question: str, ranking: Sequence[tuple[str, float]], probability: float
    ) -> Answer | None:
        """A message that says what the applicant is, then asks whether it may apply
        (`states_who_then_asks_admission`: "nous on est une fédé régionale avec des
        adhérents ds le 62, on rentre ds les clous pr déposer ?"), answered with the
        applicants' rule when the whole message ranks it first. The statement's words
        (fédération, régionale, adhérents, SIAE) are those of the Contexte's sentence on
        who the network heads are, and drew it within reach of the rule, or drew the
        bank's nearest examples to it, while the question's few words of admission are
        misspelt ("eligble"), read as another thing ("fondés" as funds, "déposer" as the
        filing dates) or not the call's ("dans les clous"). What the applicant says it is
        tells who asks, not what is asked: whether such an applicant may apply is the
        rule's, which the applicant reads against what it said. Only when the whole
        message ranks the rule first, or second behind a passage that the question alone
        (what follows the statement) does not rank among its first `POINTED_RANK`: that
        passage was drawn by the statement alone ("nous on est une union régionale qui
        représente ses membres au niveau régional et national, on est éligibles ?" was
        answered with the Contexte's sentence on representation). Whatever the
        confidence model says of the whole message: its words are mostly the
        statement's."""
        if not states_who_then_asks_admission(question):
            return None
        applicants = self._applicants_passage()
        if applicants is None or applicants not in [x for x, _ in ranking[:2]]:
            return None
        if ranking[0][0] != applicants:
            asked = " ".join(p for p in _STATEMENT_END.split(question.strip())[1:] if p)
            signals = self.signals(asked)
            own = [x for x, _ in self.ranking(asked, signals)[:POINTED_RANK]]
            if ranking[0][0] in own:
                return None
        passage = self._by_id[applicants]
        return Answer(passage.quote, passage.section, round(probability, 3), True, passage.id)

    def _applicants_passage(self) -> str | None:
        """The call's passage on who may apply: the lexical ranker's first for
        `ADMISSION_QUESTION` (the call's own words and the synonyms, no bank, no FAQ)."""
        if not self._applicants:
            _, ranked = self.lexical.rank(ADMISSION_QUESTION)
            first = next((r.label for r in ranked if not r.is_faq), "")
            self._applicants.append(first if first in self._by_id else "")
        return self._applicants[0] or None

    def _stated_grain(self, chosen: str, clause: str, reading: _ClauseReading) -> str:
        """The grain of a question after a statement (`stated_question`), asked alone and
        confident in the same section as the whole message: the statement tells who asks
        ("jsuis nouvelle ds la fede, l'IAE ca sert a koi en gros ?": "fede" drew the
        network heads' sentence), the question what is asked. The whole message's grain
        stays when the question's holds it (the statement named the one item asked about:
        "nous formons nos encadrants, quelle orientation est concernée ?")."""
        own = self._grain(clause, reading.ranking, reading.signals.nearest)
        if own == chosen or self._holds(own, chosen):
            return chosen
        return own

    def _report_unnamed(
        self,
        question: str,
        signals: Signals,
        features: Sequence[float],
        ranking: Sequence[tuple[str, float]],
    ) -> bool:
        """The bank answers from a report's section ("Bilan final") against the lexical
        ranker, which is sure of its own (`lexical_confident`), for a question that names
        no word of that section's title: the bank's
        neighbours share the question's framing, not its subject ("Sous quelle forme la
        candidature doit-elle être transmise : version papier, courriel ou plateforme ?"
        met "Sous quelle forme le bilan final doit-il être transmis : …", while it asks
        about the application, a word of the lexical ranker's passage). Declined: the two
        readers disagree on what is handed in. ("comité de suivi prévu ?" names the
        follow-up's "suivi".)"""
        if features[_LEXICAL_AGREES] or not signals.lexical_confident:
            return False
        title = self.section_of(ranking[0][0]).split(" › ")[-1]
        asked = set(terms(question))
        if _REPORT.search(title.lower()) is None or set(terms(title)) & asked:
            return False
        # ... and the question names a word of the lexical ranker's passage that the
        # bank's has not ("candidature"): the subject it reads is named
        theirs = set(terms(self._by_id[signals.lexical_best].text))
        return bool(asked & theirs - set(terms(self._by_id[ranking[0][0]].text)))

    def _holds(self, outer: str, inner: str) -> bool:
        """`outer` is the list or the whole section holding `inner`."""
        found, held = self._by_id[outer], self._by_id[inner]
        if found.kind == "list":
            return held.list_id == found.id and held.id != found.id
        return found.kind == "section" and found.section == held.section and found.id != held.id

    def _asks_elsewhere(
        self, reading: _ClauseReading | None, ranking: Sequence[tuple[str, float]]
    ) -> bool:
        """A statement, then a whole question that asks something else ("Si la convention
        prend fin le 31 décembre 2025, jusqu'à quelle date le bilan final peut-il être
        remis ?"): the statement's words (a date of the call, the convention's end) may
        pull the whole message to their own passage while its question, asked alone, is
        confidently of another section. Two subjects, and the whole message sure of the
        statement's: declined, neither part answered alone, since the statement may hold
        the subject the question points back to ("on monte un logiciel commun, ce type
        d'action s'inscrit-il dans ce qu'attend le Département ?"). A message that is not
        sure of itself is another case (`_ask_clause`: its question alone may be
        answered when the message was in doubt with that question's section). `reading`:
        the stated question's (`stated_question`), read alone."""
        return (
            reading is not None
            and self.section_of(reading.ranking[0][0]) != self.section_of(ranking[0][0])
            and reading.confident
        )

    def _ask_clause(
        self, question: str, ranking: Sequence[tuple[str, float]], signals: Signals
    ) -> Answer | None:
        """A long question declined whole, asked again by its question alone ("Bonjour, nous
        accompagnons surtout des allocataires du RSA. Ces publics sont-ils visés ?"): the
        context around it dilutes every similarity). Answered only when its question
        alone is confident and from the section the whole message ranked first: the
        context may hold the subject ("… un logiciel commun. Ce type d'action s'inscrit-il
        dans ce qu'attend le Département ?" is about the orientations, not about what the
        Département expects in general). A question after a statement and a comma, which
        points back to nothing (`stated_question`), may also be answered from a section
        the whole message was in doubt with (`_in_doubt`): "convention finie le 31/12, on
        a jusqu'a qd pr rendre le bilan ?" ranked the convention's dates just before the
        final report, whose deadline the question alone is sure of. The same when the
        statement is a sentence of its own ("notre convention se termine le 31 décembre.
        Jusqu'à quand pour envoyer le bilan ?"): its question is the stated one."""
        clause = question_clause(question)
        stated = clause is None or clause == stated_question(question)
        if clause is not None and self._earlier_question_declined(question, clause):
            return None
        # "Sous quelle forme … notre proposition : une action isolée, ou un ensemble
        # d'actions … ?": the question before the colon, the options after it
        clause = question_before_options(question) or clause or stated_question(question)
        if clause is None:
            # "le bilan faut le rendre pr qd, si la convention finit fin decembre": the
            # question before its condition, which is a statement put after it
            clause = conditioned_question(question)
        if clause is None:
            # "le bilan final c pr qd ? la conv finit le 31/12": the question, then a
            # statement of its own after the question mark
            clause = question_before_statement(question)
        reading = self._read_clause(clause)
        if reading is None or not reading.confident:
            # "…, pourriez-vous nous indiquer la date limite de remise du bilan final ainsi
            # que son mode de transmission ?": the question before a second part that
            # carries it on ("son mode de transmission"); the whole message's own when it
            # has no other, then from the section the message ranked first only
            stated = stated and clause is not None
            clause, reading = self._first_part(clause or question)
        if clause is None or reading is None or not reading.confident:
            return None
        section = self.section_of(reading.ranking[0][0])
        if section != self.section_of(ranking[0][0]) and not (
            stated and self._in_doubt(section, ranking, signals)
        ):
            return None
        if (
            not self.features(signals, ranking)[_BANK_AGREES]
            and not self._in_doubt(section, ranking, signals, bank_only=True)
            and not asks_named_thing(clause)
        ):
            # The whole message's bank read another subject than its lexical ranker, and
            # the clause sides with the lexical one: the statement left out may hold the
            # subject ("Notre fédération intervient sur le littoral ; des actions menées
            # dans le bassin minier seraient-elles couvertes ?": the place where one acts,
            # which the bank read, while the clause alone reads the objectives' "Renouveau
            # du bassin minier"). The two readers disagreed; the clause does not settle it,
            # unless the clause names the thing it asks for ("sur quelle période
            # l'opération doit-elle être réalisée ?", `asks_named_thing`): its subject is
            # its own, and a statement of who asks ("En tant que comptable, je prépare le
            # budget prévisionnel :") drew the bank to examples that open the same way.
            return None
        passage = self._by_id[self._grain(clause, reading.ranking, reading.signals.nearest)]
        probability = round(reading.probability, 3)
        return Answer(passage.quote, passage.section, probability, True, passage.id)

    def _first_part(self, clause: str) -> tuple[str | None, _ClauseReading | None]:
        """The question before a second part joined by ", et", ", ou" or "ainsi que"
        (`joined_parts`), read alone, when the second part only carries the first on: it
        names no subject of the call's, or it points back to the first ("ainsi que son
        mode de transmission", `_CARRIES_ON`) and is no confident question of another
        passage, nor a topic the call does not treat. A second part with a subject of its
        own ("… ainsi que la grille de notation", "quand remettre le bilan final, et ce
        qu'il doit contenir ?") makes two questions, which the first part's passage does
        not answer: (None, None), as when there is no second part."""
        parts = joined_parts(clause)
        if parts is None:
            return None, None
        first, second = parts
        reading = self._read_clause(first)
        if reading is None or not reading.confident:
            return None, None
        signals = self.signals(second)
        if signals.has_subject:
            if signals.unanswered is not None or not _CARRIES_ON.search(second.lower()):
                return None, None
            other = self._read(second, signals)
            if (
                other is not None
                and other.confident
                and self._grain(second, other.ranking, other.signals.nearest)
                != self._grain(first, reading.ranking, reading.signals.nearest)
            ):
                return None, None
        return first, reading

    def _earlier_question_declined(self, question: str, clause: str) -> bool:
        """A question before `clause`, with a subject of the call's, that is declined read
        alone ("la subv max c cb ? ya un plafond ?"): the clause follows it up, and
        answering the clause alone would answer another question than the message's."""
        parts = clauses(question)
        for part in parts[: parts.index(clause)]:
            if not part.endswith("?"):
                continue
            signals = self.signals(part)
            if signals.unanswered is not None:
                return True
            reading = self._read(part, signals)
            if (
                reading is not None
                and not reading.confident
                and not self._asked_again(signals, clause)
            ):
                return True
        return False

    def _asked_again(self, signals: Signals, clause: str) -> bool:
        """An earlier question the bank reads as the passage `clause` is confidently
        answered by: the same question asked twice ("nos actions de janvier elles
        comptent ? l'operation commence qd ?": the lexical ranker reads the call's dates in
        "ferme en fevrier", the bank the operation's period, which the follow-up asks)."""
        reading = self._read_clause(clause)
        if reading is None or not reading.confident or not signals.nearest:
            return False
        return signals.nearest[0] == reading.ranking[0][0]

    def _in_doubt(
        self,
        section: str,
        ranking: Sequence[tuple[str, float]],
        signals: Signals,
        bank_only: bool = False,
    ) -> bool:
        """The whole message's best passage of `section` comes within `SECTION_MARGIN` of its
        best one, or is the bank's nearest passage among those ranked (the bank read the
        message as of that section, the lexical ranker as of its first): the message was
        in doubt between that section and its first. `bank_only`: the bank's reading
        alone."""
        best = ranking[0][1]
        if not bank_only and any(
            best - v < SECTION_MARGIN for x, v in ranking if self.section_of(x) == section
        ):
            return True
        ranked = {x for x, _ in ranking}
        near = [(v, x) for x, v in signals.bank.items() if x in ranked]
        return bool(near) and self.section_of(max(near)[1]) == section

    def _read_clause(self, clause: str | None) -> _ClauseReading | None:
        """A part of a question read on its own: its ranking and confidence, when it has a
        subject of the call's (None when it has none, or a topic the call does not treat)."""
        if clause is None:
            return None
        return self._read(clause, self.signals(clause))

    def _read(self, clause: str, signals: Signals) -> _ClauseReading | None:
        """`_read_clause` with the clause's signals already computed."""
        if not signals.has_subject or signals.unanswered is not None:
            return None
        found = self.ranking(clause, signals)
        if not found:
            return None
        features = self.features(signals, found)
        probability = self.model.probability(features)
        confident = probability >= self.model.threshold and not ambiguous(
            features, self._gave_way(signals, found)
        )
        return _ClauseReading(signals, found, probability, confident)


@dataclass(frozen=True)
class _Subjects:
    """What a question is about, for comparing a question with a FAQ entry's: the stems of
    its meaningful words as written (`named`), those and their synonyms' (`meant`: two
    wordings of one thing may meet different synonym phrases), and whether it names the
    call itself ("l'appel", "l'AAP", "le dispositif": a generic concept)."""

    named: frozenset[str]
    meant: frozenset[str]
    about_call: bool


@dataclass(frozen=True)
class _ClauseReading:
    signals: Signals
    ranking: Sequence[tuple[str, float]]
    probability: float
    confident: bool


_MARGIN = FEATURES.index("margin_section")
_BANK_AGREES = FEATURES.index("bank_agrees")
_LEXICAL_AGREES = FEATURES.index("lexical_agrees")


def ambiguous(features: Sequence[float], gave_way: bool = False) -> bool:
    """Declined whatever the confidence model says: the best passage of another section
    comes within `SECTION_MARGIN` (two subjects too close to choose between), or the
    bank's nearest examples are of another section than the answer's (the two readers
    disagree on the subject: "le Département paie quoi ?" is what it funds for the bank,
    how it pays for the lexical ranker), or the lexical ranker's best passage is of
    another section and the margin is under `DISAGREE_MARGIN` (unless that best passage
    is a sentence that gave way to the list it points to, `gave_way`)."""
    if features[_MARGIN] < SECTION_MARGIN or not features[_BANK_AGREES]:
        return True
    disagree = not features[_LEXICAL_AGREES] and not gave_way
    return disagree and features[_MARGIN] < DISAGREE_MARGIN


# "Quels…", "quelles…", "lesquels": the question asks for every item of a list.
_SEVERAL = frozenset({"quels", "quelles", "lesquels", "lesquelles", "liste"})
# "… c'est quoi ?", "quel est…": the question asks what something is.
_WHAT = _SEVERAL | {"quoi", "quel", "quelle", "lequel", "laquelle"}


# Where a question's sentences and clauses end ("Bonjour, nous sommes une fédération. Nos
# adhérents sont à Lens : le dispositif est-il ouvert ?").
# A smiley ends a sentence too ("nouvelle au reseau ;) c koi l'IAE… ?": the statement
# before it tells who asks).
_CLAUSE_END = re.compile(
    r"(?<=[.!?;:])\s+|(?<=\s[;:][()DpP])\s+|(?<=\s[;:]-[()DpP])\s+|(?<=\^\^)\s+"
)
CLAUSE_MIN_WORDS = 3


def clauses(question: str) -> list[str]:
    """The sentences and clauses of a question, split after ". ! ? ; :"."""
    return [p.strip() for p in _CLAUSE_END.split(question.strip()) if p.strip()]


def question_clause(question: str) -> str | None:
    """The part of a question of several sentences or clauses that asks: the last one
    ending with "?" (or the last one), when it has at least `CLAUSE_MIN_WORDS` words and
    something else came before it; else None."""
    parts = clauses(question)
    if len(parts) < 2:
        return None
    asking = [p for p in parts if p.endswith("?")]
    clause = asking[-1] if asking else parts[-1]
    if clause == parts[0] or len(words(clause)) < CLAUSE_MIN_WORDS:
        return None
    return clause


# Where a statement ends and the question after it begins ("la convention se termine le
# 31 décembre 2025, le bilan final c pour quand ?").
_STATEMENT_END = re.compile(r"(?<=[,.!;:])\s+")


# A clause that points back to what precedes it: a pronoun subject inverted first
# ("…, peuvent-ils constituer un axe ?", "…, sont-ils éligibles ?") or a demonstrative
# ("…, ce type d'action s'inscrit-il… ?", "…, le cd attend koi de nous là-dessus ?").
_POINTS_BACK = re.compile(
    r"^\W*\w+-(?:t-)?(?:il|elle|ils|elles)\b|\b(?:ce|cet|cette|ces|cela|ça|celui|celle|ceux|"
    r"celles|dessus)\b"
)


# "ce dispositif", "cet appel à projets": the call itself, named, not the statement
# pointed back to ("Afin d'établir notre budget, nous souhaiterions connaître les charges
# auxquelles le Département participe dans le cadre de ce dispositif.").
_NAMES_CALL = re.compile(
    r"\b(?:ce|cet)\s+(?:dispositif|appel(?:\s+[àa]\s+projets?)?|aap|programme)\b"
)


def _points_back(clause: str) -> bool:
    """The clause points back to what precedes it (`_POINTS_BACK`), the call named aside."""
    folded = _NAMES_CALL.sub(" ", clause.lower().replace("est-ce", ""))
    return _POINTS_BACK.search(folded) is not None


# A message that opens on its subject ("S'agissant de l'accompagnement face à la commande
# publique, quelles actions… ?", "Concernant le bilan, …"): what comes first names what the
# question is about, it states nothing.
_TOPIC_FIRST = re.compile(
    r"^\W*(?:s['’]agissant|concernant|en\s+ce\s+qui\s+concerne|pour\s+ce\s+qui\s+"
    r"(?:est|concerne)|quant\s+(?:à|a|au|aux)\b|au\s+sujet\s+d|à\s+propos\s+d|"
    r"a\s+propos\s+d|relativement\s+(?:à|a|au|aux)\b|côté\b|cote\b)"
)


def stated_question(question: str) -> str | None:
    """The question that follows a statement: the last clause, when it asks by itself (an
    interrogative word or an inverted subject: "c'est finançable ?" does not), without
    pointing back to the statement (`_POINTS_BACK`), has at least `CLAUSE_MIN_WORDS`
    words, and nothing before it asks; else None. A message that opens on its subject
    (`_TOPIC_FIRST`: "S'agissant de…, quelles… ?") has no statement: None."""
    parts = [p.strip() for p in _STATEMENT_END.split(question.strip()) if p.strip()]
    if len(parts) < 2 or _TOPIC_FIRST.search(question.lower()):
        return None
    clause, before = parts[-1], " ".join(parts[:-1])
    if len(words(clause)) < CLAUSE_MIN_WORDS or not asks(clause):
        return None
    if _points_back(clause):
        return None
    if "?" in before or asks(before):
        return None
    return clause


# ", si la convention finit fin décembre", ", s'il s'agit d'un ACI": a condition after the
# question ("si oui", "si c'est le cas" carry a question on, `_FOLLOW_UP`).
_CONDITION_AFTER = re.compile(r",\s*(?:si|s['’]il|s['’]ils)\s+(?!oui\b|c['’]est\s+le\s+cas\b)")


def conditioned_question(question: str) -> str | None:
    """The question before a condition that follows it ("le bilan faut le rendre pr qd, si
    la convention finit fin decembre" → "le bilan faut le rendre pr qd"): when it asks by
    itself and has at least `CLAUSE_MIN_WORDS` words; else None. The condition's words (a
    date, the convention's end) may pull the whole message to their own passage."""
    parts = _CONDITION_AFTER.split(question.strip(), maxsplit=1)
    if len(parts) < 2:
        return None
    clause = parts[0].strip()
    if len(words(clause)) < CLAUSE_MIN_WORDS or not asks(clause):
        return None
    return clause


def question_before_statement(question: str) -> str | None:
    """The question before a statement put after its question mark ("c koi les 4
    orientations deja ? jpeux pas ouvrir le pdf sur mon tel" → "c koi les 4 orientations
    deja ?"; "le bilan final c pr qd ? la conv finit le 31/12"): the first clause, when it
    ends with "?", asks by itself without pointing back to anything (`_POINTS_BACK`), has
    at least `CLAUSE_MIN_WORDS` words, and nothing after it asks; else None. What follows
    tells why or in which case the applicant asks (a phone, the convention's end), and
    its words (a PDF, a date) may pull the whole message to their own passage."""
    parts = clauses(question)
    if len(parts) < 2 or not parts[0].endswith("?"):
        return None
    clause, after = parts[0], " ".join(parts[1:])
    if len(words(clause)) < CLAUSE_MIN_WORDS or not asks(clause):
        return None
    if _points_back(clause):
        return None
    if "?" in after or asks(after):
        return None
    return clause


def question_before_options(question: str) -> str | None:
    """The question before a colon, when what follows only offers options ("Sous quelle
    forme le Département souhaite-t-il recevoir notre proposition : une action isolée, ou
    un ensemble d'actions couvrant les différents axes ?" → "Sous quelle forme le
    Département souhaite-t-il recevoir notre proposition ?"): the last clause names
    choices ("… ou …") without asking by itself, the clause before it ends with the colon,
    asks by itself and has at least `CLAUSE_MIN_WORDS` words; else None. The options'
    words (axes, actions) may pull the message to their own passages, and the options
    alone ask nothing: `question_clause` would read them as the question."""
    parts = clauses(question)
    if len(parts) < 2:
        return None
    head, options = parts[-2], parts[-1]
    if not head.endswith(":") or asks(options) or _EITHER.search(options) is None:
        return None
    head = head[:-1].strip()
    if len(words(head)) < CLAUSE_MIN_WORDS or not asks(head):
        return None
    return f"{head} ?"


# A message that opens by saying what the applicant is ("nous on est une fédé régionale…",
# "on est une fede de 40 siae…", "Notre fédération est une tête de réseau…", "notre
# association porte un ACI…"), matched on `words` (accents dropped, spelling mended).
_STATES_WHO = re.compile(
    r"^(?:bonjour |salut |hello )?(?:nous on est|nous sommes|on est|je suis|"
    r"nous representons|je represente|(?:notre|mon|ma) (?:federation|structure|association|"
    r"asso|reseau|tete de reseau|organisme|union|groupement|entreprise|siae|aci)"
    r"(?: \w+){0,2}? (?:est|porte|regroupe|federe|compte|represente|anime))\b"
)
# Whether the applicant itself may apply, "on", "nous" or "je" its subject ("on est
# éligible ?", "sommes-nous fondés à candidater", "on rentre ds les clous pr déposer ?",
# "pouvons-nous déposer ?", "on a le droit de postuler ?"), matched on `words`. Not what
# else is eligible ("nos bénéficiaires du RSA sont éligibles ?": the public).
_ADMITTED = (
    r"(?:eligibles?|eligbles?|elegibles?|fondes? a|en droit de|habilites? a|autorises? a|"
    r"admis a|dans les clous)"
)
_APPLY = r"(?:deposer|repondre|presenter|candidater|postuler)"
_ASKS_ADMISSION = re.compile(
    rf"\b(?:on|nous|je|j) (?:est|sommes|suis|serait|serions|serais|rentre|rentrons|entre|"
    rf"entrons)(?: bien| donc| vraiment| quand meme)? {_ADMITTED}"
    rf"|\b(?:est|sommes|suis|serait|serions) (?:on|nous|je)(?: bien| donc| vraiment)? {_ADMITTED}"
    rf"|\b(?:on|nous|je) (?:peut|peux|pouvons|pourrait|pourrions|pourrons|puis)"
    rf"(?: bien| donc| quand meme)? {_APPLY}"
    rf"|\b(?:peut|pouvons|pourrait|pourrions|puis) (?:on|nous|je)(?: bien| donc)? {_APPLY}"
    rf"|\b(?:on|nous|je|j) (?:a|avons|ai)(?: bien)? le droit de {_APPLY}"
)
# When the applicant may apply ("on peut déposer le 20/02 ?", "… encore ?", "jusqu'à
# quand ?"): the call's dates, not who may apply.
_WHEN_APPLYING = re.compile(
    r"\d|\b(?:quand|jusqu|date|dates|delai|delais|avant|apres|encore|tard|heure|jour|"
    r"semaine|mois|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)\b"
)


# The question the call answers with its rule on who may apply (`_applicants_passage`).
ADMISSION_QUESTION = "Qui peut candidater ?"


def states_who_then_asks_admission(question: str) -> bool:
    """The message opens by saying what the applicant is (`_STATES_WHO`), then, after a
    comma or a sentence's end, asks whether it may apply (`_ASKS_ADMISSION`), not when
    (`_WHEN_APPLYING`)."""
    parts = [p for p in _STATEMENT_END.split(question.strip()) if p.strip()]
    if len(parts) < 2 or "?" not in question:
        return False
    if _STATES_WHO.search(" ".join(words(parts[0]))) is None:
        return False
    asked = " ".join(words(" ".join(parts[1:])))
    return _ASKS_ADMISSION.search(asked) is not None and _WHEN_APPLYING.search(asked) is None


# "À quelles conditions…", "sous quelles conditions…": the condition on one thing (the
# balance's "sous réserve du respect des conditions"), not every item of a list.
_CONDITIONS = re.compile(r"\b(?:à|a|sous)\s+quelles?\s+conditions?\b")


# "c quoi les 2 bilans à rendre ?", "les quatre orientations": things counted, so several.
# A length of time ("dans les 2 mois", "les 3 premières années") counts no things.
_COUNTED = re.compile(
    r"\b(?:les|des|ces|vos|nos)\s+(?:deux|2|trois|3|quatre|4|cinq|5)\s+"
    r"(?!(?:premi[eè]re?s?\s+|derni[eè]re?s?\s+)?(?:jours?|mois|ans?|ann[ée]es?|semaines?|heures?)\b)"
    r"[a-zà-ÿ]"
)


# "les différentes composantes du bilan", "les divers éléments": several things asked for;
# so does "la composition du bilan final" (its parts).
_VARIOUS = re.compile(
    r"\b(?:les|des|ses|leurs)\s+(?:diff[ée]rente?s|divers|diverses)\b|\bcomposition\s+d"
)


def asks_for_several(question: str) -> bool:
    asked = _CONDITIONS.sub(" ", question.lower())
    return (
        any(word in _SEVERAL for word in words(asked))
        or _COUNTED.search(asked) is not None
        or _VARIOUS.search(asked) is not None
    )


# "… figure-t-il parmi les orientations ?", "… fait-il partie des indicateurs ?", "…
# compté parmi les bénéficiaires ?", "… pourrait-il figurer dans le budget ?": whether one
# thing is among several (`_list_grain`).
_AMONG = re.compile(
    r"\bparmi\b|\b(?:fait|font|faire|fera|feront|fasse|fassent)(?:-t)?(?:-il|-elle|-ils|-elles)?"
    r"\s+partie\s+d|\bfigur\w*(?:-t)?(?:-il|-elle|-ils|-elles)?\s+(?:dans|au|aux)\b"
)
# "on peut mettre son salaire ds le budget ?", "l'inscrire au budget": whether that cost is
# among those the Département funds; not with "quels" ("Quelles dépenses peut-on inscrire
# dans le budget de l'opération ?" asks for the list, even though "dépenses" is a word of
# one bullet only).
_IN_BUDGET = re.compile(
    r"\b(?:mettre|mettons|mets|met|inscrire|inscrit|int[ée]grer)\b[^?,;.]{0,40}?"
    r"\b(?:dans|ds|au)\s+(?:le\s+|notre\s+|son\s+)?budget\b"
)


_EITHER = re.compile(r"\bou\b", re.IGNORECASE)


def either_terms(question: str) -> list[tuple[str, str]]:
    """For each "ou" of the question, the last meaningful stem before it and the first
    after it ("c du direct ou de l'indirect ?": ("direct", "indirect")); the words either
    side of an alternative."""
    pairs = []
    for found in _EITHER.finditer(question):
        before = terms(question[: found.start()])
        after = terms(question[found.end() :])
        if before and after:
            pairs.append((before[-1], after[0]))
    return pairs


def asks_whether_among(question: str) -> bool:
    folded = question.lower()
    if _AMONG.search(folded) is not None:
        return True
    return _IN_BUDGET.search(folded) is not None and not asks_for_several(question)


# "ds le bilan faut mettre les salaires des RH ?", "les frais de personnel doivent-ils figurer
# dans le bilan financier ?": what a report must show, asked of the staff costs
# (`KnowledgeBase._staff_in_report`); the report, the staff costs and a verb of showing (or
# "dans le bilan") in one sentence of the message. Not the budget ("mettre le salaire dans
# le budget" asks whether it is funded).
_REPORT = re.compile(r"\b(?:bilans?|rapports?|comptes?[- ]rendus?)\b")
_STAFF = re.compile(
    r"\b(?:salaires?|salari(?:al|ale|aux|ales)|masse\s+salariale|rh|ressources\s+humaines"
    r"|r[ée]mun[ée]rations?|fiches?\s+de\s+paie|bulletins?\s+de\s+(?:paie|salaire)"
    r"|(?:frais|charges|co[uû]ts?|d[ée]penses)\s+(?:de|du)\s+personnel)\b"
)
_SHOWN = re.compile(
    r"\b(?:mettre|mets|met|mettons|mettez|indiquer|indique|indiquons|appara[iî]tre|appara[iî]t"
    r"|apparaissent|figurer|figure|figurent|mentionner|mentionne|mentionnons|inclure|inclus"
    r"|int[ée]grer|int[ée]gre|d[ée]tailler|renseigner|reporter|pr[ée]senter|contenir|contient"
    r"|comporter|comporte|reprendre)\b"
    r"|\b(?:dans|ds|au)\s+(?:le\s+|notre\s+|son\s+|leur\s+)?bilans?\b"
)
_BUDGET = re.compile(r"\bbudg[ée]t\w*")
_SENTENCE_END = re.compile(r"[?!.;]+")
_REPORT_STEMS = frozenset(terms("bilan"))
_STAFF_STEMS = frozenset(terms("salaires personnel"))


def asks_staff_in_report(question: str) -> bool:
    for part in _SENTENCE_END.split(question.lower()):
        if (
            _REPORT.search(part) is not None
            and _STAFF.search(part) is not None
            and _SHOWN.search(part) is not None
            and _BUDGET.search(part) is None
        ):
            return True
    return False


# "se concentrer uniquement sur la professionnalisation", "faire que de l'intermédiation",
# "ne porter que sur", "une seule orientation", "se limiter à": one item only
# (`KnowledgeBase._one_item_only`). Not "que" before any article ("est-ce que
# l'accompagnement…", "avant que le marché soit lancé").
_ONLY_ONE = re.compile(
    r"\b(?:uniquement|seulement|exclusivement)\s+(?:sur|autour|dans|ds|à|a)\b"
    r"|\b(?:que|qu['’])\s*(?:sur\b|de\s+l['’]|de\s+la\b|du\b|des\b|une?\s+seule?\b)"
    r"|\bune\s+seule\b|\bun\s+seul\b"
    r"|\bse\s+(?:concentrer|limiter|focaliser|cantonner|consacrer)\b"
)


# "Que recouvre l'orientation…", "ce que couvre…", "qu'englobe…", "qu'entend-on par…",
# "que comprend…", "ça veut dire quoi…": what a thing of the call covers or means.
_COVERS = re.compile(
    r"\b(?:que|qu['’]|quoi)\s*(?:recouvr|couvr|compren|comprend|englob|inclu|entend|"
    r"signifi|d[ée]sign|regroup|contien|contient|consist)\w*"
    r"|\bveu(?:t|lent)\s+dire\b|\bconsiste\w*\s+(?:en|à|a)\b"
)


def asks_what_covers(question: str) -> bool:
    """The question asks what a thing of the call covers or means (`_COVERS`)."""
    return bool(_COVERS.search(question.lower()))


def asks_only_one(question: str) -> bool:
    return _ONLY_ONE.search(question.lower()) is not None


# "l'objectif premier", "le but premier", "le premier objectif": the main aim, as
# "principal" (not "le premier versement": an aim's words only; singular, as `_MAIN`).
_FIRST_AIM = (
    r"(?:objectif|but|finalit[ée]|mission|enjeu)\s+premi(?:er|[èe]re)|"
    r"premi(?:er|[èe]re)\s+(?:objectif|but|finalit[ée]|mission|enjeu)"
)
# "L'objectif principal…", "le but en deux mots", "en gros", "en bref": the question asks for
# the gist, the one sentence that states it, not its whole section (`_list_grain`).
_GIST = re.compile(
    r"\b(?:principale?s?|en\s+(?:deux|2|un|1|quelques|trois|3)\s+mots?|en\s+gros|en\s+bref|"
    r"en\s+r[ée]sum[ée]|en\s+une\s+phrase|en\s+1\s+phrase|" + _FIRST_AIM + r")\b"
)


_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("janvier", "janv"),
            ("février", "fevrier", "fév", "fev"),
            ("mars",),
            ("avril", "avr"),
            ("mai",),
            ("juin",),
            ("juillet", "juil"),
            ("août", "aout"),
            ("septembre", "sept"),
            ("octobre", "oct"),
            ("novembre", "nov"),
            ("décembre", "decembre", "déc", "dec"),
        ),
        start=1,
    )
    for name in names
}
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b")
_WORDED_DATE = re.compile(r"\b(\d{1,2})(?:er)?\s+([a-zéèû]+)\b")


def _dates(text: str) -> set[tuple[int, int]]:
    """The (day, month) pairs a text names: "14/02/2025", "le 14/02", "le 14 février"."""
    lowered = text.lower()
    found = {(int(d), int(m)) for d, m in _NUMERIC_DATE.findall(lowered)}
    found |= {(int(d), _MONTHS[m]) for d, m in _WORDED_DATE.findall(lowered) if m in _MONTHS}
    return found


# "après le 14 février", "passé cette date", "au-delà du…", "en retard": what follows a date
# named, not the date.
_BEYOND = re.compile(
    r"\b(?:apr[èe]s|pass[ée]|au[- ]del[àa]|d[ée]pass\w*|retard|hors\s+d[ée]lai|plus\s+tard)\b"
)
# "à quoi sert…", "à quoi servira…", "ça sert à koi": what a thing is for.
_PURPOSE_WHAT = re.compile(r"\b[àa]\s+(?:quoi|koi)\b")
_PURPOSE_SERVE = re.compile(r"\bser(?:t|vent|vira|viront|vir|virait|viraient)\b")


def asks_purpose(question: str) -> bool:
    lowered = question.lower()
    return _PURPOSE_WHAT.search(lowered) is not None and _PURPOSE_SERVE.search(lowered) is not None


def asks_gist(question: str) -> bool:
    return _GIST.search(question.lower()) is not None


# "l'objectif principal", "la mission principale": one thing, the main one, among several
# (singular: "les objectifs principaux" are several).
_MAIN = re.compile(r"\b(?:principale?|" + _FIRST_AIM + r")\b")


def asks_main(question: str) -> bool:
    return _MAIN.search(question.lower()) is not None


# ", et quand…", ", ou le Département impose-t-il…": a second question in the same message.
_SECOND = re.compile(r",\s*(?:et|ou)\s+")
# ", et…" and ", ou…" apart (`_parts_answered_by`).
_AND = re.compile(r",\s*et\s+", re.IGNORECASE)
_ALTERNATIVE = re.compile(r",\s*ou\s+", re.IGNORECASE)
# ", et…", ", ou…", "… ainsi que…": where a question's second part begins (`joined_parts`).
_JOINED = re.compile(r",\s*(?:et|ou)\s+|\s+ainsi\s+que\s+", re.IGNORECASE)


# A second part that points back to the first: a possessive ("son mode de transmission"),
# a relative or demonstrative pronoun ("lesquels sont cités", "celles-ci").
_CARRIES_ON = re.compile(
    r"\b(?:son|sa|ses|leur|leurs|lequel|laquelle|lesquels|lesquelles|celui|celle|ceux|"
    r"celles|ce|cet|cette|ces|cela|ça)\b"
)


def joined_parts(question: str) -> tuple[str, str] | None:
    """A question and the second part joined to it ("la date limite de remise du bilan
    final ainsi que son mode de transmission ?" → "la date limite de remise du bilan
    final", "son mode de transmission ?"), when the first asks by itself and has at least
    `CLAUSE_MIN_WORDS` words; else None."""
    parts = _JOINED.split(question.strip(), maxsplit=1)
    if len(parts) < 2:
        return None
    first, second = parts[0].strip(), parts[1].strip()
    if len(words(first)) < CLAUSE_MIN_WORDS or not asks(first) or not words(second):
        return None
    return first, second


# "Nous souhaiterions savoir…", "je voudrais connaître…": a question asked as a request.
_REQUEST = re.compile(r"\b(?:souhait|voudr|aimer)\w*\s+(?:savoir|conna[iî]tre)\b")
_ASKING = re.compile(
    r"-(?:t-)?(?:il|elle|ils|elles|on|nous|vous)\b|\b(?:quel|quelle|quels|quelles|quand|"
    r"comment|combien|où|pourquoi|qui|quoi|est-ce|sous quelle)\b"
)


# "Que recouvre l'orientation… ?", "Qu'englobe… ?": an opening "que" before a verb whose
# subject, a noun, follows it (no "-t-il" to tell it asks). Not a statement's opening
# "que" before a subject ("Que le Département finance…", "Qu'il s'agisse…").
_OPENING_QUE = re.compile(
    r"^\W*(?:que\s+|qu['’]\s*)(?!(?:il|ils|elle|elles|on|ce|cela|ça|je|j['’]|tu|nous|vous|"
    r"le|la|les|l['’]|un|une|des|du|notre|nos|votre|vos|leur|leurs|mon|ma|mes|son|sa|ses|"
    r"cette|ces|cet|si|en)\b)\w"
)


def asks(text: str) -> bool:
    """The text asks something: an interrogative word or an inverted subject, as written or
    spelled out ("on a jusqu'a qd pr rendre le bilan ?": "qd" is "quand"), a request to
    know ("nous souhaiterions connaître la date limite…"), or an opening "que" before its
    verb ("Que recouvre l'orientation relative à l'intermédiation… ?", `_OPENING_QUE`)."""
    return bool(_OPENING_QUE.search(text.lower())) or any(
        _ASKING.search(form) or _REQUEST.search(form)
        for form in (text.lower(), " ".join(words(text)))
    )


# ", et si oui, quand ?", ", et le cas échéant…": the same question carried on (when the
# answer is yes, what then), not a second subject (`asks_twice`). So is a bare ", et sous
# quelle forme ?" ending the message ("Notre veille juridique pourrait-elle être valorisée
# au titre des indicateurs, et sous quelle forme ?"): the form of the same thing, with no
# subject of its own.
_FOLLOW_UP = re.compile(
    r"\W*(?:si\s+oui|si\s+c['’]est\s+le\s+cas|si\s+tel\s+est\s+le\s+cas|le\s+cas\s+"
    r"[ée]ch[ée]ant|dans\s+l['’]affirmative|dans\s+ce\s+cas)\b"
    r"|\W*(?:sous\s+quelles?\s+formes?|de\s+quelle\s+(?:mani[èe]re|fa[çc]on))\W*$"
)


# ", et ce qu'il doit contenir ?": an indirect question of its own after ", et".
_INDIRECT = re.compile(r"^\W*ce\s+qu(?:e\b|['’])")


def asks_twice(question: str) -> bool:
    """Two questions joined by ", et" or ", ou", each asking ("Sommes-nous libres de
    choisir notre approche, ou le Département impose-t-il un cadre ?"; "… quand remettre
    le bilan final, et ce qu'il doit contenir ?"): the answer is what holds both, not one
    sentence."""
    parts = _SECOND.split(question.lower())
    return (
        len(parts) >= 2
        and sum(
            1
            for i, part in enumerate(parts)
            if (_ASKING.search(part) or (i > 0 and _INDIRECT.match(part)))
            and not _FOLLOW_UP.match(part)
        )
        >= 2
    )


# "Pourriez-vous m'indiquer les orientations…", "rappelez-moi la liste des…", "m'indiquer
# l'ensemble des axes…", "citer toutes les…": a request for what something is, without a
# "quel" (`asks_what`).
_TELL_VERBS = (
    r"(?:indiquer|indiquez|rappeler|rappelez|preciser|precisez|communiquer|communiquez|"
    r"lister|listez|enumerer|enumerez|citer|citez|detailler|detaillez)"
)
_TELL = re.compile(
    rf"\b{_TELL_VERBS}(?:-moi|-nous)?\s+"
    r"(?:les|la\s+liste|l['’]ensemble\s+des|la\s+totalite\s+des|tou(?:te)?s\s+les)\b"
)
# "… et pourriez-vous nous les rappeler ?", "pouvez-vous les citer ?", "rappelez-les-nous":
# the same request, the things asked for named before it by a pronoun. The pronoun of the
# one who is to tell is required: "faut-il les détailler dans le dossier ?" asks what the
# applicant must do, not to be told.
_TELL_THEM = re.compile(
    rf"\b(?:me|m'|nous)\s*les\s+{_TELL_VERBS}\b"
    rf"|\b(?:pourriez|pouvez|pourrais|pouvais|voudriez|voulez)-vous\s+les\s+{_TELL_VERBS}\b"
    rf"|\b{_TELL_VERBS}-les\b"
)


def asks_what(question: str) -> bool:
    if asks_to_be_told(question):
        return True
    return any(word in _WHAT for word in words(question))


# "quelle période", "quels documents": an interrogative before the noun it asks about.
_NAMED_THING = re.compile(
    r"\b(?:quel|quelle|quels|quelles)\s+(?!est\b|sont\b|serait\b|seraient\b)[a-zàâçéèêëîïôûù]{4,}"
)


def asks_named_thing(question: str) -> bool:
    """The question names the thing it asks for ("sur quelle période…", "quels documents
    joindre ?"), not only whether something holds ("… seraient-elles couvertes ?")."""
    return _NAMED_THING.search(question.lower()) is not None


def asks_to_be_told(question: str) -> bool:
    """The question asks to be told what something holds ("pourriez-vous me rappeler les
    orientations", "… et pourriez-vous nous les rappeler ?"): a request, not a "quels"."""
    folded = fold(question)  # accents dropped: "pourriez-vous nous les preciser ?"
    return _TELL.search(folded) is not None or _TELL_THEM.search(folded) is not None
