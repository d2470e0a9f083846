"""The operation's budget on the lines of the CERFA n° 12156, for the draft and the workbook.

`cerfa_budget(spec, dossier, totals)` lays the dossier's budget on the CERFA's accounts:
charges 60 to 68 (63 split into 631 and 635, 64 into 641 and 645), the indirect costs with
their allocation key, resources 70, 74 (the Département's request first, then each funder
by type, obtained or requested), 75 (756 dues, other products, own funds), 76 to 78, and the
contributions in kind on both sides (86 and 87). Every amount keeps its exact value (`exact`,
a Decimal) for the workbook's cells; the documents print it with `money`: whole euros, or
every amount to the cent when the dossier has one with cents (`dialogs.rules.prints_cents`),
so that a column always adds up to its printed total. Totals come from `dialogs.budget`,
never re-added here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict

from dialogs.budget import BudgetTotals, declared_totals, staff_line_cost
from dialogs.dossier import Dossier, StaffLine
from dialogs.money import format_number
from dialogs.spec import CallSpec

LABELS_FILE = Path(__file__).resolve().parent.parent / "templates" / "drafts" / "cerfa-12156.yaml"
ZERO = Decimal("0.00")
CHARGE_CLASSES = ("60", "61", "62", "63", "64", "65", "66", "67", "68")
_SIDE = {"charges": "charges", "resources": "produits"}
RowKind = Literal["class", "line", "subtotal", "total", "note"]


class _Labels(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    class InKind(BaseModel):
        model_config = ConfigDict(extra="forbid", frozen=True)
        charge: str
        charge_label: str
        resource: str
        resource_label: str

    charges: dict[str, str]
    resources: dict[str, str]
    in_kind: dict[str, InKind]


@cache
def labels() -> _Labels:
    """The CERFA's wording of its lines (`templates/drafts/cerfa-12156.yaml`)."""
    data = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    return _Labels.model_validate(data)


@dataclass(frozen=True)
class BudgetRow:
    """One line of a CERFA table. `amount` is printed (the amount or a placeholder), `exact`
    is the value behind it (None for a line without an amount)."""

    kind: RowKind
    account: str
    label: str
    basis: str
    amount: str
    exact: Decimal | None = None


@dataclass(frozen=True)
class StaffRow:
    role: str
    fte: str
    basis: str
    amount: str
    exact: Decimal | None


@dataclass(frozen=True)
class CerfaBudget:
    staff: list[StaffRow]
    charges: list[BudgetRow]
    resources: list[BudgetRow]
    charges_in_kind: list[BudgetRow]
    resources_in_kind: list[BudgetRow]
    totals: BudgetTotals


TextOr = Callable[[str | None, str], str]
#: How the documents print an amount (`dialogs.money.format_amount`, cents or not).
Money = Callable[[Decimal], str]


def staff_basis(
    line: StaffLine, placeholder: Callable[[str], str], money: Money, *, noted: bool = False
) -> str:
    """ "52 000 € / an × 0,5 ETP" — the loaded cost at full time, times the FTE. `noted`: a
    cost typed as a gross or net salary and kept so says it (its employer's charges may be
    missing: a draft's table shows it, beside the annex's advice; the version to file, sent
    to the Département, never carries the assistant's notes)."""
    return _basis(line, placeholder, money) + (_salary_note(line) if noted else "")


def _salary_note(line: StaffLine) -> str:
    if line.cost_typed_as is None:
        return ""
    typed = "brut" if line.cost_typed_as == "gross" else "net"
    return f" (coût saisi en {typed} : charges patronales à vérifier)"


def _basis(line: StaffLine, placeholder: Callable[[str], str], money: Money) -> str:
    fte = format_number(line.fte) + " ETP" if line.fte is not None else placeholder("ETP")
    if line.cost_mode == "annual":
        base = money(line.annual_cost) if line.annual_cost is not None else placeholder("coût")
        return f"{base} / an × {fte}"
    if line.cost_mode == "monthly":
        base = money(line.monthly_cost) if line.monthly_cost is not None else placeholder("coût")
        months = (
            format_number(line.months) + " mois" if line.months is not None else placeholder("mois")
        )
        return f"{base} / mois × {months} × {fte}"
    return f"{placeholder('mode de calcul')} × {fte}"


