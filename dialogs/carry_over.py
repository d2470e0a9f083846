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
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

from dialogs import kinds, parsing, rules
from dialogs.dossier import AskingBack, Dossier
from dialogs.events import (
    ERRORS,
    SCREENS,
    Button,
    Message,
    Outcome,
    Text,
    jsonable,
    keyword_of,
    slash_command,
)
from dialogs.parsing import Ambiguous, Clarification, InvalidAnswer
from dialogs.parsing.text import clean_text
from dialogs.parsing.vocabulary import has_phrase, typed_pattern, vocabulary
from dialogs.plan import find_question, item_of, plan_questions, ruled_out_by, store
from dialogs.prompts import rules_of
from dialogs.question import Question
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: The id prefix of a button picking one of the values asked back (`asking_back.choose`).
CANDIDATE = "_c"

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
    figure beside an e-mail address (« … tel 06 12 34 56 78 »), a body's own name at a list
    item's type (« la CA du Boulonnais »: `parsing.named_body`). None otherwise."""
    if question.kind == "yesno" and question.role in ("flag", "more"):
        return parsing.yes_rest(text)
    if question.kind == "yesno" and question.role == "field":  # « si, on a 10 adhérentes »
        rest = parsing.yes_rest(text)
        return rest if rest is not None and re.search(r"\d", rest) else None
    if question.kind == "int":  # « 80 dont 15 ase »: the share, for a count of part of it
        share = _share().search(text)
        if share:
            return share.group(1).strip()
        # « 45 SIAE adhérentes, sur tout le Pas-de-Calais », « 15 SIAE ACI et EI »
        return _place_after(text) or _after_count(text)
    if question.kind == "text" and question.content == "person":
        # « marie dupont, directrice »; « moi, claire dubois, chargée de mission, 03 21 00 00
        # 00, c.dubois@x.fr »: the title, then the e-mail and phone (`split_facts` there)
        rest, details = parsing.contact_details_apart(text)
        said = [p for p in (parsing.role_after_name(rest), *details) if p]
        return ", ".join(said) if said else None
    if question.kind == "email":  # « s.lefebvre@iriae62.fr tel 06 12 34 56 78 »: the phone
        return parsing.beside_email(text)
    body = parsing.named_body(text, question.choices) if question.kind == "choice" else None
    if body is not None and question.list is not None:  # « la CA du Boulonnais »: its name
        return body[1]
    # « tout le 62 » names the option « Tout le Pas-de-Calais »: a figure an option's label or
    # one of its other names holds is no value for the next question.
    names = [c.label for c in question.choices]
    names += [name for found in kinds.aliases_of(question).values() for name in found]
    figures_in_options = any(re.search(r"\d", name) for name in names)
    if question.kind == "choice" and _FIGURE.search(text) and not figures_in_options:
        return text.strip()
    if question.kind == "choice":  # « tout le 62, ttes l'année »: the months, for their question
        return _months_typed_after(text)
    return None


#: Words saying where, in a clause typed after a count (« …, sur tout le Pas-de-Calais »).
_PLACE_CLAUSE = re.compile(
    r"^(?:sur|dans|partout|a|au|aux|en)\b|pas[- ]de[- ]calais|departement|territoire"
    r"|arrondissement|bassin|littoral|agglo|epci|\b62\b"
)


#: A count that opens an answer, and what it counts (« 15 SIAE », « 42 structures »).
_COUNT_OPENING = re.compile(
    r"^\s*(?:environ\s+)?\d+\s*(?:siae|structures?|adh[ée]rent(?:e?s)?)?\b[\s,;:(-]*",
    re.IGNORECASE,
)


def _after_count(text: str) -> str | None:
    """The words after the count that opens `text`, when they say where (« 42 SIAE sur tout
    le 62 ») or name kinds of structures (« 15 SIAE ACI et EI »), with no figure of their own
    but a département's: for the territory or the SIAE types asked next (`carry` takes them
    only where they answer). None otherwise (« 40 environ »)."""
    opening = _COUNT_OPENING.match(text)
    if opening is None or opening.end() >= len(text.rstrip()):
        return None
    rest = text[opening.end() :].strip(" .;)")
    folded = parsing.fold(rest)
    if not rest or re.search(r"\d", folded.replace("62", "")):
        return None
    kinds_named = "structures" in parsing.counted_kinds(folded)
    return rest if _PLACE_CLAUSE.search(folded) or kinds_named else None


def _territory_set_aside(
    engine: Interview, source: Question, first: Outcome, target: Question, words: str
) -> Outcome | None:
    """« 15 SIAE, sur Arras » at an action's count of SIAE: the words saying where
    (`_place_after`, `_after_count`) answer none of the questions between the count and the
    action's territory (its SIAE types), so they are kept for the territory
    (`territory_ahead`), offered there (`offer_set_aside`), and said at once; a place no
    question asks is said not kept. None when the next question asks where itself (the
    organisation's territory, offered at once: `carry`), or takes the words (« 15 SIAE ACI
    et EI »: the SIAE types)."""
    d = first.dossier
    if source.kind != "int" or target.content == "place" or target.kind == "fte":
        return None
    if target.part_of == source.key or _counted(target, words) or _types_named(target, words):
        return None
    if parsing.not_a_place(words) is not None or not _PLACE_CLAUSE.search(parsing.fold(words)):
        return None
    where = territory_ahead(engine, d, source)
    if where is None:
        label = target.label.split(" (")[0]
        unused = Message(render_macro(SCREENS, "carried_unused", typed=words, label=label))
        first.messages.insert(max(len(first.messages) - 1, 0), unused)
        return first
    if where.key in d.set_aside:
        return None
    d.set_aside[where.key] = words
    return _telling_kept(first, [(words, where.label.split(" (")[0])])


