"""Issue 11, defect 5: an announcement cut by a crash loses nobody silently.

Recipients used to be claimed before the rate limiter's wait: a crash lost every recipient
waiting for its turn (12 SIGKILLs during a 60-recipient /annonce lost 45), and the report
called them "already sent before an interruption". Now a recipient is claimed only as its
message leaves, so a crash can leave at most the messages on their way (one per sender),
reported apart as interrupted; a restart resumes the others (`tests/test_staff_run.py` runs
the whole story with SIGKILL).
"""

from __future__ import annotations

import asyncio

from bot.broadcast import WORKERS, broadcast, rate_limiter
from dialogs.staff import Applicant


def applicants(count: int) -> list[Applicant]:
    return [Applicant(f"telegram:{n}", n) for n in range(1, count + 1)]


async def test_a_crash_while_recipients_wait_their_turn_loses_none_of_them() -> None:
    claimed: list[int] = []
    left: list[int] = []  # messages that started to leave

    async def claim(applicant: Applicant) -> bool:
        claimed.append(applicant.chat_id)
        return True

    async def send(chat_id: int, text: str) -> None:
        left.append(chat_id)

    async def on_blocked(applicant: Applicant) -> None:
        raise AssertionError("nobody blocked the bot")

    run = asyncio.create_task(
        broadcast(
            applicants(60),
            "Réunion le 3 décembre",
            send=send,
            on_blocked=on_blocked,
            claim=claim,
            limiter=rate_limiter(10),  # slow: the senders wait their turn most of the time
        )
    )
    await asyncio.sleep(1.05)
    run.cancel()  # the process dies
    await asyncio.gather(run, return_exceptions=True)

    assert len(left) >= 5, "some messages went out before the crash"
    lost = [chat_id for chat_id in claimed if chat_id not in left]
    assert lost == [], f"claimed but never sent, and never to be: {lost}"
    assert len(set(claimed)) == len(claimed) <= len(left) + WORKERS
