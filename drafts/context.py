"""The draft's view model: everything the Markdown and Word documents show, built once.

`build_context(spec, dossier, today)` turns a dossier (complete or not) into plain
dataclasses of already-formatted French strings; the Markdown and the Word templates, the
cover letter and the budget workbook all read this same object, so no two documents can
disagree on a figure. Every business number comes from `dialogs.budget` / `dialogs.review`,
and readiness from `dialogs.review`: nothing is recomputed here.

Two modes. When the review finds the dossier *fileable* (eligible, complete, within every
rule, the call not closed) the context is the **version à déposer**: no "BROUILLON", no
quotation of the call, the applicant's commitments instead of restated rules, no annex. In
every other case it is a draft whose first lines say why it cannot be filed yet.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from dialogs.budget import DeclaredTotals, declared_totals
from dialogs.calendar import agreement_months, final_report_deadline, format_date
from dialogs.dossier import Dossier
from dialogs.money import format_amount, format_number
from dialogs.parsing import fold
from dialogs.plan import plan_questions
from dialogs.question import Question
from dialogs.review import RESERVATIONS, ReviewReport, Warning, review
from dialogs.rules import places_elsewhere, prints_cents, wider_network_level
from dialogs.spec import CallSpec, Quote
from dialogs.texts import render_macro, shorten
from dialogs.validation import format_phone
from drafts.cerfa import BudgetRow, Money, StaffRow, cerfa_budget
from drafts.plan_views import (
    CalendarRow,
    IndicatorView,
    ObjectiveView,
    OrientationView,
    Row,
    calendar,
    choice_label,
    indicators,
    objectives,
    orientations,
)
from drafts.values import (
    NOTE_PASSED,
    Placeholder,
    clean,
    paragraphs_or,
    percent,
    short_month,
    siret_or,
    text_or,
)

__all__ = ["DraftContext", "Placeholder", "build_context", "clean"]

TEXTS = "drafts/texts.txt.j2"
#: The organisation's name in the plan's page header, beside its status, holds at most this
#: many characters: a longer one wrapped the header onto two lines.
RUNNING_HEAD_LENGTH = 48


@dataclass(frozen=True)
class Criterion:
    criterion: str
    answer: str
    evidence: str


@dataclass(frozen=True)
class BudgetView:
    staff: list[StaffRow]
    charges: list[BudgetRow]
    resources: list[BudgetRow]
    charges_in_kind: list[BudgetRow]
    resources_in_kind: list[BudgetRow]
    has_in_kind: bool
    total_charges: str
    total_resources: str
    grand_total_charges: str
    grand_total_resources: str
    share: str
    share_line: str
    cap_line: str
    balance_line: str
    balanced: bool
    #: The figures given so far (`dialogs.budget.declared_totals`): what is « à compléter ».
    declared: DeclaredTotals
    #: Every amount printed to the cent (`dialogs.rules.prints_cents`), or all in whole euros.
    cents: bool
    money: Money
    rounding_note: str
    quotes: list[Quote]


@dataclass(frozen=True)
class WarningView:
    kind: str
    message: str
    source: str


@dataclass(frozen=True)
class MissingGroup:
    section: str
    items: list[str]


@dataclass(frozen=True)
class DraftContext:
    filing: bool
    status_title: str
    status_lines: list[str]
    # The same reasons as another document (letter, workbook) says them: the plan's annex
    # is « en annexe du plan d’actions » there.
    companion_status_lines: list[str]
    full_title: str
    funder: str
    title: str
    organisation: str
    # The name in the page header, shortened with « … » so the header stays on one line.
    running_head: str
    generated_on: str
    completeness: str
    closing: str
    agreement_period: str
    platform: str
    summary: list[Row]
    summary_actions: list[Row]
    summary_targets: list[Row]
    presentation: list[Row]
    context: list[str]
    approach: list[str]
    public: list[Row]
    public_note: list[str]
    eligibility: list[Criterion]
    target_public: list[str]
    target_quote: Quote
    orientations: list[OrientationView]
    expected_quote: Quote
    objectives: list[ObjectiveView]
    objectives_note: list[str]
    months: list[str]
    calendar_year: str
    calendar: list[CalendarRow]
    indicators_quote: Quote
    indicators: list[IndicatorView]
    budget: BudgetView
    commitments: list[str]
    payment: list[Row]
    payment_quotes: list[Quote]
    follow_up: str
    follow_up_quote: Quote
    final_report_deadline: str
    final_report: str
    final_report_quote: Quote
    final_report_parts: list[Row]
    warnings: list[WarningView]
    missing: list[MissingGroup]
    checklist: list[str]
    attachments_note: str
    attachments: list[str]
    contact: str
    representative: str
    representative_role: str
    address: str
    request: str
    total: str
    # The answers to reread before filing (`ReviewReport.to_reread`), one line each.
    to_reread: list[str] = field(default_factory=list)
    to_reread_note: str = ""


def _lines(macro: str, **context: object) -> list[str]:
    text = render_macro(TEXTS, macro, **context)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _source(warning: Warning) -> str:
    if warning.quote is not None:
        return f"Appel à projets, « {warning.quote.section} »"
    return "Formulaire CERFA n° 12156" if warning.kind == "form" else "Conseil de l’assistant"


def _number_or(value: int | None, what: str) -> str:
    return format_number(value) if value is not None else Placeholder.of(what)


@dataclass(frozen=True)
class _Asked:
    """What the form asks *this* dossier (its `when` conditions applied), and the optional
    answers it lacks that are settled: left out by the applicant ("passer"), or missing from
    a version to file. A field the form does not ask this dossier (no RNA number for a
    cooperative) is not shown; a settled optional one shows "Non renseigné"."""

    paths: frozenset[str]
    left_out: frozenset[str]
    #: Optional answers the applicant passed (« passer »), unanswered since.
    passed: frozenset[str] = frozenset()

    @classmethod
    def of(cls, questions: list[Question], dossier: Dossier, *, filing: bool) -> _Asked:
        fields = [q for q in questions if q.path is not None and q.role == "field"]
        return cls(
            paths=frozenset(str(q.path) for q in fields),
            left_out=frozenset(
                str(q.path)
                for q in fields
                if not q.required
                and not q.answered(dossier)
                and (filing or q.key in dossier.skipped)
            ),
            passed=frozenset(
                str(q.path)
                for q in fields
                if not q.required and not q.answered(dossier) and q.key in dossier.skipped
            ),
        )


def _presentation(spec: CallSpec, dossier: Dossier, asked: _Asked, money: Money) -> list[Row]:
    org = dossier.organisation
    contact = org.contact
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    level = (
        choice_label(spec, "organisation.network_level", org.network_level)
        if org.network_level
        else Placeholder.of("niveau du réseau")
    )
    phone = format_phone(clean(contact.phone)) if contact.phone else Placeholder.of("téléphone")
    person = text_or(contact.name, "personne à contacter")
    if contact.role:
        person = f"{person}, {clean(contact.role)}"
    representative = text_or(org.representative.name, "représentant légal")
    if org.representative.role:
        representative = f"{representative}, {clean(org.representative.role)}"
    staff = _number_or(org.employees, "nombre de salariés")
    if org.employees_fte is not None and org.employees:  # not asked without employees
        staff = f"{staff} ({format_number(org.employees_fte)} ETP)"
    rows = [
        Row("Organisme", text_or(org.name, "nom de l’organisme")),
        Row("Type d’organisme", org_type.label if org_type else Placeholder.of("type d’organisme")),
        Row("Forme juridique", text_or(org.legal_form, "forme juridique")),
        Row("SIRET", siret_or(org.siret)),
    ]
    if "organisation.rna" in asked.paths:  # (no RNA printed for a GIP, typed or not)
        rows.append(Row("Numéro RNA", text_or(org.rna, "numéro RNA")))
    rows += [
        Row("Adresse", text_or(org.address, "adresse")),
        Row("Représentant légal", representative),
        Row("Niveau du réseau", level),
        Row("SIAE adhérentes dans le Pas-de-Calais", _number_or(org.member_siae_count, "nombre")),
        Row("Territoire d’intervention", text_or(org.territory, "territoire d’intervention")),
        Row("Salariés", staff),
        Row("Bénévoles", _number_or(org.volunteers, "nombre de bénévoles")),
        Row(
            "Budget annuel de l’organisme",
            money(org.annual_budget)
            if org.annual_budget is not None
            else Placeholder.of("budget annuel"),
        ),
        Row("Personne à contacter", person),
        Row("Adresse e-mail", text_or(contact.email, "adresse e-mail")),
        Row("Téléphone", phone),
    ]
    return [row for row in rows if _shown(spec, dossier, row)]


def _shown(spec: CallSpec, dossier: Dossier, row: Row) -> bool:
    """A row the call's form never asks stays out rather than showing a placeholder forever."""
    return not (isinstance(row.value, Placeholder) and row.label in _unasked_labels(spec))