def _types_before_place(target: Question, typed: str | None) -> str | None:
    """« ACI et EI » in « 15 SIAE ACI et EI, sur Arras » typed at an action's count, the
    place kept for the territory (`_territory_set_aside`): the SIAE types named before the
    place, for `target` (the types, asked next). None when none are named there."""
    if typed is None or "," not in typed:
        return None
    head = _after_count(typed.partition(",")[0])
    return head if head is not None and _types_named(target, head) else None


def territory_ahead(engine: Interview, d: Dossier, source: Question) -> Question | None:
    """The question of `source`'s list item, asked after it and unanswered, that asks where
    the item takes place: a place itself (content `place`), or a choice one of whose
    options is detailed by one (« Des territoires précis (EPCI…) » → « EPCI ou
    territoires »). None when the item asks no such question."""
    item = item_of(source)
    if item is None:
        return None
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == source.key), len(questions))
    for question in questions[index + 1 :]:
        if item_of(question) != item or question.value(d) is not None:
            continue
        if question.content == "place" or detailed_by_place(engine, d, question) is not None:
            return question
    return None


def detailed_by_place(engine: Interview, d: Dossier, question: Question) -> str | None:
    """The id of `question`'s option detailed by a question asking a place (« Des
    territoires précis (EPCI…) », detailed by « EPCI ou territoires »), if any."""
    if question.kind != "choice":
        return None
    for choice in question.choices:
        details = getattr(choice, "details", None)
        if details is None:
            continue
        trial = d.clone()
        store(question, trial, kinds.choice_value(question, choice))
        following = [q for q in plan_questions(engine.spec, trial) if q.path_name == details]
        if any(item_of(q) == item_of(question) and q.content == "place" for q in following):
            return choice.id
    return None


def _headcount_share(source: Question, first: Outcome, target: Question, words: str) -> str:
    """« 5 dont 2 à mi-temps » at a headcount, the FTE asked next: the share alone (« 2 à
    mi-temps ») is no FTE for the five, so the count goes with it as people (« 5 personnes
    dont 2 à mi-temps »: 4 ETP, confirmed there). `words` themselves otherwise."""
    if source.kind != "int" or target.kind != "fte" or first.answer is None:
        return words
    count = first.answer[1]
    if not isinstance(count, int) or isinstance(count, bool) or count <= 0:
        return words
    if parsing.share_of_people(words) is None:
        return words
    people = vocabulary().fte.people[1]  # « personnes »
    share = vocabulary().numbers.share[0]  # « dont »
    return f"{count} {people} {share} {words}"


def _months_typed_after(text: str) -> str | None:
    """The months typed after a choice (« tout le 62, ttes l'année », « tout le
    Pas-de-Calais de mars à juin »): the longest end of `text` that says months or the whole
    period (`parsing.not_a_place`), after words of its own. None otherwise."""
    head, comma, rest = text.partition(",")
    if comma and head.strip() and parsing.not_a_place(rest) in ("months", "period"):
        return rest.strip(" ,;.-")
    said = text.split()
    for start in range(1, len(said)):
        opening = parsing.fold(said[start])
        if re.search(r"\d", opening) or opening in _NOT_OPENING_MONTHS:
            continue  # « tout le 62 de mars à juin »: never « le 62 de mars à juin »
        rest = " ".join(said[start:]).strip(" ,;.-")
        if rest and parsing.not_a_place(rest) in ("months", "period"):
            return rest
    return None


#: Words that never open the months typed after a choice (« tout le 62 de mars »).
_NOT_OPENING_MONTHS = frozenset({"le", "la", "les", "du", "des", "et", "ou"})


def _types_named(target: Question, words: str) -> bool:
    """Whether `words` carried from a count name options of `target`, a list of choices
    (« ACI et EI » for the SIAE types of an action)."""
    if target.kind != "multi":
        return False
    try:
        return bool(parsing.parse_multi(words, target.choices, aliases=kinds.aliases_of(target)))
    except (InvalidAnswer, Clarification):
        return False


def _place_after(text: str) -> str | None:
    """The clause after a count that says where (« 45 SIAE adhérentes, sur tout le
    Pas-de-Calais »), with no figure of its own: for a territory asked next (`carry` offers
    it there, never stores it unasked). None otherwise."""
    _, sep, rest = text.partition(",")
    clause = rest.strip(" .;")
    if not sep or re.search(r"\d", clause.replace("62", "")):
        return None
    folded = parsing.fold(clause)
    return clause if clause and _PLACE_CLAUSE.search(folded) else None


