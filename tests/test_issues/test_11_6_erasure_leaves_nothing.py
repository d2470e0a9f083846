"""Issue 11, defect 6: erasure leaves nothing, access shows everything, logs quote nobody.

`/supprimer_mes_donnees` used to leave the applicant's question word for word in the FAQ,
`annonce:<update>:<user id>` claims, the staff forum topic named after their organisation and
the ticket posts; SQLAlchemy and pydantic errors printed whole updates (names, texts) in the
logs; staff replies to an erased applicant were dropped silently; `/mes_donnees` left out the
FAQ entries made from their questions, their staff topic, their dates, announcements, the
conversation state.

The first test is the contract, checked from outside as a new applicant would: `aap-bot run`
behind a proxy that serves an error page on getUpdates, its SQLite file locked a while by
another process, then an erasure: afterwards no byte of what the applicant typed is in the
database file (read raw, write-ahead log included) nor in the logs.
"""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiogram.exceptions import ClientDecodeError
from aiogram.methods import GetUpdates
from aiogram.types import Update
from pydantic import ValidationError
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from bot.logs import RedactingFormatter
from tests.bot_support import answer_line, interview_steps, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.staff_support import announce
from tests.test_bot_questions_e2e import ESCALATE, with_button
from tests.test_issues.test_11_1_the_bot_never_dies import BAD_GATEWAY, HOLD_WRITE_LOCK

STAFF = -1001000000001
STAFF_MEMBER = 9001
ORGANISATION = "Quokkazephyr Réseau"
CONTACT = "Ysolde Brindacier"
QUESTION = "Quel est le montant maximum de la subvention pour Wombatrix ?"
BROKEN = "Tartempionnade"  # in an update the bot cannot read
TYPED = (ORGANISATION, CONTACT, "Wombatrix", BROKEN)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


def traces(data: bytes, words: tuple[str, ...] = TYPED) -> list[str]:
    """The words found in raw bytes, as UTF-8 or as JSON escapes them."""
    found = []
    for word in words:
        forms = {word.encode(), json.dumps(word)[1:-1].encode(), word.encode("utf-16-le")}
        if any(form in data for form in forms):
            found.append(word)
    return found


