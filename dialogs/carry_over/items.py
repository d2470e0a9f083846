"""Several items of a list, or several facts of one item, in one message: « la région
et l'état » at a funder's type opens one funder for each; « la région 15000 et le FSE 8000
(demandé) » takes the first type, the amount and status set aside for their questions and
the other funders for « add another? ». Also the name or the amount of an item typed with
the amount or status asked next (« DDETS 62, 20 000€ demandé »).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from dialogs import kinds, parsing, rules
from dialogs.carry_over.clauses import _parted
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message, Outcome, jsonable
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.plan import find_question, item_of, store
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


@cache
def _joins() -> re.Pattern[str]:
    """What joins the names of several options typed in one message (« la région et l'état »)."""
    return re.compile(rf"\s*(?:{typed_pattern(vocabulary().choices.joins)})\s*")


def each_named(
    engine: Interview, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
) -> Outcome | None:
    """« la région et l'état » typed at a funder's type: the first taken, one more funder
    opened for each other (`_more_items`); None unless the words name several options."""
    named = None if question.value(d) is not None else _options_named(engine, question, text)
    if named is None:  # (an answer changed names one option: no item added behind it)
        return None
    value = kinds.parse_answer(question, named[0], engine.spec, {})
    engine.check(d, question, value)
    accepted = engine.accept(original, d, question, value, today)
    return _more_items(engine, accepted, question, named[1:])


def _options_named(engine: Interview, target: Question, words: str) -> list[str] | None:
    """« la région et l'état » at the type of a list item's first field: the words naming
    each of the options named, in order; None unless they name two options or more, each
    part one of them (« la caf et la cpam » is one option: one funder)."""
    info = target.list
    if target.kind != "choice" or info is None or info.first_field != target.path_name:
        return None
    parts = [p.strip() for p in _joins().split(words) if p.strip()]
    # names, never numbers (« 2,5 » is no second option)
    if len(parts) < 2 or not all(re.search(r"[^\W\d_]{2}", p) for p in parts):
        return None
    try:
        kinds.parse_answer(target, words, engine.spec, {})
        return None  # the whole words name one option
    except (Clarification, InvalidAnswer):
        pass
    values = []
    for part in parts:
        try:
            values.append(kinds.parse_answer(target, part, engine.spec, {}))
        except (Clarification, InvalidAnswer):
            return None
    return parts if len(set(map(str, values))) == len(values) else None


def _more_items(engine: Interview, then: Outcome, target: Question, names: list[str]) -> Outcome:
    """One more item of `target`'s list for each of `names`, its first field answered with
    it and said so; the interview goes on with the item being entered, the new ones after
    it (their first field asked again, answered, to keep or change)."""
    info = target.list
    assert info is not None and then.answer is not None
    d = then.dossier
    said = []
    for name in names:
        engine.forget_plan()
        more = find_question(engine.plan(d), f"{info.key}.more")
        added = None if more is None else store(more, d, True)
        engine.forget_plan()
        field = None if added is None else find_question(engine.plan(d), added)
        if field is None:
            break
        value = kinds.parse_answer(field, name, engine.spec, {})
        store(field, d, value)
        then.earlier.append((field.key, jsonable(value)))
        text = render_macro(
            SCREENS,
            "carried_item",
            typed=name,
            group=field.group,
            value=kinds.describe(field, value),
        )
        said.append(Message(text))
    rules.derive(engine.spec, d)
    engine.forget_plan()
    then.messages[-1:-1] = said
    return then


def _item_amount_after(question: Question, following: Question) -> bool:
    """Whether `question` names a list item (a funder, a resource) and its amount is asked
    next: a figure typed with the name is the amount (« DDETS 62, 20 000€ demandé »)."""
    return (
        question.kind == "text"
        and question.list is not None
        and following.kind == "money"
        and item_of(following) == item_of(question)
    )


def _item_status_after(question: Question, following: Question) -> bool:
    """Whether `question` is a list item's amount and a choice of the same item follows
    (a funder's status: « 20 000€ demandé »)."""
    return (
        question.kind == "money"
        and question.list is not None
        and following.kind == "choice"
        and item_of(following) == item_of(question)
    )


#: An amount typed after a name: with its unit (« 20 000€ », « 15k », « 8000 euros »), or
#: grouped in thousands (« 20 000 »), never a département's or a year's figure (« DDETS 62 »,
#: « contrat de ville 2025 »).
_NAMED_AMOUNT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[  .]\d{3})+(?:,\d{1,2})?(?:\s*(?:k€?|€|euros?))?"
    r"|\d+(?:[.,]\d+)?\s*(?:k€?|€|euros?))(?![^\W_])",
    re.IGNORECASE,
)


