"""The update journal's leases: which instance may process which update (storage level).

A received update is leased to the instance that journaled it; another instance may take it
only once the lease expired (its instance died); leases are renewed while an instance works
and released when it stops cleanly.
"""

from __future__ import annotations

import time

from storage.repository import SqlStore
from storage.updates import (
    claim_updates,
    mark_update,
    older_pending,
    record_updates,
    release_leases,
    renew_leases,
    user_key,
)


def message(update_id: int, user_id: int) -> dict[str, object]:
    return {
        "update_id": update_id,
        "message": {
            "message_id": update_id,
            "date": 0,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": "X"},
            "text": "bonjour",
        },
    }


def ids(updates: list[dict[str, object]]) -> list[object]:
    return [u["update_id"] for u in updates]


def test_a_live_instances_updates_are_not_taken_an_expired_lease_is(store: SqlStore) -> None:
    engine = store.engine
    record_updates(engine, [message(1, 10), message(2, 20)], owner="alive", lease=60)
    record_updates(engine, [message(3, 30)], owner="dead", lease=0.01)
    time.sleep(0.05)
    assert ids(claim_updates(engine, owner="newcomer")) == [3], "only the dead one's"
    assert ids(claim_updates(engine, owner="alive")) == [1, 2], "an instance keeps its own"
    assert claim_updates(engine, owner="third") == [], "the newcomer holds it now"
    assert ids(claim_updates(engine, owner="poller", any_lease=True)) == [1, 2, 3]


def test_a_renewed_lease_holds_and_a_released_one_is_free_at_once(store: SqlStore) -> None:
    engine = store.engine
    record_updates(engine, [message(1, 10)], owner="a", lease=0.2)
    renew_leases(engine, owner="a", update_ids=[1], lease=60)
    time.sleep(0.3)
    assert claim_updates(engine, owner="b") == []
    release_leases(engine, owner="a")
    assert ids(claim_updates(engine, owner="b")) == [1]


def test_older_pending_lists_the_same_users_older_updates_with_their_lease(
    store: SqlStore,
) -> None:
    engine = store.engine
    record_updates(engine, [message(1, 10), message(2, 20), message(3, 10)], owner="a")
    older = older_pending(engine, update_id=3, user=user_key(message(3, 10)))
    assert [o.update_id for o in older] == [1] and older[0].lease_owner == "a"
    assert older_pending(engine, update_id=3, user="user:30") == []
    mark_update(engine, update_id=1, status="done")
    assert older_pending(engine, update_id=3, user="user:10") == []


def test_claims_narrow_to_one_user_before_an_update_and_skip_those_held(store: SqlStore) -> None:
    engine = store.engine
    record_updates(engine, [message(n, 10 if n % 2 else 20) for n in range(1, 9)], owner="a")
    assert ids(claim_updates(engine, owner="a", user="user:10", before=7)) == [1, 3, 5]
    assert ids(claim_updates(engine, owner="a", user="user:10", exclude={1, 3})) == [5, 7]
    assert ids(claim_updates(engine, owner="a", limit=2)) == [1, 2]
