"""Whose cost an amount is, for a post below full time: a cost typed ahead of the cost
question (with the ETP, or at the cost mode: « 55k chargé »), the amount that may be the
full time's or already the post's share (asked back once, both totals said), and the
post's ETP named with the amount (« 38k pour mon 0,8 »), never read as a second amount.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.carry_over.clauses import _FIGURE
from dialogs.carry_over.reading import _following, carried_words
from dialogs.dossier import AskingBack, Dossier
from dialogs.events import SCREENS, Button, Message, Outcome, Text
from dialogs.parsing import Ambiguous, Clarification, InvalidAnswer
from dialogs.parsing.fte import allocation_key_fte
from dialogs.parsing.numbers import exempt_said
from dialogs.parsing.vocabulary import has_phrase, typed_pattern, vocabulary
from dialogs.plan import item_of, plan_questions, store
from dialogs.question import Question
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview


#: The id prefix of a button picking one of the values asked back (`asking_back.choose`).
CANDIDATE = "_c"


def _full_time_asked(
    engine: Interview, d: Dossier, target: Question, words: str, months: int | None
) -> Message | None:
    """« 3,2k par mois chargé » typed with the cost mode, for a post at 0,7 ETP: the cost
    question (« … du poste à temps plein ? ») was never shown, so the amount may be the full
    time's or already the post's share of it (`offer_full_time`). None when the words say
    which (« 38k pour le poste », « temps plein »: taken as said, `full_time_of_share`), the
    ETP is 1 or unknown, or the amount is unclear (asked back as any answer: « brut ? »,
    then this question, `AskingBack.full_time_unsaid`)."""
    if not _whose_cost_unsaid(engine, d, target, words):
        return None
    try:
        amount = kinds.stored(target, kinds.parse_answer(target, words, engine.spec, {}))
        engine.check(d, target, amount)
    except (Clarification, InvalidAnswer):
        return None
    if not isinstance(amount, Decimal):
        return None
    return offer_full_time(engine, d, target, amount, words, months)


def offer_full_time(
    engine: Interview,
    d: Dossier,
    target: Question,
    amount: Decimal,
    words: str,
    months: int | None,
) -> Message | None:
    """Whether `amount`, typed for a post below full time where the cost question was never
    shown, is the full time's cost or already the post's share: asked back once, both totals
    said (the full-time cost kept, or the amount ÷ ETP as full-time cost). None when the
    post's ETP is 1 or unknown."""
    fte_question = _fte_of_item(engine, d, target)
    fte = None if fte_question is None else fte_question.value(d)
    if not target.loaded_cost or not isinstance(fte, Decimal) or fte in (0, 1):
        return None
    # the full-time cost whose share at `fte` is the amount typed
    share = (amount / fte).quantize(Decimal("0.0001"))
    d.cursor.asking_back = AskingBack(kind="pick", values=[str(amount), str(share)])
    monthly = target.per == "month"
    times = Decimal(months) if monthly and months else Decimal(1)
    fte_said = kinds.describe(fte_question, fte) if fte_question else str(fte)
    html = render_macro(
        SCREENS,
        "full_time_offer",
        typed=words,
        amount=amount,
        per_month=monthly,
        whole=months is not None or not monthly,
        fte=fte_said,
        full=(amount * times * fte).quantize(Decimal("0.01")),
        share=(amount * times).quantize(Decimal("0.01")),
    )
    buttons = [
        Button(f"{CANDIDATE}0", render_macro(SCREENS, "full_time_button")),
        Button(f"{CANDIDATE}1", render_macro(SCREENS, "fte_share_button", fte=fte_said)),
    ]
    return Message(html, key=target.key, buttons=tuple(buttons), input="choice")


