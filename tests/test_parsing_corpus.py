"""Answers as people type them: every case of `tests/data/parsing/*.yaml` gives its value,
its question back or its refusal, and the message it leads to renders, in French."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from dialogs import parsing
from dialogs.spec import Choice
from dialogs.texts import render_macro

CORPUS = Path(__file__).parent / "data" / "parsing"
ERRORS = "messages/errors.html.j2"
MINIMUM_CASES = 300


def _load(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as stream:
        data: dict[str, Any] = yaml.safe_load(stream)
    return data


def _choice_sets(data: dict[str, Any]) -> dict[str, list[Choice]]:
    return {
        name: [Choice(id=c["id"], label=c["label"]) for c in items]
        for name, items in data.get("sets", {}).items()
    }


def _parser(kind: str, args: dict[str, Any], sets: dict[str, list[Choice]]) -> Callable[[str], Any]:
    aliases = parsing.choice_aliases()
    money = {k: Decimal(str(v)) for k, v in args.items() if k in ("percent_base", "ceiling")}
    parsers: dict[str, Callable[[str], Any]] = {
        "text": lambda t: parsing.parse_text(t, **args),
        "integer": lambda t: parsing.parse_integer(t, **args),
        "month_count": lambda t: parsing.parse_month_count(t, **args),
        "amount": lambda t: parsing.parse_amount(
            t,
            per=args.get("per"),
            loaded_cost=args.get("loaded_cost", False),
            percent_of=args.get("percent_of"),
            other_bases={k: Decimal(str(v)) for k, v in args.get("other_bases", {}).items()},
            confirm_percent=args.get("confirm_percent", False),
            exemption=args.get("exemption", False),
            **money,
        ),
        "fte": lambda t: parsing.parse_fte(t, maximum=Decimal(str(args["maximum"]))),
        "months": lambda t: parsing.parse_months(t, args["period"]),
        "yes_no": parsing.parse_yes_no,
        "choice": lambda t: parsing.parse_choice(t, sets[args["set"]], aliases=aliases).id,
        "multi": lambda t: parsing.parse_multi(t, sets[args["set"]], aliases=aliases),
        "siret": parsing.parse_siret,
        "rna": parsing.parse_rna,
        "phone": parsing.parse_phone,
        "email": parsing.parse_email,
        "target": lambda t: parsing.parse_target_with_comment(t, **args),
    }
    return parsers[kind]


def _expected(kind: str, value: Any) -> Any:
    if kind in ("amount", "fte") and value is not None:
        return Decimal(str(value))
    if kind == "target":
        return (value[0], value[1])
    return value


def _comparable(kind: str, value: Any) -> Any:
    """A clarification's value or candidate, in the corpus's terms (a choice by its id)."""
    if isinstance(value, Choice):
        return value.id
    if kind == "target" and isinstance(value, tuple):
        return value
    return value


def _cases() -> Iterator[Any]:
    for path in sorted(CORPUS.glob("*.yaml")):
        data = _load(path)
        sets = _choice_sets(data)
        for number, case in enumerate(data["cases"], start=1):
            text, expected, *extra = case
            args = {**data.get("args", {}), **(extra[0] if extra else {})}
            yield pytest.param(data["kind"], text, expected, args, sets, id=f"{path.stem}-{number}")


@pytest.mark.parametrize(("kind", "text", "expected", "args", "sets"), list(_cases()))
def test_typed_answer_gives_its_value_or_the_right_question_back(
    kind: str, text: str, expected: Any, args: dict[str, Any], sets: dict[str, list[Choice]]
) -> None:
    parse = _parser(kind, args, sets)
    wanted = expected if isinstance(expected, dict) else {"value": expected}
    try:
        got: dict[str, Any] = {"value": parse(text)}
    except parsing.InvalidAnswer as refusal:
        got = {"error": refusal.code}
        _renders(refusal.code, refusal.context)
    except parsing.NeedsConfirmation as question:
        got = {"confirm": _comparable(kind, question.value)}
        _renders(question.code, question.context)
        _renders(question.code, question.as_refusal().context)
    except parsing.Ambiguous as question:
        got = {"ambiguous": [_comparable(kind, c) for c in question.candidates]}
        _renders(question.code, question.context)
        _renders(question.code, question.as_refusal().context)
    if "value" in wanted:
        wanted = {"value": _expected(kind, wanted["value"])}
    elif "confirm" in wanted:
        wanted = {"confirm": _expected(kind, wanted["confirm"])}
    elif "ambiguous" in wanted:
        wanted = {"ambiguous": [_expected(kind, c) for c in wanted["ambiguous"]]}
    assert got == wanted


def _renders(code: str, context: dict[str, Any]) -> None:
    message = render_macro(ERRORS, code, **context)
    assert message.startswith(("❗", "❓")), message
    assert "Undefined" not in message and "None" not in message, message


def test_every_field_kind_has_a_corpus_of_at_least_300_answers() -> None:
    sizes = {p.stem: len(_load(p)["cases"]) for p in CORPUS.glob("*.yaml")}
    kinds = {"text", "integer", "month_count", "amount", "fte", "months", "yes_no", "choice"}
    kinds |= {"multi", "siret", "rna", "phone", "email", "target"}
    assert set(sizes) == kinds
    assert {k: n for k, n in sizes.items() if n < MINIMUM_CASES} == {}
