"""The interview service on a real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import datetime as dt
import json

from app.clock import FixedClock
from dialogs.dossier import Dossier
from dialogs.events import Text
from dialogs.service import DraftFile, InterviewService, Reply
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from storage.repository import SqlStore
from tests.support import DURING_CALL, TODAY, script_lines

ALICE, BOB = "telegram:1001", "telegram:1002"


def _service(store: SqlStore, today: dt.date = TODAY) -> InterviewService:
    def drafts(spec: object, dossier: Dossier, today: dt.date) -> list[DraftFile]:
        return [DraftFile("plan.md", f"# {dossier.organisation.name}".encode(), "text/markdown")]

    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(today),
        drafts=drafts,
    )


def test_each_accepted_answer_is_saved_and_a_new_process_resumes_at_the_same_step(
    database_url: str,
) -> None:
    first = SqlStore(database_url)
    service = _service(first)
    for line in script_lines()[:35]:
        service.handle(ALICE, Text(line))
    first.dispose()

    second = SqlStore(database_url)
    try:
        again = _service(second)
        reply = again.show(ALICE)
        with second.transaction() as repo:
            stored = repo.get_dossier(reply.dossier_id or 0)
            assert stored is not None
            journal = repo.answer_journal(stored.id)
        assert stored.dossier.cursor.key == "plan.o1.0.partners"
        assert stored.dossier.organisation.siret == "73282932000074"
        assert reply.messages[-1].key == "plan.o1.0.partners"
        assert len(journal) == 35 - 1  # the welcome's "Commencer" is not an answer
    finally:
        second.dispose()


def test_an_invalid_answer_is_not_journaled_and_changes_nothing(store: SqlStore) -> None:
    service = _service(store)
    for line in script_lines()[:6]:
        service.handle(ALICE, Text(line))
    reply = service.handle(ALICE, Text("123"))
    assert reply.accepted is None
    with store.transaction() as repo:
        stored = repo.list_dossiers(owner=ALICE)[0]
        assert stored.dossier.organisation.siret is None
        assert [key for key, _, _ in repo.answer_journal(stored.id)][-1] == "org.name"


def test_a_user_can_hold_several_dossiers_and_duplicate_one(store: SqlStore) -> None:
    service = _service(store)
    for line in script_lines()[:7]:
        service.handle(ALICE, Text(line))
    first_id = service.show(ALICE).dossier_id
    assert first_id is not None
    second = service.new_dossier(ALICE)
    assert second.dossier_id != first_id
    assert second.messages[-1].key == "welcome"
    overviews, active = service.list_dossiers(ALICE)
    assert [o.id for o in overviews] == [
        first_id,
        second.dossier_id,
    ] and active == second.dossier_id
    copy = service.duplicate(ALICE, first_id)
    with store.transaction() as repo:
        duplicated = repo.get_dossier(copy.dossier_id or 0)
        original = repo.get_dossier(first_id)
    assert duplicated is not None and original is not None
    assert duplicated.dossier.organisation == original.dossier.organisation
    assert duplicated.dossier.uuid != original.dossier.uuid
    resumed = service.resume(ALICE, first_id)
    assert resumed.dossier_id == first_id


def test_an_applicant_can_never_open_another_applicants_dossier(store: SqlStore) -> None:
    service = _service(store)
    service.handle(ALICE, Text("1"))
    alice_id = service.show(ALICE).dossier_id
    assert alice_id is not None
    refused = service.resume(BOB, alice_id)
    assert refused.dossier_id is None and "Je ne trouve pas ce dossier" in refused.messages[0].html
    assert service.duplicate(BOB, alice_id).dossier_id is None
    files, _ = service.generate_draft(BOB, alice_id)
    assert files == []


def test_the_draft_is_generated_from_the_review_and_recorded(store: SqlStore) -> None:
    service = _service(store)
    replies = [service.handle(ALICE, Text(line)) for line in script_lines()]
    assert [f.name for f in replies[-1].files] == ["plan.md"]
    with store.transaction() as repo:
        stored = repo.list_dossiers(owner=ALICE)[0]
    assert stored.dossier.draft_generated_at is not None


def test_a_user_exports_then_erases_everything_stored_about_them(store: SqlStore) -> None:
    service = _service(store)
    for line in script_lines()[:8]:
        service.handle(ALICE, Text(line))
    service.handle(BOB, Text("1"))
    exported = json.loads(service.export_owner_data(ALICE))
    assert exported["owner"] == ALICE
    assert exported["dossiers"][0]["dossier"]["organisation"]["siret"] == "73282932000074"
    assert [a["key"] for a in exported["dossiers"][0]["answers"]][:2] == [
        "elig.type",
        "elig.territory",
    ]
    assert service.delete_owner_data(ALICE).dossiers == 1
    with store.transaction() as repo:
        assert repo.list_dossiers(owner=ALICE) == []
        assert repo.get_user(ALICE) is None
        assert len(repo.list_dossiers(owner=BOB)) == 1


def test_contacting_the_departement_shows_its_details_without_a_false_no_answer(
    store: SqlStore,
) -> None:
    """Regression: the contact choice also printed "Je ne peux pas répondre à cette question"."""
    service = _service(store)
    for line in ["1", "5"]:  # Commencer; an entreprise d'insertion (not eligible)
        service.handle(ALICE, Text(line))
    reply = service.handle(ALICE, Text("Contacter le Département"))
    text = " ".join(m.html for m in reply.messages)
    assert "Guillaume CRIVIER" in text and "03 21 21 65 50" in text
    assert "Je ne peux pas répondre" not in text


def test_a_question_typed_at_a_choice_is_answered_from_the_call_then_the_question_returns(
    store: SqlStore,
) -> None:
    from knowledge.answering import CallQuestions

    service = _service(store)
    service.questions = CallQuestions(load_shipped_spec(DEFAULT_CALL_ID))
    service.handle(ALICE, Text("1"))
    reply = service.handle(ALICE, Text("Quelle est la date limite pour candidater ?"))
    assert "du 15/01/2025 au 14/02/2025 inclus" in reply.messages[0].html
    assert "Source : Durée et financement › Durée de l’Appel à projets" in reply.messages[0].html
    assert reply.messages[-1].key == "elig.type"
    unknown = service.ask(ALICE, "Quel est le montant maximum de la subvention ?")
    assert "ne répond pas à cette question" in unknown.messages[0].html
    assert "03 21 21 65 50" in unknown.messages[0].html
    assert unknown.messages[-1].key == "elig.type"


def test_the_draft_ready_message_says_whether_it_can_still_be_filed(store: SqlStore) -> None:
    """Closed today: no "file it in E-partenaire"; during the call: file it before the end."""
    today = _service(store).generate_draft(ALICE, _complete_dossier(store))[1][0].html
    assert "clos depuis le 14/02/2025" in today and "prochaine candidature" in today
    assert "déposez" not in today
    during = _service(store, DURING_CALL).generate_draft(ALICE, 1)[1][0].html
    assert "déposez votre candidature dans E-partenaire avant le 14/02/2025 inclus" in during
    before = _service(store, dt.date(2025, 1, 2)).generate_draft(ALICE, 1)[1][0].html
    assert "à partir du 15/01/2025 et au plus tard le 14/02/2025" in before


def test_the_note_that_no_pdf_was_made_starts_its_own_line(store: SqlStore) -> None:
    ready = _service(store, DURING_CALL).generate_draft(ALICE, _complete_dossier(store))[1][0]
    assert "14/02/2025 inclus.\nℹ️ Pas de PDF cette fois" in ready.html


def _complete_dossier(store: SqlStore) -> int:
    service = _service(store)
    for line in script_lines()[:-1]:
        service.handle(ALICE, Text(line))
    dossier_id = service.show(ALICE).dossier_id
    assert dossier_id == 1
    return dossier_id


def test_an_applicant_with_two_dossiers_sees_each_on_its_own_line(store: SqlStore) -> None:
    """`/dossiers` ran the dossiers together: « …complet à 100 %• n° 2 (en cours)… »."""
    service = _service(store)
    for line in script_lines()[:7]:
        service.handle(ALICE, Text(line))
    service.new_dossier(ALICE)
    [listing] = service.dossiers_message(ALICE).messages
    lines = [line for line in listing.html.split("\n") if line.startswith("•")]
    assert len(lines) == 2, listing.html
    assert "(en cours)" in lines[1] and "(en cours)" not in lines[0]


def test_territories_typed_at_the_territory_choice_are_journalled_as_both_answers(
    store: SqlStore,
) -> None:
    """« CA de Lens-Liévin et CA Hénin-Carvin » typed at « Sur quel territoire… ? », then
    « oui »: the choice « Des territoires précis » and the territories, both in the
    journal, the choice first."""
    service = _service(store)
    lines = script_lines()
    for line in lines[: lines.index("Former les encadrants techniques") + 4]:
        service.handle(ALICE, Text(line))
    service.handle(ALICE, Text("CA de Lens-Liévin et CA Hénin-Carvin"))
    reply = service.handle(ALICE, Text("oui"))
    with store.transaction() as repo:
        stored = repo.get_dossier(reply.dossier_id or 0)
        assert stored is not None
        journal = [(key, value) for key, value, _ in repo.answer_journal(stored.id)]
    assert journal[-2:] == [
        ("plan.o1.0.territory_scope", "areas"),
        ("plan.o1.0.areas", "CA de Lens-Liévin et CA Hénin-Carvin"),
    ]
    action = stored.dossier.plan.actions["o1"][0]
    assert action.territory_scope == "areas" and action.areas.startswith("CA de Lens")


def test_a_text_typed_for_an_older_question_is_not_taken_for_the_question_now_asked(
    store: SqlStore,
) -> None:
    """Alice answers the question of chat message 10 with her network's name (message 11).
    She sends it again (message 12) before the next question reaches her as message 13:
    it is not taken for that question, she is told so under it. What she types after
    message 13 answers it. (The question asked and the one a message saw are read with
    the dossier, in one statement, on SQLite and PostgreSQL.)"""
    service = _service(store)
    reply = None
    for line in script_lines()[:5]:
        reply = service.handle(ALICE, Text(line))
    assert reply is not None and reply.revision is not None
    name_question = reply.messages[-1].key
    service.delivered(ALICE, reply.revision, 10)
    answered = service.handle(
        ALICE, Text("Inser'Réseau 62"), event_id="tg:90", message_id=11, received=90
    )
    assert answered.accepted == (name_question, "Inser'Réseau 62")
    assert answered.revision == reply.revision + 1
    # Message 12 left before the next question reached her (delivered as message 13).
    service.delivered(ALICE, answered.revision, 13)
    late = service.handle(ALICE, Text("Inser'Réseau 62"), event_id="tg:91", message_id=12)
    assert late.accepted is None
    assert "a été écrit avant la question ci-dessous" in late.messages[0].html
    assert late.revision == answered.revision
    typed_after = service.handle(
        ALICE, Text("732 829 320 00074"), event_id="tg:92", message_id=14, received=92
    )
    assert typed_after.accepted is not None and typed_after.revision == answered.revision + 1


def _journaled(store: SqlStore, owner: str, update_id: int, message_id: int, text: str) -> None:
    """The update as the bot's receiver journals it before any handler runs."""
    from storage.updates import record_updates

    user_id = int(owner.partition(":")[2])
    sender = {"id": user_id, "is_bot": False, "first_name": "Alice"}
    message = {"message_id": message_id, "date": 0, "chat": {"id": user_id}, "text": text}
    record_updates(store.engine, [{"update_id": update_id, "message": {**message, "from": sender}}])


