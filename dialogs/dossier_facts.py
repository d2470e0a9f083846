"""What staff need to know of one dossier, computed once per saved version.

API (for the Telegram staff tools and the web console):
- `dossier_facts(spec, stored, version)` → `DossierFacts`: pure; plans the dossier's questions
  once and reviews it with that plan (eligibility, completeness, readiness, warnings,
  budget), finds the current section and the step *in words* (the question's label, never
  a key such as "review" or "elig.stop") and how far the dossier went (for the funnel).
- `FACTS_VERSION`: bump it when the facts computed here change: every stored summary is
  then recomputed at the next listing (see `StaffService.refresh_summaries`).
- Kept fresh three ways: `InterviewService` writes the summary of each version it saves, in
  the same transaction, from the plan its engine already holds (`summaries=True`, the
  default, used by the terminal and the tests); the Telegram bot instead refreshes stale
  summaries in the background every few seconds (`bot.summaries`), off the applicants'
  path; and `StaffService.refresh_summaries()` recomputes whatever is still missing or
  stale (other writers: imports, older rows, a new `FACTS_VERSION`) before each listing.

Planning and reviewing a dossier costs milliseconds; listings and statistics over thousands
of dossiers read these facts from the `dossier_summary` table instead (`DossierQuery`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from dialogs.dossier import Dossier
from dialogs.form import FieldItem, ForEach, Form, ListGroup
from dialogs.plan import plan_questions
from dialogs.ports import StoredDossier
from dialogs.question import Question
from dialogs.review import StaffReadiness, progress, review, staff_alerts
from dialogs.spec import CallSpec

__all__ = [
    "FACTS_VERSION",
    "SAME_SIRET_SHOWN",
    "DossierFacts",
    "dossier_facts",
    "others_with_siret",
    "search_text",
    "section_of",
    "siret_key",
    "step_words",
]

#: The version of the computation below; summaries computed by an older one are refreshed.
# 4: social charges above the staff costs, FTE above the headcount block readiness; an
# action targeting more SIAE than the members is advised
# 5: `reserved` (eligibility the Département must confirm); SIRET, RNA, contact and
# representative searched with the organisation's name
# 6: a public of 0 everywhere breaks the call's target-public rule (blocks readiness)
# 7: readiness "breaks_form" (only the application form's requirements unmet) apart
# 8: the contact's e-mail searched; apostrophes folded (`search_fold`)
# 9: the missing sections named (the export), the SIRET kept apart (indexed: same SIRET)
# 10: a 0 kept « pour l'instant » is an alert, and its section an incomplete one
# 11: a network outside the Pas-de-Calais (`organisation_elsewhere`) and overheads typed as
# direct charges block readiness; a dossier whose eligibility the Département must confirm
# before it is ready (`ReviewReport.to_confirm`) is `reserved` too
# 12: a Département asked for more than the charges is one balance alert, not two (fewer
# blockers: another completeness); the indirect-cost key's FTE checked against the
# organisation's and the posts' (advice)
#     and readiness "to_confirm" (only the Département's confirmation missing) apart from
# "breaks_rules"
# 13: social charges typed as a share follow the staff costs; typed as an amount, flagged
# (advice) once the staff costs differ from those they were typed against; the
# Département's share typed (« 70 % ») gives whole euros: what it gives now is compared to
# the euro (no advice for the cents the rounding leaves)
# 14: a budget of no charges, the Département's amount given, breaks the form's budget
# (`no_charges`): never « prêt à déposer »
FACTS_VERSION = 14
#: Other applicants' dossiers with the same SIRET a view names (more: « … »).
SAME_SIRET_SHOWN = 5


@dataclass(frozen=True)
class DossierFacts:
    """One dossier as staff listings, statistics and exports show it."""

    dossier_id: int
    version: int  # the dossier's version these facts were computed from
    owner: str
    call_id: str
    organisation: str | None
    organisation_type: str | None  # the call's label of the type chosen at eligibility
    legal_form: str | None
    eligible: bool | None
    #: Eligible, but only the Département can confirm it (`ReviewReport.reservations`: a
    #: regional or national network, an action named outside the territory; or
    #: `ReviewReport.to_confirm`: a network outside the Pas-de-Calais, not ready until
    #: then): every view says « à confirmer » / « sous réserve » with its "eligible".
    reserved: bool
    completeness: int  # percent
    #: "breaks_form" and "to_confirm" apart from "breaks_rules": the list, the dossier's
    #: page and the exports word it the same (`dialogs.exports.readiness_words`).
    readiness: StaffReadiness
    section: str  # id of the section the applicant is in
    section_title: str
    step_key: str  # internal: the cursor's key (never shown)
    step_label: str  # the current question in words
    warnings: int  # alerts for staff: ineligibility, rules broken, advice (`staff_alerts`)
    breaches: int  # of which the call's rules and the form's requirements broken
    missing: int  # required answers missing
    missing_sections: int  # sections with at least one of them
    departement_request: Decimal | None
    charges: Decimal
    actions: int
    actions_fte: Decimal | None  # the actions' FTE together (None: none given)
    draft_generated_at: dt.datetime | None
    furthest_section: str  # the furthest section reached (the funnel's stage)
    stop_section: str | None  # where an unfinished dossier stands; None once drafted
    created_at: dt.datetime | None
    updated_at: dt.datetime | None
    #: What a search finds the dossier by besides its number and the applicant's names:
    #: the organisation's name, SIRET, RNA, contact and representative (`search_text`).
    searched: str = ""
    #: The sections with a required answer missing, or a 0 kept for now (`provisional`:
    #: the dossier is incomplete for it), in the form's order (ids).
    missing_section_ids: tuple[str, ...] = ()
    #: The organisation's SIRET (14 digits), to tell staff of another applicant's dossier
    #: giving the same one.
    siret: str | None = None

    @property
    def drafted(self) -> bool:
        return self.draft_generated_at is not None

    @property
    def progress(self) -> int | None:
        """The completeness as the views show it: None for an ineligible dossier, said
        « non éligible » instead (`dialogs.review.progress`)."""
        return progress(self.completeness, self.readiness)

    @property
    def complete(self) -> bool:
        """Eligible with nothing required missing (an ineligible dossier's interview stops
        early: nothing is "missing", yet it is not complete)."""
        return self.missing == 0 and self.eligible is True


def dossier_facts(
    spec: CallSpec,
    stored: StoredDossier,
    version: int,
    *,
    questions: list[Question] | None = None,
) -> DossierFacts:
    """The facts of `stored` (at `version`) under its call's `spec`; `questions`: its plan,
    when the caller has it (the interview does: then the facts cost a fraction of a
    millisecond, the planning being the costly part).

    A dossier *reached* a section when its cursor or one of its answers is in it (or
    beyond it), and a generated draft means it reached the last section; an unfinished
    dossier *stops* in the section of its cursor."""
    dossier = stored.dossier
    if questions is None:
        questions = plan_questions(spec, dossier)
    report = review(spec, dossier, questions=questions)
    sections = [s.id for s in spec.interview.sections]
    titles = {s.id: s.title for s in spec.interview.sections}
    planned = {q.key: q for q in questions}
    section = section_of(spec.interview, {q.key: q.section for q in questions}, dossier.cursor.key)
    rank = {s: i for i, s in enumerate(sections)}
    furthest = rank.get(section, 0)
    for question in questions:
        if question.role in ("field", "flag") and question.answered(dossier):
            furthest = max(furthest, rank.get(question.section, 0))
    drafted = dossier.draft_generated_at is not None
    if drafted:
        furthest = len(sections) - 1
    current = planned.get(dossier.cursor.key)
    kind = spec.organisation_type(dossier.eligibility.organisation_type or "")
    actions = [a for group in dossier.plan.actions.values() for a in group]
    ftes = [a.fte for a in actions if a.fte is not None]
    return DossierFacts(
        dossier_id=stored.id,
        version=version,
        owner=stored.owner,
        call_id=dossier.call_id,
        organisation=dossier.organisation.name,
        organisation_type=None if kind is None else kind.label,
        legal_form=dossier.organisation.legal_form,
        eligible=report.eligible,
        reserved=report.eligible is True and bool(report.reservations or report.to_confirm),
        completeness=report.completeness,
        readiness=report.staff_state,
        section=section,
        section_title=titles[section],
        step_key=dossier.cursor.key,
        step_label=current.label if current is not None else titles[section],
        warnings=len(
            staff_alerts(
                sections,
                report.warnings,
                report.ineligibility,
                sections[furthest],
                report.provisional,
            )
        ),
        breaches=len(report.breaches),
        missing=len(report.missing),
        missing_sections=len({m.section for m in report.missing}),
        departement_request=dossier.budget.departement_request,
        charges=report.totals.charges,
        actions=len(actions),
        actions_fte=sum(ftes, Decimal(0)) if ftes else None,
        draft_generated_at=dossier.draft_generated_at,
        furthest_section=sections[furthest],
        stop_section=None if drafted else section,
        created_at=dossier.created_at,
        updated_at=dossier.updated_at,
        searched=search_text(dossier),
        missing_section_ids=tuple(
            s
            for s in sections
            if titles[s] in {m.section for m in (*report.missing, *report.provisional)}
        ),
        siret=siret_key(dossier.organisation.siret),
    )


def step_words(facts: DossierFacts, form: Form) -> str:
    """Where the applicant stands, as every staff view says it (the group's ticket post and
    `/dossier N`, the console's dossier page, its list and its ticket page): the section,
    then the question in words, « Plan d’actions — Partenaires (Orientation 1 · …) ». The
    section alone when its question is the section itself, or its stop screen (« Non
    éligible »: the eligibility said just before says it already). One function, so that
    the console no longer wraps a label holding parentheses in parentheses of its own."""
    stops = {s.stop_screen.key for s in form.sections if s.stop_screen is not None}
    if facts.step_label in ("", facts.section_title) or facts.step_key in stops:
        return facts.section_title
    return f"{facts.section_title} — {facts.step_label}"


def siret_key(siret: str | None) -> str | None:
    """A SIRET as the summaries index it (`same_siret`): its 14 digits, whatever spaces it
    was stored with (a dossier imported with « 732 829 320 00074 »: 17 characters, which
    PostgreSQL refused in the 14-character column), None for anything else."""
    digits = "".join(c for c in siret or "" if c.isdigit())
    return digits if len(digits) == 14 and not any(c.isalpha() for c in siret or "") else None


def others_with_siret(number: int, owner: str, found: Iterable[tuple[int, str]]) -> list[int]:
    """Of the dossiers (number, owner) giving a SIRET, those of *other* applicants than
    dossier `number`'s `owner`: an applicant's own second dossier is no warning; two
    applicants giving one organisation's SIRET is one staff should see (« Même SIRET que le
    dossier n° X »). At most `SAME_SIRET_SHOWN` + 1 numbers: the views name
    `SAME_SIRET_SHOWN` and say « … » for more (one SIRET shared by thousands of dossiers
    must not make a page, a row or an export thousands of numbers long)."""
    return sorted({n for n, o in found if n != number and o != owner})[: SAME_SIRET_SHOWN + 1]


def search_text(dossier: Dossier) -> str:
    """The words an officer may look a dossier up by, besides its number: the organisation's
    name, its SIRET (as typed with spaces or not: the digits are kept whole), its RNA
    number, the contact's name and e-mail address (« marie.dupont »), the representative's
    name."""
    organisation = dossier.organisation
    parts = (
        organisation.name,
        organisation.siret,
        organisation.rna,
        organisation.contact.name,
        organisation.contact.email,
        organisation.representative.name,
    )
    return " ".join(part for part in parts if part)


def section_of(form: Form, planned: dict[str, str], key: str) -> str:
    """The section of a cursor key: the planned question's, else the form item whose key
    starts the same way ("plan.o9.0.title" in a plan that no longer has it), else the
    review's (its edit menus), else the first section."""
    if key in planned:
        return planned[key]
    prefixes = _key_prefixes(form)
    return prefixes.get(re.split(r"[.:{]", key, maxsplit=1)[0], form.sections[0].id)


def _key_prefixes(form: Form) -> dict[str, str]:
    found: dict[str, str] = {"edit": form.sections[-1].id}

    def walk(section: str, items: Iterable[FieldItem | ForEach | ListGroup]) -> None:
        for item in items:
            if isinstance(item, ForEach):
                walk(section, item.items)
            else:
                found.setdefault(re.split(r"[.{]", item.key, maxsplit=1)[0], section)

    for section in form.sections:
        walk(section.id, section.items)
        if section.stop_screen is not None:
            found.setdefault(re.split(r"[.{]", section.stop_screen.key, maxsplit=1)[0], section.id)
    return found
