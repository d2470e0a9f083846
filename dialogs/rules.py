"""The call's rules, one function each, and the coherence advice the assistant adds.

Every check reads the call spec (its numbers and sentences) and the dossier, and returns the
`Warning`s it finds: kind "rule" when the call says so (the warning carries the call's
sentence), kind "form" when the application form requires it although the call does not say
it (the CERFA n° 12156's budget is balanced: an officer sends an unbalanced one back), kind
"advice" when it is the assistant's own coherence check (it says so). Rules and the form's
requirements block a dossier's readiness; advice never does. The
review, the readiness of a dossier, the draft and the staff tools all use these functions;
no other module restates a rule.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Literal

from dialogs.budget import (
    BudgetTotals,
    DeclaredTotals,
    compute_totals,
    declared_totals,
    staff_line_cost,
)
from dialogs.calendar import agreement_months, call_status
from dialogs.dossier import Action, CostLine, Dossier
from dialogs.money import has_cents, share_in_euros
from dialogs.parsing.fte import allocation_key_fte
from dialogs.spec import CallSpec, Quote, Rule
from dialogs.texts import render_macro
from dialogs.validation import fold, siret_is_valid

WARNINGS = "messages/warnings.txt.j2"


WarningKind = Literal["rule", "form", "advice"]


@dataclass(frozen=True)
class Warning:
    kind: WarningKind
    code: str
    message: str
    quote: Quote | None = None
    #: The part of the dossier it concerns, as the first name of its answers' paths
    #: ("budget", "plan"…): the review flags the form's sections holding those answers.
    about: str = ""
    #: The same point as staff read it, when the applicant's wording would not do (« confirmez
    #: votre éligibilité auprès du Département » addressed to the Département itself).
    staff_message: str = ""
    #: The same point as the dossier's documents print it, when they write its amounts in
    #: whole euros (`prints_cents`) where the chat writes them to the cent.
    document_message: str = ""

    @property
    def printed(self) -> str:
        """The message as the dossier's documents print it (their banners and annex)."""
        return self.document_message or self.message


def _warn(
    code: str, kind: WarningKind, quote: Quote | None, *, about: str = "", **ctx: object
) -> Warning:
    """The warning as the chat says it, and as the documents print it when they word it
    otherwise (`document`: a document names no button of the chat)."""
    message = render_macro(WARNINGS, code, **ctx)
    printed = render_macro(WARNINGS, code, document=True, **ctx)
    return Warning(
        kind, code, message, quote, about, document_message="" if printed == message else printed
    )


def _budget_warn(
    code: str,
    kind: WarningKind,
    quote: Quote | None,
    *,
    spec: CallSpec,
    dossier: Dossier,
    totals: BudgetTotals,
    **ctx: object,
) -> Warning:
    """A warning quoting the budget's amounts: to the cent in the chat, as the documents
    print the dossier's amounts (`prints_cents`) in their banners."""
    warning = _warn(code, kind, quote, about="budget", totals=totals, cents=True, **ctx)
    if prints_cents(spec, dossier, totals):
        return warning
    document = render_macro(WARNINGS, code, totals=totals, cents=False, document=True, **ctx)
    return replace(warning, document_message=document)


# -- eligibility ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ineligibility:
    """Why a dossier is not eligible: the criterion ("type" or a question id) and the rule."""

    reason_id: str
    rule: Rule


def type_ineligibility(spec: CallSpec, type_id: object) -> Ineligibility | None:
    """An organisation type the call does not accept as applicant."""
    org_type = spec.organisation_type(str(type_id or ""))
    if org_type is not None and not org_type.eligible:
        return Ineligibility("type", spec.eligibility.type_reason)
    return None


def criterion_ineligibility(
    spec: CallSpec, criterion_id: str, answer: object
) -> Ineligibility | None:
    """An eligibility criterion answered "no"."""
    if answer is not False:
        return None
    question = next((q for q in spec.eligibility.questions if q.id == criterion_id), None)
    return None if question is None else Ineligibility(question.id, question.reason)


