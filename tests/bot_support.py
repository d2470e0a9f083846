"""Helpers shared by the bot's end-to-end tests and benchmarks: the bot as a subprocess.

`start_bot` runs `python -m app.cli run` against a `FakeBotAPI` with its own SQLite file;
`answer_line` plays one line of a scripted conversation like a user (a click when a button
says it, else the text); `BotProcess` reads the bot's database (journal, update statuses).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.fakebotapi import FakeBotAPI, FakeUser

if TYPE_CHECKING:
    from aiogram import Bot

ROOT = Path(__file__).resolve().parent.parent
CONVERSATION = ROOT / "examples" / "conversations" / "candidature-complete.txt"


@dataclass
class BotProcess:
    process: asyncio.subprocess.Process
    log: Path
    db: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:  # noqa: ASYNC109
        if self.process.returncode is None:
            self.process.send_signal(sig)
        return await asyncio.wait_for(self.process.wait(), timeout)

    async def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is flushed."""
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()

    def query(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        """Read the bot's SQLite database (WAL: readers do not block the bot)."""
        connection = sqlite3.connect(self.db, timeout=10)
        try:
            return list(connection.execute(sql, params))
        finally:
            connection.close()

    def journal(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in self.query("SELECT key, value FROM answer_journal ORDER BY id")]

    def update_status(self, update_id: int) -> str | None:
        if not self.db.exists():
            return None
        rows = self.query("SELECT status FROM telegram_update WHERE update_id = ?", update_id)
        return str(rows[0][0]) if rows else None


@asynccontextmanager
async def bot_client(api: FakeBotAPI, *, html: bool = True) -> AsyncIterator[Bot]:
    """An aiogram `Bot` in this process talking to `api` over HTTP (HTML parse mode by
    default, as `aap-bot run` sends); its session is closed on exit."""
    from aiogram import Bot  # aiogram is slow to import: only for the tests that need it
    from aiogram.client.default import DefaultBotProperties
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.client.telegram import TelegramAPIServer
    from aiogram.enums import ParseMode

    session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
    default = DefaultBotProperties(parse_mode=ParseMode.HTML) if html else None
    client = Bot(api.token, session=session, default=default)
    try:
        yield client
    finally:
        await client.session.close()


def bot_env(api: FakeBotAPI, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "TELEGRAM_"))}
    env.update(
        BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.base_url,
        DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}",
        AAP_BOT_TODAY="2026-11-25",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="DEBUG",
        # Scripted users answer at machine speed: the per-minute quota is not for them.
        MAX_UPDATES_PER_MINUTE="0",
    )
    env.update(extra)
    return env


async def start_bot(api: FakeBotAPI, tmp_path: Path, name: str = "bot", **extra: str) -> BotProcess:
    log = tmp_path / f"{name}.log"
    with log.open("wb") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "app.cli",
            "run",
            cwd=tmp_path,
            env=bot_env(api, tmp_path, **extra),
            stdout=sink,
            stderr=asyncio.subprocess.STDOUT,
        )
    return BotProcess(process, log, tmp_path / "bot.db")


#: A fork server: imports what `aap-bot run` imports (aiogram alone builds ~300 pydantic models:
#: seconds of CPU), then forks one `aap-bot run` per "start <log>" line (printing its pid) and
#: reaps one per "wait <pid>" line (printing its exit code). The children run the same code as
#: a cold `python -m app.cli run`; only the import cost is paid once, before.
_FORK_SERVER = """
import os, sys
import aiogram, app.bootstrap, bot.app, drafts, knowledge.answering
from app.cli import main
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "wait":
        _, status = os.waitpid(int(argument), 0)
        print(os.waitstatus_to_exitcode(status), flush=True)
        continue
    pid = os.fork()
    if pid == 0:
        log = os.open(argument, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        sys.argv = ["aap-bot", "run"]
        code = 1
        try:
            main()
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    print(pid, flush=True)
"""


