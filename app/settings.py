"""All settings, read from the environment and `.env` (pydantic-settings). See `.env.example`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from app.event_loop import LoopChoice
from dialogs.spec import DEFAULT_CALL_ID

DEFAULT_DATABASE_URL = "sqlite:///data/aap-bot.db"
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,80}$")
WEBHOOK_SECRET_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
#: Settings whose value is never echoed: tokens, secrets, and URLs (which may hold a password).
SECRET_NAME = re.compile(r"TOKEN|SECRET|URL|PASSWORD|KEY|DSN")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    call_id: str = DEFAULT_CALL_ID
    call_file: Path | None = Field(
        default=None, description="A call spec file (YAML) to serve instead of CALL_ID"
    )
    aap_bot_today: dt.date | None = Field(
        default=None, description="Fixed date for demos and tests; the system clock otherwise"
    )
    drafts_dir: Path = Path("out")
    log_level: str = "INFO"

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    staff_chat_id: int | None = None
    staff_user_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    redis_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_path: str = "/telegram/webhook"
    # Seconds a webhook client has to send its request's headers, then its body.
    webhook_read_timeout: float = Field(default=10.0, gt=0, le=300)
    max_concurrent_updates: int = Field(default=32, ge=1, le=1000)
    # The bot's asyncio event loop: uvloop where it is installed (Linux, macOS), else the
    # standard one; "asyncio" forces the standard loop.
    event_loop: LoopChoice = "auto"
    digest_hour: int = Field(default=9, ge=0, le=23)
    heartbeat_file: Path | None = None

    # The staff's web console (off unless CONSOLE_URL is set): the address staff open, e.g.
    # https://aap.example.org/console (its path is where the console is served), and where
    # this process listens for it (a reverse proxy adds HTTPS in front).
    console_url: str | None = None
    console_host: str = "127.0.0.1"
    console_port: int = Field(default=8081, ge=1, le=65535)

    # Quotas per applicant (0: no limit), each with a polite French message when reached.
    max_updates_per_minute: int = Field(default=60, ge=0)
    max_dossiers_per_day: int = Field(default=10, ge=0)
    max_escalations_per_hour: int = Field(default=5, ge=0)
    max_user_backlog: int = Field(default=50, ge=1, le=10_000)

    @field_validator("staff_user_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in re.split(r"[,\s]+", value.strip()) if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator(
        "staff_chat_id",
        "redis_url",
        "webhook_url",
        "call_file",
        "heartbeat_file",
        "console_url",
        mode="before",
    )
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        return None if value == "" else value


def console_url_problem(url: str | None) -> str | None:
    """Why CONSOLE_URL cannot be used (an http(s) address, nothing after the path), or None."""
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return "not an http(s) address"
    if parts.query or parts.fragment:
        return "has a query or a fragment"
    return None


def token_problem(token: SecretStr | None) -> str | None:
    """Why a bot token cannot be used (never echoing it), or None when it looks right."""
    if token is None or not token.get_secret_value().strip():
        return "missing"
    if not TOKEN_PATTERN.match(token.get_secret_value().strip()):
        return "malformed"
    return None


def webhook_secret_problem(secret: SecretStr | None) -> str | None:
    """Why a webhook secret cannot be used (Telegram: 1-256 of A-Za-z0-9_-), or None."""
    if secret is None or not secret.get_secret_value():
        return "missing"
    if not WEBHOOK_SECRET_PATTERN.match(secret.get_secret_value()):
        return "malformed"
    return None


def settings_problems(error: ValidationError) -> list[str]:
    """One French line per setting that does not validate: its name as written in the
    environment or `.env`, the value given (short, on one line; never a secret's) and what
    is expected. An error that names no setting of ours shows no value at all (its input
    may be every setting at once, the token included)."""
    lines = []
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else ""
        known = field in Settings.model_fields
        name = field.upper() if field else "?"
        secret = not known or _is_secret(field)
        given = problem.get("input")
        shown = "" if secret or not isinstance(given, str | int) else f" (« {_short(given)} »)"
        expected = (
            "valeur refusée"
            if secret and problem["type"] not in _FRENCH
            else _expected(field, problem["type"], problem.get("ctx") or {}, problem["msg"])
        )
        lines.append(f"Réglage {name} invalide{shown} : {expected}.")
    return lines


def _is_secret(field: str) -> bool:
    """Tokens, secrets and addresses (which may hold a password): by their type or name."""
    annotation = str(Settings.model_fields[field].annotation)
    return "SecretStr" in annotation or bool(SECRET_NAME.search(field.upper()))


def _short(value: str | int) -> str:
    text = str(value).replace("\n", "\\n").replace("\r", "\\r")
    return text if len(text) <= 60 else text[:59] + "…"


_FRENCH = {
    "int_parsing": "un nombre entier est attendu",
    "int_from_float": "un nombre entier est attendu",
    "float_parsing": "un nombre est attendu",
    "bool_parsing": "true ou false est attendu",
    "date_from_datetime_parsing": "une date AAAA-MM-JJ est attendue",
    "date_from_datetime_inexact": "une date AAAA-MM-JJ est attendue",
    "date_parsing": "une date AAAA-MM-JJ est attendue",
}
_BOUNDS = {
    "greater_than_equal": ("au moins", "ge"),
    "greater_than": ("plus de", "gt"),
    "less_than_equal": ("au plus", "le"),
    "less_than": ("moins de", "lt"),
}


def _expected(field: str, kind: str, ctx: dict[str, Any], message: str) -> str:
    """What a setting should be, in French, for pydantic's usual error kinds (its own
    English message otherwise)."""
    if field == "staff_user_ids":
        return "des identifiants Telegram numériques séparés par des virgules sont attendus"
    if kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", " ou ")
        return f"{choices} attendu"
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        bound = ctx.get(key)
        return f"{words} {bound:g} attendu" if isinstance(bound, int | float) else message
    return _FRENCH.get(kind, message)
