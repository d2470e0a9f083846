"""The dossier: every answer of one application, as one versioned, JSON-serialisable document.

This is the format `aap-bot export` writes and `aap-bot import` / `aap-bot render` read
(`FORMAT_VERSION`; JSON Schema in `dialogs/dossier.schema.json`). Every answer is optional
(`None` = not answered yet) so that a partial dossier is still a valid document. Money and
FTE are `Decimal` (serialised as strings): never floats.
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT_VERSION: Literal[1] = 1
#: Keys the staff's JSON export adds to each dossier (its number, its applicant's name and
#: Telegram link): not the dossier's, so an import leaves them aside.
DOSSIER_NUMBER, APPLICANT = "dossier_number", "applicant"
EXPORT_ONLY_KEYS = (DOSSIER_NUMBER, APPLICANT)

NetworkLevel = Literal["departmental", "regional", "national"]
CostMode = Literal["annual", "monthly"]
#: How a loaded cost typed as a salary was worded (« 2 800 brut », « 2 100 net »).
Salary = Literal["gross", "net"]
FunderStatus = Literal["obtained", "requested"]
TerritoryScope = Literal["department", "areas"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Eligibility(Model):
    organisation_type: str | None = None
    answers: dict[str, bool] = Field(
        default_factory=dict, description="Yes/no answer to each eligibility question of the spec"
    )


class Contact(Model):
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = Field(default=None, description="E.164, e.g. +33321216550")


class Representative(Model):
    """The person who signs for the organisation (président·e, directeur·rice…)."""

    name: str | None = None
    role: str | None = None


class Organisation(Model):
    name: str | None = None
    siret: str | None = Field(default=None, description="14 digits, no spaces")
    rna: str | None = Field(
        default=None, description="RNA number of an association: W and 9 characters, W623001234"
    )
    legal_form: str | None = None
    network_level: NetworkLevel | None = None
    member_siae_count: int | None = Field(default=None, ge=0)
    territory: str | None = Field(
        default=None, description="Where the network works, in the applicant's own words"
    )
    address: str | None = None
    representative: Representative = Field(default_factory=Representative)
    employees: int | None = Field(default=None, ge=0, description="Salaried staff, headcount")
    employees_fte: Decimal | None = Field(
        default=None, ge=0, description="Salaried staff in full-time equivalents"
    )
    volunteers: int | None = Field(default=None, ge=0)
    annual_budget: Decimal | None = Field(
        default=None, ge=0, description="The organisation's total annual budget (charges)"
    )
    contact: Contact = Field(default_factory=Contact)


class Action(Model):
    title: str | None = None
    description: str | None = None
    siae_count: int | None = Field(default=None, ge=0)
    siae_types: list[str] | None = Field(default=None, description="ACI, EI, ETTI, AI, EITI")
    territory_scope: TerritoryScope | None = None
    areas: str | None = Field(default=None, description="Named EPCI or areas when scope is areas")
    months: list[str] | None = Field(default=None, description="Months as YYYY-MM")
    partners: str | None = None
    fte: Decimal | None = Field(default=None, ge=0)
    expected_results: str | None = None


class PublicReached(Model):
    """The people the member SIAE concerned employ, among the call's target public."""

    brsa: int | None = Field(default=None, ge=0, description="BRSA in the SIAE concerned")
    young: int | None = Field(default=None, ge=0, description="Young people under 26")
    young_ase: int | None = Field(default=None, ge=0, description="Of whom from the ASE")
    former_brsa: int | None = Field(
        default=None, ge=0, description="No longer BRSA, still in an insertion pathway"
    )
    note: str | None = Field(default=None, description="How the actions reach them")


class Plan(Model):
    context: str | None = Field(default=None, description="Context and diagnosis of the SIAE")
    approach: str | None = Field(default=None, description="The applicant's approach")
    public: PublicReached = Field(default_factory=PublicReached)
    actions: dict[str, list[Action]] = Field(
        default_factory=dict, description="Actions by orientation id of the spec"
    )
    cross_cutting: list[str] | None = Field(
        default=None, description="Ids of the cross-cutting objectives served"
    )
    cross_cutting_note: str | None = None


