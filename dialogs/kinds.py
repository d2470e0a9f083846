"""Reading an answer by the kind of its field: one parser per kind, for every adapter.

`parse_answer` turns what the user typed into the value the field stores, or raises
`InvalidAnswer` (refused: the message says what is expected) or a `Clarification` (understood
approximately or several ways: the engine asks back). The parsers themselves are
`dialogs.parsing`, one function per kind; this module joins them to a question: its limits,
its choices (and their other names), the options its rules give ("the maximum", "20 %").
The kinds' stored types are checked against the dossier model when a form is loaded
(`dialogs.form_check.KIND_TYPES`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, TypeAdapter

from dialogs import parsing
from dialogs.calendar import agreement_months, month_label
from dialogs.dossier import IndicatorTarget
from dialogs.money import CENT, format_eur, format_number
from dialogs.question import Question
from dialogs.spec import CallSpec, Choice
from dialogs.texts import render_macro, shorten
from dialogs.validation import format_phone, format_siret

YES_NO_IDS = ("yes", "no")
Options = Mapping[str, Any]


def yes_no_choices() -> tuple[Choice, ...]:
    return tuple(
        Choice(id=choice, label=render_macro("messages/navigation.html.j2", choice))
        for choice in YES_NO_IDS
    )


def choices_of(question: Question) -> tuple[Choice, ...]:
    """The choices a question offers (yes/no ones are implied by its kind)."""
    return yes_no_choices() if question.kind == "yesno" else question.choices


def aliases_of(question: Question) -> dict[str, tuple[str, ...]]:
    """Other names of the question's choices: the form's, then the common vocabulary's."""
    common = parsing.choice_aliases()
    found = {c.id: (*getattr(c, "aliases", ()), *common.get(c.id, ())) for c in question.choices}
    return {key: names for key, names in found.items() if names}


def choice_value(question: Question, choice: Choice) -> Any:
    """What choosing `choice` stores."""
    if question.kind == "yesno":
        return choice.id == "yes"
    if question.kind == "choice_or_text":
        return choice.label
    stored = getattr(choice, "stored", None)
    return choice.id if stored is None else stored


def _choice(q: Question, text: str, spec: CallSpec, options: Options) -> Any:
    if q.kind == "info" and not text.strip():
        return "start"
    if q.kind == "yesno":
        # a knock-out question (`stop`): a « non » with words of its own is asked back first;
        # « c'est bon » at « one more? » (a list's flag or "more") is asked back as « non »
        return parsing.parse_yes_no(
            text, decisive=q.stop is not None, offering=q.role in ("flag", "more")
        )
    # Typed like a tap: a number or a label among the options shown (`options["shown"]`, in
    # the order the adapters list them), which the review extends with its 🔎 details.
    # Those are screen options, not the form's choices: made as such, their ids unchecked.
    own = {c.id: c for c in choices_of(q)}
    shown = [
        own.get(o.id) or Choice.model_construct(id=o.id, label=o.label)
        for o in options.get("shown", ())
    ]
    try:
        return parsing.parse_choice(text, shown or choices_of(q), aliases=aliases_of(q))
    except (parsing.InvalidAnswer, parsing.NeedsConfirmation) as unsure:
        # « la CA du Boulonnais », « DREETS Hauts-de-France »: a body's own name says its
        # type for sure (refused, or asked back, before); the name goes to the next question
        body = parsing.named_body(text, shown or choices_of(q))
        if body is not None:
            return body[0]
        if isinstance(unsure, parsing.NeedsConfirmation):
            raise
        refused = unsure
        # « sept à déc », « aucun », « 2 SIAE qui se lancent » at the territory: words that
        # name no place are no territory to detail an option with; said what is expected
        means = parsing.not_a_place(text) if _details_a_place(q) else None
        if means is None:
            raise
        raise parsing.InvalidAnswer(
            "choice_not_place", typed=text.strip(), means=means, **refused.details
        ) from None


def _details_a_place(q: Question) -> bool:
    """Whether one of the choices is detailed by a field of the item: the form's only such
    choice is the territory's « Des territoires précis (EPCI…) », detailed by places
    (`areas`, content: place), so words naming no place are refused there."""
    return q.kind == "choice" and any(getattr(c, "details", None) for c in q.choices)


def _choice_or_text(q: Question, text: str, spec: CallSpec, options: Options) -> Any:
    """An option named for sure, else the words as typed; an option named only
    approximately (« autre : SCIC ») is offered beside the words, never passed over: a
    tester's « c'est une SCIC » was stored as such, and the RNA then asked of « votre
    association »."""
    try:
        return parsing.parse_choice(text, q.choices, aliases=aliases_of(q))
    except parsing.InvalidAnswer:
        return parsing.parse_text(text, max_length=q.limits["max_length"], content=q.content)
    except parsing.NeedsConfirmation as guess:
        offered = [guess.value]
    except parsing.Ambiguous as several:
        offered = list(several.candidates)
    typed = parsing.parse_text(text, max_length=q.limits["max_length"], content=q.content)
    raise parsing.Ambiguous("choice_or_words", [*offered, typed], typed=typed)


