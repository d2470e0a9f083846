"""Staff figures that must agree and add up: each question counted once in `/stats` and the
console's statistics, and an applicant's erasure that neither makes the counts drop nor
takes the team's FAQ work away without a word (an officer tester's report)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from dialogs.personal_data import erase_owner
from dialogs.question_figures import FAQ_SOURCE_PREFIX
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from dialogs.support import SUPPORT, SupportService
from dialogs.texts import render_macro
from drafts import render_draft_files
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
from tests.fakebotapi import FakeBotAPI
from tests.fakebotapi.html_check import parse_html
from tests.staff_support import (
    COMPLETE,
    IN_PLAN,
    INELIGIBLE,
    fixed_clock,
    populate,
    staff_service,
)
from tests.test_console_e2e import CHROMIUM, chromium_or_skip

MONDAY = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
KARIM, SOPHIE, LEA = "telegram:2001", "telegram:2002", "telegram:2003"


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


def ask(bench: ConsoleBench, owner: str, text: str, *, source: str = "", escalate: bool) -> int:
    """A question to the bot, answered from `source` (confidently) or not at all, then
    passed on to the team or not; the ticket's number, or 0."""
    with bench.app.store.transaction() as repo:
        asked = repo.add_asked_question(
            owner=owner,
            dossier_id=None,
            text=text,
            answer="…" if source else None,
            source=source,
            confident=bool(source),
            at=MONDAY,
        )
        if not escalate:
            return 0
        ticket = repo.add_ticket(
            owner=owner, dossier_id=None, asked_question_id=asked.id, question=text, at=MONDAY
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text=text, at=MONDAY)
        return ticket.id


def five_questions(bench: ConsoleBench) -> int:
    """The tester's week: three questions the call answers (two judged insufficient and
    passed on), one the team's FAQ answers, one nobody answers, passed on. Returns the
    ticket of Sophie's question answered by the call then passed on."""
    ask(bench, KARIM, "Quel taux de frais indirects ?", source="3. Budget", escalate=False)
    passed_on = ask(bench, SOPHIE, "Date limite ?", source="1. Calendrier", escalate=True)
    ask(bench, KARIM, "Les ACI ?", source="2. Public", escalate=True)
    ask(bench, LEA, "Et les GEIQ ?", source=f"{FAQ_SOURCE_PREFIX} (20/11/2026)", escalate=False)
    ask(bench, LEA, "Un cas particulier", escalate=True)
    return passed_on


def console_figure(page: str, label: str) -> int:
    found = re.search(rf"<dt>{label}</dt><dd>(\d+)", page)
    assert found is not None, label
    return int(found.group(1))


def stats_figure(html: str, label: str) -> int:
    found = re.search(rf"{label} : (\d+)", html)
    assert found is not None, label
    return int(found.group(1))


async def test_a_question_the_call_answered_then_passed_on_to_the_team_is_counted_once(
    bench: ConsoleBench,
) -> None:
    """« Questions posées 5 · Répondues par l’appel à projets 3 · FAQ 1 · Transmises 3 »
    made 7 of 5: the two answered by the call then passed on were counted twice."""
    five_questions(bench)
    stats = bench.app.staff.stats_html()
    page = await (await bench.client.get("/console/statistiques")).text()
    # the console bench's two questions written straight to the team are counted too
    asked = 5 + 2
    parts_console = [
        console_figure(page, "Répondues par l’appel à projets"),
        console_figure(page, "Répondues par la FAQ de l’équipe"),
        console_figure(page, "Transmises à l’équipe"),
        console_figure(page, "Sans réponse automatique, non transmises"),
    ]
    parts_stats = [
        stats_figure(stats, "• réponse tirée de l’appel à projets"),
        stats_figure(stats, "• réponse de l’équipe déjà publiée \\(FAQ\\)"),
        stats_figure(stats, "• Transmises à l’équipe"),
        stats_figure(stats, "• sans réponse automatique, non transmises"),
    ]
    assert console_figure(page, "Questions posées") == stats_figure(stats, "Posées") == asked
    assert parts_console == parts_stats == [1, 1, 5, 0]
    assert sum(parts_console) == asked
    assert "dont 2 après une réponse automatique jugée insuffisante" in page
    assert "Transmises à l’équipe : 5, dont 2 après une réponse automatique jugée " in stats