def carry(
    engine: Interview,
    source: Question,
    first: Outcome,
    words: str | None,
    today: dt.date,
    *,
    month_count: int | None = None,
    as_typed: str | None = None,
) -> Outcome:
    """`first` (`source` answered, the next question shown) with `words` handled at that
    next question; `first` itself when they have nothing to answer there. `month_count`: the
    count of months typed with a monthly cost (« sur 12 mois »), to say its total. `as_typed`:
    the whole message `words` come from, quoted back when the words read are rewritten
    (`_headcount_share`): the applicant sees what they typed, word for word."""
    d = first.dossier
    if words is not None and first.answer is not None and _phone_apart(source, words):
        return _phone_set_aside(engine, source, first, words)
    titled = source.content == "name" and source.list is not None and source.kind == "text"
    if titled and words is not None and first.answer is not None:
        titled_out = _title_facts_set_aside(engine, source, first, words)  # « …, 15 SIAE »
        if titled_out is not None:
            return titled_out
    if _legal_form_after_name(engine, source, first, words):  # « IRIAE 62 asso loi 1901 »
        assert words is not None
        return _option_set_aside(engine, source, first, words)
    eligibility = source.kind == "yesno" and source.role == "field"
    if words is not None and first.answer is not None and eligibility:
        # « oui, on a 10 adhérentes dans le 62 »: the count kept for its own question
        return _count_set_aside(engine, source, first, words)
    target = engine.current(d)
    quoted = words  # what is quoted back as typed
    if words is not None and first.answer is not None and target is not None:
        words = _rna_ahead(engine, first, target, words)
        if words is not None:
            quoted = words
            words = _headcount_share(source, first, target, words)
            quoted = as_typed.strip() if words != quoted and as_typed else words
    if words is not None and first.answer is not None and target is not None:
        where = _territory_set_aside(engine, source, first, target, words)
        if where is not None:  # « 15 SIAE, sur Arras » at an action's count
            kinds_typed = _types_before_place(target, as_typed)  # « 15 SIAE ACI et EI, sur Arras »
            return (
                where if kinds_typed is None else carry(engine, source, where, kinds_typed, today)
            )
    if (
        words is not None
        and first.answer is not None
        and source.kind == "text"
        and _contact_details_only(words)
        and (target is None or target.kind not in _CONTACT_KINDS or target.value(d) is not None)
    ):
        # « Claire Dubois, 03 21 00 00 00 »: the contact's phone, asked further on, taken
        # now; « Marie Dupont, présidente, 03 21 00 00 00 »: the form asks no phone of her
        if not _details_ahead(engine, first, source, words):
            kept = render_macro(SCREENS, "contact_detail_unused", typed=words, label=source.label)
            first.messages.insert(len(first.messages) - 1, Message(kept))
        return first
    if (
        words is None
        or first.answer is None
        or target is None
        or target.role != "field"
        or target.value(d) is not None
        or d.cursor.asking_back is not None
        or parsing.chat_word(words) is not None
        or (
            source.kind == "text"
            and target.path_name != "role"
            and target.kind not in _IDENTIFIER_KINDS
            and not _role_facts(source)
            and not _item_amount_after(source, target)
            and not (source.content == "place" and target.kind == "months")
        )
        or (
            source.kind == "int"
            and target.part_of != source.key
            and target.kind != "fte"
            and not _counted(target, words)
            and not (target.content == "place" and parsing.not_a_place(words) is None)
            and not _types_named(target, words)
        )
    ):
        return first
    months = _months_after(engine, first, target) if source.kind == "choice" else None
    duration = None if months is None else _duration().search(words)
    if months is not None and duration is not None:
        rest = f"{words[: duration.start()]} {words[duration.end() :]}".strip(" ,;.-")
        return _with_months(engine, source, first, rest, duration.group().strip(), months, today)
    typed = item_facts(engine, d, target, words)
    if typed is not None:  # « la région 15000 et le FSE 8000 »: the type, the rest set aside
        noted = set_facts_aside(engine, d, target, typed)
        if typed.head is None:
            first.messages.insert(max(len(first.messages) - 1, 0), noted)
            return first
        before = len(first.messages)  # what was said, then the answer carried: then the note
        then = carry(engine, source, first, typed.head, today)
        then.messages.insert(min(before, max(len(then.messages) - 1, 0)), noted)
        return then
    named = _options_named(engine, target, words)
    if named is not None:
        then = carry(engine, source, first, named[0], today)
        if then.answer is None or then.answer[0] != target.key:
            return then  # the first name asked back: the others are still in its words
        return _more_items(engine, then, target, named[1:])
    label = target.label.split(" (")[0]
    command = keyword_of(words) is not None or slash_command(words) is not None
    costed = source.kind == "fte" and target.kind == "choice" and carried_words(target, words)
    if costed and not command:  # « 0,95 etp, 42k chargé »: the cost, for its mode
        return _cost_carried(engine, first, target, words, today)
    # after a choice, a figure only; or a body's own name, offered as the item's name
    body_name = source.kind == "choice" and target.kind == "text" and not _FIGURE.search(words)
    types = source.kind == "int" and _types_named(target, words)  # « 15 SIAE ACI et EI »
    figure_only = source.kind == "choice" and not body_name
    if command or not (types or _fits(target, words, figure_only=figure_only)):
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
    facts = target.path_name == "role" and split_facts(engine, d, target, words) is not None
    if target.kind in ("text", "choice_or_text") and not facts:  # a role with its figures: taken
        # « 42 SIAE, sur Arras »: offered as typed, stored as a place (« Arras »)
        offered = parsing.place_without_opening(words) if target.content == "place" else words
        d.cursor.asking_back = AskingBack(kind="words", values=[target.key, offered])
        html = render_macro(SCREENS, "carried_offer", typed=words, label=label)
        offer = engine.asking.offer_message(html, target)
        return Outcome(d, [*first.messages, offer], answer=first.answer, earlier=first.earlier)
    asked = _full_time_asked(engine, d, target, words, month_count)
    if asked is not None:  # « 3,2k par mois » with a post at 0,7 ETP: whose cost is it?
        return Outcome(d, [*first.messages[:-1], asked], answer=first.answer, earlier=first.earlier)
    back = None if quoted == words else _asked_as_typed(engine, d, target, words, quoted)
    then = back or engine.handle(d, Text(words), today)
    pending = then.dossier.cursor.asking_back
    unsaid = pending is not None and pending.kind == "confirm" and engine.current(then.dossier)
    if unsaid and unsaid.key == target.key and _whose_cost_unsaid(engine, d, target, words):
        assert pending is not None  # « 2800€ brut par mois »: kept, then whose cost is it?
        pending.full_time_unsaid = words
    taken = target.value(then.dossier)  # (unanswered before: any value now was taken)
    value = None if taken is None else kinds.describe(target, taken)
    said = Message(render_macro(SCREENS, "carried_over", typed=quoted, label=label, value=value))
    return chained(first, said, then)