def _identifier(read: Callable[[str], Any]) -> Callable[[Question, str, CallSpec, Options], Any]:
    """A number or an address the applicant may not have at hand (SIRET, RNA, e-mail,
    phone): an answer that is only "plus tard", "jsp" or "stop" is refused as such (how to
    go on without it), not as a badly typed number."""

    def parse(q: Question, text: str, spec: CallSpec, options: Options) -> Any:
        try:
            return read(text)
        except parsing.InvalidAnswer:
            said = "later" if parsing.not_at_hand(text) else parsing.chat_word(text)
            if said in ("unknown", "later", "pause"):
                raise parsing.InvalidAnswer("text_chat", typed=text.strip(), means=said) from None
            raise

    return parse


def integer_bounds(q: Question, options: Options) -> tuple[int, int]:
    """A count's bounds: the form's, narrowed (never widened) by its rules' options (the ASE
    young people are at most the young people given before), so that every message gives
    the range the question states. A narrowing that leaves no range is ignored: the rule's
    own check refuses the answer then."""
    minimum, maximum = int(q.limits.get("minimum", 0)), int(q.limits["maximum"])
    low = max(minimum, int(options.get("minimum", minimum)))
    high = min(maximum, int(options.get("maximum", maximum)))
    return (low, high) if low <= high else (minimum, maximum)


def _integer(q: Question, text: str, spec: CallSpec, options: Options) -> Any:
    """A count within its bounds (`integer_bounds`). A figure past a rule's narrower maximum
    but within the form's gets the rule's own refusal (`above`), which says why ("the ASE
    young people are counted among the 85 young people")."""
    minimum, maximum = integer_bounds(q, options)
    skip = ("minimum", "maximum", "above", "months_of")
    others = {k: v for k, v in options.items() if k not in skip}

    def parse(low: int, high: int) -> Any:
        return parsing.parse_integer(
            text,
            minimum=low,
            maximum=high,
            about=q.label,
            unknown_is_zero=q.unknown_is_zero,
            **others,
        )

    try:
        return parse(minimum, maximum)
    except parsing.InvalidAnswer as refused:
        period = options.get("months_of")
        if period is not None:  # « de mars à décembre » at a number of months: 10, asked
            _count_of_months(text, period, (minimum, maximum), refused)
        above = options.get("above")
        if refused.code != "int_range" or not isinstance(above, parsing.InvalidAnswer):
            raise
        try:
            value = parse(int(q.limits.get("minimum", 0)), int(q.limits["maximum"]))
        except (parsing.InvalidAnswer, parsing.Clarification):
            raise refused from None
        raise above if value > maximum else refused from None


def _count_of_months(
    text: str,
    period: Sequence[str],
    bounds: tuple[int, int],
    refused: parsing.InvalidAnswer,
) -> None:
    """Months named where their number is asked (« de mars à décembre »): how many, asked
    back; nothing when the words name no month, or months outside `period` (« de mars 2025
    à juin 2026 »: the refusal says the range), or a count outside `bounds`."""
    try:
        months = parsing.parse_months(text, period)
    except (parsing.InvalidAnswer, parsing.Clarification):
        return
    inside = all(m in period for m in months)
    if months and inside and bounds[0] <= len(months) <= bounds[1]:
        places = [list(period).index(m) for m in months]
        following = places == list(range(places[0], places[0] + len(places)))
        raise parsing.NeedsConfirmation(
            "months_count", len(months), typed=text.strip(), named=months, following=following
        ) from refused


def _text(q: Question, text: str, spec: CallSpec, options: Options) -> Any:
    value = parsing.parse_text(
        text,
        max_length=q.limits["max_length"],
        content=q.content,
        # a required description answered "non" is no description (an optional one may be
        # declined that way: "Partenaires ? non")
        refuse_no=q.required and q.content in ("words", "role", "address"),
        min_words=int(q.limits.get("min_words", 0)),
        label=q.label,
        # « Notre organisme s'appelle … » at the organisation's name; an action's title may
        # open so (« C'est parti pour l'emploi »)
        lead_ins=q.list is None,
        # a number alone names a place when it is the call's département (« 62 »)
        place_numbers=spec.territory.departements or None,
    )
    written = parsing.role_written(value) if q.path_name == "role" else ()
    if written:  # « pdt »: « Président » or « Présidente » in the courrier, or as typed
        raise parsing.Ambiguous("role_abbreviation", [*written, value], typed=value)
    if q.path_name == "role":  # « presidente »: « présidente » in the letter and statement
        return parsing.role_accented(value)
    if q.content == "name" and q.list is None:  # the organisation's own name, printed
        return parsing.name_capitalised(value)  # everywhere: « collectif … » → « Collectif … »
    return value


