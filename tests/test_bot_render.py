"""Rendering engine messages for Telegram: keyboards, callback data, splitting, escaping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.render import (
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    answer_data,
    chosen_label,
    keyboard,
    parse_answer_data,
    render,
    split_html,
    with_answer,
)
from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Button, Choose, Message, nav_label
from dialogs.plan import plan_questions
from dialogs.spec import load_shipped_spec
from tests.fakebotapi import parse_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "dossier-exemple.json"


def test_a_prompt_has_its_progress_in_italics_and_one_choice_per_row() -> None:
    message = Message(
        "Quel est votre statut ?",
        key="elig.type",
        progress="Étape 2/7 — Éligibilité",
        buttons=(
            Button("a", "Tête de réseau"),
            Button("b", "Autre"),
            Button("_help", "Aide", nav=True),
            Button("_back", "⬅️ Précédent", nav=True),
        ),
        input="choice",
    )
    [part] = render(message)
    assert part.text.startswith("<i>Étape 2/7 — Éligibilité</i>\n\n")
    assert part.markup is not None
    rows = part.markup.inline_keyboard
    assert [[b.text for b in row] for row in rows] == [
        ["Tête de réseau"],
        ["Autre"],
        ["Aide", "⬅️ Précédent"],
    ]
    assert rows[0][0].callback_data == "a|elig.type|a"


def test_selected_options_of_a_multi_choice_are_ticked() -> None:
    message = Message(
        "Types ?",
        key="plan.o1.0.siae_types",
        buttons=(
            Button("aci", "ACI"),
            Button("ei", "EI"),
            Button("_ok", nav_label("_ok"), nav=True),
        ),
        multi=True,
        selected=("ei",),
        input="multi",
    )
    [part] = render(message)
    assert part.markup is not None
    labels = [b.text for row in part.markup.inline_keyboard for b in row]
    assert labels == ["ACI", "✅ EI", "Valider la sélection ➡️"]


def test_callback_data_round_trips_and_refuses_more_than_64_bytes() -> None:
    assert parse_answer_data(answer_data("plan.o1.0.title", "_back")) == (
        "plan.o1.0.title",
        "_back",
    )
    assert parse_answer_data("d|yes") is None
    with pytest.raises(ValueError, match="64 bytes"):
        answer_data("k" * 60, "choice")


def _sizes(messages: list[Message]) -> list[int]:
    return [
        len((button.callback_data or "").encode("utf-8"))
        for message in messages
        for part in render(message)
        for row in (part.markup.inline_keyboard if part.markup else [])
        for button in row
    ]


def test_every_button_of_a_complete_interview_fits_in_64_bytes() -> None:
    """Every question of a full dossier, and the edit menus two levels under the review."""
    spec = load_shipped_spec("pdc-axe3-2025")
    dossier = Dossier.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))
    interview = Interview(spec)
    today = dt.date(2026, 11, 25)
    sizes: list[int] = []
    screens = []
    for question in plan_questions(spec, dossier):
        dossier.cursor.key = question.key
        screens.append(dossier.model_copy(deep=True))
    for screen in screens:
        outcome = interview.show(screen, today)
        sizes += _sizes(outcome.messages)
        if screen.cursor.key == "review":
            for button in outcome.messages[-1].buttons:
                first = interview.handle(screen, Choose("review", button.id), today)
                sizes += _sizes(first.messages)
                prompt = first.messages[-1]
                for inner in prompt.buttons:
                    if prompt.key and not inner.nav:
                        second = interview.handle(
                            first.dossier, Choose(prompt.key, inner.id), today
                        )
                        sizes += _sizes(second.messages)
    assert sizes
    assert max(sizes) <= MAX_CALLBACK_DATA


def test_a_long_text_is_split_at_line_boundaries_with_tags_balanced() -> None:
    lines = [f"<b>Ligne {i}</b> : R&amp;D &lt;Réseau&gt; " + "x" * 80 for i in range(120)]
    body = "<blockquote>" + "\n".join(lines) + "</blockquote>\n\nFin."
    parts = split_html(body)
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= MAX_TEXT
        parse_html(part)  # raises on unbalanced tags or bad entities
        assert part.count("<blockquote>") == part.count("</blockquote>")
    assert "".join(parts).count("Ligne") == 120
    assert parts[-1].endswith("Fin.")


def test_a_single_huge_line_is_cut_between_words() -> None:
    body = "<i>" + " ".join(["mot"] * 3000) + "</i>"
    parts = split_html(body)
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= MAX_TEXT
        parse_html(part)


def test_the_keyboard_goes_on_the_last_part_only() -> None:
    message = Message(
        "\n".join("Paragraphe " + "y" * 100 for _ in range(60)),
        key="org.name",
        buttons=(Button("_back", "⬅️ Précédent", nav=True),),
        input="text",
    )
    parts = render(message)
    assert len(parts) > 1
    assert [p.markup is not None for p in parts] == [False] * (len(parts) - 1) + [True]


def test_user_text_arrives_escaped_and_valid_for_telegram() -> None:
    spec = load_shipped_spec("pdc-axe3-2025")
    interview = Interview(spec)
    dossier = Dossier.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))
    dossier.organisation.name = "<Réseau & Cie>"
    dossier.cursor.key = "review"
    messages = interview.show(dossier, dt.date(2026, 11, 25)).messages
    rendered = [part.text for message in messages for part in render(message)]
    assert any("&lt;Réseau &amp; Cie&gt;" in text for text in rendered)
    for text in rendered:
        parse_html(text)


def _prompt(*, multi: bool = False, selected: tuple[str, ...] = ()) -> Message:
    return Message(
        "Quels types de SIAE ?",
        key="plan.o1.0.types",
        buttons=(
            Button("aci", "ACI"),
            Button("ei", "EI"),
            Button("_ok", "Valider", nav=True),
            Button("_back", "Précédent", nav=True),
        ),
        multi=multi,
        selected=selected,
    )


def test_the_answered_question_shows_the_clicked_choice_or_the_ticked_ones() -> None:
    single = keyboard(_prompt())
    assert chosen_label(single, answer_data("plan.o1.0.types", "ei")) == "EI"
    assert chosen_label(single, answer_data("plan.o1.0.types", "_back")) is None
    assert chosen_label(single, answer_data("other.key", "ei")) is None  # not on this message
    ticked = keyboard(_prompt(multi=True, selected=("aci", "ei")))
    assert chosen_label(ticked, answer_data("plan.o1.0.types", "_ok")) == "ACI, EI"


def test_the_shown_answer_is_escaped_and_never_makes_the_message_too_long() -> None:
    answered = with_answer("<b>Nom ?</b>", "<Réseau & Cie>")
    assert answered is not None
    assert answered.endswith("➡️ <b>&lt;Réseau &amp; Cie&gt;</b>")
    parse_html(answered)  # what Telegram accepts
    assert with_answer("x" * (MAX_TEXT - 5), "Oui") is None