def _asked_as_typed(
    engine: Interview, d: Dossier, target: Question, words: str, typed: str | None
) -> Outcome | None:
    """`words` rewritten to be read at `target` (« 5 personnes dont 2 à mi-temps » from
    « 5 dont 2 à mi-temps » at the headcount), asked back there quoting `typed`, what the
    applicant wrote: a sentence they never typed is never put in their mouth. None when the
    words need no question back (`Interview.handle` takes or refuses them)."""
    try:
        kinds.parse_answer(target, words, engine.spec, {})
    except Clarification as unsure:
        unsure.details["typed"] = shorten(clean_text(typed or words), 80)
        try:
            return engine.asking.ask(d, target, unsure)
        except InvalidAnswer:
            return None
    except InvalidAnswer:
        return None
    return None


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


def chained(first: Outcome, said: Message, then: Outcome) -> Outcome:
    """`then` (words carried on to the question after `first`'s) told after `first`: its
    notes, then `said`, above `then`'s messages (`first`'s prompt goes: the next question is
    answered, or asked back, just below); the answers recorded in the order they came, the
    last one `then`'s, or `first`'s when the words were refused or asked back."""
    assert first.answer is not None  # words are carried on from an answer taken
    then.messages[:0] = [*first.messages[:-1], said]
    if then.answer is None:
        then.answer, then.earlier = first.answer, [*first.earlier, *then.earlier]
    else:
        then.earlier = [*first.earlier, first.answer, *then.earlier]
    return then


def _phone_apart(source: Question, words: str) -> bool:
    """Whether `words` are the phone number split off the postal address or the
    organisation's name (`split_facts`): set aside for the phone question."""
    if source.content == "address":
        return True
    return source.content == "name" and source.list is None and parsing.is_phone_only(words)


def _phone_set_aside(engine: Interview, source: Question, first: Outcome, words: str) -> Outcome:
    """« 12 rue X 62000 Arras tel 03 21 00 00 00 », « Inser Eco 62 association, 03 21 00 00
    00 »: the address or the name taken without the number (never printed in the letterhead
    nor in every document's title), the number kept for the phone question after it,
    offered there (`offer_set_aside`); said at once, so the applicant knows where it went.
    A phone already answered stays as it is, the number typed said not taken. The form
    asks one phone: of several (« 03 21 00 00 00 / 06 12 34 56 78 »), the first is kept,
    the others said not kept, never dropped unsaid; a number said to be a fax (« fax 03 21
    00 00 01 ») is never the one kept, nor offered as the contact's phone."""
    d = first.dossier
    numbers = parsing.phone_numbers(words) or [words]
    faxes = parsing.faxes(words)
    phones = [n for n in numbers if n not in faxes]
    if not phones:  # only a fax: said not kept, nothing offered as the phone
        return _fax_set_aside(source, first, faxes)
    phone, *others = phones
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == source.key), len(questions))
    target = next((q for q in questions[index + 1 :] if q.kind == "phone"), None)
    value = None if target is None else target.value(d)
    if target is not None and value is None:
        d.set_aside[target.key] = phone
    html = render_macro(
        SCREENS,
        "phone_set_aside",
        address=first.answer[1] if first.answer is not None else "",
        name=source.content == "name",
        typed=phone,
        label=None if target is None else target.label,
        value=None if value is None or target is None else kinds.describe(target, value),
        others=others,
        fax_only=False,
        faxes=faxes,
    )
    first.messages.insert(max(len(first.messages) - 1, 0), Message(html))
    return first


def _fax_set_aside(source: Question, first: Outcome, faxes: list[str]) -> Outcome:
    """« 12 rue X 62000 Arras fax 03 21 00 00 01 »: the address taken without the fax,
    which is said not kept (the form asks the contact's phone, never a fax)."""
    html = render_macro(
        SCREENS,
        "phone_set_aside",
        address=first.answer[1] if first.answer is not None else "",
        name=source.content == "name",
        typed=faxes[0],
        label=None,
        value=None,
        others=[],
        fax_only=True,
        faxes=faxes[1:],
    )
    first.messages.insert(max(len(first.messages) - 1, 0), Message(html))
    return first