def full_time_labels(
    engine: Interview, d: Dossier, question: Question, values: list[object]
) -> list[str] | None:
    """The two readings `offer_full_time` asks about, named with their amounts for the post
    (« Coût d'un temps plein (19 000,00 € pour 0,5 ETP) », « Déjà pour 0,5 ETP (38 000,00
    €) »), when the choice is asked again: its numbers keep the meaning they had (a tester's
    « 1 », meant for 38 000 € after « 38 000,00 € ou 76 000,00 € ? », gave 19 000 €). None
    when `values` are no such offer."""
    fte_question = _fte_of_item(engine, d, question)
    fte = None if fte_question is None else fte_question.value(d)
    if not question.loaded_cost or not isinstance(fte, Decimal) or fte in (0, 1):
        return None
    try:
        amount, share = (Decimal(str(v)) for v in values)
    except (ValueError, ArithmeticError):
        return None
    if (amount / fte).quantize(Decimal("0.0001")) != share:
        return None
    fte_said = kinds.describe(fte_question, fte) if fte_question else str(fte)
    monthly = question.per == "month"
    full = (amount * fte).quantize(Decimal("0.01"))
    return [
        render_macro(SCREENS, "full_time_button", fte=fte_said, full=full, per_month=monthly),
        render_macro(SCREENS, "fte_share_button", fte=fte_said, share=amount, per_month=monthly),
    ]


def _whose_cost_unsaid(engine: Interview, d: Dossier, target: Question, words: str) -> bool:
    """Whether `words`, a cost for `target` (a loaded cost), leave unsaid whose cost it is
    for a post below full time: neither « temps plein » nor « pour 0,8 etp »."""
    fte = post_fte(engine, d, target)
    if not target.loaded_cost or fte is None or fte in (0, 1):
        return False
    return whose_cost(words, fte) is None


def post_fte(engine: Interview, d: Dossier, target: Question) -> Decimal | None:
    """The ETP of `target`'s post (its list item's « ETP »), when answered."""
    fte_question = _fte_of_item(engine, d, target)
    fte = None if fte_question is None else fte_question.value(d)
    return fte if isinstance(fte, Decimal) else None


def other_amount(
    engine: Interview, d: Dossier, question: Question, text: str, offered: object
) -> bool:
    """Whether `text`, typed at « est-ce le coût d'un temps plein ou déjà celui de 0,8
    ETP ? », holds an amount other than the one asked about (« non c'est 40k pour mon
    0,8 »): a new answer, never the share of the old amount."""
    try:
        typed = kinds.parse_answer(
            question, without_post_fte(engine, d, question, text), engine.spec, {}
        )
    except (Clarification, InvalidAnswer):
        return False
    return isinstance(typed, Decimal) and typed != Decimal(str(offered))


def without_post_fte(engine: Interview, d: Dossier, question: Question, text: str) -> str:
    """`text` without the post's ETP it names (« 38k pour 0,8 etp » at the post's annual
    cost: « 0,8 etp » is no second amount); `text` itself at any other question."""
    fte = post_fte(engine, d, question)
    if not question.loaded_cost or fte is None:
        return text
    for found in reversed(_fte_figures(text, fte)):
        text = f"{text[: found.start()]} {text[found.end() :]}"
    return text


def full_time_of_share(
    engine: Interview, d: Dossier, question: Question, typed: str, amount: object
) -> tuple[Decimal, Message] | None:
    """« 38k, c'est pour mon 0,8 », « 38 000 déjà proratisé » at a post's loaded cost (the
    question asks the full time's): the amount is already the post's share, so the full-time
    cost kept is amount ÷ ETP, said back; the budget counts 38 000 €, never 38 000 × 0,8.
    None when the words say no such thing, or the post is full time."""
    fte = post_fte(engine, d, question)
    if not question.loaded_cost or not isinstance(amount, Decimal) or fte is None:
        return None
    if fte in (0, 1) or whose_cost(typed, fte) != 1:
        return None
    full = (amount / fte).quantize(Decimal("0.0001"))
    fte_question = _fte_of_item(engine, d, question)
    html = render_macro(
        SCREENS,
        "share_cost_taken",
        typed=typed,
        amount=amount,
        full=full,
        per_month=question.per == "month",
        fte=kinds.describe(fte_question, fte) if fte_question else str(fte),
    )
    return full, Message(html)


