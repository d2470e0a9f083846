"""Two answers in one message: a choice and the value the question after it asks.

"2500/mois" at « Comment voulez-vous indiquer le coût de ce poste ? » picks the monthly
cost and gives it (« sur 12 mois » with it gives the months asked after: `_with_months`);
"oui la région" at « D'autres financeurs ? » opens a funder and says its type (« oui la
région et l'état » opens one funder for each: `_more_items`). The first question takes its
answer as ever (asked back when unsure, the words kept with the question asked back); the
words then go to the question that follows, as if typed there, after a line that says so
(« précédent » undoes it). Words for a free text are offered, never stored without a yes:
any words would do there. What the next question refuses is refused there with the reason,
never dropped unsaid.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import TYPE_CHECKING

from dialogs import kinds, parsing, rules
from dialogs.dossier import AskingBack, Dossier
from dialogs.events import (
    SCREENS,
    Message,
    Outcome,
    Text,
    jsonable,
    keyword_of,
    slash_command,
)
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.plan import find_question, item_of, store
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: Kinds a figure typed with a choice can answer ("2500/mois" → the monthly cost).
_FIGURES = frozenset({"money", "int", "fte", "months", "int_comment"})
_FIGURE = re.compile(r"\d{2,}")


@cache
def _duration() -> re.Pattern[str]:
    """A number of months said with a cost (« sur 12 mois », « pendant 6 mois »); never the
    period of an amount (« 2500/mois », « 2500 par mois »)."""
    openings = typed_pattern(vocabulary().months.duration_openings)
    return re.compile(rf"(?:{openings}\s+)?(?<![\d/])\b\d{{1,2}}\s*(?i:mois)\b")


@cache
def _share() -> re.Pattern[str]:
    """The share typed after a count, with a figure (« 80 dont 15 ase » → « 15 ase »)."""
    return re.compile(rf"{typed_pattern(vocabulary().numbers.share)}[\s:]*(\S*\d.*)$")


@cache
def _joins() -> re.Pattern[str]:
    """What joins the names of several options typed in one message (« la région et l'état »)."""
    return re.compile(rf"\s*(?:{typed_pattern(vocabulary().choices.joins)})\s*")


#: The rule of a count of months (« toute l'année » is the agreement's months there).
_MONTHS_RULE = "whole_agreement"


def carried_words(question: Question, text: str) -> str | None:
    """What `text`, typed at `question`, holds for the question after it: the words after a
    yes at a list's « one (more)? » (« oui la région »), the share after « dont » at a count
    (« 80 dont 15 ase », for a count of part of it only: the form's `part_of`), a whole text with
    a figure at a choice whose options hold none (« 2500/mois », for a figure only), the
    job title after a person's name (« marie dupont, directrice »), or the words with a
    figure beside an e-mail address (« … tel 06 12 34 56 78 »). None otherwise."""
    if question.kind == "yesno" and question.role in ("flag", "more"):
        return parsing.yes_rest(text)
    if question.kind == "int":  # « 80 dont 15 ase »: the share, for a count of part of it
        share = _share().search(text)
        return share.group(1).strip() if share else None
    if question.kind == "text" and question.content == "person":
        return parsing.role_after_name(text)  # « marie dupont, directrice »
    if question.kind == "email":  # « s.lefebvre@iriae62.fr tel 06 12 34 56 78 »: the phone
        return parsing.beside_email(text)
    # « tout le 62 » names the option « Tout le Pas-de-Calais »: a figure an option's label or
    # one of its other names holds is no value for the next question.
    names = [c.label for c in question.choices]
    names += [name for found in kinds.aliases_of(question).values() for name in found]
    figures_in_options = any(re.search(r"\d", name) for name in names)
    if question.kind == "choice" and _FIGURE.search(text) and not figures_in_options:
        return text.strip()
    return None


def carry(
    engine: Interview, source: Question, first: Outcome, words: str | None, today: dt.date
) -> Outcome:
    """`first` (`source` answered, the next question shown) with `words` handled at that
    next question; `first` itself when they have nothing to answer there."""
    d = first.dossier
    target = engine.current(d)
    if (
        words is None
        or first.answer is None
        or target is None
        or target.role != "field"
        or target.value(d) is not None
        or d.cursor.asking_back is not None
        or parsing.chat_word(words) is not None
        or (source.kind == "text" and target.path_name != "role")  # a title goes to a role
        or (source.kind == "int" and target.part_of != source.key)
    ):
        return first
    months = _months_after(engine, first, target) if source.kind == "choice" else None
    duration = None if months is None else _duration().search(words)
    if months is not None and duration is not None:
        rest = f"{words[: duration.start()]} {words[duration.end() :]}".strip(" ,;.-")
        return _with_months(engine, source, first, rest, duration.group().strip(), months, today)
    named = _options_named(engine, target, words)
    if named is not None:
        then = carry(engine, source, first, named[0], today)
        if then.answer is None or then.answer[0] != target.key:
            return then  # the first name asked back: the others are still in its words
        return _more_items(engine, then, target, named[1:])
    label = target.label.split(" (")[0]
    command = keyword_of(words) is not None or slash_command(words) is not None
    if command or not _fits(target, words, figure_only=source.kind == "choice"):
        if source.kind != "yesno":
            return first  # a choice's own words (« tête de réseau départementale du 62 »)
        # « oui 10000 » at « D'autres financeurs ? »: the figure answers no funder's type;
        # « oui précédent »: no answer either. Said, never dropped unsaid.
        unused = Message(render_macro(SCREENS, "carried_unused", typed=words, label=label))
        return Outcome(
            d,
            [*first.messages[:-1], unused, first.messages[-1]],
            answer=first.answer,
            earlier=first.earlier,
        )
    if target.kind in ("text", "choice_or_text"):
        d.cursor.asking_back = AskingBack(kind="words", values=[target.key, words])
        html = render_macro(SCREENS, "carried_offer", typed=words, label=label)
        offer = engine.asking.offer_message(html, target)
        return Outcome(d, [*first.messages, offer], answer=first.answer, earlier=first.earlier)
    then = engine.handle(d, Text(words), today)
    taken = target.value(then.dossier) if then.answer and then.answer[0] == target.key else None
    value = None if taken is None else kinds.describe(target, taken)
    said = Message(render_macro(SCREENS, "carried_over", typed=words, label=label, value=value))
    # the next question's prompt goes (answered, or asked back, just below)
    then.messages[:0] = [*first.messages[:-1], said]
    if then.answer is None:  # the words refused or asked back: the first answer is the last
        then.answer, then.earlier = first.answer, [*first.earlier, *then.earlier]
    else:
        then.earlier = [*first.earlier, first.answer, *then.earlier]
    return then


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


def _months_after(engine: Interview, first: Outcome, target: Question) -> Question | None:
    """The count of months asked after `target` in its list item, still unanswered (the
    staff line's « Nombre de mois », after its monthly cost); None when there is none."""
    questions = engine.plan(first.dossier)
    index = next((i for i, q in enumerate(questions) if q.key == target.key), len(questions))
    item = item_of(target)
    return next(
        (
            q
            for q in questions[index + 1 :]
            if item is not None
            and item_of(q) == item
            and q.kind == "int"
            and _MONTHS_RULE in q.rules
            and q.value(first.dossier) is None
        ),
        None,
    )


def _with_months(
    engine: Interview,
    source: Question,
    first: Outcome,
    rest: str,
    duration: str,
    months: Question,
    today: dt.date,
) -> Outcome:
    """« 2500/mois sur 12 mois » at the cost mode: the figure carried to the next question,
    then « sur 12 mois » to the months after it (kept for when the figure, asked back, is
    confirmed). « oui sur 12 mois », with no figure for the next question: the months are
    taken at once, and the next question asked (the months come after it, with their
    answer kept). Months their question refuses are said not taken, never dropped unsaid."""
    label = months.label.split(" (")[0]
    target = engine.current(first.dossier)
    assert target is not None
    if re.search(r"\d", rest):
        then = carry(engine, source, first, rest, today)
        pending = then.dossier.cursor.asking_back
        now = engine.current(then.dossier)
        if pending is not None and now is not None and now.key == target.key:
            pending.carry = duration  # « 2 500 € par mois ? » then the months
            return then
        if now is not None and now.key == months.key and then.answer is not None:
            return carry(engine, target, then, duration, today)
        unused = Message(render_macro(SCREENS, "carried_unused", typed=duration, label=label))
        then.messages.insert(-1, unused)
        return then
    back_to_review = first.dossier.cursor.return_to_review  # an edit from the review
    moved = engine.goto(first.dossier.clone(), months.key, today, keep_return=back_to_review)
    then = engine.handle(moved.dossier, Text(duration), today)
    taken = then.answer is not None and then.answer[0] == months.key
    if not taken or then.dossier.cursor.asking_back is not None:
        unused = Message(render_macro(SCREENS, "carried_unused", typed=duration, label=label))
        return Outcome(
            first.dossier,
            [*first.messages[:-1], unused, first.messages[-1]],
            answer=first.answer,
            earlier=first.earlier,
        )
    value = kinds.describe(months, months.value(then.dossier))
    said = render_macro(SCREENS, "carried_over", typed=duration, label=label, value=value)
    # back where the applicant was, as they were there (completing the dossier, say)
    was, cursor = first.dossier.cursor, then.dossier.cursor
    cursor.filling_missing, cursor.filling_item = was.filling_missing, was.filling_item
    cursor.resume_key = was.resume_key
    back = engine.goto(then.dossier, target.key, today, keep_return=back_to_review)
    assert first.answer is not None and then.answer is not None
    return Outcome(
        back.dossier,
        [*first.messages[:-1], Message(said), *then.messages[:-1], *back.messages],
        answer=then.answer,
        earlier=[*first.earlier, first.answer, *then.earlier],
    )


def _fits(target: Question, words: str, *, figure_only: bool) -> bool:
    """Whether `words` may answer `target`: a figure a number (only that, after a choice);
    words without figures a choice (« 2 » would pick its second option); never a yes/no."""
    figure = re.search(r"\d", words) is not None
    if target.kind in _FIGURES or target.kind == "phone":
        return figure
    if figure_only or target.kind in ("yesno", "multi", "info", "stop", "review"):
        return False
    return not (target.kind == "choice" and figure) and any(c.isalpha() for c in words)