class IndicatorTarget(Model):
    target: int | None = Field(default=None, ge=0)
    comment: str | None = None


class ExtraIndicator(Model):
    label: str | None = None
    target: int | None = Field(default=None, ge=0)


class Indicators(Model):
    targets: dict[str, IndicatorTarget] = Field(
        default_factory=dict, description="Target for each indicator id of the spec"
    )
    has_extra: bool | None = None
    extra: list[ExtraIndicator] = Field(default_factory=list)


class StaffLine(Model):
    role: str | None = None
    fte: Decimal | None = Field(
        default=None, ge=0, description="Full-time equivalent on the operation"
    )
    cost_mode: CostMode | None = None
    annual_cost: Decimal | None = Field(
        default=None, ge=0, description="Annual loaded cost of the position at full time"
    )
    monthly_cost: Decimal | None = Field(
        default=None, ge=0, description="Monthly loaded cost of the position at full time"
    )
    months: int | None = Field(default=None, ge=0)
    cost_typed_as: Salary | None = Field(
        default=None,
        description="The loaded cost was typed as a gross or net salary ('2800€ brut par "
        "mois') and kept as is once asked back: the employer's charges may be missing, so "
        "the review, the documents and the staff say so (never blocking) until the cost is "
        "answered again",
    )


class CostLine(Model):
    category: str | None = Field(
        default=None, description="Account class of the CERFA budget (60, 61, 62…)"
    )
    label: str | None = None
    amount: Decimal | None = Field(default=None, ge=0)


class Funder(Model):
    """A subsidy of another funder (account 74 of the CERFA budget)."""

    category: str | None = Field(
        default=None, description="Line of account 74: etat, region, epci, communes, europe…"
    )
    name: str | None = None
    amount: Decimal | None = Field(default=None, ge=0)
    status: FunderStatus | None = None


class ResourceLine(Model):
    """Another resource of the operation: sales (70), dues (756), other products (75), 76–78."""

    category: str | None = Field(default=None, description="Account: 70, 756, 75, 76, 77, 78")
    label: str | None = None
    amount: Decimal | None = Field(default=None, ge=0)


class InKindLine(Model):
    """A voluntary contribution in kind: shown on both sides of the budget (86 and 87)."""

    category: str | None = Field(
        default=None, description="volunteering, goods (free use of goods and services), gifts"
    )
    label: str | None = None
    amount: Decimal | None = Field(default=None, ge=0)


class Budget(Model):
    staff: list[StaffLine] = Field(default_factory=list)
    social_charges: Decimal | None = Field(
        default=None, ge=0, description="Employer social charges included in the staff costs"
    )
    social_charges_share: Decimal | None = Field(
        default=None,
        ge=0,
        description="The share of the staff costs the social charges were typed as ('30 %', "
        "confirmed): the amount follows the staff costs when they change",
    )
    social_charges_staff: Decimal | None = Field(
        default=None,
        ge=0,
        description="The staff costs when the social charges were typed as an amount: the "
        "review flags the amount once the staff costs differ",
    )
    payroll_tax: Decimal | None = Field(
        default=None, ge=0, description="Taxes on salaries (taxe sur les salaires…), account 631"
    )
    has_other_direct: bool | None = None
    other_direct: list[CostLine] = Field(default_factory=list)
    indirect: Decimal | None = Field(default=None, ge=0)
    indirect_maximum: bool = Field(
        default=False,
        description="The applicant chose the maximum: the amount follows the cap when staff "
        "costs change",
    )
    indirect_key: str | None = Field(
        default=None, description="How indirect costs are allocated to the operation"
    )
    departement_request: Decimal | None = Field(default=None, ge=0)
    departement_request_share: Decimal | None = Field(
        default=None,
        ge=0,
        description="The share of the operation's cost the request was typed as ('50 %', "
        "confirmed as the amount it gave): the review says when the cost changed since",
    )
    has_other_funders: bool | None = None
    other_funders: list[Funder] = Field(default_factory=list)
    has_other_resources: bool | None = None
    other_resources: list[ResourceLine] = Field(default_factory=list)
    own_funds: Decimal | None = Field(default=None, ge=0)
    has_in_kind: bool | None = None
    in_kind: list[InKindLine] = Field(default_factory=list)