def _unasked_labels(spec: CallSpec) -> set[str]:
    paths = {
        "Forme juridique": "organisation.legal_form",
        "Adresse": "organisation.address",
        "Représentant légal": "organisation.representative.name",
        "SIAE adhérentes dans le Pas-de-Calais": "organisation.member_siae_count",
        "Territoire d’intervention": "organisation.territory",
        "Salariés": "organisation.employees",
        "Bénévoles": "organisation.volunteers",
        "Budget annuel de l’organisme": "organisation.annual_budget",
        "Téléphone": "organisation.contact.phone",
    }
    asked = spec.compiled_form.asked_paths()
    return {label for label, path in paths.items() if path not in asked}


def _public(dossier: Dossier) -> list[Row]:
    """The public counts; a 0 kept for now (« je ne sais pas », `Dossier.provisional`) is
    printed as what remains to fill, never as a count the applicant stated."""
    public = dossier.plan.public

    def count(key: str, value: int | None, what: str) -> str:
        if key in dossier.provisional:
            return Placeholder.of("inconnu pour l’instant")
        return _number_or(value, what)

    young = count("plan.public.young", public.young, "nombre de jeunes")
    if public.young_ase is not None and public.young:  # none left when there are no young
        ase = count("plan.public.young_ase", public.young_ase, "jeunes issus de l’ASE")
        young = f"{young}, dont {ase} issus de l’Aide sociale à l’enfance (ASE)"
    return [
        Row(
            "Bénéficiaires du RSA (BRSA)", count("plan.public.brsa", public.brsa, "nombre de BRSA")
        ),
        Row("Jeunes de moins de 26 ans", young),
        Row(
            "Personnes sorties du RSA, toujours en parcours d’insertion",
            count("plan.public.former_brsa", public.former_brsa, "nombre"),
        ),
    ]


