"""Questions end to end: `aap-bot run` as a process against the fake Bot API, with a staff group.

Applicants ask; the bot answers from the call with its source, or hands the question to the
Département's team in the staff group (one forum topic per applicant when the group is a
forum); the team's replies come back, follow-ups thread, `/clore` closes, `/faq` publishes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.bot_support import BotProcess, answer_line, interview_steps, start_bot, texts
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator

pytestmark = pytest.mark.slow

STAFF = -1001000000001
STAFF_MEMBER = 9001
ANSWERED = "Quelle est la date limite pour candidater ?"
UNANSWERED = "Quel est le montant maximum de la subvention ?"
ESCALATE = "Poser la question à l’équipe du Département"  # alone: the bot found no answer
NOT_HELPED = "Non, poser la question à l’équipe du Département"  # beside "Oui"
TEAM_ANSWER = "Il n’y a pas de plafond <fixe> & tout dépend du budget présenté."


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as server:
        yield server


@asynccontextmanager
async def running_bot(api: FakeBotAPI, tmp_path: Path, **extra: str) -> AsyncIterator[BotProcess]:
    process = await start_bot(api, tmp_path, STAFF_CHAT_ID=str(STAFF), **extra)
    try:
        yield process
    finally:
        if process.returncode is None:
            await process.kill()
        assert api.token not in process.output(), "the token leaked into the logs"


def with_button(messages: list[dict[str, Any]], label: str) -> dict[str, Any]:
    """The (last) message carrying a button with this label."""
    found = [
        m
        for m in messages
        for row in (m.get("reply_markup") or {}).get("inline_keyboard", [])
        for b in row
        if b.get("text") == label
    ]
    assert found, f"no button {label!r} in {texts(messages)!r}"
    return found[-1]


async def click(user: FakeUser, message: dict[str, Any], label: str) -> dict[str, Any]:
    """Press a button of a given message (not necessarily the last keyboard) and wait for
    what the bot sends after; returns the callback query update."""
    await user.wait_reply(timeout=0.2, count=0, settle=0)  # the mark: replies from now on
    update = Simulator(user.api).click(user.user_id, message, label=label)
    return update


async def staff_posts(api: FakeBotAPI, after: int, count: int = 1) -> list[dict[str, Any]]:
    return await api.wait_for_messages(STAFF, count, after=after, timeout=30)


async def escalate(user: FakeUser, question: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Ask `question` (which the call does not answer) and hand it to the team; returns the
    ticket's post in the staff group and what the applicant was told."""
    await user.send(f"/question {question}")
    replies = await user.wait_reply(timeout=30, count=2)
    assert "ne répond pas à cette question" in texts(replies)
    before = len(user.api.sent_messages(STAFF))
    await click(user, with_button(replies, ESCALATE), ESCALATE)
    [post] = await staff_posts(user.api, before)
    told = await user.wait_reply(timeout=30)
    assert "transmise à l’équipe du Département" in texts(told)
    return post, told


def ticket_number(post: dict[str, Any]) -> int:
    text = str(post["text"])
    return int(text.split("Question n° ", 1)[1].split()[0])


async def fill_organisation(user: FakeUser, name: str) -> None:
    """Play the interview up to the organisation's name, answering `name` for it."""
    await user.send("/start")
    await user.wait_reply(timeout=30)
    for line in interview_steps()[1:8]:
        await answer_line(user, name if line == "Inser'Réseau 62" else line)


# -- answering from the call -------------------------------------------------------------------


