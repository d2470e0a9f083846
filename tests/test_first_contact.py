"""A first contact is always welcomed: whatever the applicant's very first message, the
welcome (what the assistant does, the call's dates, the use of their data) comes first, and
what they typed is not lost — told as a tester playing an applicant lived it."""

from __future__ import annotations

import html
import io
import re

from docx import Document

from dialogs.events import Command, Text
from dialogs.service import InterviewService
from drafts import render_drafts
from storage.repository import SqlStore
from tests.support import DURING_CALL, walk_replacing
from tests.test_service import ALICE, _service

WELCOME = "Bonjour, je suis l’assistant de candidature"
DATA_NOTICE = "Vos données : j’enregistre chacune de vos réponses"


def _service_during_the_call(store: SqlStore) -> InterviewService:
    return _service(store, DURING_CALL)


def test_bonjour_as_the_very_first_message_gets_the_welcome_then_the_first_question(
    store: SqlStore,
) -> None:
    """« bonjour » typed before any /start went straight to « Quel type d'organisme
    représentez-vous ? »: no notice on the use of the data, no deadline."""
    reply = _service_during_the_call(store).handle(ALICE, Text("bonjour"))
    welcome, question = reply.messages
    assert WELCOME in welcome.html and DATA_NOTICE in welcome.html
    assert "ouvert</b> jusqu’au 14/02/2025 inclus" in welcome.html
    assert welcome.buttons == () and not welcome.is_prompt  # « Commencer » would be stale
    assert question.key == "elig.type"


def test_an_answer_typed_as_the_very_first_message_is_taken_after_the_welcome(
    store: SqlStore,
) -> None:
    service = _service_during_the_call(store)
    reply = service.handle(ALICE, Text("Nous sommes une tête de réseau IAE départementale"))
    assert WELCOME in reply.messages[0].html and DATA_NOTICE in reply.messages[0].html
    assert reply.accepted == ("elig.type", "network_departmental")
    assert reply.messages[-1].key == "elig.territory"


def test_the_welcome_is_said_once(store: SqlStore) -> None:
    """/start shows the welcome itself; the messages after a first one are not welcomed."""
    service = _service_during_the_call(store)
    started = service.handle(ALICE, Command("start"))
    assert [WELCOME in m.html for m in started.messages] == [True]
    then = service.handle(ALICE, Text("bonjour"))
    assert not any(WELCOME in m.html for m in then.messages)
    assert then.messages[-1].key == "elig.type"


def test_the_welcome_names_every_document_of_the_draft_the_sworn_statement_too(
    store: SqlStore,
) -> None:
    """The welcome promised a plan, a budget and a letter: not the « déclaration sur
    l'honneur » the letter's file holds, to have signed, that a tester found only at the end.
    It names what the draft's files hold, as they hold it: no more, no less."""
    welcome = _service_during_the_call(store).handle(ALICE, Command("start")).messages[0]
    said = html.unescape(re.sub(r"<[^>]+>", "", welcome.html))
    walk = walk_replacing({})
    files = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"docx", "md", "xlsx"})
    extensions = {f.name.rsplit(".", 1)[1] for f in files.files}
    assert extensions == {"docx", "md", "xlsx"}
    assert "Word, Markdown et, quand le serveur le permet, PDF" in said
    assert "budget au format CERFA (Excel)" in said
    letter = next(f for f in files.files if f.name.startswith("courrier"))
    headings = [p.text for p in Document(io.BytesIO(letter.content)).paragraphs if p.text.strip()]
    assert "Déclaration sur l’honneur" in headings and "Pièces à joindre" in headings
    assert (
        "le courrier d’accompagnement suivi de la déclaration sur l’honneur, à faire signer par "
        "le représentant légal, et de la liste des pièces à joindre" in said
    )