def _fte_of_item(engine: Interview, d: Dossier, target: Question) -> Question | None:
    """The ETP question of `target`'s list item (a staff line's « ETP »), if any."""
    item = item_of(target)
    if item is None:
        return None
    return next(
        (q for q in engine.plan(d) if item_of(q) == item and q.kind == "fte"),
        None,
    )


def whose_cost(text: str, fte: Decimal | None = None) -> int | None:
    """The reply to `_full_time_asked` typed, or what a cost typed for a post says: 0 for
    the full time's cost (« temps plein »), 1 for the post's share (« déjà pour 0,7 ETP »,
    « 38k pour le poste », « c'est pour mon 0,8 »: the post's ETP named); None when it says
    neither, or both."""
    folded = parsing.fold(text)
    words = vocabulary().fte
    full, share = has_phrase(folded, words.full_time_cost), has_phrase(folded, words.share_cost)
    share = share or (fte is not None and bool(_fte_figures(folded, fte)))
    # « elle est à mi-temps » for a post at 0,5 ETP: the post's own share, named in words
    share = share or (fte is not None and _fte_spoken(folded, fte))
    return None if full == share else (0 if full else 1)


def _fte_spoken(folded: str, fte: Decimal) -> bool:
    """Whether `folded` names the post's share of full time in words (« à mi-temps » for
    0,5 ETP), one of the spoken shares with one meaning (`role_spoken`)."""
    words = vocabulary().fte
    shares = {**words.words, **words.approximate}
    named = tuple(p for p in words.role_spoken if shares.get(p) == fte)
    return bool(named) and has_phrase(folded, named)


@cache
def _post_fte_figure() -> re.Pattern[str]:
    """A figure standing alone, its unit (« etp », « % ») if any: never part of an amount
    (« 2 500 », « 38k », « 800 € »)."""
    units = typed_pattern(vocabulary().fte.units)
    return re.compile(
        rf"(?<![\d.,])(\d+(?:[.,]\d+)?)(?!\s*[\d€])(?!\s*(?i:k|eur)\b)(\s*(?:%|(?i:{units})\b))?"
    )


def _fte_figures(text: str, fte: Decimal) -> list[re.Match[str]]:
    """The figures of `text` that name the post's ETP (« pour mon 0,8 », « à 80 % »)."""
    found = []
    for match in _post_fte_figure().finditer(text):
        number = Decimal(match.group(1).replace(",", "."))
        percent = (match.group(2) or "").strip() == "%"
        if number == (fte * 100 if percent else fte):
            found.append(match)
    return found


def amount_at_its_mode(
    engine: Interview, d: Dossier, question: Question, text: str, today: dt.date
) -> Outcome | None:
    """« 55k », « 55k chargé » typed at « Comment voulez-vous indiquer le coût de ce poste ?
    » (refused: « Choisissez l'une des propositions »), where each option is followed by an
    amount: which option is asked, the amount kept for the cost question after it, as when
    it is typed after the post's ETP (`_cost_carried`). None for any other choice or words."""
    if question.kind != "choice" or question.list is None or not _FIGURE.search(text):
        return None
    if carried_words(question, text) is None:
        return None  # an option's own figure, or no figure for a number
    for choice in question.choices:
        trial = d.clone()
        store(question, trial, choice.id)
        following = _following(engine, trial, question)
        if (
            following is None
            or following.kind != "money"
            or item_of(following) != item_of(question)
        ):
            engine.forget_plan()
            return None
        engine.forget_plan()
    return _cost_carried(engine, Outcome(d, [engine.brief(d)]), question, text.strip(), today)


def _which_period(target: Question, words: str) -> Ambiguous:
    """The mode of a cost asked back as the period the amount covers (« 45 000,00 € : est-ce
    un coût annuel ou un coût mensuel ? »), not as words matching two options, which read as
    a refusal; the options' own words when the amount cannot be read alone."""
    try:
        amount: Decimal | None = parsing.parse_amount(words)
    except (InvalidAnswer, Clarification):
        amount = None
    if amount is None:
        return Ambiguous("choice_ambiguous", target.choices, typed=shorten(words))
    return Ambiguous("cost_which_period", target.choices, typed=shorten(words), amount=amount)


