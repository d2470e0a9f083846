"""Staff defect: rewording the question of an answer already in the FAQ was not applied.

An officer who published a staff answer with a plain `/faq` (the asker's own words: a name,
a town) and then wrote `/faq Peut-on … ?` on the same answer to reword it was told « déjà
dans la FAQ » and the rewording was dropped; the console's « Ajouter à la FAQ » field, posted
from a page opened before the answer was published, did the same. Now the entry already
published from that question takes the rewording (same length rule), staff are told the
question applicants will now read, and the FAQ's listings and the knowledge base's answers
show it. (`/faq_question N …` rewords an entry by its number, and keeps doing so.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import SupportService
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.test_bot_questions_e2e import (
    STAFF,
    STAFF_MEMBER,
    TEAM_ANSWER,
    api,
    escalate,
    running_bot,
    staff_posts,
    texts,
)
from tests.test_support_service import ALICE, BOB, UNANSWERED, Clock, asked_id, fake_finder

__all__ = ["api"]  # the fake Bot API fixture

ASKED = "Nous sommes l'ACI de Béthune, quel est le montant maximum de la subvention ?"
REWORDED = "Quel est le montant maximum de la subvention ?"


def test_the_service_rewords_the_entry_already_published_from_the_question(
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
    first = support.faq_from_staff_message(-100, 51)  # plain `/faq`: the asker's words
    assert first is not None and first.entry is not None

    again = support.faq_from_staff_message(-100, 51, "  Quel est le délai  d’instruction ? ")
    assert again is not None and again.already and again.reworded
    assert again.entry is not None and again.entry.id == first.entry.id
    assert again.entry.question == "Quel est le délai d’instruction ?"
    [entry] = support.faq_entries()
    assert (entry.question, entry.answer) == ("Quel est le délai d’instruction ?", "Trois mois.")
    assert "Quel est le délai d’instruction ?" in support.faq_list_message().html
    [message] = support.answer_question(BOB, 0, "Quel est le délai d’instruction ?")
    assert "Trois mois." in message.html
    assert "à la question « Quel est le délai d’instruction ? »" in message.html

    # The console's field (a page opened before the entry was published) does the same.
    answer = support.thread(number)[-1]
    console = support.faq_from_answer(number, answer.id, "Combien de temps dure l’instruction ?")
    assert console is not None and console.reworded
    assert [e.question for e in support.faq_entries()] == ["Combien de temps dure l’instruction ?"]
    # The same words again, or none: already there, nothing changes.
    same = support.faq_from_staff_message(-100, 51, "Combien de temps dure l’instruction ?")
    assert same is not None and same.already and not same.reworded
    plain = support.faq_from_staff_message(-100, 51)
    assert plain is not None and plain.already and not plain.reworded
    assert [e.question for e in support.faq_entries()] == ["Combien de temps dure l’instruction ?"]


@pytest.mark.slow
async def test_an_officer_rewording_a_published_question_with_faq_sees_it_applied(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        first, second = FakeUser(api, 2071), FakeUser(api, 2072)
        post, _ = await escalate(first, ASKED)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await first.wait_reply(timeout=30)
        reply = max(
            (m for m in api.chats[STAFF].messages.values() if m.get("text") == TEAM_ANSWER),
            key=lambda m: m["message_id"],
        )
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [added] = await staff_posts(api, before)
        assert "Ajouté à la FAQ (n° 1)" in added["text"] and "Béthune" in added["text"]

        sim.user_command(
            STAFF_MEMBER, "faq", REWORDED, chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [reworded] = await staff_posts(api, before + 1)
        assert "déjà dans la FAQ (n° 1)" in reworded["text"]
        assert f"les candidats liront désormais « {REWORDED} »" in reworded["text"]
        assert bot.query("SELECT question FROM faq_entry") == [(REWORDED,)]

        sim.user_command(STAFF_MEMBER, "faq_liste", chat_id=STAFF)
        [listing] = await staff_posts(api, before + 2)
        assert f"Question : {REWORDED}" in listing["text"] and "Béthune" not in listing["text"]

        await second.send(f"/question {REWORDED}")
        replies = await second.wait_reply(timeout=30, count=2)
        assert f"à la question « {REWORDED} »" in texts(replies)
        assert "Béthune" not in texts(replies)
        assert await bot.stop() == 0


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


async def test_the_console_field_rewords_an_entry_already_published(bench: ConsoleBench) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse",
        data={"reponse": "Oui, au réel, en charges directes.", "csrf": csrf},
    )
    answer = bench.app.support.thread(number)[-1]
    form = {"message": str(answer.id), "csrf": csrf}
    await bench.client.post(f"/console/questions/{number}/faq", data=form)
    [entry] = bench.app.support.faq_entries()

    # A colleague's page, opened before: its field carries a rewording.
    wording = "Les frais de déplacement des salariés sont-ils pris en charge ?"
    done = await bench.client.post(
        f"/console/questions/{number}/faq", data={**form, "question": wording}
    )
    page = await done.text()
    assert "rien n’a été ajouté, mais sa question est reformulée" in page
    assert f"les candidats liront désormais « {wording} »" in page
    assert [(e.id, e.question) for e in bench.app.support.faq_entries()] == [(entry.id, wording)]
    faq = await (await bench.client.get("/console/faq")).text()
    assert f"N° {entry.id} — {wording}" in faq
    journal = [e.action for e in bench.app.console.audit_log()]
    assert journal[0] == "faq_edit"
