"""The draft's view model: everything the Markdown and Word templates show, built once.

`build_context(spec, dossier, today)` turns a dossier (complete or not) into plain
dataclasses of already-formatted French strings. Both templates read this same object, so
the two formats cannot disagree on a figure. Every business number comes from
`dialogs.budget` / `dialogs.review`; nothing is recomputed here. User text is cleaned of the
characters XML forbids (both formats) but is NOT escaped: escaping belongs to each format
(Markdown filters in `drafts.markdown`, autoescaping in `drafts.docx`).

Unanswered items become `Placeholder` strings ("[À compléter : …]"), so a partial dossier
still yields a useful draft and each format can tell them apart from user text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from dialogs.budget import BudgetTotals, staff_line_cost
from dialogs.calendar import MONTH_NAMES, agreement_months, final_report_deadline, format_date
from dialogs.dossier import Action, Dossier, StaffLine
from dialogs.money import format_eur, format_number
from dialogs.review import ReviewReport, review
from dialogs.spec import CallSpec, Quote
from dialogs.validation import format_phone

# C0 controls but tab and newline, DEL and C1 controls, lone surrogates, non-characters.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n[ \t]*\n+")


class Placeholder(str):
    """A visible "[À compléter : …]" mark standing for an unanswered item."""

    __slots__ = ()

    @classmethod
    def of(cls, what: str) -> Placeholder:
        return cls(f"[À compléter : {what}]")


def clean(text: str) -> str:
    """User text without the characters XML 1.0 forbids; newlines normalised to "\\n"."""
    return _FORBIDDEN.sub("", _NEWLINES.sub("\n", text)).strip()


def text_or(value: str | None, what: str) -> str:
    """Cleaned user text, or a placeholder when unanswered (or empty once cleaned)."""
    cleaned = clean(value) if value is not None else ""
    return cleaned if cleaned else Placeholder.of(what)


def paragraphs_or(value: str | None, what: str) -> list[str]:
    """Multi-paragraph user text split on blank lines (single newlines kept inside)."""
    cleaned = clean(value) if value is not None else ""
    if not cleaned:
        return [Placeholder.of(what)]
    return [p.strip() for p in _BLANK_LINES.split(cleaned) if p.strip()]


def eur_or(value: Decimal | None, what: str) -> str:
    return format_eur(value) if value is not None else Placeholder.of(what)


def percent(rate: Decimal) -> str:
    return format_number((rate * 100).normalize()) + " %"


MONTH_ABBREVIATIONS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def short_month(month: str) -> str:
    """ "2025-02" -> "févr." (the calendar's column heads; the years are in its caption)."""
    return MONTH_ABBREVIATIONS[int(month.split("-")[1]) - 1]


# -- the view model ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class Criterion:
    criterion: str
    answer: str
    how: str
    source: str


@dataclass(frozen=True)
class ActionView:
    number: str
    title: str
    description: list[str]
    rows: list[Row]
    results: list[str]


@dataclass(frozen=True)
class OrientationView:
    number: int
    title: str
    short_title: str
    explanation: str
    actions: list[ActionView]
    empty: str


@dataclass(frozen=True)
class ObjectiveView:
    label: str
    description: str
    served: str


@dataclass(frozen=True)
class CalendarRow:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class IndicatorView:
    label: str
    target: str
    counting: str
    comment: str


@dataclass(frozen=True)
class BudgetRow:
    """One line of the CERFA-style table; kind is "class", "line", "note", "subtotal" or "total"."""

    kind: str
    account: str
    label: str
    basis: str
    amount: str


@dataclass(frozen=True)
class BudgetView:
    staff: list[BudgetRow]
    charges: list[BudgetRow]
    resources: list[BudgetRow]
    total_charges: str
    total_resources: str
    total_staff: str
    total_direct: str
    indirect: str
    cap_line: str
    cap_respected: bool
    balance_line: str
    balanced: bool
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
    full_title: str
    funder: str
    title: str
    organisation: str
    generated_on: str
    completeness: str
    closing: str
    agreement_period: str
    presentation: list[Row]
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
    payment: list[Row]
    payment_quotes: list[Quote]
    follow_up: str
    follow_up_quote: Quote
    final_report_deadline: str
    platform: str
    final_report: str
    final_report_quote: Quote
    final_report_parts: list[Row]
    warnings: list[WarningView]
    missing: list[MissingGroup]
    checklist: list[str]
    contact: str


# -- building it ---------------------------------------------------------------------------------
def _source(quote: Quote | None) -> str:
    return (
        f"Appel à projets, « {quote.section} »" if quote is not None else "Conseil de l’assistant"
    )


def _choice_label(spec: CallSpec, pattern: str, value: str) -> str:
    """The form's label for a stored choice (the value itself, cleaned, when unknown)."""
    label = spec.compiled_form.choice_label(pattern, value)
    return label if label is not None else clean(value)


def _account(spec: CallSpec, category: str | None) -> tuple[str, str] | None:
    """ "60" -> ("60", "Achats (fournitures, petit matériel…)"): the form's label of an
    account class; None for an unknown one."""
    label = spec.compiled_form.choice_label("budget.other_direct.category", category)
    if category is None or label is None:
        return None
    return category, label.split(" – ", 1)[-1]


def _presentation(spec: CallSpec, dossier: Dossier) -> list[Row]:
    org = dossier.organisation
    contact = org.contact
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    level = (
        _choice_label(spec, "organisation.network_level", org.network_level)
        if org.network_level
        else Placeholder.of("niveau du réseau")
    )
    legal = clean(org.legal_form) if org.legal_form else None
    members = (
        format_number(org.member_siae_count)
        if org.member_siae_count is not None
        else Placeholder.of("nombre de SIAE adhérentes")
    )
    phone = format_phone(clean(contact.phone)) if contact.phone else Placeholder.of("téléphone")
    person = text_or(contact.name, "personne à contacter")
    if contact.role:
        person = f"{person}, {clean(contact.role)}"
    return [
        Row("Organisme", text_or(org.name, "nom de l’organisme")),
        Row("Type d’organisme", org_type.label if org_type else Placeholder.of("type d’organisme")),
        Row("SIRET", text_or(org.siret, "SIRET")),
        Row("Forme juridique", legal or Placeholder.of("forme juridique")),
        Row("Niveau du réseau", level),
        Row("SIAE adhérentes dans le Pas-de-Calais", members),
        Row("Adresse", text_or(org.address, "adresse")),
        Row("Territoire d’intervention", spec.territory.summary),
        Row("Personne à contacter", person),
        Row("Adresse e-mail", text_or(contact.email, "adresse e-mail")),
        Row("Téléphone", phone),
    ]


def _eligibility(spec: CallSpec, dossier: Dossier) -> list[Criterion]:
    elig = spec.eligibility
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    if org_type is None:
        type_answer: str = Placeholder.of("type d’organisme")
        type_how: str = Placeholder.of("qualité de tête de réseau IAE")
    else:
        type_answer = "Oui" if org_type.eligible else "Non"
        type_how = org_type.label
    rows = [
        Criterion(elig.applicants.summary, type_answer, type_how, _source(elig.applicants.quote))
    ]
    for question in elig.questions:
        answer = dossier.eligibility.answers.get(question.id)
        if answer is None:
            rows.append(
                Criterion(
                    question.reason.summary,
                    Placeholder.of("réponse"),
                    Placeholder.of("à préciser"),
                    _source(question.reason.quote),
                )
            )
        else:
            rows.append(
                Criterion(
                    question.reason.summary,
                    "Oui" if answer else "Non",
                    question.help if answer else question.reason.summary,
                    _source(question.reason.quote),
                )
            )
    return rows


def _action_rows(spec: CallSpec, action: Action) -> list[Row]:
    if action.siae_count is not None:
        siae = format_number(action.siae_count) + " SIAE"
    else:
        siae = Placeholder.of("nombre de SIAE")
    if action.siae_types:
        types = ", ".join(
            _choice_label(spec, "plan.actions.siae_types", t) for t in action.siae_types
        )
        siae = f"{siae} ({types})"
    elif action.siae_types is None:
        siae = f"{siae} — {Placeholder.of('types de SIAE')}"
    if action.territory_scope == "department":
        territory = "Tout le Pas-de-Calais"
    elif action.territory_scope == "areas":
        territory = text_or(action.areas, "EPCI ou territoires")
    else:
        territory = Placeholder.of("territoire")
    if action.months:
        months = _month_ranges(sorted(set(action.months)))
    else:
        months = Placeholder.of("mois de réalisation")
    partners = clean(action.partners) if action.partners else ""
    fte = format_number(action.fte) + " ETP" if action.fte is not None else Placeholder.of("ETP")
    return [
        Row("SIAE ciblées", siae),
        Row("Territoire", territory),
        Row("Période", months),
        Row("Partenaires", partners or "Aucun partenaire indiqué"),
        Row("Personnel mobilisé", fte),
    ]


def _month_ranges(months: list[str]) -> str:
    """["2025-01", "2025-02", "2025-03", "2025-06"] -> "janvier – mars 2025, juin 2025"."""
    parsed: list[tuple[int, int]] = []
    for month in months:
        year_text, number_text = month.split("-")
        parsed.append((int(year_text), int(number_text)))
    runs: list[list[tuple[int, int]]] = []
    for year, number in parsed:
        if runs:
            last_year, last_number = runs[-1][-1]
            following = (last_year, last_number + 1) if last_number < 12 else (last_year + 1, 1)
            if following == (year, number):
                runs[-1].append((year, number))
                continue
        runs.append([(year, number)])
    parts = []
    for run in runs:
        (y1, m1), (y2, m2) = run[0], run[-1]
        if run[0] == run[-1]:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1}")
        elif y1 == y2:
            parts.append(f"{MONTH_NAMES[m1 - 1]} – {MONTH_NAMES[m2 - 1]} {y2}")
        else:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1} – {MONTH_NAMES[m2 - 1]} {y2}")
    return ", ".join(parts)