def _name_answered_as_message_11(service: InterviewService, store: SqlStore) -> Reply:
    """Alice at the network's name, asked in message 10 (sent), answers it in message 11."""
    reply = None
    for line in script_lines()[:5]:
        reply = service.handle(ALICE, Text(line))
    assert reply is not None and reply.revision is not None
    service.delivered(ALICE, reply.revision, 10, sent=True)
    _journaled(store, ALICE, 90, 11, "Inser'Réseau 62")
    return service.handle(
        ALICE, Text("Inser'Réseau 62"), event_id="tg:90", message_id=11, received=90
    )


def test_an_answer_typed_the_moment_the_question_arrives_is_taken_for_it(
    store: SqlStore,
) -> None:
    """Alice answers the next question (message 13) at once: her text (message 14) reaches
    the bot, and is journaled, while the bot is still recording that message 13 carries
    the question (it was taking the buttons off the question before). Message 14 came after
    message 13 in the chat: it answers it, instead of « écrit avant la question ». (A
    question edited into an older message is another matter: there the ids prove nothing.)"""
    service = _service(store)
    answered = _name_answered_as_message_11(service, store)
    assert answered.accepted is not None and answered.revision is not None
    _journaled(store, ALICE, 91, 14, "732 829 320 00074")  # typed before the record below
    service.delivered(ALICE, answered.revision, 13, sent=True)
    quick = service.handle(
        ALICE, Text("732 829 320 00074"), event_id="tg:91", message_id=14, received=91
    )
    assert quick.accepted is not None, quick.messages[0].html
    assert "a été écrit avant la question" not in quick.messages[0].html


def test_a_text_received_before_a_question_was_edited_into_an_older_message_is_held_back(
    store: SqlStore,
) -> None:
    """The other side of the story above: a clicked question edited into the next one keeps
    its message id (10), smaller than the text Alice had typed meanwhile (message 11,
    journaled before the edit was recorded). That text did not see the new question."""
    service = _service(store)
    answered = _name_answered_as_message_11(service, store)
    assert answered.revision is not None
    _journaled(store, ALICE, 91, 12, "732 829 320 00074")
    service.delivered(ALICE, answered.revision, 10)  # edited into message 10
    late = service.handle(
        ALICE, Text("732 829 320 00074"), event_id="tg:91", message_id=12, received=91
    )
    assert late.accepted is None
    assert "a été écrit avant la question ci-dessous" in late.messages[0].html
