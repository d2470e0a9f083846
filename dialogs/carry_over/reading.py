"""Reading the facts of one message: what a message typed at one question holds for
the question after it (`carried_words`), and how a message holding several answers is
split into this question's and the next one's (`split_facts`). Each group's own readers
live with the group (places, counts, titles, posts, items…); this module only picks the
reader for the question asked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.carry_over.clauses import _FIGURE, _clauses, _parted
from dialogs.carry_over.contacts import _person_role, _title_then_facts
from dialogs.carry_over.counts import _counted, _share
from dialogs.carry_over.identity import _later_choice_named, _option_after_name
from dialogs.carry_over.items import (
    _amount_then_status,
    _item_amount_after,
    _item_status_after,
    _name_then_amount,
)
from dialogs.carry_over.places import (
    _after_count,
    _months_typed_after,
    _place_after,
    _place_then_months,
)
from dialogs.carry_over.posts import _implied_yes, _role_facts, _role_then_figures
from dialogs.carry_over.titles import _title_facts
from dialogs.dossier import Dossier
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.question import Question

if TYPE_CHECKING:
    from dialogs.engine import Interview


#: Kinds a figure typed with a choice can answer ("2500/mois" → the monthly cost).
_FIGURES = frozenset({"money", "int", "fte", "months", "int_comment"})


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
        number = parsing.identifier_apart(text)
        if number is not None:
            # « Fédé IAE 62 - SIRET 732 829 320 00074, asso loi 1901 »: the SIRET was kept in
            # the name printed everywhere; the name alone, the number and the rest carried
            head, identifier = number
            head = re.sub(r"\s*[-–:]\s*(?=,|$)", "", head).strip(" ,;:-–")
            named = _option_after_name(engine, d, question, head)
            form = None if named is None else _later_choice_named(engine, d, question, named[1])
            if named is not None and form is not None:  # its legal form, offered at its question
                d.set_aside[form.key] = named[1]
                head = named[0]
            return head, identifier
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
        # (« 06 … ou 03 … »: « ou » is no title, the whole refused as one)
        said = set(re.findall(r"[^\W\d_]+", parsing.fold(role))) - {"ou", "et"}
        found = bool(said) and bool(details)
        # « présidente, 7 salariés pour 6,2 ETP »: the organisation's figures, for theirs
        return (role, ", ".join(details)) if found else _title_then_facts(text)
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
    if question.kind == "text" and following.kind == "fte":
        # « OPCO Uniformation, 0,5 etp » at an action's partners: the FTE, for its question
        # right after (a tester's was stored in the partners, and the FTE asked again)
        last = re.search(
            rf"[,;]\s*(\d+(?:[.,]\d+)?\s*(?:{typed_pattern(vocabulary().fte.units)}))\W*$", text
        )
        if last is not None and re.search(r"[^\W\d_]", text[: last.start()]):
            return text[: last.start()].strip(), last.group(1)
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


def _following(engine: Interview, d: Dossier, question: Question) -> Question | None:
    """The question asked after `question` as the plan stands."""
    questions = engine.plan(d)
    index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
    return None if index is None or index + 1 >= len(questions) else questions[index + 1]