async def test_a_question_is_answered_from_the_call_with_its_source(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2001)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        await user.send(f"/question {ANSWERED}")
        replies = await user.wait_reply(timeout=30, count=2)
        answer = with_button(replies, "Oui")
        assert "du 15/01/2025 au 14/02/2025 inclus" in answer["text"]
        assert "Source : Durée et financement › Durée de l’Appel à projets" in answer["text"]
        assert "Cette réponse vous aide-t-elle ?" in answer["text"]
        assert with_button(replies, NOT_HELPED) is answer
        assert replies[-1].get("reply_markup"), "the interview's question comes back last"
        update = await click(user, answer, "Oui")
        query_id = str(update["callback_query"]["id"])
        thanks = await api.wait_until(lambda: api.callback_answer(query_id), timeout=30)
        assert thanks.get("text") == "Merci !"

        # Free text ending with "?" outside a typed field is a question too.
        await user.send("Quel est le montant maximum de la subvention ?")
        replies = await user.wait_reply(timeout=30, count=2)
        offer = with_button(replies, ESCALATE)
        assert "ne répond pas à cette question" in offer["text"]
        # Alone under the message, the button says what it does: no "Non," without a "Oui".
        assert [b["text"] for row in offer["reply_markup"]["inline_keyboard"] for b in row] == [
            "Poser la question à l’équipe du Département"
        ]

        # "/question" alone asks for the question; so does /aide's "Poser une question".
        await user.send("/question")
        assert "Quelle est votre question" in texts(await user.wait_reply(timeout=30))
        await user.send(ANSWERED)
        assert "14/02/2025" in texts(await user.wait_reply(timeout=30, count=2))
        await user.send("/aide")
        replies = await user.wait_reply(timeout=30, count=3)
        await click(user, with_button(replies, "❓ Poser une question"), "❓ Poser une question")
        assert "Quelle est votre question" in texts(await user.wait_reply(timeout=30))
        assert api.sent_messages(STAFF) == [], "nothing was escalated"
        french = api.commands[('{"type": "default"}', "fr")]
        assert {"question", "mes_questions"} <= {c["command"] for c in french}
        assert await bot.stop() == 0


async def test_poser_une_question_pressed_by_mistake_can_be_cancelled_back_to_the_siret(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2005)
        await user.send("/start")
        await user.wait_reply(timeout=30)
        for line in interview_steps()[1:7]:  # up to the organisation's name: now its SIRET
            await answer_line(user, line)
        await user.send("/aide")
        replies = await user.wait_reply(timeout=30, count=3)
        await click(user, with_button(replies, "❓ Poser une question"), "❓ Poser une question")
        [prompt] = await user.wait_reply(timeout=30)
        assert "Quelle est votre question" in prompt["text"]
        await click(user, with_button([prompt], "Annuler"), "Annuler")
        replies = await user.wait_reply(timeout=30, count=2)
        assert "Question annulée" in texts(replies)
        assert "numéro SIRET" in replies[-1]["text"], "the interview's question again"
        await user.send("732 829 320 00074")
        replies = await user.wait_reply(timeout=30)
        assert "forme juridique" in texts(replies), "the SIRET went to the interview"
        assert bot.query("SELECT COUNT(*) FROM asked_question") == [(0,)]

        # "/question" alone, then /annuler: the same way out.
        await user.send("/question")
        assert "Quelle est votre question" in texts(await user.wait_reply(timeout=30))
        await user.send("/annuler")
        replies = await user.wait_reply(timeout=30, count=2)
        assert "Question annulée" in texts(replies)
        assert "pas de saisie en cours" not in texts(replies)
        assert bot.query("SELECT COUNT(*) FROM asked_question") == [(0,)]

        # "annuler" typed (no slash) is no question either.
        await user.send("/question")
        assert "Quelle est votre question" in texts(await user.wait_reply(timeout=30))
        await user.send("Annuler")
        replies = await user.wait_reply(timeout=30, count=2)
        assert "Question annulée" in texts(replies)
        assert bot.query("SELECT COUNT(*) FROM asked_question") == [(0,)]
        assert await bot.stop() == 0


# -- escalation and relay ----------------------------------------------------------------------


