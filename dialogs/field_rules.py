"""The named rules a form's fields refer to (`rules:` and `stop:` in `dialogs/forms/*.yaml`).

A field rule joins a rule of the call (`dialogs.rules`) to the question that applies it: what
the prompt shows (`context`), a button it offers ("Retenir le maximum"), a word it accepts
("maximum"), a value it refuses (`check`), what it records besides the answer (`after`), and
the notes shown once the answer is taken. A stop rule says when an answer ends the
interview (not eligible). The form loader refuses any name that is not registered here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from dialogs import rules
from dialogs.budget import staff_line_cost
from dialogs.calendar import agreement_months
from dialogs.dossier import SHARE_TYPED, Dossier
from dialogs.money import format_eur
from dialogs.parsing import InvalidAnswer, fold, means_ceiling
from dialogs.question import Question
from dialogs.spec import CallSpec
from dialogs.texts import render_macro

ERRORS = "messages/errors.html.j2"
SCREENS = "messages/screens.html.j2"


@dataclass(frozen=True)
class Offer:
    """A button a rule adds to its question, and the answer it stands for."""

    id: str
    label: str


class FieldRule:
    """A rule's hooks into one question; each does nothing unless overridden."""

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return {}

    def offers(self, spec: CallSpec, dossier: Dossier, question: Question) -> list[Offer]:
        return []

    def take_offer(
        self, spec: CallSpec, dossier: Dossier, question: Question, offer_id: str
    ) -> Any:
        raise KeyError(offer_id)

    def keyword(self, text: str) -> str | None:
        """The offer a typed word stands for ("maximum" → the maximum's button)."""
        return None

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        """What the field's parser needs to know from this rule ("20 %" of what)."""
        return {}

    def check(self, spec: CallSpec, dossier: Dossier, question: Question, value: Any) -> None:
        """Raise `InvalidAnswer` when the call refuses `value`."""

    def after(self, spec: CallSpec, dossier: Dossier, value: Any, *, offer: str | None) -> None:
        """Record what follows from an accepted answer (the dossier is already updated)."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        """Notes shown once the answer is taken (`before`: the dossier before it)."""
        return []


class NetworkLevelFromType(FieldRule):
    """The organisation type chosen at eligibility tells the network's level."""

    def after(self, spec: CallSpec, dossier: Dossier, value: Any, *, offer: str | None) -> None:
        level = rules.network_level_of(spec, str(value))
        if level is not None:
            dossier.organisation.network_level = level  # type: ignore[assignment]


class MonthsWithinAgreement(FieldRule):
    """Months are read on the agreement period; months outside it are kept, with a note."""

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return {"agreement": spec.agreement, "period": agreement_months(spec)}

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        period = set(agreement_months(spec))
        outside = [m for m in value if m not in period]
        if not outside:
            return []
        return [
            # Not `months=`: inside the file, `months` is the macro of that name.
            render_macro(ERRORS, "months_outside_note", outside=outside, agreement=spec.agreement)
        ]