class ForkServer:
    """Starts bots in a fraction of a second: crash tests restart the bot dozens of times."""

    def __init__(self, process: asyncio.subprocess.Process, tmp_path: Path) -> None:
        self.process = process
        self.tmp_path = tmp_path
        self._lock = asyncio.Lock()

    @classmethod
    async def spawn(cls, api: FakeBotAPI, tmp_path: Path, **extra: str) -> ForkServer:
        with (tmp_path / "fork-server.log").open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                _FORK_SERVER,
                cwd=tmp_path,
                env=bot_env(api, tmp_path, OPENBLAS_NUM_THREADS="1", **extra),
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=sink,
            )
        return cls(process, tmp_path)

    async def _ask(self, line: str) -> int:
        assert self.process.stdin is not None and self.process.stdout is not None
        async with self._lock:
            self.process.stdin.write(line.encode() + b"\n")
            await self.process.stdin.drain()
            answer = await self.process.stdout.readline()
        if not answer:
            raise RuntimeError(
                f"fork server died: {(self.tmp_path / 'fork-server.log').read_text()}"
            )
        return int(answer)

    async def start(self, name: str) -> ForkedBot:
        log = self.tmp_path / f"{name}.log"
        pid = await self._ask(f"start {log}")
        return ForkedBot(self, pid, log, self.tmp_path / "bot.db")

    async def close(self) -> None:
        if self.process.returncode is None:
            self.process.kill()
        await self.process.wait()


class ForkedBot(BotProcess):
    """A bot forked by a `ForkServer`: same interface as `BotProcess`."""

    def __init__(self, server: ForkServer, pid: int, log: Path, db: Path) -> None:
        self.server, self.pid, self.log, self.db = server, pid, log, db
        self.code: int | None = None

    @property
    def returncode(self) -> int | None:
        return self.code

    async def _signal(self, sig: int) -> int:
        if self.code is None:
            os.kill(self.pid, sig)
            self.code = await self.server._ask(f"wait {self.pid}")
        return self.code

    async def stop(self, sig: int = signal.SIGTERM, timeout: float = 20) -> int:  # noqa: ASYNC109
        return await asyncio.wait_for(self._signal(sig), timeout)

    async def kill(self) -> None:
        await self._signal(signal.SIGKILL)


def interview_steps() -> list[str]:
    """The scripted interview: /start, then each line of the complete conversation."""
    return ["/start", *CONVERSATION.read_text(encoding="utf-8").splitlines()]


def texts(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(m.get("text") or m.get("caption") or "") for m in replies)


def choices(message: dict[str, object]) -> list[dict[str, str]]:
    """The answer buttons of a prompt (navigation buttons, whose data ends in `|_…`, left out)."""
    markup = message.get("reply_markup") or {}
    assert isinstance(markup, dict)
    rows = markup.get("inline_keyboard", [])
    buttons = [b for row in rows for b in row]
    return [b for b in buttons if str(b.get("callback_data", "")).split("|")[-1][:1] != "_"]


def action_for(user: FakeUser, line: str) -> tuple[str, str]:
    """How a user plays `line`: ("click", label) when a button of a single-choice prompt says
    it (or the line is its number), else ("send", line): a line answering a multiple choice
    is typed (a click there would only tick one option)."""
    keyboard = user.keyboard_message()
    options = choices(keyboard) if keyboard else []
    is_multi = keyboard is not None and any(
        str(b.get("callback_data", "")).endswith("|_ok")
        for row in keyboard["reply_markup"]["inline_keyboard"]
        for b in row
    )
    if is_multi:
        return "send", line
    labels = {b["text"].casefold(): b["text"] for b in options}
    if line.casefold() in labels:
        return "click", labels[line.casefold()]
    if line.isdigit() and 1 <= int(line) <= len(options):
        return "click", options[int(line) - 1]["text"]
    return "send", line


async def perform(user: FakeUser, action: str, value: str) -> dict[str, Any]:
    """Push the update for an action (no waiting); returns the update."""
    if action == "click":
        return await user.click(value)
    return await user.send(value)


async def act(
    user: FakeUser,
    action: str,
    value: str,
    timeout: float = 30,  # noqa: ASYNC109
    settle: float = 0.2,
) -> list[dict[str, Any]]:
    """Send a text or click a button, then wait for the next prompt: a message with a
    keyboard, new or edited (a clicked question is edited into the next one)."""
    before = {m["message_id"]: (m.get("raw_text"), m.get("reply_markup")) for m in user.messages}
    await perform(user, action, value)

    def prompt() -> bool | None:
        return (
            any(
                m.get("reply_markup")
                and not m.get("deleted")
                and before.get(m["message_id"]) != (m.get("raw_text"), m.get("reply_markup"))
                for m in user.messages
            )
            or None
        )

    await user.api.wait_until(prompt, timeout=timeout, chat_id=user.chat_id)
    return await user.wait_reply(timeout=timeout, settle=settle)


async def answer_line(user: FakeUser, line: str) -> list[dict[str, Any]]:
    """One line of a scripted conversation: a click when a button says it, else the text."""
    return await act(user, *action_for(user, line))