def _completeness(report: ReviewReport) -> str:
    """« complété à N % », or « non éligible » (its completeness is no progress: one rule with
    the staff views, `dialogs.review.ReviewReport.staff_state`). A dossier with every answer given but a rule broken is
    never 100 % (`dialogs.review`), and says why, or its annex's « Toutes les questions ont
    reçu une réponse » would contradict it. An ineligible one's interview stopped at its
    eligibility: the questions after it were never put, so none is said answered."""
    return render_macro(
        TEXTS,
        "completeness",
        done=report.completeness,
        answered=not report.missing,
        breaches=len(report.breaches),
        ineligible=report.progress is None,
    )


def _reservations(spec: CallSpec, dossier: Dossier, report: ReviewReport) -> list[str]:
    """The status lines of a dossier filed « sous réserve » (`ReviewReport.reservations`):
    one per point only the Département can confirm."""
    codes = {w.code for w in report.reservations}
    lines = []
    if "network_scope" in codes:
        level = wider_network_level(spec, dossier)
        lines.append(
            render_macro(
                TEXTS, "reservation_network_scope", funder=spec.identity.funder, level=level
            )
        )
    if "area_elsewhere" in codes:
        lines += [
            render_macro(
                TEXTS,
                "reservation_area_elsewhere",
                funder=spec.identity.funder,
                action=action,
                places=places,
                territory=spec.identity.territory,
            )
            for action, places in places_elsewhere(spec, dossier)
        ]
    return lines