#: An answer to a question of a call's own form that the dossier model does not name.
CustomAnswer = bool | int | str | list[str]


#: The `offer` a field's rules receive (`FieldRule.after`) for an amount typed as a share of
#: its base and confirmed (« 50 % »): this prefix, then the percentage.
SHARE_TYPED = "share:"


class AskingBack(Model):
    """A short question the assistant asked back about the pending answer: confirm a value
    understood approximately, pick one of several readings, confirm leaving an item,
    confirm that words typed at a choice are the details of one of its options, offer
    words typed elsewhere (at the review, with the answer before) as a question's answer, or
    ask which of several answers a correction names (`dialogs.corrections`)."""

    kind: Literal["confirm", "pick", "leave_item", "details", "words", "correct"]
    values: list[Any] = Field(
        default_factory=list,
        description="The value to confirm, or the candidates (JSON); for details, the "
        "choice's id and the words typed for its follow-up question; for words, the "
        "question's key and the words offered; for correct, the keys of the answers named, "
        "the new value typed and the figure typed",
    )
    carry: str | None = Field(
        default=None,
        description="Words typed with the answer asked back, for the question after it "
        "('2500/mois': the monthly cost, once the monthly mode is confirmed)",
    )
    full_time_unsaid: str | None = Field(
        default=None,
        description="The words of a post's cost carried from an earlier message and asked "
        "back ('2800€ brut par mois'), for a post below full time: once the amount is kept, "
        "whether it is the full time's cost or already the post's share is asked in turn",
    )
    kept: str | None = Field(
        default=None,
        description="Words typed while this question back waited, answering neither it nor "
        "with a figure ('on n'en paie pas' at 'dois-je retenir 21 520 € ?'): once it is "
        "answered, handled at the question after it (yes, or a candidate picked), or at its "
        "own question (no, or the words sent again)",
    )
    salary: Salary | None = Field(
        default=None,
        description="The amount offered was typed as a gross or net salary where a loaded "
        "cost is asked ('2800€ brut par mois'); once confirmed, its staff line keeps it "
        "(StaffLine.cost_typed_as)",
    )
    provisional: bool = Field(
        default=False,
        description="The value offered stands for an answer not known yet ('je ne sais pas' "
        "at a count: 0 for now); once confirmed, its key goes to Dossier.provisional",
    )
    percent: Decimal | None = Field(
        default=None,
        description="The percentage typed, for an amount asked back as that share of its "
        "base ('50 %' of the operation's cost); once confirmed, told to the field's rules",
    )
    person: str | None = Field(
        default=None,
        description="A person's name typed after the share of full time asked back ('17h30, "
        "c marie'): once a value is kept, said not recorded, as when none is asked back",
    )


