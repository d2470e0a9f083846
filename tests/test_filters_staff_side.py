"""An applicant's answer used to walk through the four staff routers (the console link,
announcements, staff tools, the relay) and about twenty of their handlers, `staff_answer`
run then skipped, before reaching the interview (issue 14). The staff routers now sit under
one router (`bot.filters.staff_side`) whose filter an applicant's text or click fails at
once; commands, the staff chat's messages and the staff's buttons still reach them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.types import Update

from app.bootstrap import bootstrap
from app.settings import Settings
from bot.app import build
from tests.staff_support import fixed_clock

TOKEN = "42:TEST-token-for-routing-only"
STAFF_CHAT = -100123
LISTED = 502
APPLICANT = 7
STAFF_ROUTERS = {"console", "staff_announce", "staff_tools", "staff_relay"}


def routers(router: Router) -> Iterator[Router]:
    yield router
    for sub in router.sub_routers:
        yield from routers(sub)


@pytest.fixture
def dispatcher_seen(tmp_path: Path) -> tuple[Dispatcher, list[str]]:
    """The bot's dispatcher, each handler's check replaced by a note of its router's name
    (and a refusal: no handler runs, so nothing needs the network)."""
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        staff_chat_id=STAFF_CHAT,
        staff_user_ids=[LISTED],
    )
    dispatcher = build(bootstrap(settings, clock=fixed_clock())).dispatcher
    seen: list[str] = []
    for router in routers(dispatcher):
        if router is dispatcher:  # (its own handler feeds the routers)
            continue
        for observer in router.observers.values():
            for handler in observer.handlers:

                async def refused(
                    event: object, name: str = router.name, **kwargs: Any
                ) -> tuple[bool, dict[str, Any]]:
                    seen.append(name)
                    return False, kwargs

                handler.check = refused  # type: ignore[method-assign]
    return dispatcher, seen


def message(text: str, *, chat_id: int = APPLICANT, user_id: int = APPLICANT) -> Update:
    chat_type = "private" if chat_id > 0 else "supergroup"
    return Update.model_validate(
        {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": chat_id, "type": chat_type, "first_name": "Marie", "title": "t"},
                "from": {"id": user_id, "is_bot": False, "first_name": "Marie"},
                "text": text,
            },
        }
    )


def click(data: str, *, chat_id: int = APPLICANT, user_id: int = APPLICANT) -> Update:
    chat_type = "private" if chat_id > 0 else "supergroup"
    return Update.model_validate(
        {
            "update_id": 2,
            "callback_query": {
                "id": "q",
                "chat_instance": "c",
                "from": {"id": user_id, "is_bot": False, "first_name": "Marie"},
                "data": data,
                "message": {
                    "message_id": 5,
                    "date": 0,
                    "chat": {"id": chat_id, "type": chat_type, "first_name": "M", "title": "t"},
                    "from": {"id": 42, "is_bot": True, "first_name": "Bot"},
                    "text": "Votre choix ?",
                },
            },
        }
    )


async def reached(dispatcher_seen: tuple[Dispatcher, list[str]], update: Update) -> set[str]:
    dispatcher, seen = dispatcher_seen
    seen.clear()
    async with Bot(TOKEN) as bot:
        assert await dispatcher.feed_update(bot, update) is UNHANDLED
    return set(seen)


async def test_an_applicants_answer_and_click_skip_the_staff_routers(
    dispatcher_seen: tuple[Dispatcher, list[str]],
) -> None:
    typed = await reached(dispatcher_seen, message("Inser'Réseau 62"))
    assert not typed & STAFF_ROUTERS, typed
    assert "interview" in typed, "the answer still reaches the interview"
    clicked = await reached(dispatcher_seen, click("a|3|oui"))
    assert not clicked & STAFF_ROUTERS, clicked
    assert "interview" in clicked


async def test_commands_the_staff_chat_and_staff_buttons_still_reach_the_staff_routers(
    dispatcher_seen: tuple[Dispatcher, list[str]],
) -> None:
    # an applicant's /console (refused there), a listed user's /dossiers in private
    assert "console" in await reached(dispatcher_seen, message("/console"))
    assert "staff_tools" in await reached(
        dispatcher_seen, message("  /dossiers", chat_id=LISTED, user_id=LISTED)
    )
    # a reply typed in the staff group, a message in another group
    assert "staff_relay" in await reached(dispatcher_seen, message("Bonjour", chat_id=STAFF_CHAT))
    assert "staff_relay" in await reached(dispatcher_seen, message("Salut", chat_id=-100999))
    # the staff's buttons: a page of dossiers in private, a ticket closed in the group
    assert "staff_tools" in await reached(
        dispatcher_seen, click("dp:10:x", chat_id=LISTED, user_id=LISTED)
    )
    staff_click = await reached(dispatcher_seen, click("clore:4", chat_id=STAFF_CHAT))
    assert "staff_relay" in staff_click


async def test_a_staff_handler_for_plain_private_messages_keeps_receiving_them() -> None:
    # Were a staff router to gain a handler neither a command nor marked `staff_chat_only`
    # (say, a file a listed officer sends the bot privately), the filter would hide that
    # handler's messages without an error: `staff_side` then lets every message through.
    from bot.filters import StaffAccess, staff_side

    officers = Router(name="officers")
    got: list[str] = []

    @officers.message()
    async def anything(message: Any) -> None:
        got.append(message.text)

    side = staff_side(StaffAccess.of(STAFF_CHAT, [LISTED]), officers)
    dispatcher = Dispatcher()
    dispatcher.include_router(side)
    async with Bot(TOKEN) as bot:
        await dispatcher.feed_update(bot, message("un fichier privé", chat_id=LISTED))
    assert got == ["un fichier privé"]