def cerfa_budget(
    spec: CallSpec,
    dossier: Dossier,
    totals: BudgetTotals,
    *,
    text_or: TextOr,
    placeholder: Callable[[str], str],
    money: Money,
    noted: bool = False,
) -> CerfaBudget:
    """The CERFA tables of a dossier's budget (a partial one shows placeholders; `noted`, a
    draft's, a staff line's cost typed as a salary, `staff_basis`)."""

    form = spec.compiled_form
    names = labels()
    budget = dossier.budget
    # A side of the budget not answered yet prints no sums: its classes are left blank and
    # its total is « [À compléter] », never a 0 € that reads as declared.
    declared = declared_totals(budget, totals)
    side = {"charges": declared.charges is not None, "resources": declared.resources is not None}

    def _row(
        kind: RowKind,
        account: str,
        label: str,
        amount: Decimal,
        basis: str = "",
        *,
        of: Literal["charges", "resources"] = "charges",
    ) -> BudgetRow:
        if side[of]:
            return BudgetRow(kind, account, label, basis, money(amount), amount)
        if kind == "total":
            return BudgetRow(kind, account, label, basis, placeholder(f"total des {_SIDE[of]}"))
        return BudgetRow(kind, account, label, basis, "")

    staff = []
    for number, line in enumerate(budget.staff, start=1):
        cost = staff_line_cost(line)
        staff.append(
            StaffRow(
                role=text_or(line.role, f"fonction du poste {number}"),
                fte=format_number(line.fte) if line.fte is not None else placeholder("ETP"),
                basis=staff_basis(line, placeholder, money, noted=noted),
                amount=money(cost) if cost is not None else placeholder("coût du poste"),
                exact=cost,
            )
        )

    by_class: dict[str, list[BudgetRow]] = {code: [] for code in CHARGE_CLASSES}
    unknown: list[BudgetRow] = []
    class_totals: dict[str, Decimal] = dict.fromkeys(CHARGE_CLASSES, ZERO)
    for item in budget.other_direct:
        amount = item.amount if item.amount is not None else None
        row = BudgetRow(
            "line",
            "635" if item.category == "63" else "",
            text_or(item.label, "libellé de la charge"),
            "",
            money(amount) if amount is not None else placeholder("montant"),
            amount,
        )
        code = item.category or ""
        if code in by_class and code != "64":
            by_class[code].append(row)
            class_totals[code] += amount or ZERO
        else:
            unknown.append(row)
    class_totals["63"] += totals.payroll_tax
    class_totals["64"] = totals.staff

    charges: list[BudgetRow] = []
    for code in CHARGE_CLASSES:
        charges.append(_row("class", code, names.charges[code], class_totals[code]))
        if code == "63":
            charges.append(_row("line", "631", names.charges["631"], totals.payroll_tax))
        if code == "64":
            charges.append(_row("line", "641", names.charges["641"], totals.salaries))
            charges.append(_row("line", "645", names.charges["645"], totals.social_charges))
        charges.extend(by_class[code])
    if unknown:
        other = sum((r.exact or ZERO for r in unknown), ZERO)
        charges.append(_row("class", "", placeholder("compte de la charge (60 à 68)"), other))
        charges.extend(unknown)
    if spec.financing.allows_indirect:
        key = text_or(budget.indirect_key, "clé de répartition") if budget.indirect else ""
        charges.append(
            BudgetRow(
                "class",
                "",
                names.charges["indirect"],
                key,
                money(totals.indirect)
                if budget.indirect is not None
                else placeholder("charges indirectes"),
                totals.indirect,
            )
        )
    charges.append(_row("total", "", names.charges["total"], totals.charges))

    resources: list[BudgetRow] = [
        _row("class", "70", names.resources["70"], _resource_total(dossier, "70"), of="resources"),
        *_resource_lines(dossier, "70", text_or, placeholder, money),
        _row(
            "class",
            "74",
            names.resources["74"],
            totals.departement + totals.other_funders,
            of="resources",
        ),
        BudgetRow(
            "line",
            "",
            spec.identity.funder,
            "demandé",
            money(totals.departement)
            if budget.departement_request is not None
            else placeholder("montant demandé"),
            totals.departement,
        ),
    ]
    funder_order = {
        choice.stored: position
        for position, choice in enumerate(form.choices_at("budget.other_funders.category"))
    }
    funders = sorted(
        enumerate(budget.other_funders),
        key=lambda pair: (funder_order.get(pair[1].category, len(funder_order)), pair[0]),
    )
    for number, funder in funders:
        kind = form.choice_label("budget.other_funders.category", funder.category)
        name = text_or(funder.name, f"nom du financeur {number + 1}")
        status = (
            (form.choice_label("budget.other_funders.status", funder.status) or "").lower()
            if funder.status
            else placeholder("obtenu ou demandé")
        )
        resources.append(
            BudgetRow(
                "line",
                "",
                _funder_line(kind, name, placeholder),
                status,
                money(funder.amount) if funder.amount is not None else placeholder("montant"),
                funder.amount,
            )
        )
    if budget.has_other_funders is None and not budget.other_funders:
        resources.append(BudgetRow("line", "", placeholder("autres financeurs éventuels"), "", ""))
    own = totals.own_funds
    resources.append(
        _row(
            "class",
            "75",
            names.resources["75"],
            _resource_total(dossier, "756") + _resource_total(dossier, "75") + own,
            of="resources",
        )
    )
    resources.extend(_resource_lines(dossier, "756", text_or, placeholder, money, account="756"))
    resources.extend(_resource_lines(dossier, "75", text_or, placeholder, money))
    resources.append(
        BudgetRow(
            "line",
            "",
            names.resources["own_funds"],
            "",
            money(own) if budget.own_funds is not None else placeholder("fonds propres"),
            own,
        )
    )
    for code in ("76", "77", "78"):
        resources.append(
            _row(
                "class", code, names.resources[code], _resource_total(dossier, code), of="resources"
            )
        )
        resources.extend(_resource_lines(dossier, code, text_or, placeholder, money))
    resources.append(_row("total", "", names.resources["total"], totals.resources, of="resources"))

    charges_in_kind, resources_in_kind = _in_kind(dossier, text_or, placeholder, money)
    return CerfaBudget(staff, charges, resources, charges_in_kind, resources_in_kind, totals)


