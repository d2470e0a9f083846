"""What keeps one answer cheap under load (`bench/bench_bot_load.py`), without changing behaviour:
one statement per step on the answer's path, an ORM copy never stale after such a statement,
no Alembic when the database is at head, the question plan computed once per state, and
button clicks received whatever `allowed_updates` a previous program left for the token."""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher, Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from sqlalchemy import Engine, event
from sqlmodel import select

import dialogs.engine as engine_module
from app.clock import FixedClock
from bot.polling import Poller
from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Choose, Command, Text
from dialogs.plan import plan_questions
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from storage.db import at_head, head_revisions, make_engine, migrate
from storage.models import AnswerRow, DossierRow
from storage.repository import SqlStore
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.support import TODAY

OWNER = "telegram:4242"
T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqlStore]:
    store = SqlStore(f"sqlite:///{tmp_path / 'load.db'}")
    try:
        yield store
    finally:
        store.dispose()


def _statements(engine: Engine) -> list[str]:
    seen: list[str] = []

    def record(*args: Any) -> None:
        statement = str(args[2])
        if not statement.lstrip().upper().startswith(("PRAGMA", "BEGIN")):
            seen.append(" ".join(statement.split()[:3]))

    event.listen(engine, "before_cursor_execute", record)
    return seen


def test_an_accepted_click_costs_one_statement_per_step(sqlite_store: SqlStore) -> None:
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=sqlite_store,
        clock=FixedClock.on(TODAY),
    )
    service.handle(OWNER, Command("start"), chat_id=4242, event_id="tg:1")
    shown = service.handle(OWNER, Choose("welcome", "start"), chat_id=4242, event_id="tg:2")
    prompt = shown.messages[-1]
    assert prompt.key == "elig.type" and prompt.buttons
    seen = _statements(sqlite_store.engine)
    reply = service.handle(
        OWNER, Choose(prompt.key, prompt.buttons[0].id), chat_id=4242, event_id="tg:3"
    )
    assert reply.accepted is not None
    # Mark the user seen, read the dossier (with its version, for the plan kept for it), claim
    # the update, note the question now asked (its revision: an answer is tied to its
    # question), save, the staff summary of the version saved, journal: nothing re-read.
    assert seen == [
        "INSERT INTO app_user",
        "SELECT dossier.owner, dossier.data",
        "INSERT INTO processed_event",
        "INSERT INTO prompt_pose",
        "UPDATE dossier SET",
        "INSERT INTO dossier_summary",
        "INSERT INTO answer_journal",
    ]


def test_a_typed_answer_reads_its_dossier_its_question_and_the_one_its_message_saw_at_once(
    sqlite_store: SqlStore,
) -> None:
    """A typed answer is tied to the question delivered before its message (a text written
    for an older question is not recorded): the dossier, the question asked now and the
    one that message saw are read in one statement, instead of the dossier, then the
    question noted again, then the delivery apart; and the question the answer leads to is
    noted once."""
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=sqlite_store,
        clock=FixedClock.on(TODAY),
    )
    service.handle(OWNER, Command("start"), chat_id=4242, event_id="tg:1")
    service.handle(OWNER, Choose("welcome", "start"), chat_id=4242, event_id="tg:2")
    shown = service.handle(
        OWNER, Choose("elig.type", "network_departmental"), chat_id=4242, event_id="tg:3"
    )
    asked = shown.messages[-1].key
    assert shown.revision is not None and asked is not None and asked.startswith("elig.")
    service.delivered(OWNER, shown.revision, 10)
    full: list[str] = []
    event.listen(sqlite_store.engine, "before_cursor_execute", lambda *a: full.append(str(a[2])))
    seen = _statements(sqlite_store.engine)
    reply = service.handle(
        OWNER, Text("oui"), chat_id=4242, event_id="tg:4", message_id=11, received=4
    )
    assert reply.accepted == (asked, True) and reply.revision == shown.revision + 1
    assert seen == [
        "INSERT INTO app_user",
        "SELECT dossier.owner, dossier.data",
        "INSERT INTO processed_event",
        "INSERT INTO prompt_pose",
        "UPDATE dossier SET",
        "INSERT INTO dossier_summary",
        "INSERT INTO answer_journal",
    ]
    assert "prompt_pose" in full[1] and "prompt_delivery" in full[1]
    with sqlite_store.transaction() as repo:
        journal = repo.session.exec(select(AnswerRow).where(AnswerRow.key == asked)).all()
        assert [row.revision for row in journal] == [shown.revision]


def test_an_orm_copy_of_a_row_is_refreshed_after_a_one_statement_save(store: SqlStore) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner=OWNER, dossier=Dossier(call_id="c"))
        row = repo.session.get(DossierRow, stored.id)
        assert row is not None and row.version == 1
        changed = stored.dossier.model_copy(deep=True)
        changed.organisation.name = "Réseau & Cie"
        repo.save_dossier(dossier_id=stored.id, dossier=changed)
        assert row.version == 2 and row.organisation_name == "Réseau & Cie"
        assert repo.dossier_version(stored.id) == 2
        user = repo.upsert_user(owner=OWNER, chat_id=1, seen_at=T0)
        repo.set_active_dossier(owner=OWNER, dossier_id=stored.id)
        again = repo.upsert_user(owner=OWNER, seen_at=T0)
        assert (user.active_dossier_id, again.active_dossier_id) == (None, stored.id)
        assert again.chat_id == 1