class IndirectCostCap(FieldRule):
    """Indirect costs at most the call's share of staff costs; "the maximum" is a choice that
    follows the staff costs (see `rules.apply_indirect_maximum`)."""

    MAXIMUM = "max"
    #: Overheads typed as direct charges (« frais de structure »), moved here (`after`).
    OVERHEADS = "reporter"

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        lines = rules.overhead_lines(spec, dossier)
        return {
            "totals": rules.budget_totals(spec, dossier),
            "overhead_lines": lines,
            "overheads": _overheads(lines),
        }

    def offers(self, spec: CallSpec, dossier: Dossier, question: Question) -> list[Offer]:
        cap = rules.indirect_cap(spec, dossier)
        label = render_macro(SCREENS, "offer_maximum", cap=format_eur(cap))
        found = [Offer(self.MAXIMUM, label)]
        overheads = _overheads(rules.overhead_lines(spec, dossier))
        if overheads > 0:
            moved = min(overheads, cap)
            found.insert(
                0,
                Offer(
                    self.OVERHEADS,
                    render_macro(
                        SCREENS,
                        "offer_overheads",
                        amount=format_eur(moved),
                        capped=moved < overheads,
                    ),
                ),
            )
        return found

    def take_offer(
        self, spec: CallSpec, dossier: Dossier, question: Question, offer_id: str
    ) -> Any:
        cap = rules.indirect_cap(spec, dossier)
        if offer_id == self.OVERHEADS:
            return min(_overheads(rules.overhead_lines(spec, dossier)), cap)
        if offer_id != self.MAXIMUM:
            raise KeyError(offer_id)
        return cap

    def keyword(self, text: str) -> str | None:
        if means_ceiling(text):
            return self.MAXIMUM
        words = " ".join(re.sub(r"[^a-z]+", " ", fold(text)).split())
        return self.OVERHEADS if words in _MOVE_WORDS else None

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        """ "20 %" is a share of the cap's base (staff costs, or all direct costs), asked
        back with that base named: "20 % des charges directes" where the call caps on staff
        costs is told so, with what the named base would give (over the cap)."""
        totals = rules.budget_totals(spec, dossier)
        bases = {"staff": totals.staff, "direct": totals.direct}
        used = "staff" if spec.financing.indirect_cap_base == "direct_staff_costs" else "direct"
        return {
            "percent_base": bases.pop(used),
            "percent_of": used,
            "other_bases": bases,
            "confirm_percent": True,
            "ceiling": totals.indirect_cap,
        }

    def check(self, spec: CallSpec, dossier: Dossier, question: Question, value: Any) -> None:
        totals = rules.budget_totals(spec, dossier)
        if isinstance(value, Decimal) and value > totals.indirect_cap:
            fin = spec.financing
            raise InvalidAnswer(
                "indirect_cap",
                cap=totals.indirect_cap,
                staff=totals.staff,
                rate=fin.indirect_cap_rate,
                quote=(fin.indirect_costs or fin.direct_costs).quote,
                contact=spec.contact,
            )

    def after(self, spec: CallSpec, dossier: Dossier, value: Any, *, offer: str | None) -> None:
        dossier.budget.indirect_maximum = offer == self.MAXIMUM
        if offer == self.OVERHEADS:
            # moved, not lost: each line keeps its label, its amount now counted here
            for _, line in rules.overhead_lines(spec, dossier):
                line.amount = Decimal("0.00")

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        moved = rules.overhead_lines(spec, before)
        if not moved or rules.overhead_lines(spec, dossier):
            return []
        return [
            render_macro(
                SCREENS,
                "overheads_moved_note",
                lines=moved,
                overheads=_overheads(moved),
                indirect=value,
            )
        ]


#: The overheads' offer typed (« reporter », the word the console shows for its button).
_MOVE_WORDS = frozenset(
    {
        "reporter",
        "y reporter",
        "les reporter",
        "reporter les frais de structure",
        "y reporter les frais de structure",
        "les reporter ici",
    }
)


def _overheads(lines: list[tuple[int, Any]]) -> Decimal:
    return sum((line.amount or Decimal(0) for _, line in lines), Decimal(0))