class Exchange(Model):
    """An exchange with the team, as « votre réponse, ou une question ? » names it: offered
    first when it was recent as the words were typed (`Cursor.pending_exchange`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ticket_id: int
    question: str = Field(description="The exchange's opening words, quoted in the prompt")
    by_staff: bool = Field(
        default=False,
        description="Opened by the team (an « échange »), not by the applicant's question",
    )


class Cursor(Model):
    """Where the interview stands: the question on screen and how it was reached."""

    key: str = "welcome"
    return_to_review: bool = False
    pending_choices: list[str] = Field(
        default_factory=list, description="Multi-choice selection being built with buttons"
    )
    pending_text: str | None = Field(
        default=None, description="Text awaiting 'answer or question?' disambiguation"
    )
    pending_exchange: Exchange | None = Field(
        default=None,
        description="The exchange with the team offered first under 'answer or question?' "
        "(its button before the two others), as shown with pending_text: a number typed "
        "then names the button at that place, whatever became of the exchange since",
    )
    asking_back: AskingBack | None = None
    filling_missing: bool = Field(
        default=False,
        description="'Compléter le dossier': only the missing answers and the questions "
        "never put, in turn",
    )
    filling_item: str | None = Field(
        default=None,
        description="'Compléter le dossier': the list item added meanwhile (key prefix, "
        "e.g. plan.o4.0), asked in full like in the interview",
    )
    awaiting_question: bool = Field(
        default=False, description="The next message is a question for the Département"
    )
    resume_key: str | None = Field(
        default=None,
        description="The question the applicant was at when they opened the review midway: "
        "the review says that step, and 'Compléter le dossier' resumes there",
    )
    after_edit: bool = Field(
        default=False,
        description="The review reached again once an edit from its menu is done: words typed "
        "there answer the review, not the question it was opened from",
    )
    back_to: str | None = Field(
        default=None,
        description="The question an earlier answer was corrected from (« je me suis trompée, "
        "on a 7 salariés »): once the answer is changed, the interview goes back there",
    )
    refused: str | None = Field(
        default=None,
        description="The question and the code of the refusal the last message got there "
        "('bud.indirect:indirect_cap'): the same refusal again says what the applicant can "
        "do rather than repeating itself; any other message clears it",
    )

    def stop_filling(self) -> None:
        self.filling_missing = False
        self.filling_item = None


class Dossier(Model):
    format_version: Literal[1] = FORMAT_VERSION
    uuid: str = Field(default_factory=lambda: str(uuid.uuid4()))
    call_id: str
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    eligibility: Eligibility = Field(default_factory=Eligibility)
    organisation: Organisation = Field(default_factory=Organisation)
    plan: Plan = Field(default_factory=Plan)
    indicators: Indicators = Field(default_factory=Indicators)
    budget: Budget = Field(default_factory=Budget)
    custom: dict[str, CustomAnswer] = Field(
        default_factory=dict,
        description="Answers to questions a call's form adds without a field of its own "
        "(form path custom[<name>]): text, numbers, yes/no, lists",
    )
    skipped: list[str] = Field(
        default_factory=list, description="Question keys the applicant chose to skip"
    )
    moved_past: list[str] | None = Field(
        default=None,
        description="Question keys the applicant moved on from without an answer to store "
        "(a « Non » to « Ajouter une autre action ? »): put to them, so « Compléter le "
        "dossier » does not ask them again; None in a dossier saved before this was kept "
        "(those before its cursor count as put)",
    )
    provisional: list[str] = Field(
        default_factory=list,
        description="Question keys whose answer was taken for now ('je ne sais pas' at a "
        "count: 0, to correct before filing): flagged, and the dossier not ready, until the "
        "applicant answers the question again (0 typed included)",
    )
    set_aside: dict[str, str] = Field(
        default_factory=dict,
        description="Words typed at one question for a later one, kept until it comes "
        "(question key → words): the phone number typed in the postal address, offered at "
        "the contact's phone (« est-ce celui du contact ? ») and never printed in the address; "
        "a list item's amount, status or label typed with its type (« la région 15000 »), and "
        "the next items' words (« … et le FSE 8000 »), offered at « add another? »",
    )
    draft_generated_at: dt.datetime | None = None
    cursor: Cursor = Field(default_factory=Cursor)

    def actions(self, orientation_id: str) -> list[Action]:
        return self.plan.actions.get(orientation_id, [])

    def clone(self) -> Dossier:
        """A deep copy (the engine changes its own, then compares it with the saved one).

        Dumped and validated again by pydantic-core rather than `model_copy(deep=True)`'s
        `copy.deepcopy`: 2 to 3 times faster (50 µs against 130 µs mid-interview), and a
        copy is made on every event."""
        return Dossier.model_validate(self.model_dump())
