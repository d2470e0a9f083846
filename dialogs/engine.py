"""The interview engine: given a dossier and one user event, the new dossier and what to show.

Pure and channel-independent: no I/O, no clock (`today` is passed in), no Telegram. The
input dossier is never modified: an invalid answer returns it untouched, so a wrong answer
can never alter a saved one. Adapters (terminal, Telegram) translate their input into
`Text` / `Choose` / `Command` events and render the `Message`s they get back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from dialogs import validation as v
from dialogs.budget import compute_totals, staff_line_cost
from dialogs.calendar import agreement_months, call_status, final_report_deadline
from dialogs.dossier import Dossier
from dialogs.money import format_eur
from dialogs.review import review
from dialogs.spec import CallSpec, Choice
from dialogs.steps import (
    STEP_TITLE,
    Question,
    Section,
    delete_group_item,
    find_question,
    is_missing,
    plan_questions,
    progress_line,
)
from dialogs.texts import render_macro

QUESTIONS = "messages/questions.html.j2"
ERRORS = "messages/errors.html.j2"
SCREENS = "messages/screens.html.j2"

CommandName = Literal["start", "help", "back", "skip", "review", "cancel", "where", "section"]

NAV_BACK, NAV_HELP, NAV_SKIP, NAV_OK = "_back", "_help", "_skip", "_ok"
ANSWER_IT, ASK_IT = "_answer", "_question"
YES_NO = (Choice(id="yes", label="Oui"), Choice(id="no", label="Non"))
AMBIGUOUS_CHOICES = (
    Choice(id=ANSWER_IT, label="C’est ma réponse"),
    Choice(id=ASK_IT, label="C’est une question"),
)

_KEYWORDS: dict[str, CommandName] = {
    "aide": "help",
    "help": "help",
    "?": "help",
    "precedent": "back",
    "retour": "back",
    "passer": "skip",
    "recapitulatif": "review",
    "recap": "review",
    "annuler": "cancel",
}


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


Effect = GenerateDraft | AskQuestion | ContactStaff


@dataclass
class Outcome:
    dossier: Dossier
    messages: list[Message] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    answer: tuple[str, Any] | None = None

    @property
    def accepted(self) -> bool:
        return self.answer is not None


EDIT_SECTIONS: tuple[Section, ...] = ("eligibility", "organisation", "plan", "indicators", "budget")
#: The adapters' section shortcuts (/organisation, /budget…): command name → section.
SECTION_COMMANDS: dict[str, Section] = {
    "eligibilite": "eligibility",
    "organisation": "organisation",
    "plan": "plan",
    "indicateurs": "indicators",
    "budget": "budget",
}


class Interview:
    def __init__(self, spec: CallSpec) -> None:
        self.spec = spec
        # The question plan of the dossier being handled (one event asks for it several
        # times); dropped whenever an answer or a deletion may change it.
        self._planned: tuple[Dossier, list[Question]] | None = None

    # -- public API ---------------------------------------------------------------------------
    def new_dossier(self) -> Dossier:
        return Dossier(call_id=self.spec.identity.id)

    def questions(self, dossier: Dossier) -> list[Question]:
        """The questions planned for `dossier` now, in order."""
        return plan_questions(self.spec, dossier)

    def show(self, dossier: Dossier, today: dt.date) -> Outcome:
        """The current question again (resume, /start, "where am I?")."""
        self._planned = None  # the caller may have changed any dossier since the last call
        d = dossier.model_copy(deep=True)
        return Outcome(d, [self._screen(d, today)])

    def handle(self, dossier: Dossier, event: Event, today: dt.date) -> Outcome:
        self._planned = None  # the caller may have changed any dossier since the last call
        d = dossier.model_copy(deep=True)
        if isinstance(event, Text):
            keyword = _KEYWORDS.get(v.fold(event.value).lstrip("/").rstrip(" .!"))
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
        question = self._current(d)
        if name in ("start", "where"):
            return Outcome(d, [self._screen(d, today)])
        if name == "cancel":
            d.cursor.pending_choices = []
            d.cursor.pending_text = None
            return Outcome(d, [_note("cancelled"), self._screen(d, today)])
        if name == "help":
            return Outcome(d, [self._help(d, question), self._screen(d, today)])
        if name == "review":
            if find_question(self._plan(d), "review") is None:
                return Outcome(d, [_note("review_unavailable"), self._screen(d, today)])
            return self._goto(d, "review", today)
        if name == "back":
            return self._back(d, question, today)
        return self._skip(d, question, today)

    def _back(self, d: Dossier, question: Question | None, today: dt.date) -> Outcome:
        key = d.cursor.key
        if d.cursor.return_to_review or key.startswith("edit"):
            parent = key.rpartition(":")[0] if key.startswith("edit:") else ""
            d.cursor.return_to_review = bool(parent) and key.startswith("edit")
            return self._goto(d, parent or "review", today, keep_return=bool(parent))
        questions = self._plan(d)
        index = next((i for i, q in enumerate(questions) if q.key == key), 0)
        if index == 0:
            return Outcome(d, [_note("at_start"), self._screen(d, today)])
        return self._goto(d, questions[index - 1].key, today)

    def _skip(self, d: Dossier, question: Question | None, today: dt.date) -> Outcome:
        if question is None or not question.skippable:
            return Outcome(d, [_error("not_skippable"), self._screen(d, today)])
        if question.key not in d.skipped:
            d.skipped.append(question.key)
        return self._advance(d, question, None, today, skipped=True)

    def _choose(self, original: Dossier, d: Dossier, event: Choose, today: dt.date) -> Outcome:
        if event.key != d.cursor.key:
            return Outcome(d, [_note("stale_button"), self._screen(d, today)])
        nav = {NAV_BACK: "back", NAV_HELP: "help", NAV_SKIP: "skip"}
        if event.choice in nav:
            return self._command(d, nav[event.choice], today)  # type: ignore[arg-type]
        if d.cursor.pending_text is not None and event.choice in (ANSWER_IT, ASK_IT):
            text, d.cursor.pending_text = d.cursor.pending_text, None
            if event.choice == ASK_IT:
                return Outcome(d, [self._screen(d, today)], [AskQuestion(text)])
            return self._text(original, d, text, today, confirmed=True)
        if d.cursor.key.startswith("edit"):
            return self._edit_menu_choice(d, event.choice, today)
        question = self._current(d)
        if question is None:
            return Outcome(d, [self._screen(d, today)])
        if question.kind == "multi":
            return self._toggle(original, d, question, event.choice, today)
        choices = _choices_of(question)
        if question.key == "bud.indirect" and event.choice == "max":
            cap = self._indirect_cap(d)
            return self._accept(original, d, question, cap, today)
        choice = next((c for c in choices if c.id == event.choice), None)
        if choice is None:
            return Outcome(d, [_note("stale_button"), self._screen(d, today)])
        return self._accept(original, d, question, _choice_value(question, choice), today)

    def _toggle(
        self, original: Dossier, d: Dossier, question: Question, choice: str, today: dt.date
    ) -> Outcome:
        if choice == NAV_OK:
            if not d.cursor.pending_choices:
                return Outcome(d, [_error("multi_empty"), self._screen(d, today)])
            chosen = [c.id for c in question.choices if c.id in d.cursor.pending_choices]
            d.cursor.pending_choices = []
            return self._accept(original, d, question, chosen, today)
        if choice not in {c.id for c in question.choices}:
            return Outcome(d, [_note("stale_button"), self._screen(d, today)])
        pending = d.cursor.pending_choices
        if choice in pending:
            pending.remove(choice)
        else:
            pending.append(choice)
        return Outcome(d, [self._screen(d, today)])

    def _text(
        self, original: Dossier, d: Dossier, text: str, today: dt.date, *, confirmed: bool = False
    ) -> Outcome:
        key = d.cursor.key
        if d.cursor.pending_text is not None and not confirmed:
            which = v.match_choice(text, AMBIGUOUS_CHOICES)
            if which is not None:
                return self._choose(original, d, Choose(key, which.id), today)
            d.cursor.pending_text = None
        if key.startswith("edit"):
            return self._edit_menu_text(d, text, today)
        question = self._current(d)
        if question is None:
            return Outcome(d, [self._screen(d, today)])
        looks_like_question = text.strip().endswith("?") and len(text.strip()) > 3
        if looks_like_question and not confirmed and question.kind in ("text", "choice_or_text"):
            d.cursor.pending_text = text
            return Outcome(d, [_ambiguous(question)])
        try:
            value = self._parse(d, question, text, today)
        except v.InvalidAnswer as error:
            if looks_like_question:
                return Outcome(
                    original.model_copy(deep=True),
                    [self._screen(original, today)],
                    [AskQuestion(text.strip())],
                )
            context = {**error.details, "question": question}
            return Outcome(
                original.model_copy(deep=True),
                [
                    Message(render_macro(ERRORS, error.code, **context)),
                    self._screen(original, today),
                ],
            )
        return self._accept(original, d, question, value, today)

    # -- answers ------------------------------------------------------------------------------
    def _parse(self, d: Dossier, q: Question, text: str, today: dt.date) -> Any:
        limits = q.limits
        kind = q.kind
        if kind in ("info", "stop", "review", "choice", "yesno"):
            if kind == "info" and not text.strip():
                return "start"
            choice = v.parse_choice(text, _choices_of(q))
            return _choice_value(q, choice)
        if kind == "choice_or_text":
            found = v.match_choice(text, q.choices)
            return found.label if found else v.parse_text(text, max_length=limits["max_length"])
        if kind == "multi":
            return v.parse_multi(text, q.choices)
        if kind == "text":
            return v.parse_text(text, max_length=limits["max_length"])
        if kind == "int":
            return v.parse_int(text, maximum=limits["maximum"])
        if kind == "int_comment":
            return v.parse_int_with_comment(text, maximum=limits["maximum"])
        if kind == "fte":
            return v.parse_fte(text, maximum=limits["maximum"])
        if kind == "money":
            if q.key == "bud.indirect" and v.fold(text) in ("max", "maximum"):
                return self._indirect_cap(d)
            value = v.parse_money(text)
            if q.key == "bud.indirect":
                cap = self._indirect_cap(d)
                if value > cap:
                    totals = compute_totals(d.budget, self.spec.financing)
                    raise v.InvalidAnswer(
                        "indirect_cap",
                        cap=cap,
                        staff=totals.staff,
                        rate=self.spec.financing.indirect_cap_rate,
                        quote=self.spec.financing.indirect_costs.quote,
                    )
            return value
        if kind == "email":
            return v.parse_email(text)
        if kind == "phone":
            return v.parse_phone(text)
        if kind == "siret":
            return v.parse_siret(text)
        if kind == "months":
            return v.parse_months(text, agreement_months(self.spec))
        raise AssertionError(f"unknown question kind {kind}")  # pragma: no cover

    def _indirect_cap(self, d: Dossier) -> Decimal:
        return compute_totals(d.budget, self.spec.financing).indirect_cap

    def _accept(
        self, original: Dossier, d: Dossier, question: Question, value: Any, today: dt.date
    ) -> Outcome:
        key = question.key
        if question.kind == "info":
            return self._advance(d, question, None, today)
        if question.kind == "stop":
            return self._stop_choice(d, value, today)
        if question.kind == "review":
            return self._review_choice(d, value, today)
        jump = question.put(d, value)
        self._planned = None
        if key in d.skipped:
            d.skipped.remove(key)
        d.cursor.pending_choices = []
        notes = self._after_answer_notes(d, question, value)
        outcome = self._advance(d, question, jump, today)
        outcome.messages[:0] = notes
        outcome.answer = (key, _jsonable(value))
        return outcome

    def _advance(
        self,
        d: Dossier,
        question: Question,
        jump: str | None,
        today: dt.date,
        *,
        skipped: bool = False,
    ) -> Outcome:
        questions = self._plan(d)
        if jump is not None:
            return self._goto(d, jump, today, keep_return=d.cursor.return_to_review)
        if d.cursor.return_to_review:
            d.cursor.return_to_review = False
            stop = find_question(questions, "elig.stop")
            return self._goto(d, stop.key if stop else "review", today)
        index = next((i for i, q in enumerate(questions) if q.key == question.key), None)
        if index is None or index + 1 >= len(questions):
            target = _first_missing(questions, d) or questions[-1].key
        else:
            target = questions[index + 1].key
        return self._goto(d, target, today)

    def _jump(self, d: Dossier, section: str, today: dt.date) -> Outcome:
        """A section's shortcut: its first missing answer, else its edit menu (then back to
        the review); a section the dossier does not reach yet (not eligible) is refused."""
        questions = [q for q in self._plan(d) if q.section == section]
        if not questions or section not in EDIT_SECTIONS:
            title = STEP_TITLE.get(section, section)  # type: ignore[call-overload]
            note = Message(render_macro(SCREENS, "section_unavailable", title=title))
            return Outcome(d, [note, self._screen(d, today)])
        missing = next((q for q in questions if is_missing(q, d)), None)
        if missing is not None:
            return self._goto(d, missing.key, today)
        return self._goto(d, f"edit:{section}", today, keep_return=True)

    def _goto(self, d: Dossier, key: str, today: dt.date, *, keep_return: bool = False) -> Outcome:
        d.cursor.key = key
        d.cursor.return_to_review = keep_return
        d.cursor.pending_choices = []
        d.cursor.pending_text = None
        return Outcome(d, [self._screen(d, today)])

    def _after_answer_notes(self, d: Dossier, question: Question, value: Any) -> list[Message]:
        notes: list[Message] = []
        key = question.key
        if question.kind == "months":
            period = set(agreement_months(self.spec))
            outside = [m for m in value if m not in period]
            if outside:
                notes.append(
                    Message(
                        render_macro(
                            ERRORS,
                            "months_outside_note",
                            months=outside,
                            agreement=self.spec.agreement,
                        )
                    )
                )
        if key.startswith("bud.staff.") and key.split(".")[2].isdigit():
            line = d.budget.staff[int(key.split(".")[2])]
            cost = staff_line_cost(line)
            if cost is not None and key.endswith(("_cost", ".months")):
                notes.append(
                    Message(render_macro(SCREENS, "staff_line_cost", line=line, cost=cost))
                )
        if (key.startswith("bud.") and question.kind == "money") or key in (
            "bud.funders",
            "bud.other",
        ):
            totals = compute_totals(d.budget, self.spec.financing)
            notes.append(
                Message(render_macro(SCREENS, "budget_totals", totals=totals, spec=self.spec))
            )
        return notes

    def _stop_choice(self, d: Dossier, value: str, today: dt.date) -> Outcome:
        if value == "contact":
            return Outcome(
                d,
                [Message(render_macro(SCREENS, "contact", spec=self.spec)), self._screen(d, today)],
                [ContactStaff("ineligible")],
            )
        questions = self._plan(d)
        stop_index = next(i for i, q in enumerate(questions) if q.key == "elig.stop")
        return self._goto(d, questions[stop_index - 1].key, today)

    def _review_choice(self, d: Dossier, value: str, today: dt.date) -> Outcome:
        if value == "draft":
            return Outcome(d, [_note("draft_coming")], [GenerateDraft()])
        if value == "edit":
            return self._goto(d, "edit", today, keep_return=True)
        target = _first_missing(self._plan(d), d)
        if target is None:
            return Outcome(d, [_note("nothing_missing"), self._screen(d, today)])
        return self._goto(d, target, today)

    # -- edit menus (from the review) --------------------------------------------------------
    def _edit_entries(self, d: Dossier) -> list[Button]:
        questions = [q for q in self._plan(d) if q.kind not in ("info", "review", "stop")]
        key = d.cursor.key
        if key == "edit":
            sections = [s for s in EDIT_SECTIONS if any(q.section == s for q in questions)]
            return [Button(s, STEP_TITLE[s]) for s in sections]
        _, section, *rest = key.split(":")
        in_section = [q for q in questions if q.section == section and not q.key.endswith("more")]
        groups = list(dict.fromkeys(q.group for q in in_section))
        if not rest and len(groups) > 1:
            return [Button(f"g{i}", g or STEP_TITLE[section]) for i, g in enumerate(groups)]  # type: ignore[index]
        group = groups[int(rest[0][1:])] if rest else groups[0] if groups else ""
        entries = [Button(q.key, _short_label(q)) for q in in_section if q.group == group]
        prefix = _item_prefix(entries[0].id) if entries else None
        if group and prefix is not None:
            entries.append(Button("_del", "🗑 Supprimer cet élément"))
        return entries

    def _edit_menu_choice(self, d: Dossier, choice: str, today: dt.date) -> Outcome:
        entries = self._edit_entries(d)
        if choice not in {b.id for b in entries}:
            return Outcome(d, [_note("stale_button"), self._screen(d, today)])
        key = d.cursor.key
        if key == "edit":
            return self._goto(d, f"edit:{choice}", today, keep_return=True)
        if choice.startswith("g") and choice[1:].isdigit() and len(key.split(":")) == 2:
            return self._goto(d, f"{key}:{choice}", today, keep_return=True)
        if choice == "_del":
            prefix = _item_prefix(entries[0].id)
            if prefix is not None and delete_group_item(d, prefix):
                self._planned = None
                return Outcome(
                    d,
                    [_note("item_deleted"), *self._goto(d, "review", today).messages],
                    answer=(f"{prefix}.deleted", True),
                )
            return Outcome(d, [self._screen(d, today)])
        return self._goto(d, choice, today, keep_return=True)

    def _edit_menu_text(self, d: Dossier, text: str, today: dt.date) -> Outcome:
        entries = self._edit_entries(d)
        found = v.match_choice(
            text, [Choice(id=f"e{i}", label=b.label[:60]) for i, b in enumerate(entries)]
        )
        if found is None:
            return Outcome(d, [_error("choice", count=len(entries)), self._screen(d, today)])
        return self._edit_menu_choice(d, entries[int(found.id[1:])].id, today)

    # -- screens ------------------------------------------------------------------------------
    def _plan(self, d: Dossier) -> list[Question]:
        """`plan_questions` for `d`, computed once until `d`'s answers change (the plan reads
        answers, never the cursor; every answer goes through `Question.put` in `_accept`,
        every deletion through `delete_group_item`: both drop the cached plan)."""
        if self._planned is None or self._planned[0] is not d:
            self._planned = (d, plan_questions(self.spec, d))
        return self._planned[1]

    def _current(self, d: Dossier) -> Question | None:
        return find_question(self._plan(d), d.cursor.key)

    def _screen(self, d: Dossier, today: dt.date) -> Message:
        key = d.cursor.key
        if key.startswith("edit"):
            entries = self._edit_entries(d)
            html = render_macro(
                SCREENS, "edit_menu", level=key.count(":"), section=key.split(":")[1:2]
            )
            return Message(
                html,
                key=key,
                progress=f"Étape 7/7 — {STEP_TITLE['review']} · Modifier",
                buttons=(*entries, Button(NAV_BACK, "⬅️ Précédent", nav=True)),
                input="choice",
            )
        question = self._current(d)
        if question is None:
            questions = self._plan(d)
            d.cursor.key = _first_missing(questions, d) or questions[-1].key
            question = self._current(d)
            assert question is not None
        return self._prompt(d, question, today)

    def _prompt(self, d: Dossier, q: Question, today: dt.date) -> Message:
        context: dict[str, Any] = dict(q.context)
        context.update(spec=self.spec, dossier=d, question=q)
        if q.kind == "info":
            context.update(
                status=call_status(self.spec, today),
                today=today,
                report_deadline=final_report_deadline(self.spec),
            )
        if q.kind == "review":
            context.update(report=review(self.spec, d, today), today=today)
        if q.key == "bud.indirect" or q.section == "budget":
            context.update(totals=compute_totals(d.budget, self.spec.financing))
        body = render_macro(QUESTIONS, q.prompt, **context)
        current = q.get(d)
        if current is not None and q.kind not in ("info", "stop", "review"):
            body += "\n\n" + render_macro(SCREENS, "current_value", question=q, value=current)
        buttons = [Button(c.id, c.label) for c in _choices_of(q)]
        if q.key == "bud.indirect":
            cap = self._indirect_cap(d)
            buttons.append(Button("max", f"Retenir le maximum ({format_eur(cap)})"))
        if q.kind == "multi":
            buttons.append(Button(NAV_OK, "✅ Valider", nav=True))
        questions = self._plan(d)
        if q.help:
            buttons.append(Button(NAV_HELP, "Aide", nav=True))
        if q.skippable:
            buttons.append(Button(NAV_SKIP, "Passer", nav=True))
        if questions and questions[0].key != q.key:
            buttons.append(Button(NAV_BACK, "⬅️ Précédent", nav=True))
        return Message(
            html=body,
            key=q.key,
            progress=progress_line(q),
            buttons=tuple(buttons),
            multi=q.kind == "multi",
            selected=tuple(d.cursor.pending_choices),
            input=_input_of(q),
        )

    def _help(self, d: Dossier, question: Question | None) -> Message:
        return Message(render_macro(SCREENS, "help", question=question, spec=self.spec))


CHOICE_KINDS = ("info", "stop", "review", "choice", "yesno", "choice_or_text")


def _input_of(q: Question) -> Literal["choice", "multi", "text"]:
    if q.kind == "multi":
        return "multi"
    return "choice" if q.kind in CHOICE_KINDS else "text"


def _choices_of(q: Question) -> tuple[Choice, ...]:
    return YES_NO if q.kind == "yesno" else q.choices


def _choice_value(q: Question, choice: Choice) -> Any:
    if q.kind == "yesno":
        return choice.id == "yes"
    if q.kind == "choice_or_text":
        return choice.label
    if q.key.endswith(".category"):
        return choice.id[1:]
    return choice.id


def _first_missing(questions: list[Question], d: Dossier) -> str | None:
    return next((q.key for q in questions if q.required and not q.answered(d)), None)


def _short_label(q: Question) -> str:
    return q.label.split(" (")[0][:60]


def _item_prefix(key: str) -> str | None:
    parts = key.split(".")
    if len(parts) >= 4 and parts[2].isdigit():
        return ".".join(parts[:3])
    if len(parts) >= 4 and parts[0] in ("bud", "ind") and parts[2].isdigit():
        return ".".join(parts[:3])
    return None


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def _note(code: str) -> Message:
    return Message(render_macro(SCREENS, code))


def _error(code: str, **context: Any) -> Message:
    return Message(render_macro(ERRORS, code, **context))


def _ambiguous(question: Question) -> Message:
    return Message(
        render_macro(SCREENS, "answer_or_question"),
        key=question.key,
        buttons=tuple(Button(c.id, c.label) for c in AMBIGUOUS_CHOICES),
        input="choice",
    )
