"""Durable receipt and exactly-once application of Telegram updates (service and storage)."""

from __future__ import annotations

import datetime as dt

from app.clock import FixedClock
from bot.polling import user_key
from dialogs.dossier import Dossier
from dialogs.events import Choose, Text
from dialogs.service import DraftFile, InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from storage.repository import SqlStore
from storage.updates import last_update_id, mark_update, record_updates, unfinished_updates
from tests.support import TODAY, script_lines

ALICE = "telegram:1001"


def _service(store: SqlStore) -> InterviewService:
    def drafts(spec: object, dossier: Dossier, today: dt.date) -> list[DraftFile]:
        return [DraftFile("plan.md", b"# plan", "text/markdown")]

    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
        drafts=drafts,
    )


def test_an_event_delivered_twice_is_applied_once(store: SqlStore) -> None:
    service = _service(store)
    lines = script_lines()
    service.handle(ALICE, Text(lines[0]), event_id="tg:1")
    first = service.handle(ALICE, Text(lines[1]), event_id="tg:2")
    again = service.handle(ALICE, Text(lines[1]), event_id="tg:2")
    assert first.accepted is not None
    assert again.accepted is None
    assert again.messages[-1].key == first.messages[-1].key  # the current question, again
    with store.transaction() as repo:
        journal = repo.answer_journal(first.dossier_id or 0)
    assert [key for key, _, _ in journal].count(first.accepted[0]) == 1


def test_a_repeated_new_dossier_command_creates_one_dossier(store: SqlStore) -> None:
    service = _service(store)
    service.show(ALICE)
    service.new_dossier(ALICE, event_id="tg:7")
    service.new_dossier(ALICE, event_id="tg:7")
    overviews, _ = service.list_dossiers(ALICE)
    assert len(overviews) == 2


def test_claim_event_is_rolled_back_with_a_failed_transaction(store: SqlStore) -> None:
    try:
        with store.transaction() as repo:
            assert repo.claim_event("tg:9")
            raise RuntimeError("crash before commit")
    except RuntimeError:
        pass
    with store.transaction() as repo:
        assert repo.claim_event("tg:9")
        assert not repo.claim_event("tg:9")


def test_updates_are_recorded_once_and_pending_ones_survive_a_restart(store: SqlStore) -> None:
    batch = [{"update_id": 11, "message": {"text": "a"}}, {"update_id": 10, "message": {}}]
    assert [u["update_id"] for u in record_updates(store.engine, batch)] == [10, 11]
    assert record_updates(store.engine, batch[:1]) == []
    mark_update(store.engine, update_id=10, status="done")
    assert unfinished_updates(store.engine) == [batch[0]]
    assert last_update_id(store.engine) == 11
    # A batch of known and new updates (several rows in one statement): the new ones back.
    more = [{"update_id": 13, "message": {}}, batch[0], {"update_id": 12, "message": {}}]
    assert [u["update_id"] for u in record_updates(store.engine, more)] == [12, 13]
    assert last_update_id(store.engine) == 13


def test_updates_are_ordered_per_sender() -> None:
    click = {"update_id": 1, "callback_query": {"from": {"id": 5}, "message": {"chat": {"id": 5}}}}
    text = {"update_id": 2, "message": {"from": {"id": 5}, "chat": {"id": 5}}}
    assert user_key(click) == user_key(text) == "user:5"
    assert user_key({"update_id": 3}) == "update:3"


def test_a_handled_update_keeps_its_id_but_not_the_users_text(store: SqlStore) -> None:
    """Erasure must not be undone by the update journal: handled payloads are dropped."""
    from sqlmodel import Session

    from storage.models import TelegramUpdateRow

    update = {"update_id": 77, "message": {"text": "Marie Dupont, 06 12 34 56 78"}}
    record_updates(store.engine, [update])
    mark_update(store.engine, update_id=77, status="done")
    assert record_updates(store.engine, [update]) == []  # a re-delivery is still recognised
    with Session(store.engine) as session:
        row = session.get(TelegramUpdateRow, 77)
        assert row is not None and row.payload == {}


def test_a_replayed_draft_click_makes_the_draft_again_but_a_replayed_answer_is_not_reapplied(
    store: SqlStore,
) -> None:
    """The first run may have died after committing the click and before sending the files."""
    service = _service(store)
    for number, line in enumerate(script_lines()):
        service.handle(ALICE, Text(line), event_id=f"tg:{number}")
    click = Choose("review", "draft")
    first = service.handle(ALICE, click, event_id="tg:draft")
    again = service.handle(ALICE, click, event_id="tg:draft")
    assert [f.name for f in first.files] == [f.name for f in again.files] == ["plan.md"]
    replayed_answer = service.handle(ALICE, Text("1"), event_id="tg:0")
    assert replayed_answer.files == [] and replayed_answer.accepted is None
