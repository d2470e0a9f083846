"""A minimal aiogram 3 echo bot: the framework's floor for the load benchmark.

``python -m tests.fakebotapi.echo_bot --api http://127.0.0.1:PORT --token T``

Long polling, one handler that echoes text back (no parse mode), nothing else. It prints
``ready`` on stdout once polling starts and stops cleanly on SIGTERM/SIGINT.

``--fair DB`` makes it do per update the Bot API and storage work our bot does, so that CPU
per answer compares like with like: each text or click is written to a SQLite file (one
committed insert, WAL), a text gets an HTML reply with an inline keyboard and the previous
"question" loses its keyboard (two requests: sendMessage, editMessageReplyMarkup, as our bot
takes the buttons off the question a text answered), a click is answered and its message
edited into the next "question", with a keyboard (two requests: answerCallbackQuery,
editMessageText), as our bot edits a clicked prompt.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import logging
import sqlite3
from pathlib import Path
from typing import get_args

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from app.event_loop import LoopChoice, loop_factory

KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[
        [InlineKeyboardButton(text=label, callback_data=f"echo|{label}")]
        for label in ("Oui", "Non", "Je ne sais pas")
    ]
)


def build_dispatcher(fair_db: Path | None = None) -> Dispatcher:
    dp = Dispatcher()
    if fair_db is not None:
        _fair_handlers(dp, fair_db)
        return dp

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "", parse_mode=None)

    @dp.startup()
    async def ready() -> None:
        print("ready", flush=True)

    return dp


def _fair_handlers(dp: Dispatcher, db: Path) -> None:
    connection = sqlite3.connect(db, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS answer (user_id INTEGER, value TEXT)")

    def record(user_id: int, value: str) -> None:
        with connection:
            connection.execute("INSERT INTO answer VALUES (?, ?)", (user_id, value))

    asked: dict[int, int] = {}  # chat → the message carrying its current "question"

    @dp.message(F.text)
    async def answered(message: Message, bot: Bot) -> None:
        text = message.text or ""
        record(message.chat.id, text)
        sent = await message.answer(
            f"<b>Reçu</b> : {html.escape(text)}\n<i>Question suivante ?</i>",
            parse_mode="HTML",
            reply_markup=KEYBOARD,
        )
        previous, asked[message.chat.id] = asked.get(message.chat.id), sent.message_id
        if previous is not None:
            await bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=previous, reply_markup=None
            )

    @dp.callback_query()
    async def clicked(query: CallbackQuery) -> None:
        value = (query.data or "").partition("|")[2]
        record(query.from_user.id, value)
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.edit_text(
                f"<b>Choisi</b> : {html.escape(value)}\n<i>Question n° {query.id} ?</i>",
                parse_mode="HTML",
                reply_markup=KEYBOARD,
            )

    @dp.startup()
    async def ready() -> None:
        print("ready", flush=True)


async def run(api: str, token: str, polling_timeout: int, fair_db: Path | None = None) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api))
    bot = Bot(token, session=session)
    await build_dispatcher(fair_db).start_polling(bot, polling_timeout=polling_timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description="aiogram echo bot for benchmarks")
    parser.add_argument("--api", required=True, help="Bot API base URL")
    parser.add_argument("--token", required=True)
    parser.add_argument("--polling-timeout", type=int, default=10)
    parser.add_argument("--log-level", default="WARNING")
    parser.add_argument(
        "--fair", type=Path, default=None, help="SQLite file: do our bot's work per update"
    )
    parser.add_argument(
        "--loop",
        choices=get_args(LoopChoice),
        default="auto",
        help="event loop, chosen as our bot's EVENT_LOOP (auto: uvloop where installed)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level)
    new_loop, _ = loop_factory(args.loop)
    with asyncio.Runner(loop_factory=new_loop) as runner:
        runner.run(run(args.api, args.token, args.polling_timeout, args.fair))


if __name__ == "__main__":
    main()
