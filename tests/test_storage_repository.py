"""The SQL store, told as what applicants and staff expect of it."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

import pytest

from dialogs.dossier import Dossier
from dialogs.ports import Repository, Store, StoredDossier, UserRecord
from storage.models import DossierRow
from storage.repository import DossierNotFound, SqlRepository, SqlStore

T0 = dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.UTC)
TELEGRAM_CHAT_ID = 2**52  # Telegram ids may need 52 bits: more than a 32-bit INTEGER


def answer(dossier: Dossier, key: str, next_key: str, minute: int) -> Dossier:
    """What the interview does when an answer is accepted: record it, move the cursor."""
    updated = dossier.model_copy(deep=True)
    if key == "organisation.name":
        updated.organisation.name = f"Association n°{minute}"
    updated.cursor.key = next_key
    updated.updated_at = T0 + dt.timedelta(minutes=minute)
    return updated


def test_sql_store_fits_the_ports(store: SqlStore) -> None:
    as_store: Store = store
    with as_store.transaction() as repo:
        as_repository: Repository = repo
        assert isinstance(as_repository, SqlRepository)


def test_a_dossier_saved_after_each_answer_is_found_by_a_new_store_at_the_same_step(
    database_url: str,
) -> None:
    first = SqlStore(database_url)
    with first.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:42", dossier=Dossier(call_id="pdc-axe3-2025"))
        repo.upsert_user(owner="telegram:42", chat_id=42, seen_at=T0)
        repo.set_active_dossier(owner="telegram:42", dossier_id=stored.id)
    dossier = stored.dossier
    steps = ["organisation.name", "organisation.siret", "organisation.address"]
    for minute, (key, next_key) in enumerate(itertools.pairwise(steps), start=1):
        with first.transaction() as repo:
            dossier = answer(dossier, key, next_key, minute)
            repo.save_dossier(dossier_id=stored.id, dossier=dossier)
            repo.record_answer(
                dossier_id=stored.id, key=key, value="x", at=T0 + dt.timedelta(minutes=minute)
            )
    first.dispose()  # the process goes away

    second = SqlStore(database_url)
    try:
        with second.transaction() as repo:
            user = repo.get_user("telegram:42")
            assert user is not None
            assert user.active_dossier_id == stored.id
            found = repo.get_dossier(stored.id)
            assert found == StoredDossier(id=stored.id, owner="telegram:42", dossier=dossier)
            assert found.dossier.cursor.key == "organisation.address"
            assert [key for key, _, _ in repo.answer_journal(stored.id)] == steps[:2]
            assert repo.dossier_version(stored.id) == 3
    finally:
        second.dispose()


def test_an_answer_is_lost_entirely_when_its_transaction_fails(store: SqlStore) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="terminal:local", dossier=Dossier(call_id="c"))
    moved = answer(stored.dossier, "organisation.name", "organisation.siret", 1)

    def accept_then_crash() -> None:
        with store.transaction() as repo:
            repo.save_dossier(dossier_id=stored.id, dossier=moved)
            repo.record_answer(dossier_id=stored.id, key="organisation.name", value="A", at=T0)
            raise RuntimeError("crash between the answer and the commit")

    with pytest.raises(RuntimeError, match="crash"):
        accept_then_crash()
    with store.transaction() as repo:
        assert repo.get_dossier(stored.id) == stored
        assert repo.answer_journal(stored.id) == []
        assert repo.dossier_version(stored.id) == 1


def test_saving_stores_step_organisation_name_updated_at_and_bumps_the_version(
    store: SqlStore, rich_dossier: Dossier
) -> None:
    from sqlmodel import Session

    from storage.models import DossierRow

    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="pdc-axe3-2025"))
    with store.transaction() as repo:
        repo.save_dossier(
            dossier_id=stored.id,
            dossier=rich_dossier.model_copy(update={"uuid": stored.dossier.uuid}),
        )
    with Session(store.engine) as session:
        row = session.get(DossierRow, stored.id)
        assert row is not None
        assert row.step == "budget.own_funds"
        assert row.organisation_name == "Réseau des SIAE « Côte d'Opale » 🌊"
        assert row.updated_at == rich_dossier.updated_at
        assert row.created_at.tzinfo is not None
        assert row.version == 2
        assert row.data["budget"]["departement_request"] == "12500.50"


def test_a_dossier_cannot_be_saved_over_another_one(store: SqlStore) -> None:
    with store.transaction() as repo:
        first = repo.add_dossier(owner="o", dossier=Dossier(call_id="c"))
        with pytest.raises(ValueError, match="refusing"):
            repo.save_dossier(dossier_id=first.id, dossier=Dossier(call_id="c"))
        with pytest.raises(DossierNotFound):
            repo.save_dossier(dossier_id=first.id + 1000, dossier=first.dossier)


def test_dossiers_are_found_by_uuid_and_listed_oldest_first(store: SqlStore) -> None:
    with store.transaction() as repo:
        a = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
        b = repo.add_dossier(owner="telegram:2", dossier=Dossier(call_id="c"))
        c = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
    with store.transaction() as repo:
        assert repo.get_dossier_by_uuid(b.dossier.uuid) == b
        assert repo.get_dossier_by_uuid("no-such-uuid") is None
        assert repo.get_dossier(c.id + 1000) is None
        assert repo.list_dossiers(owner="telegram:1") == [a, c]
        assert repo.list_dossiers() == [a, b, c]
        assert repo.list_dossiers(owner="nobody") == []
        assert a.id < b.id < c.id


def test_a_telegram_sized_chat_id_round_trips(store: SqlStore) -> None:
    with store.transaction() as repo:
        created = repo.upsert_user(owner="telegram:1", chat_id=TELEGRAM_CHAT_ID, seen_at=T0)
    assert created == UserRecord(
        owner="telegram:1", active_dossier_id=None, blocked=False, chat_id=TELEGRAM_CHAT_ID
    )
    with store.transaction() as repo:
        assert repo.get_user("telegram:1") == created
        # Seen again without a chat id (e.g. a callback): the known chat id is kept.
        assert repo.upsert_user(owner="telegram:1", seen_at=T0).chat_id == TELEGRAM_CHAT_ID
        assert repo.upsert_user(owner="telegram:1", chat_id=-(2**52), seen_at=T0).chat_id == -(
            2**52
        )
        assert repo.get_user("telegram:unknown") is None


def test_staff_can_block_a_user_and_unblock_them(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.upsert_user(owner="telegram:7", chat_id=7, seen_at=T0)
        repo.set_user_blocked(owner="telegram:7", blocked=True)
        repo.set_user_blocked(owner="telegram:8", blocked=True)  # never seen: blocked ahead
    with store.transaction() as repo:
        seven, eight = repo.get_user("telegram:7"), repo.get_user("telegram:8")
        assert seven is not None
        assert seven.blocked
        assert eight is not None
        assert eight.blocked
        repo.set_user_blocked(owner="telegram:7", blocked=False)
    with store.transaction() as repo:
        seven = repo.get_user("telegram:7")
        assert seven is not None
        assert not seven.blocked


def test_the_active_dossier_can_be_switched_and_cleared(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.upsert_user(owner="telegram:1", seen_at=T0)
        first = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
        second = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
        repo.set_active_dossier(owner="telegram:1", dossier_id=first.id)
        repo.set_active_dossier(owner="telegram:1", dossier_id=second.id)
    with store.transaction() as repo:
        user = repo.get_user("telegram:1")
        assert user is not None
        assert user.active_dossier_id == second.id
        repo.set_active_dossier(owner="telegram:1", dossier_id=None)
    with store.transaction() as repo:
        user = repo.get_user("telegram:1")
        assert user is not None
        assert user.active_dossier_id is None


def test_the_journal_keeps_answers_in_the_order_they_were_accepted(store: SqlStore) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="o", dossier=Dossier(call_id="c"))
        other = repo.add_dossier(owner="o", dossier=Dossier(call_id="c"))
    paris = dt.timezone(dt.timedelta(hours=2))
    entries = [
        ("organisation.name", "Les Ateliers 🛠", T0 + dt.timedelta(minutes=5)),
        ("budget.own_funds", Decimal("1000.10"), T0 + dt.timedelta(minutes=1)),  # clock skew
        ("plan.o1.months", ["2025-01", "2025-02"], dt.datetime(2025, 5, 1, 12, 0, tzinfo=paris)),
        ("eligibility.siae_network", True, T0),
        ("organisation.siret", None, T0),
    ]
    for key, value, at in entries:
        with store.transaction() as repo:
            repo.record_answer(dossier_id=stored.id, key=key, value=value, at=at)
            repo.record_answer(dossier_id=other.id, key="other", value=0, at=at)
    with store.transaction() as repo:
        journal = repo.answer_journal(stored.id)
    assert [key for key, _, _ in journal] == [key for key, _, _ in entries]
    assert [value for _, value, _ in journal] == [
        "Les Ateliers 🛠",
        "1000.10",  # stored in its JSON form, as in the dossier
        ["2025-01", "2025-02"],
        True,
        None,
    ]
    assert [at for _, _, at in journal] == [at for _, _, at in entries]
    assert all(at.tzinfo is not None for _, _, at in journal)


def test_erasing_an_owner_removes_their_user_dossiers_and_journals_only(store: SqlStore) -> None:
    with store.transaction() as repo:
        repo.upsert_user(owner="telegram:1", chat_id=1, seen_at=T0)
        repo.upsert_user(owner="telegram:2", chat_id=2, seen_at=T0)
        mine = [repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c")) for _ in "ab"]
        theirs = repo.add_dossier(owner="telegram:2", dossier=Dossier(call_id="c"))
        repo.set_active_dossier(owner="telegram:1", dossier_id=mine[1].id)
        repo.set_active_dossier(owner="telegram:2", dossier_id=theirs.id)
        for stored in [*mine, theirs]:
            repo.record_answer(dossier_id=stored.id, key="k", value=1, at=T0)
    with store.transaction() as repo:
        assert repo.delete_owner_data("telegram:1") == 2
    with store.transaction() as repo:
        assert repo.get_user("telegram:1") is None
        assert repo.list_dossiers(owner="telegram:1") == []
        assert all(repo.answer_journal(stored.id) == [] for stored in mine)
        assert repo.list_dossiers() == [theirs]
        assert repo.answer_journal(theirs.id) == [("k", 1, T0)]
        user = repo.get_user("telegram:2")
        assert user is not None
        assert user.active_dossier_id == theirs.id
        assert repo.delete_owner_data("telegram:1") == 0
        assert repo.delete_owner_data("telegram:never-seen") == 0


def test_the_number_of_an_erased_dossier_is_never_given_again(store: SqlStore) -> None:
    with store.transaction() as repo:
        first = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="c"))
    with store.transaction() as repo:
        repo.delete_owner_data("telegram:1")
    with store.transaction() as repo:
        second = repo.add_dossier(owner="telegram:2", dossier=Dossier(call_id="c"))
    assert second.id > first.id


def test_a_dossier_is_stored_exactly_as_given(store: SqlStore, rich_dossier: Dossier) -> None:
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:1", dossier=rich_dossier)
    with store.transaction() as repo:
        found = repo.get_dossier(stored.id)
    assert found is not None
    assert found.dossier == rich_dossier
    assert found.dossier.budget.departement_request == Decimal("12500.50")
    assert str(found.dossier.budget.departement_request) == "12500.50"


def test_a_dossier_saved_at_each_answer_goes_to_and_from_the_database_as_json_text(
    store: SqlStore, rich_dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every answer reads the dossier and saves it: pydantic-core writes its JSON text and
    parses it back in one step, with no Python dicts between (dumped to dicts then to text,
    parsed to dicts then validated, it cost about twice as much). What is read back is the
    dossier as saved, to the cent and the emoji, and other readers still see JSON."""
    with store.transaction() as repo:
        stored = repo.add_dossier(owner="telegram:1", dossier=Dossier(call_id="pdc-axe3-2025"))
    saved = rich_dossier.model_copy(update={"uuid": stored.dossier.uuid})

    def refused(*_: object, **__: object) -> None:
        raise AssertionError("the dossier went through Python dicts")

    monkeypatch.setattr(Dossier, "model_dump", refused)
    monkeypatch.setattr(Dossier, "model_validate", refused)
    with store.transaction() as repo:
        repo.save_dossier(dossier_id=stored.id, dossier=saved)
    with store.transaction() as repo:
        found = repo.get_dossier(stored.id)
    monkeypatch.undo()
    assert found is not None and found.dossier == saved and found.version == 2
    assert str(found.dossier.budget.departement_request) == "12500.50"
    with store.transaction() as repo:
        row = repo.session.get(DossierRow, stored.id)
        assert row is not None
        assert row.data["organisation"]["name"] == "Réseau des SIAE « Côte d'Opale » 🌊"
        assert Dossier.model_validate(row.data) == saved