def offer_set_aside(engine: Interview, outcome: Outcome) -> Outcome:
    """The question now asked, when words typed earlier were set aside for it (`set_aside`:
    the phone found in the address): offered below it, yes or no (« est-ce celui du
    contact ? »), as words typed for the next question are; again each time it is shown,
    until the applicant says yes or no or answers it. A place kept for a choice one of whose
    options a place details (« sur Arras » at the action's territory) is offered as that
    option with those words, one yes (`AskingBack` « details »), never a yes then « des
    territoires précis ? ». `outcome` with the offer added."""
    d = outcome.dossier
    key = d.cursor.key
    words = d.set_aside.get(key)
    pending = d.cursor.asking_back
    offering = pending is None or pending.values == [key, words]
    offering = offering or (pending is not None and pending.kind == "details")
    if words is None or not offering or (pending is not None and pending.values[-1] != words):
        return outcome
    question = engine.current(d)
    if question is None or question.value(d) is not None or not outcome.messages:
        return outcome
    named = _names_at_all(engine, question, words)  # « sur tout le Pas-de-Calais »
    option = None if named else detailed_by_place(engine, d, question)
    if option is not None:  # « sur Arras » at the territory: « Des territoires précis » ?
        d.cursor.asking_back = AskingBack(kind="details", values=[option, words])
        label = next(c.label for c in question.choices if c.id == option)
        html = render_macro(SCREENS, "details_offer", typed=words, choice=label, earlier=True)
    else:
        d.cursor.asking_back = AskingBack(kind="words", values=[key, words])
        html = render_macro(SCREENS, "set_aside_offer", typed=words, question=question)
    if all(m.html != html for m in outcome.messages):
        outcome.messages.append(engine.asking.offer_message(html, question))
    return outcome


def set_aside_unused(
    engine: Interview, original: Dossier, d: Dossier, question: Question, value: object
) -> Message | None:
    """The words set aside for `question` (the phone found in the address), when it is
    answered otherwise before they were offered (« Marie Dupont, directrice, 03 21 00 00
    00 » gave the contact's phone from the contact line): the applicant was told « je vous le
    proposerai à la question « Téléphone » », so the promise is said not kept, with the
    answer given instead. None when they were offered there (the applicant saw them and
    answered), none were set aside, or the answer is the same."""
    words = d.set_aside.get(question.key)
    pending = original.cursor.asking_back
    if words is None or (pending is not None and original.cursor.key == question.key):
        return None
    try:
        same = kinds.parse_answer(question, words, engine.spec, {}) == value
    except (Clarification, InvalidAnswer):
        same = False
    if same:
        return None
    label = question.label.split(" (")[0]
    described = kinds.describe(question, value)
    html = render_macro(SCREENS, "set_aside_not_kept", typed=words, label=label, value=described)
    return Message(html)


