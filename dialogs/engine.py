"""The interview engine: given a dossier and one user event, the new dossier and what to show.

Pure and channel-independent: no I/O, no clock (`today` is passed in), no Telegram. The
input dossier is never modified: an invalid answer returns it untouched, so a wrong answer
can never alter a saved one. Adapters (terminal, Telegram) translate their input into
`Text` / `Choose` / `Command` events and render the `Message`s they get back.

The questions come from the call's form (`dialogs.plan`); what a question does beyond
storing its answer comes from the rules it names (`dialogs.field_rules`). The engine knows
no question by its key: it knows kinds (a screen, a multiple choice) and roles (a field, a
list's flag, "one more?").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dialogs import kinds, rules
from dialogs import validation as v
from dialogs.calendar import call_status, final_report_deadline
from dialogs.dossier import Dossier
from dialogs.edit_menu import EditMenu
from dialogs.events import (
    ANSWER_IT,
    ASK_IT,
    ERRORS,
    KEYWORDS,
    NAV_BACK,
    NAV_HELP,
    NAV_OK,
    NAV_SKIP,
    SCREENS,
    AskQuestion,
    Button,
    Choose,
    Command,
    CommandName,
    ContactStaff,
    Event,
    GenerateDraft,
    Message,
    Outcome,
    Text,
    ambiguity_choices,
    ambiguous,
    error,
    input_of,
    jsonable,
    nav_label,
    note,
    progress_line,
)
from dialogs.field_rules import FIELD_RULES, FieldRule
from dialogs.plan import find_question, first_missing, plan_questions, store
from dialogs.question import Question
from dialogs.review import review
from dialogs.spec import CallSpec
from dialogs.texts import render_macro


class Interview:
    def __init__(self, spec: CallSpec) -> None:
        self.spec = spec
        self.form = spec.interview
        # The question plan of the dossier being handled (one event asks for it several
        # times); dropped whenever an answer or a deletion may change it.
        self._planned: tuple[Dossier, list[Question]] | None = None
        self.menu = EditMenu(self)

    # -- public API ---------------------------------------------------------------------------
    def new_dossier(self) -> Dossier:
        return Dossier(call_id=self.spec.identity.id)

    def questions(self, dossier: Dossier) -> list[Question]:
        """The questions planned for `dossier` now, in order."""
        return plan_questions(self.spec, dossier)

    @property
    def section_commands(self) -> dict[str, str]:
        """The adapters' section shortcuts (/organisation, /budget…): command → section."""
        return self.form.commands

    def show(self, dossier: Dossier, today: dt.date) -> Outcome:
        """The current question again (resume, /start, "where am I?")."""
        self._planned = None  # the caller may have changed any dossier since the last call
        d = dossier.model_copy(deep=True)
        return Outcome(d, [self.screen(d, today)])

    def handle(self, dossier: Dossier, event: Event, today: dt.date) -> Outcome:
        self._planned = None  # the caller may have changed any dossier since the last call
        d = dossier.model_copy(deep=True)
        if isinstance(event, Text):
            keyword = KEYWORDS.get(v.fold(event.value).lstrip("/").rstrip(" .!"))
            if keyword is not None and d.cursor.pending_text is None:
                return self._command(d, keyword, today)
            return self._text(dossier, d, event.value, today)
        if isinstance(event, Command):
            if event.name == "section":
                return self._jump(d, event.section or "", today)
            return self._command(d, event.name, today)
        return self._choose(dossier, d, event, today)

    # -- events -------------------------------------------------------------------------------
    def _command(self, d: Dossier, name: CommandName, today: dt.date) -> Outcome:
        question = self.current(d)
        if name in ("start", "where"):
            return Outcome(d, [self.screen(d, today)])
        if name == "cancel":
            d.cursor.pending_choices = []
            d.cursor.pending_text = None
            return Outcome(d, [note("cancelled"), self.screen(d, today)])
        if name == "help":
            return Outcome(d, [self._help(question), self.screen(d, today)])
        if name == "review":
            review_question = self._screen_of_kind(d, "review")
            if review_question is None:
                return Outcome(d, [note("review_unavailable"), self.screen(d, today)])
            return self.goto(d, review_question.key, today)
        if name == "back":
            return self._back(d, today)
        return self._skip(d, question, today)

    def _back(self, d: Dossier, today: dt.date) -> Outcome:
        key = d.cursor.key
        if d.cursor.return_to_review or self.menu.owns(key):
            parent = self.menu.parent(key)
            d.cursor.return_to_review = parent is not None and self.menu.owns(key)
            return self.goto(d, parent or self.review_key(d), today, keep_return=parent is not None)
        questions = self.plan(d)
        index = next((i for i, q in enumerate(questions) if q.key == key), 0)
        if index == 0:
            return Outcome(d, [note("at_start"), self.screen(d, today)])
        return self.goto(d, questions[index - 1].key, today)

    def _skip(self, d: Dossier, question: Question | None, today: dt.date) -> Outcome:
        if question is None or not question.skippable:
            return Outcome(d, [error("not_skippable"), self.screen(d, today)])
        if question.key not in d.skipped:
            d.skipped.append(question.key)
        return self._advance(d, question, None, today)

    def _choose(self, original: Dossier, d: Dossier, event: Choose, today: dt.date) -> Outcome:
        if event.key != d.cursor.key:
            return Outcome(d, [note("stale_button"), self.screen(d, today)])
        nav: dict[str, CommandName] = {NAV_BACK: "back", NAV_HELP: "help", NAV_SKIP: "skip"}
        if event.choice in nav:
            return self._command(d, nav[event.choice], today)
        if d.cursor.pending_text is not None and event.choice in (ANSWER_IT, ASK_IT):
            text, d.cursor.pending_text = d.cursor.pending_text, None
            if event.choice == ASK_IT:
                return Outcome(d, [self.screen(d, today)], [AskQuestion(text)])
            return self._text(original, d, text, today, confirmed=True)
        if self.menu.owns(d.cursor.key):
            return self.menu.choose(d, event.choice, today)
        question = self.current(d)
        if question is None:
            return Outcome(d, [self.screen(d, today)])
        if question.kind == "multi":
            return self._toggle(original, d, question, event.choice, today)
        for rule in self._rules(question):
            if event.choice in {o.id for o in rule.offers(self.spec, d, question)}:
                value = rule.take_offer(self.spec, d, event.choice)
                return self._accept(original, d, question, value, today, offer=event.choice)
        choice = next((c for c in kinds.choices_of(question) if c.id == event.choice), None)
        if choice is None:
            return Outcome(d, [note("stale_button"), self.screen(d, today)])
        return self._accept(original, d, question, kinds.choice_value(question, choice), today)

    def _toggle(
        self, original: Dossier, d: Dossier, question: Question, choice: str, today: dt.date
    ) -> Outcome:
        if choice == NAV_OK:
            if not d.cursor.pending_choices:
                return Outcome(d, [error("multi_empty"), self.screen(d, today)])
            chosen = [c.id for c in question.choices if c.id in d.cursor.pending_choices]
            d.cursor.pending_choices = []
            return self._accept(original, d, question, chosen, today)
        if choice not in {c.id for c in question.choices}:
            return Outcome(d, [note("stale_button"), self.screen(d, today)])
        pending = d.cursor.pending_choices
        if choice in pending:
            pending.remove(choice)
        else:
            pending.append(choice)
        return Outcome(d, [self.screen(d, today)])

    def _text(
        self, original: Dossier, d: Dossier, text: str, today: dt.date, *, confirmed: bool = False
    ) -> Outcome:
        key = d.cursor.key
        if d.cursor.pending_text is not None and not confirmed:
            which = v.match_choice(text, ambiguity_choices())
            if which is not None:
                return self._choose(original, d, Choose(key, which.id), today)
            d.cursor.pending_text = None
        if self.menu.owns(key):
            return self.menu.text(d, text, today)
        question = self.current(d)
        if question is None:
            return Outcome(d, [self.screen(d, today)])
        looks_like_question = text.strip().endswith("?") and len(text.strip()) > 3
        if looks_like_question and not confirmed and question.kind in ("text", "choice_or_text"):
            d.cursor.pending_text = text
            return Outcome(d, [ambiguous(question)])
        for rule in self._rules(question):
            offer = rule.keyword(text)
            if offer is not None:
                value = rule.take_offer(self.spec, d, offer)
                return self._accept(original, d, question, value, today, offer=offer)
        try:
            value = kinds.parse_answer(question, text, self.spec)
            for rule in self._rules(question):
                rule.check(self.spec, d, question, value)
        except v.InvalidAnswer as refused:
            if looks_like_question:
                return Outcome(
                    original.model_copy(deep=True),
                    [self.screen(original, today)],
                    [AskQuestion(text.strip())],
                )
            context = {**refused.details, "question": question}
            return Outcome(
                original.model_copy(deep=True),
                [
                    Message(render_macro(ERRORS, refused.code, **context)),
                    self.screen(original, today),
                ],
            )
        return self._accept(original, d, question, value, today)

    # -- answers ------------------------------------------------------------------------------
    def _accept(
        self,
        original: Dossier,
        d: Dossier,
        question: Question,
        value: Any,
        today: dt.date,
        *,
        offer: str | None = None,
    ) -> Outcome:
        if question.kind == "info":
            return self._advance(d, question, None, today)
        if question.kind == "stop":
            return self._stop_choice(d, value, today)
        if question.kind == "review":
            return self._review_choice(d, value, today)
        jump = store(question, d, value)
        for rule in self._rules(question):
            rule.after(self.spec, d, value, offer=offer)
        rules.derive(self.spec, d)
        self._planned = None
        if question.key in d.skipped:
            d.skipped.remove(question.key)
        d.cursor.pending_choices = []
        notes = [
            Message(text)
            for rule in self._rules(question)
            for text in rule.notes(self.spec, d, question, value)
        ]
        outcome = self._advance(d, question, jump, today)
        outcome.messages[:0] = notes
        outcome.answer = (question.key, jsonable(value))
        return outcome

    def _advance(self, d: Dossier, question: Question, jump: str | None, today: dt.date) -> Outcome:
        questions = self.plan(d)
        if jump is not None:
            return self.goto(d, jump, today, keep_return=d.cursor.return_to_review)
        if d.cursor.return_to_review:
            d.cursor.return_to_review = False
            stop = self._screen_of_kind(d, "stop")
            return self.goto(d, stop.key if stop else self.review_key(d), today)
        index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
        if index is None or index + 1 >= len(questions):
            missing = first_missing(questions, d)
            target = missing.key if missing else questions[-1].key
        else:
            target = questions[index + 1].key
        return self.goto(d, target, today)

    def _jump(self, d: Dossier, section: str, today: dt.date) -> Outcome:
        """A section's shortcut: its first missing answer, else its edit menu (then back to
        the review); a section the dossier does not reach yet (not eligible) is refused."""
        questions = [q for q in self.plan(d) if q.section == section]
        if not questions or section not in self.menu.sections(d):
            titles = {s.id: s.title for s in self.form.sections}
            message = Message(
                render_macro(SCREENS, "section_unavailable", title=titles.get(section, section))
            )
            return Outcome(d, [message, self.screen(d, today)])
        missing = first_missing(questions, d)
        if missing is not None:
            return self.goto(d, missing.key, today)
        return self.goto(d, self.menu.section_key(section), today, keep_return=True)

    def goto(self, d: Dossier, key: str, today: dt.date, *, keep_return: bool = False) -> Outcome:
        d.cursor.key = key
        d.cursor.return_to_review = keep_return
        d.cursor.pending_choices = []
        d.cursor.pending_text = None
        return Outcome(d, [self.screen(d, today)])

    def _stop_choice(self, d: Dossier, value: str, today: dt.date) -> Outcome:
        if value == "contact":
            return Outcome(
                d,
                [Message(render_macro(SCREENS, "contact", spec=self.spec)), self.screen(d, today)],
                [ContactStaff("ineligible")],
            )
        questions = self.plan(d)
        stop_index = next(i for i, q in enumerate(questions) if q.kind == "stop")
        return self.goto(d, questions[stop_index - 1].key, today)

    def _review_choice(self, d: Dossier, value: str, today: dt.date) -> Outcome:
        if value == "draft":
            return Outcome(d, [note("draft_coming")], [GenerateDraft()])
        if value == "edit":
            return self.goto(d, self.menu.root_key, today, keep_return=True)
        missing = first_missing(self.plan(d), d)
        if missing is None:
            return Outcome(d, [note("nothing_missing"), self.screen(d, today)])
        return self.goto(d, missing.key, today)

    # -- screens ------------------------------------------------------------------------------
    def plan(self, d: Dossier) -> list[Question]:
        """`plan_questions` for `d`, computed once until `d`'s answers change (the plan reads
        answers, never the cursor; every answer goes through `_accept`, every deletion
        through the edit menu: both drop the cached plan)."""
        if self._planned is None or self._planned[0] is not d:
            self._planned = (d, plan_questions(self.spec, d))
        return self._planned[1]

    def forget_plan(self) -> None:
        self._planned = None

    def current(self, d: Dossier) -> Question | None:
        return find_question(self.plan(d), d.cursor.key)

    def review_key(self, d: Dossier) -> str:
        found = self._screen_of_kind(d, "review")
        return found.key if found is not None else self.plan(d)[-1].key

    def _screen_of_kind(self, d: Dossier, kind: str) -> Question | None:
        return next((q for q in self.plan(d) if q.kind == kind), None)

    def progress(self, section: str, detail: str) -> str:
        return progress_line(self.form, section, detail)

    def screen(self, d: Dossier, today: dt.date) -> Message:
        if self.menu.owns(d.cursor.key):
            return self.menu.screen(d)
        question = self.current(d)
        if question is None:
            questions = self.plan(d)
            missing = first_missing(questions, d)
            d.cursor.key = missing.key if missing else questions[-1].key
            question = self.current(d)
            assert question is not None
        return self._prompt(d, question, today)

    def _prompt(self, d: Dossier, q: Question, today: dt.date) -> Message:
        context: dict[str, Any] = dict(q.context)
        for rule in self._rules(q):
            context.update(rule.context(self.spec, d, q))
        context.update(spec=self.spec, dossier=d, question=q)
        if q.kind == "info":
            context.update(
                status=call_status(self.spec, today),
                today=today,
                report_deadline=final_report_deadline(self.spec),
            )
        if q.kind == "review":
            context.update(report=review(self.spec, d, today), today=today)
        body = render_macro(self.spec.compiled_form.prompt_template(q.prompt), q.prompt, **context)
        current = q.value(d)
        if current is not None and q.kind not in ("info", "stop", "review"):
            body += "\n\n" + render_macro(SCREENS, "current_value", question=q, value=current)
        buttons = [Button(c.id, c.label) for c in kinds.choices_of(q)]
        for rule in self._rules(q):
            buttons.extend(Button(o.id, o.label) for o in rule.offers(self.spec, d, q))
        if q.kind == "multi":
            buttons.append(Button(NAV_OK, nav_label(NAV_OK), nav=True))
        questions = self.plan(d)
        if q.help:
            buttons.append(Button(NAV_HELP, nav_label(NAV_HELP), nav=True))
        if q.skippable:
            buttons.append(Button(NAV_SKIP, nav_label(NAV_SKIP), nav=True))
        if questions and questions[0].key != q.key:
            buttons.append(Button(NAV_BACK, nav_label(NAV_BACK), nav=True))
        return Message(
            html=body,
            key=q.key,
            progress=self.progress(q.section, q.detail),
            buttons=tuple(buttons),
            multi=q.kind == "multi",
            selected=tuple(d.cursor.pending_choices),
            input=input_of(q),
        )

    def _help(self, question: Question | None) -> Message:
        return Message(render_macro(SCREENS, "help", question=question, spec=self.spec))

    @staticmethod
    def _rules(question: Question) -> list[FieldRule]:
        return [FIELD_RULES[name] for name in question.rules]