def ineligibility(spec: CallSpec, dossier: Dossier) -> Ineligibility | None:
    """The first answer that makes the applicant ineligible, in the interview's order."""
    found = type_ineligibility(spec, dossier.eligibility.organisation_type)
    for question in spec.eligibility.questions:
        if found is not None:
            break
        answer = dossier.eligibility.answers.get(question.id)
        found = criterion_ineligibility(spec, question.id, answer)
    return found


def eligibility_verdict(spec: CallSpec, dossier: Dossier) -> bool | None:
    """True/False once decided by the answers, None while undecided."""
    if ineligibility(spec, dossier) is not None:
        return False
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    answered = all(q.id in dossier.eligibility.answers for q in spec.eligibility.questions)
    return True if org_type is not None and answered else None


def network_level_of(spec: CallSpec, organisation_type: str) -> str | None:
    """The network level an organisation type implies ("Tête de réseau régionale")."""
    org_type = spec.organisation_type(organisation_type)
    return None if org_type is None else org_type.network_level


# -- budget -----------------------------------------------------------------------------------
def budget_totals(spec: CallSpec, dossier: Dossier) -> BudgetTotals:
    return compute_totals(dossier.budget, spec.financing)


def prints_cents(spec: CallSpec, dossier: Dossier, totals: BudgetTotals) -> bool:
    """Whether the dossier's documents print its amounts to the cent: as soon as one amount
    they print has cents (one typed so, a staff line's cost × FTE, charges sociales given
    as a percentage, the indirect-cost cap), every amount of every document does, so that
    each column adds up to its printed total and each printed product is right. A budget
    all in whole euros prints whole euros, as the CERFA n° 12156 asks. Totals are sums of
    these amounts: whole when they are."""
    budget = dossier.budget
    amounts: list[Decimal | None] = [
        dossier.organisation.annual_budget,
        budget.social_charges,
        budget.payroll_tax,
        budget.indirect,
        budget.departement_request,
        budget.own_funds,
    ]
    for line in budget.staff:
        amounts.append(staff_line_cost(line))
        if line.cost_mode == "annual":
            amounts.append(line.annual_cost)
        elif line.cost_mode == "monthly":
            amounts.append(line.monthly_cost)
    amounts += [line.amount for line in budget.other_direct]
    amounts += [funder.amount for funder in budget.other_funders]
    amounts += [line.amount for line in budget.other_resources]
    amounts += [line.amount for line in budget.in_kind]
    if spec.financing.allows_indirect:
        amounts.append(totals.indirect_cap)
    return any(has_cents(amount) for amount in amounts if amount is not None)


def declared_budget(spec: CallSpec, dossier: Dossier) -> DeclaredTotals:
    """The budget's totals, None for those not answered yet (what the staff's views show)."""
    return declared_totals(dossier.budget, budget_totals(spec, dossier))


def indirect_cap(spec: CallSpec, dossier: Dossier) -> Decimal:
    """The most indirect costs the call allows for this dossier's direct costs."""
    return budget_totals(spec, dossier).indirect_cap


def apply_indirect_maximum(spec: CallSpec, dossier: Dossier) -> bool:
    """An applicant who chose "the maximum" keeps the maximum when staff costs change: the
    amount follows the cap. Returns True when the amount changed."""
    budget = dossier.budget
    if not budget.indirect_maximum:
        return False
    cap = indirect_cap(spec, dossier)
    if budget.indirect == cap:
        return False
    budget.indirect = cap
    return True


def social_charges_of_share(staff: Decimal, share: Decimal) -> Decimal:
    """The social charges a share of the staff costs gives, in whole euros rounded down as
    the share was read when typed (`parse_amount`'s `percent_base`, `share_in_euros`)."""
    return share_in_euros(staff, share, 100)


