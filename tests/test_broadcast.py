"""Announcements (`bot.broadcast`): each applicant once, at most 25 messages a second, 429s
waited out, blocked applicants counted and remembered.

The big test sends /annonce from the staff group to 500 applicants through the bot (polling
in this process) against the fake Bot API, with 429s and a refusal injected, and measures the
rate from the fake server's own records of the calls.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.exceptions import (
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.methods import SendMessage

from app.bootstrap import App, bootstrap
from app.settings import Settings
from bot.app import build
from bot.broadcast import RATE_PER_SECOND, WORKERS, broadcast, rate_limiter
from dialogs.dossier import Dossier
from dialogs.spec import DEFAULT_CALL_ID
from dialogs.staff import Applicant
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.staff_support import announce, fixed_clock

STAFF_CHAT = -1001234567890
FIRST_APPLICANT = 10_000
APPLICANTS = 500
BLOCKED = {FIRST_APPLICANT + n for n in (3, 77, 250, 499)}
LIMITED = {FIRST_APPLICANT + 10: 2, FIRST_APPLICANT + 300: 1}  # chat -> 429s before it works
GONE = FIRST_APPLICANT + 123  # "chat not found": fails, never retried
TEXT = "Réunion d’information le 3 décembre à 14 h"


def max_in_one_second(timestamps: list[float]) -> int:
    """The most calls in any window [t, t + 1 s)."""
    ordered = sorted(timestamps)
    most, start = 0, 0
    for end, moment in enumerate(ordered):
        while moment - ordered[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def add_applicants(app: App, count: int) -> None:
    now = fixed_clock().instant
    with app.store.transaction() as repo:
        for chat_id in range(FIRST_APPLICANT, FIRST_APPLICANT + count):
            owner = f"telegram:{chat_id}"
            repo.upsert_user(owner=owner, chat_id=chat_id, seen_at=now)
            repo.add_dossier(owner=owner, dossier=Dossier(call_id=DEFAULT_CALL_ID))


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.mark.slow
async def test_an_announcement_to_500_applicants_respects_the_rate_and_survives_429s(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
    settings = Settings(
        _env_file=None,
        bot_token=api.token,
        telegram_api_url=api.base_url,
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        staff_chat_id=STAFF_CHAT,
    )
    app = bootstrap(settings, clock=fixed_clock())
    await asyncio.to_thread(add_applicants, app, APPLICANTS)
    for chat_id in BLOCKED:
        api.block_user(chat_id)
    for chat_id, times in LIMITED.items():
        api.fail_next(
            "sendMessage",
            error_code=429,
            description="Too Many Requests: retry after 1",
            parameters={"retry_after": 1},
            times=times,
            chat_id=chat_id,
        )
    api.fail_next(
        "sendMessage", error_code=400, description="Bad Request: chat not found", chat_id=GONE
    )
    telegram = build(app, polling_timeout=1)
    stop = asyncio.Event()
    polling = asyncio.create_task(telegram.poller.run(stop))
    staff = FakeUser(api, 501, chat_id=STAFF_CHAT)
    try:
        started = time.monotonic()
        await announce(staff, TEXT)
        await api.wait_until(
            lambda: any("Annonce terminée" in m.get("text", "") for m in staff.messages) or None,
            timeout=120,
        )
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        await polling
        await telegram.close()

    # Every applicant who can receive it got it exactly once.
    expected = set(range(FIRST_APPLICANT, FIRST_APPLICANT + APPLICANTS)) - BLOCKED - {GONE}
    for chat_id in range(FIRST_APPLICANT, FIRST_APPLICANT + APPLICANTS):
        received = [m for m in api.sent_messages(chat_id) if TEXT in m.get("text", "")]
        assert len(received) == (1 if chat_id in expected else 0), chat_id

    # The report.
    report = staff.messages[-1]["text"]
    assert f"({APPLICANTS} candidats)" in report
    assert f"Remise : {len(expected)}" in report
    assert "Échec : 1" in report
    assert f"Bot bloqué par le candidat : {len(BLOCKED)}" in report

    # The rate, as the server saw the calls (429s and refusals count too).
    sends = api.calls_of("sendMessage")
    assert max_in_one_second([c.timestamp for c in sends]) <= RATE_PER_SECOND
    assert elapsed >= APPLICANTS / RATE_PER_SECOND

    # After a 429, every sender waited retry_after: only requests already on their way (one
    # per other sender at most) reached the server during the pause.
    for index, call in enumerate(sends):
        if call.status == 429:
            during = [c for c in sends[index + 1 :] if c.timestamp - call.timestamp < 0.95]
            assert len(during) <= WORKERS - 1, [c.timestamp - call.timestamp for c in during]

    # 429s were retried: the limited chats got their message after 2 and 1 refusals.
    for chat_id, times in LIMITED.items():
        statuses = [c.status for c in sends if c.chat_id == chat_id]
        assert statuses == [429] * times + [200], chat_id

    # Blocked applicants are remembered, so the next announcement skips them.
    with app.store.transaction() as repo:
        for chat_id in BLOCKED:
            user = repo.get_user(f"telegram:{chat_id}")
            assert user is not None and user.blocked, chat_id
    assert len(app.staff.applicants()) == APPLICANTS - len(BLOCKED)
    app.close()


# -- the broadcaster alone, with a fake sender ---------------------------------------------------


def _applicants(count: int) -> list[Applicant]:
    return [Applicant(f"telegram:{n}", n) for n in range(1, count + 1)]


async def test_a_429_pauses_every_sender_then_the_same_message_goes_once() -> None:
    method = SendMessage(chat_id=1, text="x")
    sent: list[tuple[int, float]] = []
    refused = {2: 1}  # chat 2: one 429

    async def send(chat_id: int, text: str) -> None:
        if refused.get(chat_id):
            refused[chat_id] -= 1
            raise TelegramRetryAfter(method=method, message="Too Many Requests", retry_after=1)
        sent.append((chat_id, time.monotonic()))

    blocked: list[Applicant] = []

    async def on_blocked(applicant: Applicant) -> None:
        blocked.append(applicant)

    start = time.monotonic()
    report = await broadcast(
        _applicants(6), "x", send=send, on_blocked=on_blocked, limiter=rate_limiter(100)
    )
    assert sorted(chat for chat, _ in sent) == [1, 2, 3, 4, 5, 6]
    assert (report.total, report.delivered, report.failed, report.blocked) == (6, 6, 0, 0)
    after_pause = [moment for chat, moment in sent if chat == 2]
    assert after_pause[0] - start >= 1.0, "the refused message waited retry_after"
    assert blocked == []


async def test_blocked_failed_and_duplicate_recipients_are_counted_and_never_resent() -> None:
    method = SendMessage(chat_id=1, text="x")
    calls: list[int] = []

    async def send(chat_id: int, text: str) -> None:
        calls.append(chat_id)
        if chat_id == 2:
            raise TelegramForbiddenError(method=method, message="bot was blocked by the user")
        if chat_id == 3:
            raise TelegramNetworkError(method=method, message="timeout")  # sent or not: unknown

    blocked: list[str] = []

    async def on_blocked(applicant: Applicant) -> None:
        blocked.append(applicant.owner)

    recipients = [*_applicants(4), Applicant("telegram:1", 1)]  # chat 1 listed twice
    report = await broadcast(
        recipients, "x", send=send, on_blocked=on_blocked, limiter=rate_limiter(100)
    )
    assert sorted(calls) == [1, 2, 3, 4], "one attempt each, the unknown outcome not retried"
    assert (report.total, report.delivered, report.failed, report.blocked) == (4, 2, 1, 1)
    assert blocked == ["telegram:2"]


async def test_an_applicant_still_refused_after_every_attempt_counts_as_failed() -> None:
    method = SendMessage(chat_id=1, text="x")
    attempts: list[int] = []

    async def send(chat_id: int, text: str) -> None:
        attempts.append(chat_id)
        raise TelegramRetryAfter(method=method, message="Too Many Requests", retry_after=0)

    async def no_sleep(seconds: float) -> None:
        await asyncio.sleep(0)

    async def on_blocked(applicant: Applicant) -> None:
        raise AssertionError("not blocked")

    report = await broadcast(
        _applicants(1),
        "x",
        send=send,
        on_blocked=on_blocked,
        limiter=rate_limiter(1000),
        max_attempts=3,
        sleep=no_sleep,
    )
    assert attempts == [1, 1, 1]
    assert (report.delivered, report.failed) == (0, 1)


def test_the_rate_window_counts_calls_within_one_second() -> None:
    assert max_in_one_second([0.0, 0.5, 0.99, 1.0, 1.5]) == 3
    assert max_in_one_second([0.04 * n for n in range(26)]) == 25
    assert max_in_one_second([]) == 0