async def test_an_escalated_question_is_answered_by_staff_followed_up_and_closed(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2002)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        assert "Organisme : Inser'Réseau 62" in post["text"]
        assert "complet à" in post["text"] and UNANSWERED in post["text"]
        assert "Le bot n’a pas trouvé la réponse dans l’appel à projets" in post["text"]
        assert "message_thread_id" not in post, "not a forum: plain posts with their number"
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]

        # A staff member replies to the ticket: only their text reaches the applicant.
        sim = Simulator(api)
        reply = sim.staff_reply(
            STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER, first_name="Agnès"
        )
        [answer] = await user.wait_reply(timeout=30)
        assert answer["text"].startswith("💬 Réponse de l’équipe du Département")
        assert TEAM_ANSWER in answer["text"] and "&lt;fixe&gt;" in answer["raw_text"]
        assert "Agnès" not in answer["raw_text"] and str(STAFF_MEMBER) not in answer["raw_text"]
        # Delivered: the staff member sees 👌 on their message (✅ is no reaction Telegram
        # lets bots use), and nothing else is posted in the group.
        reply_id = reply["message"]["message_id"]
        await api.wait_until(lambda: api.reaction(STAFF, reply_id) or None, timeout=30)
        assert api.reaction(STAFF, reply_id) == ["👌"]
        assert "Question n°" in api.sent_messages(STAFF)[-1]["text"]
        await api.wait_until(
            lambda: (
                bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("answered",)]
                or None
            ),
            timeout=30,
        )
        staff_reply_id = max(m["message_id"] for m in api.chats[STAFF].messages.values())

        # The applicant replies to the answer: the follow-up threads under the staff reply.
        before = len(api.sent_messages(STAFF))
        await user.send(
            "Merci ! Et pour un second dossier ?", reply_to_message_id=answer["message_id"]
        )
        [follow_up] = await staff_posts(api, before)
        assert f"Question n° {number}" in follow_up["text"]
        assert "Et pour un second dossier ?" in follow_up["text"]
        assert follow_up["reply_to_message"]["message_id"] == staff_reply_id
        assert "transmis" in texts(await user.wait_reply(timeout=30))
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]

        # "Répondre à l'équipe" pressed by mistake: "Annuler", /annuler or "annuler" typed sends
        # nothing to the team and asks the interview's question again.
        before = len(api.sent_messages(STAFF))
        for way_out in ("button", "/annuler", "Annuler"):
            await click(user, answer, "Répondre à l’équipe")
            [prompt] = await user.wait_reply(timeout=30)
            assert f"question n° {number}" in prompt["text"]
            if way_out == "button":
                await click(user, with_button([prompt], "Annuler"), "Annuler")
            else:
                await user.send(way_out)
            replies = await user.wait_reply(timeout=30, count=2)
            assert "Message annulé : rien n’a été envoyé" in texts(replies), way_out
            assert "pas de saisie en cours" not in texts(replies), way_out
        assert len(api.sent_messages(STAFF)) == before, "nothing reached the staff group"

        # Or with the "Répondre à l'équipe" button, then a message.
        await click(user, answer, "Répondre à l’équipe")
        assert f"question n° {number}" in texts(await user.wait_reply(timeout=30))
        before = len(api.sent_messages(STAFF))
        await user.send("Une dernière précision : nous sommes deux réseaux.")
        [again] = await staff_posts(api, before)
        assert "deux réseaux" in again["text"] and f"Question n° {number}" in again["text"]
        await user.wait_reply(timeout=30)

        # /clore in reply to the follow-up closes the ticket; the applicant is told.
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER, "clore", chat_id=STAFF, reply_to_message_id=follow_up["message_id"]
        )
        [closed_note] = await staff_posts(api, before)
        assert f"Question n° {number} close" in closed_note["text"]
        assert "informé" in closed_note["text"]
        told = await user.wait_reply(timeout=30)
        assert f"✅ Votre question n° {number} « " in texts(told) and "a été close" in texts(told)
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("closed",)]
        authors = bot.query(
            "SELECT author FROM ticket_message WHERE ticket_id = ? ORDER BY id", number
        )
        assert [a for (a,) in authors] == ["applicant", "staff", "applicant", "applicant"]

        await user.send("/mes_questions")
        listing = texts(await user.wait_reply(timeout=30))
        assert f"n° {number} — close — {UNANSWERED}" in listing
        assert await bot.stop() == 0