def kept_for_later(
    engine: Interview, question: Question, accepted: Outcome, waiting: AskingBack, value: object
) -> str | None:
    """The words kept with a question asked back (« 38k chargé/an » with « vouliez-vous dire
    « Coût annuel » ? »), when a new answer is typed there instead of « oui »: carried on as
    after a « oui » when it is the option asked about (« Coût annuel », « annuel »), or the
    answer is a figure (the months after a monthly cost); another option picked (« Coût
    mensuel ») is not what they were typed for: said not taken, never dropped unsaid."""
    if accepted.answer is None or waiting.carry is None:
        return None
    if question.kind != "choice" or kinds.to_json(kinds.stored(question, value)) in waiting.values:
        return waiting.carry
    target = engine.current(accepted.dossier)
    if target is None or not accepted.messages:
        return None
    label = target.label.split(" (")[0]
    unused = Message(render_macro(SCREENS, "carried_unused", typed=waiting.carry, label=label))
    accepted.messages.insert(len(accepted.messages) - 1, unused)
    return None


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
        count = re.search(r"\d+", duration)
        then = carry(
            engine, source, first, rest, today, month_count=int(count.group()) if count else None
        )
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
    nouns = tuple(vocabulary().numbers.approximate_nouns)  # « une dizaine de bénévoles »
    figure = re.search(r"\d", words) is not None or has_phrase(parsing.fold(words), nouns)
    if target.kind in ("siret", "rna", "email"):  # split off for it (`split_facts`)
        return True
    if target.kind == "months" and parsing.not_a_place(words) in ("months", "period"):
        return True  # « toute l'année », « de mars à juin »: months without a figure
    if target.kind in _FIGURES or target.kind == "phone":
        return figure
    if figure_only or target.kind in ("yesno", "multi", "info", "stop", "review"):
        return False
    return not (target.kind == "choice" and figure) and any(c.isalpha() for c in words)


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
    return None if full == share else (0 if full else 1)


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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def split_facts(
    engine: Interview, d: Dossier, question: Question, text: str
) -> tuple[str, str] | None:
    """Several facts typed in one message, split into this question's answer and the words
    for the question after it (carried there by `carry`, said back): a post's role then its
    figures (« chargée de mission à 0,95 etp, 42k chargé »), a share of full time then the
    cost (« 0,1 etp 55k/an »), a count then the next count it names (« 250 brsa et 60
    jeunes », « 3 salariés pour 2,5 etp »). None when the words are one answer, or the
    question after it is none they may answer (« 3 ou 10 » stays asked back)."""
    if question.kind == "yesno" and question.role == "more":
        return _implied_yes(question, text)
    if question.kind == "text" and question.content == "address":
        return parsing.address_and_phone(text)  # the phone, set aside for its own question
    if question.kind == "text" and question.content == "name" and question.list is None:
        # « Inser Eco 62 association, 03 21 00 00 00 »: the phone set aside, as an address's
        phone = parsing.address_and_phone(text)
        if phone is not None and parsing.identifier_apart(text) is None:
            return phone
        named = _option_after_name(engine, d, question, text)
        if named is not None:  # « IRIAE 62 asso loi 1901 »: the legal form, set aside
            return named
    if question.kind == "text" and question.content == "name" and question.list is not None:
        facts = _title_facts(engine, d, question, text)
        if facts:  # « formation des encadrants, 15 SIAE, de mars à juin »
            head = ", ".join(p for p in _clauses(text) if p not in facts.values())
            return head, " ; ".join(facts.values())
    if _person_role(question):  # « chargée de mission, c.dubois@x.fr, 03 21 00 00 00 »
        role, details = parsing.contact_details_apart(text)
        found = re.search(r"[^\W\d_]", role) is not None and bool(details)
        return (role, ", ".join(details)) if found else None
    following = _following(engine, d, question)
    if following is None or following.value(d) is not None or following.kind == "text":
        return None
    if question.content == "place" and following.kind == "months":
        return _place_then_months(text)  # « Arras et Lens, de mars à juin »
    if _item_amount_after(question, following):  # « DDETS 62, 20 000€ demandé »
        return _name_then_amount(text)
    if _item_status_after(question, following):  # « 20 000€ demandé », carried from the name
        return _amount_then_status(engine, following, text)
    if following.kind in ("siret", "rna") and question.kind in ("text", "choice_or_text"):
        # « IRIAE 62, siret 812 345 676 00017 », « association loi 1901, RNA W623001234 »
        return parsing.identifier_apart(text)
    if _role_facts(question):  # a post's role (never a representative's: « depuis 2019 »)
        return _role_then_figures(text) if following.kind in _FIGURES else None
    if question.kind == "fte":
        if parsing.person_after_fte(text) is not None:
            return None  # « 0,5 etp, c marie »: a name, said not recorded (`Interview._text`)
        unit = re.search(rf"\d\s*(?:{typed_pattern(vocabulary().fte.units)})", text)
        return None if unit is None else _parted(text[: unit.end()], text[unit.end() :])
    if question.kind != "int":
        return None
    # a share's own count too (« 12 ASE, 140 anciens BRSA » carried to « dont ASE »: the
    # 140 went with the 12 asked back, then was lost)
    figures = list(_NUMBER.finditer(text))
    if len(figures) < 2:
        return None
    between = parsing.fold(text[figures[0].end() : figures[1].start()])
    said = set(re.findall(r"[a-z]{3,}", between))
    words = vocabulary().numbers
    if not said or said & set(words.share) or said <= set(words.not_sum_joins):
        return None  # « 80 dont 15 » (the share), « entre 3 et 5 », « 3 ou 10 »
    rest = text[figures[1].start() :]
    if not _counted(following, rest):
        return None  # « 250 brsa et 60 anciens » is no count of young people
    return _parted(text[: figures[1].start()], rest)


def _place_then_months(text: str) -> tuple[str, str] | None:
    """« Arras et Lens, de mars à juin » at an action's areas: the places, then the months
    typed after them (`_months_typed_after`), for the months asked next, as after « tout le
    62, ttes l'année » at the territory. None when no months follow the places."""
    months = _months_typed_after(text)
    if months is None:
        return None
    head = text[: text.rfind(months)].strip(" ,;.-")
    return (head, months) if re.search(r"[^\W\d_]{2}", head) else None


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


def _implied_yes(question: Question, text: str) -> tuple[str, str] | None:
    """« directeur 0,1 etp 55k/an » at « Ajouter un autre poste ? »: a role and its figures
    say yes, and are the new post's (« oui » then the words, carried to its role)."""
    info = question.list
    figure = re.search(r"\d", text)
    if info is None or info.first_field != "role" or figure is None:
        return None
    try:
        parsing.parse_yes_no(text)
        return None  # a yes or no of its own (« oui, directeur 0,1 etp »: `carried_words`)
    except (InvalidAnswer, Clarification):
        pass
    return None if _role_then_figures(text) is None else (vocabulary().yes_no.yes[0], text)


def _role_then_figures(text: str) -> tuple[str, str] | None:
    """« directeur 0,1 etp 55k/an »: the role's words, then its share of full time and what
    follows; None unless the words (a word of three letters at least) come first, then a
    figure with its unit (« etp »): « B1 » or « agent 2 » are one role."""
    unit = re.search(
        rf"(?<![\w,.])\d+(?:[.,]\d+)?\s*(?:{typed_pattern(vocabulary().fte.units)})", text
    )
    if unit is None:
        return None
    head = text[: unit.start()]
    abbreviated = any(parsing.role_written(w) for w in head.split())  # « cm à 0,8 etp »
    if not re.search(r"[^\W\d_]{3}", head) and not abbreviated:
        return None
    return _parted(text[: unit.start()], text[unit.start() :])


