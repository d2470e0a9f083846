"""Two answers in one message: a choice and the value the question after it asks.

"2500/mois" at « Comment voulez-vous indiquer le coût de ce poste ? » picks the monthly
cost and gives it; "oui la région" at « D'autres financeurs ? » opens a funder and says its
type. The first question takes its answer as ever (asked back when unsure, the words kept
with the question asked back); the words then go to the question that follows, as if typed
there, after a line that says so (« précédent » undoes it). Words for a free text are
offered, never stored without a yes: any words would do there. What the next question
refuses is refused there with the reason, never dropped unsaid.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from dialogs import kinds, parsing
from dialogs.dossier import AskingBack
from dialogs.events import SCREENS, Message, Outcome, Text, keyword_of, slash_command
from dialogs.question import Question
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview

#: Kinds a figure typed with a choice can answer ("2500/mois" → the monthly cost).
_FIGURES = frozenset({"money", "int", "fte", "months", "int_comment"})
_FIGURE = re.compile(r"\d{2,}")


def carried_words(question: Question, text: str) -> str | None:
    """What `text`, typed at `question`, holds for the question after it: the words after a
    yes at a list's « one (more)? » (« oui la région »), a whole text with a figure at a
    choice whose options hold none (« 2500/mois », for a figure only), or the job title
    after a person's name (« marie dupont, directrice »). None otherwise."""
    if question.kind == "yesno" and question.role in ("flag", "more"):
        return parsing.yes_rest(text)
    if question.kind == "text" and question.content == "person":
        return parsing.role_after_name(text)  # « marie dupont, directrice »
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
    ):
        return first
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


def _fits(target: Question, words: str, *, figure_only: bool) -> bool:
    """Whether `words` may answer `target`: a figure a number (only that, after a choice);
    words without figures a choice (« 2 » would pick its second option); never a yes/no."""
    figure = re.search(r"\d", words) is not None
    if target.kind in _FIGURES:
        return figure
    if figure_only or target.kind in ("yesno", "multi", "info", "stop", "review"):
        return False
    return not (target.kind == "choice" and figure) and any(c.isalpha() for c in words)
