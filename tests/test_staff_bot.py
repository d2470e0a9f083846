"""Staff tools through Telegram: the bot (built by `bot.app.build`, polling in this process)
against the fake Bot API, on a database holding several dossiers and tickets.

Staff are the members of the staff group and the users of STAFF_USER_IDS; everyone else,
in a private chat or in another group, gets a refusal and no data.
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from app.bootstrap import App, bootstrap
from app.settings import Settings
from bot.app import TelegramBot, build
from bot.filters import StaffAccess
from dialogs.dossier import Dossier, Organisation
from dialogs.people import Identity
from dialogs.spec import DEFAULT_CALL_ID
from tests.fakebotapi import FakeBotAPI, FakeUser, Simulator
from tests.staff_support import (
    COMPLETE,
    HOSTILE,
    IN_PLAN,
    INELIGIBLE,
    JUST_OPENED,
    Population,
    announce,
    fixed_clock,
    populate,
)
from tests.support import script_lines

pytestmark = pytest.mark.slow

STAFF_CHAT = -1001234567890
OTHER_GROUP = -1009876543210
STAFF_MEMBER = 501  # posts in the staff group, not listed in STAFF_USER_IDS
STAFF_USER = 502  # listed in STAFF_USER_IDS
OUTSIDER = 1002  # an applicant (owns dossier IN_PLAN)
NOW = fixed_clock().instant


@dataclass
class Bench:
    api: FakeBotAPI
    app: App
    telegram: TelegramBot
    population: Population

    def staff(self, user_id: int = STAFF_MEMBER) -> FakeUser:
        return FakeUser(self.api, user_id, chat_id=STAFF_CHAT)


@pytest.fixture
def staff_chat_id() -> int:
    return STAFF_CHAT


@pytest.fixture
async def bench(tmp_path: Path, staff_chat_id: int) -> AsyncIterator[Bench]:
    async with FakeBotAPI() as api:
        kind = "supergroup" if str(staff_chat_id).startswith("-100") else "group"
        api.register_chat(staff_chat_id, kind, title="Équipe du Département")
        settings = Settings(
            _env_file=None,
            bot_token=api.token,
            telegram_api_url=api.base_url,
            database_url=f"sqlite:///{tmp_path / 'bot.db'}",
            staff_chat_id=staff_chat_id,
            staff_user_ids=[STAFF_USER],
        )
        app = bootstrap(settings, clock=fixed_clock())
        population = await asyncio.to_thread(populate, app.store)
        await asyncio.to_thread(name_applicants, app)
        await asyncio.to_thread(add_tickets, app)
        telegram = build(app, polling_timeout=1)
        stop = asyncio.Event()
        polling = asyncio.create_task(telegram.poller.run(stop))
        try:
            yield Bench(api, app, telegram, population)
        finally:
            stop.set()
            await polling
            await telegram.close()
            app.close()


def name_applicants(app: App) -> None:
    """What Telegram told of two applicants (the others gave the bot no name)."""
    with app.store.transaction() as repo:
        repo.upsert_user(
            owner=COMPLETE, seen_at=NOW, identity=Identity("Marie", "Dupont", "mdupont")
        )
        repo.upsert_user(owner=IN_PLAN, seen_at=NOW, identity=Identity("Paul", None, None))


def add_tickets(app: App) -> None:
    """Three tickets: one from 3 days ago, one from 2 hours ago, and a closed one."""
    with app.store.transaction() as repo:
        dossiers = {s.owner: s.id for s in repo.list_dossiers()}
        recent = repo.add_ticket(
            owner=IN_PLAN,
            dossier_id=dossiers[IN_PLAN],
            asked_question_id=None,
            question="Les frais de déplacement <vers les SIAE> sont-ils éligibles ?",
            at=NOW - dt.timedelta(hours=2),
        )
        repo.add_ticket(
            owner=HOSTILE,
            dossier_id=dossiers[HOSTILE],
            asked_question_id=None,
            question="Peut-on déposer deux dossiers ?",
            at=NOW - dt.timedelta(days=3, hours=1),
        )
        closed = repo.add_ticket(
            owner=COMPLETE,
            dossier_id=dossiers[COMPLETE],
            asked_question_id=None,
            question="Question réglée",
            at=NOW - dt.timedelta(days=9),
        )
        repo.set_ticket_status(ticket_id=closed.id, status="closed", at=NOW)
        assert recent.id > 0


def all_text(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(m.get("text") or m.get("caption") or "") for m in replies)


def all_raw(replies: list[dict[str, object]]) -> str:
    return "\n".join(str(m.get("raw_text") or "") for m in replies)


# -- what staff get ------------------------------------------------------------------------------


async def test_dossiers_shows_one_page_with_names_links_and_facts(bench: Bench) -> None:
    staff = bench.staff()
    await staff.send("/dossiers")
    [page] = await staff.wait_reply(timeout=20)
    text = page["text"]
    assert text.startswith("Dossiers : 5, par dernière activité")
    for number in bench.population.numbers.values():
        assert f"n° {number} " in text
    complete = bench.population.numbers[COMPLETE]
    assert f"n° {complete} Inser'Réseau 62 — Marie Dupont (@mdupont)" in text
    assert '<a href="tg://user?id=1001">Marie Dupont (@mdupont)</a>' in page["raw_text"]
    # The call closed on 14 February 2025: complete, no longer « prêt à déposer ».
    assert "complet, appel clos (ne peut plus être déposé) · 100 % · Récapitulatif" in text
    assert "non éligible" in text and "Utilisateur Telegram 1003" in text, "no name: the id"
    assert '=HYPERLINK("http://x";"<b>Réseau & Cie</b>")' in text, "shown as typed, escaped"
    assert not page.get("reply_markup"), "one page: no buttons"


def line_under(text: str, number: int) -> str:
    """The line under dossier n° `number`'s title in a `/dossiers` page: its state first."""
    return text.split(f"• n° {number} ", 1)[1].split("\n", 2)[1].strip()


