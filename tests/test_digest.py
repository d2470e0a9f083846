"""The daily digest of open tickets (`bot.digest`): when it runs, what it says, and sending it
to the staff group through the fake Bot API."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from dataclasses import dataclass

import pytest
from aiogram import Bot

from bot.digest import digest_html, is_working_day, next_run, run_digest, send_digest
from bot.filters import StaffAccess
from dialogs.staff import PARIS
from tests.bot_support import bot_client
from tests.fakebotapi import FakeBotAPI

UTC = dt.UTC
STAFF_CHAT = -1001234567890


def paris(
    year: int, month: int, day: int, hour: int, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=PARIS)


@dataclass(frozen=True)
class FakeTicket:
    id: int
    organisation: str | None
    question: str
    created_at: dt.datetime
    applicant: str = "Utilisateur Telegram 1001"
    link: str | None = None
    owner: str = "telegram:1001"
    dossier_id: int | None = None
    eligible: bool | None = None


@dataclass
class FakeTickets:
    tickets: list[FakeTicket]

    def open_tickets(self) -> list[FakeTicket]:
        return list(self.tickets)


@dataclass
class Clock:
    instant: dt.datetime

    def now(self) -> dt.datetime:
        return self.instant


class RunningClock:
    """A clock that starts at a chosen instant and runs in real time."""

    def __init__(self, start: dt.datetime) -> None:
        self.start, self.origin = start, time.monotonic()

    def now(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self.origin)


# -- when ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # Wednesday 25 November 2026, before nine: the same morning (08:00 UTC in winter).
        (paris(2026, 11, 25, 8, 59), paris(2026, 11, 25, 9)),
        # At nine exactly, the digest was due: the next one is tomorrow.
        (paris(2026, 11, 25, 9), paris(2026, 11, 26, 9)),
        # Friday afternoon: Monday.
        (paris(2026, 11, 27, 15), paris(2026, 11, 30, 9)),
        # Saturday: Monday.
        (paris(2026, 11, 28, 8), paris(2026, 11, 30, 9)),
        # Tuesday 10 November: Wednesday 11 is Armistice Day, so Thursday.
        (paris(2026, 11, 10, 10), paris(2026, 11, 12, 9)),
        # Christmas Eve afternoon: 25 is a holiday, then the weekend: Monday 28.
        (paris(2026, 12, 24, 12), paris(2026, 12, 28, 9)),
        # Whit Monday 25 May 2026 and Ascension Thursday 14 May are holidays.
        (paris(2026, 5, 22, 10), paris(2026, 5, 26, 9)),
        (paris(2026, 5, 13, 10), paris(2026, 5, 15, 9)),
        # Summer time: nine in Paris is 07:00 UTC (and Monday 13 July, then the 14th off).
        (paris(2026, 7, 13, 10), paris(2026, 7, 15, 9)),
        # Across the switch to summer time (Sunday 29 March 2026).
        (paris(2026, 3, 27, 10), paris(2026, 3, 30, 9)),
    ],
)
def test_the_next_digest_is_the_next_working_day_at_the_set_hour_in_paris(
    after: dt.datetime, expected: dt.datetime
) -> None:
    due = next_run(after.astimezone(UTC), 9)
    assert due == expected
    assert due.tzinfo is UTC


def test_summer_and_winter_nine_oclock_in_utc() -> None:
    assert next_run(dt.datetime(2026, 7, 15, 0, 0, tzinfo=UTC), 9).hour == 7
    assert next_run(dt.datetime(2026, 12, 2, 0, 0, tzinfo=UTC), 9).hour == 8
    assert next_run(dt.datetime(2026, 12, 2, 0, 0, tzinfo=UTC), 17).hour == 16


def test_working_days_are_weekdays_that_are_not_french_public_holidays() -> None:
    assert is_working_day(dt.date(2026, 11, 25))
    assert not is_working_day(dt.date(2026, 11, 28))  # Saturday
    assert not is_working_day(dt.date(2026, 11, 29))  # Sunday
    assert not is_working_day(dt.date(2027, 1, 1))  # New Year's Day, a Friday
    assert not is_working_day(dt.date(2026, 4, 6))  # Easter Monday


# -- what ---------------------------------------------------------------------------------------

NOW = dt.datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
TICKETS = [
    FakeTicket(
        7, "Réseau <Côte> & Opale", "Le bénévolat est-il valorisable ?", NOW - dt.timedelta(hours=5)
    ),
    FakeTicket(
        3,
        None,
        "Peut-on déposer deux dossiers ?",
        NOW - dt.timedelta(days=2, hours=3),
        applicant="Marie <Dupont> (@mdupont)",
        link="tg://user?id=2003",
        owner="telegram:2003",
    ),
]


def test_the_digest_lists_open_tickets_oldest_first_with_their_age() -> None:
    body = digest_html(TICKETS, NOW)
    assert body is not None
    assert "Demandes en attente de réponse : 2" in body
    assert body.index("n° 3") < body.index("n° 7"), "oldest first"
    assert (
        'organisme non renseigné — <a href="tg://user?id=2003">Marie &lt;Dupont&gt; (@mdupont)</a>'
        " — depuis 2 j" in body
    ), "who asked, with a link to them"
    assert "Réseau &lt;Côte&gt; &amp; Opale — Utilisateur Telegram 1001 — depuis 5 h" in body


def test_the_digest_names_each_question_s_dossier_so_officers_can_open_it() -> None:
    """An officer reads the digest at nine and wants the dossier behind a question: its
    number, as /tickets gives it, for « /dossier 12 » (the question's own number, 3, is
    another dossier's)."""
    asked = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    tickets = [
        FakeTicket(3, "Inser'Réseau 62", "Les bénévoles comptent-ils ?", asked, dossier_id=12),
        FakeTicket(4, None, "Et sans SIRET ?", asked, dossier_id=15, eligible=False),
        FakeTicket(5, None, "Bonjour ?", asked),
    ]
    body = digest_html(tickets, NOW)
    assert body is not None
    assert "<b>question n° 3</b> — dossier n° 12 — Inser&#39;Réseau 62" in body
    assert (
        "<b>question n° 4</b> — dossier n° 15 (⛔ non éligible) — organisme non renseigné" in body
    )
    assert "<b>question n° 5</b> — sans dossier — " in body
    assert "« /dossier N » montre le dossier" in body


def test_no_open_ticket_means_no_digest() -> None:
    assert digest_html([], NOW) is None


# -- sending ------------------------------------------------------------------------------------


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        server.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        yield server


@pytest.fixture
async def bot(api: FakeBotAPI) -> AsyncIterator[Bot]:
    async with bot_client(api) as client:
        yield client


async def test_the_digest_goes_to_the_staff_group_once_a_day_between_instances(
    api: FakeBotAPI, bot: Bot
) -> None:
    access = StaffAccess.of(STAFF_CHAT)
    claimed: set[str] = set()

    def claim(key: str) -> bool:
        if key in claimed:
            return False
        claimed.add(key)
        return True

    clock = Clock(NOW)
    tickets = FakeTickets(TICKETS)
    assert await send_digest(bot, access, tickets, clock, claim=claim)
    assert not await send_digest(bot, access, tickets, clock, claim=claim), "the other instance"
    texts = api.texts(STAFF_CHAT)
    assert len(texts) == 1
    assert "Demandes en attente de réponse : 2" in texts[0]
    assert "Réseau <Côte> & Opale — Utilisateur Telegram 1001 — depuis 5 h" in texts[0]
    assert claimed == {"digest:2026-11-25"}


async def test_a_wake_up_a_little_before_midnight_claims_the_day_it_was_due(
    api: FakeBotAPI, bot: Bot
) -> None:
    """DIGEST_HOUR=0: the task may wake a few ms early, still on the previous day's clock."""
    claimed: list[str] = []
    due = dt.datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # 00:00 on the 26th in Paris
    early = Clock(due - dt.timedelta(milliseconds=5))
    sent = await send_digest(
        bot,
        StaffAccess.of(STAFF_CHAT),
        FakeTickets(TICKETS),
        early,
        claim=lambda key: claimed.append(key) is None,
        due=due,
    )
    assert sent
    assert claimed == ["digest:2026-11-26"]


async def test_the_digest_is_noted_as_showing_its_applicants_for_their_erasure(
    api: FakeBotAPI, bot: Bot
) -> None:
    """An applicant who erases their data later gets the digest that quoted them blanked."""
    noted: list[tuple[int, list[int], list[str], str]] = []

    class Posts:
        def record_staff_posts(
            self,
            chat_id: int,
            message_ids: Sequence[int],
            owners: Iterable[str],
            kind: str,
            replacing: bool = False,
        ) -> bool:
            noted.append((chat_id, list(message_ids), list(owners), kind))
            return False

    assert await send_digest(
        bot, StaffAccess.of(STAFF_CHAT), FakeTickets(TICKETS), Clock(NOW), posts=Posts()
    )
    [sent] = api.sent_messages(STAFF_CHAT)
    assert noted == [
        (STAFF_CHAT, [sent["message_id"]], ["telegram:1001", "telegram:2003"], "listing")
    ]


async def test_no_digest_is_sent_without_open_tickets(api: FakeBotAPI, bot: Bot) -> None:
    sent = await send_digest(bot, StaffAccess.of(STAFF_CHAT), FakeTickets([]), Clock(NOW))
    assert not sent
    assert api.call_count("sendMessage") == 0


async def test_the_digest_follows_the_staff_group_when_it_became_a_supergroup(
    api: FakeBotAPI, bot: Bot
) -> None:
    old, new = -4001, -1004001
    api.register_chat(old, "group", title="Équipe")
    api.migrate_chat(old, new, notify=False)
    access = StaffAccess.of(old)
    assert await send_digest(bot, access, FakeTickets(TICKETS), Clock(NOW))
    assert access.chat_id == new
    assert len(api.texts(new)) == 1


async def test_the_daily_task_sleeps_until_nine_then_sends_and_stops_promptly(
    api: FakeBotAPI, bot: Bot
) -> None:
    # Friday 27 November 2026, 08:59:59.5 in Paris: the digest is due in half a second.
    clock = RunningClock(paris(2026, 11, 27, 8, 59, 59).astimezone(UTC) + dt.timedelta(seconds=0.5))
    stop = asyncio.Event()
    task = asyncio.create_task(
        run_digest(bot, StaffAccess.of(STAFF_CHAT), FakeTickets(TICKETS), clock, hour=9, stop=stop)
    )
    await api.wait_for_messages(STAFF_CHAT, 1, timeout=10)
    moment = clock.now()
    assert moment >= paris(2026, 11, 27, 9), "not before nine"
    await asyncio.sleep(0.3)
    assert len(api.texts(STAFF_CHAT)) == 1, "once: the next one is on Monday"
    stop.set()
    await asyncio.wait_for(task, timeout=2)
