"""Phones, faxes and e-mails typed with something else: the phone split off the
postal address or the organisation's name (kept for the phone question, a fax never), and
a person's e-mail and phone typed with their name or title (« Claire Dubois, 03 21 00 00
00 »), taken for that person's questions ahead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogs import kinds, parsing, rules
from dialogs.carry_over.clauses import _clauses
from dialogs.carry_over.set_aside import set_aside_unused
from dialogs.dossier import Dossier
from dialogs.events import SCREENS, Message, Outcome, jsonable
from dialogs.parsing import Clarification, InvalidAnswer
from dialogs.plan import store
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview


#: Where a person's e-mail and phone typed with their name go.
_CONTACT_KINDS = frozenset({"email", "phone"})


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


def _title_then_facts(text: str) -> tuple[str, str] | None:
    """« présidente, 7 salariés pour 6,2 ETP, 12 bénévoles au CA » at a person's title: the
    title, then the organisation's facts typed after it (from the first clause that is no
    title: `parsing.not_a_title`), for the questions that ask them. None when the first
    clause is no title either, or every clause is one."""
    parts = _clauses(text)
    at = next((i for i, part in enumerate(parts) if parsing.not_a_title(part)), None)
    if not at:
        return None
    return ", ".join(parts[:at]), ", ".join(parts[at:])


def _contact_details_only(words: str) -> bool:
    """Whether carried words are e-mail addresses and phone numbers, nothing else."""
    rest, details = parsing.contact_details_apart(words)
    return bool(details) and not rest.strip(" ,;.-")


def title_left_with_the_person(
    engine: Interview, original: Dossier, d: Dossier, question: Question, value: Any
) -> str | None:
    """A person's name replaced by another person's (« Marie Dupont » → « Paul Durand »,
    corrected anyhow: « précédent », the edit menu, a correction typed later on): the title
    recorded for the first (« Directrice ») is not the second's. It is taken off and kept
    for the title's question (`Dossier.set_aside`), offered there as the previous person's
    (yes keeps it, any other words answer it), never kept unasked (a tester's new contact
    was offered « Réponse enregistrée : « Directrice » … ou gardez-la »). The title's
    question key, to ask it next; None when the name is the same person's (« Marie
    Dupond » → « Marie Dupont », a civility added) or no title was recorded."""
    if question.content != "person" or question.list is not None or question.path is None:
        return None
    before = question.value(original)
    if not isinstance(before, str) or not isinstance(value, str) or _same_person(before, value):
        return None
    parent = question.path.steps[:-1]
    title = next(
        (
            q
            for q in engine.plan(d)
            if q.content == "role"
            and q.list is None
            and q.path is not None
            and q.path.steps[:-1] == parent
        ),
        None,
    )
    held = None if title is None else title.value(d)
    if title is None or not isinstance(held, str) or not held.strip():
        return None
    store(title, d, None)
    d.set_aside[title.key] = held
    return title.key


def _same_person(before: str, after: str) -> bool:
    """Whether two names are one person's: every word of the shorter (civilities and a
    surname's small words aside) is a word of the other, a typo aside (« Marie Dupond »,
    « Mme Marie Dupont », « Marie Dupont-Lefebvre »)."""
    from dialogs.parsing.choices import close_word
    from dialogs.parsing.text import words as words_of
    from dialogs.parsing.vocabulary import vocabulary

    words = vocabulary().text
    small = {p.rstrip("'") for p in words.name_particles} | {
        f.rstrip(".") for forms in words.civilities.values() for f in forms
    }

    def said(name: str) -> list[str]:
        return [w for w in words_of(parsing.fold(name)) if w not in small]

    first, second = sorted((said(before), said(after)), key=len)
    return bool(first) and all(any(close_word(w, o) for o in second) for w in first)