def _to_check(report: ReviewReport) -> list[str]:
    """The status lines of the assistant's advice a version to file still carries (the budget
    paying more FTE than the actions mobilise…): the call sets no rule on them, so they do
    not block filing, but the review said them and the document says them too, never a
    « conforme » that hides them. The reservations have their own lines."""
    return [
        render_macro(TEXTS, "to_check_before_filing", message=w.printed)
        for w in report.advice
        if w.code not in RESERVATIONS
    ]


def _eligibility(
    spec: CallSpec, dossier: Dossier, *, reserved: set[str], breached: set[str]
) -> list[Criterion]:
    """Each criterion with what the dossier itself says about it (never the call's text);
    `reserved`: the codes of the points only the Département can confirm (a regional or
    national network, an action named outside the territory), whose rows say « À
    confirmer », not « Oui »; `breached`: the codes of the rules the dossier breaks."""
    elig = spec.eligibility
    org = dossier.organisation
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    if org_type is None:
        rows = [Criterion(elig.applicants.summary, Placeholder.of("réponse"), "")]
    else:
        members = (
            f", {format_number(org.member_siae_count)} SIAE adhérentes"
            if org.member_siae_count is not None
            else ""
        )
        rows = [
            Criterion(
                elig.applicants.summary,
                ("À confirmer" if reserved & {"network_scope", "organisation_elsewhere"} else "Oui")
                if org_type.eligible
                else "Non",
                f"{org_type.label}{members}",
            )
        ]
    evidence = {
        "territory": clean(org.territory) if org.territory else "",
        "target_public": "Voir « Public visé »" if dossier.plan.public.brsa is not None else "",
        "period": "Voir le calendrier de réalisation" if dossier.plan.actions else "",
    }
    for question in elig.questions:
        answer = dossier.eligibility.answers.get(question.id)
        rows.append(
            Criterion(
                question.reason.summary,
                Placeholder.of("réponse")
                if answer is None
                else "Non"
                if not answer
                else "À confirmer"
                if reserved.intersection(question.reserved_by)
                else "À préciser"  # a « oui » its own answers contradict
                if breached.intersection(question.contradicted_by)
                else "Oui",
                evidence.get(question.id, ""),
            )
        )
    return rows