async def test_a_forum_staff_group_gets_one_topic_per_applicant(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.make_forum(STAFF, "Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        alice = FakeUser(api, 2011, first_name="Alice")
        bruno = FakeUser(api, 2012, first_name="Bruno")
        await fill_organisation(alice, "Inser'Réseau 62")
        await fill_organisation(bruno, "<Réseau & Cie>")
        first, _ = await escalate(alice, UNANSWERED)
        second, _ = await escalate(alice, "Peut-on joindre une vidéo de présentation ?")
        other, _ = await escalate(bruno, UNANSWERED)
        topics = api.chats[STAFF].topics
        assert first["message_thread_id"] == second["message_thread_id"]
        assert other["message_thread_id"] != first["message_thread_id"]
        assert topics[first["message_thread_id"]].name == "Inser'Réseau 62 — Alice"
        assert topics[other["message_thread_id"]].name == "<Réseau & Cie> — Bruno"
        assert api.call_count("createForumTopic", ok=True) == 2

        # A note among staff in Alice's topic (not a reply to her words) stays internal.
        sim = Simulator(api)
        sim.user_text(
            STAFF_MEMBER,
            "(note interne) tu peux vérifier avec le service financier ?",
            STAFF,
            chat_type="supergroup",
            message_thread_id=first["message_thread_id"],
        )
        await alice.wait_reply(timeout=3, count=0)
        assert not [m for m in alice.messages if "note interne" in (m.get("text") or "")]

        # /repondre in her topic goes to Alice, about her latest ticket, and staff see 👌.
        command = sim.user_command(
            STAFF_MEMBER,
            "repondre",
            "Pas de vidéo, merci.",
            chat_id=STAFF,
            chat_type="supergroup",
            message_thread_id=first["message_thread_id"],
        )
        [answer] = await alice.wait_reply(timeout=30)
        assert f"(question n° {ticket_number(second)})" in answer["text"]
        assert "à votre question « " in answer["text"]
        assert "Pas de vidéo, merci." in answer["text"] and "/repondre" not in answer["text"]
        assert not [m for m in bruno.messages if "vidéo" in (m.get("text") or "")]
        staff_message = command["message"]["message_id"]
        await api.wait_until(lambda: api.reaction(STAFF, staff_message) or None, timeout=30)
        assert api.reaction(STAFF, staff_message) == ["👌"]

        # Alice's follow-up lands in her topic.
        before = len(api.sent_messages(STAFF))
        await alice.send("Entendu, merci.", reply_to_message_id=answer["message_id"])
        [follow_up] = await staff_posts(api, before)
        assert follow_up["message_thread_id"] == first["message_thread_id"]

        # /clore in the topic closes the latest ticket in progress and tells Alice.
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER, "clore", chat_id=STAFF, message_thread_id=first["message_thread_id"]
        )
        [note] = await staff_posts(api, before)
        assert note["message_thread_id"] == first["message_thread_id"]
        assert f"Question n° {ticket_number(second)} close" in note["text"]
        assert "a été close" in texts(await alice.wait_reply(timeout=30))

        # An admin deletes Alice's topic: her next ticket gets a new one.
        api.delete_topic(STAFF, first["message_thread_id"])
        third, _ = await escalate(alice, "Faut-il un commissaire aux comptes ?")
        assert third["message_thread_id"] not in (
            first["message_thread_id"],
            other["message_thread_id"],
        )
        assert topics[third["message_thread_id"]].name == "Inser'Réseau 62 — Alice"
        assert api.call_count("createForumTopic", ok=True) == 3
        assert api.call_count("sendMessage", ok=False) >= 1, "the post to the deleted topic"
        [(thread,)] = bot.query(
            "SELECT message_thread_id FROM staff_topic WHERE owner = ?", "telegram:2011"
        )
        assert thread == third["message_thread_id"]
        assert await bot.stop() == 0


async def test_staff_see_who_asks_and_the_topic_takes_the_organisations_name(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.make_forum(STAFF, "Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        camille = FakeUser(api, 2015, first_name="Camille")
        await camille.send("/start")
        await camille.wait_reply(timeout=30)
        first, _ = await escalate(camille, UNANSWERED)
        thread = first["message_thread_id"]
        [(dossier,)] = bot.query("SELECT id FROM dossier WHERE owner = 'telegram:2015'")
        assert api.chats[STAFF].topics[thread].name == f"Dossier n° {dossier} — Camille"
        assert "Candidat : Camille" in first["text"]
        assert '<a href="tg://user?id=2015">Camille</a>' in first["raw_text"]
        assert "éligibilité à déterminer" in first["text"] and "étape : " in first["text"]

        # Once the organisation is known, the next post renames the topic.
        for line in interview_steps()[1:8]:
            await answer_line(camille, line)
        second, _ = await escalate(camille, "Faut-il un commissaire aux comptes ?")
        assert second["message_thread_id"] == thread
        assert api.chats[STAFF].topics[thread].name == "Inser'Réseau 62 — Camille"
        assert "Organisme : Inser'Réseau 62" in second["text"]
        assert api.call_count("editForumTopic", ok=True) == 1
        assert await bot.stop() == 0


async def test_a_staff_answer_made_faq_answers_the_next_applicant_at_once(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        first, second = FakeUser(api, 2021), FakeUser(api, 2022)
        post, _ = await escalate(first, UNANSWERED)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await first.wait_reply(timeout=30)
        reply = max(
            (m for m in api.chats[STAFF].messages.values() if m.get("text") == TEAM_ANSWER),
            key=lambda m: m["message_id"],
        )

        # /faq in reply to the question (not an answer) explains; in reply to the answer, adds.
        before = len(api.sent_messages(STAFF))
        sim.user_command(STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=post["message_id"])
        [usage] = await staff_posts(api, before)
        assert "répondez par /faq au message de réponse" in usage["text"]
        sim.user_command(
            STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [added] = await staff_posts(api, before + 1)
        assert "Ajouté à la FAQ (n° 1)" in added["text"]
        assert bot.query("SELECT question, answer FROM faq_entry") == [(UNANSWERED, TEAM_ANSWER)]
        # An officer who adds the same answer to the FAQ twice is told it is already there.
        sim.user_command(
            STAFF_MEMBER, "faq", chat_id=STAFF, reply_to_message_id=reply["message_id"]
        )
        [again] = await staff_posts(api, before + 2)
        assert "déjà dans la FAQ (n° 1)" in again["text"] and "Ajouté" not in again["text"]
        assert bot.query("SELECT count(*) FROM faq_entry") == [(1,)]

        before = len(api.sent_messages(STAFF))
        await second.send(f"/question {UNANSWERED}")
        replies = await second.wait_reply(timeout=30, count=2)
        answer = with_button(replies, "Oui")
        assert TEAM_ANSWER in answer["text"]
        assert "Réponse de l’équipe du Département (" in answer["text"]
        assert "Ce que dit l’appel à projets" not in answer["text"]
        assert "ne répond pas" not in texts(replies)
        assert len(api.sent_messages(STAFF)) == before, "nothing escalated"
        assert await bot.stop() == 0


async def test_a_faq_entry_shows_other_applicants_the_question_as_staff_reworded_it(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """An officer found /faq published the asker's own words to every applicant the entry
    answers (« nous, l'ACI de Béthune, … »). « /faq Peut-on … ? » publishes the question
    reworded; a plain /faq says how the question reads and how to reword it later."""
    asked = "Nous sommes l'ACI de Béthune, quel est le montant maximum de la subvention ?"
    async with running_bot(api, tmp_path) as bot:
        first, second = FakeUser(api, 2041), FakeUser(api, 2042)
        post, _ = await escalate(first, asked)
        sim = Simulator(api)
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await first.wait_reply(timeout=30)
        reply = max(
            (m for m in api.chats[STAFF].messages.values() if m.get("text") == TEAM_ANSWER),
            key=lambda m: m["message_id"],
        )
        before = len(api.sent_messages(STAFF))
        sim.user_command(
            STAFF_MEMBER,
            "faq",
            "Quel est le montant maximum de la subvention ?",
            chat_id=STAFF,
            reply_to_message_id=reply["message_id"],
        )
        [added] = await staff_posts(api, before)
        assert "telle qu’ils la liront : « Quel est le montant maximum" in added["text"]
        assert "/faq_question 1" in added["text"]
        # (the answer is published as written too: a tester's answer named the asker's town)
        assert "avec la réponse telle qu’elle a été écrite" in added["text"]
        assert "/faq_modifier 1 nouvelle réponse" in added["text"]
        assert bot.query("SELECT question FROM faq_entry") == [
            ("Quel est le montant maximum de la subvention ?",)
        ]
        sim.user_command(
            STAFF_MEMBER, "faq_question", "1 Quel est le plafond de la subvention ?", chat_id=STAFF
        )
        [edited] = await staff_posts(api, before + 1)
        assert "liront désormais la question « Quel est le plafond" in edited["text"]

        await second.send(f"/question {UNANSWERED}")
        replies = await second.wait_reply(timeout=30, count=2)
        assert "Béthune" not in texts(replies)
        assert await bot.stop() == 0


async def test_only_what_is_meant_for_the_applicant_leaves_the_staff_group(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2033)
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        assert "tout autre message reste interne" in post["text"]
        sim = Simulator(api)

        # Talk among staff: a message, a reply to a colleague. Nothing leaves the group.
        note = sim.user_text(STAFF_MEMBER, "Qui prend la question ?", STAFF, chat_type="supergroup")
        sim.staff_reply(
            STAFF_MEMBER + 1, STAFF, note["message"]["message_id"], "(note interne) moi."
        )
        await user.wait_reply(timeout=3, count=0)
        assert not any("interne" in (m.get("text") or "") for m in user.messages)

        # /repondre with no ticket to go to, or a ticket that does not exist: staff are told.
        before = len(api.sent_messages(STAFF))
        sim.user_command(STAFF_MEMBER, "repondre", "Bonjour", chat_id=STAFF, chat_type="supergroup")
        [usage] = await staff_posts(api, before)
        assert "« /repondre N votre réponse »" in usage["text"]
        sim.user_command(
            STAFF_MEMBER, "repondre", "999 Bonjour", chat_id=STAFF, chat_type="supergroup"
        )
        [unknown] = await staff_posts(api, before + 1)
        assert "Je ne trouve pas de demande n° 999 : rien n’a été envoyé" in unknown["text"]

        # /repondre N TEXTE from anywhere in the group reaches the applicant of ticket N.
        command = sim.user_command(
            STAFF_MEMBER,
            "repondre",
            f"{number} Le plafond dépend du budget.",
            chat_id=STAFF,
            chat_type="supergroup",
        )
        [answer] = await user.wait_reply(timeout=30)
        assert f"(question n° {number}) :\nLe plafond dépend du budget." in answer["text"]
        assert f"à votre question « {UNANSWERED} » (question n° {number})" in answer["text"]
        command_id = command["message"]["message_id"]
        await api.wait_until(lambda: api.reaction(STAFF, command_id) or None, timeout=30)
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("answered",)]
        # The number alone chose the applicant: a note names them (a dossier's number typed
        # for the question's went unseen under a bare 👌), tied to the ticket.
        [named] = await staff_posts(api, before + 2)
        assert f"✅ Question n° {number} : réponse remise à " in named["text"]
        assert f"qui avait demandé : « {UNANSWERED} »" in named["text"]

        # A delivery that fails is reported, with no reaction.
        api.fail_next("sendMessage", error_code=400, description="Bad Request: x", chat_id=2033)
        failing = sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], "Autre précision.")
        [failed] = await staff_posts(api, before + 3)
        assert f"Question n° {number} : votre réponse n’a pas pu être remise" in failed["text"]
        assert api.reaction(STAFF, failing["message"]["message_id"]) == []
        assert await bot.stop() == 0


async def test_staff_are_told_when_the_applicant_blocked_the_bot(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2031)
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        sim = Simulator(api)
        sim.user_blocks_bot(2031)
        before = len(api.sent_messages(STAFF))
        sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        [warning] = await staff_posts(api, before)
        assert f"Question n° {number}" in warning["text"] and "bloqué le bot" in warning["text"]
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]
        assert bot.query("SELECT blocked FROM app_user WHERE owner = 'telegram:2031'") == [(1,)]
        assert await bot.stop() == 0


async def test_a_staff_reply_to_a_colleagues_answer_stays_among_staff(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2032)
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        sim = Simulator(api)
        answer = sim.staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        [relayed] = await user.wait_reply(timeout=30)
        assert TEAM_ANSWER in relayed["text"]
        colleague = "Attention, à vérifier avec Paul avant de répondre autre chose."
        sim.staff_reply(STAFF_MEMBER + 1, STAFF, answer["message"]["message_id"], colleague)
        await user.wait_reply(timeout=3, count=0)
        assert not any(colleague in str(m.get("text")) for m in user.messages)
        rows = bot.query("SELECT COUNT(*) FROM ticket_message WHERE ticket_id = ?", number)
        assert rows == [(2,)], "the question and the one answer"
        assert await bot.stop() == 0


# -- security ----------------------------------------------------------------------------------


async def test_forged_callback_data_cannot_escalate_or_answer_another_applicants_question(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    secret = "Notre association est en redressement judiciaire, est-ce bloquant ?"
    async with running_bot(api, tmp_path) as bot:
        alice, mallory = FakeUser(api, 2041), FakeUser(api, 2042)
        await alice.send(f"/question {secret}")
        replies = await alice.wait_reply(timeout=30, count=2)
        data = str(
            with_button(replies, ESCALATE)["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        )
        assert secret not in data and len(data.encode()) <= 64

        await mallory.send(f"/question {ANSWERED}")
        own = with_button(await mallory.wait_reply(timeout=30, count=2), "Oui")
        post, _ = await escalate(alice, "Faut-il un commissaire aux comptes ?")
        ticket = ticket_number(post)
        for forged in (data, f"a|_q|f{ticket}", "a|_q|n999999", "a|_q|nabc"):
            query = api.new_callback_query(
                {"id": 2042, "is_bot": False, "first_name": "Mallory"}, own, forged
            )
            update = Simulator(api).push({"callback_query": query})
            answer = await api.wait_until(
                lambda u=update: api.callback_answer(str(u["callback_query"]["id"])), timeout=30
            )
            assert secret not in str(answer)
        seen = " ".join(str(m.get("raw_text") or "") for m in mallory.messages)
        assert secret not in seen and "commissaire" not in seen
        assert bot.query("SELECT owner FROM ticket") == [("telegram:2041",)]
        assert (
            len([m for m in api.sent_messages(STAFF) if "Question n°" in (m.get("text") or "")])
            == 1
        )
        assert await bot.stop() == 0


async def test_clore_and_faq_from_someone_not_staff_are_refused(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    async with running_bot(api, tmp_path, STAFF_USER_IDS="2059") as bot:
        user = FakeUser(api, 2051)
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        for command in (f"/clore {number}", "/faq"):
            await user.send(command)
            refusal = texts(await user.wait_reply(timeout=30))
            assert "réservée à l’équipe du Département" in refusal
            assert UNANSWERED not in refusal
        outsider = FakeUser(api, 2052, chat_id=-1002000000002)
        await outsider.send(f"/clore {number}")
        assert "réservée à l’équipe" in texts(await outsider.wait_reply(timeout=30))
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]
        assert bot.query("SELECT COUNT(*) FROM faq_entry") == [(0,)]

        # A staff member listed in STAFF_USER_IDS may close it from their private chat;
        # nobody answered it, so the bot asks first, and "Annuler" leaves it open.
        colleague = FakeUser(api, 2059)
        await colleague.send(f"/clore {number}")
        [asking] = await colleague.wait_reply(timeout=30)
        assert f"Personne n’a encore répondu à la question n° {number}" in asking["text"]
        await colleague.click("Annuler")
        [cancelled] = await colleague.wait_reply(timeout=30)
        assert cancelled["message_id"] == asking["message_id"], "the question becomes the answer"
        # named as its post names it (« Question n° N »), never « demande » (officer's walk)
        assert f"Clôture annulée : la question n° {number} reste ouverte." in cancelled["text"]
        assert not cancelled.get("reply_markup")
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]
        assert not any("a été close" in (m.get("text") or "") for m in user.messages)

        await colleague.send(f"/clore {number}")
        [asking] = await colleague.wait_reply(timeout=30)
        # Someone else clicking is refused; the colleague's two clicks close it once.
        outsider_click = Simulator(api).click(2051, asking, label="Confirmer la clôture")
        refusal = await api.wait_until(
            lambda: api.callback_answer(str(outsider_click["callback_query"]["id"])), timeout=30
        )
        assert "réservée à l’équipe" in str(refusal.get("text"))
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("open",)]
        Simulator(api).click(2059, asking, label="Confirmer la clôture")
        Simulator(api).click(2059, asking, label="Confirmer la clôture")
        await api.wait_until(
            lambda: (
                f"Question n° {number} close" in str(api.get_message(2059, asking["message_id"]))
                or None
            ),
            timeout=30,
        )
        told = texts(await user.wait_reply(timeout=30))
        assert "a été close par l’équipe du Département sans réponse écrite ici" in told
        assert "contactez la" in told and "✅" not in told
        await user.wait_reply(timeout=2, count=0)
        assert sum("a été close" in (m.get("text") or "") for m in user.messages) == 1
        assert bot.query("SELECT status FROM ticket WHERE id = ?", number) == [("closed",)]
        assert await bot.stop() == 0


async def test_a_follow_up_typed_after_the_team_s_answer_joins_its_question_at_one_touch(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """Not Telegram's « Répondre »: a plain message with a question mark, at the interview.
    « Pour l’équipe : suite de la question n° N » comes first; touched, the words join the
    ticket, and the interview's question comes back."""
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2012)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        Simulator(api).staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await user.wait_reply(timeout=30)

        await user.send("Merci ! Et pour un second dossier, faut-il tout refaire ?")
        replies = await user.wait_reply(timeout=30)
        first = f"Pour l’équipe : suite de la question n° {number}"
        which = with_button(replies, first)
        assert which["reply_markup"]["inline_keyboard"][0][0]["text"] == first, texts(replies)
        before = len(api.sent_messages(STAFF))
        await click(user, which, first)
        [follow_up] = await staff_posts(api, before)
        assert f"Question n° {number}" in follow_up["text"]
        assert "second dossier" in follow_up["text"]
        told = texts(await user.wait_reply(timeout=30, count=2))
        assert f"transmis à l’équipe du Département (question n° {number})" in told
        authors = bot.query(
            "SELECT author FROM ticket_message WHERE ticket_id = ? ORDER BY id", number
        )
        assert [a for (a,) in authors] == ["applicant", "staff", "applicant"]
        assert await bot.stop() == 0


async def test_a_follow_up_typed_then_its_number_typed_reaches_the_team_as_a_touch_would(
    api: FakeBotAPI, tmp_path: Path
) -> None:
    """« 1 » typed under « Pour l’équipe : suite de la question n° N » (the first button)
    was read by the interview as that button, and the words let go of, but the text's
    handler never handed them to the team: they were lost. Typed, as touched, they reach
    the staff group and the applicant is told."""
    api.register_chat(STAFF, "supergroup", title="Équipe DPID")
    async with running_bot(api, tmp_path) as bot:
        user = FakeUser(api, 2013)
        await fill_organisation(user, "Inser'Réseau 62")
        post, _ = await escalate(user, UNANSWERED)
        number = ticket_number(post)
        Simulator(api).staff_reply(STAFF_MEMBER, STAFF, post["message_id"], TEAM_ANSWER)
        await user.wait_reply(timeout=30)

        await user.send("Merci ! Et pour un second dossier, faut-il tout refaire ?")
        replies = await user.wait_reply(timeout=30)
        with_button(replies, f"Pour l’équipe : suite de la question n° {number}")
        before = len(api.sent_messages(STAFF))
        await user.send("1")
        [follow_up] = await staff_posts(api, before)
        assert f"Question n° {number}" in follow_up["text"]
        assert "second dossier" in follow_up["text"]
        told = texts(await user.wait_reply(timeout=30, count=2))
        assert f"transmis à l’équipe du Département (question n° {number})" in told
        assert await bot.stop() == 0