def test_a_user_who_blocked_the_bot_then_writes_again_is_no_longer_marked_blocked(
    store: SqlStore,
) -> None:
    with store.transaction() as repo:
        repo.upsert_user(owner="telegram:9", chat_id=9, seen_at=T0)
        repo.set_user_blocked(owner="telegram:9", blocked=True)
    with store.transaction() as repo:
        seen_elsewhere = repo.upsert_user(owner="telegram:9", seen_at=T0)  # no chat: unchanged
        assert seen_elsewhere.blocked
    with store.transaction() as repo:
        back = repo.upsert_user(owner="telegram:9", chat_id=9, seen_at=T0)
        assert not back.blocked
    with store.transaction() as repo:
        user = repo.get_user("telegram:9")
        assert user is not None and not user.blocked


def test_a_question_delivered_in_a_new_message_makes_the_previous_one_stale(
    store: SqlStore,
) -> None:
    with store.transaction() as repo:
        assert repo.record_delivery(owner="telegram:7", revision=1, message_id=10, at=T0) is None
    with store.transaction() as repo:  # the next question, in a new message
        assert repo.record_delivery(owner="telegram:7", revision=2, message_id=12, at=T0) == 10
    with store.transaction() as repo:  # a click: the question edited into the same message
        assert repo.record_delivery(owner="telegram:7", revision=3, message_id=12, at=T0) is None
    with store.transaction() as repo:  # texts answer the newest question of that message
        assert repo.revision_seen_before(owner="telegram:7", message_id=13) == 3
        assert repo.revision_seen_before(owner="telegram:7", message_id=11) == 1


