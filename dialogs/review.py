"""The review: completeness, what is missing, and warnings.

Warnings of kind "rule" come from a sentence of the call and carry it; warnings of kind
"advice" are coherence checks no form tool gives, and say they are advice, not the call.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from dialogs.budget import BudgetTotals, compute_totals
from dialogs.calendar import agreement_months, call_status
from dialogs.dossier import Dossier
from dialogs.spec import CallSpec, Quote
from dialogs.steps import STEP_TITLE, completeness_of, is_missing, plan_questions
from dialogs.texts import render_macro
from dialogs.validation import fold, siret_is_valid


@dataclass(frozen=True)
class Warning:
    kind: Literal["rule", "advice"]
    code: str
    message: str
    quote: Quote | None = None


@dataclass(frozen=True)
class Missing:
    section: str
    label: str
    key: str


@dataclass(frozen=True)
class ReviewReport:
    completeness: int
    missing: list[Missing]
    warnings: list[Warning]
    totals: BudgetTotals
    eligible: bool | None

    @property
    def complete(self) -> bool:
        return not self.missing


def eligibility_verdict(spec: CallSpec, dossier: Dossier) -> bool | None:
    """True/False once decided by the answers, None while undecided."""
    org_type = spec.organisation_type(dossier.eligibility.organisation_type or "")
    if org_type is not None and not org_type.eligible:
        return False
    if any(v is False for v in dossier.eligibility.answers.values()):
        return False
    answered = all(q.id in dossier.eligibility.answers for q in spec.eligibility.questions)
    return True if org_type is not None and answered else None


def _warn(
    code: str, kind: Literal["rule", "advice"], quote: Quote | None, **ctx: object
) -> Warning:
    return Warning(kind, code, render_macro("messages/warnings.txt.j2", code, **ctx), quote)


def warnings_for(spec: CallSpec, dossier: Dossier, today: dt.date | None = None) -> list[Warning]:
    found: list[Warning] = []
    totals = compute_totals(dossier.budget, spec.financing)
    if today is not None and call_status(spec, today).state == "closed":
        found.append(
            _warn(
                "call_closed",
                "rule",
                spec.application_window.quote,
                closes=spec.application_window.end,
            )
        )
    empty = [o for o in spec.orientations if not dossier.actions(o.id)]
    if empty:
        found.append(
            _warn("missing_orientation", "rule", spec.expected_result.quote, orientations=empty)
        )
    if not totals.indirect_within_cap:
        found.append(
            _warn(
                "indirect_cap",
                "rule",
                spec.financing.indirect_costs.quote,
                totals=totals,
                rate=spec.financing.indirect_cap_rate,
            )
        )
    period = set(agreement_months(spec))
    for orientation in spec.orientations:
        for number, action in enumerate(dossier.actions(orientation.id), start=1):
            outside = [m for m in action.months or [] if m not in period]
            if outside:
                found.append(
                    _warn(
                        "months_outside",
                        "rule",
                        spec.agreement.quote,
                        action=action,
                        number=number,
                        orientation=orientation,
                        months=outside,
                        agreement=spec.agreement,
                    )
                )
    if dossier.organisation.siret is not None and not siret_is_valid(dossier.organisation.siret):
        found.append(_warn("siret_invalid", "advice", None, siret=dossier.organisation.siret))
    if (
        totals.charges > 0
        and (dossier.budget.departement_request is not None)
        and not totals.balanced
    ):
        found.append(_warn("unbalanced", "advice", None, totals=totals))
    if totals.charges > 0 and totals.departement > totals.charges:
        found.append(_warn("request_above_charges", "advice", None, totals=totals))
    action_fte = sum(
        (a.fte or Decimal(0) for o in spec.orientations for a in dossier.actions(o.id)), Decimal(0)
    )
    budget_fte = sum((line.fte or Decimal(0) for line in dossier.budget.staff), Decimal(0))
    if dossier.budget.staff and action_fte > budget_fte:
        found.append(
            _warn("fte_incoherent", "advice", None, action_fte=action_fte, budget_fte=budget_fte)
        )
    for indicator in spec.indicators:
        target = dossier.indicators.targets.get(indicator.id)
        if target is None or target.target != 0 or not indicator.produced_by:
            continue
        producers = [
            a.title or ""
            for o in spec.orientations
            for a in dossier.actions(o.id)
            if any(
                stem in fold(" ".join(filter(None, [a.title, a.description, a.expected_results])))
                for stem in (fold(s) for s in indicator.produced_by)
            )
        ]
        if producers:
            found.append(
                _warn("indicator_zero", "advice", None, indicator=indicator, actions=producers)
            )
    return found


def review(spec: CallSpec, dossier: Dossier, today: dt.date | None = None) -> ReviewReport:
    questions = plan_questions(spec, dossier)
    missing = [
        Missing(section=STEP_TITLE[q.section], label=q.label, key=q.key)
        for q in questions
        if is_missing(q, dossier)
    ]
    return ReviewReport(
        completeness=completeness_of(questions, dossier),
        missing=missing,
        warnings=warnings_for(spec, dossier, today),
        totals=compute_totals(dossier.budget, spec.financing),
        eligible=eligibility_verdict(spec, dossier),
    )
