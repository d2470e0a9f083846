"""Budget arithmetic: staff costs, the indirect-cost cap, totals and balance, all exact."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from dialogs.dossier import Budget, StaffLine
from dialogs.money import CENT
from dialogs.spec import Financing

ZERO = Decimal("0.00")


def staff_line_cost(line: StaffLine) -> Decimal | None:
    """Cost charged to the operation: full-time cost × FTE (annual, or monthly × months)."""
    if line.fte is None or line.cost_mode is None:
        return None
    if line.cost_mode == "annual":
        if line.annual_cost is None:
            return None
        base = line.annual_cost
    else:
        if line.monthly_cost is None or line.months is None:
            return None
        base = line.monthly_cost * line.months
    return (base * line.fte).quantize(CENT, rounding=ROUND_HALF_UP)


def indirect_cap(financing: Financing, *, staff: Decimal, other_direct: Decimal) -> Decimal:
    """Largest indirect amount the call allows, rounded down to the cent so it is never exceeded."""
    base = staff if financing.indirect_cap_base == "direct_staff_costs" else staff + other_direct
    return (base * financing.indirect_cap_rate).quantize(CENT, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class BudgetTotals:
    """Every total of the operation's budget, exact to the cent.

    `staff` (account 64) splits into `social_charges` (645) and `salaries` (641, the rest);
    `payroll_tax` (631) and `other_direct` (60–68 lines) complete the direct costs. The cap
    on indirect costs is computed on the staff lines alone (64), whatever the call's base.
    Contributions in kind (86 = 87) stand outside the balance: `in_kind` on both sides.
    """

    staff: Decimal
    other_direct: Decimal
    direct: Decimal
    indirect: Decimal
    indirect_cap: Decimal
    charges: Decimal
    departement: Decimal
    other_funders: Decimal
    own_funds: Decimal
    resources: Decimal
    social_charges: Decimal = ZERO
    payroll_tax: Decimal = ZERO
    other_resources: Decimal = ZERO
    in_kind: Decimal = ZERO

    @property
    def salaries(self) -> Decimal:
        """Account 641: the staff costs less the employer's social charges."""
        return self.staff - self.social_charges

    @property
    def indirect_within_cap(self) -> bool:
        return self.indirect <= self.indirect_cap

    @property
    def gap(self) -> Decimal:
        """Charges minus resources: positive when resources are missing."""
        return self.charges - self.resources

    @property
    def balanced(self) -> bool:
        return self.gap == 0

    @property
    def left_for_own_funds(self) -> Decimal:
        """What the own funds have to cover: the charges less every other resource. Zero
        when those already cover the charges, negative when they exceed them (the budget
        over-balanced before any own funds: none to ask, a resource to lower)."""
        return self.charges - (self.resources - self.own_funds)

    @property
    def indirect_rate(self) -> Decimal | None:
        """Indirect costs as a share of staff costs (None without staff costs)."""
        if self.staff == 0:
            return None
        return (self.indirect / self.staff).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)

    @property
    def departement_share(self) -> Decimal | None:
        """The Département's request as a share of the total resources (contributions in kind
        left out), as the CERFA asks it; None while there are no resources."""
        if self.resources == 0:
            return None
        return (self.departement / self.resources).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )


def _sum(values: list[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO).quantize(CENT)


def compute_totals(budget: Budget, financing: Financing) -> BudgetTotals:
    staff = _sum([staff_line_cost(line) for line in budget.staff])
    social = min((budget.social_charges or ZERO).quantize(CENT), staff)
    payroll_tax = (budget.payroll_tax or ZERO).quantize(CENT)
    other_direct = _sum([line.amount for line in budget.other_direct])
    indirect = (budget.indirect or ZERO).quantize(CENT)
    departement = (budget.departement_request or ZERO).quantize(CENT)
    other_funders = _sum([funder.amount for funder in budget.other_funders])
    other_resources = _sum([line.amount for line in budget.other_resources])
    own_funds = (budget.own_funds or ZERO).quantize(CENT)
    direct = staff + payroll_tax + other_direct
    return BudgetTotals(
        staff=staff,
        other_direct=other_direct,
        direct=direct,
        indirect=indirect,
        indirect_cap=indirect_cap(financing, staff=staff, other_direct=payroll_tax + other_direct),
        charges=direct + indirect,
        departement=departement,
        other_funders=other_funders,
        own_funds=own_funds,
        resources=departement + other_funders + other_resources + own_funds,
        social_charges=social,
        payroll_tax=payroll_tax,
        other_resources=other_resources,
        in_kind=_sum([line.amount for line in budget.in_kind]),
    )


@dataclass(frozen=True)
class DeclaredTotals:
    """The budget's figures as far as the applicant has given them: None for a figure whose
    questions are not answered yet (a total: none of its parts), so that a view never shows
    a 0 that reads as declared; a declared 0 (« non » to other funders, 0 € asked) stays 0."""

    staff: Decimal | None
    other_direct: Decimal | None
    indirect: Decimal | None
    indirect_cap: Decimal | None  # known once staff costs are
    indirect_rate: Decimal | None
    charges: Decimal | None
    departement: Decimal | None
    other_funders: Decimal | None
    own_funds: Decimal | None
    resources: Decimal | None

    @property
    def anything(self) -> bool:
        """Whether any figure of the budget is given yet."""
        return self.charges is not None or self.resources is not None

    @property
    def cap_unknown(self) -> str | None:
        """What the indirect-cost cap check still waits for: "staff" (no cap without staff
        costs; a declared 0 is a cap of 0), "indirect" (no amount to check), or None."""
        if self.staff is None:
            return "staff"
        return "indirect" if self.indirect is None else None

    @property
    def gap(self) -> Decimal | None:
        """Charges minus resources, once both sides are given."""
        if self.charges is None or self.resources is None:
            return None
        return self.charges - self.resources


def _listed(flag: bool | None, amounts: list[Decimal | None]) -> bool:
    """A list's total is given once its flag is answered « non », or one amount is."""
    return flag is False or any(a is not None for a in amounts)


def declared_totals(budget: Budget, totals: BudgetTotals) -> DeclaredTotals:
    """`totals` (`compute_totals` of `budget`) keeping only the figures given."""

    def given(value: Decimal, answered: bool) -> Decimal | None:
        return value if answered else None

    staff = any(staff_line_cost(line) is not None for line in budget.staff)
    other_direct = _listed(budget.has_other_direct, [line.amount for line in budget.other_direct])
    indirect = budget.indirect is not None
    departement = budget.departement_request is not None
    funders = _listed(budget.has_other_funders, [f.amount for f in budget.other_funders])
    others = _listed(budget.has_other_resources, [r.amount for r in budget.other_resources])
    own = budget.own_funds is not None
    charges = staff or other_direct or indirect or budget.payroll_tax is not None
    return DeclaredTotals(
        staff=given(totals.staff, staff),
        other_direct=given(totals.other_direct, other_direct),
        indirect=given(totals.indirect, indirect),
        indirect_cap=given(totals.indirect_cap, staff),
        indirect_rate=totals.indirect_rate if staff and indirect else None,
        charges=given(totals.charges, charges),
        departement=given(totals.departement, departement),
        other_funders=given(totals.other_funders, funders),
        own_funds=given(totals.own_funds, own),
        resources=given(totals.resources, departement or funders or others or own),
    )
