"""The staff console in this process, for its tests: the aiohttp application on a database
holding several dossiers and tickets (`tests.staff_support`), a clock the test moves, and
sign-in as the bot would hand it out (`sign_in`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiohttp.test_utils import TestClient, TestServer

from app.bootstrap import App, bootstrap
from app.settings import Settings
from bot.filters import StaffAccess
from bot.handlers.staff_relay import StaffDesk
from console.web import COOKIE, ConsoleDeps, console_app
from dialogs.console import StaffMember
from dialogs.support import FoundAnswer
from tests.bot_support import bot_client
from tests.fakebotapi import FakeBotAPI
from tests.staff_support import Population, fixed_clock, populate

if TYPE_CHECKING:
    from aiogram import Bot

STAFF = StaffMember(501, "Claire Martin")
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class MovingClock:
    def __init__(self, start: dt.datetime) -> None:
        self.instant = start

    def now(self) -> dt.datetime:
        return self.instant

    def advance(self, **delta: float) -> None:
        self.instant += dt.timedelta(**delta)


def no_answer(question: str, faq: object) -> FoundAnswer:
    return FoundAnswer("", "", 0.0, confident=False)


@dataclass
class ConsoleBench:
    app: App
    client: TestClient
    clock: MovingClock
    population: Population
    tickets: list[int]

    async def sign_in(self, staff: StaffMember = STAFF) -> str:
        """A session as a staff member opening the bot's link: its CSRF token."""
        token = self.app.console.issue_link(staff)
        opened = await self.client.post(
            "/console/connexion", data={"jeton": token}, allow_redirects=False
        )
        assert opened.status == 303, await opened.text()
        page = await self.client.get("/console/dossiers")
        found = CSRF.search(await page.text())
        assert found is not None
        return found.group(1)

    def session_cookie(self) -> str | None:
        cookie = self.client.session.cookie_jar.filter_cookies(self.client.make_url("/console/"))
        morsel = cookie.get(COOKIE)
        return None if morsel is None else morsel.value


def add_tickets(app: App) -> list[int]:
    now = fixed_clock().instant
    with app.store.transaction() as repo:
        dossiers = {s.owner: s.id for s in repo.list_dossiers()}
        made = []
        for owner, question in (
            ("telegram:1002", "Les frais de déplacement sont-ils éligibles ?"),
            ("telegram:1005", "Peut-on déposer deux dossiers ?"),
        ):
            ticket = repo.add_ticket(
                owner=owner,
                dossier_id=dossiers[owner],
                asked_question_id=None,
                question=question,
                at=now - dt.timedelta(hours=2),
            )
            repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text=question, at=now)
            made.append(ticket.id)
    return made


@asynccontextmanager
async def console_bench(
    database_url: str,
    *,
    url: str = "http://127.0.0.1/console",
    api: FakeBotAPI | None = None,
    staff_chat: int | None = None,
) -> AsyncIterator[ConsoleBench]:
    """With `api`, the console relays through a bot talking to that fake Bot API, and tells
    the staff group `staff_chat` (when given) what was done, as `aap-bot run` wires it."""
    async with AsyncExitStack() as stack:
        bot = None if api is None else await stack.enter_async_context(bot_client(api))
        async with _console_bench(database_url, url, bot, staff_chat) as made:
            yield made


@asynccontextmanager
async def _console_bench(
    database_url: str, url: str, bot: Bot | None, staff_chat: int | None
) -> AsyncIterator[ConsoleBench]:
    settings = Settings(_env_file=None, database_url=database_url)
    clock = MovingClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC))
    app = bootstrap(settings, clock=fixed_clock(), finder=no_answer, console_clock=clock)
    population = populate(app.store, drafts=False)
    tickets = add_tickets(app)
    deps = ConsoleDeps(
        console=app.console,
        dossiers=app.console_dossiers,
        staff=app.staff,
        support=app.support,
        announcer=app.announcer,
        bot=bot,
        url=url,
        desk=None if staff_chat is None else StaffDesk(app.support, StaffAccess.of(staff_chat)),
    )
    client = TestClient(TestServer(console_app(deps)))
    await client.start_server()
    try:
        yield ConsoleBench(app, client, clock, population, tickets)
    finally:
        await client.close()
        app.close()