def _parted(head: str, rest: str) -> tuple[str, str] | None:
    """`head` and `rest` without the small words joining them; None unless both say
    something (letters in the head, a letter or figure in the rest)."""
    joins = set(vocabulary().fte.fact_joins)
    tokens = head.split()
    while tokens and parsing.fold(tokens[-1]).strip(",;:-") in joins | {""}:
        tokens.pop()
    after = rest.split()
    while after and parsing.fold(after[0]).strip(",;:-") in joins | {""}:
        after.pop(0)
    head, rest = " ".join(tokens).strip(" ,;:-"), " ".join(after).strip(" ,;:-")
    if not re.search(r"[^\W_]", head) or not re.search(r"[^\W_]{2}|\d", rest):
        return None
    return head, rest


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
        pending = engine.asking.ask(
            d, target, Ambiguous("choice_ambiguous", target.choices, typed=words[:80])
        )
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


#: Kinds a number or address typed in other words is carried to (`split_facts`).
_IDENTIFIER_KINDS = frozenset({"siret", "rna", "email", "phone"})
#: Where a person's e-mail and phone typed with their name go.
_CONTACT_KINDS = frozenset({"email", "phone"})


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


def _clauses(text: str) -> list[str]:
    """`text` cut at its commas and semicolons, each part trimmed."""
    return [p.strip() for p in re.split(r"[,;]", text) if p.strip()]


def _title_facts(engine: Interview, d: Dossier, question: Question, text: str) -> dict[str, str]:
    """« formation des encadrants, 15 SIAE, de mars à juin » at an action's title: the
    clauses after the first that answer, whole, a later question of the same item still
    unanswered — a count it names (« 15 SIAE »: the SIAE targeted) or months (« de mars à
    juin ») —, by that question's key. The title was printed with them. Empty otherwise."""
    parts = _clauses(text)
    item = item_of(question)
    if len(parts) < 2 or item is None:
        return {}
    trial = d.clone()  # the item's later questions are planned once its title is given
    store(question, trial, parts[0])
    fields = [
        q
        for q in plan_questions(engine.spec, trial)
        if item_of(q) == item and q.key != question.key and q.value(trial) is None
    ]
    found: dict[str, str] = {}
    for part in parts[1:]:
        for q in fields:
            if q.key in found:
                continue
            if _title_fact(engine, trial, q, part):
                found[q.key] = part
                break
    return found


def _title_fact(engine: Interview, d: Dossier, question: Question, part: str) -> bool:
    """Whether `part`, a clause after an action's title, answers whole `question`, a later
    question of the action: a count it names (« 15 SIAE »), months (« de mars à juin »), or
    a place for its territory (« sur Arras »: `_title_place`)."""
    if question.kind == "int":
        return _names(question, part) and bool(re.match(r"\s*\d", part))
    if question.kind == "months":
        return _takes(engine, d, question, part)
    where = question.content == "place" or detailed_by_place(engine, d, question) is not None
    return where and _title_place(part)


def _title_place(part: str) -> bool:
    """Whether a clause after an action's title says where, for sure: a place opening
    (« sur », « dans »: vocabulary `text.place_openings`) then a place's name (capitalised:
    « sur Arras », « dans le Boulonnais ») or a word of places (« sur tout le 62 »); never
    the frame of the action (« dans le cadre du PDI »: vocabulary `text.not_place_openings`)
    nor a figure but the département's."""
    folded = parsing.fold(part)
    if re.search(r"\d", folded.replace("62", "")) or parsing.not_a_place(part) is not None:
        return False
    vocab = vocabulary().text
    if has_phrase(folded, vocab.not_place_openings):
        return False
    rest = parsing.place_without_opening(part)
    if rest == part.strip():
        return False  # no opening: « formation, accompagnement » names no place
    named = re.search(r"(?<![\w'’-])[A-ZÀ-Ý][a-zà-ÿ]", rest) is not None
    return named or _PLACE_CLAUSE.search(parsing.fold(rest)) is not None


def _takes(engine: Interview, d: Dossier, question: Question, words: str) -> bool:
    """Whether `question` takes `words` as they are (its parser and its rules' options)."""
    options: dict[str, Any] = {}
    for rule in rules_of(question):
        options.update(rule.parse_options(engine.spec, d, question))
    try:
        kinds.parse_answer(question, words, engine.spec, options)
    except (InvalidAnswer, Clarification):
        return False
    return True


def _title_facts_set_aside(
    engine: Interview, source: Question, first: Outcome, words: str
) -> Outcome | None:
    """The clauses split off an action's title (`_title_facts`), each kept for its own
    question of the action, offered there (`offer_set_aside`), and said at once; None when
    the words hold no such clause (« 20 000€ demandé » after a funder's name goes on)."""
    d = first.dossier
    kept: list[tuple[str, str]] = []
    plan = engine.plan(d)
    for said in words.split(" ; "):
        for q in plan:
            if item_of(q) != item_of(source) or q.key in d.set_aside or q.value(d) is not None:
                continue
            if _title_fact(engine, d, q, said):
                d.set_aside[q.key] = said
                kept.append((said, q.label.split(" (")[0]))
                break
    if not kept:
        return None
    return _telling_kept(first, kept)


