"""Without a staff group (`STAFF_CHAT_ID` empty, the default) nobody can answer a question in
the bot: an applicant is given the call's contact and never told their question is passed on."""

from __future__ import annotations

import datetime as dt

from app.clock import FixedClock
from dialogs.events import Choose
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.support import FoundAnswer, SupportService
from storage.repository import SqlStore
from tests.support import Walk

PROMISES = ("transmet", "transmettre", "vous répondra", "/question", "/equipe")
CONTACT = "03 21 21 65 50"


def not_in_the_call(question: str, faq: object) -> FoundAnswer:
    return FoundAnswer("", "", 0.0, confident=False)


def test_an_ineligible_applicant_without_a_staff_group_is_given_the_contact_not_a_relay() -> None:
    walk = Walk(relay=False)
    walk.answers(["1", "5"])  # Commencer, an SIAE that is not a network head
    assert walk.key == "elig.stop"
    labels = [b.label for b in walk.last.messages[-1].buttons]
    assert "Poser une question à l’équipe" not in labels
    assert "Contacter le Département" in labels
    assert CONTACT in walk.text
    assert not any(word in walk.text for word in PROMISES), walk.text
    # A question typed there gets the screen reminded as offered, without the team.
    walk.send("Une SCIC peut-elle candidater ?")
    assert "Poser une question à l’équipe" not in walk.text, walk.text
    # An old "ask the team" button, pressed anyway, gives the contact.
    walk.send(Choose("elig.stop", "ask"))
    assert CONTACT in walk.text and not walk.dossier.cursor.awaiting_question


def test_with_a_staff_group_the_ineligible_applicant_may_still_ask_the_team() -> None:
    walk = Walk(relay=True)
    walk.answers(["1", "5"])
    assert "Poser une question à l’équipe" in [b.label for b in walk.last.messages[-1].buttons]
    assert "je la lui transmets" in walk.text


def test_without_a_staff_group_a_question_the_call_does_not_answer_gets_the_contact(
    store: SqlStore,
) -> None:
    support = SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(dt.date(2025, 2, 1)),
        finder=not_in_the_call,
        escalation=False,
    )
    service = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(dt.date(2025, 2, 1)),
        questions=support.answer_question,
        relay=False,
    )
    service.handle("alice", Choose("welcome", "start"))
    reply = service.ask("alice", "Une SCIC peut-elle candidater si elle anime un réseau ?")
    text = reply.messages[0].html  # the answer (the current question follows)
    assert CONTACT in text
    assert not any(word in text for word in PROMISES), text
    mine = support.my_tickets_message("alice").html
    assert CONTACT in mine
    assert not any(word in mine for word in PROMISES), mine


def test_the_menu_lists_mes_questions_only_with_a_staff_group() -> None:
    from bot.app import bot_commands

    without = [c.command for c in bot_commands({}, relay=False)]
    assert "mes_questions" not in without and "question" in without
    assert "mes_questions" in [c.command for c in bot_commands({}, relay=True)]


def test_the_composition_root_offers_the_team_only_when_a_staff_group_is_configured() -> None:
    """`STAFF_CHAT_ID` unset: the applicant who built the app from the settings alone is
    given the contact at the ineligibility screen; set, the team is offered."""
    from app.bootstrap import bootstrap
    from app.settings import Settings

    for staff_chat_id, offered in ((None, False), (-100123, True)):
        settings = Settings(_env_file=None, database_url="sqlite://", staff_chat_id=staff_chat_id)
        app = bootstrap(settings, clock=FixedClock.on(dt.date(2025, 2, 1)), finder=not_in_the_call)
        try:
            app.service.handle("alice", Choose("welcome", "start"))
            reply = app.service.handle("alice", Choose("elig.type", "siae_ei"))
            labels = [b.label for m in reply.messages for b in m.buttons]
            assert ("Poser une question à l’équipe" in labels) is offered, labels
            assert "Contacter le Département" in labels
        finally:
            app.close()