class StaffLineCost(FieldRule):
    """Once a staff line's cost can be computed, it is shown (cost × FTE); a full-time cost
    that looks like a slip ("45 000" a month, "2 800" a year) is pointed out at once."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        if question.list is None or question.list.item is None:
            return []
        line = question.list.path.get(dossier)[question.list.item]
        found = []
        if question.path_name in ("annual_cost", "monthly_cost") and isinstance(value, Decimal):
            # A full-time post's loaded cost outside the form's usual bounds is most likely a
            # slip (a monthly figure typed as annual, a net salary): said, never refused.
            annual = question.path_name == "annual_cost"
            low = question.limits.get("usual_minimum", Decimal(0))
            high = question.limits.get("usual_maximum")
            # 0: a post not paid on this operation
            if 0 < value < low or (high is not None and value > high):
                found.append(
                    render_macro(
                        SCREENS,
                        "staff_cost_unlikely",
                        amount=value,
                        annual=annual,
                        low=value < low,
                        # from the review, "précédent" is no way back to this answer
                        from_review=before.cursor.return_to_review,
                    )
                )
        cost = staff_line_cost(line)
        if cost is not None:
            found.insert(0, render_macro(SCREENS, "staff_line_cost", line=line, cost=cost))
        return found


class WithinStaffCosts(FieldRule):
    """Social charges are a part of the staff costs (account 64): never more than them.
    "30 %" is a share of those staff costs, asked back as the amount it gives."""

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return {"totals": rules.budget_totals(spec, dossier)}

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        staff = rules.budget_totals(spec, dossier).staff
        return {"percent_base": staff, "confirm_percent": True} if staff > 0 else {}

    def check(self, spec: CallSpec, dossier: Dossier, question: Question, value: Any) -> None:
        staff = rules.budget_totals(spec, dossier).staff
        if isinstance(value, Decimal) and value > staff:
            raise InvalidAnswer("social_above_staff", staff=staff)

    def after(self, spec: CallSpec, dossier: Dossier, value: Any, *, offer: str | None) -> None:
        """What the amount was given against: the share typed (« 30 % ») follows the staff
        costs when a post's cost is corrected later (`rules.apply_social_charges_share`); an
        amount typed as such is the applicant's own figure, kept, and flagged by the review
        once the staff costs differ from those it was typed against
        (`rules.social_charges_unchanged`)."""
        budget = dossier.budget
        shared = offer is not None and offer.startswith(SHARE_TYPED)
        share = Decimal(offer.removeprefix(SHARE_TYPED)) if offer and shared else None
        typed = share is None and isinstance(value, Decimal)
        budget.social_charges_share = share
        budget.social_charges_staff = rules.budget_totals(spec, dossier).staff if typed else None


def _remainder(spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
    """What "le reste", "tout" mean at a resource's amount: the operation's cost less the
    other resources already given (this field's own earlier answer left out), asked back with
    both figures — 0 when they already cover the cost, said so."""
    totals = rules.budget_totals(spec, dossier)
    if totals.charges <= 0:
        return {}
    own = question.value(dossier)
    others = totals.resources - (own if isinstance(own, Decimal) else Decimal(0))
    return {
        "whole": max(totals.charges - others, Decimal("0.00")),
        "whole_parts": {
            "charges": totals.charges,
            "others": others,
            "covered": others >= totals.charges,
        },
    }


class ShareOfCost(FieldRule):
    """The Département's amount typed as a share of the cost: "80 %" is that share of the
    operation's cost and "tout", "la totalité", "le reste" the cost the other resources
    already given leave uncovered, each asked back as the amount it gives (the call sets no
    rate)."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        totals = rules.budget_totals(spec, dossier)
        if totals.charges <= 0:
            return {}
        options: dict[str, Any] = {"percent_base": totals.charges, "confirm_percent": True}
        found = options | _remainder(spec, dossier, question)
        if "whole_parts" in found:
            # asked before the other resources: « le reste » is said to be the whole cost
            # only because none is known yet
            found["whole_parts"] = found["whole_parts"] | {"asked_first": True}
        return found

    def after(self, spec: CallSpec, dossier: Dossier, value: Any, *, offer: str | None) -> None:
        """The share typed (« 50 % »), kept beside the amount it gave: a cost changed later
        leaves the amount as confirmed, and the review says what the share now gives
        (`rules.request_share_kept`); an amount typed as such forgets it."""
        shared = offer is not None and offer.startswith(SHARE_TYPED)
        share = Decimal(offer.removeprefix(SHARE_TYPED)) if offer and shared else None
        dossier.budget.departement_request_share = share


class Remainder(FieldRule):
    """A co-funder's amount, another resource's or the own funds typed as "le reste", "le
    solde", "la différence": the cost the other resources already given leave uncovered,
    asked back as the amount it gives (a budget is balanced that way, line by line)."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return _remainder(spec, dossier, question)


class BalanceOffer(FieldRule):
    """The amount that balances the budget — the charges less the other resources — offered
    as a button at the resource that usually closes it (the own funds), as the indirect
    costs offer their maximum: a tester looked for it there. Not offered while the other
    resources already cover the charges. Typed (« ce qu'il faut pour équilibrer »), it is
    `Remainder`'s reading, asked back with both figures."""

    BALANCE = "equilibrer"
    #: Nothing left to cover: « no own funds » (0 €), the way on.
    NONE = "aucun"

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        """The resources already given, for the prompt to name those to lower when they
        exceed the charges without any own funds (`BudgetTotals.left_for_own_funds`)."""
        budget = dossier.budget
        return {
            "funders": [f for f in budget.other_funders if f.amount],
            "other_resources": [r for r in budget.other_resources if r.amount],
        }

    def offers(self, spec: CallSpec, dossier: Dossier, question: Question) -> list[Offer]:
        if _nothing_left(spec, dossier):
            return [Offer(self.NONE, render_macro(SCREENS, "offer_no_own_funds"))]
        amount = _balancing(spec, dossier, question)
        if amount is None:
            return []
        label = render_macro(SCREENS, "offer_balance", amount=format_eur(amount))
        return [Offer(self.BALANCE, label)]

    def take_offer(
        self, spec: CallSpec, dossier: Dossier, question: Question, offer_id: str
    ) -> Any:
        if offer_id == self.NONE and _nothing_left(spec, dossier):
            return Decimal("0.00")
        amount = _balancing(spec, dossier, question)
        if offer_id != self.BALANCE or amount is None:
            raise KeyError(offer_id)
        return amount


def _nothing_left(spec: CallSpec, dossier: Dossier) -> bool:
    """The other resources already cover the charges: no own funds to ask for."""
    totals = rules.budget_totals(spec, dossier)
    return totals.charges > 0 and totals.left_for_own_funds <= 0


def _balancing(spec: CallSpec, dossier: Dossier, question: Question) -> Decimal | None:
    """The amount `question`'s resource needs for the budget to balance; None when the
    charges are not known yet or the other resources already cover them."""
    amount = _remainder(spec, dossier, question).get("whole")
    return amount if isinstance(amount, Decimal) and amount > 0 else None


class AllMembers(FieldRule):
    """ "toutes", "tous nos adhérents" at the number of SIAE an action targets: the member
    SIAE the applicant gave for its network, asked back (never a refusal for a missing
    figure the dossier already holds)."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        members = dossier.organisation.member_siae_count
        return {"whole": members, "whole_parts": {"of": "members"}} if members else {}


class WholeAgreement(FieldRule):
    """ "toute l'année" at a number of months: the agreement's months, asked back; months
    named (« de mars à décembre »): how many, asked back."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        months = agreement_months(spec)
        return {"whole": len(months), "whole_parts": {"of": "agreement"}, "months_of": months}


class AseWithinYoung(FieldRule):
    """Young people from the ASE are counted among the young people under 26: at most the
    number given before, the bound every message of the question states."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        young = dossier.plan.public.young
        if young is None:
            return {}
        return {"maximum": young, "above": InvalidAnswer("ase_above_young", young=young)}

    def check(self, spec: CallSpec, dossier: Dossier, question: Question, value: Any) -> None:
        young = dossier.plan.public.young
        if isinstance(value, int) and young is not None and value > young:
            raise InvalidAnswer("ase_above_young", young=young)


class FteWithinHeadcount(FieldRule):
    """An employee counts for one full-time equivalent at most: "200" FTE for 3 employees is
    a figure about something else ("environ 200 BRSA"), refused with the headcount."""

    def check(self, spec: CallSpec, dossier: Dossier, question: Question, value: Any) -> None:
        employees = dossier.organisation.employees
        if isinstance(value, Decimal) and employees is not None and value > employees:
            raise InvalidAnswer("fte_above_headcount", employees=employees, fte=value)


class WithinTerritory(FieldRule):
    """Areas naming a place outside the call's territory (« Lille » for the Pas-de-Calais)
    are taken, with a word at once: the review then lists the point for the Département to
    confirm (`rules.actions_in_the_territory`)."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        places = rules.places_named_elsewhere(spec, str(value or ""))
        if not places:
            return []
        return [
            render_macro(
                SCREENS,
                "area_elsewhere_note",
                places=places,
                territory=spec.identity.territory,
                funder=spec.identity.funder,
                quote=spec.territory.quote,
            )
        ]


class OrganisationWithinTerritory(FieldRule):
    """A territory of action or a seat naming places outside the call's territory (« le
    département du Nord », « 59000 Lille ») is taken, with the call's rule said at once, not
    only at the review (`rules.organisation_in_the_territory`): the eligibility is for the
    funder to confirm, and the dossier will not be said ready."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        totals = rules.budget_totals(spec, dossier)
        said = rules.organisation_places_elsewhere(spec, before)
        now = rules.organisation_places_elsewhere(spec, dossier)
        if not [place for place in now if place not in said]:
            return []
        return [
            render_macro(SCREENS, "organisation_elsewhere_note", message=w.message)
            for w in rules.organisation_in_the_territory(spec, dossier, totals, None)
        ]


class PublicServed(FieldRule):
    """A count of the public that leaves it 0 everywhere (`rules.public_reached`) is taken,
    with the call's rule said at once, not only at the review: 0 is what the prompt offers
    for « not known yet »."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        totals = rules.budget_totals(spec, dossier)
        return [
            render_macro(SCREENS, "public_none_note", message=w.message, quote=w.quote)
            for w in rules.public_reached(spec, dossier, totals, None)
        ]


class OverheadsNamed(FieldRule):
    """A direct charge labelled as the organisation's overheads (« frais de structure »,
    « quote-part loyer du siège »: `rules.names_overheads`) is taken, with the call's rule
    said at once: indirect costs, capped; the two ways out (count them with the indirect
    costs, or say in the label why they are directly attached to the operation). The review
    keeps saying it (`rules.overheads_as_direct`) until it is settled."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        fin = spec.financing
        if fin.indirect_costs is None or not rules.names_overheads(spec, str(value or "")):
            return []
        return [
            render_macro(
                SCREENS,
                "overheads_named_note",
                label=str(value),
                rate=fin.indirect_cap_rate,
                quote=fin.indirect_costs.quote,
                from_review=before.cursor.return_to_review,
            )
        ]


class IndirectKeyFte(FieldRule):
    """An allocation key stated in FTE whose figures are not the dossier's (« 1 ETP sur 4
    ETP » for an organisation of 4,2 ETP) is taken, with both figures said at once, not only
    at the review (`rules.indirect_key_fte`)."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        totals = rules.budget_totals(spec, dossier)
        return [
            render_macro(SCREENS, "indirect_key_fte_note", message=w.message)
            for w in rules.indirect_key_fte(spec, dossier, totals, None)
        ]


class BudgetTotals(FieldRule):
    """The budget's totals, for the prompts of the budget section."""

    def context(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return {"totals": rules.budget_totals(spec, dossier)}


class BudgetLine(FieldRule):
    """After an answer that moves the budget's totals, its totals and balance in one line; and
    when the staff costs moved (up or down) while the social charges given earlier stayed, a
    word to check them (the CERFA splits staff costs into salaries, 641, and social charges,
    645: an unchanged 645 under another 64 gives a split an officer queries)."""

    def notes(
        self, spec: CallSpec, dossier: Dossier, question: Question, value: Any, *, before: Dossier
    ) -> list[str]:
        totals = rules.budget_totals(spec, dossier)
        old = rules.budget_totals(spec, before)
        if (totals.charges, totals.resources) == (old.charges, old.resources):
            return []
        found = [render_macro(SCREENS, "budget_totals", totals=totals, spec=spec)]
        if old.indirect_within_cap and not totals.indirect_within_cap:
            # (the indirect costs' own question refuses them above the cap: an answer
            # elsewhere, lower staff costs, can put the ones given over it)
            found += [
                render_macro(SCREENS, "indirect_now_over_cap", message=w.message)
                for w in rules.indirect_within_cap(spec, dossier, totals, None)
            ]
        found += _over_resourced(spec, dossier, question, totals, old)
        found += _social_charges_moved(dossier, before, totals, old)
        return found


def _social_charges_moved(dossier: Dossier, before: Dossier, totals: Any, old: Any) -> list[str]:
    """Staff costs moved (a post's cost corrected, even at a later question): social charges
    typed as a share follow them, said with both amounts; typed as an amount, they stay as
    typed, with a word to check them (the review flags them too)."""
    social, was = dossier.budget.social_charges, before.budget.social_charges
    if social is None or was is None or totals.staff == old.staff or old.staff <= 0:
        return []
    share = dossier.budget.social_charges_share
    if share is not None and social != was:
        return [
            render_macro(SCREENS, "social_charges_followed", share=share, social=social, was=was)
        ]
    if social != was:
        return []
    return [render_macro(SCREENS, "social_charges_to_check", social=social, old=old, totals=totals)]


def _over_resourced(
    spec: CallSpec, dossier: Dossier, question: Question, totals: Any, old: Any
) -> list[str]:
    """Another resource that takes the resources above the charges (the whole cost asked of
    the Département, then the Région's 10 000 €): said at once, with the Département's
    amount that balances the budget (the review blocks an unbalanced one)."""
    request = dossier.budget.departement_request
    excess = totals.resources - totals.charges
    if request is None or excess <= 0 or totals.charges <= 0:
        return []
    if question.path_name == "departement_request" or excess <= old.resources - old.charges:
        return []  # the Département's own amount, or no worse than before
    lowered = max(request - excess, Decimal("0.00"))
    return [
        render_macro(
            SCREENS,
            "resources_above_charges",
            totals=totals,
            excess=excess,
            request=request,
            lowered=lowered,
        )
    ]


class Exemption(FieldRule):
    """The field reads an exemption as its answer (« on est exo », « exonérés de taxe sur les
    salaires » at the payroll tax): 0 €, recorded at once, never asked back as « dois-je
    retenir 0,00 € ? »; typed at an amount before it, the words are kept for it
    (`carry_over.costs.exemption_kept`)."""

    def parse_options(self, spec: CallSpec, dossier: Dossier, question: Question) -> dict[str, Any]:
        return {"exemption": True}


FIELD_RULES: dict[str, FieldRule] = {
    "network_level_from_type": NetworkLevelFromType(),
    "months_within_agreement": MonthsWithinAgreement(),
    "indirect_cost_cap": IndirectCostCap(),
    "staff_line_cost": StaffLineCost(),
    "budget_totals": BudgetTotals(),
    "budget_line": BudgetLine(),
    "within_staff_costs": WithinStaffCosts(),
    "share_of_cost": ShareOfCost(),
    "remainder": Remainder(),
    "balance_offer": BalanceOffer(),
    "all_members": AllMembers(),
    "whole_agreement": WholeAgreement(),
    "ase_within_young": AseWithinYoung(),
    "public_served": PublicServed(),
    "fte_within_headcount": FteWithinHeadcount(),
    "within_territory": WithinTerritory(),
    "organisation_within_territory": OrganisationWithinTerritory(),
    "overheads_named": OverheadsNamed(),
    "indirect_key_fte": IndirectKeyFte(),
    "exemption": Exemption(),
}

#: Stop rules: once the field is answered, the reason id of the stop screen, or None.
StopRule = Callable[[CallSpec, Dossier, Question], "str | None"]


def _organisation_type_eligible(spec: CallSpec, dossier: Dossier, question: Question) -> str | None:
    found = rules.type_ineligibility(spec, question.value(dossier))
    return None if found is None else found.reason_id


def _criterion_met(spec: CallSpec, dossier: Dossier, question: Question) -> str | None:
    """For a yes/no criterion stored at `eligibility.answers[<criterion id>]`."""
    assert question.path is not None
    criterion_id = str(question.path.steps[-1].name)
    found = rules.criterion_ineligibility(spec, criterion_id, question.value(dossier))
    return None if found is None else found.reason_id


STOP_RULES: dict[str, StopRule] = {
    "eligible_organisation_type": _organisation_type_eligible,
    "eligibility_criterion_met": _criterion_met,
}
