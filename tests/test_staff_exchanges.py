"""The team's exchanges with an applicant through Telegram (the bot polling the fake Bot
API, as in `test_staff_bot`): what the applicant types after the team's message, staff
replies to the bot's posts about an exchange, and closing an exchange the applicant wrote
last in."""

from __future__ import annotations

from typing import Any

import pytest

from dialogs.events import Text
from tests.fakebotapi import FakeUser
from tests.staff_support import IN_PLAN, INELIGIBLE
from tests.support import script_lines
from tests.test_staff_bot import (  # noqa: F401  (the fixtures)
    OUTSIDER,
    STAFF_CHAT,
    Bench,
    all_text,
    bench,
    staff_chat_id,
)

pytestmark = pytest.mark.slow

ASKING = "Bonjour, pouvez-vous nous confirmer votre organisme ?"


class Written:
    """An officer ran `/ecrire N …` about Paul's dossier."""

    def __init__(self, staff: FakeUser, paul: FakeUser, copy: dict[str, Any], note: int) -> None:
        self.staff, self.paul = staff, paul
        self.copy = copy  # what Paul got
        self.note = note  # « ✉️ Message remis à Paul … » in the staff group
        self.number = 0  # the exchange's


async def written_to_paul(bench: Bench) -> Written:  # noqa: F811
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {bench.population.numbers[IN_PLAN]} {ASKING}")
    [copy] = await paul.wait_reply(timeout=20)
    [note] = await staff.wait_reply(timeout=20)
    assert "Message remis à Paul" in note["text"]
    # one name for one exchange: « échange n° 7 », as Paul reads it (it said « L’échange est
    # suivi comme la question n° 7 » under « ↪️ Ajouté à l’échange n° 7 »)
    assert "question n°" not in note["text"].lower() and "L’échange n° " in note["text"]
    written = Written(staff, paul, copy, note["message_id"])
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    written.number = ticket.id
    return written


