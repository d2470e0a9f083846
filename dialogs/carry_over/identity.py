"""The organisation's name typed with its identity: a legal form (« IRIAE 62 asso loi
1901 ») kept for its question, an RNA number (« RNA W623001234 ») taken for its question
ahead, or said not kept when typed wrong, and dropped, said, when the legal form answered
later is one the form asks no RNA of; an RNA or SIRET number typed alone where words are
asked (« W623000123 » at the legal form) kept for its own question, never stored there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogs import kinds, parsing, rules
from dialogs.carry_over.telling import _telling_kept
from dialogs.dossier import Dossier
from dialogs.events import ERRORS, SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.text import words
from dialogs.parsing.vocabulary import vocabulary
from dialogs.plan import ruled_out_by, store
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


#: Kinds a number or address typed in other words is carried to (`split_facts`).
_IDENTIFIER_KINDS = frozenset({"siret", "rna", "email", "phone"})


def _option_after_name(
    engine: Interview, d: Dossier, question: Question, text: str
) -> tuple[str, str] | None:
    """« IRIAE 62 asso loi 1901 », « Inser'Réseau 62 (association) » at the organisation's
    name: the name, then the words that are, whole, the name of an option of a choice asked
    later (`_later_choice_named`: the legal form). The name alone is stored (the legal form
    was printed with it in every document), the words set aside for their question
    (`carry`). None otherwise."""
    tokens = text.split()
    for start in range(1, len(tokens)):  # the longest tail first
        head = " ".join(tokens[:start]).strip(" ,;:-(")
        tail = " ".join(tokens[start:]).strip(" ,;:-()")
        if re.search(r"[^\W\d_]", head) and _later_choice_named(engine, d, question, tail):
            return head, tail
    return None


def _later_choice_named(
    engine: Interview, d: Dossier, question: Question, words: str
) -> Question | None:
    """The choice asked after `question` in its section, unanswered, that `words` name
    whole (one of its options' label or other names: « asso loi 1901 »); None if none."""
    said = " ".join(parsing.fold(words).split())
    questions = engine.plan(d)
    at = next((i for i, q in enumerate(questions) if q.key == question.key), len(questions))
    for target in questions[at + 1 :]:
        if target.kind not in ("choice", "choice_or_text") or target.list is not None:
            continue
        if target.value(d) is not None or target.section != question.section:
            continue
        names = {parsing.fold(c.label) for c in target.choices}
        names |= {n for found in kinds.aliases_of(target).values() for n in found}
        if said in names:
            return target
    return None


def _legal_form_after_name(
    engine: Interview, source: Question, first: Outcome, words: str | None
) -> bool:
    """Whether `words`, split off the organisation's name, name an option of a later
    choice (`_later_choice_named`)."""
    if words is None or first.answer is None or source.content != "name" or source.list:
        return False
    return _later_choice_named(engine, first.dossier, source, words) is not None


def _option_set_aside(engine: Interview, source: Question, first: Outcome, words: str) -> Outcome:
    """The words split off the name (`_option_after_name`) kept for their own question,
    offered there (`offer_set_aside`), and said at once."""
    d = first.dossier
    target = _later_choice_named(engine, d, source, words)
    if target is None:
        return first
    d.set_aside[target.key] = words
    return _telling_kept(first, [(words, target.label.split(" (")[0])])


def _rna_ahead(engine: Interview, first: Outcome, target: Question, words: str) -> str | None:
    """« IRIAE 62, RNA W623001234 » at the name: the RNA is asked after the SIRET and the
    legal form, not next. Taken now for its question, still ahead and unanswered (shown
    there as recorded, to keep or replace), and said; the words left go on (None when
    none). Words unchanged when they hold no RNA, or its question is not ahead."""
    found = None if target.kind == "rna" else parsing.rna_apart(words)
    d = first.dossier
    ahead = next((q for q in engine.plan(d) if q.kind == "rna"), None)
    if found is None and target.kind != "rna":
        return _malformed_rna(first, ahead, words)
    if found is None or ahead is None or ahead.value(d) is not None:
        return words
    rest, number = found
    store(ahead, d, number)
    rules.derive(engine.spec, d)
    engine.forget_plan()
    first.earlier.append((ahead.key, number))
    label = ahead.label.split(" (")[0]
    typed = words if not rest else words.replace(rest, "").strip(" ,;:-")
    said = render_macro(SCREENS, "carried_over", typed=typed, label=label, value=number)
    first.messages.insert(len(first.messages) - 1, Message(said))
    return rest or None


def _malformed_rna(first: Outcome, ahead: Question | None, words: str) -> str | None:
    """« IRIAE 62 - RNA W62300123 » at the name: an RNA typed wrong (W and eight digits),
    whose question is not next (the SIRET is): said not kept, with the reason its question
    gives (« W puis 9 chiffres »), never carried to a question it does not answer nor
    dropped unsaid. The words left go on (None when none); unchanged when none is typed."""
    found = parsing.malformed_rna_apart(words)
    if found is None:
        return words
    rest, typed = found
    try:
        parsing.parse_rna(typed)
        return words  # (`malformed_rna_apart` finds only numbers refused)
    except InvalidAnswer as refused:
        reason = render_macro(ERRORS, refused.code, **refused.context)
    label = "Numéro RNA" if ahead is None else ahead.label.split(" (")[0]
    html = render_macro(
        SCREENS,
        "identifier_not_kept",
        typed=typed,
        label=label,
        reason=_lowered(reason.removeprefix("❗").strip()),
        asked=ahead is not None,
    )
    first.messages.insert(max(len(first.messages) - 1, 0), Message(html))
    return rest or None


def _lowered(sentence: str) -> str:
    """`sentence` after a colon: its first letter lowercase (« : un numéro RNA compte… »)."""
    return sentence[:1].lower() + sentence[1:]


def _alone(read: Callable[[str], str]) -> Callable[[str], str]:
    """`read`, for a text that is that e-mail address or phone number and nothing else but
    words leading to it (vocabulary `text.contact_lead_ins`, `text.phone_labels`: « mon
    mail : marie@… », « tél 03 21 … »). `parse_phone` finds a number inside an address or
    a sentence, and « Marie Dupont, directrice, m.dupont@x.fr » at the contact's name is
    that name with its details: both still answer the question."""

    def reading(text: str) -> str:
        value = read(text)
        rest = words(parsing.fold(_IDENTIFIER_TYPED.sub(" ", text)))
        text_vocabulary = vocabulary().text
        lead_ins = {*text_vocabulary.contact_lead_ins, *text_vocabulary.phone_labels}
        if any(word not in lead_ins for word in rest):
            raise InvalidAnswer("identifier_not_alone")
        return value

    return reading


#: An e-mail address or a phone number as typed (« marie@x.fr », « 03.21.21.65.50 »).
_IDENTIFIER_TYPED = re.compile(r"\S+@\S+|\+?\d[\d .\-/()]{7,}\d")

#: The organisation's numbers and contact details an answer in words may be instead (an
#: e-mail typed at the representative's title was stored as that title), and how each is
#: read.
_NUMBERS = (
    ("rna", parsing.parse_rna),
    ("siret", parsing.parse_siret),
    ("email", _alone(parsing.parse_email)),
    ("phone", _alone(parsing.parse_phone)),
)


def identifier_instead(
    engine: Interview, d: Dossier, question: Question, text: str
) -> Message | None:
    """« W623000123 », « notre RNA c'est W623000123 » at the legal form (words, or an
    option): the whole answer is an RNA or SIRET number, no answer to a question asking
    words (it was stored as the legal form, and printed so). Kept for the question asking
    it while unanswered (`set_aside`: offered there), and said; when it is answered, its
    answer said; said not kept when the form asks no such number. The message saying so;
    None when `text` is no such number alone, or the question is no words of the
    organisation's (an item of a list, a number's own kind)."""
    if question.kind not in ("text", "choice_or_text") or question.list is not None:
        return None
    for kind, read in _NUMBERS:
        try:
            number = read(text)
        except (InvalidAnswer, Clarification):
            continue
        questions = engine.plan(d)
        at = next((i for i, q in enumerate(questions) if q.key == question.key), len(questions))
        target = next((q for q in questions if q.kind == kind), None)
        given = None if target is None else target.value(d)
        if target is not None and given is None:
            d.set_aside[target.key] = number
        html = render_macro(
            SCREENS,
            "identifier_instead",
            typed=kinds.describe(target, number) if target is not None else number,
            kind=kind,
            label=question.label.split(" (")[0],
            target=None if target is None else target.label.split(" (")[0],
            value=None if given is None or target is None else kinds.describe(target, given),
            ahead=target is not None and questions.index(target) > at,
        )
        return Message(html)
    return None


def identifiers_not_asked(engine: Interview, d: Dossier, answered: Question) -> list[Message]:
    """An RNA number typed earlier (with the name: `_rna_ahead`), when the legal form
    answered now is one the form asks no RNA of (a GIP, a cooperative): dropped, never
    printed as the organisation's, and said, with the answer that dropped it. Only when the
    RNA question's own condition no longer holds, never because the plan stops short (a
    knock-out « non » at eligibility keeps it). Nothing for any other answer."""
    notes = []
    for question in ruled_out_by(engine.spec, d, answered):
        kept = d.set_aside.pop(question.key, None) if question.kind == "rna" else None
        value = question.value(d) or kept  # typed alone at the legal form: kept for it
        if question.kind != "rna" or value is None:
            continue
        store(question, d, None)
        html = render_macro(
            SCREENS,
            "identifier_dropped",
            value=value,
            label=question.label.split(" (")[0],
            answer=kinds.describe(answered, answered.value(d)),
            question=answered.label.split(" (")[0],
        )
        notes.append(Message(html))
    if notes:
        rules.derive(engine.spec, d)
        engine.forget_plan()
    return notes
