"""`aap-bot run` with a staff group, as a separate process against the fake Bot API: the staff
command menu is the staff chat's alone, staff commands answer there, and the daily digest task
does not hold up a clean stop."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.spec import DEFAULT_CALL_ID
from storage.repository import SqlStore
from tests.bot_support import start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.staff_support import announce

pytestmark = pytest.mark.slow

STAFF_CHAT = -1001234567890
STAFF_COMMANDS = {
    *("tickets", "repondre", "ecrire", "clore", "faq", "faq_liste", "faq_modifier"),
    "faq_question",
    "faq_supprimer",
    *("dossiers", "dossier", "export", "stats", "annonce", "console", "aide"),
}


async def test_run_gives_the_staff_chat_its_menu_and_answers_staff_commands(
    tmp_path: Path,
) -> None:
    async with FakeBotAPI() as api:
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        bot = await start_bot(api, tmp_path, STAFF_CHAT_ID=str(STAFF_CHAT), DIGEST_HOUR="9")
        try:
            applicant = FakeUser(api, 1001)
            await applicant.send("/start")
            await applicant.wait_reply(timeout=30)
            staff = FakeUser(api, 501, chat_id=STAFF_CHAT)
            await staff.send("/stats")
            assert "Dossiers commencés : 1" in texts(await staff.wait_reply(timeout=30))

            menus = {
                json.loads(scope)["type"]: commands for (scope, _), commands in api.commands.items()
            }
            applicants_menu = {c["command"] for c in menus["default"]}
            assert applicants_menu and not applicants_menu & {
                "tickets",
                "export",
                "stats",
                "annonce",
            }
            scoped = [
                (json.loads(scope), {c["command"] for c in commands})
                for (scope, _), commands in api.commands.items()
                if json.loads(scope)["type"] == "chat"
            ]
            assert scoped == [({"type": "chat", "chat_id": STAFF_CHAT}, STAFF_COMMANDS)]
            assert "next digest at 2026-11-26T08:00:00+00:00" in bot.output()
            assert await bot.stop(signal.SIGTERM, timeout=20) == 0
        finally:
            await bot.kill()


async def test_an_announcement_cut_by_a_crash_goes_on_after_restart_never_twice(
    tmp_path: Path,
) -> None:
    applicants = range(20_000, 20_120)
    store = SqlStore(f"sqlite:///{tmp_path / 'bot.db'}")
    with store.transaction() as repo:
        for chat_id in applicants:
            owner = f"telegram:{chat_id}"
            repo.upsert_user(owner=owner, chat_id=chat_id, seen_at=dt.datetime.now(dt.UTC))
            repo.add_dossier(owner=owner, dossier=Dossier(call_id=DEFAULT_CALL_ID))
    store.dispose()
    text = "Nouvelle date limite : 15 janvier"

    def received() -> dict[int, int]:
        return {
            chat_id: sum(text in m.get("text", "") for m in api.sent_messages(chat_id))
            for chat_id in applicants
        }

    async with FakeBotAPI() as api:
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        env = {"STAFF_CHAT_ID": str(STAFF_CHAT)}
        first = await start_bot(api, tmp_path, "first", **env)
        try:
            staff = FakeUser(api, 501, chat_id=STAFF_CHAT)
            await announce(staff, text)
            await api.wait_until(lambda: sum(received().values()) >= 30 or None, timeout=60)
        finally:
            await first.kill()  # SIGKILL in the middle of the announcement
        before = received()
        assert 30 <= sum(before.values()) < len(applicants)
        second = await start_bot(api, tmp_path, "second", **env)
        try:
            await api.wait_until(
                lambda: any("Annonce terminée" in t for t in api.texts(STAFF_CHAT)) or None,
                timeout=60,
            )
        finally:
            await second.kill()
    after = received()
    assert max(after.values()) == 1, "nobody got it twice"
    lost = [chat_id for chat_id, count in after.items() if count == 0]
    assert len(lost) <= 4, "at most the messages in flight at the crash (one per sender)"
    # The report covers both runs: the messages on their way at the crash (received or not:
    # unknown, never resent) are counted apart, every other applicant got it.
    report = api.texts(STAFF_CHAT)[-1]
    delivered = int(re.search(r"Remise : (\d+)", report).group(1))  # type: ignore[union-attr]
    interrupted = re.search(r"non renvoyée pour ne pas doubler\) : (\d+)", report)
    in_flight = int(interrupted.group(1)) if interrupted else 0
    assert len(lost) <= in_flight <= 4
    assert delivered + in_flight == len(applicants)
    assert delivered == sum(after.values()) - (in_flight - len(lost))
    assert "L’envoi a repris après une interruption du bot" in report