def _orientations(spec: CallSpec, dossier: Dossier) -> list[OrientationView]:
    views = []
    for number, orientation in enumerate(spec.orientations, start=1):
        actions = []
        for index, action in enumerate(dossier.actions(orientation.id), start=1):
            actions.append(
                ActionView(
                    number=f"{number}.{index}",
                    title=text_or(action.title, "titre de l’action"),
                    description=paragraphs_or(action.description, "description de l’action"),
                    rows=_action_rows(spec, action),
                    results=paragraphs_or(action.expected_results, "résultats attendus"),
                )
            )
        views.append(
            OrientationView(
                number=number,
                title=orientation.title,
                short_title=orientation.short_title,
                explanation=orientation.explanation,
                actions=actions,
                empty=Placeholder.of(f"au moins une action pour l’orientation {number}"),
            )
        )
    return views


def _objectives(spec: CallSpec, dossier: Dossier) -> list[ObjectiveView]:
    chosen = dossier.plan.cross_cutting
    views = []
    for objective in spec.cross_cutting_objectives:
        if chosen is None:
            served: str = Placeholder.of("oui ou non")
        else:
            served = "Oui" if objective.id in chosen else "Non"
        views.append(ObjectiveView(objective.label, objective.description, served))
    return views


def _calendar(
    spec: CallSpec, orientations: list[OrientationView], dossier: Dossier
) -> list[CalendarRow]:
    period = agreement_months(spec)
    rows = []
    for orientation, view in zip(spec.orientations, orientations, strict=True):
        for action, action_view in zip(dossier.actions(orientation.id), view.actions, strict=True):
            months = set(action.months or [])
            rows.append(
                CalendarRow(
                    label=f"{action_view.number} {action_view.title}",
                    cells=["●" if month in months else "" for month in period],
                )
            )
    return rows


