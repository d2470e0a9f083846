"""The adapter's conversation state survives a restart and goes with the user's data."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey

from bot.fsm import SqlStorage
from storage.repository import SqlStore

USER = 4242
KEY = StorageKey(bot_id=1, chat_id=USER, user_id=USER)
OTHER = StorageKey(bot_id=1, chat_id=77, user_id=77)


class Asking(StatesGroup):
    follow_up = State()


async def test_a_pending_follow_up_is_still_pending_after_a_restart(store: SqlStore) -> None:
    before = SqlStorage(store.engine)
    await before.set_state(KEY, Asking.follow_up)
    await before.update_data(KEY, {"ticket": 12})
    await before.close()

    after = SqlStorage(store.engine)  # a new process: nothing cached
    assert await after.get_state(KEY) == Asking.follow_up.state
    assert await after.get_data(KEY) == {"ticket": 12}
    assert await after.get_state(OTHER) is None


async def test_clearing_the_state_leaves_no_row(store: SqlStore) -> None:
    storage = SqlStorage(store.engine)
    await storage.set_state(KEY, Asking.follow_up)
    await storage.set_data(KEY, {"ticket": 3})
    await storage.set_state(KEY, None)
    await storage.set_data(KEY, {})

    assert await SqlStorage(store.engine).get_state(KEY) is None
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT COUNT(*) FROM fsm_record").scalar() == 0


async def test_erasing_a_users_data_erases_their_conversation_state(store: SqlStore) -> None:
    storage = SqlStorage(store.engine)
    await storage.set_state(KEY, Asking.follow_up)
    await storage.set_state(OTHER, Asking.follow_up)

    with store.transaction() as repo:
        repo.delete_owner_data(f"telegram:{USER}")

    fresh = SqlStorage(store.engine)
    assert await fresh.get_state(KEY) is None
    assert await fresh.get_state(OTHER) == Asking.follow_up.state
