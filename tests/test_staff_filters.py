"""Who is staff (`bot.filters`): the staff group (also after it became a supergroup) and the
users of STAFF_USER_IDS; nobody else, whatever chat they write from."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, Message

from bot.filters import (
    StaffAccess,
    StaffFilter,
    is_staff,
    is_staff_event,
    note_migration,
    resolve_staff_chat,
)
from tests.fakebotapi import FakeBotAPI

STAFF_CHAT = -1001234567890
LISTED = 502


def message(chat_id: int, user_id: int, chat_type: str = "supergroup", **extra: Any) -> Message:
    return Message.model_validate(
        {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat_id, "type": chat_type, "title": "t", "first_name": "f"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Marie"},
            **extra,
        }
    )


def click(chat_id: int, user_id: int) -> CallbackQuery:
    return CallbackQuery.model_validate(
        {
            "id": "1",
            "from": {"id": user_id, "is_bot": False, "first_name": "Marie"},
            "chat_instance": "x",
            "data": "d",
            "message": message(chat_id, 1).model_dump(by_alias=True, exclude_none=True),
        }
    )


def test_staff_are_the_staff_chat_and_the_listed_users() -> None:
    access = StaffAccess.of(STAFF_CHAT, [LISTED])
    assert is_staff(access, chat_id=STAFF_CHAT, user_id=1)  # any member of the staff group
    assert is_staff(access, chat_id=LISTED, user_id=LISTED)  # a listed user, in private
    assert not is_staff(access, chat_id=-100555, user_id=LISTED)  # not in another group
    assert not is_staff(access, chat_id=1001, user_id=1001)  # an applicant in private
    assert not is_staff(access, chat_id=-100555, user_id=1001)  # someone in another group
    assert not is_staff(access, chat_id=None, user_id=None)
    nobody = StaffAccess.of(None)
    assert not is_staff(nobody, chat_id=STAFF_CHAT, user_id=LISTED)


async def test_the_aiogram_filter_checks_messages_and_clicks() -> None:
    access = StaffAccess.of(STAFF_CHAT, [LISTED])
    staff = StaffFilter(access)
    assert await staff(message(STAFF_CHAT, 7))
    assert await staff(message(LISTED, LISTED, "private"))
    assert not await staff(message(1001, 1001, "private"))
    assert not await staff(message(-100555, 1001))
    assert await staff(click(STAFF_CHAT, 7))
    assert not await staff(click(1001, 1001))
    assert is_staff_event(access, click(1001, LISTED))


def test_a_migration_of_the_staff_group_keeps_its_rights_and_no_other_group_gains_any() -> None:
    access = StaffAccess.of(-4001)
    assert not note_migration(access, message(-4002, 777000, "group", migrate_to_chat_id=-100402))
    assert not access.is_staff_chat(-100402), "another group's migration changes nothing"
    assert note_migration(access, message(-4001, 777000, "group", migrate_to_chat_id=-1004001))
    assert access.chat_id == -1004001
    assert access.chat_ids == {-4001, -1004001}
    # The same migration announced from the new side (migrate_from_chat_id) is harmless.
    assert note_migration(access, message(-1004001, 777000, migrate_from_chat_id=-4001))
    assert access.chat_id == -1004001
    assert not note_migration(access, message(-1009, 7, migrate_from_chat_id=-4002))
    assert not access.is_staff_chat(-1009)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


async def test_at_start_up_the_bot_finds_the_staff_groups_new_id(api: FakeBotAPI) -> None:
    api.register_chat(-4001, "group", title="Équipe")
    api.migrate_chat(-4001, -1004001, notify=False)
    bot = Bot(api.token, session=AiohttpSession(api=TelegramAPIServer.from_base(api.base_url)))
    try:
        access = StaffAccess.of(-4001)
        assert await resolve_staff_chat(bot, access) == -1004001
        assert access.is_staff_chat(-1004001)
        unchanged = StaffAccess.of(STAFF_CHAT)
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe")
        assert await resolve_staff_chat(bot, unchanged) == STAFF_CHAT
    finally:
        await bot.session.close()
