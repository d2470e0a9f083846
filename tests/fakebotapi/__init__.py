"""The project's own fake Telegram Bot API server for end-to-end tests and benchmarks.

See ``server`` (the HTTP server and its records), ``client`` (simulated users), ``html_check``
(Telegram's HTML parse mode) and ``echo_bot`` (a minimal aiogram bot, the benchmark's floor).
"""

from tests.fakebotapi.client import FakeUser, Simulator, make_user
from tests.fakebotapi.html_check import HTMLParseError, parse_html
from tests.fakebotapi.server import (
    DEFAULT_TOKEN,
    ApiError,
    Call,
    CallRecord,
    FakeBotAPI,
    FakeBotAPIThread,
    UpdateRecord,
)

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "Call",
    "CallRecord",
    "FakeBotAPI",
    "FakeBotAPIThread",
    "FakeUser",
    "HTMLParseError",
    "Simulator",
    "UpdateRecord",
    "make_user",
    "parse_html",
]
