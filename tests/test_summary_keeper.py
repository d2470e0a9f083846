"""The bot keeps staff summaries fresh in the background (`bot.summaries`), not in each
applicant's answer: an answer saves the dossier only, and the keeper refreshes what is stale
a few seconds later, and only when something was saved."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import select

from bot.summaries import keep_summaries
from dialogs.events import Text
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from storage.models import DossierRow, DossierSummaryRow
from storage.repository import SqlStore
from tests.staff_support import HOSTILE, fixed_clock, populate, staff_service


def _versions(store: SqlStore) -> dict[int, tuple[int, int | None]]:
    """Each dossier's version and its summary's (None: never summarised)."""
    with store.transaction() as repo:
        connection = repo.session.connection()
        saved = dict(connection.execute(select(DossierRow.id, DossierRow.version)).all())
        summed = dict(
            connection.execute(
                select(DossierSummaryRow.dossier_id, DossierSummaryRow.version)
            ).all()
        )
    return {number: (version, summed.get(number)) for number, version in saved.items()}


async def test_an_answer_saved_without_its_summary_is_summarised_in_the_background(
    store: SqlStore,
) -> None:
    populate(store, drafts=False)
    staff = staff_service(store)
    staff.refresh_summaries()
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=fixed_clock(),
        summaries=False,
    )
    stop = asyncio.Event()
    keeper = asyncio.create_task(
        keep_summaries(lambda: service.saves, staff.refresh_summaries, stop, every=0.02)
    )
    reply = await asyncio.to_thread(service.handle, HOSTILE, Text("Jean Martin"), chat_id=1005)
    assert reply.dossier_id is not None
    version, summarised = _versions(store)[reply.dossier_id]
    assert summarised is not None and summarised < version  # the answer did not wait for it
    for _ in range(1500):  # 30 s at most: a loaded machine (CI, shared cores) is slow
        await asyncio.sleep(0.02)
        if _versions(store)[reply.dossier_id][1] == version:
            break
    stop.set()
    await keeper
    assert _versions(store)[reply.dossier_id] == (version, version)


async def test_nothing_is_looked_for_while_nobody_saves_anything() -> None:
    saves, refreshed = [0], []
    stop = asyncio.Event()

    def refresh() -> int:
        refreshed.append(saves[0])
        return 1

    keeper = asyncio.create_task(keep_summaries(lambda: saves[0], refresh, stop, every=0.01))
    await asyncio.sleep(0.08)
    assert refreshed == []
    saves[0] = 3
    await asyncio.sleep(0.08)
    stop.set()
    await keeper
    assert refreshed == [3]  # once, not at every look


async def test_a_failed_refresh_is_logged_and_tried_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    saves, calls = [0], []
    stop = asyncio.Event()

    def refresh() -> int:
        calls.append(saves[0])
        if len(calls) == 1:
            raise OSError("database is locked")
        return 1

    with caplog.at_level(logging.WARNING, logger="bot.summaries"):
        keeper = asyncio.create_task(keep_summaries(lambda: saves[0], refresh, stop, every=0.01))
        await asyncio.sleep(0.02)
        saves[0] = 1
        await asyncio.sleep(0.1)
        stop.set()
        await keeper
    assert calls == [1, 1]  # failed, then done at the next look; then nothing new to do
    assert "database is locked" in caplog.text