def _indicators(spec: CallSpec, dossier: Dossier) -> list[IndicatorView]:
    views = []
    for indicator in spec.indicators:
        target = dossier.indicators.targets.get(indicator.id)
        value = (
            format_number(target.target)
            if target is not None and target.target is not None
            else Placeholder.of("cible")
        )
        comment = clean(target.comment) if target is not None and target.comment else ""
        views.append(IndicatorView(indicator.label, value, indicator.counting, comment))
    for extra in dossier.indicators.extra:
        views.append(
            IndicatorView(
                label=text_or(extra.label, "libellé de l’indicateur"),
                target=format_number(extra.target)
                if extra.target is not None
                else Placeholder.of("cible"),
                counting="Indicateur propre au porteur de projet",
                comment="",
            )
        )
    return views


def _staff_basis(line: StaffLine) -> str:
    fte = format_number(line.fte) + " ETP" if line.fte is not None else Placeholder.of("ETP")
    if line.cost_mode == "annual":
        base = eur_or(line.annual_cost, "coût annuel") + " / an"
        return f"{base} × {fte}"
    if line.cost_mode == "monthly":
        base = eur_or(line.monthly_cost, "coût mensuel") + " / mois"
        months = (
            format_number(line.months) + " mois"
            if line.months is not None
            else Placeholder.of("mois")
        )
        return f"{base} × {months} × {fte}"
    return f"{Placeholder.of('mode de calcul')} × {fte}"


