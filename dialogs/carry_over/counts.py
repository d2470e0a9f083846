"""Counts typed with more than their figure: the share after « dont » (« 80 dont 15
ase »), another count a later question names (« 250 brsa et 60 jeunes »), the SIAE types
named after a count (« 15 SIAE ACI et EI »), a count typed with a yes at eligibility (« on a
10 adhérentes »), and a breakdown no question holds (« 45 SIAE, 30 ACI et 15 EI »), said
not recorded.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from dialogs import kinds, parsing, rules
from dialogs.carry_over.telling import _telling_kept
from dialogs.events import SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer, NeedsConfirmation
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.question import Question
from dialogs.spec import CallSpec
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


@cache
def _share() -> re.Pattern[str]:
    """The share typed after a count, with a figure (« 80 dont 15 ase » → « 15 ase »)."""
    return re.compile(rf"{typed_pattern(vocabulary().numbers.share)}[\s:]*(\S*\d.*)$")


def share_in_the_territory(
    spec: CallSpec, question: Question, text: str
) -> NeedsConfirmation | None:
    """« 5 dont 3 dans le 62 » at a count of the call's territory (« Combien de SIAE
    adhérentes … dans le Pas-de-Calais ? »): the share in the territory is the answer the
    question asks, asked back with the whole (« 3, sur 5 en tout ? »), never 5 kept and
    « 3 dans le 62 » offered as a territory. None elsewhere."""
    territory = spec.identity.territory
    if question.kind != "int" or parsing.fold(territory) not in parsing.fold(question.label):
        return None
    share = _share().search(text)
    if share is None or not rules.names_the_territory(spec, share.group(1)):
        return None
    whole = re.findall(r"\d+", text[: share.start()])
    part = re.match(r"\d+", share.group(1))
    if len(whole) != 1 or part is None or int(part.group()) > int(whole[0]):
        return None
    return NeedsConfirmation(
        "count_share_in_territory",
        int(part.group()),
        whole=int(whole[0]),
        typed=text.strip(),
        territory=territory,
    )


def _types_named(target: Question, words: str) -> bool:
    """Whether `words` carried from a count name options of `target`, a list of choices
    (« ACI et EI » for the SIAE types of an action)."""
    if target.kind != "multi":
        return False
    try:
        return bool(parsing.parse_multi(words, target.choices, aliases=kinds.aliases_of(target)))
    except (InvalidAnswer, Clarification):
        return False


def _counted(target: Question, words: str) -> bool:
    """Whether words carried from a count answer `target`: a share of full time said with
    its unit (« 2,5 etp »; « 12 salariés sur 3 sites » gave 3 ETP), or a count they name
    (« 60 jeunes »)."""
    if target.kind == "fte":
        units = typed_pattern(vocabulary().fte.units)
        return re.match(rf"\s*\d+(?:[.,]\d+)?\s*(?:{units})", words) is not None
    return target.kind == "int" and _names(target, words)


def _names(question: Question, words: str) -> bool:
    """Whether the word after the figure of `words` names what `question` counts (« 60
    jeunes » for « Jeunes de moins de 26 ans », « une dizaine de bénévoles » for « Nombre de
    bénévoles »); never a measure of time or place (« sur 2 ans » is no count of the
    « … de 26 ans »: vocabulary `numbers.not_counted`)."""
    vocab = vocabulary()
    stop, measures = vocab.choices.stopwords, set(vocab.numbers.not_counted)
    folded = parsing.fold(words)
    nouns = "|".join(re.escape(n) for n in vocab.numbers.approximate_nouns)
    figure = re.search(rf"\d+(?:[.,]\d+)?|\b(?:{nouns})s?\b", folded)  # « une dizaine de … »
    after = folded[figure.end() :] if figure is not None else folded
    said = [w for w in re.findall(r"[a-z]+", after) if w not in stop][:1]
    if not said or said[0] in measures or len(said[0]) < 3:
        return False
    label = {w[:5] for w in re.findall(r"[a-z]{3,}", parsing.fold(question.label)) if w not in stop}
    return said[0][:5] in label


#: A count and the word after it (« 10 adhérentes », « 45 SIAE adhérentes »).
_COUNT_CLAUSE = re.compile(r"(?<![\d,.])\d+(?![\d,.]\d)(?:\s+(?i:siae))?\s+[^\W\d_]{3,}")


def _count_set_aside(engine: Interview, source: Question, first: Outcome, words: str) -> Outcome:
    """« ah si pardon, on a 10 adhérentes dans le 62 » at an eligibility question: the yes
    taken, the count (« 10 adhérentes ») kept for the later question that counts what it
    names (« Nombre de SIAE adhérentes »), offered there (`offer_set_aside`), and said at
    once; a count no later question asks is said not kept, never dropped unsaid."""
    d = first.dossier
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == source.key), len(questions))
    later = [q for q in questions[index + 1 :] if q.kind == "int" and q.list is None]
    kept: list[tuple[str, str]] = []
    lost: list[str] = []
    for clause in (m.group() for m in _COUNT_CLAUSE.finditer(words)):
        target = next((q for q in later if _names(q, clause)), None)
        if target is None:
            lost.append(clause)
        elif target.value(d) is None and target.key not in d.set_aside:
            d.set_aside[target.key] = clause
            kept.append((clause, target.label))
    if not kept and not lost:
        return first
    return _telling_kept(first, kept, lost=", ".join(lost))


def breakdown_unkept(question: Question, text: str, outcome: Outcome) -> Outcome:
    """`outcome` (a count taken) with a note when `text` broke the count down (« 45 SIAE, 30
    ACI et 15 EI »: `parsing.breakdown`) and the breakdown went nowhere (no question of the
    form holds it): the count kept said, and the breakdown said not recorded — it was
    dropped unsaid. Nothing when the words were carried or offered elsewhere."""
    if question.kind != "int" or outcome.answer is None or outcome.answer[0] != question.key:
        return outcome
    said = parsing.breakdown(text)
    d = outcome.dossier
    if said is None or any(said in m.html for m in outcome.messages):
        return outcome
    if any(said in kept for kept in d.set_aside.values()):
        return outcome
    value = question.value(d)
    if value is None:
        return outcome
    html = render_macro(
        SCREENS,
        "breakdown_not_kept",
        typed=said,
        label=question.label.split(" (")[0],
        value=kinds.describe(question, value),
    )
    outcome.messages.insert(max(len(outcome.messages) - 1, 0), Message(html))
    return outcome
