"""A setting that does not validate is named in French with what is expected, and the value
of a token, a secret or a URL is never echoed."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from app.settings import Settings, settings_problems


def problems_of(**environment: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **environment)  # type: ignore[arg-type]
    return settings_problems(caught.value)


def test_a_number_out_of_bounds_says_the_bound() -> None:
    assert problems_of(digest_hour="24") == [
        "Réglage DIGEST_HOUR invalide (« 24 ») : au plus 23 attendu."
    ]


def test_a_word_where_a_number_is_expected_says_so() -> None:
    assert problems_of(max_updates_per_minute="beaucoup") == [
        "Réglage MAX_UPDATES_PER_MINUTE invalide (« beaucoup ») : un nombre entier est attendu."
    ]


def test_an_unknown_choice_lists_the_choices() -> None:
    assert problems_of(event_loop="libuv") == [
        "Réglage EVENT_LOOP invalide (« libuv ») : valeurs possibles : "
        "'auto', 'uvloop' ou 'asyncio'."
    ]


def test_a_date_that_is_not_one_asks_for_the_format() -> None:
    assert problems_of(aap_bot_today="demain") == [
        "Réglage AAP_BOT_TODAY invalide (« demain ») : une date AAAA-MM-JJ est attendue."
    ]


class _WithSecrets(BaseModel):
    redis_url: int
    webhook_secret: int


def test_a_url_or_a_secret_is_never_echoed() -> None:
    with pytest.raises(ValidationError) as caught:
        _WithSecrets(redis_url="redis://:p@ss@host", webhook_secret="s3cret")  # type: ignore[arg-type]
    lines = settings_problems(caught.value)
    assert lines == [
        "Réglage REDIS_URL invalide : un nombre entier est attendu.",
        "Réglage WEBHOOK_SECRET invalide : un nombre entier est attendu.",
    ]
