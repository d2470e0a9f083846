"""A voice note, a sticker, a photo or a file sent in the middle of the interview: the
applicant is told what was not read and what to do, then sees the question waiting again,
with its buttons — never left to scroll up to find it (a tester's voice note at the budget
got « écrivez votre réponse » and nothing else)."""

from __future__ import annotations

from dialogs.events import Command, Text
from dialogs.service import InterviewService
from storage.repository import SqlStore
from tests.support import DURING_CALL, script_lines
from tests.test_service import ALICE, _service

WELCOME = "Bonjour, je suis l’assistant de candidature"


def _midway(store: SqlStore, answers: int) -> InterviewService:
    service = _service(store, DURING_CALL)
    service.handle(ALICE, Command("start"))
    for line in script_lines()[:answers]:
        service.handle(ALICE, Text(line))
    return service


def test_a_voice_note_at_a_choice_is_told_to_use_the_buttons_below_then_the_question_comes_again(
    store: SqlStore,
) -> None:
    service = _midway(store, 1)  # « Commencer »: the organisation's type is asked
    waiting = service.show(ALICE).messages[-1]
    assert waiting.key == "elig.type"
    note, question = service.not_read(ALICE, "voice").messages
    assert "Je ne peux pas écouter les messages vocaux." in note.html
    assert "Répondez à la question ci-dessous avec ses boutons" in note.html
    assert question.key == "elig.type" and question.buttons  # shown again, buttons and all
    assert [b.id for b in question.buttons if not b.nav] == [
        b.id for b in waiting.buttons if not b.nav
    ]
    # the applicant answers it at once, as they would have
    assert service.handle(ALICE, Text(script_lines()[1])).accepted is not None


def test_a_photo_at_a_typed_question_is_told_to_write_the_answer_its_caption_quoted(
    store: SqlStore,
) -> None:
    service = _midway(store, 5)  # the organisation's name is asked: typed
    assert service.show(ALICE).messages[-1].key == "org.name"
    note, question = service.not_read(ALICE, "photo", caption="notre logo").messages
    assert "Je ne traite pas les photos" in note.html
    assert "Écrivez votre réponse à la question ci-dessous, en message texte." in note.html
    assert "La légende « notre logo » n’a pas été prise comme réponse" in note.html
    assert question.key == "org.name" and question.input == "text"


def test_a_file_sent_midway_says_where_documents_go_and_shows_the_question_again(
    store: SqlStore,
) -> None:
    service = _midway(store, 6)
    waiting = service.show(ALICE).messages[-1].key
    note, question = service.not_read(ALICE, "document").messages
    assert "Je ne traite pas les fichiers envoyés" in note.html and "E-partenaire" in note.html
    assert question.key == waiting


def test_a_sticker_as_the_very_first_message_gets_the_welcome_with_its_button(
    store: SqlStore,
) -> None:
    note, welcome = _service(store, DURING_CALL).not_read(ALICE, "sticker").messages
    assert "Je ne lis pas les autocollants" in note.html
    assert WELCOME in welcome.html and welcome.buttons


def test_an_edited_message_quotes_its_new_text_and_shows_the_question_waiting_again(
    store: SqlStore,
) -> None:
    """A hurried applicant edits « Inser Reseau 62 » into « Inser'Réseau 62 » after the bot
    has moved on: the note said the edit was not read, and nothing else; the new words were
    not quoted back and the question waiting had to be found by scrolling up."""
    service = _midway(store, 6)
    waiting = service.show(ALICE).messages[-1]
    note, question = service.not_read(ALICE, "edited", caption="Inser-Réseau 62").messages
    assert "Vous avez modifié un message" in note.html and "« précédent »" in note.html
    assert "Le nouveau texte « Inser-Réseau 62 » n’a pas été pris comme réponse" in note.html
    assert question.key == waiting.key and question.is_prompt
