"""A setting that does not validate is named in French with what is expected, and the value
of a token, a secret or an address is never echoed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError, model_validator

from app.settings import Settings, settings_problems


def problems_of(**environment: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, **environment)  # type: ignore[call-arg]
    return settings_problems(caught.value)


def test_a_number_out_of_bounds_says_the_bound() -> None:
    assert problems_of(digest_hour="24") == [
        "Réglage DIGEST_HOUR invalide (« 24 ») : au plus 23 attendu."
    ]
    assert problems_of(webhook_read_timeout="0") == [
        "Réglage WEBHOOK_READ_TIMEOUT invalide (« 0 ») : plus de 0 attendu."
    ]


def test_a_word_where_a_number_is_expected_says_so() -> None:
    assert problems_of(max_updates_per_minute="beaucoup") == [
        "Réglage MAX_UPDATES_PER_MINUTE invalide (« beaucoup ») : un nombre entier est attendu."
    ]


def test_an_unknown_choice_lists_the_choices() -> None:
    assert problems_of(event_loop="libuv") == [
        "Réglage EVENT_LOOP invalide (« libuv ») : auto, uvloop ou asyncio attendu."
    ]


def test_a_date_that_is_not_one_asks_for_the_format() -> None:
    expected = "une date AAAA-MM-JJ est attendue."
    assert problems_of(aap_bot_today="demain") == [
        f"Réglage AAP_BOT_TODAY invalide (« demain ») : {expected}"
    ]
    assert problems_of(aap_bot_today="2026-01-01T10:00") == [
        f"Réglage AAP_BOT_TODAY invalide (« 2026-01-01T10:00 ») : {expected}"
    ]


def test_a_typo_in_the_staff_ids_says_what_they_are() -> None:
    assert problems_of(staff_user_ids="1,abc") == [
        "Réglage STAFF_USER_IDS invalide (« 1,abc ») : des identifiants Telegram numériques "
        "séparés par des virgules sont attendus."
    ]


def test_a_long_value_is_shown_short_and_on_one_line() -> None:
    (line,) = problems_of(digest_hour="x" * 100 + "\nsuite")
    assert "\n" not in line
    assert "x" * 59 + "…" in line


def test_every_token_secret_and_address_setting_is_kept_secret() -> None:
    from app.settings import _is_secret

    for name, field in Settings.model_fields.items():
        if "SecretStr" in str(field.annotation) or name.endswith("_url"):
            assert _is_secret(name), name


class _Checked(Settings):
    """A settings class with a check over several settings (its error names no setting)."""

    @model_validator(mode="after")
    def _never(self) -> _Checked:
        raise ValueError(f"refusé : {self.bot_token}")


def test_an_error_that_names_no_setting_shows_no_value() -> None:
    token = "123456789:AAFakeTokenForTests_0123456789abcdefg"
    with pytest.raises(ValidationError) as caught:
        _Checked(_env_file=None, bot_token=token, redis_url="redis://:p@ss@h")  # type: ignore[call-arg]
    lines = settings_problems(caught.value)
    assert lines == ["Réglage ? invalide : valeur refusée."]