async def test_closing_an_exchange_whose_applicant_replied_last_asks_first(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: the exchange closed at once right after the applicant's reply, which
    nobody answered; `/clore` asks as for a question nobody answered."""
    written = await written_to_paul(bench)
    staff, paul, copy, number = written.staff, written.paul, written.copy, written.number
    await paul.send("Oui, c’est bien notre réseau.", reply_to_message_id=copy["message_id"])
    await paul.wait_reply(timeout=20)
    await bench.api.wait_until(
        lambda: bench.app.support.ticket(number).status == "open" or None,  # type: ignore[union-attr]
        timeout=20,
    )

    await staff.send(f"/clore {number}")
    asked = await staff.wait_reply(timeout=20)
    text = all_text(asked)
    assert f"Le dernier message du candidat dans l’échange n° {number}" in text
    assert "Le clore quand même ?" in text and f"question n° {number}" not in text
    assert "attend encore une réponse de l’équipe" in text and "l’échange est clos" in text
    buttons = [b["text"] for row in asked[-1]["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Confirmer la clôture", "Annuler"]
    assert bench.app.support.ticket(number).status == "open"  # type: ignore[union-attr]
    assert "clos" not in all_text(await paul.wait_reply(timeout=1, count=0))

    await staff.click("Confirmer la clôture")
    await staff.wait_reply(timeout=20)
    assert bench.app.support.ticket(number).status == "closed"  # type: ignore[union-attr]


async def test_a_staff_reply_to_the_bots_message_delivered_note_reaches_the_applicant(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: Claire replied to « ✉️ Message remis à … » with « Si besoin, la
    DPID… »: nothing posted, Sophie got nothing, nobody was told. It goes to the applicant
    as a reply to the post of their question would."""
    written = await written_to_paul(bench)
    staff, paul = written.staff, written.paul
    said = "Si besoin, la DPID peut vous recevoir mardi."
    await staff.send(said, reply_to_message_id=written.note)
    [copy] = await paul.wait_reply(timeout=20)
    assert copy["text"].startswith("💬") and said in copy["text"]
    assert f"échange n° {written.number}" in copy["text"]
    assert staff.last_update is not None
    reply_id = staff.last_update["message"]["message_id"]
    await bench.api.wait_until(lambda: bench.api.reaction(STAFF_CHAT, reply_id) or None, timeout=20)
    assert bench.api.reaction(STAFF_CHAT, reply_id) == ["👌"]
    thread = bench.app.support.thread(written.number)
    assert [m.author for m in thread] == ["staff", "staff"] and thread[-1].text == said

    # Once the exchange is closed, a reply to the delivered note sends nothing, and says so.
    await staff.send(f"/clore {written.number}")
    [closed] = await staff.wait_reply(timeout=20)
    assert f"Échange n° {written.number} clos" in closed["text"]
    await paul.wait_reply(timeout=20)  # told it is closed
    await staff.send("Merci à vous !", reply_to_message_id=written.note)
    told = all_text(await staff.wait_reply(timeout=20))
    assert f"L’échange n° {written.number} est clos" in told
    assert "votre message n’a pas été envoyé" in told
    assert not any("Merci à vous" in t for t in bench.api.texts(OUTSIDER))


def buttons_of(message: dict[str, Any]) -> list[str]:
    return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def test_an_applicant_who_types_a_reply_to_the_teams_message_is_asked_and_it_reaches_the_team(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: after `/ecrire`, Karim typed « Oui c’est bien notre réseau, Marie
    Dupont est ma collègue » without replying: it was saved as the dossier's answer and the
    team never saw it. The bot asks for whom the words are, keeping them meanwhile."""
    written = await written_to_paul(bench)
    paul, number = written.paul, written.number
    dossier = bench.population.numbers[IN_PLAN]
    with bench.app.store.transaction() as repo:
        answers_before = len(repo.answer_journal(dossier))
    words = "Oui c’est bien notre réseau, Marie Dupont est ma collègue"

    await paul.send(words)
    [asked] = await paul.wait_reply(timeout=20)
    assert (
        f"L’équipe du Département attend votre réponse à son message (échange n° {number})"
        in (asked["text"])
    )
    assert words in asked["text"]
    [to_team, to_dossier] = buttons_of(asked)
    assert to_team == "Répondre à l’équipe" and to_dossier.startswith("C’est ma réponse à : ")
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(dossier)) == answers_before, "not taken as an answer"

    before = len(bench.api.sent_messages(STAFF_CHAT))
    await paul.click("Répondre à l’équipe")
    assert f"échange n° {number}" in all_text(await paul.wait_reply(timeout=20))
    [post] = await bench.api.wait_for_messages(STAFF_CHAT, 1, after=before, timeout=20)
    assert f"Échange n° {number}" in post["text"] and words in post["text"]
    assert bench.app.support.ticket(number).status == "open"  # type: ignore[union-attr]
    assert [m.author for m in bench.app.support.thread(number)] == ["staff", "applicant"]
    await written.staff.send("/stats")
    stats = all_text(await written.staff.wait_reply(timeout=20))
    assert "Échanges ouverts par l’équipe (/ecrire) : 1, dont 1 réponse du candidat en attente" in (
        stats
    )

    # His reply sent, the team's message waits no more: his next words go to his dossier.
    lines = script_lines()
    await paul.send(lines[lines.index("Former les encadrants techniques") + 6])
    await paul.wait_reply(timeout=20)
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(dossier)) == answers_before + 1


async def test_words_typed_at_a_choice_screen_after_the_teams_message_can_go_to_the_team(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: Sophie, on the « not eligible » screen, typed her reply to the team's
    message: « Choisissez l’une des propositions », and the reply was dropped. The screen
    takes no typed words: she is offered the team, or the screen again."""
    staff, sophie = bench.staff(), FakeUser(bench.api, 1003)
    await staff.send(f"/ecrire {bench.population.numbers[INELIGIBLE]} {ASKING}")
    await sophie.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    [ticket] = [t for t in bench.app.support.tickets_of(INELIGIBLE) if t.opened_by == "staff"]
    words = "Si besoin, nous sommes bien une association intermédiaire."

    await sophie.send(words)
    [asked] = await sophie.wait_reply(timeout=20)
    assert "Choisissez l’une des propositions" not in asked["text"] and words in asked["text"]
    assert buttons_of(asked) == ["Répondre à l’équipe", "Revoir la question en cours"]
    before = len(bench.api.sent_messages(STAFF_CHAT))
    await sophie.click("Répondre à l’équipe")
    await sophie.wait_reply(timeout=20)
    [post] = await bench.api.wait_for_messages(STAFF_CHAT, 1, after=before, timeout=20)
    assert f"Échange n° {ticket.id}" in post["text"] and words in post["text"]
    assert bench.app.support.ticket(ticket.id).status == "open"  # type: ignore[union-attr]


async def test_a_colleagues_remark_in_reply_to_the_closing_prompt_stays_within_the_team(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: officer 2 replied to « ⚠️ Le dernier message du candidat … La clore
    quand même ? » with « Attends, ne clos pas : je l'appelle demain… »: the applicant got it
    word for word. Only the question's post and a delivery note, which says so, relay a reply;
    a prompt or a closing note never does."""
    written = await written_to_paul(bench)
    staff, paul, copy, number = written.staff, written.paul, written.copy, written.number
    await paul.send("Oui, c’est bien notre réseau.", reply_to_message_id=copy["message_id"])
    await paul.wait_reply(timeout=20)
    await bench.api.wait_until(
        lambda: bench.app.support.ticket(number).status == "open" or None,  # type: ignore[union-attr]
        timeout=20,
    )
    await staff.send(f"/clore {number}")
    [asked] = await staff.wait_reply(timeout=20)
    assert "Répondez à ce message" not in asked["text"]

    remark = "Attends, ne clos pas : je l'appelle demain, elle a l'air perdue sur le budget"
    await staff.send(remark, reply_to_message_id=asked["message_id"])
    assert await staff.wait_reply(timeout=3, count=0) == []
    assert await paul.wait_reply(timeout=1, count=0) == []
    assert not any(remark in t for t in bench.api.texts(OUTSIDER))
    assert [m.author for m in bench.app.support.thread(number)] == ["staff", "applicant"]

    await staff.click("Confirmer la clôture")
    [closed] = await staff.wait_reply(timeout=20)
    await paul.wait_reply(timeout=20)  # told it is closed
    await staff.send("Bien joué.", reply_to_message_id=closed["message_id"])
    assert await staff.wait_reply(timeout=3, count=0) == []
    assert not any("Bien joué" in t for t in bench.api.texts(OUTSIDER))


async def test_the_delivered_note_says_a_reply_to_it_reaches_the_applicant_and_aide_says_which(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: neither note said a reply would be sent; `/aide` named only the
    question's post and /repondre. The note whose replies are sent says so, and so does
    `/aide`, naming the notes that relay and those that don't."""
    staff = bench.staff()
    await staff.send(f"/ecrire {bench.population.numbers[IN_PLAN]} {ASKING}")
    [note] = await staff.wait_reply(timeout=20)
    assert "Message remis" in note["text"]
    assert "Répondez à ce message pour écrire au candidat" in note["text"]
    await staff.send("/aide")
    helped = all_text(await staff.wait_reply(timeout=20))
    assert "« ✉️ Message remis »" in helped and "confirmation" in helped


def walk_paul_to(bench: Bench, key: str) -> int:  # noqa: F811
    """Paul answers the script on until the question `key`; his dossier's number."""
    dossier = bench.population.numbers[IN_PLAN]
    lines = script_lines()
    for line in lines[lines.index("Former les encadrants techniques") + 6 :]:
        with bench.app.store.transaction() as repo:
            stored = repo.get_dossier(dossier)
            assert stored is not None
            if stored.dossier.cursor.key == key:
                return dossier
        bench.app.service.handle(IN_PLAN, Text(line), chat_id=OUTSIDER)
    raise AssertionError(f"the script never reaches {key}")


async def test_a_sentence_with_a_figure_typed_while_the_team_waits_is_asked_about_not_saved(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: at « Et combien de jeunes de moins de 26 ans ? », after the team's
    « … le nombre de BRSA accompagnés l'an dernier ? », « Nous en avons accompagné 45 l'an
    dernier » was saved as the under-26 count, nothing asked. Only a bare answer goes to the
    dossier while the team's message waits; a sentence is asked about."""
    dossier = walk_paul_to(bench, "plan.o2.0.siae_count")  # « Combien de SIAE … ? »
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {dossier} Pouvez-vous nous dire le nombre de BRSA accompagnés ?")
    await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    with bench.app.store.transaction() as repo:
        answers_before = len(repo.answer_journal(dossier))

    words = "Nous en avons accompagné 45 l'an dernier"
    await paul.send(words)
    [asked] = await paul.wait_reply(timeout=20)
    assert (
        words in asked["text"] and "L’équipe du Département attend votre réponse" in (asked["text"])
    )
    assert buttons_of(asked)[0] == "Répondre à l’équipe"
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(dossier)) == answers_before, "not saved as the count"

    await paul.click(buttons_of(asked)[1])  # « C’est ma réponse à : … »: the dossier takes it
    await paul.wait_reply(timeout=20)
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(dossier)) == answers_before + 1


async def test_a_second_try_at_answering_the_team_at_a_choice_screen_is_asked_about_again(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: the applicant typed « Oui il est définitif », picked « Revoir la
    question en cours », then typed « Pardon, oui le budget … est définitif »: taken as a
    choice of the screen, the team saw nothing (asked once per message of the team). While
    the team's message waits, words the screen cannot take are asked about again."""
    staff, sophie = bench.staff(), FakeUser(bench.api, 1003)
    await staff.send(f"/ecrire {bench.population.numbers[INELIGIBLE]} Le budget est-il définitif ?")
    copy = (await sophie.wait_reply(timeout=20))[0]
    assert "Le budget est-il définitif" in copy["text"]
    assert buttons_of(copy) == ["Répondre à l’équipe"]  # kept: a way to reply later
    await staff.wait_reply(timeout=20)
    [ticket] = [t for t in bench.app.support.tickets_of(INELIGIBLE) if t.opened_by == "staff"]

    await sophie.send("Oui il est définitif")
    [asked] = await sophie.wait_reply(timeout=20)
    await sophie.click("Revoir la question en cours")
    await sophie.wait_reply(timeout=20)
    again = "Pardon, oui le budget du dossier est définitif, signé par le président"
    await sophie.send(again)
    said = await sophie.wait_reply(timeout=20)
    assert len(said) == 1, [m["text"] for m in said]
    asked = said[0]
    assert again in asked["text"]
    assert buttons_of(asked) == ["Répondre à l’équipe", "Revoir la question en cours"]
    before = len(bench.api.sent_messages(STAFF_CHAT))
    await sophie.click("Répondre à l’équipe")
    await sophie.wait_reply(timeout=20)
    [post] = await bench.api.wait_for_messages(STAFF_CHAT, 1, after=before, timeout=20)
    assert f"Échange n° {ticket.id}" in post["text"] and again in post["text"]


async def test_an_old_confirm_button_does_not_close_over_a_newer_reply_of_the_applicant(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: after the closing prompt the applicant wrote again; the old
    « Confirmer la clôture » closed at once over the unread reply. The confirmation holds for
    the message it warned about: a newer one is told, and asked about again."""
    written = await written_to_paul(bench)
    staff, paul, copy, number = written.staff, written.paul, written.copy, written.number
    await paul.send("Oui, c’est bien notre réseau.", reply_to_message_id=copy["message_id"])
    await paul.wait_reply(timeout=20)
    await bench.api.wait_until(
        lambda: bench.app.support.ticket(number).status == "open" or None,  # type: ignore[union-attr]
        timeout=20,
    )
    await staff.send(f"/clore {number}")
    await staff.wait_reply(timeout=20)
    bench.app.support.follow_up(IN_PLAN, number, "Et j’oubliais : le budget a changé.")

    await staff.click("Confirmer la clôture")
    asked = all_text(await staff.wait_reply(timeout=20))
    assert "Un nouveau message du candidat est arrivé" in asked
    assert bench.app.support.ticket(number).status == "open"  # type: ignore[union-attr]
    await staff.click("Confirmer la clôture")  # the new prompt's, bound to the newer message
    await staff.wait_reply(timeout=20)
    assert bench.app.support.ticket(number).status == "closed"  # type: ignore[union-attr]


async def test_stats_count_exchanges_and_tickets_says_how_many_wait_for_the_applicant(
    bench: Bench,  # noqa: F811
) -> None:
    """Tester's report: « Messages écrits par l’équipe (/ecrire) : 2 » counted exchanges, not
    messages; `/tickets` left out the exchanges where the team spoke last. `/stats` names
    them « Échanges ouverts par l’équipe », `/tickets` says how many wait for the applicant."""
    written = await written_to_paul(bench)
    staff = written.staff
    await staff.send(f"/ecrire {bench.population.numbers[IN_PLAN]} Et votre budget ?")
    await written.paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)  # the same exchange: two messages, one exchange
    await staff.send("/stats")
    stats = all_text(await staff.wait_reply(timeout=20))
    assert "Échanges ouverts par l’équipe (/ecrire) : 1, dont 0 réponse" in stats
    assert "Messages écrits par l’équipe" not in stats
    await staff.send("/tickets")
    listed = all_text(await staff.wait_reply(timeout=20))
    assert "1 échange ouvert par l’équipe attend la réponse du candidat" in listed