async def test_an_applicant_s_erasure_keeps_the_counts_and_tells_the_team_of_the_faq_entry(
    bench: ConsoleBench,
) -> None:
    """After `/supprimer_mes_donnees`, FAQ n° 2 (an officer's answer to that applicant)
    vanished from the FAQ with no word to the team, and « Posées : 5 » became « Posées :
    2 ». The entry goes (its question is the applicant's own words, README), the Journal
    says so, and the anonymous counts stay put."""
    ticket = five_questions(bench)
    with bench.app.store.transaction() as repo:
        repo.add_ticket_message(ticket_id=ticket, author="staff", text="Le 28 février.", at=MONDAY)
        repo.set_ticket_status(ticket_id=ticket, status="answered", at=MONDAY)
        repo.add_faq_entry(question="Autre ?", answer="Oui.", at=MONDAY, source_ticket_id=None)
        entry = repo.add_faq_entry(
            question="Date limite ?", answer="Le 28 février.", at=MONDAY, source_ticket_id=ticket
        )
    before = bench.app.staff.question_figures()
    stats_before = bench.app.staff.stats_html()

    erasure = erase_owner(bench.app.store, SOPHIE, at=MONDAY + dt.timedelta(days=1))

    assert erasure.faq_removed == (entry.id,)
    after = bench.app.staff.question_figures()
    assert (after.asked, after.escalated, after.answered) == (
        before.asked,
        before.escalated,
        before.answered,
    )
    assert after.answered_from_call == before.answered_from_call
    assert after.escalated_after_answer == before.escalated_after_answer == 2
    assert after.median_staff_answer == before.median_staff_answer
    assert stats_figure(bench.app.staff.stats_html(), "Posées") == stats_figure(
        stats_before, "Posées"
    )
    journal = await (await bench.client.get("/console/journal")).text()
    assert f"FAQ n° {entry.id} retirée : le candidat a effacé ses données" in journal
    assert "24/11/2026" in journal, "the erasure's date, from the injected clock"
    faq = await (await bench.client.get("/console/faq")).text()
    assert "Le 28 février." not in faq and "Autre ?" in faq


async def test_an_officer_reads_at_once_which_waiting_questions_the_team_had_answered(
    bench: ConsoleBench,
) -> None:
    """Officer's report: « en attente : 2, dont 1 relancée par le candidat après une
    réponse » read as a reminder from the applicant, or an automatic answer of the bot. The
    figure counts the questions the team had answered where the applicant wrote again since
    (they wait for the team again): `/stats` and the console say so in the same words."""
    sophie = five_questions(bench)
    with bench.app.store.transaction() as repo:
        repo.add_ticket_message(ticket_id=sophie, author="staff", text="Le 28 février.", at=MONDAY)
        repo.set_ticket_status(ticket_id=sophie, status="answered", at=MONDAY)
    bench.app.support.follow_up(SOPHIE, sophie, "Et pour un dépôt papier ?")
    assert bench.app.staff.question_figures().followed_up == 1
    words = "où le candidat a réécrit après la réponse de l’équipe"
    stats = bench.app.staff.stats_html()
    page = await (await bench.client.get("/console/statistiques")).text()
    assert "relancée" not in stats and "relancée" not in page
    assert f"en attente : 5, dont 1 {words}" in stats
    assert f"<dt>Dont celle {words}</dt><dd>1</dd>" in page
    assert "ou le candidat a réécrit après la réponse de l’équipe)" in page, "the page's key"


# -- /dossier N, /tickets and the staff group's posts say what they do --------------------------


def support_service(store: SqlStore) -> SupportService:
    return SupportService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=fixed_clock(),
        finder=None,
    )


@pytest.fixture
def officer(store: SqlStore) -> tuple[StaffService, dict[str, int]]:
    numbers = dict(populate(store).numbers)
    return staff_service(store, drafts=render_draft_files), numbers


def test_dossier_n_says_which_documents_it_sends_and_none_for_a_non_eligible_dossier(
    officer: tuple[StaffService, dict[str, int]],
) -> None:
    """`/dossier 1` said « Brouillon pas encore généré » then sent five « Brouillon du
    dossier n° 1 » files; a non-eligible dossier got five mostly empty ones."""
    service, numbers = officer
    in_plan = service.summary(numbers[IN_PLAN])
    assert in_plan is not None and in_plan.files
    assert "Brouillon pas encore généré" not in in_plan.html
    assert (
        f"Le candidat n’a pas encore généré son brouillon ; {len(in_plan.files)} documents "
        "envoyés ci-dessous pour lecture"
    ) in in_plan.html
    ineligible = service.summary(numbers[INELIGIBLE])
    assert ineligible is not None
    assert ineligible.files == []
    assert "Aucun brouillon envoyé : le dossier n’est pas éligible" in ineligible.html