def _resource_total(dossier: Dossier, code: str) -> Decimal:
    return sum(
        (r.amount or ZERO for r in dossier.budget.other_resources if r.category == code), ZERO
    )


def _resource_lines(
    dossier: Dossier,
    code: str,
    text_or: TextOr,
    placeholder: Callable[[str], str],
    money: Money,
    *,
    account: str = "",
) -> list[BudgetRow]:
    return [
        BudgetRow(
            "line",
            account,
            text_or(r.label, "libellé de la ressource"),
            "",
            money(r.amount) if r.amount is not None else placeholder("montant"),
            r.amount,
        )
        for r in dossier.budget.other_resources
        if r.category == code
    ]


def _in_kind(
    dossier: Dossier, text_or: TextOr, placeholder: Callable[[str], str], money: Money
) -> tuple[list[BudgetRow], list[BudgetRow]]:
    names = labels()
    total = sum((line.amount or ZERO for line in dossier.budget.in_kind), ZERO)
    charges = [BudgetRow("class", "86", names.charges["86"], "", money(total), total)]
    resources = [BudgetRow("class", "87", names.resources["87"], "", money(total), total)]
    for line in dossier.budget.in_kind:
        nature = names.in_kind.get(line.category or "")
        label = text_or(line.label, "libellé de la contribution")
        amount = money(line.amount) if line.amount is not None else placeholder("valeur")
        if nature is None:
            charges.append(BudgetRow("line", "", label, placeholder("nature"), amount, line.amount))
            resources.append(
                BudgetRow("line", "", label, placeholder("nature"), amount, line.amount)
            )
            continue
        charges.append(
            BudgetRow(
                "line", nature.charge, f"{nature.charge_label} : {label}", "", amount, line.amount
            )
        )
        resources.append(
            BudgetRow(
                "line",
                nature.resource,
                f"{nature.resource_label} : {label}",
                "",
                amount,
                line.amount,
            )
        )
    return charges, resources


def _funder_line(kind: str | None, name: object, placeholder: Callable[[str], object]) -> str:
    """« État : DDETS du Pas-de-Calais »; a name that already starts with its kind is not
    prefixed again (« Région Hauts-de-France », not « Région : Région Hauts-de-France »)."""
    if kind is None:
        return f"{placeholder('type de financeur')} : {name}"
    if isinstance(name, str) and re.match(rf"{re.escape(kind)}(?!\w)", name, re.IGNORECASE):
        return name  # « Région Hauts-de-France », never « Régionale des… »
    return f"{kind} : {name}"
