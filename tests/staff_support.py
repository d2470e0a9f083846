"""A database holding several dossiers at different stages, for the staff tools' tests.

Built through the interview service, like applicants would: one complete application with its
draft, one stopped in the action plan, one ineligible, one that only opened the bot, and one
whose organisation name is hostile (markup, a spreadsheet formula).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.clock import FixedClock
from dialogs.events import Text
from dialogs.ports import Store
from dialogs.service import DraftRenderer, InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from drafts import render_draft_files
from storage.transfer import export_all
from tests.fakebotapi import FakeUser
from tests.support import script_lines

COMPLETE, IN_PLAN, INELIGIBLE, JUST_OPENED, HOSTILE = (
    "telegram:1001",
    "telegram:1002",
    "telegram:1003",
    "telegram:1004",
    "telegram:1005",
)
HOSTILE_NAME = '=HYPERLINK("http://x";"<b>Réseau & Cie</b>")'
START = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)


class SteppingClock:
    """A clock that moves one minute each time it is read, so activity dates differ."""

    def __init__(self, start: dt.datetime) -> None:
        self.instant = start

    def now(self) -> dt.datetime:
        self.instant += dt.timedelta(minutes=1)
        return self.instant


@dataclass(frozen=True)
class Population:
    numbers: dict[str, int]  # owner -> dossier number


def populate(store: Store, *, drafts: bool = True) -> Population:
    clock = SteppingClock(START)
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=clock,
        drafts=render_draft_files if drafts else None,
    )
    lines = script_lines()
    numbers: dict[str, int] = {}

    def play(owner: str, chat_id: int, answers: list[str]) -> None:
        service.show(owner, chat_id=chat_id)
        for line in answers:
            service.handle(owner, Text(line), chat_id=chat_id)
        number = service.show(owner, chat_id=chat_id).dossier_id
        assert number is not None
        numbers[owner] = number

    play(COMPLETE, 1001, lines)
    play(IN_PLAN, 1002, lines[: lines.index("Former les encadrants techniques") + 6])
    play(INELIGIBLE, 1003, ["1", "4"])
    play(JUST_OPENED, 1004, [])
    play(HOSTILE, 1005, [*lines[:5], HOSTILE_NAME, *lines[6:12]])
    return Population(numbers)


def fixed_clock() -> FixedClock:
    return FixedClock(dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC))


async def announce(
    staff: FakeUser,
    text: str,
    *,
    audience: str | None = None,
    timeout: float = 30,  # noqa: ASYNC109 - like FakeUser.wait_reply's
) -> list[dict[str, Any]]:
    """Play `/annonce TEXTE` like a staff member: read the preview (the message as
    applicants will get it, then the control message), pick `audience` (a button's label,
    or its beginning) if given, click "Envoyer"; returns the preview's two messages."""
    await staff.send(f"/annonce {text}")
    preview = await staff.wait_reply(timeout=timeout, count=2)
    if audience is not None:
        await staff.click(audience)
        await staff.wait_reply(timeout=timeout)
    await staff.click("Envoyer")
    return preview


def staff_service(store: Store, *, drafts: DraftRenderer | None = None) -> StaffService:
    """The staff tools over `store`, at the fixed clock, as the staff tests use them."""
    return StaffService(
        specs=load_shipped_spec,
        store=store,
        clock=fixed_clock(),
        drafts=drafts,
        json_export=export_all,
    )
