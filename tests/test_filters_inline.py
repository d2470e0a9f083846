"""aiogram runs a plain (not async) filter in a worker thread; the bot's filters run on the
event loop instead (`bot.filters.run_plain_filters_inline`), and still route the same."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, F, Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message, Update

from app.bootstrap import bootstrap
from app.settings import Settings
from bot.app import build
from bot.filters import run_plain_filters_inline
from tests.staff_support import fixed_clock

TOKEN = "42:TEST-token-for-routing-only"


class Asking(StatesGroup):
    question = State()


def update(text: str | None, update_id: int = 1) -> Update:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": 7, "type": "private", "first_name": "Marie"},
        "from": {"id": 7, "is_bot": False, "first_name": "Marie"},
    }
    if text is not None:
        message["text"] = text
    else:
        message["sticker"] = {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
        }
    return Update.model_validate({"update_id": update_id, "message": message})


def routed_dispatcher(threads: list[int]) -> tuple[Dispatcher, list[str]]:
    """A router whose filters are a magic filter, a `State`, a lambda and a plain function
    that notes the thread it runs on."""
    handled: list[str] = []

    def noted(message: Message) -> bool:
        threads.append(threading.get_ident())
        return True

    router = Router()
    router.message.filter(F.chat.type == "private", noted)

    @router.message(Asking.question)
    async def asked(message: Message) -> None:
        handled.append(f"asked {message.text}")

    @router.message(F.text, lambda message: not message.text.startswith("/"))
    async def answered(message: Message) -> None:
        handled.append(f"text {message.text}")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    return dispatcher, handled


def plain_filters(dispatcher: Dispatcher) -> list[object]:
    found: list[object] = []
    routers: list[Router] = [dispatcher]
    while routers:
        router = routers.pop()
        routers.extend(router.sub_routers)
        for observer in router.observers.values():
            for handler in (observer._handler, *observer.handlers):
                found += [f.callback for f in handler.filters or () if not f.awaitable]
    return found


async def test_plain_filters_left_to_aiogram_run_in_another_thread() -> None:
    """What the change is for: without it, each plain filter is a hop to a worker thread."""
    threads: list[int] = []
    dispatcher, handled = routed_dispatcher(threads)
    async with Bot(TOKEN) as bot:
        await dispatcher.feed_update(bot, update("bonjour"))
    assert handled == ["text bonjour"]
    assert threads and threads[0] != threading.get_ident()


async def test_inline_filters_run_on_the_loop_and_route_as_before() -> None:
    threads: list[int] = []
    dispatcher, handled = routed_dispatcher(threads)
    # The router's two filters, the State, the magic filter and the lambda.
    assert run_plain_filters_inline(dispatcher) == 5
    assert plain_filters(dispatcher) == []
    async with Bot(TOKEN) as bot:
        assert await dispatcher.feed_update(bot, update("bonjour", 1)) is not UNHANDLED
        assert await dispatcher.feed_update(bot, update("/commande", 2)) is UNHANDLED
        assert await dispatcher.feed_update(bot, update(None, 3)) is UNHANDLED
    assert handled == ["text bonjour"]
    assert set(threads) == {threading.get_ident()}
    assert run_plain_filters_inline(dispatcher) == 0  # done once, not wrapped twice


def test_the_bots_dispatcher_has_no_filter_left_for_a_worker_thread(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        staff_chat_id=-100123,
    )
    telegram = build(bootstrap(settings, clock=fixed_clock()))
    assert plain_filters(telegram.dispatcher) == []
