"""`/console` in Telegram: a one-time link for staff, sent to their private chat only; a
refusal and no link for anyone else. The bot runs in this process (`bot.app.build`) against
the fake Bot API."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.bootstrap import App, bootstrap
from app.settings import Settings
from bot.app import build
from tests.console_support import no_answer
from tests.fakebotapi import FakeBotAPI, FakeUser

pytestmark = pytest.mark.slow

STAFF_CHAT = -1001234567890
OTHER_GROUP = -1009876543210
STAFF_MEMBER = 501  # a member of the staff group
STAFF_USER = 502  # listed in STAFF_USER_IDS
OUTSIDER = 1002
LINK = re.compile(r"https://aap\.example/console/connexion\?jeton=([\w-]+)")


@dataclass
class Bench:
    api: FakeBotAPI
    app: App

    def links(self, chat_id: int) -> list[str]:
        return [m.group(1) for t in self.api.texts(chat_id) for m in LINK.finditer(t)]

    def every_link(self) -> list[str]:
        return [
            m.group(1)
            for call in self.api.sent_messages()
            for m in LINK.finditer(call.get("text", ""))
        ]


async def bench_for(tmp_path: Path, console_url: str | None) -> AsyncIterator[Bench]:
    async with FakeBotAPI() as api:
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        settings = Settings(
            _env_file=None,
            bot_token=api.token,
            telegram_api_url=api.base_url,
            database_url=f"sqlite:///{tmp_path / 'bot.db'}",
            staff_chat_id=STAFF_CHAT,
            staff_user_ids=[STAFF_USER],
            console_url=console_url,
        )
        app = bootstrap(settings, finder=no_answer, channel="telegram")
        telegram = build(app, polling_timeout=1)
        stop = asyncio.Event()
        polling = asyncio.create_task(telegram.poller.run(stop))
        try:
            yield Bench(api, app)
        finally:
            stop.set()
            await polling
            await telegram.close()
            app.close()


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[Bench]:
    async for made in bench_for(tmp_path, "https://aap.example/console"):
        yield made


async def test_a_staff_member_in_the_group_gets_the_link_privately_never_in_the_group(
    bench: Bench,
) -> None:
    staff = FakeUser(bench.api, STAFF_MEMBER, chat_id=STAFF_CHAT, first_name="Claire")
    await staff.send("/console")
    replies = await staff.wait_reply(timeout=30)
    assert "envoyé votre lien de connexion à la console en message privé" in replies[-1]["text"]
    assert bench.links(STAFF_CHAT) == []
    [token] = bench.links(STAFF_MEMBER)
    assert "valable 10 minutes" in bench.api.texts(STAFF_MEMBER)[-1]
    assert bench.app.console.open_session(token) is not None, "the link opens the console"


async def test_a_listed_staff_user_gets_the_link_in_their_private_chat(bench: Bench) -> None:
    staff = FakeUser(bench.api, STAFF_USER, first_name="Paul")
    await staff.send("/console")
    await staff.wait_reply(timeout=30)
    [token] = bench.links(STAFF_USER)
    opened = bench.app.console.open_session(token)
    assert opened is not None and opened.session.staff.user_id == STAFF_USER


async def test_a_member_who_never_opened_a_private_chat_is_told_how(bench: Bench) -> None:
    bench.api.block_user(STAFF_MEMBER)  # Telegram: 403, the bot cannot write first
    staff = FakeUser(bench.api, STAFF_MEMBER, chat_id=STAFF_CHAT)
    await staff.send("/console")
    replies = await staff.wait_reply(timeout=30)
    assert "ouvrez une conversation privée avec moi" in replies[-1]["text"]
    assert bench.every_link() == []


async def test_anyone_else_never_gets_a_link(bench: Bench) -> None:
    outsider = FakeUser(bench.api, OUTSIDER)
    await outsider.send("/console")
    replies = await outsider.wait_reply(timeout=30)
    assert "réservée à l’équipe du Département" in replies[-1]["text"]
    elsewhere = FakeUser(bench.api, STAFF_MEMBER, chat_id=OTHER_GROUP)  # staff, wrong group
    await elsewhere.send("/console")
    replies = await elsewhere.wait_reply(timeout=30)
    assert "réservée à l’équipe du Département" in replies[-1]["text"]
    assert bench.every_link() == []
    with bench.app.store.transaction() as repo:
        assert repo.audit_entries(limit=10) == []


async def test_without_console_url_staff_are_told_it_is_off(tmp_path: Path) -> None:
    async for bench in bench_for(tmp_path, None):
        staff = FakeUser(bench.api, STAFF_USER)
        await staff.send("/console")
        replies = await staff.wait_reply(timeout=30)
        assert "n’est pas activée" in replies[-1]["text"]


async def test_a_group_member_not_listed_asking_privately_is_told_to_use_the_group(
    bench: Bench,
) -> None:
    """Tester's report: a Département officer in the staff group, not in STAFF_USER_IDS, sent
    /console in private as the login page said, and got a bare refusal with no way forward."""
    officer = FakeUser(bench.api, STAFF_MEMBER, first_name="Claire")
    await officer.send("/console")
    refusal = (await officer.wait_reply(timeout=30))[-1]["text"]
    assert "réservée à l’équipe du Département" in refusal
    assert "envoyez /console dans le groupe de l’équipe" in refusal
    assert "STAFF_USER_IDS" in refusal and str(STAFF_MEMBER) in refusal
    assert bench.every_link() == []
    in_group = FakeUser(bench.api, STAFF_MEMBER, chat_id=STAFF_CHAT, first_name="Claire")
    await in_group.send("/console")  # what the refusal told her to do
    await in_group.wait_reply(timeout=30)
    assert len(bench.links(STAFF_MEMBER)) == 1