@pytest.mark.slow
@pytest.mark.parametrize("proxy", ["flaky proxy and database", "no fault"])
async def test_an_applicant_erases_everything_even_behind_a_flaky_proxy(
    api: FakeBotAPI, tmp_path: Path, proxy: str
) -> None:
    faults = proxy != "no fault"
    api.make_forum(STAFF, "Équipe DPID")
    if faults:
        api.answer_raw_next("getUpdates", status=502, body=BAD_GATEWAY, times=2)
    bot = await start_bot(api, tmp_path, STAFF_CHAT_ID=str(STAFF))
    try:
        user, sim = FakeUser(api, 5601), Simulator(api)
        await user.send("/start")
        assert "Étape 1/" in texts(await user.wait_reply(timeout=60))
        steps = interview_steps()[1:]
        for line in steps[:5]:
            await answer_line(user, line)

        # The organisation's name is typed while another process holds the database.
        locker = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            HOLD_WRITE_LOCK,
            str(bot.db),
            "7" if faults else "0",
            stdout=subprocess.PIPE,
        )
        assert locker.stdout is not None
        assert await locker.stdout.readline() == b"locked\n"
        await answer_line(user, ORGANISATION)
        await locker.wait()
        for line in steps[6 : steps.index("Marie Dupont")]:  # up to the contact's name
            await answer_line(user, line)
        await answer_line(user, CONTACT)

        # A question handed to the team, answered in the applicant's topic, made a FAQ entry.
        await user.send(f"/question {QUESTION}")
        offer = with_button(await user.wait_reply(timeout=30, count=2), ESCALATE)
        sim.click(user.user_id, offer, label=ESCALATE)
        [post] = await api.wait_for_messages(STAFF, 1, timeout=30)
        thread = post["message_thread_id"]
        assert api.chats[STAFF].topics[thread].name == f"{ORGANISATION} — Marie"
        answer = sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], "Pas de plafond.")
        await api.wait_until(
            lambda: any("Pas de plafond." in (m.get("text") or "") for m in user.messages) or None,
            timeout=30,
        )
        staff_answer = answer["message"]["message_id"]
        sim.user_command(STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=staff_answer)
        # An announcement reaches the applicant; an update the bot cannot read arrives.
        staff = FakeUser(api, STAFF_MEMBER, chat_id=STAFF)
        await announce(staff, "Réunion le 3 décembre")
        await api.wait_until(
            lambda: any("Annonce terminée" in t for t in api.texts(STAFF)) or None, timeout=60
        )
        sim.push({"message": {"message_id": 1, "date": 0, "text": [BROKEN], "chat": "?"}})

        # /mes_donnees: everything held about the applicant.
        await user.send("/mes_donnees")
        await api.wait_until(lambda: user.documents or None, timeout=30)
        held = json.loads(user.documents[-1]["data"])
        assert held["dossiers"][0]["dossier"]["organisation"]["name"] == ORGANISATION
        assert [q["question"] for q in held["questions"]] == [QUESTION]
        assert [f["answer"] for f in held["faq_entries_from_your_questions"]] == ["Pas de plafond."]
        assert [t["name"] for t in held["staff_topics"]] == [f"{ORGANISATION} — Marie"]
        assert [a["status"] for a in held["announcements_received"]] == ["delivered"]
        assert held["account"]["created_at"] and held["account"]["last_seen_at"]
        assert held["current_question"]["key"] == "org.contact_role"
        assert held["questions_delivered"], "which messages carried which question"
        assert "conversation_state" in held and "messages_not_yet_processed" in held

        stored = b"".join(
            path.read_bytes() for path in (bot.db, bot.db.with_name("bot.db-wal")) if path.exists()
        )
        assert ORGANISATION in traces(stored), "the check below reads where the words are"

        # The erasure.
        await user.send("/supprimer_mes_donnees")
        confirm = with_button(await user.wait_reply(timeout=30), "Oui, tout effacer")
        sim.click(user.user_id, confirm, label="Oui, tout effacer")
        await api.wait_until(
            lambda: any("effacées" in (m.get("text") or "") for m in user.messages) or None,
            timeout=30,
        )
        topic = api.chats[STAFF].topics[thread]
        await api.wait_until(lambda: topic.closed or None, timeout=30)
        assert ORGANISATION not in topic.name
        shown = api.get_message(STAFF, post["message_id"])  # as staff see it now
        assert shown is not None and "effacé" in shown["text"]
        assert not traces(f"{shown['text']} {shown['raw_text']}".encode())

        # A staff reply to the erased applicant gets a note; nothing goes to them.
        before = len(user.messages)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], "Autre précision.")
        await api.wait_until(
            lambda: any("effacement de ses données" in t for t in api.texts(STAFF)) or None,
            timeout=30,
        )
        assert len(user.messages) == before
        assert await bot.stop() == 0
    finally:
        if bot.returncode is None:
            await bot.kill()

    files = [bot.db, bot.db.with_name("bot.db-wal")]
    for path in files:
        data = path.read_bytes() if path.exists() else b""
        assert traces(data) == [], f"the applicant's words remain in {path.name}"
    assert traces(bot.log.read_bytes()) == [], "the applicant's words are in the logs"
    engine = create_engine(f"sqlite:///{bot.db}")
    with engine.connect() as connection:
        for table in ("faq_entry", "announcement_recipient", "staff_topic", "ticket"):
            rows = connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            assert rows == 0, table
        claims = connection.execute(
            text("SELECT count(*) FROM processed_event WHERE event_id LIKE :key"),
            {"key": f"%{user.user_id}%"},
        ).scalar_one()
        assert claims == 0
    engine.dispose()


# -- the logs, on their own ----------------------------------------------------------------------


def formatted(error: BaseException) -> str:
    formatter = RedactingFormatter("%(message)s", secrets=[])
    try:
        raise error
    except BaseException:
        record = logging.LogRecord("t", logging.ERROR, __file__, 1, "failed: %s", (error,), None)
        record.exc_info = sys.exc_info()
        return formatter.format(record)


def pydantic_error() -> ValidationError:
    try:
        Update.model_validate({"update_id": 1, "message": {"text": [CONTACT], "chat": CONTACT}})
    except ValidationError as error:
        return error
    raise AssertionError("valid")


@pytest.mark.parametrize(
    "error",
    [
        pydantic_error(),
        IntegrityError("INSERT INTO dossier VALUES (?)", (CONTACT,), Exception(CONTACT)),
        ClientDecodeError("Failed to decode object", ValueError("x"), {"text": CONTACT}),
        ValueError(f"invalid literal for int() with base 10: '{CONTACT}'"),
    ],
    ids=["pydantic", "sqlalchemy", "aiogram-decode", "plain"],
)
def test_a_logged_error_never_quotes_what_the_applicant_typed(error: Any) -> None:
    line = formatted(error)
    assert CONTACT not in line
    assert type(error).__name__ in line and "Traceback" in line, "still useful to a developer"


def test_telegram_and_network_errors_keep_their_message() -> None:
    from aiogram.exceptions import TelegramBadRequest

    line = formatted(TelegramBadRequest(GetUpdates(), "Bad Request: chat not found"))
    assert "chat not found" in line