def _money(q: Question, text: str, options: Options) -> Decimal:
    """An amount; one below the field's `ask_below`, in whole euros, asked back as the same
    figure in thousands or as typed (« Environ 150. » at an organisation's annual budget was
    stored as 150 €: most likely 150 000 €). Nothing is stored before the applicant says."""
    value = parsing.parse_amount(
        text, about=q.label, per=q.per, loaded_cost=q.loaded_cost, **options
    )
    below = q.limits.get("ask_below")
    if below is not None and 0 < value < below and value == value.to_integral():
        thousands = (value * 1000).quantize(CENT)
        raise parsing.Ambiguous(
            "amount_thousands", [thousands, value], typed=shorten(text.strip()), unit="€"
        )
    return value


PARSERS: dict[str, Callable[[Question, str, CallSpec, Options], Any]] = {
    "info": _choice,
    "stop": _choice,
    "review": _choice,
    "choice": _choice,
    "yesno": _choice,
    "choice_or_text": _choice_or_text,
    "multi": lambda q, text, spec, o: parsing.parse_multi(text, q.choices, aliases=aliases_of(q)),
    "text": _text,
    "int": _integer,
    "int_comment": lambda q, text, spec, o: parsing.parse_target_with_comment(
        text, maximum=q.limits["maximum"], months=len(agreement_months(spec)), about=q.label
    ),
    "fte": lambda q, text, spec, o: parsing.parse_fte(text, maximum=q.limits["maximum"]),
    "money": lambda q, text, spec, o: _money(q, text, o),
    "email": _identifier(parsing.parse_email),
    "phone": _identifier(parsing.parse_phone),
    "siret": _identifier(parsing.parse_siret),
    "rna": _identifier(parsing.parse_rna),
    "months": lambda q, text, spec, o: parsing.parse_months(text, agreement_months(spec)),
}


def stored(question: Question, raw: Any) -> Any:
    """What a parser gave, as the field stores it (a choice → its value, a target and its
    comment → an `IndicatorTarget`)."""
    if isinstance(raw, Choice):
        return choice_value(question, raw)
    if question.kind == "int_comment" and isinstance(raw, tuple):
        return IndicatorTarget(target=raw[0], comment=raw[1])
    return raw


def parse_answer(question: Question, text: str, spec: CallSpec, options: Options) -> Any:
    """The value `text` gives `question`; `InvalidAnswer` says what is expected instead,
    a `Clarification` what to ask back."""
    return stored(question, PARSERS[question.kind](question, text, spec, options))


def to_json(value: Any) -> Any:
    """A stored value in JSON form (kept in the cursor while the user confirms it)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, tuple):
        return list(value)
    return value


def from_json(question: Question, value: Any) -> Any:
    """`to_json`'s value back, typed as the question's field stores it."""
    if question.path is None or value is None:
        return value
    return TypeAdapter(question.path.leaf_type).validate_python(value)


def describe(question: Question, value: Any, shown: Sequence[Any] = ()) -> str:
    """A stored value as a button shows it ("12 500,00 €", "mars 2025 – juin 2025",
    "03 21 21 65 50"). `shown`: the options the question's screen offers (`Prompts.options`,
    with an `id` and a `label`), which are not all choices of the form (the summary's
    « Compléter le dossier », its 🔎 details, a category's codes): an option's id is named by
    its label, never shown as is (a tester read `resume` and `_show:budget` on buttons)."""
    if isinstance(value, str):
        label = next((o.label for o in shown if o.id == value), None)
        if label is not None:
            return str(label)
    if question.kind in ("choice", "multi", "yesno"):
        values = value if isinstance(value, list) else [value]
        labels = [c.label for c in choices_of(question) if choice_value(question, c) in values]
        if labels:
            return ", ".join(labels)
    if isinstance(value, Decimal):
        return format_eur(value) if question.kind == "money" else format_number(value)
    if isinstance(value, IndicatorTarget):
        comment = f" ({value.comment})" if value.comment else ""
        return f"{format_number(value.target or 0)}{comment}"
    if question.kind == "phone" and isinstance(value, str):
        return format_phone(value)
    if question.kind == "siret" and isinstance(value, str):
        return format_siret(value)
    if question.kind == "months" and isinstance(value, list) and value:
        return " – ".join(dict.fromkeys(month_label(m) for m in (value[0], value[-1])))
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return str(value)