def _budget(spec: CallSpec, dossier: Dossier, report: ReviewReport) -> BudgetView:
    totals = report.totals
    fin = spec.financing
    cents = prints_cents(spec, dossier, totals)

    def euros(value: Decimal) -> str:
        return format_amount(value, cents=cents)

    cerfa = cerfa_budget(
        spec,
        dossier,
        totals,
        text_or=text_or,
        placeholder=Placeholder.of,
        money=euros,
        noted=not report.fileable,
    )
    # The CERFA's share is of the resources: shown only once they equal the charges (with an
    # unbalanced budget, "100 %" under the total cost would read as full funding).
    found = totals.departement_share
    share = percent(found) if found is not None and totals.balanced else ""
    declared = declared_totals(dossier.budget, totals)
    charged, funded = declared.charges is not None, declared.resources is not None
    cap_line = ""
    if fin.allows_indirect:
        # Nothing entered yet is no cap « respecté » (a 0 € cap over 0 € of staff costs)
        cap_line = render_macro(
            TEXTS,
            "cap_line",
            unknown=declared.cap_unknown,
            rate=fin.indirect_cap_rate,
            staff=euros(totals.staff),
            cap=euros(totals.indirect_cap),
            within=totals.indirect_within_cap,
            over=euros(totals.indirect - totals.indirect_cap),
        )
    return BudgetView(
        staff=cerfa.staff,
        charges=cerfa.charges,
        resources=cerfa.resources,
        charges_in_kind=cerfa.charges_in_kind,
        resources_in_kind=cerfa.resources_in_kind,
        has_in_kind=bool(dossier.budget.in_kind),
        # A total not answered yet is « [À compléter] », never a 0 € read as declared.
        total_charges=euros(totals.charges) if charged else Placeholder.of("total des charges"),
        total_resources=(
            euros(totals.resources) if funded else Placeholder.of("total des produits")
        ),
        grand_total_charges=(
            euros(totals.charges + totals.in_kind)
            if charged
            else Placeholder.of("total des charges")
        ),
        grand_total_resources=(
            euros(totals.resources + totals.in_kind)
            if funded
            else Placeholder.of("total des produits")
        ),
        share=share,
        share_line=render_macro(
            TEXTS,
            "share_line",
            share=share or None,
            unbalanced=totals.resources > 0 and not totals.balanced,
            funder=spec.identity.funder,
            request=euros(totals.departement),
            total=euros(totals.resources),
        ),
        cap_line=cap_line,
        balance_line=render_macro(
            TEXTS,
            "balance_line",
            totals=totals,
            charged=charged,  # no balance claimed over a side not entered
            funded=funded,
            charges=euros(totals.charges),
            gap=euros(abs(totals.gap)),
        ),
        balanced=totals.balanced,
        declared=declared,
        cents=cents,
        money=euros,
        rounding_note=render_macro(TEXTS, "rounding_note", cents=cents),
        quotes=[rule.quote for rule in (fin.direct_costs, fin.indirect_costs) if rule is not None],
    )


def _summary(
    spec: CallSpec, dossier: Dossier, budget: BudgetView, views: list[OrientationView]
) -> tuple[list[Row], list[Row], list[Row]]:
    org = dossier.organisation
    contact = text_or(org.contact.name, "personne à contacter")
    details = [clean(v) for v in (org.contact.email, org.contact.phone) if v]
    if org.contact.phone:
        details[-1] = format_phone(clean(org.contact.phone))
    if details:
        contact = f"{contact} — {', '.join(details)}"
    identifiers = siret_or(org.siret)
    rna = printed_rna(spec, dossier)
    if rna:
        identifiers = f"{identifiers} · RNA {clean(rna)}"
    request = (
        budget.money(dossier.budget.departement_request)
        if dossier.budget.departement_request is not None
        else Placeholder.of("montant demandé")
    )
    rows = [
        Row("Organisme", text_or(org.name, "nom de l’organisme")),
        Row("SIRET", identifiers),
        Row("Montant demandé au Département", request),
        Row("Coût total de l’action", budget.total_charges),
        Row(
            "Part du Département dans les produits",
            budget.share or Placeholder.of("budget à compléter et à équilibrer"),
        ),
        Row(
            "Période",
            f"du {format_date(spec.agreement.start)} au {format_date(spec.agreement.end)}",
        ),
        Row("Contact", contact),
    ]
    actions = []
    for view in views:
        titles = " ; ".join(a.title for a in view.actions) if view.actions else view.empty
        count = len(view.actions)
        actions.append(
            Row(
                f"{view.number}. {view.short_title} ({count} action{'s' if count > 1 else ''})",
                titles,
            )
        )
    targets = []
    for indicator in spec.indicators:
        target = dossier.indicators.targets.get(indicator.id)
        value = (
            format_number(target.target)
            if target is not None and target.target is not None
            else Placeholder.of("cible")
        )
        targets.append(Row(indicator.short_label, value))
    return rows, actions, targets


