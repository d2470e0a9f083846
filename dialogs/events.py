"""What flows in and out of the interview engine: events from the user, messages and effects
back. Plain data, shared by the engine and every adapter (terminal, Telegram).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, Literal

from pydantic import BaseModel

from dialogs.dossier import Dossier, Exchange
from dialogs.form import Form
from dialogs.parsing import fold
from dialogs.parsing.vocabulary import typed_pattern, vocabulary
from dialogs.question import Question
from dialogs.spec import Choice
from dialogs.texts import render_macro

ERRORS = "messages/errors.html.j2"
SCREENS = "messages/screens.html.j2"
NAVIGATION = "messages/navigation.html.j2"

CommandName = Literal[
    "start", "help", "back", "skip", "review", "cancel", "where", "section", "keep"
]

NAV_BACK, NAV_HELP, NAV_SKIP, NAV_OK, KEEP = "_back", "_help", "_skip", "_ok", "_keep"
ANSWER_IT, ASK_IT = "_answer", "_question"
#: The third button of « votre réponse, ou une question ? » when an exchange with the team is
#: recent (`dialogs.team_reply.recent_exchange`): the words join it, `_team<ticket id>`.
FOLLOW_UP_IT = "_team"


@dataclass(frozen=True)
class Text:
    value: str


@dataclass(frozen=True)
class Choose:
    key: str
    choice: str


@dataclass(frozen=True)
class Command:
    name: CommandName
    section: str | None = None  # for "section": the step to go to ("organisation", "budget"…)


Event = Text | Choose | Command


@dataclass(frozen=True)
class Button:
    id: str
    label: str
    nav: bool = False


@dataclass(frozen=True)
class Message:
    html: str
    key: str | None = None
    progress: str | None = None
    buttons: tuple[Button, ...] = ()
    multi: bool = False
    selected: tuple[str, ...] = ()
    input: Literal["choice", "multi", "text", "none"] = "none"

    @property
    def is_prompt(self) -> bool:
        return self.key is not None


@dataclass(frozen=True)
class GenerateDraft:
    pass


@dataclass(frozen=True)
class AskQuestion:
    text: str


@dataclass(frozen=True)
class ContactStaff:
    reason: str


@dataclass(frozen=True)
class FollowUpTeam:
    """Words said to follow the applicant's exchange `ticket_id` with the team (« C’est la
    suite de ma question n° 3 »): the adapter hands them to the team on that exchange."""

    text: str
    ticket_id: int


Effect = GenerateDraft | AskQuestion | ContactStaff | FollowUpTeam


@dataclass
class Outcome:
    dossier: Dossier
    messages: list[Message] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    answer: tuple[str, Any] | None = None
    #: Answers taken with `answer` by the same event, before it (a choice, then the details
    #: typed with it): journalled first.
    earlier: list[tuple[str, Any]] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return self.answer is not None


# -- small messages every part of the interview sends ------------------------------------------
def nav_label(button_id: str) -> str:
    names = {NAV_BACK: "back", NAV_HELP: "help", NAV_SKIP: "skip", NAV_OK: "validate", KEEP: "keep"}
    return render_macro(NAVIGATION, names[button_id])


def ambiguity_choices() -> tuple[Choice, ...]:
    return (
        Choice(id=ANSWER_IT, label=render_macro(NAVIGATION, "answer_it")),
        Choice(id=ASK_IT, label=render_macro(NAVIGATION, "ask_it")),
    )


def input_of(q: Question) -> Literal["choice", "multi", "text"]:
    if q.kind == "multi":
        return "multi"
    return (
        "choice"
        if q.kind in ("info", "stop", "review", "choice", "yesno", "choice_or_text")
        else "text"
    )


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return list(value)
    return value


def note(code: str) -> Message:
    return Message(render_macro(SCREENS, code))


def error(code: str, **context: Any) -> Message:
    return Message(render_macro(ERRORS, code, **context))


def number_unknown(typed: int, count: int) -> Message:
    """Said when a number typed under `count` buttons names none of them (« 4 » under
    three): which numbers do, the buttons being shown again after it."""
    numbers = ", ".join(str(n) for n in range(1, count)) + f" ou {count}"
    return Message(render_macro(SCREENS, "numbered_choice_unknown", typed=typed, numbers=numbers))


def ambiguous(question: Question, exchange: Exchange | None = None) -> Message:
    """« Votre réponse, ou une question ? »; with a recent `exchange` with the team, its
    follow-up comes first (the obvious reading of a question typed just after its answer)."""
    first = () if exchange is None else (follow_up_button(exchange),)
    return Message(
        render_macro(SCREENS, "answer_or_question", exchange=exchange),
        key=question.key,
        buttons=(*first, *(Button(c.id, c.label) for c in ambiguity_choices())),
        input="choice",
    )


def follow_up_button(exchange: Exchange) -> Button:
    label = render_macro(SCREENS, "answer_or_question_team", exchange=exchange)
    return Button(f"{FOLLOW_UP_IT}{exchange.ticket_id}", label)


def followed_exchange(choice: str) -> int | None:
    """The exchange a `follow_up_button` names (`_team3`: 3); None for any other choice."""
    number = choice.removeprefix(FOLLOW_UP_IT)
    return int(number) if number != choice and number.isdigit() else None


@cache
def _keywords() -> dict[str, CommandName]:
    """Words typed instead of a button or a command ("aide", "précédent"…), accents folded
    (`commands.keywords` in the vocabulary)."""
    keywords = vocabulary().commands.keywords
    return {word: command for command, words in keywords.items() for word in words}


@cache
def _lead_ins() -> re.Pattern[str]:
    """Small words before a command word (« oups précédent », « ah pardon, retour »), one
    or more, each with its comma."""
    return re.compile(rf"^(?:(?:{typed_pattern(vocabulary().commands.lead_ins)})[\s,;:!.…-]*)+")


_COMMAND = re.compile(r"^/([A-Za-z][A-Za-z0-9_]*)(?:@[A-Za-z0-9_]+)?(?=\s|$)")


def slash_command(text: str) -> tuple[str, str] | None:
    """A message opening with a command ("/equipe", "/aide svp", "/Plan", "/aide@aap_bot"):
    (the command as typed, its name folded, without the bot's @name); None for any other
    text, "/ 2" or "1/2" included. Never an answer: a free-text question would store it."""
    found = _COMMAND.match(text.strip())
    if found is None:
        return None
    return found.group(), fold(found.group(1))


def keyword_of(text: str) -> CommandName | None:
    """The command a typed word stands for ("Annuler", "/aide", "précédent.", "oups
    précédent"), if any: the whole message is the word, after a few small words at most (only
    before a word: « euh ? » alone is no request for help)."""
    folded = fold(text).strip()
    keywords = _keywords()
    known = keywords.get(folded.lstrip("/").rstrip(" .!"))
    if known is not None:
        return known
    rest = _lead_ins().sub("", folded, count=1)
    word = rest.lstrip("/").rstrip(" .!")
    # a small word counts only before a command *word*: « euh ? » is a hesitation, not « ? »
    said = rest != folded and any(c.isalpha() for c in word)
    return keywords.get(word) if said else None


def progress_line(form: Form, section: str, detail: str) -> str:
    """ "Étape 4/7 — Plan d’actions · Orientation 1/4" for a question of `section`."""
    number = form.step(section)
    return _progress(number, len(form.sections), form.sections[number - 1].title, detail)


@lru_cache(maxsize=1024)
def _progress(number: int, total: int, title: str, detail: str) -> str:
    """The progress line, rendered once per distinct line: every answer shows one of a few
    dozen, and a render costs about 45 µs (issue 14)."""
    return render_macro(
        NAVIGATION, "progress", number=number, total=total, title=title, detail=detail
    )
