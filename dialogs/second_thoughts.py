"""Second thoughts typed where a text is asked: a list item just added taken back, a
question put off.

A tester answered « Oui » to « Autre action pour l'orientation 1 ? », then at the new
action's title typed « non », then « ah non finalement pas d'autre action »: both became
the action's title, and only /annuler got out. « on verra plus tard » became an action's
title too, and « on fait le plan d'actions plus tard, je veux juste le budget » the
diagnostic. Such words are never stored as the text: the empty item goes as « Non » would
have said, a question that may wait is passed, and one that may not says what is possible.
The words themselves are data (vocabulary `text.no_more`, `text.postponing`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dialogs import navigation
from dialogs.dossier import Dossier
from dialogs.events import ERRORS, SCREENS, Message, Outcome
from dialogs.parsing import Clarification, InvalidAnswer, fold, parse_yes_no
from dialogs.parsing.vocabulary import has_phrase, vocabulary
from dialogs.plan import delete_item, find_question, is_fresh_item
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: A message longer than this is an answer, whatever words it holds.
_SHORT = 8
_SENTENCE = 14
#: Up to this, a message holding « plus tard » puts off whoever speaks (« bon, plus tard »).
_FEW = 3


def takes_back(text: str) -> bool:
    """« non », « ah non finalement pas d'autre action »: the « Oui » just given taken back."""
    if len(text.split()) > _SHORT:
        return False
    try:
        if parse_yes_no(text) is False:
            return True
    except (InvalidAnswer, Clarification):
        pass
    return has_phrase(fold(text), vocabulary().text.no_more)


def puts_off(text: str) -> bool:
    """« plus tard », « on verra plus tard », « je ferai ça plus tard »: in a short message
    where the applicant speaks (« je », « on »); « des SIAE qui recrutent plus tard » is an
    answer, and so is any longer message. « je sais pas trop quoi mettre là » (vocabulary
    `text.placeholders`, a short message) holds no answer yet either."""
    folded = fold(text)
    count = len(text.split())
    words = vocabulary().text
    if count <= words.placeholder_words and has_phrase(folded, words.placeholders):
        return True  # « je sais pas trop quoi mettre là »: nothing to print yet
    if count > _SENTENCE or not has_phrase(folded, words.postponing):
        return False
    return count <= _FEW or not words.postponing_speakers.isdisjoint(re.findall("[a-z]+", folded))


def says_no_action(text: str) -> bool:
    """« non », « aucune », « non on a rien sur les marchés »: no action at all, said at an
    orientation's first action title. « Non-recours aux droits » is a title."""
    if len(text.split()) > _SENTENCE or re.match(r"\s*non-", text.lower()):
        return False
    return takes_back(text) or has_phrase(fold(text), vocabulary().text.no_action)


def no_action(engine: Interview, d: Dossier, question: Question, today: dt.date) -> Outcome | None:
    """At the first, still empty, item of a list that may be left empty for now (an
    orientation's first action): no item there, passed as « passer » would, and said what
    it means for the dossier. None elsewhere (another question stores the words)."""
    info = question.list
    if (
        info is None
        or info.item != 0
        or info.first_field != question.path_name
        or not question.skippable
        or question.value(d) is not None
    ):
        return None
    return navigation.skip(engine, d, question, today, none_said=True)


def adding_question(engine: Interview, d: Dossier, question: Question) -> Question | None:
    """The yes/no whose « Oui » added the item `question` is the first field of, when that
    item is still empty (nothing typed in it) and the last of its list: its list's « one
    more? », or, for a first item, its list's flag; None otherwise."""
    info = question.list
    if info is None or info.item is None or not is_fresh_item(question, d):
        return None
    if info.item != len(info.path.get(d) or []) - 1:
        return None
    plan = engine.plan(d)
    key = f"{info.key}.more" if info.item > 0 else info.key
    found = find_question(plan, key)
    return found if found is not None and found.role in ("more", "flag") else None


def take_back(engine: Interview, d: Dossier, question: Question, today: dt.date) -> Outcome | None:
    """The empty item `question` opens removed, and its « one more? » answered « Non »
    (said in one line); None when `question` opens no such item. Added from the review's
    edit menu, the item goes as « Précédent » takes it away (back to the menu)."""
    adding = adding_question(engine, d, question)
    if adding is None:
        return None
    said = Message(render_macro(SCREENS, "item_taken_back", label=_short(adding)))
    if d.cursor.return_to_review:
        moved = navigation.back(engine, d, question, today)
    else:
        delete_item(question, d)
        engine.forget_plan()
        target = find_question(engine.plan(d), adding.key)
        assert target is not None
        d.cursor.key = target.key
        moved = engine.accept(d.clone(), d, target, False, today)
    moved.messages.insert(0, said)
    return moved


def put_off(
    engine: Interview, d: Dossier, question: Question, text: str, today: dt.date
) -> Outcome:
    """Words putting off `question`: passed where it may be (an empty item just added
    goes), else the ways on — the shortcut of a part the words name (« je veux juste le
    budget » → /budget), the review — with nothing stored."""
    taken_back = take_back(engine, d, question, today)
    if taken_back is not None:
        return taken_back
    label = _short(question)
    if question.skippable:
        return navigation.skip(engine, d, question, today, put_off=True)
    said = set(fold(text).replace("'", " ").split())
    named = [
        command
        for command, section in engine.section_commands.items()
        if command in said and section != question.section
    ]
    html = render_macro(ERRORS, "put_off_required", typed=text.strip(), label=label, commands=named)
    return Outcome(d, [Message(html), engine.brief(d)])


def _short(question: Question) -> str:
    return question.label.split(" (")[0]