def _name_then_amount(text: str) -> tuple[str, str] | None:
    """« DDETS 62, 20 000€ demandé »: the name (« DDETS 62 »), then the amount and what
    follows it (« 20 000€ demandé », for the amount then the status). None unless a name
    comes before an amount."""
    found = _NAMED_AMOUNT.search(text)
    if found is None:
        return None
    return _parted(text[: found.start()], text[found.start() :])


def _amount_then_status(
    engine: Interview, following: Question, text: str
) -> tuple[str, str] | None:
    """« 20 000€ demandé » at a funder's amount: the amount, then the words naming one of
    the status's options for sure (« demandé », « obtenu »), carried there. None when the
    words after the amount name none (they stay the amount's, refused or asked back)."""
    found = _NAMED_AMOUNT.match(text.strip()) or re.match(r"\s*\d[\d  .,]*", text)
    if found is None:
        return None
    rest = text.strip()[found.end() :].strip(" ,;:-()")
    if not re.search(r"[^\W\d_]", rest):
        return None
    try:
        kinds.parse_answer(following, rest, engine.spec, {})
    except (Clarification, InvalidAnswer):
        return None
    return text.strip()[: found.end()].strip(), rest


@dataclass(frozen=True)
class ItemFacts:
    """What one message says of a list item and of the items after it (« la région 15000 et
    le FSE 8000 (demandé) » at a funder's type): the words for the question asked (`head`,
    None when they name none of its options), the words set aside for the item's later
    questions (key → words, in the item's order), and the other items' words (`others`),
    set aside for « add another? »."""

    head: str | None
    set_aside: dict[str, str]
    others: str | None


#: A figure typed as an amount (« 15000 », « 12 000€ », « 2,5k », « 8 000 euros »).
_AMOUNT = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[  .]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d+)?)"
    r"(?:\s*(?:k€?|€|euros?))?(?![^\W_])",
    re.IGNORECASE,
)


#: An option's code typed first (« 62 déplacements 2500 »): never a figure's first digits.
_LEADING_CODE = re.compile(r"^\s*\d{1,3}\s+(?=[^\W\d_])")


_LETTERS = re.compile(r"[^\W\d_]{2}")


def item_facts(engine: Interview, d: Dossier, target: Question, words: str) -> ItemFacts | None:
    """« la région 15000 et le FSE 8000 (demandé) », « prestation 12 000€ et déplacements
    2500 », « 62 déplacements 2500 » at the first question of a list item (a choice): the
    facts of several questions and items in one message. The engine carries one answer at a
    time (`carry`), so the rest is set aside (`Dossier.set_aside`), each part offered at its
    own question (yes or no), the other items' words at « add another? »: never taken
    unasked, never lost. None when the words hold no figure (`_options_named` reads names)
    or say nothing but a figure (« oui 10000 »: said not taken, `carried_unused`)."""
    info = target.list
    item = item_of(target)
    if (
        target.kind != "choice"
        or info is None
        or item is None
        or info.first_field != target.path_name
        or not re.search(r"\d", words)
        or not _LETTERS.search(words)
    ):
        return None
    if _names_cleanly(engine, target, words):
        return None  # an option's whole label (« 62 – Autres services extérieurs (…) »)
    fields = [q for q in engine.plan(d) if item_of(q) == item and q.key != target.key]
    segments = _item_segments(engine, target, fields, words)
    first, others = segments[0], segments[1:]
    code = _LEADING_CODE.match(first)
    head: str | None = None
    # an option's own code (« 62 – Autres services extérieurs »), never a button's number
    coded = code is not None and any(
        c.label.startswith(f"{code.group().strip()} ") for c in target.choices
    )
    if code is not None and coded and _names_cleanly(engine, target, code.group().strip()):
        head, first = code.group().strip(), first[code.end() :]
    set_aside: dict[str, str] = {}
    money = next((q for q in fields if q.kind == "money" and q.value(d) is None), None)
    # the longest figure is the amount (« 2 la région 15000 »: 15000)
    figures = list(_AMOUNT.finditer(first)) if money is not None else []
    amount = max(figures, key=lambda f: len(re.sub(r"\D", "", f.group())), default=None)
    if money is not None and amount is not None:
        set_aside[money.key] = amount.group().strip()
        first = f"{first[: amount.start()]} {first[amount.end() :]}"
    for q in fields:  # a status in brackets or after the amount (« (demandé) », « obtenu »)
        if q.kind != "choice" or q.value(d) is not None:
            continue
        for said in [*re.findall(r"\(([^()]*)\)", first), *first.split()[-2:]]:
            if _LETTERS.search(said) and _names_cleanly(engine, q, said.strip(" ,;:()")):
                set_aside[q.key] = said.strip(" ,;:()")
                first = first.replace(f"({said})", " ").replace(said, " ", 1)
                break
    rest = " ".join(first.split()).strip(" ,;:-–()")
    if rest and _LETTERS.search(rest):
        # the option's words, never a figure (« du bénévolat env 200h »: « du bénévolat
        # env »): carried, they are read again (`carry`), a figure never twice
        name = " ".join(w for w in rest.split() if not re.search(r"\d", w))
        if head is None and _LETTERS.search(name) and _names_at_all(engine, target, name):
            head = name
        text_field = next((q for q in fields if q.kind == "text" and q.value(d) is None), None)
        if text_field is not None and not _option_name(target, rest):  # « prestation … »
            named = re.sub(r"^(?:(?:le|la|les|du|des|un|une)\s+|l['’]\s*)", "", rest, flags=re.I)
            set_aside = {text_field.key: named, **set_aside}
    if not set_aside and not others:
        return None
    if head is None and not set_aside and others:
        return None
    return ItemFacts(head, set_aside, " et ".join(others) or None)