def apply_social_charges_share(spec: CallSpec, dossier: Dossier) -> bool:
    """Social charges typed as a share of the staff costs (« 30 % ») follow those costs when
    a post's cost is corrected later: the share is what the applicant said, the amount only
    what it gave then. Returns True when the amount changed."""
    budget = dossier.budget
    if budget.social_charges_share is None or budget.social_charges is None:
        return False
    now = social_charges_of_share(budget_totals(spec, dossier).staff, budget.social_charges_share)
    if now == budget.social_charges:
        return False
    budget.social_charges = now
    return True


def derive(spec: CallSpec, dossier: Dossier) -> None:
    """Values the dossier derives from its answers, brought up to date after each change
    (the social charges first: the indirect costs' cap is on the staff costs alone)."""
    apply_social_charges_share(spec, dossier)
    apply_indirect_maximum(spec, dossier)


# -- the checks -------------------------------------------------------------------------------
Check = Callable[[CallSpec, Dossier, BudgetTotals, "dt.date | None"], list[Warning]]


def call_open(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    if today is None or call_status(spec, today).state != "closed":
        return []
    window = spec.application_window
    return [_warn("call_closed", "rule", window.quote, closes=window.end)]


def orientations_covered(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The plan covers every orientation of the call."""
    empty = [o for o in spec.orientations if not dossier.actions(o.id)]
    if not empty:
        return []
    return [
        _warn(
            "missing_orientation",
            "rule",
            spec.expected_result.quote,
            about="plan",
            orientations=empty,
            total=len(spec.orientations),
        )
    ]


def public_reached(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The operations serve the call's target public: a plan whose public, once every count
    is given, is 0 everywhere serves none of it (the interview offers 0 for « not known
    yet »: such a plan is not ready to file, and says why)."""
    public = dossier.plan.public
    counts = (public.brsa, public.young, public.former_brsa)
    if any(count is None for count in counts) or any(counts):
        return []
    return [_warn("public_none", "rule", spec.target_public.quote, about="plan")]


def indirect_within_cap(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """Indirect costs at most the call's share of direct (staff) costs."""
    if totals.indirect_within_cap:
        return []
    fin = spec.financing
    quote = fin.indirect_costs.quote if fin.indirect_costs else fin.direct_costs.quote
    return [
        _budget_warn(
            "indirect_cap",
            "rule",
            quote,
            spec=spec,
            dossier=dossier,
            totals=totals,
            rate=fin.indirect_cap_rate,
            allowed=fin.allows_indirect,
        )
    ]


def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """Any of `words` (folded, apostrophes and hyphens as spaces) from a word's start."""
    if not words:
        return None
    return re.compile("|".join(rf"(?<![a-z0-9]){re.escape(_place_words(w))}" for w in words))


def names_overheads(spec: CallSpec, label: str) -> bool:
    """Whether a direct charge's label names the organisation's overheads (« frais de
    structure », « quote-part loyer du siège »: the call file's `overhead_words`), without
    saying why it is directly attached to the operation (`direct_justifications`)."""
    fin = spec.financing
    overheads = _words_pattern(fin.overhead_words)
    justified = _words_pattern(fin.direct_justifications)
    words = _place_words(label)
    if overheads is None or overheads.search(words) is None:
        return False
    return justified is None or justified.search(words) is None


def overhead_lines(spec: CallSpec, dossier: Dossier) -> list[tuple[int, CostLine]]:
    """The direct charges (numbered from 1) whose label names the organisation's overheads;
    one at 0 is not counted there (the way out the interview offers)."""
    return [
        (number, line)
        for number, line in enumerate(dossier.budget.other_direct, start=1)
        if line.label and line.amount != 0 and names_overheads(spec, line.label)
    ]


def overheads_as_direct(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """Direct charges whose label names the organisation's overheads: indirect costs under
    the call, capped at its share of the staff costs. Counted with the indirect costs given,
    above that cap, the call's rule is broken (it blocks readiness); within it, advised (move
    them to the indirect costs, or say why they are directly attached to the operation)."""
    lines = overhead_lines(spec, dossier)
    if not lines or spec.financing.indirect_costs is None:
        return []
    overheads = sum((line.amount or Decimal(0) for _, line in lines), Decimal(0))
    counted = totals.indirect + overheads
    over = counted > totals.indirect_cap
    return [
        _budget_warn(
            "overheads_as_direct",
            "rule" if over else "advice",
            spec.financing.indirect_costs.quote,
            spec=spec,
            dossier=dossier,
            totals=totals,
            lines=lines,
            overheads=overheads,
            counted=counted,
            over=over,
            rate=spec.financing.indirect_cap_rate,
        )
    ]


def months_within_agreement(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """Every action's months inside the agreement period."""
    period = set(agreement_months(spec))
    found = []
    for orientation in spec.orientations:
        for number, action in enumerate(dossier.actions(orientation.id), start=1):
            outside = [m for m in action.months or [] if m not in period]
            if outside:
                found.append(
                    _warn(
                        "months_outside",
                        "rule",
                        spec.agreement.quote,
                        about="plan",
                        action=action,
                        number=number,
                        orientation=orientation,
                        months=outside,
                        agreement=spec.agreement,
                    )
                )
    return found


def siret_valid(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    siret = dossier.organisation.siret
    if siret is None or siret_is_valid(siret):
        return []
    return [_warn("siret_invalid", "advice", None, siret=siret, about="organisation")]


def budget_balanced(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The provisional budget of the CERFA n° 12156 has equal charges and resources. The call
    does not say it, the form does: a requirement of the form (it blocks readiness), not a
    sentence of the call. One warning for the balance, whatever puts it out: a Département
    asked for more than the operation costs is said within it (the resources then exceed
    the charges too), with the amount that balances the budget — a tester's review said the
    same point three times (the balance, the request above the charges, the share kept).
    A budget of no charges at all, once the Département's amount is given, is no budget of
    an operation (a tester's post cost typed 0, then 2 000 € asked: « prêt à déposer »)."""
    if dossier.budget.departement_request is None:
        return []
    if totals.charges <= 0:
        return [_budget_warn("no_charges", "form", None, spec=spec, dossier=dossier, totals=totals)]
    if not totals.balanced:
        return [_budget_warn("unbalanced", "form", None, spec=spec, dossier=dossier, totals=totals)]
    return []


def request_share_kept(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The Département's amount typed as a share of the cost (« 50 % ») and the cost changed
    since: the amount stays as confirmed (never changed unasked), and the review says what
    the share gives now, and what share the amount kept is (advice: the call sets no rate).
    Not while the resources exceed the charges: the balance's own warning then says what the
    Département's amount should be (`budget_balanced`), and a second figure would contradict
    it."""
    share = dossier.budget.departement_request_share
    request = dossier.budget.departement_request
    if share is None or request is None or totals.charges <= 0 or totals.gap < 0:
        return []
    now = share_in_euros(totals.charges, share, 100)  # as the share typed gave it
    if abs(now - request) <= Decimal("1"):  # « 1/3 » stored as 33,333… %: a euro apart
        return []
    kept = (request * 100 / totals.charges).quantize(Decimal("0.01"))
    return [
        _budget_warn(
            "request_share_changed",
            "advice",
            None,
            spec=spec,
            dossier=dossier,
            totals=totals,
            share=share,
            now=now,
            request=request,
            kept=kept,
        )
    ]


def fte_coherent(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The FTE the actions mobilise and the FTE the budget's staff lines pay for agree: more in
    the actions than paid for, or staff paid for that no action mobilises, are both advised."""
    action_fte = sum(
        (a.fte or Decimal(0) for o in spec.orientations for a in dossier.actions(o.id)), Decimal(0)
    )
    budget_fte = sum((line.fte or Decimal(0) for line in dossier.budget.staff), Decimal(0))
    if dossier.budget.staff and action_fte > budget_fte:
        return [
            _warn(
                "fte_incoherent",
                "advice",
                None,
                action_fte=action_fte,
                budget_fte=budget_fte,
                about="budget",
            )
        ]
    if action_fte > 0 and budget_fte > action_fte:
        return [
            _warn(
                "fte_budget_above",
                "advice",
                None,
                action_fte=action_fte,
                budget_fte=budget_fte,
                about="budget",
            )
        ]
    return []


def fte_within_organisation(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The budget's staff lines pay more FTE than the organisation counts in all (« 9
    salariés, 0,5 ETP » for 1 ETP paid): most likely a slip in one or the other, advised (a
    hire planned for the operation may explain it, so never a breach)."""
    org_fte = dossier.organisation.employees_fte
    budget_fte = sum((line.fte or Decimal(0) for line in dossier.budget.staff), Decimal(0))
    if org_fte is None or not dossier.organisation.employees or budget_fte <= org_fte:
        return []
    return [
        _warn(
            "fte_above_organisation",
            "advice",
            None,
            org_fte=org_fte,
            employees=dossier.organisation.employees,
            budget_fte=budget_fte,
            about="budget",
        )
    ]


def indirect_key_fte(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """An indirect-cost allocation key stated in FTE (« 1 ETP sur 4 ETP de la structure ») whose
    figures are not the dossier's: the organisation's total FTE given elsewhere (4,2), or the
    FTE the budget's posts pay for. Most likely a slip in one or the other, and an officer
    checks the key against them: advised with both figures (never a breach, the call sets
    no key)."""
    key = dossier.budget.indirect_key
    stated = allocation_key_fte(key) if key and dossier.budget.indirect else None
    if stated is None:
        return []
    share, whole = stated
    org_fte = dossier.organisation.employees_fte
    posts = [line.fte for line in dossier.budget.staff if line.fte is not None]
    budget_fte = sum(posts, Decimal(0))
    whole_differs = org_fte is not None and whole != org_fte
    share_differs = bool(posts) and share != budget_fte
    if not whole_differs and not share_differs:
        return []
    return [
        _warn(
            "indirect_key_fte",
            "advice",
            None,
            about="budget",
            share=share,
            whole=whole,
            org_fte=org_fte if whole_differs else None,
            budget_fte=budget_fte if share_differs else None,
        )
    ]


def social_charges_within_staff(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The social charges announced are a part of the staff costs (after a staff line shrank,
    they may no longer be). A requirement of the form, like the balance: the CERFA's account
    645 sits inside account 64, so the budget cannot be filed as typed (it blocks readiness;
    the documents cap 645 at the staff costs and carry this warning)."""
    social = dossier.budget.social_charges
    if social is None or social <= totals.staff:
        return []
    return [
        _budget_warn(
            "social_above_staff",
            "form",
            None,
            spec=spec,
            dossier=dossier,
            totals=totals,
            social=social,
        )
    ]


def social_charges_unchanged(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """Social charges typed as an amount against staff costs that have changed since (a
    post's cost corrected later): the amount is the applicant's own figure, never changed
    unasked, so the review flags it until it is answered again (advice: the charges of the
    new cost may be the same). Not when they exceed the staff costs: that is
    `social_charges_within_staff`'s, which blocks."""
    budget = dossier.budget
    social, then = budget.social_charges, budget.social_charges_staff
    if social is None or then is None or then == totals.staff or social > totals.staff:
        return []
    return [
        _budget_warn(
            "social_charges_unchanged",
            "advice",
            None,
            spec=spec,
            dossier=dossier,
            totals=totals,
            social=social,
            then=then,
        )
    ]


def salaries_kept(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """A staff line whose loaded cost was typed as a gross or net salary (« 2800€ brut par
    mois ») and kept as is once asked back: its employer's charges may be missing, so the
    staff costs may be understated. Advised, never blocking (the applicant may have meant
    the loaded cost after all), until the cost is answered again."""
    return [
        _warn(
            "salary_kept",
            "advice",
            None,
            about="budget",
            number=number,
            line=line,
            amount=line.monthly_cost if line.cost_mode == "monthly" else line.annual_cost,
            monthly=line.cost_mode == "monthly",
        )
        for number, line in enumerate(dossier.budget.staff, start=1)
        if line.cost_typed_as is not None
    ]


def fte_within_headcount(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """An employee counts for one full-time equivalent at most. Checked when typed (the
    field rule of the same name); here again for a headcount lowered afterwards while the
    FTE given earlier stayed (a coherence requirement: it blocks readiness). No employees:
    the form no longer asks the FTE, and the one given earlier is not the dossier's (an
    organisation of volunteers is no breach it could not correct)."""
    org = dossier.organisation
    if not org.employees or org.employees_fte is None or org.employees_fte <= org.employees:
        return []
    return [
        _warn(
            "fte_above_headcount",
            "form",
            None,
            employees=org.employees,
            fte=org.employees_fte,
            about="organisation",
        )
    ]


def actions_within_members(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """An action that targets more SIAE than the network's member SIAE (« une quarantaine »
    for 30 members): most likely a slip, advised (an action may reach SIAE that are not
    members, so never a breach)."""
    members = dossier.organisation.member_siae_count
    if not members:
        return []
    found = []
    for orientation in spec.orientations:
        for number, action in enumerate(dossier.actions(orientation.id), start=1):
            if action.siae_count is not None and action.siae_count > members:
                found.append(
                    _warn(
                        "action_above_members",
                        "advice",
                        None,
                        about="plan",
                        action=action,
                        number=number,
                        orientation=orientation,
                        members=members,
                    )
                )
    return found


def wider_network_level(spec: CallSpec, dossier: Dossier) -> str | None:
    """The network's level as the form names it ("Régional"), when it is wider than the
    département the call names; None for a departmental network or none given."""
    level = dossier.organisation.network_level or network_level_of(
        spec, dossier.eligibility.organisation_type or ""
    )
    if level not in ("regional", "national"):
        return None
    return spec.compiled_form.choice_label("organisation.network_level", level) or level


def network_in_the_departement(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The call names the network heads "of the Pas-de-Calais": a regional or national network
    is advised to confirm its eligibility with the Département before filing."""
    label = wider_network_level(spec, dossier)
    if label is None:
        return []
    quote = spec.eligibility.applicants.quote
    funder, contact = spec.identity.funder, spec.contact
    warning = _warn("network_scope", "advice", quote, level=label, funder=funder, contact=contact)
    staff = render_macro(WARNINGS, "staff_network_scope", level=label)
    return [replace(warning, staff_message=staff)]


def _place_words(text: str) -> str:
    """`text` folded, its hyphens, apostrophes and punctuation as spaces: « Villeneuve-d’Ascq »,
    « villeneuve d'ascq » and « Villeneuve d’Ascq » read alike."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())


def places_named_elsewhere(spec: CallSpec, text: str) -> list[str]:
    """The places `text` names among those the call file lists outside its territory, in
    the order named (as the call file spells them; « Métropole européenne de Lille », not
    also the « Lille » within it). Whole words, hyphens read as spaces (« Lille-Roubaix »
    names both); the call file's places inside the territory whose names hold one of
    those go first (« Bailleul-Sir-Berthoult » is a town of the Pas-de-Calais)."""
    words = f" {_place_words(text)} "
    for inside in spec.territory.inside:
        words = words.replace(f" {_place_words(inside)} ", " | ")
    spans: list[tuple[int, int, str]] = []
    for place in spec.territory.elsewhere:
        name = f" {_place_words(place)} "
        at = words.find(name)
        if at >= 0:
            spans.append((at, at + len(name), place))
    kept = [
        (start, end, place)
        for start, end, place in spans
        if not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in spans)
    ]
    return [place for _, _, place in sorted(kept)]


#: A département's number as applicants name one (« tout le 59 », « dans le 80 », « Nord (59) »),
#: not a count (« 59 communes »).
_DEPARTEMENT_NUMBER = re.compile(
    r"(?:\b(?:le|du|dans le|departement|dept|dpt)\s+(\d{2})(?=\s*(?:$|[,;.)/]|et\b|ou\b))"
    r"|\((\d{2})\))"
)
_POSTCODE = re.compile(r"(?<!\d)(\d{2})\s?(\d{3})(?!\d)")


def departements_named_elsewhere(spec: CallSpec, text: str) -> list[str]:
    """The other départements' numbers `text` names (« tout le 59 » → « 59 »), when the call
    file gives its territory's own (`territory.departements`)."""
    inside = spec.territory.departements
    if not inside:
        return []
    found = [a or b for a, b in _DEPARTEMENT_NUMBER.findall(fold(text))]
    return list(dict.fromkeys(n for n in found if n not in inside and "01" <= n <= "95"))


def names_the_territory(spec: CallSpec, text: str) -> bool:
    """Whether `text` names the call's own territory: its name (« dans le pas de calais »)
    or its département's number (« dans le 62 »)."""
    name = _place_words(spec.identity.territory)
    name = re.sub(r"^(?:le|la|les|l) ", "", name)
    if f" {name} " in f" {_place_words(text)} ":
        return True
    found = [a or b for a, b in _DEPARTEMENT_NUMBER.findall(fold(text))]
    return any(n in spec.territory.departements for n in found)


def postcodes_elsewhere(spec: CallSpec, text: str) -> tuple[list[str], bool]:
    """The postcodes of an address outside the territory's départements (« 59000 »), and
    whether the address has a postcode at all."""
    inside = spec.territory.departements
    codes = [a + b for a, b in _POSTCODE.findall(text)]
    return [c for c in dict.fromkeys(codes) if inside and c[:2] not in inside], bool(codes)


def organisation_places_elsewhere(spec: CallSpec, dossier: Dossier) -> list[str]:
    """The places outside the call's territory the organisation's territory of action names
    (« département du Nord », « Roubaix », « le 59 »), then those of its head office: its
    postcode when not of the territory (« 59000 »; a street named after a town, « rue de
    Lille, 62000 Arras », is no place), or the places it names without a postcode. A
    regional or national network's seat is not read: it is where its region is (Lille for
    the Hauts-de-France), and its level alone asks the funder to confirm
    (`network_in_the_departement`)."""
    org = dossier.organisation
    found: list[str] = []
    if org.territory:
        found += places_named_elsewhere(spec, org.territory)
        found += departements_named_elsewhere(spec, org.territory)
    if org.address and wider_network_level(spec, dossier) is None:
        postcodes, has_postcode = postcodes_elsewhere(spec, org.address)
        found += postcodes if has_postcode else places_named_elsewhere(spec, org.address)
    return list(dict.fromkeys(found))


def organisation_in_the_territory(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """The call names as applicants « Les têtes de réseaux de l’insertion par l’activité
    écnomique du département du pas-de-calais »: a network whose territory of action or seat
    names places outside it (a network head of the Nord with two members in Calais) may not
    be one. The call's text does not say what becomes of it: it is for the funder to
    confirm, and the dossier is never ready meanwhile (`review.CONFIRMATIONS`)."""
    places = organisation_places_elsewhere(spec, dossier)
    if not places:
        return []
    context = {
        "places": places,
        "territory": spec.identity.territory,
        "funder": spec.identity.funder,
        "contact": spec.contact,
        "sentence": spec.eligibility.applicants.quote.text,
    }
    quote = spec.eligibility.applicants.quote
    warning = _warn("organisation_elsewhere", "rule", quote, about="eligibility", **context)
    staff = render_macro(WARNINGS, "staff_organisation_elsewhere", **context)
    return [replace(warning, staff_message=staff)]


def places_elsewhere(spec: CallSpec, dossier: Dossier) -> list[tuple[Action, list[str]]]:
    """Each action whose areas name places outside the call's territory, with them."""
    found = []
    for orientation in spec.orientations:
        for action in dossier.actions(orientation.id):
            if action.territory_scope != "areas" or not action.areas:
                continue
            named = places_named_elsewhere(spec, action.areas)
            if named:
                found.append((action, named))
    return found


def actions_in_the_territory(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """An action whose areas name a place outside the call's territory (« Lille » for the
    Pas-de-Calais): the Département decides, so it qualifies the dossier's readiness
    (`review.RESERVATIONS`) without blocking it — a name may be a partner's seat, not where
    the action happens."""
    found = []
    for action, places in places_elsewhere(spec, dossier):
        context = {
            "action": action,
            "places": places,
            "territory": spec.identity.territory,
            "funder": spec.identity.funder,
        }
        warning = _warn("area_elsewhere", "advice", spec.territory.quote, about="plan", **context)
        staff = render_macro(WARNINGS, "staff_area_elsewhere", **context)
        found.append(replace(warning, staff_message=staff))
    return found


def indicators_consistent(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """A target of 0 for an indicator that some action clearly produces."""
    found = []
    for indicator in spec.indicators:
        target = dossier.indicators.targets.get(indicator.id)
        if target is None or target.target != 0 or not indicator.produced_by:
            continue
        # At a word's start: "formation" is no "information", "veille juridique" no "veille
        # des marchés", "strat" no "administration".
        stems = re.compile(
            "|".join(rf"(?<![a-z0-9]){re.escape(fold(s))}" for s in indicator.produced_by)
        )
        producers = [
            a.title or ""
            for o in spec.orientations
            for a in dossier.actions(o.id)
            if stems.search(
                fold(" ".join(filter(None, [a.title, a.description, a.expected_results])))
            )
        ]
        if producers:
            found.append(
                _warn(
                    "indicator_zero",
                    "advice",
                    None,
                    indicator=indicator,
                    actions=producers,
                    about="indicators",
                )
            )
    return found


def indicators_not_all_zero(
    spec: CallSpec, dossier: Dossier, totals: BudgetTotals, today: dt.date | None
) -> list[Warning]:
    """Every indicator's target at 0: the call lists them as the operation's minimum
    evaluation indicators, so a plan aiming at none of them is flagged (advice, never a
    block: the call sets no target, and 0 is a possible answer to each)."""
    targets = [dossier.indicators.targets.get(i.id) for i in spec.indicators]
    if not targets or any(t is None or t.target != 0 for t in targets):
        return []
    return [
        _warn(
            "indicators_all_zero",
            "advice",
            spec.indicators_quote,
            total=len(targets),
            about="indicators",
        )
    ]


#: Every check, in the order the review lists what it finds.
CHECKS: tuple[Check, ...] = (
    call_open,
    orientations_covered,
    public_reached,
    indirect_within_cap,
    overheads_as_direct,
    months_within_agreement,
    siret_valid,
    budget_balanced,
    request_share_kept,
    fte_coherent,
    fte_within_organisation,
    indirect_key_fte,
    social_charges_within_staff,
    social_charges_unchanged,
    salaries_kept,
    fte_within_headcount,
    actions_within_members,
    network_in_the_departement,
    organisation_in_the_territory,
    actions_in_the_territory,
    indicators_consistent,
    indicators_not_all_zero,
)
#: Rules a dossier itself breaks (the call being closed is not the dossier's doing), and the
#: form's requirements it does not meet.
DOSSIER_RULES: frozenset[str] = frozenset(
    {
        "missing_orientation",
        "public_none",
        "indirect_cap",
        "overheads_as_direct",
        "months_outside",
        "unbalanced",
        "no_charges",
        "social_above_staff",
        "fte_above_headcount",
        "organisation_elsewhere",
    }
)


def warnings_for(spec: CallSpec, dossier: Dossier, today: dt.date | None = None) -> list[Warning]:
    totals = budget_totals(spec, dossier)
    return [w for check in CHECKS for w in check(spec, dossier, totals, today)]
