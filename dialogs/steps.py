"""The interview's questions, derived from the call spec and the dossier.

`plan_questions(spec, dossier)` lists, in order, every question the applicant is asked now:
loops (actions, staff lines, other costs, funders, own indicators) expand with the dossier,
and an ineligible answer ends the list on the `elig.stop` screen. The engine moves a cursor
over this list; completeness and the review's "what is missing" come from the same list, so
a question cannot be asked without being counted, or counted without being asked.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from dialogs.calendar import agreement_months
from dialogs.dossier import (
    OTHER_COST_CATEGORIES,
    Action,
    CostLine,
    Dossier,
    ExtraIndicator,
    Funder,
    IndicatorTarget,
    StaffLine,
)
from dialogs.spec import CallSpec, Choice, Quote

Kind = Literal[
    "info",
    "choice",
    "choice_or_text",
    "multi",
    "yesno",
    "text",
    "int",
    "int_comment",
    "fte",
    "money",
    "email",
    "phone",
    "siret",
    "months",
    "stop",
    "review",
]

Section = Literal[
    "welcome", "eligibility", "organisation", "plan", "indicators", "budget", "review"
]

STEPS: tuple[tuple[Section, str], ...] = (
    ("welcome", "Accueil"),
    ("eligibility", "Éligibilité"),
    ("organisation", "Organisation"),
    ("plan", "Plan d’actions"),
    ("indicators", "Indicateurs"),
    ("budget", "Budget"),
    ("review", "Récapitulatif"),
)
STEP_NUMBER = {name: i + 1 for i, (name, _) in enumerate(STEPS)}
STEP_TITLE = dict(STEPS)

SIAE_TYPES = (
    Choice(id="aci", label="ACI"),
    Choice(id="ei", label="EI"),
    Choice(id="etti", label="ETTI"),
    Choice(id="ai", label="AI"),
    Choice(id="eiti", label="EITI"),
)
LEGAL_FORMS = (
    Choice(id="association", label="Association loi 1901"),
    Choice(id="union", label="Union ou fédération d’associations"),
    Choice(id="coop", label="Société coopérative (SCIC, SCOP)"),
    Choice(id="gip", label="Groupement d’intérêt public"),
)
NETWORK_LEVELS = (
    Choice(id="departmental", label="Départemental"),
    Choice(id="regional", label="Régional"),
    Choice(id="national", label="National"),
)
TERRITORY_SCOPES = (
    Choice(id="department", label="Tout le Pas-de-Calais"),
    Choice(id="areas", label="Des territoires précis (EPCI…)"),
)
COST_MODES = (
    Choice(id="annual", label="Coût annuel"),
    Choice(id="monthly", label="Coût mensuel × nombre de mois"),
)
FUNDER_STATUSES = (
    Choice(id="obtained", label="Obtenu"),
    Choice(id="requested", label="Demandé"),
)
COST_CATEGORIES = tuple(
    Choice(id=f"c{code}", label=label[:60]) for code, label in OTHER_COST_CATEGORIES.items()
)

MAX_TEXT = 2000
MAX_SHORT_TEXT = 300
MAX_FTE = Decimal("50")
MAX_COUNT = 100_000

Getter = Callable[[Dossier], Any]
Putter = Callable[[Dossier, Any], "str | None"]


@dataclass(frozen=True)
class Question:
    """One question of the interview (or one screen: welcome, stop, review)."""

    key: str
    section: Section
    kind: Kind
    label: str
    prompt: str
    get: Getter
    put: Putter
    context: Mapping[str, Any] = field(default_factory=dict)
    required: bool = True
    skippable: bool = False
    choices: tuple[Choice, ...] = ()
    detail: str = ""
    group: str = ""
    help: tuple[Quote, ...] = ()
    limits: Mapping[str, Any] = field(default_factory=dict)

    def answered(self, dossier: Dossier) -> bool:
        return self.get(dossier) is not None


def _none(_: Dossier) -> None:
    return None


def _noop(_: Dossier, __: Any) -> None:
    return None


def _ensure(items: list[Any], index: int, factory: Callable[[], Any]) -> Any:
    while len(items) <= index:
        items.append(factory())
    return items[index]


# Questions that depend only on the spec (and on the few dossier facts in their key), built
# once per spec: a `Question` reads and writes the dossier it is given, never one captured.
_SPEC_PARTS: dict[int, tuple[CallSpec, dict[Hashable, list[Question]]]] = {}
_MAX_SPECS = 8


class _Builder:
    def __init__(self, spec: CallSpec, dossier: Dossier) -> None:
        self.spec = spec
        self.dossier = dossier
        self.questions: list[Question] = []

    def add(self, **kwargs: Any) -> None:
        self.questions.append(Question(**kwargs))

    def cached(self, key: Hashable, build: Callable[[], None]) -> None:
        """Add the questions `build` adds, built once per spec and `key`: `build` must read
        nothing of the dossier but what `key` says."""
        entry = _SPEC_PARTS.get(id(self.spec))
        if entry is None or entry[0] is not self.spec:
            if len(_SPEC_PARTS) >= _MAX_SPECS:
                _SPEC_PARTS.clear()
            entry = _SPEC_PARTS[id(self.spec)] = (self.spec, {})
        parts = entry[1]
        questions = parts.get(key)
        if questions is None:
            start = len(self.questions)
            build()
            parts[key] = self.questions[start:]
        else:
            self.questions.extend(questions)

    # -- 1. welcome ----------------------------------------------------------------------
    def welcome(self) -> None:
        self.add(
            key="welcome",
            section="welcome",
            kind="info",
            label="Accueil",
            prompt="welcome",
            get=_none,
            put=_noop,
            required=False,
            choices=(Choice(id="start", label="Commencer"),),
        )

    # -- 2. eligibility -------------------------------------------------------------------
    def eligibility(self) -> bool:
        """Adds the eligibility questions; False when an answer makes the dossier ineligible."""
        elig = self.spec.eligibility
        help_quotes = (elig.applicants.quote, self.spec.target_public.quote)

        def put_type(d: Dossier, value: Any) -> None:
            d.eligibility.organisation_type = value
            org_type = self.spec.organisation_type(value)
            if org_type is not None and org_type.network_level is not None:
                d.organisation.network_level = org_type.network_level
            return None

        self.add(
            key="elig.type",
            section="eligibility",
            kind="choice",
            label="Type d’organisme",
            prompt="elig_type",
            get=lambda d: d.eligibility.organisation_type,
            put=put_type,
            choices=tuple(Choice(id=t.id, label=t.label) for t in elig.organisation_types),
            help=help_quotes,
        )
        chosen = self.spec.organisation_type(self.dossier.eligibility.organisation_type or "")
        if chosen is not None and not chosen.eligible:
            self._stop("type")
            return False
        for question in elig.questions:
            qid = question.id

            def put_answer(d: Dossier, value: Any, qid: str = qid) -> None:
                d.eligibility.answers[qid] = bool(value)
                return None

            self.add(
                key=f"elig.{qid}",
                section="eligibility",
                kind="yesno",
                label=question.prompt,
                prompt="elig_question",
                context={"criterion": question},
                get=lambda d, qid=qid: d.eligibility.answers.get(qid),
                put=put_answer,
                help=(question.reason.quote,),
            )
            if self.dossier.eligibility.answers.get(qid) is False:
                self._stop(qid)
                return False
        return True

    def _stop(self, reason_id: str) -> None:
        self.add(
            key="elig.stop",
            section="eligibility",
            kind="stop",
            label="Non éligible",
            prompt="elig_stop",
            context={"reason_id": reason_id},
            get=_none,
            put=_noop,
            required=False,
            choices=(
                Choice(id="change", label="Modifier ma réponse"),
                Choice(id="contact", label="Contacter le Département"),
            ),
            help=(self.spec.eligibility.applicants.quote,),
        )

    # -- 3. organisation --------------------------------------------------------------------
    def organisation(self) -> None:
        def text_field(
            key: str, label: str, attr: str, *, contact: bool = False, **kw: Any
        ) -> None:
            def get(d: Dossier) -> Any:
                return getattr(d.organisation.contact if contact else d.organisation, attr)

            def put(d: Dossier, value: Any) -> None:
                setattr(d.organisation.contact if contact else d.organisation, attr, value)
                return None

            self.add(
                key=f"org.{key}",
                section="organisation",
                label=label,
                prompt=f"org_{key}",
                get=get,
                put=put,
                help=(self.spec.eligibility.applicants.quote,),
                **kw,
            )

        text_field("name", "Nom de l’organisme", "name", kind="text", limits={"max_length": 200})
        text_field("siret", "SIRET", "siret", kind="siret")
        text_field(
            "legal_form",
            "Forme juridique",
            "legal_form",
            kind="choice_or_text",
            choices=LEGAL_FORMS,
            limits={"max_length": 120},
        )
        if self.dossier.organisation.network_level is None:
            # Normally known from the organisation type chosen at eligibility.
            text_field(
                "level", "Niveau du réseau", "network_level", kind="choice", choices=NETWORK_LEVELS
            )
        text_field(
            "members",
            "Nombre de SIAE adhérentes dans le Pas-de-Calais",
            "member_siae_count",
            kind="int",
            limits={"maximum": 5000},
        )
        text_field("address", "Adresse", "address", kind="text", limits={"max_length": 300})
        text_field(
            "contact_name",
            "Personne à contacter",
            "name",
            contact=True,
            kind="text",
            limits={"max_length": 150},
        )
        text_field(
            "contact_role",
            "Fonction de la personne à contacter",
            "role",
            contact=True,
            kind="text",
            limits={"max_length": 150},
        )
        text_field("email", "Adresse e-mail", "email", contact=True, kind="email")
        text_field("phone", "Téléphone", "phone", contact=True, kind="phone")

    # -- 4. action plan ----------------------------------------------------------------------
    def plan(self) -> None:
        orientations = self.spec.orientations
        for number, orientation in enumerate(orientations, start=1):
            oid = orientation.id
            actions = self.dossier.actions(oid)
            detail = f"Orientation {number}/{len(orientations)}"
            base = {"orientation": orientation, "number": number, "total": len(orientations)}
            if not actions:
                self._action_questions(oid, 0, detail, base, first_only=True)
                continue
            for index in range(len(actions)):
                self._action_questions(oid, index, detail, base, first_only=False)
            self.add(
                key=f"plan.{oid}.more",
                section="plan",
                kind="yesno",
                label=f"Autre action pour l’orientation {number}",
                prompt="plan_more",
                context=base | {"count": len(actions)},
                get=_none,
                put=lambda d, v, oid=oid: self._add_action(d, oid) if v else None,
                required=False,
                detail=detail,
                help=(orientation.quote,),
            )
        objectives = tuple(
            Choice(id=o.id, label=o.label) for o in self.spec.cross_cutting_objectives
        )

        def put_cross(d: Dossier, value: Any) -> None:
            d.plan.cross_cutting = list(value)
            return None

        self.add(
            key="plan.cross",
            section="plan",
            kind="multi",
            label="Objectifs transversaux servis",
            prompt="plan_cross",
            context={"objectives": self.spec.cross_cutting_objectives},
            get=lambda d: d.plan.cross_cutting,
            put=put_cross,
            choices=objectives,
            skippable=True,
            required=False,
            detail="Objectifs transversaux",
            help=tuple(
                {o.quote.text: o.quote for o in self.spec.cross_cutting_objectives}.values()
            ),
        )
        if self.dossier.plan.cross_cutting:

            def put_note(d: Dossier, value: Any) -> None:
                d.plan.cross_cutting_note = value
                return None

            self.add(
                key="plan.cross_note",
                section="plan",
                kind="text",
                label="Contribution aux objectifs transversaux",
                prompt="plan_cross_note",
                get=lambda d: d.plan.cross_cutting_note,
                put=put_note,
                required=False,
                skippable=True,
                detail="Objectifs transversaux",
                limits={"max_length": MAX_TEXT},
            )

    def _add_action(self, d: Dossier, oid: str) -> str:
        items = d.plan.actions.setdefault(oid, [])
        items.append(Action())
        return f"plan.{oid}.{len(items) - 1}.title"

    def _action_questions(
        self, oid: str, index: int, detail: str, base: dict[str, Any], *, first_only: bool
    ) -> None:
        orientation = self.spec.orientation(oid)
        prefix = f"plan.{oid}.{index}"
        title = (self.dossier.actions(oid)[index].title if not first_only else None) or ""
        group = f"Orientation {base['number']} · Action {index + 1}" + (
            f" « {title} »" if title else ""
        )
        ctx = base | {"index": index + 1, "title": title}

        def action(d: Dossier) -> Action | None:
            items = d.plan.actions.get(oid, [])
            return items[index] if index < len(items) else None

        def field_q(name: str, label: str, kind: Kind, **kw: Any) -> None:
            def get(d: Dossier) -> Any:
                item = action(d)
                return None if item is None else getattr(item, name)

            def put(d: Dossier, value: Any) -> None:
                item = _ensure(d.plan.actions.setdefault(oid, []), index, Action)
                setattr(item, name, value)
                return None

            self.add(
                key=f"{prefix}.{name}",
                section="plan",
                kind=kind,
                label=f"{label} ({group})",
                prompt=f"action_{name}",
                context=kw.pop("context", ctx),
                get=get,
                put=put,
                detail=detail,
                group=group,
                help=(orientation.quote,),
                **kw,
            )

        field_q(
            "title",
            "Titre de l’action",
            "text",
            limits={"max_length": 200},
            skippable=index == 0,
        )
        if first_only:
            return
        field_q("description", "Description", "text", limits={"max_length": MAX_TEXT})
        field_q("siae_count", "Nombre de SIAE ciblées", "int", limits={"maximum": 5000})
        field_q("siae_types", "Types de SIAE ciblées", "multi", choices=SIAE_TYPES)
        field_q("territory_scope", "Territoire", "choice", choices=TERRITORY_SCOPES)
        item = self.dossier.actions(oid)[index]
        if item.territory_scope == "areas":
            field_q("areas", "EPCI ou territoires", "text", limits={"max_length": 500})
        field_q("months", "Mois de réalisation", "months", context=ctx | self._period_context())
        field_q(
            "partners",
            "Partenaires",
            "text",
            limits={"max_length": 1000},
            required=False,
            skippable=True,
        )
        field_q("fte", "Personnel mobilisé (ETP)", "fte", limits={"maximum": MAX_FTE})
        field_q("expected_results", "Résultats attendus", "text", limits={"max_length": MAX_TEXT})

    def _period_context(self) -> dict[str, Any]:
        return {"agreement": self.spec.agreement, "period": agreement_months(self.spec)}

    # -- 5. indicators ------------------------------------------------------------------------
    def indicator_targets(self) -> None:
        total = len(self.spec.indicators)
        for number, indicator in enumerate(self.spec.indicators, start=1):
            iid = indicator.id

            def get(d: Dossier, iid: str = iid) -> Any:
                target = d.indicators.targets.get(iid)
                return None if target is None or target.target is None else target

            def put(d: Dossier, value: Any, iid: str = iid) -> None:
                number_, comment = value
                d.indicators.targets[iid] = IndicatorTarget(target=number_, comment=comment)
                return None

            self.add(
                key=f"ind.{iid}",
                section="indicators",
                kind="int_comment",
                label=indicator.label,
                prompt="indicator_target",
                context={"indicator": indicator, "number": number, "total": total},
                get=get,
                put=put,
                detail=f"Indicateur {number}/{total}",
                help=(self.spec.indicators_quote,),
                limits={"maximum": MAX_COUNT},
            )

    def indicators(self) -> None:
        """The applicant's own indicators (after the call's, `indicator_targets`)."""
        extra = self.dossier.indicators.extra

        def put_has_extra(d: Dossier, value: Any) -> str | None:
            d.indicators.has_extra = bool(value)
            if value and not d.indicators.extra:
                d.indicators.extra.append(ExtraIndicator())
                return "ind.extra.0.label"
            return None

        if not extra:
            self.add(
                key="ind.extra",
                section="indicators",
                kind="yesno",
                label="Indicateurs complémentaires",
                prompt="indicator_has_extra",
                get=lambda d: d.indicators.has_extra,
                put=put_has_extra,
                detail="Indicateurs complémentaires",
                required=False,
            )
            return
        for index in range(len(extra)):
            self._list_item(
                "indicators",
                f"ind.extra.{index}",
                lambda d: d.indicators.extra,
                ExtraIndicator,
                index,
                group=f"Indicateur complémentaire {index + 1}",
                detail="Indicateurs complémentaires",
                fields=(
                    ("label", "Libellé", "text", "indicator_extra_label", {"max_length": 200}, ()),
                    (
                        "target",
                        "Cible",
                        "int",
                        "indicator_extra_target",
                        {"maximum": MAX_COUNT},
                        (),
                    ),
                ),
            )
        self._more(
            "indicators",
            "ind.extra.more",
            lambda d: d.indicators.extra,
            ExtraIndicator,
            "indicator_extra_more",
            "ind.extra",
            "label",
            "Indicateurs complémentaires",
        )

    # -- 6. budget -------------------------------------------------------------------------------
    def budget(self) -> None:
        fin = self.spec.financing
        staff_help = (fin.direct_costs.quote, fin.indirect_costs.quote)
        staff = self.dossier.budget.staff
        for index in range(max(1, len(staff))):
            line = staff[index] if index < len(staff) else StaffLine()
            mode_fields: list[tuple[str, str, Kind, str, dict[str, Any], tuple[Choice, ...]]] = []
            if line.cost_mode == "monthly":
                mode_fields = [
                    ("monthly_cost", "Coût mensuel chargé", "money", "staff_monthly_cost", {}, ()),
                    (
                        "months",
                        "Nombre de mois",
                        "int",
                        "staff_months",
                        {"maximum": self.spec.agreement.months},
                        (),
                    ),
                ]
            elif line.cost_mode == "annual":
                mode_fields = [
                    ("annual_cost", "Coût annuel chargé", "money", "staff_annual_cost", {}, ())
                ]
            self._list_item(
                "budget",
                f"bud.staff.{index}",
                lambda d: d.budget.staff,
                StaffLine,
                index,
                group=f"Poste {index + 1}" + (f" « {line.role} »" if line.role else ""),
                detail="Frais de personnel",
                help=staff_help,
                fields=(
                    ("role", "Fonction", "text", "staff_role", {"max_length": 200}, ()),
                    ("fte", "ETP", "fte", "staff_fte", {"maximum": MAX_FTE}, ()),
                    ("cost_mode", "Mode de calcul", "choice", "staff_mode", {}, COST_MODES),
                    *mode_fields,
                ),
                first_only=index >= len(staff),
            )
        if staff:
            self._more(
                "budget",
                "bud.staff.more",
                lambda d: d.budget.staff,
                StaffLine,
                "staff_more",
                "bud.staff",
                "role",
                "Frais de personnel",
                staff_help,
            )
        self._optional_list(
            flag_key="bud.other",
            flag_get=lambda d: d.budget.has_other_direct,
            flag_set=lambda d, v: setattr(d.budget, "has_other_direct", v),
            items_get=lambda d: d.budget.other_direct,
            factory=CostLine,
            prompt="other_has",
            group_label="Charge directe",
            detail="Autres charges directes",
            help=(fin.direct_costs.quote,),
            fields=(
                ("category", "Catégorie", "choice", "other_category", {}, COST_CATEGORIES),
                ("label", "Libellé", "text", "other_label", {"max_length": 200}, ()),
                ("amount", "Montant", "money", "other_amount", {}, ()),
            ),
            label_attr="label",
            more_prompt="other_more",
        )

        def put_budget(attr: str) -> Putter:
            def put(d: Dossier, value: Any) -> None:
                setattr(d.budget, attr, value)
                return None

            return put

        self.add(
            key="bud.indirect",
            section="budget",
            kind="money",
            label="Charges indirectes",
            prompt="indirect",
            get=lambda d: d.budget.indirect,
            put=put_budget("indirect"),
            detail="Charges indirectes",
            help=(fin.indirect_costs.quote,),
        )
        self.add(
            key="bud.dept",
            section="budget",
            kind="money",
            label="Montant demandé au Département",
            prompt="departement_request",
            get=lambda d: d.budget.departement_request,
            put=put_budget("departement_request"),
            detail="Ressources",
            help=(self.spec.payment.advance.quote, self.spec.payment.balance.quote),
        )
        self._optional_list(
            flag_key="bud.funders",
            flag_get=lambda d: d.budget.has_other_funders,
            flag_set=lambda d, v: setattr(d.budget, "has_other_funders", v),
            items_get=lambda d: d.budget.other_funders,
            factory=Funder,
            prompt="funders_has",
            group_label="Financeur",
            detail="Ressources",
            help=(),
            fields=(
                ("name", "Financeur", "text", "funder_name", {"max_length": 200}, ()),
                ("amount", "Montant", "money", "funder_amount", {}, ()),
                ("status", "Statut", "choice", "funder_status", {}, FUNDER_STATUSES),
            ),
            label_attr="name",
            more_prompt="funders_more",
        )
        self.add(
            key="bud.own",
            section="budget",
            kind="money",
            label="Fonds propres",
            prompt="own_funds",
            get=lambda d: d.budget.own_funds,
            put=put_budget("own_funds"),
            detail="Ressources",
        )

    def _list_item(
        self,
        section: Section,
        prefix: str,
        items_get: Callable[[Dossier], list[Any]],
        factory: Callable[[], Any],
        index: int,
        *,
        group: str,
        detail: str,
        fields: tuple[tuple[str, str, Kind, str, dict[str, Any], tuple[Choice, ...]], ...],
        help: tuple[Quote, ...] = (),
        first_only: bool = False,
    ) -> None:
        for position, (name, label, kind, prompt, limits, choices) in enumerate(fields):
            if first_only and position > 0:
                return

            def get(d: Dossier, name: str = name) -> Any:
                items = items_get(d)
                return getattr(items[index], name) if index < len(items) else None

            def put(d: Dossier, value: Any, name: str = name) -> None:
                setattr(_ensure(items_get(d), index, factory), name, value)
                return None

            self.add(
                key=f"{prefix}.{name}",
                section=section,
                kind=kind,
                label=f"{label} ({group})",
                prompt=prompt,
                context={"index": index + 1, "group": group},
                get=get,
                put=put,
                choices=choices,
                limits=limits,
                detail=detail,
                group=group,
                help=help,
            )

    def _more(
        self,
        section: Section,
        key: str,
        items_get: Callable[[Dossier], list[Any]],
        factory: Callable[[], Any],
        prompt: str,
        prefix: str,
        first_field: str,
        detail: str,
        help: tuple[Quote, ...] = (),
    ) -> None:
        def put(d: Dossier, value: Any) -> str | None:
            if not value:
                return None
            items = items_get(d)
            items.append(factory())
            return f"{prefix}.{len(items) - 1}.{first_field}"

        self.add(
            key=key,
            section=section,
            kind="yesno",
            label=detail,
            prompt=prompt,
            context={"count": len(items_get(self.dossier))},
            get=_none,
            put=put,
            required=False,
            detail=detail,
            help=help,
        )

    def _optional_list(
        self,
        *,
        flag_key: str,
        flag_get: Callable[[Dossier], bool | None],
        flag_set: Callable[[Dossier, bool], None],
        items_get: Callable[[Dossier], list[Any]],
        factory: Callable[[], Any],
        prompt: str,
        group_label: str,
        detail: str,
        help: tuple[Quote, ...],
        fields: tuple[tuple[str, str, Kind, str, dict[str, Any], tuple[Choice, ...]], ...],
        label_attr: str,
        more_prompt: str,
    ) -> None:
        items = items_get(self.dossier)
        if not items:

            def put_flag(d: Dossier, value: Any) -> str | None:
                flag_set(d, bool(value))
                if value:
                    items_get(d).append(factory())
                    return f"{flag_key}.0.{fields[0][0]}"
                return None

            self.add(
                key=flag_key,
                section="budget",
                kind="yesno",
                label=detail,
                prompt=prompt,
                get=flag_get,
                put=put_flag,
                detail=detail,
                help=help,
            )
            return
        for index, item in enumerate(items):
            name = getattr(item, label_attr)
            self._list_item(
                "budget",
                f"{flag_key}.{index}",
                items_get,
                factory,
                index,
                group=f"{group_label} {index + 1}" + (f" « {name} »" if name else ""),
                detail=detail,
                fields=fields,
                help=help,
            )
        self._more(
            "budget",
            f"{flag_key}.more",
            items_get,
            factory,
            more_prompt,
            flag_key,
            fields[0][0],
            detail,
            help,
        )

    # -- 7. review ---------------------------------------------------------------------------------
    def review(self) -> None:
        self.add(
            key="review",
            section="review",
            kind="review",
            label="Récapitulatif",
            prompt="review",
            get=_none,
            put=_noop,
            required=False,
            choices=(
                Choice(id="draft", label="Générer le brouillon"),
                Choice(id="edit", label="Modifier une réponse"),
                Choice(id="resume", label="Compléter le dossier"),
            ),
            help=(self.spec.filing.quote, self.spec.expected_result.quote),
        )


def plan_questions(spec: CallSpec, dossier: Dossier) -> list[Question]:
    builder = _Builder(spec, dossier)
    builder.cached("welcome", builder.welcome)
    if builder.eligibility():
        level_known = dossier.organisation.network_level is not None
        builder.cached(("organisation", level_known), builder.organisation)
        builder.plan()
        builder.cached("indicator_targets", builder.indicator_targets)
        builder.indicators()
        builder.budget()
        builder.cached("review", builder.review)
    return builder.questions


def find_question(questions: list[Question], key: str) -> Question | None:
    return next((q for q in questions if q.key == key), None)


def progress_line(question: Question) -> str:
    number = STEP_NUMBER[question.section]
    text = f"Étape {number}/{len(STEPS)} — {STEP_TITLE[question.section]}"
    return f"{text} · {question.detail}" if question.detail else text


def is_missing(question: Question, dossier: Dossier) -> bool:
    return question.required and not question.answered(dossier)


def completeness_of(questions: list[Question], dossier: Dossier) -> int:
    """Share of required questions answered, in percent (rounded down; 100 only when complete)."""
    required = [q for q in questions if q.required]
    if not required:
        return 0
    return sum(1 for q in required if q.answered(dossier)) * 100 // len(required)


def completeness(spec: CallSpec, dossier: Dossier) -> int:
    return completeness_of(plan_questions(spec, dossier), dossier)


def delete_group_item(dossier: Dossier, key_prefix: str) -> bool:
    """Remove the list item a key prefix designates ("plan.o1.2", "bud.staff.0"…)."""
    parts = key_prefix.split(".")
    lists: dict[tuple[str, str], Callable[[Dossier], list[Any]]] = {
        ("bud", "staff"): lambda d: d.budget.staff,
        ("bud", "other"): lambda d: d.budget.other_direct,
        ("bud", "funders"): lambda d: d.budget.other_funders,
        ("ind", "extra"): lambda d: d.indicators.extra,
    }
    if len(parts) == 3 and parts[0] == "plan":
        items: list[Any] = dossier.plan.actions.get(parts[1], [])
    elif len(parts) == 3 and (parts[0], parts[1]) in lists:
        items = lists[(parts[0], parts[1])](dossier)
    else:
        return False
    if not parts[2].isdigit() or int(parts[2]) >= len(items):
        return False
    del items[int(parts[2])]
    return True