async def test_an_officer_sees_at_a_glance_in_dossiers_and_stats_which_dossiers_are_ready(
    bench: Bench,
) -> None:
    """An officer's walk: the group's /dossiers had no state, /stats no readiness; she
    opened each dossier to learn which were ready. Each line now starts with the state in
    the words of the console's « État » and of /dossier N, the filters still choose, and
    /stats counts the dossiers by the same states."""
    numbers = bench.population.numbers
    staff = bench.staff()
    await staff.send("/dossiers")
    [page] = await staff.wait_reply(timeout=20)
    text = str(page["text"])
    closed = "complet, appel clos (ne peut plus être déposé)"  # the call closed in 2025
    assert line_under(text, numbers[COMPLETE]).startswith(f"{closed} · 100 % · ")
    assert line_under(text, numbers[INELIGIBLE]).startswith("⛔ non éligible · Éligibilité")
    assert line_under(text, numbers[IN_PLAN]).startswith("incomplet · éligible · ")
    just_opened = line_under(text, numbers[JUST_OPENED])
    assert just_opened.startswith("incomplet · éligibilité à déterminer · 0 %")
    assert "Chaque ligne commence par l’état du dossier" in text

    await staff.send("/dossiers incomplets")
    [unfinished] = await staff.wait_reply(timeout=20)
    shown = [n for n in numbers.values() if f"• n° {n} " in unfinished["text"]]
    # « incomplets »: answers missing, the ineligible one's too (its interview stopped early).
    assert sorted(shown) == sorted(numbers[o] for o in (IN_PLAN, JUST_OPENED, HOSTILE, INELIGIBLE))
    for number in shown:
        expected = "⛔ non éligible · " if number == numbers[INELIGIBLE] else "incomplet · "
        assert line_under(unfinished["text"], number).startswith(expected)

    await staff.send("/stats")
    stats = all_text(await staff.wait_reply(timeout=20))
    states = stats.split("État des dossiers\n", 1)[1].split("\n\n", 1)[0].split("\n")
    assert states == [
        "• prêt à déposer : 0",
        f"• {closed} : 1",
        "• incomplet : 3",
        "• règle de l’appel non respectée : 0",
        "• non conforme au formulaire CERFA n° 12156 : 0",
        "• à confirmer avec le Département : 0",
        "• non éligible : 1",
    ]


async def test_dossiers_filters_read_like_words(bench: Bench) -> None:
    numbers = bench.population.numbers
    staff = bench.staff()

    async def listed(args: str) -> str:
        await staff.send(f"/dossiers {args}")
        [page] = await staff.wait_reply(timeout=20)
        return str(page["text"])

    eligible = await listed("éligibles")
    assert eligible.startswith("Dossiers : 3 (éligibles)")
    assert f"n° {numbers[INELIGIBLE]} " not in eligible
    both = await listed("Eligibles complets")
    assert both.startswith("Dossiers : 1 (éligibles, toutes les réponses données)")
    assert f"n° {numbers[COMPLETE]} " in await listed("complets")
    warned = await listed("alertes")
    assert warned.startswith("Dossiers : ") and "(avec alertes)" in warned
    count = int(warned.split("Dossiers : ")[1].split()[0])
    assert count >= 1 and warned.count("⚠️") == count + 1, "each listed one, and the legend"
    # Alerts are worth a look: the ineligible dossier (its ineligibility is its alert), not
    # every dossier whose plan is not written yet.
    assert count == 1 and f"n° {numbers[INELIGIBLE]} " in warned and "⛔ non éligible" in warned
    assert "⚠️ N : nombre d’alertes" in warned and "📄 brouillon généré" in warned
    # The clock says 25 November; the dossiers were last touched on 20 November.
    assert (await listed("actifs 7")).startswith("Dossiers : 5 (actifs depuis 7 j)")
    quiet = await listed("actifs 2")
    assert quiet.startswith("Dossiers : 0") and "Aucun dossier ne correspond" in quiet
    found = await listed("inser")
    assert found.startswith("Dossiers : 2 (« inser »)"), "two applicants wrote Inser'Réseau 62"
    assert f"n° {numbers[COMPLETE]} " in found and f"n° {numbers[IN_PLAN]} " in found
    # The applicant's names, and the contact a dossier names (the plan's one names her too).
    assert (await listed("DUPONT")).startswith("Dossiers : 2"), "names are searched"
    # Natural French: "non éligibles" is the ineligible ones, not a search for "non".
    for typed in ("non eligibles", "non-éligibles", "inéligibles"):
        ineligible = await listed(typed)
        assert ineligible.startswith("Dossiers : 1 (non éligibles)"), typed
        assert f"n° {numbers[INELIGIBLE]} " in ineligible, typed
    unfinished = await listed("incomplets")
    assert unfinished.startswith("Dossiers : 4 (réponses manquantes)")
    assert f"n° {numbers[COMPLETE]} " not in unfinished
    # The call closed on 14 February 2025: its complete dossier can no longer be filed.
    assert (await listed("prêts")).startswith("Dossiers : 0 (prêts)")
    assert (await listed("en cours")).startswith("Dossiers : 4 (en cours, sans brouillon)")
    both = await listed("eligibles non-eligibles")
    assert "« eligibles » et « non-eligibles » s’excluent" in both and "Dossiers :" not in both
    never = await listed("actifs 0")
    assert "le nombre de jours va de 1 à 3650" in never and "Dossiers :" not in never
    assert "« non éligibles »" in never and "« incomplets »" in never, "the words, recalled"
    # The @username as the listing shows it "(@mdupont)" finds the applicant too.
    by_handle = await listed("@mdupont")
    assert by_handle.startswith("Dossiers : 1") and f"n° {numbers[COMPLETE]} " in by_handle