def _item_segments(
    engine: Interview, target: Question, fields: list[Question], words: str
) -> list[str]:
    """`words` cut where another item begins (« … et le FSE 8000 »): at a join followed by
    words naming one of `target`'s options, never inside a figure (« 12 000,50 »), before a
    status (« , obtenu ») or a detail of the same item (« du bénévolat, env 200h »)."""
    parts = re.split(f"({_joins().pattern})", words)
    segments = [parts[0]]
    for join, part in zip(parts[1::2], parts[2::2], strict=True):
        status = any(q.kind == "choice" and _names_cleanly(engine, q, part) for q in fields)
        name = " ".join(_AMOUNT.sub(" ", re.sub(r"\([^()]*\)", " ", part)).split())
        named = bool(_LETTERS.search(name)) and _names_at_all(engine, target, name)
        if named and not status and _LETTERS.search(segments[-1]):
            segments.append(part)
        else:
            segments[-1] += join + part
    return [s.strip(" ,;") for s in segments if s.strip(" ,;")]


def _option_name(question: Question, words: str) -> bool:
    """Whether `words` are only an option's label (« la région »), no more than the type
    they give: never offered as the item's own name or label (« déplacements », another
    name of « 62 – Autres services extérieurs », is a fine label)."""
    stop = vocabulary().choices.stopwords

    def said(text: str) -> list[str]:
        return [w for w in re.findall(r"[a-z0-9+]+", parsing.fold(text)) if w not in stop]

    typed = [w for w in said(words) if not w.isdigit()]  # « 2 la région »: a stray figure
    names = [n for c in question.choices for n in (c.label, c.label.split(" (")[0])]
    short = [re.sub(r"^\d+\s*[–-]\s*", "", n) for n in names]  # « 62 – Autres … »
    return any(typed == said(n) for n in [*names, *short])


def _names_cleanly(engine: Interview, question: Question, words: str) -> bool:
    """Whether `words` name one option of `question` for sure (never asked back)."""
    try:
        kinds.parse_answer(question, words, engine.spec, {})
    except (Clarification, InvalidAnswer):
        return False
    return True


def _names_at_all(engine: Interview, question: Question, words: str) -> bool:
    """Whether `words` may answer `question`, if only asked back (« déplacements » → 62 ?)."""
    try:
        kinds.parse_answer(question, words, engine.spec, {})
    except Clarification:
        return True
    except InvalidAnswer:
        return False
    return True


def set_facts_aside(engine: Interview, d: Dossier, target: Question, facts: ItemFacts) -> Message:
    """`facts` set aside in `d`, each for its question, said in one line (what is kept for
    which question, and for the next item)."""
    info = target.list
    assert info is not None
    plan = engine.plan(d)
    kept = []
    for key, said in facts.set_aside.items():
        d.set_aside[key] = said
        question = find_question(plan, key)
        kept.append((said, question.label if question else key))
    more = find_question(plan, f"{info.key}.more")
    if facts.others is not None and more is not None:
        d.set_aside[more.key] = facts.others
    html = render_macro(
        SCREENS,
        "item_facts_kept",
        kept=kept,
        others=facts.others if more is not None else None,
        more_label=more.label if more is not None else "",
        lost=facts.others if more is None else None,
    )
    return Message(html)