def _budget(spec: CallSpec, dossier: Dossier, totals: BudgetTotals) -> BudgetView:
    budget = dossier.budget
    fin = spec.financing
    staff_rows = []
    for number, line in enumerate(budget.staff, start=1):
        cost = staff_line_cost(line)
        staff_rows.append(
            BudgetRow(
                kind="line",
                account="",
                label=text_or(line.role, f"fonction du poste {number}"),
                basis=_staff_basis(line),
                amount=eur_or(cost, "coût du poste"),
            )
        )
    if not staff_rows:
        staff_rows.append(
            BudgetRow(
                "line",
                "",
                Placeholder.of("postes affectés à l’action"),
                "",
                format_eur(totals.staff),
            )
        )
    groups: dict[str, list[BudgetRow]] = {}
    accounts: dict[str, str] = {}
    for item in budget.other_direct:
        account = _account(spec, item.category)
        code = account[0] if account else "?"
        accounts[code] = account[1] if account else ""
        groups.setdefault(code, []).append(
            BudgetRow(
                "line",
                "",
                text_or(item.label, "libellé de la charge"),
                "",
                eur_or(item.amount, "montant"),
            )
        )
    class_totals: dict[str, Decimal] = {}
    for item in budget.other_direct:
        code = item.category if item.category in accounts else "?"
        class_totals[code] = class_totals.get(code, Decimal("0.00")) + (
            item.amount or Decimal("0.00")
        )

    charges: list[BudgetRow] = []
    for code in sorted({*groups, "64"}, key=lambda c: (c == "?", c)):
        if code == "64":
            charges.append(
                BudgetRow("class", "64", "Charges de personnel", "", format_eur(totals.staff))
            )
            charges.extend(staff_rows)
            continue
        if code == "?":
            label: str = Placeholder.of("compte de la charge (60 à 68)")
        else:
            label = accounts[code]
        charges.append(
            BudgetRow(
                "class", "" if code == "?" else code, label, "", format_eur(class_totals[code])
            )
        )
        charges.extend(groups[code])
    charges.append(
        BudgetRow("subtotal", "", "Total des charges directes", "", format_eur(totals.direct))
    )
    base_label = (
        "des charges directes de personnel"
        if fin.indirect_cap_base == "direct_staff_costs"
        else "des charges directes"
    )
    indirect_amount = eur_or(budget.indirect, "charges indirectes")
    rate = totals.indirect_rate
    basis = (
        f"soit {percent(rate)} des charges de personnel"
        if rate is not None and budget.indirect
        else ""
    )
    charges.append(
        BudgetRow(
            "class", "", "Charges indirectes réparties affectées à l’action", basis, indirect_amount
        )
    )
    cap_line = f"Plafond : {percent(fin.indirect_cap_rate)} {base_label} = {format_eur(totals.indirect_cap)} — "
    if totals.indirect_within_cap:
        cap_line += "respecté"
    else:
        cap_line += f"dépassé de {format_eur(totals.indirect - totals.indirect_cap)}"
    charges.append(BudgetRow("note", "", cap_line, "", ""))
    charges.append(BudgetRow("total", "", "TOTAL DES CHARGES", "", format_eur(totals.charges)))

    resources: list[BudgetRow] = [
        BudgetRow(
            "class",
            "74",
            "Subventions d’exploitation",
            "",
            format_eur(totals.departement + totals.other_funders),
        ),
        BudgetRow(
            "line",
            "",
            "Département du Pas-de-Calais",
            "montant demandé",
            eur_or(budget.departement_request, "montant demandé au Département"),
        ),
    ]
    for number, funder in enumerate(budget.other_funders, start=1):
        status = (
            _choice_label(spec, "budget.other_funders.status", funder.status).lower()
            if funder.status
            else Placeholder.of("obtenu ou demandé")
        )
        resources.append(
            BudgetRow(
                "line",
                "",
                text_or(funder.name, f"nom du financeur {number}"),
                status,
                eur_or(funder.amount, "montant"),
            )
        )
    if budget.has_other_funders is None and not budget.other_funders:
        resources.append(
            BudgetRow("line", "", Placeholder.of("autres financeurs éventuels"), "", "")
        )
    resources.append(
        BudgetRow(
            "class",
            "",
            "Fonds propres (autofinancement)",
            "",
            eur_or(budget.own_funds, "fonds propres"),
        )
    )
    resources.append(
        BudgetRow("total", "", "TOTAL DES RESSOURCES", "", format_eur(totals.resources))
    )

    if totals.balanced:
        balance = f"Budget équilibré : total des charges = total des ressources = {format_eur(totals.charges)}"
    elif totals.gap > 0:
        balance = f"Budget non équilibré : les charges dépassent les ressources de {format_eur(totals.gap)}"
    else:
        balance = f"Budget non équilibré : les ressources dépassent les charges de {format_eur(-totals.gap)}"
    return BudgetView(
        staff=staff_rows,
        charges=charges,
        resources=resources,
        total_charges=format_eur(totals.charges),
        total_resources=format_eur(totals.resources),
        total_staff=format_eur(totals.staff),
        total_direct=format_eur(totals.direct),
        indirect=format_eur(totals.indirect),
        cap_line=cap_line,
        cap_respected=totals.indirect_within_cap,
        balance_line=balance,
        balanced=totals.balanced,
        quotes=[rule.quote for rule in (fin.direct_costs, fin.indirect_costs) if rule is not None],
    )


