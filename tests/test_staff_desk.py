"""Tickets reach the staff group even after it became a supergroup (a new chat id)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiogram import Bot

from bot.filters import StaffAccess
from bot.handlers.staff_relay import StaffDesk
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import SupportService
from storage.repository import SqlStore
from tests.bot_support import bot_client
from tests.fakebotapi import FakeBotAPI
from tests.test_support_service import UNANSWERED, Clock, asked_id, fake_finder

OLD, NEW = -4101, -1004101
ALICE = "telegram:1001"


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with bot_client(api) as client:
        yield client


async def test_a_ticket_follows_the_staff_group_that_became_a_supergroup(
    api: FakeBotAPI, bot: Bot, store: SqlStore
) -> None:
    api.register_chat(OLD, "group", title="Équipe")
    api.migrate_chat(OLD, NEW, notify=False)  # the bot has not seen the service message
    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=Clock(),
        finder=fake_finder,
    )
    access = StaffAccess.of(OLD)
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None

    posted = await StaffDesk(support, access).post(bot, escalation.posting)

    assert posted is not None
    assert access.chat_id == NEW and access.is_staff_chat(NEW)
    [post] = api.sent_messages(NEW)
    assert UNANSWERED in post["text"] and post["message_id"] == posted
    assert support.ticket_of_staff_message(NEW, posted) == escalation.posting.ticket.id