def test_dossier_n_lists_the_dossier_s_questions_like_the_console(
    store: SqlStore, officer: tuple[StaffService, dict[str, int]]
) -> None:
    service, numbers = officer
    number = numbers[IN_PLAN]
    with store.transaction() as repo:
        asked = repo.add_ticket(
            owner=IN_PLAN,
            dossier_id=number,
            asked_question_id=None,
            question="Les frais de déplacement sont-ils éligibles ?",
            at=MONDAY,
        )
        repo.add_ticket(
            owner=IN_PLAN,
            dossier_id=number,
            asked_question_id=None,
            question="Pouvez-vous confirmer votre organisme ?",
            at=MONDAY,
            opened_by="staff",
        )
        repo.set_ticket_status(ticket_id=asked.id, status="answered", at=MONDAY)
    summary = service.summary(number)
    assert summary is not None
    parse_html(summary.html)
    assert "Questions et échanges sur ce dossier (2)" in summary.html
    assert (
        f"• n° {asked.id} — répondue — posée le 23/11/2026 10:00 : « Les frais de "
        "déplacement sont-ils éligibles ? »"
    ) in summary.html
    assert "✉️ message de l’équipe du 23/11/2026" in summary.html
    other = service.summary(numbers[COMPLETE])
    assert other is not None and "Questions et échanges sur ce dossier (0)" in other.html


def test_tickets_shows_each_question_s_dossier_number(
    store: SqlStore, officer: tuple[StaffService, dict[str, int]]
) -> None:
    """`/repondre N` takes a question's number, `/ecrire N` a dossier's: `/tickets` showed
    no dossier number, so the two were confused."""
    _, numbers = officer
    support = support_service(store)
    with store.transaction() as repo:
        ticket = repo.add_ticket(
            owner=IN_PLAN,
            dossier_id=numbers[IN_PLAN],
            asked_question_id=None,
            question="Une question",
            at=MONDAY,
        )
    items = [(view, "2 h") for view in support.open_tickets()]
    html = render_macro("messages/staff.html.j2", "tickets", items=items)
    assert f"• <b>question n° {ticket.id}</b> — dossier n° {numbers[IN_PLAN]} — " in html


def test_a_non_eligible_dossier_s_question_post_shows_no_percentage(
    store: SqlStore, officer: tuple[StaffService, dict[str, int]]
) -> None:
    """« ⛔ non éligible — complet à 33 % »: the README's rule is no percentage."""
    _, numbers = officer
    support = support_service(store)
    with store.transaction() as repo:
        ticket = repo.add_ticket(
            owner=INELIGIBLE,
            dossier_id=numbers[INELIGIBLE],
            asked_question_id=None,
            question="Pourquoi ?",
            at=MONDAY,
        )
    view = support.owns_ticket(INELIGIBLE, ticket.id)
    assert view is not None
    post = render_macro(SUPPORT, "staff_ticket", ticket=view, text="Pourquoi ?")
    assert "⛔ non éligible — étape" in post
    assert "%" not in post


# -- the console names the officer; the group's notes stay true ---------------------------------

STAFF_CHAT = -1001234567890


@pytest.fixture
async def relaying(tmp_path: Path) -> AsyncIterator[tuple[ConsoleBench, FakeBotAPI]]:
    """The console with a bot (the fake Bot API) and a staff group to tell."""
    async with FakeBotAPI() as api:
        api.register_chat(STAFF_CHAT, "supergroup", title="Équipe du Département")
        async with console_bench(
            f"sqlite:///{tmp_path / 'console.db'}", api=api, staff_chat=STAFF_CHAT
        ) as made:
            made.csrf = await made.sign_in()  # type: ignore[attr-defined]
            yield made, api