def _missing(report: ReviewReport) -> list[MissingGroup]:
    groups: dict[str, list[str]] = {}
    for item in report.missing:
        groups.setdefault(item.section, []).append(clean(item.label))
    return [MissingGroup(section, items) for section, items in groups.items()]


def printed_rna(spec: CallSpec, dossier: Dossier) -> str | None:
    """The RNA number the documents print: none for a legal form the form asks no RNA of
    (a GIP, a cooperative), even when one was typed earlier with the name and kept by a
    dossier saved before such a number was dropped (`dialogs.carry_over.identifiers_not_asked`)."""
    rna = dossier.organisation.rna
    if rna is None or not any(q.kind == "rna" for q in plan_questions(spec, dossier)):
        return None
    return rna


def is_association(spec: CallSpec, dossier: Dossier) -> bool:
    """Whether the organisation is an association (its legal form says so, or, unknown, an
    RNA number is given): the récépissé and the RNA among the attachments."""
    form = fold(dossier.organisation.legal_form or "")
    if form:
        return "associ" in form or re.search(r"\basso\b", form) is not None
    return printed_rna(spec, dossier) is not None


def republican_contract_signatory(spec: CallSpec, dossier: Dossier) -> str | None:
    """Who subscribes to the contrat d'engagement républicain in the sworn statement: the
    associations and foundations asking a public subsidy do (loi n° 2021-1109, art. 12);
    never stated for a GIP or a cooperative. None when it is neither."""
    if is_association(spec, dossier):
        return "l’association"
    if "fondation" in fold(dossier.organisation.legal_form or ""):
        return "la fondation"
    return None


