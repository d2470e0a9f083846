"""What the interview shows: the current question in full, or in one line as a reminder.

The full prompt comes when the user reaches a question; after a question asked mid-way, a
refused answer or a command, the user gets a one-line reminder of the pending question with
its buttons, not the whole screen again (a phone screen is small).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dialogs import kinds
from dialogs.calendar import call_status, final_report_deadline
from dialogs.dossier import Dossier
from dialogs.events import (
    KEEP,
    NAV_BACK,
    NAV_HELP,
    NAV_OK,
    NAV_SKIP,
    NAVIGATION,
    SCREENS,
    Button,
    Message,
    input_of,
    nav_label,
    progress_line,
)
from dialogs.field_rules import FIELD_RULES, FieldRule
from dialogs.plan import (
    first_missing,
    is_fresh_item,
    never_asked,
    resume_question,
)
from dialogs.question import SCREEN_KINDS, Question
from dialogs.review import ReviewReport, review
from dialogs.screen_choices import needs_relay
from dialogs.texts import render_macro

if TYPE_CHECKING:
    from dialogs.engine import Interview
    from dialogs.spec import CallSpec


@dataclass(frozen=True)
class SectionState:
    id: str
    title: str
    required: int
    answered: int
    #: A rule of the call or a requirement of the form broken by this section's answers.
    breached: bool = False
    #: Advice on this section's answers (all indicators at 0): not a block, but no ✅.
    advised: bool = False

    @property
    def missing(self) -> int:
        return self.required - self.answered


class Prompts:
    def __init__(self, engine: Interview) -> None:
        self.engine = engine
        self.spec = engine.spec

    def screen(self, d: Dossier, today: dt.date) -> Message:
        """The current question in full (an edit menu, when the cursor is on one)."""
        if self.engine.menu.owns(d.cursor.key):
            return self.engine.menu.screen(d)
        return self.prompt(d, self.settle(d), today)

    def brief(self, d: Dossier) -> Message:
        """The current question in one line, with its buttons: a reminder."""
        if self.engine.menu.owns(d.cursor.key):
            return self.engine.menu.screen(d)
        q = self.settle(d)
        html = render_macro(
            SCREENS,
            "reminder",
            question=q,
            label=_short(q),
            options=self.options(d, q),  # as offered (no "ask the team" without a staff group)
            channel=self.engine.channel,
        )
        return Message(
            html,
            key=q.key,
            buttons=tuple(self._buttons(d, q)),
            multi=q.kind == "multi",
            selected=tuple(d.cursor.pending_choices),
            input=input_of(q),
        )

    def settle(self, d: Dossier) -> Question:
        """The question under the cursor (moved to the first missing one when the cursor's
        question left the plan)."""
        question = self.engine.current(d)
        if question is None:
            questions = self.engine.plan(d)
            missing = first_missing(questions, d)
            d.cursor.key = missing.key if missing else questions[-1].key
            question = self.engine.current(d)
            assert question is not None
        return question

    def prompt(self, d: Dossier, q: Question, today: dt.date) -> Message:
        context: dict[str, Any] = dict(q.context)
        for rule in rules_of(q):
            context.update(rule.context(self.spec, d, q))
        context.update(
            spec=self.spec,
            dossier=d,
            question=q,
            channel=self.engine.channel,
            relay=self.engine.relay,
        )
        progress = progress_line(self.engine.form, q.section, q.detail)
        if q.kind == "info":
            context.update(
                status=call_status(self.spec, today),
                today=today,
                report_deadline=final_report_deadline(self.spec),
            )
        if q.kind == "review":
            report = review(self.spec, d, today)
            planned = self.engine.plan(d)
            # Optional questions never put to the applicant (left for the review midway,
            # or passed by a completion of old): the dossier is not finished while they wait.
            unasked = [u.label for u in never_asked(planned, d) if not u.required]
            context.update(
                report=report, today=today, sections=self._sections(d, report), unasked=unasked
            )
            # The review midway: where the applicant really is. Reached at the end with
            # answers still missing, the applicant is at the review, not at the step of the
            # first one (« vous en êtes à l'étape 4/7 » once the budget was done).
            missing = resume_question(planned, d)
            if missing is not None:
                step = self.engine.form.step(missing.section)
                progress = render_macro(
                    NAVIGATION,
                    "review_midway",
                    number=step,
                    total=len(self.engine.form.sections),
                    title=self.engine.form.sections[step - 1].title,
                )
        body = render_macro(self.spec.compiled_form.prompt_template(q.prompt), q.prompt, **context)
        if q.list is not None and q.list.item and is_fresh_item(q, d):
            # (a tester, after « Oui » to « Autre action ? », found no way back but /annuler)
            body += "\n\n" + render_macro(SCREENS, "fresh_item_way_out")
        current = q.value(d)
        if current is not None and q.kind not in SCREEN_KINDS:
            body += "\n\n" + render_macro(SCREENS, "current_value", question=q, value=current)
        return Message(
            html=body,
            key=q.key,
            progress=progress,
            buttons=tuple(self._buttons(d, q)),
            multi=q.kind == "multi",
            selected=tuple(d.cursor.pending_choices),
            input=input_of(q),
        )

    def options(self, d: Dossier, q: Question) -> list[Button]:
        """The options the screen of `q` offers (its buttons but navigation), in order: the
        terminal numbers them, and a number or a label typed picks among them."""
        return [b for b in self._buttons(d, q) if not b.nav]

    def _buttons(self, d: Dossier, q: Question) -> list[Button]:
        buttons = [
            Button(c.id, c.label)
            for c in kinds.choices_of(q)
            if self.engine.relay or not needs_relay(q, c.id)
        ]
        for rule in rules_of(q):
            buttons.extend(Button(o.id, o.label) for o in rule.offers(self.spec, d, q))
        if q.kind == "review":
            shown = [*self.engine.review_sections(d)]
            if review(self.spec, d).warnings:
                shown.append(("_warnings", render_macro(SCREENS, "warnings_title")))
            buttons.extend(
                Button(f"_show:{s}", render_macro(NAVIGATION, "show_section", title=t))
                for s, t in shown
            )
        if q.kind == "multi":
            buttons.append(Button(NAV_OK, nav_label(NAV_OK), nav=True))
        if q.value(d) is not None and q.kind not in SCREEN_KINDS:
            buttons.append(Button(KEEP, nav_label(KEEP), nav=True))
        if q.help:
            buttons.append(Button(NAV_HELP, nav_label(NAV_HELP), nav=True))
        if q.skippable:
            buttons.append(Button(NAV_SKIP, nav_label(NAV_SKIP), nav=True))
        questions = self.engine.plan(d)
        if questions and questions[0].key != q.key:
            buttons.append(Button(NAV_BACK, nav_label(NAV_BACK), nav=True))
        return buttons

    def _sections(self, d: Dossier, report: ReviewReport) -> list[SectionState]:
        planned = self.engine.plan(d)
        breached = {w.about for w in report.breaches}
        advised = {w.about for w in report.warnings if w.kind == "advice"}
        states = []
        for section, title in self.engine.review_sections(d):
            questions = [q for q in planned if q.section == section]
            required = [q for q in questions if q.required]
            answered = sum(1 for q in required if q.answered(d))
            about = {str(q.path.steps[0].name) for q in questions if q.path is not None}
            states.append(
                SectionState(
                    section,
                    title,
                    len(required),
                    answered,
                    breached=bool(about & breached),
                    advised=bool(about & advised),
                )
            )
        return states

    def help(self, question: Question | None) -> Message:
        return Message(
            render_macro(
                SCREENS, "help", question=question, spec=self.spec, channel=self.engine.channel
            )
        )


def rules_of(question: Question) -> list[FieldRule]:
    return [FIELD_RULES[name] for name in question.rules]


def parse_options(spec: CallSpec, d: Dossier, question: Question) -> dict[str, Any]:
    """What `question`'s rules tell its parser (a cap, a total left, the options shown),
    merged in the order the form names the rules."""
    options: dict[str, Any] = {}
    for rule in rules_of(question):
        options.update(rule.parse_options(spec, d, question))
    return options


def _short(question: Question) -> str:
    return question.label.split(" (")[0]
