"""Staff defect: a reworded FAQ question that was too long was silently cut.

`/faq Peut-on … ?` saved the first 3 000 characters of the rewording, and the console's
question fields (« Ajouter à la FAQ » on a question's page, the FAQ page) carried a
`maxlength` that made the browser cut a pasted text without a word. Now one length rule
(`dialogs.support.MAX_FAQ_QUESTION`, on the question as saved) refuses the rewording whole
at every entry point — `/faq …`, `/faq_question N …`, both console fields — with the limit
and the current length, and nothing is saved.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from dialogs.money import format_number
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import MAX_FAQ_QUESTION, SupportService
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
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
)
from tests.test_support_service import ALICE, Clock, asked_id, fake_finder

__all__ = ["api"]  # the fake Bot API fixture

#: A rewording past the limit (3 069 characters), as an officer pasting a long text would.
TOO_LONG = "Peut-on " + "vraiment " * 340 + "?"
LENGTH = len(TOO_LONG)


def test_the_rewording_used_here_is_too_long_yet_fits_in_a_telegram_message() -> None:
    assert MAX_FAQ_QUESTION < LENGTH < 4096 - len("/faq_question 1 ")


def test_the_service_refuses_a_too_long_faq_question_at_every_entry_point(
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
    support.staff_reply(number, "Trois mois.", chat_id=-100, staff_message_id=51)

    refused = support.faq_from_staff_message(-100, 51, TOO_LONG)  # `/faq Peut-on … ?`
    assert refused is not None and refused.entry is None
    assert (refused.problem, refused.length) == ("question_too_long", LENGTH)
    assert support.faq_entries() == [], "nothing saved, nothing cut"
    answer = support.thread(number)[-1]
    console = support.faq_from_answer(number, answer.id, TOO_LONG)  # « Ajouter à la FAQ »
    assert console is not None and console.entry is None and console.length == LENGTH
    assert support.faq_entries() == []

    added = support.faq_from_staff_message(-100, 51)
    assert added is not None and added.entry is not None
    entry = added.entry
    reworded = support.reword_faq_question(entry.id, TOO_LONG)  # `/faq_question N …`
    assert (reworded.entry, reworded.problem, reworded.length) == (
        None,
        "question_too_long",
        LENGTH,
    )
    edited = support.edit_faq(entry.id, "Deux mois.", TOO_LONG)  # the console's FAQ page
    assert (edited.problem, edited.length) == ("question_too_long", LENGTH)
    assert support.faq_entries() == [entry], "unchanged"
    # At the limit exactly, it is saved whole.
    fits = "x" * MAX_FAQ_QUESTION
    assert support.reword_faq_question(entry.id, fits).entry is not None
    assert support.faq_entries()[0].question == fits


@pytest.mark.slow
async def test_an_officer_pasting_a_too_long_faq_question_in_the_group_is_told_its_length(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    told = f"{format_number(LENGTH)} caractères pour {format_number(MAX_FAQ_QUESTION)} au plus"
    async with running_bot(api, tmp_path) as bot:
        applicant = FakeUser(api, 2061)
        post, _ = await escalate(applicant, UNANSWERED)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await applicant.wait_reply(timeout=30)
        reply = max(
            (m for m in api.chats[STAFF].messages.values() if m.get("text") == TEAM_ANSWER),
            key=lambda m: m["message_id"],
        )
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER, "faq", TOO_LONG, chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [refused] = await staff_posts(api, before)
        assert "Cette question est trop longue" in refused["text"] and told in refused["text"]
        assert "rien n’a été enregistré" in refused["text"]
        assert bot.query("SELECT count(*) FROM faq_entry") == [(0,)]

        sim.user_command(
            STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [added] = await staff_posts(api, before + 1)
        assert "Ajouté à la FAQ (n° 1)" in added["text"]
        sim.user_command(STAFF_MEMBER, "faq_question", f"1 {TOO_LONG}", chat_id=STAFF)
        [again] = await staff_posts(api, before + 2)
        assert "Cette question est trop longue" in again["text"] and told in again["text"]
        assert "réponse" not in again["text"], "it is the question that is too long"
        assert bot.query("SELECT question FROM faq_entry") == [(UNANSWERED,)]
        assert await bot.stop() == 0


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


async def test_the_console_refuses_a_too_long_faq_question_and_shows_it_whole(
    bench: ConsoleBench,
) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    told = f"{format_number(LENGTH)} caractères pour {format_number(MAX_FAQ_QUESTION)} au plus"
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse",
        data={"reponse": "Oui, au réel, en charges directes.", "csrf": csrf},
    )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "maxlength" not in page.split("Ajouter à la FAQ")[0], "no silent cut by the browser"
    answer = bench.app.support.thread(number)[-1]
    refused = await bench.client.post(
        f"/console/questions/{number}/faq",
        data={"message": str(answer.id), "question": TOO_LONG, "csrf": csrf},
    )
    page = await refused.text()
    assert refused.status == 400 and "Cette question est trop longue" in page and told in page
    assert f'value="{TOO_LONG}"' in page, "the whole rewording, to shorten"
    assert bench.app.support.faq_entries() == []

    await bench.client.post(
        f"/console/questions/{number}/faq", data={"message": str(answer.id), "csrf": csrf}
    )
    [entry] = bench.app.support.faq_entries()
    faq = await (await bench.client.get("/console/faq")).text()
    assert 'name="question" maxlength' not in faq
    refused = await bench.client.post(
        f"/console/faq/{entry.id}",
        data={"question": TOO_LONG, "reponse": entry.answer, "csrf": csrf},
    )
    page = await refused.text()
    assert refused.status == 400 and "Cette question est trop longue" in page and told in page
    assert f"L’entrée n° {entry.id} est inchangée" in page
    assert f'value="{TOO_LONG}"' in page
    assert bench.app.support.faq_entries() == [entry]