def build_context(spec: CallSpec, dossier: Dossier, today: dt.date) -> DraftContext:
    questions = plan_questions(spec, dossier)
    report = review(spec, dossier, today, questions=questions)
    views = orientations(spec, dossier)
    period = agreement_months(spec)
    years = sorted({m.split("-")[0] for m in period})
    window = spec.application_window
    deadline = format_date(final_report_deadline(spec))
    report_rule = spec.evaluation.final_report
    name = clean(dossier.organisation.name or "")
    budget = _budget(spec, dossier, report)
    summary, summary_actions, summary_targets = _summary(spec, dossier, budget, views)
    filing = report.fileable
    agreement_period = (
        f"du {format_date(spec.agreement.start)} au {format_date(spec.agreement.end)}"
    )
    if filing:
        status_title = "Version à déposer"
        status_lines = [
            render_macro(
                TEXTS,
                "status_filing",
                platform=report_rule.platform,
                call=report.call,
                reservations=report.reservations,
            ),
            *_reservations(spec, dossier, report),
            *_to_check(report),
        ]
        companion_lines = list(status_lines)
        if report.to_reread:  # « qq », « dept »: ready, but an officer would send it back
            count = len(report.to_reread)
            status_lines.append(render_macro(TEXTS, "status_reread", count=count, elsewhere=False))
            companion_lines.append(
                render_macro(TEXTS, "status_reread", count=count, elsewhere=True)
            )
    else:
        status_title = "BROUILLON — ne peut pas être déposé en l’état"
        status_lines = _lines("status_reasons", report=report, elsewhere=False)
        companion_lines = _lines("status_reasons", report=report, elsewhere=True)
    org = dossier.organisation
    asked = _Asked.of(questions, dossier, filing=filing)
    return DraftContext(
        filing=filing,
        status_title=status_title,
        status_lines=[clean(line) for line in status_lines],
        companion_status_lines=[clean(line) for line in companion_lines],
        full_title=spec.identity.full_title,
        funder=spec.identity.funder,
        title=f"Plan d’actions — {name}" if name else "Plan d’actions",
        organisation=name or Placeholder.of("nom de l’organisme"),
        running_head=shorten(name, RUNNING_HEAD_LENGTH) or Placeholder.of("nom de l’organisme"),
        generated_on=format_date(today),
        completeness=_completeness(report),
        closing=format_date(window.end),
        agreement_period=agreement_period,
        platform=report_rule.platform,
        summary=summary,
        summary_actions=summary_actions,
        summary_targets=summary_targets,
        presentation=_presentation(spec, dossier, asked, budget.money),
        context=paragraphs_or(dossier.plan.context, "contexte et diagnostic"),
        approach=paragraphs_or(dossier.plan.approach, "approche pédagogique et stratégique"),
        public=_public(dossier),
        public_note=paragraphs_or(
            dossier.plan.public.note, "comment les actions atteignent ce public"
        ),
        eligibility=_eligibility(
            spec,
            dossier,
            reserved={w.code for w in [*report.reservations, *report.to_confirm]},
            breached={w.code for w in report.breaches},
        ),
        target_public=list(spec.target_public.groups),
        target_quote=spec.target_public.quote,
        orientations=views,
        expected_quote=spec.expected_result.quote,
        objectives=objectives(
            spec,
            dossier,
            left_out="plan.cross_cutting" in asked.left_out,
            passed="plan.cross_cutting" in asked.passed,
            filing=filing,
        ),
        # An optional note left out: said passed in a draft, nothing in the version to file
        # (a heading over « Non renseigné » there reads as a part not finished).
        objectives_note=(
            ([] if filing else [NOTE_PASSED])
            if "plan.cross_cutting_note" in asked.left_out
            else paragraphs_or(
                dossier.plan.cross_cutting_note, "contribution aux objectifs transversaux"
            )
            if dossier.plan.cross_cutting
            else []
        ),
        months=[short_month(m) for m in period],
        calendar_year=" – ".join(years),
        calendar=calendar(spec, views, dossier),
        indicators_quote=spec.indicators_quote,
        indicators=indicators(spec, dossier),
        budget=budget,
        commitments=_lines(
            "commitments",
            agreement_period=agreement_period,
            funder=spec.identity.funder,
            platform=report_rule.platform,
            deadline=deadline,
            allows_indirect=spec.financing.allows_indirect,
        ),
        payment=[
            Row("Avance", spec.payment.advance.summary),
            Row("Solde", spec.payment.balance.summary),
        ],
        payment_quotes=[spec.payment.advance.quote, spec.payment.balance.quote],
        follow_up=spec.evaluation.follow_up.summary,
        follow_up_quote=spec.evaluation.follow_up.quote,
        final_report_deadline=deadline,
        final_report=report_rule.rule.summary,
        final_report_quote=report_rule.rule.quote,
        final_report_parts=[
            Row(part.summary.split(" : ", 1)[0], part.summary.split(" : ", 1)[-1])
            for part in report_rule.parts
        ],
        warnings=[WarningView(w.kind, clean(w.printed), _source(w)) for w in report.warnings],
        missing=_missing(report),
        checklist=_lines(
            "checklist",
            platform=report_rule.platform,
            contact=spec.contact,
            closing=format_date(window.end),
            closed=report.call_closed,
        ),
        attachments_note=render_macro(TEXTS, "attachments_note"),
        attachments=_lines(
            "attachments",
            association=is_association(spec, dossier),
            signatory=republican_contract_signatory(spec, dossier),
        ),
        contact=f"{spec.contact.service} : {spec.contact.person} – {spec.contact.phone}",
        representative=text_or(org.representative.name, "nom du représentant légal"),
        representative_role=text_or(org.representative.role, "qualité du représentant légal"),
        address=text_or(org.address, "adresse de l’organisme"),
        request=summary[2].value,
        total=budget.total_charges,
        to_reread=[clean(render_macro(TEXTS, "to_reread_line", r=r)) for r in report.to_reread],
        to_reread_note=render_macro(TEXTS, "to_reread_note"),
    )
