"""Dossiers kept validated in process (`storage.dossier_cache`), told as what applicants and
staff expect: an answer never works on a stale dossier, whoever wrote it last, and nothing
is lost when a process dies between two steps."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.dossier import Dossier
from dialogs.events import Text
from storage.dossier_cache import DossierCache, KeptDossier
from storage.repository import SqlStore
from tests.support import script_lines
from tests.test_service import ALICE, BOB, _service

T0 = dt.datetime(2025, 5, 1, 8, 0, tzinfo=dt.UTC)


def _named(dossier: Dossier, name: str) -> Dossier:
    changed = dossier.clone()
    changed.organisation.name = name
    return changed


def _active(store: SqlStore, owner: str) -> Dossier:
    """The applicant's active dossier as the database holds it (never the copy kept)."""
    with store.transaction() as repo:
        user = repo.get_user(owner)
        assert user is not None and user.active_dossier_id is not None
        stored = repo.get_dossier(user.active_dossier_id)
    assert stored is not None
    return stored.dossier


def _refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object, **__: object) -> None:
        raise AssertionError("the dossier's JSON was parsed again")

    monkeypatch.setattr(Dossier, "model_validate_json", refused)


def test_the_next_answer_works_on_the_dossier_this_process_saved_without_parsing_it_again(
    store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = _service(store)
    for line in script_lines()[:6]:
        service.handle(ALICE, Text(line))
    saved = _active(store, ALICE)
    _refuse_parsing(monkeypatch)
    reply = service.handle(ALICE, Text(script_lines()[6]))
    monkeypatch.undo()
    assert reply.accepted is not None
    assert _active(store, ALICE) != saved  # the answer was taken, on the dossier saved


def test_an_answer_taken_by_another_instance_is_seen_by_this_one(database_url: str) -> None:
    """Two bots on one database (webhook behind a load balancer): Alice's answers go to
    one, then the other, then back; she ends where Bob, answering alike on one bot, does,
    with the same answers journaled."""
    first, second = SqlStore(database_url), SqlStore(database_url)
    try:
        one, other = _service(first), _service(second)
        for index, line in enumerate(script_lines()[:14]):
            (other if index % 3 == 2 else one).handle(ALICE, Text(line))
            one.handle(BOB, Text(line))
        alice, bob = _active(first, ALICE), _active(first, BOB)
        assert alice.cursor == bob.cursor
        assert alice.organisation == bob.organisation
        assert alice.eligibility == bob.eligibility
        assert _journal(first, ALICE) == _journal(first, BOB)
    finally:
        first.dispose()
        second.dispose()


def _journal(store: SqlStore, owner: str) -> list[tuple[str, object]]:
    with store.transaction() as repo:
        (stored,) = repo.list_dossiers(owner=owner)
        return [(key, value) for key, value, _ in repo.answer_journal(stored.id)]


def test_a_dossier_changed_elsewhere_is_read_again_not_served_from_memory(
    database_url: str,
) -> None:
    """Staff (or another instance) save a dossier this process keeps: the next read gives
    their version, with their change."""
    bot, staff = SqlStore(database_url), SqlStore(database_url)
    try:
        with bot.transaction() as repo:
            stored = repo.add_dossier(owner=ALICE, dossier=Dossier(call_id="pdc-axe3-2025"))
        with bot.transaction() as repo:
            repo.save_dossier(dossier_id=stored.id, dossier=_named(stored.dossier, "Bot"))
        with bot.transaction() as repo:
            kept = repo.get_dossier(stored.id, shared=True)
        assert kept is not None and kept.dossier.organisation.name == "Bot"
        assert bot.dossiers.known(stored.id) is not None
        with staff.transaction() as repo:
            repo.save_dossier(dossier_id=stored.id, dossier=_named(stored.dossier, "Staff"))
        with bot.transaction() as repo:
            found = repo.get_dossier(stored.id, shared=True)
        assert found is not None
        assert found.dossier.organisation.name == "Staff"
        assert found.version == 3
    finally:
        bot.dispose()
        staff.dispose()


def test_an_answer_rolled_back_is_never_served_from_memory(database_url: str) -> None:
    """The process saves an answer, then its transaction fails: the version it wrote never
    existed, and another instance's save of that same version number is what is read."""
    bot, other = SqlStore(database_url), SqlStore(database_url)
    try:
        with bot.transaction() as repo:
            stored = repo.add_dossier(owner=ALICE, dossier=Dossier(call_id="pdc-axe3-2025"))

        def save_then_crash() -> None:
            with bot.transaction() as repo:
                repo.get_dossier(stored.id, shared=True)
                repo.save_dossier(dossier_id=stored.id, dossier=_named(stored.dossier, "Lost"))
                raise RuntimeError("crash before the commit")

        with pytest.raises(RuntimeError, match="crash"):
            save_then_crash()
        with other.transaction() as repo:
            version = repo.save_dossier(
                dossier_id=stored.id, dossier=_named(stored.dossier, "Kept")
            )
        assert version == 2
        with bot.transaction() as repo:
            found = repo.get_dossier(stored.id, shared=True)
        assert found is not None and found.dossier.organisation.name == "Kept"
    finally:
        bot.dispose()
        other.dispose()


def test_a_process_that_dies_between_two_answers_loses_nothing(database_url: str) -> None:
    """Everything committed is in the database, not only in memory: a new process (an
    empty memory) goes on from the last answer, and ends where one process alone would."""
    lines = script_lines()[:20]
    first = SqlStore(database_url)
    service = _service(first)
    for line in lines[:10]:
        service.handle(ALICE, Text(line))
    first.dispose()  # killed: whatever it kept in memory is gone
    second = SqlStore(database_url)
    try:
        again = _service(second)
        for line in lines[10:]:
            again.handle(ALICE, Text(line))
        for line in lines:
            again.handle(BOB, Text(line))
        alice, bob = _active(second, ALICE), _active(second, BOB)
        assert alice.cursor == bob.cursor
        assert alice.organisation == bob.organisation
        assert _journal(second, ALICE) == _journal(second, BOB)
    finally:
        second.dispose()


def test_no_copy_kept_is_ever_changed_in_place_along_a_whole_interview(store: SqlStore) -> None:
    """The interview works on copies: after each answer of the complete example
    conversation, and after the question is shown again (nothing saved), every dossier
    kept is exactly the saved version it claims to be."""
    service = _service(store)
    for line in script_lines():
        service.handle(ALICE, Text(line))
        _kept_as_saved(store, line)
        service.show(ALICE)
        _kept_as_saved(store, line)


def _kept_as_saved(store: SqlStore, line: str) -> None:
    kept = dict(store.dossiers._kept)
    assert kept
    with store.transaction() as repo:
        for dossier_id, copy in kept.items():
            stored = repo.get_dossier(dossier_id)
            assert stored is not None
            assert (copy.uuid, copy.version) == (stored.dossier.uuid, stored.version)
            assert copy.dossier == stored.dossier, line


def test_an_erased_applicants_dossier_leaves_no_copy_in_memory(store: SqlStore) -> None:
    service = _service(store)
    for line in script_lines()[:4]:
        service.handle(ALICE, Text(line))
    assert len(store.dossiers) == 1
    service.delete_owner_data(ALICE)
    assert len(store.dossiers) == 0


def test_memory_holds_a_bounded_number_of_dossiers_the_latest_used() -> None:
    cache = DossierCache(size=2)
    dossiers = {i: Dossier(call_id="c") for i in (1, 2, 3)}
    for i, dossier in dossiers.items():
        cache.keep(i, KeptDossier(dossier.uuid, 1, dossier))
        if i == 2:
            assert cache.known(1) is not None  # used: the oldest is now 2
    assert len(cache) == 2
    assert cache.known(2) is None
    assert cache.known(1) is not None and cache.known(3) is not None
    older = KeptDossier(dossiers[3].uuid, 0, dossiers[3])
    cache.keep(3, older)  # committed before, kept after: the later version stays
    assert cache.known(3) == KeptDossier(dossiers[3].uuid, 1, dossiers[3])
