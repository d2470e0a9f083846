"""The interview engine: given a dossier and one user event, the new dossier and what to show.

Pure and channel-independent: no I/O, no clock (`today` is passed in), no Telegram. The
input dossier is never modified: an invalid answer returns it untouched, so a wrong answer
can never alter a saved one. Adapters (terminal, Telegram) translate their input into
`Text` / `Choose` / `Command` events and render the `Message`s they get back; `channel`
only picks words ("touchez un bouton" on Telegram, "tapez son numéro" in the terminal).

The questions come from the call's form (`dialogs.plan`); what a question does beyond
storing its answer comes from the rules it names (`dialogs.field_rules`). The engine knows
no question by its key: it knows kinds (a screen, a multiple choice) and roles (a field, a
list's flag, "one more?"). An answer understood only approximately is asked back
(`dialogs.asking_back`), never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Literal

from dialogs import kinds, navigation, rules, screen_choices, second_thoughts
from dialogs import validation as v
from dialogs.asking_back import AskingBackMenu, person_not_recorded, says_yes_or_no
from dialogs.carry_over import (
    allocation_key_kept,
    amount_at_its_mode,
    breakdown_unkept,
    carried_words,
    carry,
    each_named,
    exemption_kept,
    exemption_note,
    figures_unkept,
    full_time_of_share,
    identifier_instead,
    identifiers_not_asked,
    item_facts,
    kept_for_later,
    line_ahead,
    offer_set_aside,
    partly_elsewhere,
    set_aside_unused,
    set_facts_aside,
    share_in_the_territory,
    split_facts,
    territory_of_address,
    title_left_with_the_person,
    without_post_fte,
)
from dialogs.corrections import Corrections, saved_note
from dialogs.dossier import Dossier, Exchange, IndicatorTarget
from dialogs.edit_menu import EditMenu
from dialogs.events import (
    ANSWER_IT,
    ASK_IT,
    ERRORS,
    KEEP,
    NAV_BACK,
    NAV_HELP,
    NAV_OK,
    NAV_SKIP,
    SCREENS,
    AskQuestion,
    Choose,
    Command,
    CommandName,
    Event,
    FollowUpTeam,
    Message,
    Outcome,
    Text,
    ambiguous,
    error,
    followed_exchange,
    input_of,
    jsonable,
    keyword_of,
    note,
    number_unknown,
    slash_command,
)
from dialogs.multi_typing import typed_on_ticks
from dialogs.parsing import (
    Clarification,
    InvalidAnswer,
    NeedsConfirmation,
    aside,
    asks_for_example,
    asks_within,
    choice_aliases,
    fold,
    looks_like_question,
    match_choice,
    may_be_question,
    person_after_fte,
    says_none,
    typed_place,
)
from dialogs.parsing.text import clean_text, words
from dialogs.parsing.vocabulary import vocabulary, whole_answer
from dialogs.plan import (
    added_item,
    delete_item,
    find_question,
    first_missing,
    is_fresh_item,
    item_of,
    missing_in_item_after,
    moved_past,
    next_in_item,
    next_while_filling,
    plan_questions,
    store,
)
from dialogs.prompts import Prompts, parse_options, rules_of
from dialogs.question import Question
from dialogs.spec import CallSpec
from dialogs.texts import render_macro
from dialogs.unrecorded import unrecorded_note

Channel = Literal["terminal", "telegram"]
#: The applicant's recent exchange with the team, if any (`dialogs.team_reply.
#: recent_exchange`): asked only when « votre réponse, ou une question ? » is about to be put.
RecentExchange = Callable[[], Exchange | None]


def _no_exchange() -> Exchange | None:
    return None


class Interview:
    def __init__(
        self,
        spec: CallSpec,
        *,
        channel: Channel = "terminal",
        relay: bool = True,
        exchange: RecentExchange | None = None,
    ) -> None:
        """`relay`: a staff group is configured, so questions can be passed on to the team;
        without one, the interview never offers it and gives the call's contact instead.
        `exchange`: the applicant's recent exchange with the team, looked up by the caller
        (the engine reads no storage) only when « votre réponse, ou une question ? » is put:
        its follow-up is then offered first, and the choice of buttons is kept with the
        words asked about (`Cursor.pending_exchange`), so that a number typed later, after a
        restart too, names the button shown at that place, as a click would."""
        self.spec = spec
        self.form = spec.interview
        self.channel = channel
        self.relay = relay
        self.exchange: RecentExchange = exchange or _no_exchange
        # The question plan of the dossier being handled (one event asks for it several
        # times); dropped whenever an answer or a deletion may change it.
        self._planned: tuple[Dossier, list[Question]] | None = None
        self.menu = EditMenu(self)
        self.asking = AskingBackMenu(self)
        self.prompts = Prompts(self)
        self.corrections = Corrections(self)

    # -- public API ---------------------------------------------------------------------------
    def new_dossier(self) -> Dossier:
        return Dossier(call_id=self.spec.identity.id, moved_past=[])

    def questions(self, dossier: Dossier) -> list[Question]:
        """The questions planned for `dossier` now, in order."""
        return plan_questions(self.spec, dossier)

    @property
    def section_commands(self) -> dict[str, str]:
        """The adapters' section shortcuts (/organisation, /budget…): command → section."""
        return self.form.commands

    def show(
        self,
        dossier: Dossier,
        today: dt.date,
        *,
        brief: bool = False,
        planned: list[Question] | None = None,
    ) -> Outcome:
        """The current question again (resume, /start), or its one-line reminder.
        `planned`: `dossier`'s plan, when the caller kept it (see `handle`)."""
        d = dossier.clone()
        d.cursor.refused = None  # set again when this message is refused in turn
        self._take_plan(d, planned)
        self._keep_moved_past(d)
        shown = Outcome(d, [self.brief(d) if brief else self.screen(d, today)])
        return offer_set_aside(self, shown)

    def handle(
        self,
        dossier: Dossier,
        event: Event,
        today: dt.date,
        *,
        planned: list[Question] | None = None,
    ) -> Outcome:
        """`planned`: the plan of `dossier`'s answers, when the caller kept it from the event
        that saved them (`dialogs.saved_plans`); else it is made when needed. Where the
        applicant lands, words set aside for that question are offered (`offer_set_aside`)."""
        return offer_set_aside(self, self._handle(dossier, event, today, planned=planned))

    def _handle(
        self,
        dossier: Dossier,
        event: Event,
        today: dt.date,
        *,
        planned: list[Question] | None,
    ) -> Outcome:
        d = dossier.clone()
        d.cursor.refused = None  # set again when this message is refused in turn
        self._take_plan(d, planned)
        self._keep_moved_past(d)
        if isinstance(event, Text):
            keyword = keyword_of(event.value)
            # While « answer or question? » waits, only /annuler is a command: other words
            # go with the text asked about (`AskingBackMenu.typed_over_pending`).
            if keyword is not None and (d.cursor.pending_text is None or keyword == "cancel"):
                return self._command(d, keyword, today)
            slashed = slash_command(event.value)
            if slashed is not None and d.cursor.pending_text is None:
                typed, name = slashed
                known = keyword_of(name)
                if known is not None:  # "/aide svp": the command, the words after it aside
                    return self._command(d, known, today)
                if name in self.section_commands:  # "/Plan" (Telegram's menu is exact)
                    return self._jump(d, self.section_commands[name], today)
                message = Message(render_macro(ERRORS, "unknown_command", command=typed))
                return Outcome(d, [message, self.brief(d)])
            return self._text(dossier, d, event.value, today)
        if isinstance(event, Command):
            if event.name == "section":
                return self._jump(d, event.section or "", today)
            return self._command(d, event.name, today)
        return self._choose(dossier, d, event, today)

    # -- events -------------------------------------------------------------------------------
    def _keeps_recorded(self, d: Dossier, question: Question, text: str) -> bool:
        """Whether `text` (« ok », « oui »: vocabulary `commands.keep_said`), typed at a
        question showing its recorded answer (« Envoyez une nouvelle réponse pour la
        remplacer, ou gardez-la »), keeps it: refused there (« Je n’ai pas reconnu ces
        mois ») though the prompt offers to keep it. Never where the question takes the
        words as an answer (a yes/no, an option « Oui »)."""
        if question.role != "field" or question.value(d) is None:
            return False
        if not whole_answer(fold(text), vocabulary().commands.keep_said):
            return False
        try:
            kinds.parse_answer(question, text, self.spec, parse_options(self.spec, d, question))
        except InvalidAnswer:
            return True
        except Clarification:
            return False
        return False

    def _jump(self, d: Dossier, section: str, today: dt.date) -> Outcome:
        return _telling_unrecorded(self, d, navigation.jump(self, d.clone(), section, today))

    def _command(self, d: Dossier, name: CommandName, today: dt.date) -> Outcome:
        """A command; an answer asked back and dropped by it is said not recorded (/annuler
        says it cancels)."""
        if name == "cancel":
            return self._run_command(d, name, today)
        return _telling_unrecorded(self, d, self._run_command(d.clone(), name, today))

    def _run_command(self, d: Dossier, name: CommandName, today: dt.date) -> Outcome:
        question = self.current(d)
        if name == "help":
            return Outcome(d, [self.prompts.help(question), self.brief(d)])
        asking = d.cursor.asking_back
        d.cursor.asking_back = None
        if name == "start":
            return Outcome(d, [self.screen(d, today)])
        if name == "where":
            return Outcome(d, [self.brief(d)])
        if name == "cancel":
            return navigation.cancel(self, d, question, cancelled_asking=asking is not None)
        if name == "keep":
            if question is None or question.value(d) is None:
                return Outcome(d, [note("nothing_to_keep"), self.brief(d)])
            return self.advance(d, question, None, today)
        if name == "back" and asking is not None and asking.kind in _CLARIFYING and question:
            # « précédent » at a question asked back about the words just typed (« SIAE : ACI
            # ou EI ? » at the type of organisation) steps out of it, back to the question it
            # was about: never past it (before the first question, the welcome screen). An
            # offer made on arriving (a number kept from the address) is no step: back goes on.
            return Outcome(d, [self.screen(d, today)])
        was_filling = d.cursor.filling_missing
        if name != "skip":  # skipping during "Compléter le dossier" goes on to the next one
            d.cursor.stop_filling()
        if name == "review":
            review_question = self.screen_of_kind(d, "review")
            if review_question is None:
                return Outcome(d, [note("review_unavailable"), self.brief(d)])
            # Midway through the interview (not while completing the missing answers, which
            # the review resumes by itself): where « Compléter le dossier » resumes.
            d.cursor.resume_key = None
            if question is not None and question.role != "screen" and not was_filling:
                d.cursor.resume_key = None if question.answered(d) else question.key
            return self.goto(d, review_question.key, today)
        if name == "back":
            return navigation.back(self, d, question, today)
        return navigation.skip(self, d, question, today)

    def _choose(self, original: Dossier, d: Dossier, event: Choose, today: dt.date) -> Outcome:
        if event.key != d.cursor.key:
            return Outcome(d, [note("stale_button"), self.brief(d)])
        nav: dict[str, CommandName] = {
            NAV_BACK: "back",
            NAV_HELP: "help",
            NAV_SKIP: "skip",
            KEEP: "keep",
        }
        if event.choice in nav:
            return self._command(d, nav[event.choice], today)
        followed = followed_exchange(event.choice)
        if d.cursor.pending_text is not None and followed is not None:
            # « Pour l’équipe : suite de la question n° 3 »: the words go to that exchange
            text = d.cursor.pending_text
            d.cursor.pending_text = d.cursor.pending_exchange = None
            return Outcome(d, [self.brief(d)], [FollowUpTeam(text, followed)])
        if d.cursor.pending_text is not None and event.choice in (ANSWER_IT, ASK_IT):
            text = d.cursor.pending_text
            d.cursor.pending_text = d.cursor.pending_exchange = None
            if event.choice == ASK_IT:
                return Outcome(d, [self.brief(d)], [AskQuestion(text)])
            return self._text(original, d, text, today, confirmed=True)
        if self.menu.owns(d.cursor.key):
            # « which answer? » asked at the menu (« etp »: the organisation's or a post's)
            which = self.corrections.chosen_in_menu(original, d, event.choice, None, today)
            return which or self.menu.choose(d, event.choice, today)
        question = self.current(d)
        if question is None:
            return Outcome(d, [self.screen(d, today)])
        answered = self.asking.choose(original, d, question, event.choice, today)
        if answered is not None:
            return answered
        if question.kind == "review" and event.choice.startswith("_show:"):
            return screen_choices.show_section(self, d, event.choice.removeprefix("_show:"), today)
        if question.kind == "multi":
            return self._toggle(original, d, question, event.choice, today)
        for rule in rules_of(question):
            if event.choice in {o.id for o in rule.offers(self.spec, d, question)}:
                value = rule.take_offer(self.spec, d, question, event.choice)
                return self.accept(original, d, question, value, today, offer=event.choice)
        choice = next((c for c in kinds.choices_of(question) if c.id == event.choice), None)
        if choice is None:
            return Outcome(d, [note("stale_button"), self.brief(d)])
        waiting = d.cursor.asking_back  # « Coût annuel » clicked at « vouliez-vous dire … ? »
        value = kinds.choice_value(question, choice)
        accepted = self.accept(original, d, question, value, today)
        if waiting is None or not waiting.carry:
            return accepted
        later = kept_for_later(self, question, accepted, waiting, value)
        return carry(self, question, accepted, later, today)

    def _toggle(
        self, original: Dossier, d: Dossier, question: Question, choice: str, today: dt.date
    ) -> Outcome:
        if choice == NAV_OK:
            if not d.cursor.pending_choices:
                return Outcome(d, [error("multi_empty", channel=self.channel), self.brief(d)])
            chosen = [c.id for c in question.choices if c.id in d.cursor.pending_choices]
            d.cursor.pending_choices = []
            return self.accept(original, d, question, chosen, today)
        if choice not in {c.id for c in question.choices}:
            return Outcome(d, [note("stale_button"), self.brief(d)])
        pending = d.cursor.pending_choices
        if choice in pending:
            pending.remove(choice)
        else:
            pending.append(choice)
        return Outcome(d, [self.screen(d, today)])

    def _typed_under_which(
        self, original: Dossier, d: Dossier, text: str, today: dt.date
    ) -> Outcome | None:
        """Words typed under « votre réponse, ou une question ? », read against the buttons
        shown (`Cursor.pending_exchange`: the team's exchange first, when it was offered): a
        button's number (« 1 », « le premier ») or words (« C'est ma réponse », « question »)
        as its click; a number naming none, with three buttons, asked back; « oui », which
        names none, asked back among them. None: other words (`typed_over_pending`)."""
        question = self.current(d)
        assert question is not None, "words are asked about at a question"
        exchange = d.cursor.pending_exchange
        shown = ambiguous(question, exchange)
        named = match_choice(text, shown.buttons, aliases=choice_aliases())
        which = named.id if named is not None else _answer_or_question(text)
        if which is not None:
            return self._choose(original, d, Choose(d.cursor.key, which), today)
        place = None if exchange is None else typed_place(text, len(shown.buttons))
        if place is not None:  # « 4 » under three buttons (two: a new answer, as ever)
            return Outcome(d, [number_unknown(place, len(shown.buttons)), shown])
        if says_yes_or_no(text):
            # « oui » to « votre réponse, ou une question ? »: which of them is unsaid
            said = render_macro(SCREENS, "answer_or_question_which", exchange=exchange)
            return Outcome(d, [Message(said), shown])
        return None

    def _typed_on_ticks(
        self, original: Dossier, d: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """ "valider" validates the ticks (or keeps the answer when none is ticked); "et les AI
        aussi" adds to them (`dialogs.multi_typing`); None for an answer of its own."""
        typed = typed_on_ticks(text)
        if typed is None:
            return None
        if typed[0] == "validate":
            if not d.cursor.pending_choices and question.value(d) is not None:
                return self._choose(original, d, Choose(question.key, KEEP), today)
            return self._toggle(original, d, question, NAV_OK, today)
        shown = {"shown": self.prompts.options(d, question)}
        try:
            added = kinds.parse_answer(question, typed[1], self.spec, shown)
        except (Clarification, InvalidAnswer):
            return None
        ticked = set(d.cursor.pending_choices or question.value(d) or []) | set(added)
        d.cursor.pending_choices = [c.id for c in question.choices if c.id in ticked]
        return Outcome(d, [self.screen(d, today)])

    def _implied_item(
        self, original: Dossier, question: Question, text: str, today: dt.date
    ) -> Outcome | None:
        """« la Région 18k » at « D'autres financeurs ? », « cotisations 2000 » at « D'autres
        ressources ? »: refused as neither yes nor no, where « oui la Région 18k » opened a
        funder of that type. Words naming an option of the new item's first field say yes:
        read as « oui » then those words (said so); None when the new item's first field
        would not take them (« je sais pas trop » stays refused)."""
        info = question.list
        if question.kind != "yesno" or question.role not in ("flag", "more") or info is None:
            return None
        if not re.search(r"[^\W\d_]{3}", text) or keyword_of(text) is not None:
            return None
        before = info.path.get(original)
        index = 0 if before is None else len(before)
        yes = vocabulary().yes_no.yes[0]
        trial = self.handle(original.clone(), Text(f"{yes} {text}"), today)
        first = find_question(self.plan(trial.dossier), f"{info.key}.{index}.{info.first_field}")
        if first is None or first.value(trial.dossier) is None:
            return None
        said = render_macro(SCREENS, "implied_yes", typed=text.strip(), label=question.label)
        trial.messages.insert(0, Message(said))
        return trial

    def _line_for_later(self, d: Dossier, question: Question, text: str) -> Outcome | None:
        """« la région 5000 (demande) » at « taxe sur les salaires », or as a new post's
        role: a co-funder (a budget line further on, `line_ahead`), never 5 000 € of tax:
        kept for that line's question, said so, this question asked again. None at any
        other question (an amount, or the first field of a new line), or other words."""
        info = question.list
        first = info is not None and info.first_field == question.path_name
        if question.role != "field" or not (
            question.kind == "money" or (first and question.kind == "text")
        ):
            return None
        line = line_ahead(self, d, question, text)
        if line is None:
            return None
        d.set_aside[line.key] = text.strip()
        html = render_macro(
            SCREENS,
            "line_kept_for_later",
            typed=text.strip(),
            label=question.label.split(" (")[0],
            target=line.label.split(" (")[0],
        )
        return Outcome(d, [Message(html), self.brief(d)])

    def _added_to_previous(self, d: Dossier, question: Question, text: str) -> Outcome | None:
        """ "aussi les EI", "+ ETTI" refused by the question after a multiple choice: what
        the applicant forgot to tick there, added to that answer (said so, the current
        question asked again); None when the words add nothing to the previous question."""
        typed = typed_on_ticks(text)
        # Words only: "et 2" names option 2 of a list no longer on screen.
        if typed is None or typed[0] != "add" or not _has_letters(typed[1]):
            return None
        questions = self.plan(d)
        index = next((i for i, q in enumerate(questions) if q.key == question.key), 0)
        previous = questions[index - 1] if index > 0 else None
        if previous is None or previous.kind != "multi" or not previous.value(d):
            return None
        shown = {"shown": self.prompts.options(d, previous)}
        try:
            added = kinds.parse_answer(previous, typed[1], self.spec, shown)
            chosen = set(previous.value(d)) | set(added)
            value = [c.id for c in previous.choices if c.id in chosen]
            self.check(d, previous, value)
        except (Clarification, InvalidAnswer):
            return None
        labels = [c.label for c in previous.choices if c.id in chosen]
        new = [c.label for c in previous.choices if c.id in set(added)]
        short = previous.label.split(" (")[0]  # as the reminder names it
        already = set(added) <= set(previous.value(d))
        message = render_macro(
            SCREENS, "added_to_previous", label=short, labels=labels, added=new, already=already
        )
        if already:  # nothing to record
            return Outcome(d, [Message(message), self.brief(d)])
        # Stored as `accept` would, without moving on; a multiple choice's rules note nothing.
        store(previous, d, value)
        rules.derive(self.spec, d)
        self._planned = None
        if self.current(d) is None:
            return None
        outcome = Outcome(d, [Message(message), self.brief(d)])
        outcome.answer = (previous.key, jsonable(value))
        return outcome

    def _figure_in_question(self, d: Dossier, question: Question, text: str, value: Any) -> Outcome:
        """A question holding the figure asked (« on en a 42, c'est bien 42 qu'il faut mettre
        ou seulement celles du 62 ? » at the member count): answered as any question typed
        (the knowledge base), and the figure asked back, « oui » records it; never stored
        unasked (a tester's question was taken as the count, and left unanswered).
        `InvalidAnswer` when the call refuses the figure (then only the question is read)."""
        shown = (value.target, value.comment) if isinstance(value, IndicatorTarget) else value
        unit = {"unit": "€"} if question.kind == "money" else {}
        unsure = NeedsConfirmation("number_in_question", shown, typed=text.strip(), **unit)
        outcome = self.asking.ask(d, question, unsure)
        outcome.effects.append(AskQuestion(text.strip()))
        return outcome

    def _figure_instead(self, d: Dossier, text: str) -> bool:
        """Whether words typed when a question was invited (« c une question », the
        question button) rather answer the figure on screen: « env 320 » after « c une
        question » at the BRSA count asks nothing and reads as its count (a tester's went
        to the knowledge base, and every answer after it landed one question late)."""
        question = self.current(d)
        if question is None or question.kind not in _FIGURES or not any(c.isalpha() for c in text):
            return False
        if "?" in text or looks_like_question(text) or may_be_question(text):
            return False
        try:
            kinds.parse_answer(question, text, self.spec, parse_options(self.spec, d, question))
        except Clarification:
            return True  # « env 320 »: asked back as anywhere
        except InvalidAnswer:
            return False
        return True

    def _text(
        self, original: Dossier, d: Dossier, text: str, today: dt.date, *, confirmed: bool = False
    ) -> Outcome:
        key = d.cursor.key
        if d.cursor.pending_text is not None and not confirmed:
            answered = self._typed_under_which(original, d, text, today)
            if answered is not None:
                return answered
            return self.asking.typed_over_pending(original, text, today)
        if d.cursor.awaiting_question and not self._figure_instead(d, text):
            if not any(c.isalpha() for c in text):  # "1": a menu's number typed one step late
                return Outcome(d, [Message(render_macro(ERRORS, "question_without_words"))])
            d.cursor.awaiting_question = False
            # a value asked back before « c une question » is asked again once it is answered
            repeated = self.asking.asked_again(d)
            return Outcome(d, [repeated or self.brief(d)], [AskQuestion(text.strip())])
        d.cursor.awaiting_question = False
        if self.menu.owns(key):
            which = self.corrections.chosen_in_menu(original, d, None, text, today)
            if which is not None:
                return which
            if d.cursor.asking_back is not None and d.cursor.asking_back.kind == "correct":
                d.cursor.asking_back = None  # other words: the menu's, the question dropped
            corrected = self.corrections.in_menu(original, d, text, today)
            return corrected or self.menu.text(d, text, today)
        question = self.current(d)
        if question is None:
            return Outcome(d, [self.screen(d, today)])
        waiting = d.cursor.asking_back  # its words carried on, if this answers it anew
        said = aside(text) if question.kind in _FIGURES and not confirmed else None
        if said == "wait":  # « une seconde je cherche » at a count: never 1, the count waits
            repeated = self.asking.asked_again(d) if waiting is not None else None
            return Outcome(d, [note("aside_wait"), repeated or self.brief(d)])
        if said == "question":  # « c une question »: the next message is that question
            d.cursor.awaiting_question = True
            return Outcome(d, [note("aside_question")])
        if waiting is not None:
            replied = self.asking.text(original, d, question, text, today)
            if replied is not None:
                return replied
            d.cursor.asking_back = None
        corrected = self.corrections.before_answer(original, d, question, text, today)
        if corrected is not None:  # « je me suis trompée, on a 7 salariés »
            return corrected
        if self._keeps_recorded(d, question, text):  # « ok » at « …ou gardez-la »
            return self._command(d, "keep", today)
        if question.example is not None and not confirmed and asks_for_example(text):
            # « vous avez un exemple ? »: how to word it, not a question on the call (which
            # the call does not answer: the Département's phone number was no help)
            template = self.spec.compiled_form.prompt_template(question.example)
            example = render_macro(template, question.example, **question.context)
            return Outcome(d, [Message(example), self.brief(d)])
        if question.kind == "text" and not confirmed:
            # « non », « finalement pas d'autre action » at an item just added; « on verra
            # plus tard » anywhere: never stored as the text
            if second_thoughts.takes_back(text):
                taken_back = second_thoughts.take_back(self, d, question, today)
                if taken_back is not None:
                    return taken_back
            if second_thoughts.says_no_action(text):
                # « non on a rien sur les marchés » at an orientation's first action title
                no_action = second_thoughts.no_action(self, d, question, today)
                if no_action is not None:
                    return no_action
            if second_thoughts.puts_off(text):
                return second_thoughts.put_off(self, d, question, text, today)
        if question.kind == "multi":
            on_ticks = self._typed_on_ticks(original, d, question, text, today)
            if on_ticks is not None:
                return on_ticks
            if not confirmed and _only_yes(text) and len(question.choices) > 1:
                # « oui » at « Votre plan d'actions sert-il aussi ces objectifs ? »: which ones
                count = len(question.choices)
                ask = render_macro(ERRORS, "multi_which", count=count, channel=self.channel)
                return Outcome(d, [Message(ask), self.brief(d)])
        # At the welcome, "comment faire" or "quand même oui" start the interview: only a "?"
        # makes a question there. Elsewhere a "?" or a question's opening ("quel est…").
        asked = looks_like_question(text, openings=question.kind != "info") and not confirmed
        # At buttons, no answer holds « … ou pas » or « savoir si »: asked before it is read
        # (« une asso d'insertion, on peut candidater ou pas » was offered the SIAE types).
        at_buttons = question.kind in ("choice", "yesno", "multi")
        asked = asked or (at_buttons and not confirmed and asks_within(text))
        # At a figure, no answer holds « … ou pas » either (« je mets le max ou pas »)
        asked = asked or (question.kind in _FIGURES and not confirmed and asks_within(text))
        if question.kind == "info" and not asked:
            # The welcome takes any first words as "let's start", and a first answer in words
            # as one; a bare number ("2") only starts: the options it would pick are not shown.
            moved = self.advance(d, question, None, today)
            if v.match_choice(text, question.choices) is not None or not _has_letters(text):
                return moved
            answered = self._text(original, moved.dossier, text, today)
            taken = answered.accepted or answered.dossier.cursor.asking_back is not None
            return answered if taken else moved  # a greeting ("bonjour") just starts
        if asked and question.kind in ("text", "choice_or_text"):
            d.cursor.pending_text = text
            d.cursor.pending_exchange = self.exchange()  # its follow-up first, if recent
            return Outcome(d, [ambiguous(question, d.cursor.pending_exchange)])
        if question.kind == "stop" and not asked:
            changed = screen_choices.typed_at_stop(self, d, text, today)
            if changed is not None:  # « oui » after the « non » that stopped
                return changed
        if question.kind == "multi" and not question.required and says_none(text):
            # « aucun » at an optional list: none chosen, said so (not « question passée »)
            return navigation.skip(self, d, question, today, none_said=True)
        for rule in rules_of(question):
            # « les frais de structure c combien max ? »: a question naming the maximum, not
            # a request for it (« max ? » alone still is)
            offer = None if asked and len(text.split()) > 2 else rule.keyword(text)
            # (a word for an offer this dossier is not made, « reporter » with no overheads
            # to move, goes on to the question's own reading)
            if offer is not None and offer in {o.id for o in rule.offers(self.spec, d, question)}:
                value = rule.take_offer(self.spec, d, question, offer)
                return self.accept(original, d, question, value, today, offer=offer)
        if asked and question.kind in _FIGURES and _figure_only_in_words(text):
            # « c quoi une intervention juridique sur site ? »: a question, its « une » no 1
            kept = original.clone()
            return Outcome(kept, [self.brief(kept)], [AskQuestion(text.strip())])
        several = None if asked else each_named(self, original, d, question, text, today)
        if several is not None:  # « la région et l'état »: a funder for each
            return several
        typed_facts = None if asked else item_facts(self, d, question, text)
        # « 62 déplacements 2500 »: the type, the rest set aside. Words naming no option
        # (« 0AA », « 12 abc ») answer nothing: refused below, nothing set aside (a refused
        # text never changes the dossier).
        if typed_facts is not None and typed_facts.head is not None:
            noted = set_facts_aside(self, d, question, typed_facts)
            outcome = self._text(original, d, typed_facts.head, today, confirmed=confirmed)
            outcome.messages.insert(0, noted)
            return outcome
        later_line = None if asked else self._line_for_later(d, question, text)
        if later_line is not None:  # « la région 5000 (demande) » at the payroll tax
            return later_line
        number = None if asked else identifier_instead(self, d, question, text)
        if number is not None:  # « W623000123 » at the legal form: kept for the RNA
            return Outcome(d, [number, self.brief(d)])
        partly = None if asked else partly_elsewhere(self, original, d, question, text, today)
        if partly is not None:  # « oui en partie, … 2 à Dunkerque »: to confirm, said
            return partly
        within = None if asked else share_in_the_territory(self.spec, question, text)
        if within is not None:  # « 5 dont 3 dans le 62 » at the Pas-de-Calais' members
            return self.asking.ask(d, question, within)
        options = parse_options(self.spec, d, question)
        if input_of(question) == "choice":
            options["shown"] = self.prompts.options(d, question)
        # « chargée de mission à 0,95 etp, 42k chargé »: the role here, the rest carried on
        facts = None if asked else split_facts(self, d, question, text)
        later = carried_words(question, text) if facts is None else facts[1]
        share = None  # the post's share of a cost (`full_time_of_share`)
        try:
            try:
                typed = facts[0] if facts else text
                parsed = without_post_fte(self, d, question, typed)  # « 38k pour 0,8 etp »
                value = kinds.parse_answer(question, parsed, self.spec, options)
                share = full_time_of_share(self, d, question, typed, value)
                if share is not None:  # « 38k, c'est pour mon 0,8 »: never × 0,8 again
                    value = share[0]
                if asked and question.kind in _FIGURES:
                    return self._figure_in_question(d, question, text, value)
            except Clarification as unsure:
                if asked:
                    raise InvalidAnswer(unsure.code) from None
                outcome = self.asking.ask(d, question, unsure)
                if waiting is not None and waiting.kept and d.cursor.asking_back is not None:
                    # words kept while the value before was asked back: still kept
                    d.cursor.asking_back.kept = d.cursor.asking_back.kept or waiting.kept
                if d.cursor.asking_back is not None:  # "2500/mois": the figure kept for later
                    d.cursor.asking_back.carry = later
                    # « 17h30, c marie »: the name said not recorded once a value is kept
                    d.cursor.asking_back.person = (
                        person_after_fte(text) if question.kind == "fte" else None
                    )
                return outcome
            self.check(d, question, value)
        except InvalidAnswer as refused:
            if refused.code == "number_postponed" and not asked:
                # « à voir », « plus tard » at a figure: put off as at a free text (passed
                # where it may be, else what is possible), never « j'attends un nombre »
                return second_thoughts.put_off(self, d, question, text, today)
            if refused.code == "person_myself" and not asked:
                # « moi » at the contact, the representative's name given before: that
                # person? asked back, never refused as if no name were known
                known = self._person_named_before(d, question)
                if known is not None:
                    name, label = known
                    myself = NeedsConfirmation("person_is_myself", name, label=label)
                    return self.asking.ask(d, question, myself)
            if not asked:
                corrected = self.corrections.after_refusal(original, d, question, text, today)
                if corrected is not None:
                    return corrected
                amended = self._added_to_previous(d, question, text)
                if amended is not None:
                    return amended
                implied = self._implied_item(original, question, text, today)
                if implied is not None:  # « la Région 18k » at « D'autres financeurs ? »
                    return implied
                moded = amount_at_its_mode(self, original.clone(), question, text, today)
                if moded is not None:  # « 55k » at the mode of a post's cost: which mode?
                    return moded
                offered = self.asking.offer_details(d, question, text)
                if offered is None and question.kind == "review" and not d.cursor.after_edit:
                    offered = self.asking.offer_resume(d, question, text)
                if offered is not None:
                    return offered
            buttons = question.kind in ("choice", "yesno", "multi")
            if asked or (buttons and not confirmed and may_be_question(text)):
                # No answer at all: a question put to us ("C'est ma réponse" says otherwise).
                kept = original.clone()
                return Outcome(kept, [self.brief(kept)], [AskQuestion(text.strip())])
            # The same refusal twice in a row (« 5000 je maintiens » over the indirect-cost
            # cap): the message says what can be done instead, its quote not repeated.
            marker = f"{question.key}:{refused.code}"
            again = original.cursor.refused == marker
            context = {
                **refused.context,
                "question": question,
                "channel": self.channel,
                "again": again,
            }
            kept = original.clone()
            if refused.code == "address_without_street" and not asked:
                # « tout le 62 » at the address: kept for the territory, or its answer said
                context |= territory_of_address(self, kept, question, text)
            if refused.code == "amount_unit" and not asked:
                # « 1,5 ETP sur 6,2 » at the indirect costs: kept for the allocation key
                context |= allocation_key_kept(self, kept, question, text)
            if refused.code == "amount_format" and not asked:
                # « exonérés de taxe sur les salaires » at the social charges: for the tax
                context |= exemption_kept(self, kept, question, text)
            error = Message(render_macro(ERRORS, refused.code, **context))
            # « asso » at « dois-je retenir ce SIRET ? »: the SIRET still asked back, the
            # words kept for the legal form (never both dropped)
            still = (
                None if asked else self.asking.refused_while_asked(original, question, text, error)
            )
            if still is not None:
                return still
            kept.cursor.asking_back = None
            kept.cursor.refused = marker
            # words offered (« details », « words ») and refused here: not recorded, said so
            pending = original.cursor.asking_back
            words = question.kind in ("text", "choice_or_text") or (
                pending is not None and pending.kind == "details"  # the territory's EPCI
            )
            dropped = unrecorded_note(self, original, kept.cursor.key) if words else []
            return Outcome(kept, [*dropped, error, self.brief(kept)])
        accepted = self.accept(original, d, question, value, today)
        exempt = exemption_note(question, text) if accepted.answer is not None else None
        if exempt is not None:  # « on est exo » at the payroll tax: 0 €, said so
            accepted.messages.insert(0, exempt)
        rewritten = question.content in ("person", "name")
        if rewritten and value != clean_text(text):
            # « moi, sandrine lefebvre » is printed « Sandrine Lefebvre », « IRIAE 62, siret
            # … » « IRIAE 62 », « collectif iae » « Collectif iae »: said as stored
            written = render_macro(SCREENS, "name_as_written", name=value)
            accepted.messages.insert(0, Message(written))
        typed_address = " ".join(clean_text(facts[0] if facts else text).split())
        edited = original.cursor.return_to_review  # the edit's own note says it back
        if question.content == "address" and not facts and value != typed_address and not edited:
            # « 12 r des arts 62000 arras »: said as printed, « 12 rue des Arts, 62000 Arras »
            written = render_macro(SCREENS, "address_as_written", address=value)
            accepted.messages.insert(0, Message(written))
        if share is not None and accepted.answer is not None:
            accepted.messages.insert(0, share[1])
        person = person_after_fte(text) if question.kind == "fte" else None
        if person is not None and accepted.answer is not None:  # « 0,5 etp, c marie »
            accepted.messages.insert(0, person_not_recorded(question, person, value))
        if later is None and waiting is not None and waiting.carry:
            # « Coût annuel » typed at « vouliez-vous dire « Coût annuel » ? »: the figure
            # typed with it goes on as after a « oui », never dropped
            later = kept_for_later(self, question, accepted, waiting, value)
        carried = carry(self, question, accepted, later, today, as_typed=text)
        if later is None and waiting is not None and waiting.kept and accepted.answer is not None:
            # « on est exo » kept while « temps plein ou déjà 0,5 ETP ? » was asked, a new
            # cost typed instead: carried on as after a choice, or said not carried
            carried = self.asking.carry_kept(carried, waiting.kept, today)
        told = breakdown_unkept(question, text, carried)
        # « 380k€, Environ 400 BRSA »: the other figure kept for the next question, or said
        return told if later is not None else figures_unkept(self, question, text, told)

    def _person_named_before(self, d: Dossier, question: Question) -> tuple[str, str] | None:
        """The name (and its question's label) of the person last named before `question`
        (the legal representative before the contact), None when no person was named."""
        questions = self.plan(d)
        index = next((i for i, q in enumerate(questions) if q.key == question.key), 0)
        for earlier in reversed(questions[:index]):
            value = earlier.value(d) if earlier.content == "person" else None
            if isinstance(value, str) and value:
                return value, earlier.label.split(" (")[0]
        return None

    def check(self, d: Dossier, question: Question, value: Any) -> None:
        """Raise `InvalidAnswer` when a rule of the call refuses `value` for `question`."""
        for rule in rules_of(question):
            rule.check(self.spec, d, question, value)

    # -- answers ------------------------------------------------------------------------------
    def accept(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        value: Any,
        today: dt.date,
        *,
        offer: str | None = None,
    ) -> Outcome:
        d.cursor.asking_back = None
        if question.kind == "info":
            return self.advance(d, question, None, today)
        if question.kind == "stop":
            return screen_choices.stop_choice(self, d, value, today)
        if question.kind == "review":
            return screen_choices.review_choice(self, d, value, today)
        jump = store(question, d, value)
        # « Paul Durand » for « Marie Dupont »: her title asked for him, never kept unasked
        jump = title_left_with_the_person(self, original, d, question, value) or jump
        if d.cursor.filling_missing:
            d.cursor.filling_item = added_item(question, original, d) or d.cursor.filling_item
        for rule in rules_of(question):
            rule.after(self.spec, d, value, offer=offer)
        rules.derive(self.spec, d)
        self._planned = None
        dropped = identifiers_not_asked(self, d, question)  # an RNA for a GIP
        if question.key in d.skipped:
            d.skipped.remove(question.key)
        if question.key in d.provisional:
            d.provisional.remove(question.key)  # answered again: no longer « for now »
        unused = set_aside_unused(self, original, d, question, value)
        d.set_aside.pop(question.key, None)  # answered: nothing more to offer there
        if d.moved_past is not None and question.key in d.moved_past:
            d.moved_past.remove(question.key)  # "Non" again below, or "Oui": asked again
        d.cursor.pending_choices = []
        notes = [
            Message(text)
            for rule in rules_of(question)
            for text in rule.notes(self.spec, d, question, value, before=original)
        ]
        if unused is not None:  # a promise to offer words here, never dropped unsaid
            notes.insert(0, unused)
        notes[:0] = dropped
        outcome = self.advance(d, question, jump, today)
        outcome.messages[:0] = notes
        # An edit: its new value said back (not each field of an item added from the edit
        # menu, said once added).
        adding = original.cursor.filling_item is not None and not original.cursor.filling_missing
        if original.cursor.return_to_review and not (
            adding and item_of(question) == original.cursor.filling_item
        ):
            outcome.messages.insert(0, saved_note(question, original, d))
        outcome.answer = (question.key, jsonable(value))
        return outcome

    def advance(self, d: Dossier, question: Question, jump: str | None, today: dt.date) -> Outcome:
        questions = self.plan(d)
        if jump is None and question.role != "screen" and not question.answered(d):
            _moved_past(d, question)
        if jump is not None:
            return self.goto(d, jump, today, keep_return=d.cursor.return_to_review)
        if d.cursor.return_to_review:
            # An item added from the edit menu is asked in full; an edit may open questions
            # of its item ("mensuel" → months).
            opened = next_in_item(questions, question, d.cursor.filling_item)
            opened = opened or missing_in_item_after(questions, question, d)
            if opened is not None and _reached_from(questions, opened, d.cursor.back_to):
                # a correction typed at a question (« attends c 10 siae pas 8 » at the
                # months): the questions from that one on come in their turn, once back there
                opened = None
            if opened is not None:
                return self.goto(d, opened.key, today, keep_return=True)
            d.cursor.return_to_review = False
            added = None if d.cursor.filling_missing else d.cursor.filling_item
            if added is not None:
                d.cursor.filling_item = None
            stop = self.screen_of_kind(d, "stop")
            if stop is None and d.cursor.back_to is not None:  # a correction typed at a question
                return self.corrections.back(d, today)
            back = self.goto(d, stop.key if stop else self.review_key(d), today)
            # (the applicant was elsewhere meanwhile: « le max », meant for the budget just
            # edited, was offered to the question the review had been opened from)
            d.cursor.after_edit = True
            if added is not None and item_of(question) == added:
                back.messages.insert(
                    0, Message(render_macro(SCREENS, "item_added", group=question.group))
                )
            return back
        if d.cursor.filling_missing:  # "Compléter le dossier": only what is missing
            added = d.cursor.filling_item
            following = next_while_filling(questions, question, d, added=added)
            if following is None:
                d.cursor.stop_filling()
                return self.goto(d, self.review_key(d), today)
            d.cursor.filling_item = added if item_of(following) == added else None
            return self.goto(d, following.key, today)
        index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
        if index is None or index + 1 >= len(questions):
            missing = first_missing(questions, d)
            target = missing.key if missing else questions[-1].key
        else:
            target = questions[index + 1].key
        return self.goto(d, target, today)

    def goto(self, d: Dossier, key: str, today: dt.date, *, keep_return: bool = False) -> Outcome:
        if not keep_return:  # (an edit or a correction comes back to the item: it stays)
            self._leave_fresh_item(d, key)
            if not d.cursor.filling_missing:  # (an item added from the edit menu, left)
                d.cursor.filling_item = None
        # The interview goes on elsewhere: nothing to resume (checked only when there is one:
        # finding the review's key costs a walk of the plan on every move).
        elsewhere = not keep_return and not self.menu.owns(key)
        if d.cursor.resume_key is not None and elsewhere and key != self.review_key(d):
            d.cursor.resume_key = None
        if elsewhere:
            d.cursor.back_to = None
        d.cursor.key = key
        d.cursor.after_edit = False
        d.cursor.return_to_review = keep_return
        d.cursor.pending_choices = []
        d.cursor.pending_text = None
        d.cursor.pending_exchange = None
        d.cursor.asking_back = None
        return Outcome(d, [self.screen(d, today)])

    def _leave_fresh_item(self, d: Dossier, key: str) -> None:
        """Leaving for the review or the edit menu (`key`) the list item just added, nothing
        typed in it (« oui » to « another contribution? », then /recapitulatif): the empty
        item goes, as with « Précédent », instead of waiting in the review as answers
        missing (each « oui » on coming back added one more). When it was the list's only
        item, the list's yes/no says what the dossier now holds: « non »."""
        if key == d.cursor.key or d.cursor.key.rsplit(".", 1)[0] == key.rsplit(".", 1)[0]:
            return  # (a move within one item: cheap to tell, no plan walked)
        if not self.menu.owns(key) and key != self.review_key(d):
            return
        question = self.current(d)
        if question is None or question.list is None or not is_fresh_item(question, d):
            return
        info = question.list
        entries = info.path.get(d) or []
        if key.startswith(f"{info.key}.{info.item}.") or info.item != len(entries) - 1:
            return  # within the item; or not the last: the keys of those after it would shift
        only = len(entries) == 1
        delete_item(question, d)
        self.forget_plan()
        if only:  # (the list, now empty: its flag question is back in the plan)
            flag = find_question(self.plan(d), info.key)
            if flag is not None and flag.role == "flag" and flag.path is not None:
                flag.path.set(d, False)
                self.forget_plan()
        if d.cursor.resume_key is not None and d.cursor.resume_key.startswith(
            f"{info.key}.{info.item}."
        ):
            d.cursor.resume_key = None  # (the item it pointed into is gone)

    def plan(self, d: Dossier) -> list[Question]:
        """`plan_questions` for `d`, computed once until `d`'s answers change (the plan reads
        answers, never the cursor; every answer goes through `accept`, every deletion drops
        the cached plan)."""
        if self._planned is None or self._planned[0] is not d:
            self._planned = (d, plan_questions(self.spec, d))
        return self._planned[1]

    def _take_plan(self, d: Dossier, planned: list[Question] | None) -> None:
        # Whatever was planned before is dropped: the caller may have changed any dossier
        # since the last call.
        self._planned = None if planned is None else (d, planned)

    def forget_plan(self) -> None:
        self._planned = None

    def _keep_moved_past(self, d: Dossier) -> None:
        """A dossier saved before the questions moved past were kept gets them inferred
        once (`dialogs.plan.moved_past`), then kept like any other's."""
        if d.moved_past is None:
            d.moved_past = list(moved_past(self.plan(d), d))

    def current(self, d: Dossier) -> Question | None:
        return find_question(self.plan(d), d.cursor.key)

    def review_key(self, d: Dossier) -> str:
        found = self.screen_of_kind(d, "review")
        return found.key if found is not None else self.plan(d)[-1].key

    def review_sections(self, d: Dossier) -> list[tuple[str, str]]:
        """The sections the review can detail: those holding answers."""
        titles = {s.id: s.title for s in self.form.sections}
        return [(s, titles[s]) for s in self.menu.sections(d)]

    def screen_of_kind(self, d: Dossier, kind: str) -> Question | None:
        return next((q for q in self.plan(d) if q.kind == kind), None)

    def screen(self, d: Dossier, today: dt.date) -> Message:
        return self.prompts.screen(d, today)

    def brief(self, d: Dossier) -> Message:
        return self.prompts.brief(d)


#: Questions asked back about the words just typed at the question on screen.
_CLARIFYING = frozenset({"confirm", "pick", "correct"})


def _moved_past(d: Dossier, question: Question) -> None:
    """`question` left without an answer to store (a « Non » to « Ajouter une autre
    action ? »): put to the applicant, so not among the questions « Compléter le dossier »
    goes through. A question skipped is kept as such (`Dossier.skipped`)."""
    if d.moved_past is None or question.key in d.skipped or question.key in d.moved_past:
        return
    d.moved_past.append(question.key)


def _telling_unrecorded(engine: Interview, before: Dossier, outcome: Outcome) -> Outcome:
    """`outcome`, led by a note naming the answer `before` asked back, when it dropped it."""
    if outcome.dossier.cursor.asking_back is None:
        outcome.messages[:0] = unrecorded_note(engine, before, outcome.dossier.cursor.key)
    return outcome


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _answer_or_question(text: str) -> str | None:
    """Which button of « votre réponse, ou une question ? » a short message names in words
    (« réponse », « oui c'est ma réponse », « non c'est une question »): ANSWER_IT, ASK_IT,
    or None for anything else (« réponse » was stored as the answer itself)."""
    said = set(words(fold(text)))
    if len(said) > 6:
        return None
    if "reponse" in said and "question" not in said:
        return ANSWER_IT
    if "question" in said and "reponse" not in said:
        return ASK_IT
    return None


#: Question kinds whose answer is a figure: a message there read as a question or an aside
#: is never its figure (« une » of « c quoi une intervention… » is no 1).
_FIGURES = ("int", "int_comment", "fte", "money")


def _figure_only_in_words(text: str) -> bool:
    """Whether a message of three words or more holds no digit: any figure read in it comes
    from a word (« une », « max »), which a question uses without meaning a value."""
    return len(text.split()) >= 3 and not any(c.isdigit() for c in text)


def _only_yes(text: str) -> bool:
    """Whether a whole message is only a yes (« oui », « ouais », « oui bien sûr »)."""
    from dialogs.parsing.vocabulary import whole_answer

    return whole_answer(fold(text), vocabulary().yes_no.yes)


def _reached_from(questions: list[Question], opened: Question, back_to: str | None) -> bool:
    """Whether `opened`, a question an edit's item still misses, is the question a
    correction was typed at (`back_to`) or comes after it: the interview, back there, asks
    it in its turn (opened first, the months were asked, then the FTE and results, the
    optional partners skipped, then « Reprenons où vous en étiez » and the months again)."""
    if back_to is None:
        return False
    keys = [q.key for q in questions]
    if back_to not in keys or opened.key not in keys:
        return False
    return keys.index(opened.key) >= keys.index(back_to)
