"""Staff defect: a closed question still took an answer from the staff group.

The web console refused to answer a closed question (its applicant was told it is settled),
but in the Telegram staff group `/repondre N texte`, or a reply to the bot's post of the
question, still sent the answer to the applicant. Now one rule of the service decides for
both (`dialogs.support.takes_answers`, applied by `SupportService.staff_reply`): nothing is
recorded nor sent, and staff read why and what to do (the question opens again when the
applicant writes again).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import AnswerRefused, Relay, SupportService
from storage.repository import SqlStore
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.test_bot_questions_e2e import (
    STAFF,
    STAFF_MEMBER,
    TEAM_ANSWER,
    UNANSWERED,
    api,
    escalate,
    running_bot,
    staff_posts,
    ticket_number,
)
from tests.test_support_service import ALICE, Clock, asked_id, fake_finder

__all__ = ["api"]  # the fake Bot API fixture


def test_the_service_refuses_an_answer_to_a_closed_question_and_records_nothing(
    store: SqlStore,
) -> None:
    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=Clock(),
        finder=fake_finder,
    )
    escalation = support.escalate(ALICE, asked_id(support, ALICE, UNANSWERED))
    assert escalation is not None and escalation.posting is not None
    number = escalation.posting.ticket.id
    assert isinstance(support.staff_reply(number, "Trois mois."), Relay)
    asking = support.close(number)  # the answer not yet delivered: confirmed on the prompt
    assert asking is not None and asking.needs_confirmation
    closing = support.close(number, confirmed=True, seen=asking.seen)
    assert closing is not None and closing.ticket.status == "closed"
    before = support.thread(number)

    refused = support.staff_reply(number, "Une précision.", chat_id=-100, staff_message_id=9)
    assert isinstance(refused, AnswerRefused) and refused.reason == "closed"
    assert refused.ticket.id == number and refused.ticket.status == "closed"
    assert support.thread(number) == before, "nothing recorded"
    assert support.ticket_of_staff_message(-100, 9) is None

    # The applicant writes again: the question opens again and takes answers.
    assert support.follow_up(ALICE, number, "Et pour un second dossier ?") is not None
    assert isinstance(support.staff_reply(number, "Pareil."), Relay)


@pytest.mark.slow
async def test_an_officer_answering_a_closed_question_in_the_group_is_told_it_is_closed(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        applicant = FakeUser(api, 2051)
        post, _ = await escalate(applicant, UNANSWERED)
        number = ticket_number(post)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await applicant.wait_reply(timeout=30)
        before = len(api.sent_messages(STAFF))
        sim.user_command(STAFF_MEMBER, "clore", str(number), chat_id=STAFF)
        [closed] = await staff_posts(api, before)
        assert f"Question n° {number} close" in closed["text"]
        await applicant.wait_reply(timeout=30)  # « votre question est close »
        messages = bot.query("SELECT count(*) FROM ticket_message")

        # `/repondre N texte` from anywhere in the group: refused, as in the console.
        before = len(api.sent_messages(STAFF))
        sim.user_command(STAFF_MEMBER, "repondre", f"{number} Une précision encore.", chat_id=STAFF)
        [note] = await staff_posts(api, before)
        assert f"La question n° {number} est close" in note["text"]
        assert "votre réponse n’a pas été envoyée au candidat" in note["text"]
        assert "se rouvre s’il écrit de nouveau" in note["text"]
        assert f"/repondre {number} votre réponse" in note["text"]

        # A reply (Telegram's « Répondre ») to the bot's post of the question: the same.
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], "Autre précision.")
        [again] = await staff_posts(api, before + 1)
        assert f"La question n° {number} est close" in again["text"]

        await applicant.wait_reply(timeout=3, count=0)
        assert not any("précision" in (m.get("text") or "") for m in applicant.messages)
        assert bot.query("SELECT count(*) FROM ticket_message") == messages
        assert bot.query(f"SELECT status FROM ticket WHERE id = {number}") == [("closed",)]
        assert await bot.stop() == 0