def test_a_question_edited_into_an_older_message_is_the_one_a_text_answers(
    store: SqlStore,
) -> None:
    """An old « Précédent » clicked turns message 10 back into a question after the recap
    went out as message 20: « 0,2 » typed next (message 21) answers that question, and was
    refused as « écrit avant la question »."""
    with store.transaction() as repo:
        repo.record_delivery(owner="telegram:17", revision=1, message_id=10, at=T0)
        repo.record_delivery(owner="telegram:17", revision=2, message_id=20, at=T0)
        repo.record_delivery(owner="telegram:17", revision=3, message_id=10, at=T0)
    with store.transaction() as repo:
        assert repo.revision_seen_before(owner="telegram:17", message_id=21) == 3
        # the next question goes out: the one edited into message 10 has stale buttons now
        assert repo.record_delivery(owner="telegram:17", revision=4, message_id=30, at=T0) == 10


def test_the_delivery_pushed_past_the_limit_is_dropped_by_a_prepared_statement(
    store: SqlStore,
) -> None:
    """Each new question delivered pushes the oldest kept one out: that DELETE ran through
    SQLAlchemy's whole execution (an expanding IN list, about 100 µs per answer, issue 14)."""
    from sqlalchemy import event

    from storage.prompts import KEEP_DELIVERIES

    for number in range(1, KEEP_DELIVERIES + 1):
        with store.transaction() as repo:
            repo.record_delivery(owner="telegram:8", revision=number, message_id=number, at=T0)
    executed: list[str] = []

    def noted(connection: object, statement: object, *_: object) -> None:
        executed.append(str(statement))

    event.listen(store.engine, "before_execute", noted)
    try:
        with store.transaction() as repo:
            repo.record_delivery(owner="telegram:8", revision=99, message_id=99, at=T0)
    finally:
        event.remove(store.engine, "before_execute", noted)
    assert not [s for s in executed if "DELETE" in s]
    with store.transaction() as repo:
        kept = repo.prompt_data("telegram:8")["questions_delivered"]
    assert isinstance(kept, list)
    assert [d["message_id"] for d in kept] == [*range(2, KEEP_DELIVERIES + 1), 99]


def test_only_the_latest_deliveries_of_an_applicant_are_kept(store: SqlStore) -> None:
    from storage.prompts import KEEP_DELIVERIES

    for number in range(1, KEEP_DELIVERIES + 6):
        with store.transaction() as repo:
            repo.record_delivery(owner="telegram:8", revision=number, message_id=number, at=T0)
            repo.record_delivery(owner="telegram:9", revision=1, message_id=1, at=T0)
    with store.transaction() as repo:
        kept = repo.prompt_data("telegram:8")["questions_delivered"]
        others = repo.prompt_data("telegram:9")["questions_delivered"]
    assert isinstance(kept, list) and isinstance(others, list)
    assert [d["message_id"] for d in kept] == list(range(6, KEEP_DELIVERIES + 6))
    assert len(others) == KEEP_DELIVERIES  # the same message, newest kept
    assert {d["revision"] for d in others} == {1}