def _missing(report: ReviewReport) -> list[MissingGroup]:
    groups: dict[str, list[str]] = {}
    for item in report.missing:
        groups.setdefault(item.section, []).append(clean(item.label))
    return [MissingGroup(section, items) for section, items in groups.items()]


def build_context(spec: CallSpec, dossier: Dossier, today: dt.date) -> DraftContext:
    report = review(spec, dossier, today)
    orientations = _orientations(spec, dossier)
    period = agreement_months(spec)
    years = sorted({m.split("-")[0] for m in period})
    window = spec.application_window
    deadline = format_date(final_report_deadline(spec))
    report_rule = spec.evaluation.final_report
    name = clean(dossier.organisation.name or "")
    checklist = [
        f"Créer ou mettre à jour le compte de l’organisme dans {report_rule.platform}.",
        "Reporter ce plan d’actions, relu et complété, dans le formulaire de candidature.",
        "Vérifier que le budget est équilibré et que les charges indirectes respectent le plafond.",
        (
            f"Joindre les pièces que {report_rule.platform} demande : l’appel à projets n’en "
            f"donne pas la liste ; en cas de doute, contactez la {spec.contact.service} "
            f"({spec.contact.phone})."
        ),
        f"Déposer puis valider la candidature avant la clôture, le {format_date(window.end)} inclus.",
    ]
    return DraftContext(
        full_title=spec.identity.full_title,
        funder=spec.identity.funder,
        title=f"Plan d’actions — {name}" if name else "Plan d’actions",
        organisation=name or Placeholder.of("nom de l’organisme"),
        generated_on=format_date(today),
        completeness=f"{report.completeness} %",
        closing=format_date(window.end),
        agreement_period=f"du {format_date(spec.agreement.start)} au {format_date(spec.agreement.end)}",
        presentation=_presentation(spec, dossier),
        eligibility=_eligibility(spec, dossier),
        target_public=list(spec.target_public.groups),
        target_quote=spec.target_public.quote,
        orientations=orientations,
        expected_quote=spec.expected_result.quote,
        objectives=_objectives(spec, dossier),
        objectives_note=(
            paragraphs_or(
                dossier.plan.cross_cutting_note, "contribution aux objectifs transversaux"
            )
            if dossier.plan.cross_cutting
            else []
        ),
        months=[short_month(m) for m in period],
        calendar_year=" – ".join(years),
        calendar=_calendar(spec, orientations, dossier),
        indicators_quote=spec.indicators_quote,
        indicators=_indicators(spec, dossier),
        budget=_budget(spec, dossier, report.totals),
        payment=[
            Row("Avance", spec.payment.advance.summary),
            Row("Solde", spec.payment.balance.summary),
        ],
        payment_quotes=[spec.payment.advance.quote, spec.payment.balance.quote],
        follow_up=spec.evaluation.follow_up.summary,
        follow_up_quote=spec.evaluation.follow_up.quote,
        final_report_deadline=deadline,
        platform=report_rule.platform,
        final_report=report_rule.rule.summary,
        final_report_quote=report_rule.rule.quote,
        final_report_parts=[
            Row(part.summary.split(" : ", 1)[0], part.summary.split(" : ", 1)[-1])
            for part in report_rule.parts
        ],
        warnings=[WarningView(w.kind, clean(w.message), _source(w.quote)) for w in report.warnings],
        missing=_missing(report),
        checklist=checklist,
        contact=f"{spec.contact.service} : {spec.contact.person} – {spec.contact.phone}",
    )
