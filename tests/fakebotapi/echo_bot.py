"""A minimal aiogram 3 echo bot: the framework's floor for the load benchmark.

``python -m tests.fakebotapi.echo_bot --api http://127.0.0.1:PORT --token T``

Long polling, one handler that echoes text back (no parse mode), nothing else. It prints
``ready`` on stdout once polling starts and stops cleanly on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import logging

from aiogram import Bot, Dispatcher, F
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import Message


def build_dispatcher() -> Dispatcher:
    dp = Dispatcher()

    @dp.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "", parse_mode=None)

    @dp.startup()
    async def ready() -> None:
        print("ready", flush=True)

    return dp


async def run(api: str, token: str, polling_timeout: int) -> None:
    session = AiohttpSession(api=TelegramAPIServer.from_base(api))
    bot = Bot(token, session=session)
    await build_dispatcher().start_polling(bot, polling_timeout=polling_timeout)


def main() -> None:
    parser = argparse.ArgumentParser(description="aiogram echo bot for benchmarks")
    parser.add_argument("--api", required=True, help="Bot API base URL")
    parser.add_argument("--token", required=True)
    parser.add_argument("--polling-timeout", type=int, default=10)
    parser.add_argument("--log-level", default="WARNING")
    args = parser.parse_args()
    logging.basicConfig(level=args.log_level)
    asyncio.run(run(args.api, args.token, args.polling_timeout))


if __name__ == "__main__":
    main()