def test_head_is_read_from_the_migration_files_as_alembic_reads_it() -> None:
    from alembic.script import ScriptDirectory

    from storage.db import alembic_config

    assert head_revisions() == frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def test_a_database_at_head_is_opened_without_running_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'head.db'}")
    try:
        assert not at_head(engine)  # no version table yet
        migrate(engine)
        assert at_head(engine)
        import alembic.command

        def refuse(*_: object, **__: object) -> None:
            raise AssertionError("Alembic ran on a database already at head")

        monkeypatch.setattr(alembic.command, "upgrade", refuse)
        migrate(engine)  # nothing to do, and Alembic is not even asked
        with pytest.raises(AssertionError, match="already at head"):
            migrate(engine, "0001")  # an explicit revision still goes through Alembic
    finally:
        engine.dispose()


def test_starting_the_bot_imports_neither_alembic_on_a_database_at_head_nor_redis_nor_docx(
    tmp_path: Path,
) -> None:
    import subprocess

    url = f"sqlite:///{tmp_path / 'started.db'}"
    SqlStore(url).dispose()  # created and migrated once
    code = (
        "import sys\n"
        "from app.settings import Settings\n"
        "from app.bootstrap import bootstrap\n"
        "from bot.app import build\n"
        f"app = bootstrap(Settings(database_url={url!r}, bot_token='123456:{'A' * 35}'))\n"
        "build(app)\n"
        "print(sorted(m for m in ('alembic', 'redis', 'docx') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_question_plan_is_computed_once_per_state_of_the_dossier(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    real = plan_questions

    def counting(spec: Any, dossier: Dossier) -> Any:
        calls.append(1)
        return real(spec, dossier)

    monkeypatch.setattr(engine_module, "plan_questions", counting)
    interview = Interview(load_shipped_spec(DEFAULT_CALL_ID))
    dossier = interview.new_dossier()
    outcome = interview.handle(dossier, Choose("welcome", "start"), TODAY)
    assert outcome.dossier.cursor.key == "elig.type"
    assert len(calls) == 1  # the welcome screen changes no answer
    calls.clear()
    answered = interview.handle(outcome.dossier, Choose("elig.type", "network_departmental"), TODAY)
    assert answered.accepted
    assert len(calls) == 2  # before the answer, and after it changed the dossier
    calls.clear()
    interview.show(answered.dossier, TODAY)
    assert len(calls) == 1


def test_a_long_dossier_is_planned_again_without_checking_its_paths_against_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A dossier well advanced (actions, staff lines, funders: the repeated groups) is
    planned at each answer. The fields its groups' conditions read were checked against
    the dossier model again for every item at every plan (a fifth of a plan, which is the
    largest part of an answer's work): each path is checked once, and the plan is the
    same."""
    import dialogs.paths as paths_module

    spec = load_shipped_spec(DEFAULT_CALL_ID)
    dossier = Dossier.model_validate_json(
        (Path(__file__).resolve().parent.parent / "examples" / "dossier-exemple.json").read_text()
    )
    first = plan_questions(spec, dossier)
    checked: list[str] = []
    real = paths_module._attr_step

    def counting(model: Any, name: str) -> Any:
        checked.append(name)
        return real(model, name)

    monkeypatch.setattr(paths_module, "_attr_step", counting)
    again = plan_questions(spec, dossier)
    assert again == first and len(first) > 100
    assert checked == []


def test_clicks_arrive_even_if_a_previous_program_asked_for_messages_only(
    sqlite_store: SqlStore,
) -> None:
    async def scenario() -> list[str]:
        async with FakeBotAPI() as api:
            session = AiohttpSession(api=TelegramAPIServer.from_base(api.base_url))
            bot = Bot(api.token, session=session)
            try:
                # Another program polled this token with allowed_updates=["message"]:
                # Telegram keeps that setting until a poll says otherwise.
                await bot.get_updates(allowed_updates=["message"], timeout=0)
                clicked: list[str] = []
                done = asyncio.Event()
                router = Router()

                @router.callback_query()
                async def on_click(query: CallbackQuery) -> None:
                    clicked.append(query.data or "")
                    done.set()

                dispatcher = Dispatcher()
                dispatcher.include_router(router)
                user = FakeUser(api, 4242)
                markup = InlineKeyboardMarkup(
                    inline_keyboard=[[InlineKeyboardButton(text="Go", callback_data="a|k|go")]]
                )
                await bot.send_message(4242, "Choose", reply_markup=markup)
                await user.click("Go")
                stop = asyncio.Event()
                poller = Poller(bot, dispatcher, sqlite_store.engine, polling_timeout=1)
                task = asyncio.create_task(poller.run(stop))
                try:
                    await asyncio.wait_for(done.wait(), 10)
                finally:
                    stop.set()
                    await asyncio.wait_for(task, 10)
                return clicked
            finally:
                await session.close()

    assert asyncio.run(scenario()) == ["a|k|go"]