def _cost_carried(
    engine: Interview, first: Outcome, target: Question, words: str, today: dt.date
) -> Outcome:
    """A cost typed after a post's ETP, at the mode of its cost: taken there as typed at it
    (« 55k/an » names the annual cost); a cost that names no mode (« 42k chargé ») asks
    which, the amount kept for the cost question after it."""
    d = first.dossier
    try:
        kinds.parse_answer(target, words, engine.spec, {})
    except InvalidAnswer:
        pending = engine.asking.ask(d, target, _which_period(target, words))
        if d.cursor.asking_back is not None:
            d.cursor.asking_back.carry = words
        return Outcome(
            d, [*first.messages[:-1], *pending.messages], answer=first.answer, earlier=first.earlier
        )
    except Clarification:
        pass
    then = engine.handle(d, Text(words), today)
    then.messages[:0] = first.messages[:-1]
    assert first.answer is not None  # (`carry` goes on only after an answer)
    if then.answer is None:
        then.answer, then.earlier = first.answer, [*first.earlier, *then.earlier]
    else:
        then.earlier = [*first.earlier, first.answer, *then.earlier]
    return then


def allocation_key_kept(
    engine: Interview, d: Dossier, question: Question, words: str
) -> dict[str, object]:
    """« 1,5 ETP sur 6,2 » refused at an amount (FTE are no euros): an indirect-cost
    allocation key stated in FTE (`allocation_key_fte`), kept for the key's question that
    this amount opens further on (the one that checks such keys, `indirect_key_fte`), when
    unanswered (`set_aside`, offered there: « je vous les proposerai »). What the refusal
    says of it (`kept_for`, that question's label); empty when the words are no such key
    or no such question follows."""
    if question.kind != "money" or allocation_key_fte(words) is None:
        return {}
    trial = d.clone()
    store(question, trial, Decimal("1.00"))  # the questions this amount, once given, opens
    later = plan_questions(engine.spec, trial)
    index = next((i for i, q in enumerate(later) if q.key == question.key), None)
    if index is None:
        return {}
    target = next((q for q in later[index + 1 :] if "indirect_key_fte" in q.rules), None)
    if target is None or target.value(d) is not None or target.key in d.set_aside:
        return {}
    d.set_aside[target.key] = words.strip()
    return {"kept_for": target.label.split(" (")[0]}


def exemption_kept(
    engine: Interview, d: Dossier, question: Question, words: str
) -> dict[str, object]:
    """« on est exonérés de taxe sur les salaires » refused at an amount before the payroll
    tax (the social charges): an exemption, the answer of a question further on in the
    section that reads one (rule `exemption`), kept for it when unanswered (`set_aside`,
    offered there). What the refusal says of it (`kept_for`), empty otherwise."""
    if question.kind != "money" or "exemption" in question.rules or not exempt_said(words):
        return {}
    later = engine.plan(d)
    index = next((i for i, q in enumerate(later) if q.key == question.key), None)
    if index is None:
        return {}
    target = next(
        (q for q in later[index + 1 :] if "exemption" in q.rules and q.section == question.section),
        None,
    )
    if target is None or target.value(d) is not None or target.key in d.set_aside:
        return {}
    named = parsing.fold(target.label).split()[0]  # « taxe »
    if not re.search(rf"(?<![a-z]){re.escape(named)}", parsing.fold(words)):
        return {}  # « exonérés de charges patronales »: the social charges', not the tax's
    d.set_aside[target.key] = words.strip()
    return {"kept_for": target.label.split(" (")[0], "typed": shorten(words.strip(), 80)}


def exemption_note(question: Question, text: str) -> Message | None:
    """« on est exo » taken at a field that reads an exemption (rule `exemption`): 0 €
    recorded at once, and said, so that the 0 is never taken unsaid (a typed « 0 » needs
    no such word). None for any other answer."""
    if "exemption" not in question.rules or not exempt_said(text):
        return None
    label = question.label.split(" (")[0]
    return Message(render_macro(SCREENS, "exemption_taken", label=label))
