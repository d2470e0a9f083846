"""An applicant's answer walked past about 25 command handlers before the interview's text
handler, each checked by aiogram with its command parsed from the text (issue 14). The bot's
command handlers now refuse a message that cannot be a command before any filter runs
(`bot.filters.skip_commands_for_plain_text`), and every message is routed as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher, F, Router
from aiogram.dispatcher.event.bases import UNHANDLED
from aiogram.filters import Command
from aiogram.types import Message, Update

from app.bootstrap import bootstrap
from app.settings import Settings
from bot.app import build
from bot.filters import run_plain_filters_inline, skip_commands_for_plain_text
from tests.staff_support import fixed_clock

TOKEN = "42:TEST-token-for-routing-only"

SENT = ["bonjour", "/aide", "  /aide svp", "/autre", "   ", "aide /aide"]


def update(update_id: int, text: str | None = None, caption: str | None = None) -> Update:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": 0,
        "chat": {"id": 7, "type": "private", "first_name": "Marie"},
        "from": {"id": 7, "is_bot": False, "first_name": "Marie"},
    }
    if text is not None:
        message["text"] = text
    else:
        message["photo"] = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
        message["caption"] = caption
    return Update.model_validate({"update_id": update_id, "message": message})


def routed(skip: bool) -> tuple[Dispatcher, list[str], list[str]]:
    handled: list[str] = []
    checked: list[str] = []

    def noted(message: Message) -> bool:
        checked.append(message.text or message.caption or "")
        return True

    router = Router()

    @router.message(noted, Command("aide"))
    async def helped(message: Message) -> None:
        handled.append(f"aide {message.text or message.caption}")

    @router.message(F.text)
    async def answered(message: Message) -> None:
        handled.append(f"texte {message.text}")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    run_plain_filters_inline(dispatcher)
    if skip:
        assert skip_commands_for_plain_text(dispatcher) == 1
        assert skip_commands_for_plain_text(dispatcher) == 0  # done once, not wrapped twice
    return dispatcher, handled, checked


async def play(dispatcher: Dispatcher) -> list[bool]:
    results = []
    async with Bot(TOKEN) as bot:
        for number, text in enumerate(SENT, start=1):
            results.append(await dispatcher.feed_update(bot, update(number, text)) is UNHANDLED)
        for number, caption in enumerate(["/aide", "photo /aide", None], start=100):
            results.append(
                await dispatcher.feed_update(bot, update(number, caption=caption)) is UNHANDLED
            )
    return results


async def test_a_plain_text_meets_no_filter_of_a_command_handler() -> None:
    dispatcher, _, checked = routed(skip=True)
    await play(dispatcher)
    assert "bonjour" not in checked
    assert checked == ["/aide", "  /aide svp", "/autre", "/aide"]


async def test_every_message_is_routed_as_before() -> None:
    before, handled_before, _ = routed(skip=False)
    after, handled_after, _ = routed(skip=True)
    assert await play(after) == await play(before)
    assert handled_after == handled_before
    assert handled_after == [
        "texte bonjour",
        "aide /aide",
        "aide   /aide svp",  # (spaces before the command: a command for aiogram)
        "texte /autre",
        "texte    ",
        "texte aide /aide",
        "aide /aide",  # a photo's caption
    ]


def test_the_bots_command_handlers_all_skip_plain_text(tmp_path: Path) -> None:
    settings = Settings(
        _env_file=None,
        bot_token=TOKEN,
        telegram_api_url="http://127.0.0.1:9",
        database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        staff_chat_id=-100123,
    )
    dispatcher = build(bootstrap(settings, clock=fixed_clock())).dispatcher
    commands = 0
    routers: list[Router] = [dispatcher]
    while routers:
        router = routers.pop()
        routers.extend(router.sub_routers)
        for observer in router.observers.values():
            for handler in observer.handlers:
                if any(isinstance(f.callback, Command) for f in handler.filters or ()):
                    commands += 1
                    assert getattr(handler.check, "skips_plain_text", False), handler.callback
    assert commands > 20
    assert skip_commands_for_plain_text(dispatcher) == 0
