"""An applicant's answer closes its journaled update in the transaction that records the
reply's delivery (`InterviewService.delivered(closes=…)`); other updates are closed by the
processor after their handler, as before. Either way, nothing stays pending."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from bot import processing
from dialogs.events import Text
from storage import updates
from storage.models import TelegramUpdateRow
from storage.repository import SqlStore
from storage.updates import UpdateStatus, record_updates, unfinished_updates
from tests.bot_support import action_for, answer_line
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.reliability_support import serving
from tests.support import script_lines
from tests.test_bot_exactly_once import ALICE, _service


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


def test_a_delivery_closes_the_update_it_ends_in_its_own_transaction(store: SqlStore) -> None:
    service = _service(store)
    update = {"update_id": 90, "message": {"text": "Marie Dupont"}}
    record_updates(store.engine, [update])
    reply = service.handle(ALICE, Text(script_lines()[0]), event_id="tg:90")
    assert reply.revision is not None
    service.delivered(ALICE, reply.revision, 500, closes=90)
    assert unfinished_updates(store.engine) == []
    with Session(store.engine) as session:
        row = session.get(TelegramUpdateRow, 90)
        assert row is not None and row.status == "done" and row.payload == {}


async def test_answers_are_closed_with_their_delivery_and_a_sticker_by_the_processor(
    api: FakeBotAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed_apart: list[int] = []
    mark = updates.mark_update

    def spied(engine: Engine, *, update_id: int, status: UpdateStatus) -> None:
        closed_apart.append(update_id)
        mark(engine, update_id=update_id, status=status)

    monkeypatch.setattr(processing, "mark_update", spied)
    user = FakeUser(api, 1001)
    async with serving(api, tmp_path) as bot:
        await user.send("/start")
        await user.wait_reply(timeout=30)
        kinds = set()
        for line in script_lines()[:6]:  # clicks and texts
            kinds.add(action_for(user, line)[0])
            await answer_line(user, line)
        assert kinds == {"click", "send"}
        sticker = await user.send_sticker()
        await user.wait_reply(timeout=30)
        await bot.telegram.poller.drain()
        engine = bot.app.store.engine
        assert unfinished_updates(engine) == []
    assert closed_apart == [sticker["update_id"]]
