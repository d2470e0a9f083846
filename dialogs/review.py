"""The review of a dossier and its readiness: one verdict every view shares.

`review(spec, dossier, today)` gathers what is missing (from the planned questions), the
warnings of the call's rules and of the assistant's advice (`dialogs.rules`), the budget's
totals and the eligibility verdict, and says whether the dossier is *ready*: eligible,
complete and within every rule of the call. The review screen, `/brouillon`, the draft's
first page, the staff's table and statistics all read this report; none decides readiness
by itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from dialogs.budget import BudgetTotals
from dialogs.calendar import CallStatus, call_status
from dialogs.dossier import Dossier
from dialogs.parsing.writing import all_lower_case, casual_words, renamed_bodies
from dialogs.plan import plan_questions
from dialogs.question import Question
from dialogs.rules import (
    DOSSIER_RULES,
    Ineligibility,
    Warning,
    budget_totals,
    eligibility_verdict,
    ineligibility,
    warnings_for,
)
from dialogs.spec import CallSpec

__all__ = [
    "Alert",
    "Missing",
    "ReviewReport",
    "Warning",
    "alerts_of",
    "completeness",
    "eligibility_verdict",
    "progress",
    "provisional_answers",
    "review",
    "set_aside_words",
    "staff_alerts",
    "to_reread",
]

Readiness = Literal["ineligible", "incomplete", "breaks_rules", "ready"]
#: The readiness as staff read it: "breaks_rules" split in three, a rule of the call broken,
#: only the application form's requirements unmet ("breaks_form": the CERFA's balanced budget,
#: its social charges within the staff costs…), which is no rule of the call, or only the
#: eligibility left for the Département to confirm ("to_confirm": `CONFIRMATIONS`, a network
#: outside the Pas-de-Calais), which the applicant breaks nothing by.
StaffReadiness = Literal[
    "ineligible", "incomplete", "breaks_rules", "breaks_form", "to_confirm", "ready"
]

#: Advice codes that qualify a ready dossier's eligibility (see `ReviewReport.reservations`).
RESERVATIONS: frozenset[str] = frozenset({"network_scope", "area_elsewhere"})
#: Rule codes that leave the dossier's eligibility for the Département to confirm, and the
#: dossier never ready meanwhile (an organisation whose territory or seat is elsewhere,
#: `rules.organisation_in_the_territory`): the views say « à confirmer », not « éligible ».
CONFIRMATIONS: frozenset[str] = frozenset({"organisation_elsewhere"})


def progress(completeness: int, state: Readiness | StaffReadiness) -> int | None:
    """The completeness a staff view shows, None for an ineligible dossier: its interview
    stopped at the eligibility, so its percentage (« 50 % ») is no progress towards filing,
    and every view (`/dossiers`, `/dossier N`, the console, the exports, the drafts) says
    « non éligible » in its place. One rule, read from the readiness (`ReviewReport.state`)."""
    return None if state == "ineligible" else completeness


@dataclass(frozen=True)
class Missing:
    section: str
    label: str
    key: str


@dataclass(frozen=True)
class ToReread:
    """A free answer printed in the draft that an officer would send back as typed: its
    casual words (« qq », « diversif », « le 62 »), a name all in lower case (« inser
    reseau 62 »), or a body named by a name it no longer bears (« Pôle emploi », France
    Travail since 1 January 2024). Never rewritten (the applicant's words), never blocking
    (the call sets no such rule): listed « À relire avant le dépôt » in the review and the
    draft."""

    section: str
    label: str
    key: str
    words: tuple[str, ...] = ()
    lower_case: bool = False
    #: The old names as typed, each with the body's current name and since when.
    renamed: tuple[tuple[str, str, dt.date], ...] = ()


#: The text answers printed in the draft whose words are listed to reread (a person's name
#: is written by `person_name`; an e-mail or a phone is no sentence).
_REREAD_CONTENTS = frozenset({"free", "words", "name", "place", "role", "address"})
#: The name read for its case: the organisation's, printed on every page.
_NAME_READ_FOR_CASE = "organisation.name"


def to_reread(
    spec: CallSpec, dossier: Dossier, questions: list[Question] | None = None
) -> tuple[ToReread, ...]:
    """The answers to reread before filing (`ToReread`), in the interview's order."""
    if questions is None:
        questions = plan_questions(spec, dossier)
    titles = {s.id: s.title for s in spec.interview.sections}
    found = []
    for q in questions:
        if q.kind != "text" or q.content not in _REREAD_CONTENTS or q.role != "field":
            continue
        value = q.value(dossier)
        if not isinstance(value, str):
            continue
        words = tuple(casual_words(value))
        lower = str(q.path) == _NAME_READ_FOR_CASE and all_lower_case(value)
        renamed = tuple((old, body.new, body.since) for old, body in renamed_bodies(value))
        if words or lower or renamed:
            found.append(ToReread(titles[q.section], q.label, q.key, words, lower, renamed))
    return tuple(found)


@dataclass(frozen=True)
class ReviewReport:
    completeness: int
    missing: list[Missing]
    warnings: list[Warning]
    totals: BudgetTotals
    eligible: bool | None
    ineligibility: Ineligibility | None = None
    call: CallStatus | None = None
    #: Answers taken for now (« je ne sais pas » at a count: 0 until known,
    #: `Dossier.provisional`): the dossier is not ready while one waits.
    provisional: tuple[Missing, ...] = ()
    #: Answers to reread before filing (casual words, a name in lower case): never
    #: blocking, the readiness is the same with them.
    to_reread: tuple[ToReread, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def breaches(self) -> list[Warning]:
        """The call's rules and the form's requirements this dossier breaks (the call being
        closed is not among them)."""
        return breaches_of(self.warnings)

    @property
    def breaks_call_rules(self) -> bool:
        """Among the breaches, a rule of the call (not only the form's budget balance): the
        views say "une règle de l'appel" only then."""
        return breaks_call_rules(self.warnings)

    @property
    def advice(self) -> list[Warning]:
        return [w for w in self.warnings if w.kind == "advice"]

    @property
    def reservations(self) -> list[Warning]:
        """Advice that qualifies "eligible": the dossier may be filed, but only the
        Département can confirm it (a regional or national network where the call names
        the network heads of its département, an action named outside its territory).
        Every "ready" the views show carries it."""
        return [w for w in self.advice if w.code in RESERVATIONS]

    @property
    def to_confirm(self) -> list[Warning]:
        """The breaches that leave the eligibility for the Département to confirm
        (`CONFIRMATIONS`): the dossier is not ready, and the views say why."""
        return [w for w in self.breaches if w.code in CONFIRMATIONS]

    @property
    def state(self) -> Readiness:
        if self.eligible is False:
            return "ineligible"
        if self.missing or self.eligible is None:
            return "incomplete"
        if self.breaches:
            return "breaks_rules"
        if self.provisional:
            return "incomplete"  # a 0 « pour l'instant » is no answer to file
        return "ready"

    @property
    def progress(self) -> int | None:
        """The completeness as staff views show it (`progress`): None when ineligible."""
        return progress(self.completeness, self.state)

    @property
    def staff_state(self) -> StaffReadiness:
        """`state`, with a dossier that breaks only the form's requirements apart, and one
        whose only obstacle is an eligibility the Département must confirm (`to_confirm`):
        an officer reads « à confirmer », never « règle non respectée », for a network whose
        seat is in the Nord. Any other breach is named first (the applicant can fix it)."""
        state = self.state
        if state != "breaks_rules":
            return state
        others = [w for w in self.breaches if w.code not in CONFIRMATIONS]
        if not others:
            return "to_confirm"
        return "breaks_rules" if any(w.kind == "rule" for w in others) else "breaks_form"

    @property
    def call_closed(self) -> bool:
        """The call no longer takes applications (known when reviewed with a date)."""
        return self.call is not None and self.call.state == "closed"

    @property
    def ready(self) -> bool:
        """Eligible, complete, within every rule of the call and the form's requirements."""
        return self.state == "ready"

    @property
    def fileable(self) -> bool:
        """Ready, and the call still takes applications (or will)."""
        return self.ready and not self.call_closed


def breaches_of(warnings: list[Warning]) -> list[Warning]:
    """The warnings that block readiness: the call's rules and the form's requirements the
    dossier itself breaks (never advice, nor the call being closed)."""
    return [w for w in warnings if w.code in DOSSIER_RULES and w.kind != "advice"]


def breaks_call_rules(warnings: list[Warning]) -> bool:
    """Among the breaches, a rule of the call, not only a requirement of the form."""
    return any(w.kind == "rule" for w in breaches_of(warnings))


#: Warnings about what is not there *yet* (an orientation without action, a budget whose
#: resources are still being typed): they apply once the applicant went past the part they
#: are about, as the applicant's own review shows ⏳ on a part before any ⚠️. "Went past" is
#: the furthest section the dossier reaches now (`dossier_facts`), not the furthest ever:
#: an applicant back in the budget to edit it has its balance alert wait until they leave.
WHEN_PAST: frozenset[str] = frozenset({"missing_orientation", "unbalanced", "no_charges"})


@dataclass(frozen=True)
class Alert:
    """What staff are alerted to about a dossier: its ineligibility (first), its eligibility
    to confirm (`RESERVATIONS`, worded for staff), a rule of the call or a requirement of the
    form it breaks, or advice."""

    kind: Literal["ineligible", "reserve", "rule", "form", "advice", "provisional"]
    message: str


#: A 0 kept « pour l'instant » as staff read it: the reason the dossier is « incomplet »
#: with no answer missing.
PROVISIONAL_ALERT = "{label} : 0 retenu pour l’instant, à confirmer par le candidat"


def staff_alerts(
    sections: list[str],
    warnings: list[Warning],
    found: Ineligibility | None,
    furthest_section: str,
    provisional: Sequence[Missing] = (),
) -> list[Alert]:
    """The alerts of a dossier for staff (the listing's ⚠️ count, `/dossiers alertes`,
    `/dossier N`, the export's "Alertes"): its ineligibility first, then its warnings but
    those of `WHEN_PAST` about a part the applicant has not gone past yet (a dossier that
    only opened the bot does not "break" the plan's coverage), then its answers kept for
    now (`provisional`: they make it « incomplet » with nothing missing, so they are named).
    `sections`: the form's section ids in order; `furthest_section`: the furthest the
    dossier reached."""
    rank = {section: index for index, section in enumerate(sections)}
    reached = rank.get(furthest_section, 0)
    alerts = [] if found is None else [Alert("ineligible", found.rule.summary)]
    for w in warnings:
        if w.code in WHEN_PAST and reached <= rank.get(w.about, -1):
            continue
        if w.code in RESERVATIONS or w.code in CONFIRMATIONS:
            alerts.append(Alert("reserve", w.staff_message or w.message))
        else:
            alerts.append(Alert(w.kind, w.message))
    alerts.extend(
        Alert("provisional", PROVISIONAL_ALERT.format(label=p.label)) for p in provisional
    )
    return alerts


def alerts_of(
    spec: CallSpec,
    warnings: list[Warning],
    found: Ineligibility | None,
    furthest_section: str,
    provisional: Sequence[Missing] = (),
) -> list[Alert]:
    """`staff_alerts` with the sections of `spec`'s form (`/dossier N`, the console's page,
    the export)."""
    sections = [s.id for s in spec.interview.sections]
    return staff_alerts(sections, warnings, found, furthest_section, provisional)


def provisional_answers(
    spec: CallSpec, dossier: Dossier, questions: list[Question] | None = None
) -> tuple[Missing, ...]:
    """The answers kept for now (« je ne sais pas » at a count: 0 until known) still in the
    dossier's plan; planned only when there is one (`questions`: the plan, if known)."""
    if not dossier.provisional:
        return ()
    if questions is None:
        questions = plan_questions(spec, dossier)
    titles = {s.id: s.title for s in spec.interview.sections}
    return tuple(
        Missing(section=titles[q.section], label=q.label, key=q.key)
        for q in questions
        if q.key in dossier.provisional and q.value(dossier) is not None
    )


def set_aside_words(
    spec: CallSpec, dossier: Dossier, questions: list[Question] | None = None
) -> tuple[tuple[str, str], ...]:
    """The words kept for a later question not answered yet (`Dossier.set_aside`: what the
    applicant typed, the phone number found in the address…), each with the label of the
    question it waits for (« Téléphone »), in the interview's order; "" for a question no
    longer in the dossier's plan (its words are still the applicant's, never dropped).
    Planned only when something is kept (`questions`: the plan, if known)."""
    if not dossier.set_aside:
        return ()
    if questions is None:
        questions = plan_questions(spec, dossier)
    labels = {q.key: q.label for q in questions}
    order = {key: i for i, key in enumerate(labels)}
    kept = sorted(dossier.set_aside.items(), key=lambda item: order.get(item[0], len(order)))
    return tuple((labels.get(key, ""), words) for key, words in kept)


def completeness_of(questions: list[Question], dossier: Dossier, *, blockers: int = 0) -> int:
    """Share of required answers given, in percent, rounded down. Each blocker (a rule of the
    call broken, the applicant not eligible) counts as one more thing missing: a dossier is
    at 100 % only when it is complete and nothing blocks it."""
    required = [q for q in questions if q.required]
    total = len(required) + blockers
    if total == 0:
        return 0
    return sum(1 for q in required if q.answered(dossier)) * 100 // total


def review(
    spec: CallSpec,
    dossier: Dossier,
    today: dt.date | None = None,
    *,
    questions: list[Question] | None = None,
) -> ReviewReport:
    """`questions`: the dossier's plan when the caller has it already (planning is the
    costly part of a review: staff summaries of thousands of dossiers plan each once)."""
    if questions is None:
        questions = plan_questions(spec, dossier)
    titles = {s.id: s.title for s in spec.interview.sections}
    missing = [
        Missing(section=titles[q.section], label=q.label, key=q.key)
        for q in questions
        if q.is_missing(dossier)
    ]
    provisional = provisional_answers(spec, dossier, questions)
    warnings = warnings_for(spec, dossier, today)
    found = ineligibility(spec, dossier)
    blockers = len(breaches_of(warnings)) + len(provisional)
    return ReviewReport(
        completeness=completeness_of(questions, dossier, blockers=blockers + (found is not None)),
        missing=missing,
        warnings=warnings,
        totals=budget_totals(spec, dossier),
        eligible=eligibility_verdict(spec, dossier),
        ineligibility=found,
        call=call_status(spec, today) if today is not None else None,
        provisional=provisional,
        to_reread=to_reread(spec, dossier, questions),
    )


def completeness(spec: CallSpec, dossier: Dossier) -> int:
    return review(spec, dossier).completeness
