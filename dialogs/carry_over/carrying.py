"""Deciding where carried words go: `carry` takes the words a message holds for the
question after the one answered (`reading`), hands each kind of fact to its group (the
phone, the legal form, the title's facts, a count at eligibility, the RNA, a place, months,
a list item's facts, a cost) and otherwise answers the next question with them, as if typed
there, after a line that says so. The top of the package: it imports every group, none
imports it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.carry_over.ahead import ahead_for
from dialogs.carry_over.clauses import _FIGURE
from dialogs.carry_over.contacts import (
    _CONTACT_KINDS,
    _contact_details_only,
    _details_ahead,
    _person_role,
    _phone_apart,
    _phone_set_aside,
)
from dialogs.carry_over.costs import _cost_carried, _full_time_asked, _whose_cost_unsaid
from dialogs.carry_over.counts import _count_set_aside, _counted, _types_named
from dialogs.carry_over.identity import (
    _IDENTIFIER_KINDS,
    _legal_form_after_name,
    _option_set_aside,
    _rna_ahead,
)
from dialogs.carry_over.items import (
    _item_amount_after,
    _more_items,
    _options_named,
    item_facts,
    set_facts_aside,
)
from dialogs.carry_over.places import (
    _duration,
    _months_after,
    _territory_set_aside,
    _types_before_place,
)
from dialogs.carry_over.posts import _headcount_share, _role_facts
from dialogs.carry_over.reading import _FIGURES, carried_words, split_facts
from dialogs.carry_over.telling import _telling_kept, chained
from dialogs.carry_over.titles import _title_facts_set_aside
from dialogs.dossier import AskingBack, Dossier
from dialogs.events import SCREENS, Message, Outcome, Text, keyword_of, slash_command
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.parsing.text import clean_text
from dialogs.parsing.vocabulary import has_phrase, vocabulary
from dialogs.question import Question
from dialogs.texts import render_macro, shorten

if TYPE_CHECKING:
    from dialogs.engine import Interview


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
    if words is not None and first.answer is not None and _person_role(source):
        figures = _facts_after_title(engine, source, first, target, words)
        if figures is not None:  # « présidente, 7 salariés pour 6,2 ETP »
            return figures
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
    details = (
        words is not None
        and first.answer is not None
        and source.kind == "text"
        and _contact_details_only(words)
    )
    # the question next asks one of these details (the e-mail, when one is typed): carried
    # there as ever; else each taken for its own question further on
    next_reads = (
        target is not None
        and target.kind in _CONTACT_KINDS
        and target.value(d) is None
        and (target.kind == "email") == ("@" in (words or ""))
    )
    # « Claire Dubois, 03 21 00 00 00 », « Directrice, 06 12 34 56 78 »: the contact's phone,
    # asked further on (after the e-mail: it was carried there and refused), taken now
    if details and not next_reads and words and _details_ahead(engine, first, source, words):
        return first
    if details and (
        target is None or target.kind not in _CONTACT_KINDS or target.value(d) is not None
    ):
        # « Marie Dupont, présidente, 03 21 00 00 00 »: the form asks no phone of her
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
            and not (_person_role(source) and parsing.not_a_title(words))
            and not _item_amount_after(source, target)
            and not (source.content == "place" and target.kind == "months")
            and target.kind != "fte"  # « OPCO, 0,5 etp » at the partners (`split_facts`)
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


def _facts_after_title(
    engine: Interview, source: Question, first: Outcome, target: Question | None, words: str
) -> Outcome | None:
    """« présidente, 7 salariés pour 6,2 ETP, 12 bénévoles au CA » at the representative's
    title: the title taken, the organisation's figures are no title (the letter was signed
    with them). Answered at once by the question now asked when it reads them (the
    headcount, after the representative's title: `engine.handle`, said), kept for the one
    further on that does (offered there), else said not kept. None for words that are a
    title or a person's e-mail and phone (`_contact_details_only`)."""
    if not parsing.not_a_title(words) or _contact_details_only(words):
        return None
    d = first.dossier
    ahead = ahead_for(engine, d, source, words)
    if ahead is not None and target is not None and ahead.key == target.key:
        return None  # the question asked next reads them: carried there as ever
    if ahead is not None:
        d.set_aside[ahead.key] = words
        return _telling_kept(first, [(words, ahead.label.split(" (")[0])])
    label = source.label.split(" (")[0]
    unused = Message(render_macro(SCREENS, "carried_unused", typed=words, label=label))
    first.messages.insert(max(len(first.messages) - 1, 0), unused)
    return first


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
    if target.kind == "fte" and has_phrase(parsing.fold(words), vocabulary().fte.role_spoken):
        return True  # « mi-temps », « temps plein » split off a post's role
    if target.kind in _FIGURES or target.kind == "phone":
        return figure
    if figure_only or target.kind in ("yesno", "multi", "info", "stop", "review"):
        return False
    return not (target.kind == "choice" and figure) and any(c.isalpha() for c in words)