def _telling_kept(first: Outcome, kept: list[tuple[str, str]], *, lost: str = "") -> Outcome:
    """`first`, told (just before its last message, the question) which words were kept for
    which later question (`kept`: words, question label) and which could not be (`lost`)."""
    html = render_macro(
        SCREENS, "item_facts_kept", kept=kept, others=None, more_label="", lost=lost
    )
    first.messages.insert(max(len(first.messages) - 1, 0), Message(html))
    return first


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


def identifiers_not_asked(engine: Interview, d: Dossier, answered: Question) -> list[Message]:
    """An RNA number typed earlier (with the name: `_rna_ahead`), when the legal form
    answered now is one the form asks no RNA of (a GIP, a cooperative): dropped, never
    printed as the organisation's, and said, with the answer that dropped it. Only when the
    RNA question's own condition no longer holds, never because the plan stops short (a
    knock-out « non » at eligibility keeps it). Nothing for any other answer."""
    notes = []
    for question in ruled_out_by(engine.spec, d, answered):
        value = question.value(d)
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


def _details_ahead(engine: Interview, first: Outcome, source: Question, words: str) -> bool:
    """The e-mail address and phone typed with a person's name and nothing else (« Claire
    Dubois, 03 21 00 00 00 »): each taken for its question about that same person (the
    contact's, by its place in the dossier), asked further on and unanswered, and said.
    False, nothing taken, unless each has such a question and is a valid answer to it."""
    d = first.dossier
    person = str(source.path).rsplit(".", 1)[0] if source.path is not None else None
    ahead = {
        q.kind: q
        for q in engine.plan(d)
        if q.kind in _CONTACT_KINDS
        and q.path is not None
        and str(q.path).rsplit(".", 1)[0] == person
        and q.value(d) is None
    }
    _, details = parsing.contact_details_apart(words)
    taken: list[tuple[Question, str, Any]] = []
    for detail in details:
        question = ahead.get("email" if "@" in detail else "phone")
        try:
            value = kinds.parse_answer(question, detail, engine.spec, {}) if question else None
        except (Clarification, InvalidAnswer):
            value = None
        if question is None or value is None:
            return False
        taken.append((question, detail, value))
    for question, detail, value in taken:
        unused = set_aside_unused(engine, d, d, question, value)
        d.set_aside.pop(question.key, None)  # answered: nothing more to offer there
        store(question, d, value)
        first.earlier.append((question.key, jsonable(value)))
        label = question.label.split(" (")[0]
        said = render_macro(
            SCREENS,
            "carried_over",
            typed=detail,
            label=label,
            value=kinds.describe(question, value),
        )
        first.messages.insert(len(first.messages) - 1, Message(said))
        if unused is not None:  # the address's phone, promised at this question
            first.messages.insert(len(first.messages) - 1, unused)
    rules.derive(engine.spec, d)
    engine.forget_plan()
    return bool(taken)


def _person_role(question: Question) -> bool:
    """Whether `question` asks the title of a person named just before (the contact's, the
    legal representative's), not a post of the budget's staff."""
    return question.kind == "text" and question.path_name == "role" and question.list is None


def _contact_details_only(words: str) -> bool:
    """Whether carried words are e-mail addresses and phone numbers, nothing else."""
    rest, details = parsing.contact_details_apart(words)
    return bool(details) and not rest.strip(" ,;.-")


def _role_facts(source: Question) -> bool:
    """Whether a post's role was typed with its figures, carried to the ones after it."""
    return source.kind == "text" and source.path_name == "role" and source.list is not None


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


def ahead_for(engine: Interview, d: Dossier, question: Question, words: str) -> Question | None:
    """The question further on that `words`, refused at `question` while a value of it is
    asked back, are meant for: a later choice of the section they name whole (« asso » at
    « dois-je retenir ce SIRET ? »: the legal form), else the question right after, when it
    asks a figure or an identifier and reads one in them (« notre budget est d'environ
    650 000 euros » at « dois-je retenir 15 bénévoles ? »). Never a free text, which takes
    any words; None when no question is meant, answered already or holding other words."""
    target = _later_choice_named(engine, d, question, words)
    if target is None:
        following = _following(engine, d, question)
        free = following is None or following.kind in ("text", "choice_or_text")
        if following is not None and not free and _reads(engine, d, following, words):
            target = following
    if target is None or target.role != "field" or target.value(d) is not None:
        return None
    return None if target.key in d.set_aside else target


def _reads(engine: Interview, d: Dossier, question: Question, words: str) -> bool:
    """Whether `question` reads an answer in `words`, for sure or to be asked back."""
    options: dict[str, Any] = {}
    for rule in rules_of(question):
        options.update(rule.parse_options(engine.spec, d, question))
    try:
        kinds.parse_answer(question, words, engine.spec, options)
    except Clarification:
        return True
    except InvalidAnswer:
        return False
    return True


def _following(engine: Interview, d: Dossier, question: Question) -> Question | None:
    """The question asked after `question` as the plan stands."""
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
    return None if index is None or index + 1 >= len(questions) else questions[index + 1]


# -- a list item's facts typed together ----------------------------------------------------------
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
