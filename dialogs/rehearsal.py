"""The interview rehearsed once in memory, after the bot starts: its first applicants then
find the messages' templates compiled and the answer readers' patterns built.

Why: a process compiles each message's template (a Jinja macro, 2–5 ms) and each reader's
pattern (up to 15 ms for the vocabulary's longest lists) the first time an applicant needs
them, on that applicant's reply. Over a whole interview that is about 0,4–0,6 s of CPU spread
over the first replies after every restart; rehearsing a scripted interview in a worker
thread pays it once, ahead, off the applicants' path (about 0,8 s of CPU in the background,
printed apart by `bench/bench_bot_load.py` as start-up work).

The script is the natural-answers example (`examples/conversations/candidature-naturelle.txt`):
answers as people type them, not the bench's own script, so that the rehearsal warms what
any interview uses rather than one path. It runs the engine only: no database, nothing sent,
nothing kept; a line next year's form reads otherwise only gets its message back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from dialogs.engine import Channel, Interview
from dialogs.events import Command, Text
from dialogs.spec import CallSpec

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "conversations"
SCRIPT = EXAMPLES / "candidature-naturelle.txt"


def rehearse(
    spec: CallSpec,
    today: dt.date,
    *,
    channel: Channel = "telegram",
    relay: bool = True,
    script: Path = SCRIPT,
    until: Callable[[], bool] | None = None,
) -> int:
    """Play `script`'s lines, one answer each, through a new dossier of `spec`'s interview
    (in memory), stopping early once `until()` holds (the bot stopping); returns how many
    were played (0 when the script is missing)."""
    try:
        lines = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        return 0
    interview = Interview(spec, channel=channel, relay=relay)
    dossier = interview.handle(interview.new_dossier(), Command("start"), today).dossier
    played = 0
    for line in lines:
        if until is not None and until():
            break
        dossier = interview.handle(dossier, Text(line), today).dossier
        played += 1
    return played