async def test_dossiers_pages_through_many_in_one_message(bench: Bench) -> None:
    def add_many() -> list[int]:
        with bench.app.store.transaction() as repo:
            return [
                repo.add_dossier(
                    owner=f"telegram:{3000 + n}",
                    dossier=Dossier(
                        call_id=DEFAULT_CALL_ID,
                        organisation=Organisation(name=f"Réseau <{n}> des SIAE & associés " * 2),
                    ),
                ).id
                for n in range(150)
            ]

    numbers = await asyncio.to_thread(add_many)
    staff = bench.staff()
    await staff.send("/dossiers")
    [page] = await staff.wait_reply(timeout=30)
    first_text = str(page["text"])  # (the message is edited in place below)
    assert "Dossiers : 155 — page 1/16" in first_text
    buttons = [b["text"] for row in page["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["▶️"]
    seen = set()
    for expected in range(2, 17):  # ▶️ to the last page, always the same message
        await staff.click("▶️")
        [edited] = await staff.wait_reply(timeout=30)
        assert edited["message_id"] == page["message_id"]
        assert f"page {expected}/16" in edited["text"] and len(edited["text"]) <= 4096
        seen |= {n for n in numbers if f"n° {n} Réseau <" in edited["text"]}
    assert [b["text"] for b in edited["reply_markup"]["inline_keyboard"][0]] == ["◀️"]
    await staff.click("◀️")
    [back] = await staff.wait_reply(timeout=30)
    assert "page 15/16" in back["text"]
    assert len(staff.messages) == 1, "one message for the whole listing"
    on_first = {n for n in numbers if f"n° {n} Réseau <" in first_text}
    assert on_first | seen == set(numbers), "every dossier on some page"

    # A filtered listing keeps its filters from page to page.
    await staff.send("/dossiers associés")
    [filtered] = await staff.wait_reply(timeout=30)
    assert "Dossiers : 150 (« associés ») — page 1/15" in filtered["text"]
    await staff.click("▶️")
    [second] = await staff.wait_reply(timeout=30)
    assert "Dossiers : 150 (« associés ») — page 2/15" in second["text"]
    assert "Inser'Réseau" not in second["text"]


async def test_dossier_n_sends_its_summary_and_both_drafts(bench: Bench) -> None:
    staff = bench.staff()
    number = bench.population.numbers[COMPLETE]
    await staff.send(f"/dossier {number}")
    expected = 5 if shutil.which("soffice") else 4  # the plan's PDF needs LibreOffice
    await bench.api.wait_until(lambda: len(staff.documents) >= expected or None, timeout=60)
    text = all_text(staff.messages)
    assert f"Dossier n° {number} — Inser'Réseau 62" in text
    assert "Candidat : Marie Dupont (@mdupont)" in text
    assert '<a href="tg://user?id=1001">Marie Dupont (@mdupont)</a>' in all_raw(staff.messages)
    lines = text.splitlines()
    eligibility = next(i for i, line in enumerate(lines) if line.startswith("Éligibilité : "))
    assert "— type d’organisme déclaré : " in lines[eligibility]
    # One line each, a blank line between who and where (a block's end ate the line breaks).
    assert lines[eligibility + 1] == ""
    assert lines[eligibility + 2] == "État : complet, appel clos (ne peut plus être déposé)"
    assert lines[eligibility + 3].startswith("⚠️ Même SIRET que les dossiers n° ")  # 2 more
    assert lines[eligibility + 4] == "Complet à 100 % · étape : Récapitulatif"
    assert lines[eligibility + 5].startswith("Créé le ")
    assert lines[eligibility + 6].startswith("Brouillon ")
    assert lines[eligibility + 7 : eligibility + 9] == ["", "Alertes (0)"]
    assert "Alertes (" in text and "Plan d’actions" in text
    assert "Former les encadrants techniques" in text, "the actions by their titles"
    assert "Total des charges : 70 000,00 €" in text
    documents = {d["file_name"]: d["data"] for d in staff.documents}
    stem = f"dossier-{number}-"
    assert set(documents) >= {
        f"{stem}plan-actions-inser-reseau-62-2025.docx",
        f"{stem}courrier-inser-reseau-62-2025.docx",
        f"{stem}budget-inser-reseau-62-2025.xlsx",
        f"{stem}plan-actions-inser-reseau-62-2025.md",
    }
    docx = Document(io.BytesIO(documents[f"{stem}plan-actions-inser-reseau-62-2025.docx"]))
    assert any("Inser’Réseau 62" in p.text for p in docx.paragraphs)
    markdown = documents[f"{stem}plan-actions-inser-reseau-62-2025.md"].decode("utf-8")
    assert "Former les encadrants techniques" in markdown

    # An officer who opens two dossiers of unnamed organisations gets files apart: each
    # carries its dossier's number.
    sent = len(staff.documents)
    for other in (bench.population.numbers[JUST_OPENED],):  # a non-eligible one gets none
        await staff.send(f"/dossier {other}")
        await bench.api.wait_until(
            lambda sent=sent: len(staff.documents) > sent or None, timeout=60
        )
        await staff.wait_reply(timeout=30, settle=1)
        sent = len(staff.documents)
    names = [d["file_name"] for d in staff.documents]
    assert len(names) == len(set(names)), names
    await staff.send("/dossier 999")
    assert "Aucun dossier n° 999" in all_text(await staff.wait_reply(timeout=10))
    await staff.send("/dossier")
    assert "Précisez le numéro du dossier" in all_text(await staff.wait_reply(timeout=10))


async def test_export_sends_xlsx_csv_and_json_with_every_dossier(bench: Bench) -> None:
    staff = bench.staff()
    await staff.send("/export")
    await bench.api.wait_until(lambda: len(staff.documents) >= 3 or None, timeout=30)
    files = {d["file_name"].rsplit(".", 1)[1]: d for d in staff.documents}
    assert sorted(files) == ["csv", "json", "xlsx"]
    assert "5 dossiers." in (files["xlsx"]["caption"] or "")
    # Its progress was one message, edited as it advanced, that ends saying it is done once
    # the files are sent (never left at « Envoi des fichiers… », as if still under way).
    final = "✅ Export terminé : 5 dossiers ; 3 fichiers envoyés ci-dessous."

    def status() -> list[str]:
        sent = bench.api.sent_messages(STAFF_CHAT)
        return [m["text"] for m in sent if "Export" in str(m.get("text"))]

    await bench.api.wait_until(lambda: status() == [final] or None, timeout=10)
    assert status() == [final]
    numbers = sorted(bench.population.numbers.values())
    sheet = load_workbook(io.BytesIO(files["xlsx"]["data"])).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == numbers
    rows = list(csv.reader(io.StringIO(files["csv"]["data"].decode("utf-8-sig")), delimiter=";"))
    assert [int(row[0]) for row in rows[1:]] == numbers
    documents = json.loads(files["json"]["data"])
    with bench.app.store.transaction() as repo:
        uuids = [s.dossier.uuid for s in repo.list_dossiers()]
    assert [d["uuid"] for d in documents] == uuids


async def test_an_officer_who_asks_for_the_csv_gets_the_csv_and_a_word_on_an_unknown_format(
    bench: Bench,
) -> None:
    """« /export csv »: the spreadsheet Excel opens, alone (the three files came, the
    « csv » unsaid); « /export pdf » names no format: asked back, nothing exported."""
    staff = bench.staff()
    await staff.send("/export pdf")
    said = all_text(await staff.wait_reply(timeout=10))
    assert "Je n’ai pas reconnu « pdf »" in said and "Rien n’a été exporté" in said
    assert staff.documents == []

    await staff.send("/export csv")
    await bench.api.wait_until(lambda: len(staff.documents) >= 1 or None, timeout=30)
    final = "✅ Export terminé : 5 dossiers ; 1 fichier envoyé ci-dessous."

    def status() -> list[str]:
        sent = bench.api.sent_messages(STAFF_CHAT)
        return [m["text"] for m in sent if "Export" in str(m.get("text"))]

    await bench.api.wait_until(lambda: final in status() or None, timeout=10)
    [document] = staff.documents
    assert document["file_name"].endswith(".csv")
    assert "classeur" not in (document["caption"] or "")


async def test_stats_show_progress_and_where_applicants_stop(bench: Bench) -> None:
    staff = bench.staff()
    await staff.send("/stats")
    text = all_text(await staff.wait_reply(timeout=20))
    assert "Dossiers commencés : 5" in text
    assert "Éligibles : 3 · non éligibles : 1" in text
    assert "Brouillons générés : 1" in text
    assert "• 3. Organisation : 3" in text
    assert "Où s’arrêtent les candidats (4 dossiers sans brouillon)" in text


async def test_tickets_lists_open_ones_oldest_first_with_their_age(bench: Bench) -> None:
    staff = bench.staff()
    await staff.send("/tickets")
    text = all_text(await staff.wait_reply(timeout=20))
    assert "Demandes ouvertes (2)" in text
    older = text.index("Peut-on déposer deux dossiers ?")
    newer = text.index("Les frais de déplacement <vers les SIAE> sont-ils éligibles ?")
    assert older < newer, "oldest first"
    assert "depuis 3 j" in text and "depuis 2 h" in text
    assert "— Paul — depuis 2 h" in text and "Utilisateur Telegram 1005" in text
    assert "Question réglée" not in text, "closed tickets are not listed"


async def test_tickets_opens_at_the_page_typed_and_turns_like_dossiers(bench: Bench) -> None:
    """Twenty-five questions wait. « /tickets 2 » showed the first ten again (the words
    after the command were ignored): the officer never reached the older ones."""

    def add_many() -> list[int]:
        with bench.app.store.transaction() as repo:
            dossier = repo.list_dossiers()[0].id
            return [
                repo.add_ticket(
                    owner=IN_PLAN,
                    dossier_id=dossier,
                    asked_question_id=None,
                    question=f"Question numéro {n:02d} ?",
                    at=NOW - dt.timedelta(hours=50 - n),
                ).id
                for n in range(23)
            ]

    numbers = await asyncio.to_thread(add_many)
    staff = bench.staff()
    await staff.send("/tickets")
    [first] = await staff.wait_reply(timeout=20)
    assert "Demandes ouvertes (25) — page 1/3" in first["text"]
    assert [b["text"] for b in first["reply_markup"]["inline_keyboard"][0]] == ["▶️"]

    for typed in ("/tickets 2", "/tickets page 2", "/tickets p. 2"):
        await staff.send(typed)
        [second] = await staff.wait_reply(timeout=20)
        assert "Demandes ouvertes (25) — page 2/3" in second["text"], typed
        shown = [n for n in numbers if f"• question n° {n} — " in second["text"]]
        assert len(shown) == 10, typed
    await staff.send("/tickets 9")  # beyond the last: the last, as /dossiers does
    [last] = await staff.wait_reply(timeout=20)
    assert "page 3/3" in last["text"]
    await staff.click("◀️")
    [edited] = await staff.wait_reply(timeout=20)
    assert edited["message_id"] == last["message_id"] and "page 2/3" in edited["text"]

    await staff.send("/tickets urgentes")  # no page: said, and the first page
    [told] = await staff.wait_reply(timeout=20)
    assert "« urgentes » n’a rien choisi" in told["text"] and "page 1/3" in told["text"]


async def test_an_officer_listing_tickets_sees_the_follow_up_that_reopened_one(
    bench: Bench,
) -> None:
    with bench.app.store.transaction() as repo:
        [ticket] = [t for t in repo.list_tickets() if t.question == "Question réglée"]
        repo.add_ticket_message(
            ticket_id=ticket.id, author="applicant", text="Question réglée", at=NOW
        )
        repo.add_ticket_message(
            ticket_id=ticket.id, author="staff", text="Oui, pour une association.", at=NOW
        )
        repo.add_ticket_message(
            ticket_id=ticket.id, author="applicant", text="D’accord, et pour une SCOP ?", at=NOW
        )
        repo.set_ticket_status(ticket_id=ticket.id, status="open", at=NOW)
    staff = bench.staff()
    await staff.send("/tickets")
    text = all_text(await staff.wait_reply(timeout=20))
    assert "Demandes ouvertes (3)" in text
    assert f"n° {ticket.id}" in text and "« Question réglée »" in text
    assert "↩️ Réponse du candidat : « D’accord, et pour une SCOP ? »" in text
    assert text.count("↩️") == 1, "the others have no follow-up"


async def test_an_officer_listing_tickets_reads_a_reply_as_a_reply_and_a_reminder_as_a_relance(
    bench: Bench,
) -> None:
    """Officer's report: /tickets said « ↩️ relance » under Paul's reply to the team's own
    message (an exchange opened with /ecrire), where the console says « Réponse du
    candidat ». A reply to the team's message is a reply, in both places; « Relance du
    candidat » stays for an applicant who writes again on a question nobody answered."""
    support = bench.app.support
    with bench.app.store.transaction() as repo:
        [waiting] = [t for t in repo.list_tickets() if t.question.startswith("Peut-on déposer")]
        repo.add_ticket_message(
            ticket_id=waiting.id, author="applicant", text="Peut-on déposer deux dossiers ?", at=NOW
        )
    support.follow_up(HOSTILE, waiting.id, "Je me permets de vous relancer.")
    outreach = support.write_to_applicant(
        bench.population.numbers[COMPLETE], "Pouvez-vous préciser le budget de l’action 1 ?"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    support.follow_up(COMPLETE, outreach.relay.ticket.id, "Le budget est de 40 000 €.")

    staff = bench.staff()
    await staff.send("/tickets")
    text = all_text(await staff.wait_reply(timeout=20))
    assert "↩️ Relance du candidat : « Je me permets de vous relancer. »" in text
    assert "↩️ Réponse du candidat : « Le budget est de 40 000 €. »" in text
    assert "↩️ relance" not in text


async def test_a_user_of_staff_user_ids_uses_the_tools_in_a_private_chat(bench: Bench) -> None:
    listed = FakeUser(bench.api, STAFF_USER)
    await listed.send("/stats")
    assert "Dossiers commencés : 5" in all_text(await listed.wait_reply(timeout=20))


@pytest.mark.parametrize("staff_chat_id", [-4001])  # a plain group, as at first
async def test_the_staff_group_keeps_its_rights_after_becoming_a_supergroup(
    bench: Bench, staff_chat_id: int
) -> None:
    access = bench.telegram.dispatcher["staff_access"]
    new = -1004001
    bench.api.migrate_chat(staff_chat_id, new)  # Telegram's two service messages
    member = FakeUser(bench.api, STAFF_MEMBER, chat_id=new)
    await bench.api.wait_until(lambda: access.chat_id == new or None, timeout=10)
    await member.send("/stats")
    assert "Dossiers commencés : 5" in all_text(await member.wait_reply(timeout=20))


# -- what everyone else gets ---------------------------------------------------------------------

REFUSAL = "Cette commande est réservée à l’équipe du Département"
STAFF_ONLY = ["/tickets", "/export", "/stats", "/annonce Bonjour à tous"]


def leaks(text: str) -> list[str]:
    """Other applicants' data that must never reach an outsider."""
    secrets = ["=HYPERLINK", "Peut-on déposer", "Dossiers commencés", "Demandes ouvertes", "📣"]
    return [s for s in secrets if s in text]


async def test_an_applicant_is_refused_the_staff_commands_in_a_private_chat(bench: Bench) -> None:
    outsider = FakeUser(bench.api, OUTSIDER)
    for command in STAFF_ONLY:
        await outsider.send(command)
        text = all_text(await outsider.wait_reply(timeout=20))
        assert REFUSAL in text, command
        assert leaks(text) == [], command
    assert outsider.documents == []
    assert bench.api.sent_messages(1001) == [], "no announcement went out"

    # /dossiers and /dossier are also the applicant's own commands: their dossiers only.
    await outsider.send("/dossiers")
    own = all_text(await outsider.wait_reply(timeout=20))
    assert f"n° {bench.population.numbers[IN_PLAN]}" in own
    assert leaks(own) == [] and f"n° {bench.population.numbers[HOSTILE]}" not in own
    await outsider.send(f"/dossier {bench.population.numbers[HOSTILE]}")
    other = all_text(await outsider.wait_reply(timeout=20))
    assert "Je ne trouve pas ce dossier parmi les vôtres" in other
    assert leaks(other) == [] and outsider.documents == []


async def test_anyone_in_another_group_is_refused_every_staff_command(bench: Bench) -> None:
    stranger = FakeUser(bench.api, 777, chat_id=OTHER_GROUP)
    for command in [*STAFF_ONLY, "/dossiers", "/dossier 1"]:
        await stranger.send(command)
        text = all_text(await stranger.wait_reply(timeout=20))
        assert REFUSAL in text, command
        assert leaks(text) == [] and "Inser" not in text, command
    assert stranger.documents == []
    assert bench.api.sent_messages(1001) == []


# -- announcements -------------------------------------------------------------------------------


ANNOUNCED = (
    "📣 Message de l’équipe du Département\n\nLa date limite est <b>prolongée</b> & c’est officiel."
)


def received(bench: Bench, chat_id: int) -> list[str]:
    return [m["text"] for m in bench.api.sent_messages(chat_id) if "📣" in m["text"]]


async def reported(bench: Bench, staff: FakeUser) -> str:
    await bench.api.wait_until(
        lambda: any("Annonce terminée" in (m.get("text") or "") for m in staff.messages) or None,
        timeout=30,
    )
    return all_text(staff.messages)


async def test_an_announcement_is_previewed_then_sent_to_the_chosen_audience_only(
    bench: Bench,
) -> None:
    staff = bench.staff()
    await staff.send("/annonce La date limite est <b>prolongée</b> & c’est officiel.")
    exact, control = await staff.wait_reply(timeout=20, count=2)
    assert exact["text"] == ANNOUNCED, "the preview is the message applicants will get"
    assert "Public : Tous les candidats — 5 candidats" in control["text"]
    labels = [b["text"] for row in control["reply_markup"]["inline_keyboard"] for b in row]
    assert labels == [
        "✔️ Tous les candidats (5)",
        "Candidats éligibles, à confirmer compris (3)",
        "Brouillon pas encore généré (3)",  # not the ineligible applicant: never a draft
        "Dossier incomplet (3)",  # an ineligible dossier's interview stops: nothing missing
        "📣 Envoyer à 5 candidats",
        "Annuler",
    ], "one call only: no audience by call"
    assert all(received(bench, chat_id) == [] for chat_id in range(1001, 1006)), "not yet"

    await staff.click("Candidats éligibles")
    [chosen] = await staff.wait_reply(timeout=20)
    assert chosen["message_id"] == control["message_id"], "the preview is edited in place"
    assert "Public : Candidats éligibles, à confirmer compris — 3 candidats" in chosen["text"]
    # Two staff members click "Envoyer" at once: it goes once.
    sim = Simulator(bench.api)
    sim.click(STAFF_MEMBER, chosen, label="Envoyer", chat_id=STAFF_CHAT)
    sim.click(STAFF_MEMBER + 7, chosen, label="Envoyer", chat_id=STAFF_CHAT)
    text = await reported(bench, staff)
    assert "Annonce n° 1 : envoi à 3 candidats (Candidats éligibles, à confirmer compris)" in text
    assert "Remise : 3" in text and "Échec : 0" in text
    await staff.wait_reply(timeout=2, count=0)
    assert text.count("Annonce terminée") == 1
    for chat_id in (1001, 1002, 1005):  # eligible
        assert received(bench, chat_id) == [ANNOUNCED], chat_id
    for chat_id in (1003, 1004):  # ineligible, eligibility not known yet
        assert received(bench, chat_id) == [], chat_id


async def test_an_announcement_cancelled_or_clicked_by_a_non_staff_user_sends_nothing(
    bench: Bench,
) -> None:
    staff = bench.staff()
    await staff.send("/annonce Réunion d’information le 3 décembre")
    _, control = await staff.wait_reply(timeout=20, count=2)
    # A forged click from an applicant's own chat, with the preview's "Envoyer" data.
    send_data = next(
        b["callback_data"]
        for row in control["reply_markup"]["inline_keyboard"]
        for b in row
        if b["text"].startswith("📣 Envoyer")
    )
    outsider = FakeUser(bench.api, OUTSIDER)
    await outsider.send("/aide")
    own = (await outsider.wait_reply(timeout=20))[-1]
    query = bench.api.new_callback_query(
        {"id": OUTSIDER, "is_bot": False, "first_name": "M"}, own, send_data
    )
    update = Simulator(bench.api).push({"callback_query": query})
    refusal = await bench.api.wait_until(
        lambda: bench.api.callback_answer(str(update["callback_query"]["id"])), timeout=20
    )
    assert "réservée à l’équipe" in str(refusal.get("text"))

    await staff.click("Annuler")
    [cancelled] = await staff.wait_reply(timeout=20)
    assert "annulée : rien n’a été envoyé" in cancelled["text"]
    assert not cancelled.get("reply_markup")
    await staff.wait_reply(timeout=1, count=0)
    assert all(received(bench, chat_id) == [] for chat_id in range(1001, 1006))
    with bench.app.store.transaction() as repo:
        stored = repo.get_announcement(1)
    assert stored is not None and stored.status == "cancelled"
    assert stored.text == "Réunion d’information le 3 décembre" and stored.author_id == STAFF_MEMBER


async def test_an_announcement_sent_from_telegram_names_its_officer_in_the_console(
    bench: Bench,
) -> None:
    """Tester's report: an /annonce confirmed by an officer in the group was listed in the
    console as « Par : Telegram (/annonce) », and its page named nobody."""
    from console.announcements import sent_by

    officer = FakeUser(bench.api, STAFF_MEMBER, chat_id=STAFF_CHAT, first_name="Claire")
    await announce(officer, "Réunion d’information jeudi")
    await reported(bench, officer)
    stored = bench.app.announcer.get(1)
    assert stored is not None and stored.status == "done"
    assert stored.author_name == stored.confirmed_by_name == "Claire"
    assert sent_by(stored, {}) == "Claire (Telegram, /annonce)"


async def test_an_announcement_to_everyone_reports_who_blocked_the_bot(bench: Bench) -> None:
    bench.api.block_user(1003)  # INELIGIBLE blocked the bot
    staff = bench.staff()
    await announce(staff, "La date limite est <b>prolongée</b> & c’est officiel.")
    text = await reported(bench, staff)
    assert "envoi à 5 candidats (Tous les candidats)" in text
    assert "Remise : 4" in text and "Échec : 0" in text and "Bot bloqué par le candidat : 1" in text
    for chat_id in (1001, 1002, 1004, 1005):
        assert received(bench, chat_id) == [ANNOUNCED], chat_id
    with bench.app.store.transaction() as repo:
        user = repo.get_user(INELIGIBLE)
        assert user is not None and user.blocked
    preview = await asyncio.to_thread(
        bench.app.announcer.prepare, "x", author_id=1, author_name="x", chat_id=1, thread_id=None
    )
    assert preview.chosen.count == 4, "the blocked applicant is no longer counted"


async def test_the_staff_command_menu_is_the_staff_chats_alone(bench: Bench) -> None:
    from bot.handlers.staff_tools import setup_staff_chat

    await setup_staff_chat(bench.telegram.bot, bench.telegram.dispatcher["staff_access"])
    scoped = [
        (key, commands)
        for key, commands in bench.api.commands.items()
        if any(c["command"] == "annonce" for c in commands)
    ]
    assert len(scoped) == 1
    assert json.loads(scoped[0][0][0]) == {"type": "chat", "chat_id": STAFF_CHAT}


async def test_aide_and_start_in_the_staff_group_list_every_staff_command(bench: Bench) -> None:
    staff = bench.staff()
    for command in ("/aide", "/start"):
        await staff.send(command)
        text = all_text(await staff.wait_reply(timeout=20))
        assert text.startswith("Commandes de l’équipe du Département")
        lines = [line for line in text.splitlines() if line.startswith("/")]
        assert [line.split(" — ")[0] for line in lines] == [
            *("/tickets", "/repondre", "/ecrire", "/clore", "/faq", "/faq_liste"),
            "/faq_modifier",
            *("/faq_question", "/faq_supprimer", "/dossiers", "/dossier", "/export", "/stats"),
            "/annonce",
            *("/console", "/aide"),
        ]
        assert all(len(line.split(" — ")[1]) > 10 for line in lines), "each says what it does"
        assert "reste interne à l’équipe" in text


def test_every_command_the_staff_routers_handle_is_in_the_staff_menu() -> None:
    from aiogram.filters import Command

    from app.settings import Settings
    from bot.handlers.console import console_router
    from bot.handlers.staff_announce import staff_announce_router
    from bot.handlers.staff_relay import staff_relay_router
    from bot.handlers.staff_tools import staff_tools_router
    from bot.staff_menu import STAFF_MENU

    app = bootstrap(Settings(_env_file=None, database_url="sqlite://"), clock=fixed_clock())
    try:
        access = bench_access()
        routers = [
            staff_announce_router(app.staff, access, app.announcer),
            staff_tools_router(app.staff, app.support, access, app.clock),
            staff_relay_router(app.support, access),
            console_router(),
        ]
        handled = {
            str(name)
            for router in routers
            for handler in router.message.handlers
            for flt in handler.filters or []
            if isinstance(flt.callback, Command)
            for name in flt.callback.commands
        }
    finally:
        app.close()
    assert handled - {"start"} <= set(STAFF_MENU), handled - set(STAFF_MENU)
    assert {"repondre", "ecrire", "clore", "faq", "annonce", "dossiers", "console"} <= handled


def bench_access() -> StaffAccess:
    return StaffAccess.of(STAFF_CHAT, [STAFF_USER])


async def test_an_announcement_needs_a_text_that_fits_in_one_message(bench: Bench) -> None:
    staff = bench.staff()
    await staff.send("/annonce")
    assert "Écrivez le message après la commande" in all_text(await staff.wait_reply(timeout=20))
    await staff.send("/annonce " + "x" * 4080)  # with its title, over 4096 characters
    assert "trop longue pour un seul message" in all_text(await staff.wait_reply(timeout=20))
    assert bench.api.sent_messages(1001) == []
    # Escaping makes the markup longer, not the text Telegram counts: this one goes.
    await announce(staff, "A & B. " * 560)
    await reported(bench, staff)
    assert "A & B. A & B." in bench.api.sent_messages(1001)[-1]["text"]


async def test_staff_list_change_and_remove_faq_entries_and_others_are_refused(
    bench: Bench,
) -> None:
    with bench.app.store.transaction() as repo:
        entry = repo.add_faq_entry(
            question="Peut-on cumuler avec le FSE ?",
            answer="Oui, sans financer deux fois la même dépense.",
            at=NOW,
            source_ticket_id=None,
        )
    staff = bench.staff()
    await staff.send("/faq_liste")
    listing = all_text(await staff.wait_reply(timeout=20))
    assert f"n° {entry.id}" in listing and "Peut-on cumuler avec le FSE ?" in listing

    await staff.send(f"/faq_modifier {entry.id} Oui, si les dépenses sont distinctes.")
    assert "modifiée" in all_text(await staff.wait_reply(timeout=20))
    [changed] = bench.app.support.faq_entries()
    assert changed.answer == "Oui, si les dépenses sont distinctes."

    outsider = FakeUser(bench.api, OUTSIDER)
    await outsider.send(f"/faq_supprimer {entry.id}")
    assert "réservée à l’équipe" in all_text(await outsider.wait_reply(timeout=20))
    assert len(bench.app.support.faq_entries()) == 1

    await staff.send("/faq_supprimer 999")
    assert "Je ne trouve pas l’entrée n° 999" in all_text(await staff.wait_reply(timeout=20))
    await staff.send(f"/faq_supprimer {entry.id}")
    assert "retirée de la FAQ" in all_text(await staff.wait_reply(timeout=20))
    assert bench.app.support.faq_entries() == []


# -- an applicant's erasure reaches what staff were shown -----------------------------------------


async def test_an_erasure_blanks_the_staff_chat_replies_that_showed_the_applicant(
    bench: Bench,
) -> None:
    """Marie Dupont (@mdupont, dossier COMPLETE) erases her data: the `/dossier` summary
    about her is replaced by a note, her drafts sent to the group are deleted, and the
    `/dossiers` page that named her says it is out of date; a summary of another applicant's
    dossier stays as it was (the daily digest and `/tickets` are noted the same way)."""
    staff = bench.staff()
    mine = bench.population.numbers[COMPLETE]
    other = bench.population.numbers[IN_PLAN]
    # The summary and its drafts (the PDF one too where LibreOffice is installed).
    files = {n: len(bench.app.staff.summary(n).files) for n in (mine, other)}  # type: ignore[union-attr]
    await staff.send(f"/dossier {mine}")
    shown = await staff.wait_reply(timeout=60, count=1 + files[mine])
    [summary] = [m for m in shown if "document" not in m]
    drafts = [m for m in shown if "document" in m]
    assert "@mdupont" in all_text([summary]) and len(drafts) == files[mine] >= 4
    await staff.send("/dossiers")
    [listing] = await staff.wait_reply(timeout=20)
    await staff.send(f"/dossier {other}")
    [kept, *_] = await staff.wait_reply(timeout=60, count=1 + files[other])
    assert "@mdupont" in all_text([listing]) and "@mdupont" not in all_text([kept])

    applicant = FakeUser(bench.api, int(COMPLETE.removeprefix("telegram:")))
    await applicant.send("/supprimer_mes_donnees")
    await applicant.wait_reply(timeout=20)
    await applicant.click("Oui, tout effacer")
    await applicant.wait_reply(timeout=20)

    def now_shown(message: dict[str, object]) -> dict[str, object] | None:
        return bench.api.get_message(STAFF_CHAT, int(str(message["message_id"])))

    def blanked() -> bool | None:
        """Every post about her blanked: the posts are edited one after another, so the
        drafts gone does not mean the listing edited yet (the test read it too soon)."""
        drafts_gone = all((now_shown(d) or {}).get("deleted") for d in drafts)
        summary_now, listing_now = now_shown(summary), now_shown(listing)
        return (
            drafts_gone
            and summary_now is not None
            and "effacé" in all_text([summary_now])
            and listing_now is not None
            and "Relancez la commande" in all_text([listing_now])
        ) or None

    await bench.api.wait_until(blanked, timeout=30)
    summary_now, listing_now = now_shown(summary), now_shown(listing)
    assert summary_now is not None and listing_now is not None
    assert "effacé" in all_text([summary_now]) and "@mdupont" not in all_text([summary_now])
    assert "Relancez la commande" in all_text([listing_now])
    assert "@mdupont" not in all_raw([listing_now])
    kept_now = now_shown(kept)
    assert kept_now is not None and all_text([kept_now]) == all_text([kept]), "left as it was"


async def test_an_officer_who_forgets_a_staff_commands_arguments_is_shown_how_to_write_it(
    bench: Bench,
) -> None:
    with bench.app.store.transaction() as repo:
        entry = repo.add_faq_entry(
            question="Peut-on cumuler avec le FSE ?", answer="Oui.", at=NOW, source_ticket_id=None
        )
    staff = bench.staff()

    async def told(command: str) -> str:
        await staff.send(command)
        return all_text(await staff.wait_reply(timeout=20))

    # Entry 1 exists: its number alone, or no number, is a usage question, not "not found".
    for typed in (f"/faq_modifier {entry.id}", "/faq_modifier", "/faq_modifier abc Oui"):
        reply = await told(typed)
        assert "Écrivez : « /faq_modifier N nouvelle réponse »" in reply, typed
        assert "Je ne trouve pas" not in reply, typed
    for typed in ("/faq_supprimer", "/faq_supprimer abc"):
        assert "Écrivez : « /faq_supprimer N »" in await told(typed), typed
    [kept] = bench.app.support.faq_entries()
    assert kept.answer == "Oui.", "nothing changed"
    assert "Je ne trouve pas l’entrée n° 999" in await told("/faq_modifier 999 Non.")

    for typed in ("/clore", "/clore abc"):
        reply = await told(typed)
        assert "Écrivez : « /clore N »" in reply and "Je ne trouve pas" not in reply, typed
    assert "Je ne trouve pas la demande n° 999" in await told("/clore 999")
    # /repondre names the number it did not find, as /clore does.
    unknown = await told("/repondre 999 Bonjour, voici notre réponse.")
    assert "Je ne trouve pas de demande n° 999 : rien n’a été envoyé" in unknown
    assert "Précisez le numéro du dossier" in await told("/dossier abc")
    assert "Écrivez le message après la commande" in await told("/annonce")


# -- an officer writes first ------------------------------------------------------------------

ASKING = "Bonjour, pouvez-vous préciser <le budget> & les ETP de votre première action ?"


async def test_an_officer_writes_to_a_dossiers_applicant_whose_reply_reaches_the_group(
    bench: Bench,
) -> None:
    number = bench.population.numbers[IN_PLAN]
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    with bench.app.store.transaction() as repo:
        answers_before = len(repo.answer_journal(number))

    await staff.send(f"/ecrire {number} {ASKING}")

    # Paul reads it as the team's message about his dossier, with a way to answer.
    [copy] = await paul.wait_reply(timeout=20)
    assert copy["text"].startswith("💬 Message de l’équipe du Département")
    assert f"au sujet de votre dossier n° {number}" in copy["text"]
    assert ASKING in copy["text"] and "&lt;le budget&gt; &amp;" in copy["raw_text"]
    assert str(STAFF_MEMBER) not in copy["raw_text"], "the staff's words, not their name"
    buttons = [b["text"] for row in copy["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Répondre à l’équipe"]
    # Staff are told what went to whom, and which ticket follows the exchange.
    note = all_text(await staff.wait_reply(timeout=20))
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    assert "Message remis à Paul" in note and f"dossier n° {number}" in note
    assert ASKING in note and f"L’échange n° {ticket.id} est suivi" in note
    assert f"/repondre {ticket.id}" in note

    # Paul types his next answer without replying: while the team's message waits, the bot
    # asks whether it is for the team or his answer to the dossier's question (a free text:
    # any words would fit it); « C’est ma réponse à : … » gives it to his dossier.
    lines = script_lines()
    await paul.send(lines[lines.index("Former les encadrants techniques") + 6])
    [asked] = await paul.wait_reply(timeout=20)
    assert "L’équipe du Département attend votre réponse" in asked["text"]
    offered = [b["text"] for row in asked["reply_markup"]["inline_keyboard"] for b in row]
    assert offered[0] == "Répondre à l’équipe" and offered[1].startswith("C’est ma réponse à : ")
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(number)) == answers_before, "nothing stored meanwhile"
    await paul.click(offered[1])
    await paul.wait_reply(timeout=20)
    with bench.app.store.transaction() as repo:
        assert len(repo.answer_journal(number)) == answers_before + 1
    assert "transmis à l’équipe" not in all_text(bench.api.sent_messages(OUTSIDER)[-2:])

    # Paul replies to the team's message: it reaches the group, under the officer's command.
    before = len(bench.api.sent_messages(STAFF_CHAT))
    await paul.send("Le budget est de 40 000 €.", reply_to_message_id=copy["message_id"])
    assert f"échange n° {ticket.id}" in all_text(await paul.wait_reply(timeout=20))
    [post] = await bench.api.wait_for_messages(STAFF_CHAT, 1, after=before, timeout=20)
    assert f"Échange n° {ticket.id}" in post["text"] and "40 000 €" in post["text"]
    assert post["reply_to_message"]["message_id"] == staff.last_update["message"]["message_id"]
    assert bench.app.support.ticket(ticket.id).status == "open"  # type: ignore[union-attr]


async def test_an_officer_writing_twice_to_an_applicant_continues_the_open_exchange(
    bench: Bench,
) -> None:
    """Tester's report: two `/ecrire` to the same applicant opened two tickets. While the
    team's exchange about the dossier is open, the second message goes on in it; once
    closed, the next `/ecrire` opens a new one."""
    number = bench.population.numbers[IN_PLAN]
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {number} {ASKING}")
    [first] = await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    [exchange] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]

    await staff.send(f"/ecrire {number} Et combien d’ETP pour cette action ?")
    [second] = await paul.wait_reply(timeout=20)
    # Paul reads it as the same exchange, with the button to answer.
    assert f"(échange n° {exchange.id})" in first["text"]
    assert f"(échange n° {exchange.id})" in second["text"]
    assert "combien d’ETP" in second["text"]
    buttons = [b["text"] for row in second["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons == ["Répondre à l’équipe"]
    note = all_text(await staff.wait_reply(timeout=20))
    assert f"Ajouté à l’échange n° {exchange.id}" in note and "Message remis à Paul" in note
    assert [t.id for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"] == [
        exchange.id
    ]
    thread = bench.app.support.thread(exchange.id)
    assert [m.author for m in thread] == ["staff", "staff"]
    stats = await _stats(staff)
    assert "Échanges ouverts par l’équipe (/ecrire) : 1," in stats

    # Paul answers the second message: a follow-up on the same exchange, under that command.
    before = len(bench.api.sent_messages(STAFF_CHAT))
    await paul.send("Deux ETP.", reply_to_message_id=second["message_id"])
    assert f"échange n° {exchange.id}" in all_text(await paul.wait_reply(timeout=20))
    [post] = await bench.api.wait_for_messages(STAFF_CHAT, 1, after=before, timeout=20)
    assert f"Échange n° {exchange.id}" in post["text"] and "Deux ETP." in post["text"]

    # Closed, the exchange takes no more: the next message opens a new one.
    seen = bench.app.support.thread(exchange.id)[-1].id  # confirmed on its latest message
    await asyncio.to_thread(bench.app.support.close, exchange.id, confirmed=True, seen=seen)
    await staff.send(f"/ecrire {number} Une dernière précision, s’il vous plaît.")
    [third] = await paul.wait_reply(timeout=20)
    note = all_text(await staff.wait_reply(timeout=20))
    [_, fresh] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    assert f"(échange n° {fresh.id})" in third["text"] and fresh.id != exchange.id
    assert "Ajouté à l’échange" not in note and f"L’échange n° {fresh.id} est suivi" in note


async def _stats(staff: FakeUser) -> str:
    await staff.send("/stats")
    return all_text(await staff.wait_reply(timeout=20))


async def test_an_officer_who_cannot_write_to_a_dossier_is_told_why_and_nothing_is_sent(
    bench: Bench,
) -> None:
    from dialogs.personal_data import erase_owner

    numbers = bench.population.numbers
    await asyncio.to_thread(erase_owner, bench.app.store, JUST_OPENED)
    staff = bench.staff()

    async def told(command: str) -> str:
        await staff.send(command)
        return all_text(await staff.wait_reply(timeout=20))

    for typed in ("/ecrire", f"/ecrire {numbers[IN_PLAN]}", "/ecrire abc Bonjour"):
        assert "Écrivez : « /ecrire N votre message »" in await told(typed), typed
    assert "Aucun dossier n° 999 : il n’existe pas" in await told("/ecrire 999 Bonjour")
    erased = await told(f"/ecrire {numbers[JUST_OPENED]} Bonjour")
    assert f"Aucun dossier n° {numbers[JUST_OPENED]}" in erased and "effacé ses données" in erased
    too_long = await told(f"/ecrire {numbers[IN_PLAN]} " + "x" * 3600)
    assert "trop long : 3 600 caractères pour 3 500 au plus" in too_long
    assert "Rien n’a été envoyé" in too_long
    # Someone not staff, in a private chat, is refused.
    outsider = FakeUser(bench.api, OUTSIDER)
    await outsider.send(f"/ecrire {numbers[COMPLETE]} Bonjour")
    assert REFUSAL in all_text(await outsider.wait_reply(timeout=20))
    assert not any("Message de l’équipe" in t for t in bench.api.texts(OUTSIDER))
    assert all(t.opened_by == "applicant" for t in bench.app.support.tickets()[0])


async def test_an_applicant_whose_reply_the_group_cannot_get_is_told_it_is_recorded_for_the_team(
    bench: Bench,
) -> None:
    """Tester's report: Paul answered the team's message while the staff group refused the
    bot's post; he read « Je ne peux pas transmettre… » and a phone number, although his
    words were on the exchange, shown to the team in the console and in /tickets. He is told
    the truth: his message is recorded, the team will see it."""
    number = bench.population.numbers[IN_PLAN]
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {number} {ASKING}")
    [copy] = await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    [exchange] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]

    bench.api.fail_next(
        "sendMessage",
        error_code=403,
        description="Forbidden: bot was kicked from the supergroup chat",
        chat_id=STAFF_CHAT,
    )
    await paul.send("Le budget est de 40 000 €.", reply_to_message_id=copy["message_id"])
    told = all_text(await paul.wait_reply(timeout=20))
    assert "Je ne peux pas transmettre" not in told
    assert "enregistré" in told and f"échange n° {exchange.id}" in told
    assert "l’équipe du Département le verra" in told
    thread = bench.app.support.thread(exchange.id)
    assert [m.author for m in thread] == ["staff", "applicant"]
    assert "40 000 €" in thread[-1].text


async def test_an_officer_reads_demande_for_questions_and_exchanges_alike_in_the_group(
    bench: Bench,
) -> None:
    """Tester's report: the group posts « Échange n° 7 » for an exchange the team opened,
    but /tickets headed it among « Questions ouvertes » and the `/repondre` usage asked for
    « le numéro de la question »: the officer wondered whether /repondre took an exchange's
    number. Both are « demandes », each listed under its own kind; the commands are as
    before (`/repondre N texte`, `/tickets`, `/tickets 2`)."""
    number = bench.population.numbers[IN_PLAN]
    staff, paul = bench.staff(), FakeUser(bench.api, OUTSIDER)
    await staff.send(f"/ecrire {number} {ASKING}")
    [copy] = await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)
    [exchange] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    await paul.send("Le budget est de 40 000 €.", reply_to_message_id=copy["message_id"])
    await paul.wait_reply(timeout=20)
    await staff.wait_reply(timeout=20)  # the reply's post in the group

    async def told(command: str) -> str:
        await staff.send(command)
        return all_text(await staff.wait_reply(timeout=20))

    listed = await told("/tickets")
    assert "Questions ouvertes" not in listed and "Demandes ouvertes (3)" in listed
    assert f"• échange n° {exchange.id} — " in listed
    asked = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by != "staff"]
    assert all(f"• question n° {t.id} — " in listed for t in asked if t.status == "open")
    assert "« /repondre N » prend le numéro de la demande" in listed

    usage = await told("/repondre")
    assert "le numéro de la question" not in usage
    assert "« /repondre N votre réponse » (N : le numéro de la demande" in usage
    unknown = await told("/repondre 999 Bonjour.")
    assert "Je ne trouve pas de demande n° 999 : rien n’a été envoyé" in unknown
    assert "/tickets donne les numéros des demandes ouvertes" in unknown