async def test_the_console_names_the_officer_who_answered_and_the_faq_note_stops_offering_faq(
    relaying: tuple[ConsoleBench, FakeBotAPI],
) -> None:
    """The console said « Équipe · date » for every answer; after a console answer was
    added to the FAQ, the group's note still said « /faq en réponse à ce message l’ajoute à
    la FAQ »."""
    bench, api = relaying
    csrf = bench.csrf  # type: ignore[attr-defined]
    ticket = bench.tickets[0]
    support = bench.app.support
    # An answer typed in the group by another officer, and one recorded before names were kept.
    support.staff_reply(ticket, "Oui, dans la limite du barème.", staff_name="Karim Benali")
    support.staff_reply(ticket, "Une réponse d’avant.")
    await bench.client.post(
        f"/console/questions/{ticket}/reponse",
        data={"reponse": "Et les repas aussi.", "csrf": csrf},
    )
    page = await (await bench.client.get(f"/console/questions/{ticket}")).text()
    assert "Karim Benali · " in page and "Claire Martin · " in page
    assert "Équipe · " in page, "an answer recorded before the officer's name was kept"

    [note] = [m for m in api.sent_messages(STAFF_CHAT) if "Et les repas aussi." in m["text"]]
    assert "« /faq » en réponse à ce message l’ajoute à la FAQ" in note["text"]
    answer = next(m for m in support.thread(ticket) if m.text == "Et les repas aussi.")
    added = await bench.client.post(
        f"/console/questions/{ticket}/faq",
        data={"message": str(answer.id), "question": "", "csrf": csrf},
        allow_redirects=False,
    )
    assert added.status == 303
    [note] = [m for m in api.sent_messages(STAFF_CHAT) if m["message_id"] == note["message_id"]]
    entry = support.faq_entry_of(ticket)
    assert entry is not None
    assert "/faq » en réponse" not in note["text"]
    assert f"sa réponse dans la FAQ (entrée n° {entry.id})" in note["text"]
    assert "répondue depuis la console par Claire Martin" in note["text"]


def test_a_closed_question_reopened_by_the_applicant_says_so_in_the_group(
    store: SqlStore,
) -> None:
    support = support_service(store)
    with store.transaction() as repo:
        ticket = repo.add_ticket(
            owner=KARIM, dossier_id=None, asked_question_id=None, question="Q ?", at=MONDAY
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text="Q ?", at=MONDAY)
    open_follow_up = support.follow_up(KARIM, ticket.id, "Une précision.")
    assert open_follow_up is not None and not open_follow_up.reopened
    post = render_macro(SUPPORT, "staff_follow_up", ticket=open_follow_up.ticket, text="…")
    assert "réouverte" not in post
    with store.transaction() as repo:
        repo.close_ticket(ticket_id=ticket.id, at=MONDAY)
    posting = support.follow_up(KARIM, ticket.id, "Finalement, encore une question.")
    assert posting is not None
    post = render_macro(
        SUPPORT, "staff_follow_up", ticket=posting.ticket, text=posting.text, posting=posting
    )
    assert f"↩️ <b>Question n° {ticket.id}</b> — réouverte (elle était close) — " in post


async def test_annotations_and_the_journal_are_dated_by_the_application_s_clock(
    bench: ConsoleBench,
) -> None:
    """Annotations and the Journal showed the wall clock's dates while the rest of the
    console showed the injected clock's (AAP_BOT_TODAY): only links and sessions expire by
    the wall clock."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    bench.clock.advance(hours=3)  # the wall clock: 13:30 in Paris; the application's: 10:30
    number = bench.population.numbers[IN_PLAN]
    await bench.client.post(
        f"/console/dossiers/{number}/annotations",
        data={"note": "Budget à vérifier.", "csrf": csrf},
    )
    [note] = bench.app.console.annotations(number)
    assert note.at == fixed_clock().now()
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    assert "25/11/2026 10:30" in page and "13:30" not in page
    journal = await (await bench.client.get("/console/journal")).text()
    assert "13:30" not in journal and "25/11/2026 10:30" in journal


@pytest.mark.slow
async def test_the_announcement_preview_stands_apart_from_the_form_below(
    bench: ConsoleBench,
) -> None:
    """The preview box touched the recipients' form (no gap), in Chromium."""
    chromium_or_skip()
    from playwright.async_api import async_playwright

    csrf = bench.csrf  # type: ignore[attr-defined]
    made = await bench.client.post(
        "/console/annonces",
        data={"message": "La date limite est prolongée.", "csrf": csrf},
        allow_redirects=False,
    )
    page_html = await (await bench.client.get(made.headers["Location"])).text()
    css = (Path(__file__).parents[1] / "templates/console/console.css").read_text()
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            page = await browser.new_page(viewport={"width": 1100, "height": 900})
            await page.set_content(page_html.replace("</head>", f"<style>{css}</style></head>"))
            preview = await page.locator(".message.telegram").bounding_box()
            form = await page.locator("form.card").bounding_box()
        finally:
            await browser.close()
    assert preview is not None and form is not None
    assert form["y"] - (preview["y"] + preview["height"]) >= 16, "at least 1rem between"
