"""The console's pages as a staff member uses them (aiohttp's test client; the browser test
is `test_console_e2e`): the list's filters and pages, a dossier's history in words, the FAQ,
an announcement's preview that sends nothing."""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import re
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from console.figures import _in_a_thread
from console.web import DEPS
from dialogs.announcing import audience_query
from dialogs.dossier_list import parse_filters
from dialogs.ports import FaqRecord
from tests.console_support import STAFF, ConsoleBench, console_bench
from tests.fakebotapi import FakeBotAPI
from tests.staff_support import (
    COMPLETE,
    HOSTILE,
    HOSTILE_NAME,
    IN_PLAN,
    INELIGIBLE,
    JUST_OPENED,
)


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


def numbers_listed(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-label="N°" class="nowrap"><a [^>]*>n° (\d+)<', page)]


async def test_the_list_filters_searches_and_pages(bench: ConsoleBench) -> None:
    numbers = bench.population.numbers
    everything = await (await bench.client.get("/console/dossiers")).text()
    assert sorted(numbers_listed(everything)) == sorted(numbers.values())
    assert "5 dossiers" in everything
    ineligible = await (await bench.client.get("/console/dossiers?eligible=non")).text()
    assert numbers_listed(ineligible) == [numbers[INELIGIBLE]]
    searched = await (await bench.client.get("/console/dossiers?q=reseau+%26+cie")).text()
    assert numbers_listed(searched) == [numbers[HOSTILE]], "accents and case ignored"
    assert "&lt;b&gt;Réseau &amp; Cie&lt;/b&gt;" in searched, "the hostile name is escaped"
    complete = await (await bench.client.get("/console/dossiers?complet=oui")).text()
    assert numbers_listed(complete) == [numbers[COMPLETE]]
    by_amount = await (await bench.client.get("/console/dossiers?tri=montant")).text()
    assert numbers_listed(by_amount)[0] == numbers[COMPLETE], "the largest request first"


async def test_pages_of_the_list_keep_the_filters(
    bench: ConsoleBench, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("console.dossiers.PAGE_SIZE", 2)
    first = await (await bench.client.get("/console/dossiers?tri=completude")).text()
    assert "page 1 sur 3" in first and len(numbers_listed(first)) == 2
    assert 'href="/console/dossiers?tri=completude&amp;page=2" rel="next"' in first
    last = await (await bench.client.get("/console/dossiers?tri=completude&page=3")).text()
    assert numbers_listed(last) == [bench.population.numbers[JUST_OPENED]], "0 % comes last"
    beyond = await (await bench.client.get("/console/dossiers?page=99")).text()
    assert numbers_listed(beyond) == [] and "au-delà de la dernière page (3)" in beyond


async def test_a_dossier_shows_its_history_in_words_and_its_warnings(bench: ConsoleBench) -> None:
    number = bench.population.numbers[COMPLETE]
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    assert "Historique des réponses" in page
    assert "org.name" not in page and "elig." not in page, "labels, never internal keys"
    chosen = '"Réponse">Tête de réseau IAE départementale<'
    assert f'"Question">Type d’organisme</td><td data-label={chosen}' in page, "a label, no id"
    assert '"Question">Nom de l’organisme</td>' in page
    assert "L’appel à projets est clos" in page, "the call's rule, from the review"
    assert "appel clos : ne peut plus être déposé" in page, "never 'prêt à déposer' once closed"
    assert "prêt à déposer" not in page
    assert "Demande au Département" in page and "60 000,00" in page
    assert "<dt>Territoire</dt><dd>Tout le Pas-de-Calais</dd>" in page, "a label, not an id"
    assert "<dt>ETP</dt><dd>0,5</dd>" in page


def status_line(page: str) -> str:
    """The dossier page's line under its heading, in plain words."""
    found = re.search(r'<p class="meta">(.*?)</p>', page, re.S)
    assert found is not None
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split())


async def test_a_dossier_s_status_line_says_each_thing_once(bench: ConsoleBench) -> None:
    """Regression: « non éligible · complet à 33 % · non éligible », « complet à 100 % ·
    complet, mais l’appel est clos », and a heading « — organisme non renseigné » where the
    list writes « Organisme non renseigné »."""
    numbers = bench.population.numbers
    pages = {}
    for owner in (INELIGIBLE, COMPLETE, JUST_OPENED):
        pages[owner] = await (await bench.client.get(f"/console/dossiers/{numbers[owner]}")).text()
    ineligible = status_line(pages[INELIGIBLE])
    assert ineligible.count("éligible") == 1 and ineligible.startswith("non éligible · étape")
    assert "complet à" not in ineligible, "an ineligible dossier's percentage is no progress"
    complete = status_line(pages[COMPLETE])
    assert complete.startswith("éligible · complet à 100 % · appel clos : ne peut plus être")
    assert complete.count("complet") == 1
    assert (
        f"<h1>Dossier n° {numbers[JUST_OPENED]} — Organisme non renseigné</h1>"
        in pages[JUST_OPENED]
    )


async def test_an_officer_opening_an_ineligible_dossier_reads_the_call_s_reason_not_python(
    bench: ConsoleBench,
) -> None:
    number = bench.population.numbers[INELIGIBLE]
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    alerts = page[page.index('id="t-alertes"') : page.index('id="t-plan"')]
    assert "summary=" not in alerts and "Quote(" not in alerts, "no Python object"
    assert "Non éligible : L’appel à projets est réservé aux têtes de réseaux" in alerts
    assert "<blockquote>« " in alerts and "» — Porteurs de projets éligibles</blockquote>" in alerts


async def test_a_dossier_page_shows_the_alerts_the_list_counts(bench: ConsoleBench) -> None:
    """The page and the list agree: an ineligible dossier, or one still writing its plan, is
    not alerted to a plan that does not cover the four orientations yet; the call's closing
    is the page's notice, not an alert of the dossier."""
    for owner, number in bench.population.numbers.items():
        detail = bench.app.staff.detail(number)
        assert detail is not None
        assert len(detail.alerts) == detail.facts.warnings, owner
    for owner in (INELIGIBLE, IN_PLAN):
        number = bench.population.numbers[owner]
        page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
        alerts = page[page.index('id="t-alertes"') : page.index('id="t-plan"')]
        assert "quatre orientations" not in alerts, owner
        assert "L’appel à projets est clos" in alerts, "said once, as the page's notice"


async def test_an_officer_reads_the_answer_history_in_words_not_internal_values(
    bench: ConsoleBench,
) -> None:
    """Regression: raw keys as labels ("bud.funders — oui"), indicators as JSON, amounts,
    months and the phone number unformatted, and an "add another?" answered no read as
    "Autres charges directes — non" though the dossier has one."""
    number = bench.population.numbers[COMPLETE]
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    history = page[page.index('id="t-historique"') : page.index('id="t-documents"')]
    rows = dict(
        re.findall(
            r'data-label="Question">([^<]*)</td><td data-label="Réponse">([^<]*)</td>', history
        )
    )
    assert not [label for label in rows if re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", label)]
    assert "{" not in history and "60000.00" not in history and "2025-04" not in history
    assert rows["Montant demandé au Département"] == "60 000,00 €"
    assert rows["Budget annuel de l’organisme"] == "380 000,00 €"
    assert rows["Salariés en équivalents temps plein"] == "4,2"
    assert rows["Téléphone"] == "03 21 21 65 50"
    assert rows["Nombre de formations proposées aux SIAE"] == "8 (dont 2 en visioconférence)"
    months = "Mois de réalisation (Orientation 1 · Action 1 « Former les encadrants techniques »)"
    assert rows[months] == "janvier 2025 – juin 2025"
    assert rows["Avez-vous d’autres charges directes, rattachables à l’opération ?"] == "Oui"
    assert rows["Ajouter une autre charge directe ?"] == "Non"
    assert rows["D’autres financeurs subventionnent-ils cette opération ?"] == "Oui"
    assert rows["Ajouter un autre financeur ?"] == "Non"
    assert rows["Ajouter un autre poste ?"] == "Non"
    assert "Autres charges directes" not in rows and "Ressources" not in rows, "misleading"
    assert "Autres financeurs" not in rows, "the question, not the flag's short name"


async def test_a_budget_not_answered_yet_shows_no_zero_that_looks_declared(
    bench: ConsoleBench,
) -> None:
    """Regression: a dossier still in its action plan showed « Demande au Département
    0,00 € » and « plafond 0,00 € » (the list said « — »), and the exports « 0,00 »: an
    unanswered amount is « non renseigné », an empty cell; a declared 0 stays 0."""
    number = bench.population.numbers[IN_PLAN]
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    budget = page[page.index('id="t-budget"') : page.index('id="t-historique"')]
    assert "Budget pas encore renseigné." in budget and "0,00" not in budget
    with bench.app.store.transaction() as repo:  # the applicant answers two figures
        stored = repo.get_dossier(number)
        assert stored is not None
        stored.dossier.budget.departement_request = Decimal("12000")
        stored.dossier.budget.has_other_funders = False
        repo.save_dossier(dossier_id=number, dossier=stored.dossier)
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    budget = page[page.index('id="t-budget"') : page.index('id="t-historique"')]
    assert "<dt>Demande au Département</dt><dd><strong>12 000,00 €</strong></dd>" in budget
    assert "<dt>Autres financeurs</dt><dd>0,00 €</dd>" in budget, "« non » is a declared 0"
    assert "<dt>Charges de personnel</dt><dd>non renseigné</dd>" in budget
    assert "<dt>Fonds propres</dt><dd>non renseigné</dd>" in budget
    assert "<dt>Charges indirectes</dt><dd>non renseigné</dd>" in budget, "no cap of 0 €"
    assert "écart" not in budget, "no gap against charges not given"
    exported = (await (await bench.client.get("/console/exports/csv")).read()).decode("utf-8-sig")
    rows = {r["N° dossier"]: r for r in csv.DictReader(io.StringIO(exported), delimiter=";")}
    unanswered = rows[str(number)]
    assert unanswered["Demande au Département (€)"] == "12000,00"
    assert unanswered["Autres financeurs (€)"] == "0,00"
    assert unanswered["Fonds propres (€)"] == unanswered["Charges de personnel (€)"] == ""
    assert unanswered["Total des charges (€)"] == unanswered["Taux de charges indirectes"] == ""
    complete = rows[str(bench.population.numbers[COMPLETE])]
    assert complete["Demande au Département (€)"] == "60000,00"
    opened = rows[str(bench.population.numbers[JUST_OPENED])]
    assert opened["Demande au Département (€)"] == opened["Total des ressources (€)"] == ""


async def test_counts_are_written_in_french_singular_or_plural_never_with_s_in_brackets(
    bench: ConsoleBench,
) -> None:
    """Regression: « 9 dossier(s) », « 0 action(s) », « 2 question(s) » across the console."""
    numbers = bench.population.numbers
    pages = [
        await (await bench.client.get(path)).text()
        for path in (
            "/console/dossiers",
            "/console/dossiers?eligible=non",
            f"/console/dossiers/{numbers[COMPLETE]}",
            f"/console/dossiers/{numbers[IN_PLAN]}",
            "/console/questions",
            "/console/statistiques",
            "/console/annonces",
            "/console/journal",
        )
    ]
    assert not [p for p in pages if "(s)" in p]
    assert "5 dossiers" in pages[0] and "1 dossier<" in pages[1]
    in_plan = pages[3][pages[3].index('id="t-plan"') :]
    assert "Professionnalisation des SIAE : 1 action</h3>" in in_plan
    assert re.search(r": 0 action</h3>", in_plan), "0 takes the singular"
    assert "2 demandes" in pages[4]


async def test_every_missing_answer_is_listed_by_section_none_hidden(bench: ConsoleBench) -> None:
    """Regression: « Réponses manquantes (36) » listed 30, then « … et 6 autre(s) » with no
    way to read them."""
    number = bench.population.numbers[JUST_OPENED]
    detail = bench.app.staff.detail(number)
    assert detail is not None and len(detail.report.missing) > 30
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    alerts = page[page.index('id="t-alertes"') : page.index('id="t-plan"')]
    listed = re.findall(r"<li>([^<]*)</li>", alerts)
    assert listed == [html.escape(m.label, quote=False) for m in detail.report.missing]
    assert "autre" not in alerts
    sections = re.findall(r"<summary>([^<]*)</summary>", alerts)
    assert sections == [
        "Éligibilité : 4 réponses manquantes",
        "Organisation : 18 réponses manquantes",
        "Plan d’actions : 11 réponses manquantes",
        "Indicateurs : 6 réponses manquantes",
        "Budget : 9 réponses manquantes",
    ], "in the form's order"


def meal_costs_faq(bench: ConsoleBench) -> FaqRecord:
    """A FAQ entry ("Les frais de repas ?" → "Non.") for the FAQ page's stories."""
    with bench.app.store.transaction() as repo:
        return repo.add_faq_entry(
            question="Les frais de repas ?",
            answer="Non.",
            at=bench.clock.now(),
            source_ticket_id=None,
        )


async def test_the_faq_is_edited_and_deleted_with_confirmation(bench: ConsoleBench) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    entry = meal_costs_faq(bench)
    await bench.client.post(
        f"/console/faq/{entry.id}", data={"reponse": "Oui, au réel.", "csrf": csrf}
    )
    assert [e.answer for e in bench.app.support.faq_entries()] == ["Oui, au réel."]
    await bench.client.post(f"/console/faq/{entry.id}/suppression", data={"csrf": csrf})
    assert len(bench.app.support.faq_entries()) == 1, "not without the box ticked"
    await bench.client.post(
        f"/console/faq/{entry.id}/suppression", data={"csrf": csrf, "confirmer": "oui"}
    )
    assert bench.app.support.faq_entries() == []
    actions = [e.action for e in bench.app.console.audit_log()]
    assert actions[:2] == ["faq_delete", "faq_edit"]


async def test_the_faq_question_is_reworded_from_the_console(bench: ConsoleBench) -> None:
    """An officer found that a FAQ entry shows every applicant the asker's own words: the
    FAQ page offers the question to reword, as applicants read it."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    entry = meal_costs_faq(bench)
    shown = await (await bench.client.get("/console/faq")).text()
    assert "Question, telle que les candidats la lisent" in shown
    await bench.client.post(
        f"/console/faq/{entry.id}",
        data={
            "question": "Les frais de repas sont-ils pris en charge ?",
            "reponse": "Non.",
            "csrf": csrf,
        },
    )
    [edited] = bench.app.support.faq_entries()
    assert (edited.question, edited.answer) == (
        "Les frais de repas sont-ils pris en charge ?",
        "Non.",
    )


async def test_an_officer_saving_an_empty_faq_answer_is_asked_to_write_one_not_lost(
    bench: ConsoleBench,
) -> None:
    """Regression: an answer blanked to spaces gave a 404 "Page introuvable"."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    entry = meal_costs_faq(bench)
    blank = await bench.client.post(
        f"/console/faq/{entry.id}", data={"reponse": "   ", "csrf": csrf}
    )
    page = await blank.text()
    assert blank.status == 400 and "Page introuvable" not in page
    assert "Écrivez la nouvelle réponse" in page and f"L’entrée n° {entry.id} est inchangée" in page
    too_long = "Oui, au réel, sur justificatifs. " * 100
    refused = await bench.client.post(
        f"/console/faq/{entry.id}", data={"reponse": too_long, "csrf": csrf}
    )
    page = await refused.text()
    assert refused.status == 400 and "Cette réponse est trop longue" in page
    assert f">{too_long}</textarea>" in page, "the whole draft, never cut"
    assert [e.answer for e in bench.app.support.faq_entries()] == ["Non."], "unchanged"
    assert bench.app.console.audit_log(actions=("faq_edit",)) == []
    unknown = await bench.client.post("/console/faq/999", data={"reponse": " ", "csrf": csrf})
    assert unknown.status == 404


async def test_an_announcement_preview_counts_each_audience_and_sends_nothing(
    bench: ConsoleBench,
) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    made = await bench.client.post(
        "/console/annonces", data={"message": "Réunion <b>jeudi</b>", "csrf": csrf}
    )
    page = await made.text()
    assert made.status == 200 and "Aperçu de l’annonce n° 1" in page
    assert "Réunion &lt;b&gt;jeudi&lt;/b&gt;" in page, "the staff's text is escaped"
    assert (
        "Tous les candidats (5)" in page and "Candidats éligibles, à confirmer compris (3)" in page
    )
    assert 'name="audience" value="all" required checked' in page, "everyone at first"
    assert "Envoyer aux destinataires cochés" in page
    announcement = bench.app.announcer.get(1)
    assert announcement is not None and announcement.status == "draft", "nothing sent"
    assert bench.app.staff.announcement_counts(1) == {}
    cancelled = await bench.client.post("/console/annonces/1/annulation", data={"csrf": csrf})
    assert "rien n’a été envoyé" in await cancelled.text()
    empty = await bench.client.post("/console/annonces", data={"message": "  ", "csrf": csrf})
    assert empty.status == 400 and "Écrivez le message" in await empty.text()


async def test_the_undrafted_audience_leaves_out_applicants_who_can_never_get_a_draft(
    bench: ConsoleBench,
) -> None:
    """Regression: « Brouillon pas encore généré » reached the ineligible applicant, who can
    never get one. « Dossier incomplet » leaves them out too (their interview stopped),
    where the list's « Réponses manquantes » filter counts their dossier: the page says why."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    page = await (
        await bench.client.post("/console/annonces", data={"message": "Rappel", "csrf": csrf})
    ).text()
    assert "Brouillon pas encore généré (4)" in page, "5 without a draft, less the ineligible"
    assert "Dossier incomplet (3)" in page
    assert "les candidats non éligibles" in page
    undrafted = bench.app.staff.applicants(audience_query("undrafted"))
    assert "telegram:1003" not in {a.owner for a in undrafted}
    listed = await (await bench.client.get("/console/dossiers?complet=non")).text()
    assert bench.population.numbers[INELIGIBLE] in numbers_listed(listed)


async def test_an_announcement_goes_to_the_audience_ticked_in_the_form_that_sends_it(
    bench: ConsoleBench, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: the audience ticked only counted after a separate "Changer les
    destinataires"; "Envoyer" sent to everyone, the ineligible applicants too."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    received: list[int] = []

    def recorder(bot: object) -> object:
        async def send(chat_id: int, text: str) -> None:
            received.append(chat_id)

        return send

    monkeypatch.setattr("console.announcements.direct_sender", recorder)
    bench.client.server.app[DEPS].bot = object()  # type: ignore[assignment]
    await bench.client.post("/console/annonces", data={"message": "Réunion jeudi", "csrf": csrf})
    page = await (await bench.client.get("/console/annonces/1")).text()
    assert "Candidats éligibles, à confirmer compris (3)" in page
    form = {"audience": "eligible", "effectif-all": "5", "effectif-eligible": "3", "csrf": csrf}
    # A count that changed since the page was shown: the preview again, nothing sent.
    stale = await bench.client.post(
        "/console/annonces/1/envoi", data={**form, "effectif-eligible": "2"}
    )
    assert stale.status == 400 and "il est maintenant de 3" in await stale.text()
    assert bench.app.staff.announcement_counts(1) == {} and received == []
    sent = await bench.client.post("/console/annonces/1/envoi", data=form)
    assert sent.status == 200
    for _ in range(100):
        if bench.app.announcer.get(1).status == "done":  # type: ignore[union-attr]
            break
        await asyncio.sleep(0.05)
    eligible = [1001, 1002, 1005]
    assert sorted(received) == eligible, "the eligible applicants only"
    report = await (await bench.client.get("/console/annonces/1")).text()
    assert "destinataires : Candidats éligibles" in report and "<dd>3</dd>" in report
    assert f"par {STAFF.name} · envoyée le" in report and f"par {STAFF.name} (console)" in report
    again = await bench.client.post("/console/annonces/1/envoi", data=form)
    assert again.status == 200 and sorted(received) == eligible, "sent once"


async def test_the_announcements_page_lists_those_sent_with_annonce_in_telegram_too(
    bench: ConsoleBench,
) -> None:
    """Regression: right after an /annonce in the staff group, the page said "Aucune annonce
    envoyée depuis la console": an officer could not see what had gone, and send it twice."""
    announcer = bench.app.announcer
    sent = announcer.prepare(
        "Reunion jeudi a 10 h",
        author_id=501,
        author_name="Paul Durand",
        chat_id=-1001,
        thread_id=None,
    )
    number = sent.announcement.id
    announcer.start(number, by=502, by_name="Claire Martin", update_id=77, audience="eligible")
    announcer.finish(number)
    announcer.prepare(
        "Brouillon jamais envoye", author_id=501, author_name="Paul", chat_id=-1001, thread_id=None
    )
    page = await (await bench.client.get("/console/annonces")).text()
    history = page[page.index("Annonces envoyées") :]
    assert "Reunion jeudi a 10 h" in history
    # Regression: « Par : Telegram (/annonce) », no officer named.
    assert '<td data-label="Par">Claire Martin (Telegram, /annonce)</td>' in history
    report = await (await bench.client.get(f"/console/annonces/{number}")).text()
    assert "Écrite le" in report and "par Paul Durand" in report
    assert "par Claire Martin (Telegram, /annonce)" in report
    assert "Candidats éligibles" in history
    assert "Brouillon jamais envoye" not in history, "a draft was not sent"


async def test_an_answer_too_long_is_refused_whole_never_cut_by_the_page(
    bench: ConsoleBench,
) -> None:
    """Regression: the textarea's maxlength cut a long answer silently in the browser and
    the cut text reached the applicant; the server's refusal never showed."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    shown = await (await bench.client.get(f"/console/questions/{number}")).text()
    textarea = re.search(r"<textarea[^>]*>", shown)
    assert textarea is not None and "maxlength" not in textarea.group(0), "no silent cut"
    assert 'id="reponse-limite">3 500 caractères au plus.' in shown
    long = ("Les frais de déplacement sont éligibles sous conditions. " * 90)[:4639]
    refused = await bench.client.post(
        f"/console/questions/{number}/reponse", data={"reponse": long, "csrf": csrf}
    )
    page = await refused.text()
    assert refused.status == 400 and "Cette réponse est trop longue" in page
    assert "4 639 caractères pour 3 500 au plus" in page
    assert f">{long.strip()}</textarea>" in page, "the whole draft, to shorten"
    assert [m.author for m in bench.app.support.thread(number)] == ["applicant"], "not sent"


async def test_a_note_too_long_is_refused_whole_never_cut(bench: ConsoleBench) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.population.numbers[COMPLETE]
    shown = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    textarea = re.search(r'<textarea id="note"[^>]*>', shown)
    assert textarea is not None and "maxlength" not in textarea.group(0), "no silent cut"
    assert 'id="note-limite">4 000 caractères au plus.' in shown
    long = "Budget à revoir avec le réseau. " * 130  # 4 160 characters
    refused = await bench.client.post(
        f"/console/dossiers/{number}/annotations", data={"note": long, "csrf": csrf}
    )
    page = await refused.text()
    assert refused.status == 400 and "Cette annotation est trop longue" in page
    assert f">{long}</textarea>" in page, "the whole draft, to shorten"
    assert bench.app.console.annotations(number) == [], "nothing cut and kept"
    assert bench.app.console.annotate(STAFF, number, long) is None, "the service never cuts"


async def test_statistics_draw_the_funnel_and_count_the_questions(bench: ConsoleBench) -> None:
    page = await (await bench.client.get("/console/statistiques")).text()
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in chart and "Dossiers commencés : 5" in chart
    assert "<script" not in page
    assert "<dt>Transmises à l’équipe</dt><dd>2</dd>" in page, "the two tickets"
    assert "<dt>En attente de réponse</dt><dd>2</dd>" in page
    assert "Chaque question transmise à l’équipe est dans un seul de ces états" in page


async def test_the_funnel_says_its_bars_count_steps_reached_not_eligible_dossiers(
    bench: ConsoleBench,
) -> None:
    """Regression: the bar « Éligibilité 4 (80 %) » sat under the card « Éligibles 3 » and
    read as four eligible dossiers."""
    page = await (await bench.client.get("/console/statistiques")).text()
    assert "<dt>Éligibles</dt><dd>3</dd>" in page
    chart = page[page.index("<svg") : page.index("</svg>")]
    assert ">Étape « Éligibilité » atteinte</text>" in chart and ">Éligibilité</text>" not in chart
    assert "parvenus à l’étape, quelle qu’en soit l’issue" in page


async def test_every_field_has_a_label_and_every_page_a_skip_link(bench: ConsoleBench) -> None:
    """RGAA habits: a field is named by its <label for>, the page starts with a link to
    its content, and the current menu entry says so."""
    number = bench.population.numbers[COMPLETE]
    for path in (
        "/console/dossiers",
        f"/console/dossiers/{number}",
        f"/console/questions/{bench.tickets[0]}",
        "/console/faq",
        "/console/annonces",
        "/console/statistiques",
    ):
        page = await (await bench.client.get(path)).text()
        assert '<html lang="fr">' in page and 'href="#contenu"' in page, path
        assert page.count('aria-current="page"') >= 1, path
        labelled = set(re.findall(r'<label for="([^"]+)"', page))
        fields = re.findall(r"<(?:input|select|textarea)\b([^>]*)>", page)
        for attributes in fields:
            if 'type="hidden"' in attributes:
                continue
            found = re.search(r'\bid="([^"]+)"', attributes)
            assert found is not None and found.group(1) in labelled, (path, attributes)


async def test_exports_arrive_whole_in_every_format(bench: ConsoleBench) -> None:
    from openpyxl import load_workbook

    xlsx = await bench.client.get("/console/exports/xlsx")
    assert xlsx.headers["Content-Disposition"] == 'attachment; filename="dossiers-2026-11-25.xlsx"'
    workbook = load_workbook(io.BytesIO(await xlsx.read()))
    assert workbook.sheetnames == ["Dossiers", "Actions"]
    assert workbook["Dossiers"].max_row == 1 + 5
    assert workbook["Actions"].max_row > 1 + 4, "the complete dossier's actions, and more"
    dossiers = (await (await bench.client.get("/console/exports/csv")).read()).decode("utf-8")
    assert dossiers.startswith("\ufeff") and len(dossiers.strip().splitlines()) == 1 + 5
    actions = await (await bench.client.get("/console/exports/actions-csv")).read()
    assert "Former les encadrants techniques" in actions.decode("utf-8")
    exported = json.loads(await (await bench.client.get("/console/exports/json")).read())
    assert len(exported) == 5 and HOSTILE_NAME in {d["organisation"]["name"] for d in exported}
    assert [e.target for e in bench.app.console.audit_log(actions=("export",))] == [
        "json",
        "actions-csv",
        "csv",
        "xlsx",
    ]


async def test_a_dossier_s_documents_download_in_every_format(bench: ConsoleBench) -> None:
    number = bench.population.numbers[COMPLETE]
    expected = {
        "plan.docx": b"PK",
        "courrier.docx": b"PK",
        "budget.xlsx": b"PK",
        "plan.md": b"#",
        "plan.pdf": b"%PDF",
    }
    for kind, start in expected.items():
        answer = await bench.client.get(f"/console/dossiers/{number}/documents/{kind}")
        if kind == "plan.pdf" and shutil.which("soffice") is None:
            assert answer.status == 503 and "LibreOffice" in await answer.text()
            continue
        assert answer.status == 200, kind
        disposition = answer.headers["Content-Disposition"]
        assert disposition.startswith('attachment; filename="') and "inser-reseau-62" in disposition
        assert (await answer.read()).startswith(start), kind
    stored = bench.app.staff.store
    with stored.transaction() as repo:
        found = repo.get_dossier(number)
    assert found is not None and found.dossier.draft_generated_at is None, "read only"


async def test_two_dossiers_of_the_same_organisation_download_under_two_names(
    bench: ConsoleBench,
) -> None:
    """Regression: dossiers 1 and 2 (the same organisation) both downloaded as
    "plan-actions-inser-reseau-62-2025.docx": the second overwrote the first, or came as
    "(1)". The names carry the dossier's number, in ASCII."""
    names = {}
    for owner in (COMPLETE, IN_PLAN, JUST_OPENED):
        number = bench.population.numbers[owner]
        answer = await bench.client.get(f"/console/dossiers/{number}/documents/plan.docx")
        found = re.fullmatch(
            r'attachment; filename="([^"]+)"', answer.headers["Content-Disposition"]
        )
        assert found is not None
        names[number] = found.group(1)
        assert names[number].isascii(), names[number]
    complete, in_plan, opened = (
        bench.population.numbers[o] for o in (COMPLETE, IN_PLAN, JUST_OPENED)
    )
    assert names[complete] == f"dossier-{complete}-plan-actions-inser-reseau-62-2025.docx"
    assert names[in_plan] == f"dossier-{in_plan}-plan-actions-inser-reseau-62-2025.docx"
    assert names[opened] == f"dossier-{opened}-plan-actions-organisme-2025.docx"
    logged = bench.app.console.audit_log(actions=("download",))[0]
    assert logged.detail == names[opened], "the journal names the file as downloaded"


async def test_waiting_questions_are_listed_oldest_first_as_in_telegram(
    bench: ConsoleBench,
) -> None:
    """Tester's report: `/tickets` listed the questions oldest first, the console's Questions
    page newest first. The waiting ones are a to-do list: oldest first in both, and said so;
    the other lists (history) stay newest first, said so too."""
    waiting = await (await bench.client.get("/console/questions")).text()
    listed = [int(n) for n in re.findall(r">Question n° (\d+)</a>", waiting)]
    in_telegram = [t.id for t in bench.app.support.open_tickets()]
    assert listed == sorted(bench.tickets) == in_telegram and "2 demandes" in waiting
    assert "2 demandes, de la plus ancienne à la plus récente" in waiting
    everything = await (await bench.client.get("/console/questions?statut=toutes")).text()
    listed = [int(n) for n in re.findall(r">Question n° (\d+)</a>", everything)]
    assert listed == sorted(bench.tickets, reverse=True)
    assert "2 demandes, de la plus récente à la plus ancienne" in everything
    closed = await (await bench.client.get("/console/questions?statut=closes")).text()
    assert "0 demande<" in closed and "Aucune demande" in closed, "0 takes the singular"


async def test_a_question_nobody_answered_closes_only_once_confirmed(bench: ConsoleBench) -> None:
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    asked = await bench.client.post(f"/console/questions/{number}/cloture", data={"csrf": csrf})
    said = await asked.text()
    assert "cochez la case de confirmation" in said
    ticket = bench.app.support.ticket(number)
    assert ticket is not None and ticket.status == "open"
    [seen] = re.findall(r'name="vu" value="(\d+)"', said)  # the message it is confirmed on
    closed = await bench.client.post(
        f"/console/questions/{number}/cloture",
        data={"csrf": csrf, "confirmer": "oui", "vu": seen},
    )
    page = await closed.text()
    assert "Question close" in page and "Clore la question n°" not in page
    ticket = bench.app.support.ticket(number)
    assert ticket is not None and ticket.status == "closed"
    assert bench.app.console.audit_log(actions=("close",))[0].target == f"question {number}"


async def test_an_answer_that_never_reached_the_applicant_is_said_on_the_question_page(
    bench: ConsoleBench,
) -> None:
    """Answered in the group while the applicant had blocked the bot: the ticket stays open
    with the team's message. Its page says the answer was not delivered (it looked
    unanswered), and the close box no longer claims nobody answered."""
    number = bench.tickets[0]
    with bench.app.store.transaction() as repo:
        repo.add_ticket_message(
            ticket_id=number, author="staff", text="Oui, c’est possible.", at=bench.clock.now()
        )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "n’a pas été remise au candidat" in page
    assert "Clore même si la réponse n’a pas été remise" in page
    assert "Clore même si personne n’a encore répondu" not in page
    other = await (await bench.client.get(f"/console/questions/{bench.tickets[1]}")).text()
    assert "n’a pas été remise au candidat" not in other
    with bench.app.store.transaction() as repo:  # the applicant wrote after it: it waits
        repo.add_ticket_message(
            ticket_id=number, author="applicant", text="Merci, et…", at=bench.clock.now()
        )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "n’a pas été remise au candidat" not in page


async def test_an_answered_question_the_applicant_thanked_closes_without_a_false_box(
    bench: ConsoleBench,
) -> None:
    """Tester's report: the team's answer reached the applicant, who replied « Merci » (the
    question waits again); its page offered « Clore même si personne n’a encore répondu »,
    which is false. The box shows only where nobody's answer reached the applicant."""
    number = bench.tickets[0]
    relay = bench.app.support.staff_reply(number, "Oui, les frais de déplacement comptent.")
    assert relay is not None
    bench.app.support.reply_delivered(relay, applicant_message_id=4242)
    with bench.app.store.transaction() as repo:
        now = bench.clock.now()
        repo.add_ticket_message(ticket_id=number, author="applicant", text="Merci", at=now)
        repo.set_ticket_status(ticket_id=number, status="open", at=now)
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert f"Clore la question n° {number}" in page
    assert "Clore même si personne n’a encore répondu" not in page
    assert 'name="confirmer"' not in page
    unanswered = await (await bench.client.get(f"/console/questions/{bench.tickets[1]}")).text()
    assert "Clore même si personne n’a encore répondu" in unanswered, "still asked there"
    closing = bench.app.support.close(number)  # and the service closes it unconfirmed
    assert closing is not None and not closing.needs_confirmation


async def test_an_export_left_unread_by_its_client_leaves_no_thread_waiting(
    bench: ConsoleBench,
) -> None:
    """Regression: a download abandoned mid-way left a worker thread blocked for ever
    (the event loop then never closed)."""
    for fmt in ("csv", "json", "xlsx"):
        answer = await bench.client.get(f"/console/exports/{fmt}")
        answer.close()  # the client goes without reading
    # Every worker thread ends: the loop's executor shuts down (it hung for ever).
    await asyncio.wait_for(asyncio.get_running_loop().shutdown_default_executor(), 10)


async def test_an_export_cut_short_gives_its_database_session_back_before_it_ends() -> None:
    """Regression: the export's worker noticed a departed client up to half a second later,
    and closed what it read from (its database session) then; the console could be closed
    in between, and the connection was later collected still open (a ResourceWarning that
    failed the next test on PostgreSQL)."""
    released = threading.Event()

    def rows() -> Iterator[bytes]:
        try:
            for n in range(100):
                yield f"ligne {n}\n".encode()
        finally:
            released.set()

    produced = _in_a_thread(rows)
    assert await anext(produced) == b"ligne 0\n"
    await produced.aclose()  # the client went after the first chunk
    assert released.is_set()


async def test_an_officer_reads_the_journal_in_french_without_raw_codes(
    bench: ConsoleBench,
) -> None:
    """Regression: an answer's outcome showed as a raw "ok" in the Détail column."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse", data={"reponse": "Oui.", "csrf": csrf}
    )
    assert bench.app.console.audit_log(actions=("answer",))[0].detail == "failed"  # no bot
    bench.app.console.record(STAFF, "answer", f"question {number}", "ok")
    page = await (await bench.client.get("/console/journal")).text()
    details = re.findall(r'data-label="Détail">([^<]*)</td>', page)
    assert "ok" not in details and "failed" not in details
    assert details[:2] == ["remise au candidat", "non remise : Telegram a refusé l’envoi"]


async def test_the_journal_names_what_each_action_was_on_in_french(bench: ConsoleBench) -> None:
    """Regression: the « Objet » column showed internal codes (« json », « actions-csv »,
    « faq 1 ») and a FAQ edit's « Détail » was « — »."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    entry = meal_costs_faq(bench)
    await bench.client.post(
        f"/console/faq/{entry.id}", data={"reponse": "Oui, au réel.", "csrf": csrf}
    )
    for fmt in ("xlsx", "csv", "actions-csv", "json"):
        await (await bench.client.get(f"/console/exports/{fmt}")).read()
    number = bench.population.numbers[COMPLETE]
    await (await bench.client.get(f"/console/dossiers/{number}/documents/plan.md")).read()
    page = await (await bench.client.get("/console/journal")).text()
    objects = [
        re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r'data-label="Objet">(.*?)</td>', page)
    ]
    assert objects[:6] == [
        f"dossier n° {number}",
        "export JSON",
        "export des actions (CSV)",
        "export des dossiers (CSV)",
        "export XLSX (dossiers et actions)",
        f"FAQ n° {entry.id}",
    ]
    assert f'<a href="/console/dossiers/{number}">dossier n° {number}</a>' in page
    assert f'<a href="/console/faq#faq-{entry.id}">FAQ n° {entry.id}</a>' in page
    details = re.findall(r'data-label="Détail">([^<]*)</td>', page)
    assert details[5] == "« Les frais de repas ? » : réponse modifiée"


async def test_text_typed_in_the_console_reaches_telegram_with_plain_line_breaks(
    bench: ConsoleBench,
) -> None:
    """Regression: a browser sends a textarea's line breaks as CRLF, which went to
    Telegram as they were."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    await bench.client.post(
        "/console/annonces", data={"message": "Bonjour,\r\nRéunion jeudi.\r\n", "csrf": csrf}
    )
    announcement = bench.app.announcer.get(1)
    assert announcement is not None and announcement.text == "Bonjour,\nRéunion jeudi."
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse", data={"reponse": "Oui.\r\nAu réel.", "csrf": csrf}
    )
    assert bench.app.support.thread(number)[-1].text == "Oui.\nAu réel."


async def test_a_page_past_the_end_of_the_list_says_so_and_leads_to_page_one(
    bench: ConsoleBench, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: "?page=2" with 4 results said "4 dossier(s)", then "Aucun dossier ne
    correspond à ces filtres"."""
    page = await (await bench.client.get("/console/dossiers?eligible=oui&page=2")).text()
    assert "Aucun dossier ne correspond" not in page
    assert "La page 2 est au-delà de la dernière page (1) de ces résultats." in page
    assert 'href="/console/dossiers?eligible=oui&amp;tri=activite&amp;page=1"' in page
    nothing = await (await bench.client.get("/console/dossiers?q=introuvable")).text()
    assert "Aucun dossier ne correspond à ces filtres." in nothing


async def test_the_search_field_is_bounded_and_the_questions_page_speaks_plainly(
    bench: ConsoleBench,
) -> None:
    dossiers = await (await bench.client.get("/console/dossiers")).text()
    assert '<input type="search" id="q" name="q" value="" maxlength="100">' in dossiers
    questions = await (await bench.client.get("/console/questions")).text()
    assert "base de connaissances" not in questions
    assert "réponses automatiques du bot" in questions


async def test_a_closed_question_offers_no_answer_and_sends_none(bench: ConsoleBench) -> None:
    """Regression: a closed question's page still offered « Répondre au candidat », and the
    answer reached an applicant just told their question was closed."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    [seen] = re.findall(
        r'name="vu" value="(\d+)"',
        await (await bench.client.get(f"/console/questions/{number}")).text(),
    )
    await bench.client.post(
        f"/console/questions/{number}/cloture",
        data={"csrf": csrf, "confirmer": "oui", "vu": seen},
    )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "Répondre au candidat" not in page and 'name="reponse"' not in page
    assert "Cette question est close" in page
    assert "se rouvre si le candidat écrit de nouveau" in page
    before = len(bench.app.support.thread(number))
    sent = await bench.client.post(
        f"/console/questions/{number}/reponse", data={"reponse": "Oui.", "csrf": csrf}
    )
    assert "votre réponse n’a pas été envoyée au candidat" in await sent.text()
    assert len(bench.app.support.thread(number)) == before, "nothing recorded, nothing sent"
    assert not bench.app.console.audit_log(actions=("answer",))


async def test_an_answer_written_in_the_console_becomes_a_faq_entry_from_its_page(
    bench: ConsoleBench,
) -> None:
    """Regression: a console answer could never become a FAQ entry (`/faq` only worked in
    reply to an answer typed in the group; the question page had no button)."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    empty = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "Ajouter à la FAQ" not in empty, "no answer yet: nothing to publish"
    await bench.client.post(
        f"/console/questions/{number}/reponse",
        data={"reponse": "Oui, au réel, en charges directes.", "csrf": csrf},
    )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "Ajouter à la FAQ" in page
    answer = bench.app.support.thread(number)[-1]
    added = await bench.client.post(
        f"/console/questions/{number}/faq", data={"message": str(answer.id), "csrf": csrf}
    )
    shown = await added.text()
    entry = next(e for e in bench.app.support.faq_entries() if e.source_ticket_id == number)
    assert (entry.question, entry.answer) == (
        "Les frais de déplacement sont-ils éligibles ?",
        "Oui, au réel, en charges directes.",
    )
    assert f'Réponse ajoutée à la FAQ (<a href="/console/faq#faq-{entry.id}">n° {entry.id}' in shown
    assert "Si la question ou la réponse dit qui a posé la question" in shown
    assert ">Ajouter à la FAQ</button>" not in shown, "one entry per question"
    again = await bench.client.post(
        f"/console/questions/{number}/faq", data={"message": str(answer.id), "csrf": csrf}
    )
    assert "déjà sa réponse dans la FAQ" in await again.text()
    assert len(bench.app.support.faq_entries()) == 1
    question = bench.app.support.thread(number)[0]  # the applicant's words: not an answer
    refused = await bench.client.post(
        f"/console/questions/{number}/faq", data={"message": str(question.id), "csrf": csrf}
    )
    assert refused.status == 404
    journal = await (await bench.client.get("/console/journal")).text()
    assert "Ajoutée à la FAQ" in journal and f">FAQ n° {entry.id}</a>" in journal
    faq = await (await bench.client.get("/console/faq")).text()
    assert "« Ajouter à la FAQ » sous une réponse de l’équipe" in faq


async def test_a_console_faq_entry_takes_the_question_as_staff_reworded_it(
    bench: ConsoleBench,
) -> None:
    """« Ajouter à la FAQ » offers the question as applicants will read it, to reword: the
    asker's own words (names, towns) were published to everyone."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse",
        data={"reponse": "Oui, au réel, en charges directes.", "csrf": csrf},
    )
    page = await (await bench.client.get(f"/console/questions/{number}")).text()
    assert "Question, telle que les candidats la liront" in page
    answer = bench.app.support.thread(number)[-1]
    await bench.client.post(
        f"/console/questions/{number}/faq",
        data={
            "message": str(answer.id),
            "question": "Les frais de déplacement sont-ils pris en charge ?",
            "csrf": csrf,
        },
    )
    [entry] = bench.app.support.faq_entries()
    assert entry.question == "Les frais de déplacement sont-ils pris en charge ?"


async def test_an_unbalanced_budget_is_worded_the_same_in_the_list_the_page_and_the_export(
    bench: ConsoleBench,
) -> None:
    """Regression: a dossier whose only fault is an unbalanced budget (a requirement of the
    CERFA form, not a rule of the call) was « règle non respectée » in the list, « budget non
    conforme au CERFA » on its page and « le budget n’est pas équilibré… » in the export; a
    breach of the 20 % rule read « règle non respectée » too. Now each has one wording."""
    unbalanced, over_cap = bench.population.numbers[COMPLETE], bench.population.numbers[HOSTILE]
    with bench.app.store.transaction() as repo:
        complete = repo.get_dossier(unbalanced)
        assert complete is not None
        dossier = complete.dossier.model_copy(deep=True)
        dossier.budget.own_funds = (dossier.budget.own_funds or 0) + 1000  # resources > charges
        repo.save_dossier(dossier_id=unbalanced, dossier=dossier)
        other = repo.get_dossier(over_cap)
        assert other is not None
        breaking = complete.dossier.model_copy(deep=True)  # the same, 20 % rule broken
        breaking.uuid = other.dossier.uuid
        breaking.budget.indirect = (breaking.budget.indirect or Decimal(0)) + 5000
        repo.save_dossier(dossier_id=over_cap, dossier=breaking)
    form, rule = "non conforme au formulaire CERFA n° 12156", "règle de l’appel non respectée"
    listing = await (await bench.client.get("/console/dossiers")).text()
    state = {
        int(n): s
        for n, s in re.findall(r'>n° (\d+)</a></td>.*?data-label="État">([^<]*)<', listing, re.S)
    }
    assert (state[unbalanced], state[over_cap]) == (form, rule)
    page = await (await bench.client.get(f"/console/dossiers/{unbalanced}")).text()
    assert f"· {form}" in page and "règle" not in page.split("</p>", 2)[1]
    page = await (await bench.client.get(f"/console/dossiers/{over_cap}")).text()
    assert f"· {rule}" in page
    content = await (await bench.client.get("/console/exports/csv")).text()
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    exported = {int(r[0]): r[rows[0].index("État")] for r in rows[1:]}
    assert (exported[unbalanced], exported[over_cap]) == (form, rule)


async def test_the_answered_filter_says_answers_given_and_the_state_names_what_is_not_100(
    bench: ConsoleBench,
) -> None:
    """Regression: the « Complets » filter listed dossiers at 98 % (all answered, a rule
    broken), which an officer read as something missing. The filter says what it means
    (« Toutes les réponses données », as `/dossiers complets` now heads its list) and the
    « État » says why such a dossier is not at 100 %."""
    number = bench.population.numbers[COMPLETE]
    with bench.app.store.transaction() as repo:
        stored = repo.get_dossier(number)
        assert stored is not None
        dossier = stored.dossier.model_copy(deep=True)
        dossier.budget.own_funds = (dossier.budget.own_funds or 0) + 1000  # resources > charges
        repo.save_dossier(dossier_id=number, dossier=dossier)
    page = await (await bench.client.get("/console/dossiers?complet=oui")).text()
    assert '<option value="oui" selected>Toutes les réponses données</option>' in page
    assert ">Complets<" not in page
    row = page.split(f">n° {number}<", 1)[1].split("</tr>", 1)[0]
    completeness = re.search(r'data-label="Complétude" class="num">(\d+) %', row)
    assert completeness is not None and int(completeness.group(1)) < 100
    assert "non conforme au formulaire CERFA n° 12156" in row
    assert "n’atteint pas 100 %" in page
    heading = bench.app.staff.listing(parse_filters("complets"))[1].split("\n")[0]
    assert "(toutes les réponses données)" in heading


async def test_an_officer_sees_what_the_bot_answered_the_follow_up_and_the_dossier_s_questions(
    bench: ConsoleBench,
) -> None:
    """Regressions: the question page did not say what the bot had answered before the
    applicant asked the team (the group's post did); the list did not show an applicant's
    follow-up; a dossier's page had no link to its questions."""
    now = bench.clock.now()
    owner, number = IN_PLAN, bench.population.numbers[IN_PLAN]
    question = "Les frais indirects peuvent-ils dépasser 20 % ?"
    with bench.app.store.transaction() as repo:
        asked = repo.add_asked_question(
            owner=owner,
            dossier_id=number,
            text=question,
            answer="Les coûts indirects sont plafonnés à 20 % des frais de personnel.",
            source="Durée et financement › Modalités de financement",
            confident=True,
            at=now,
        )
        ticket = repo.add_ticket(
            owner=owner, dossier_id=number, asked_question_id=asked.id, question=question, at=now
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text=question, at=now)
        repo.add_ticket_message(
            ticket_id=bench.tickets[0], author="applicant", text="Et les péages ?", at=now
        )
    page = await (await bench.client.get(f"/console/questions/{ticket.id}")).text()
    assert (
        "🤖 Le bot avait répondu, source : Durée et financement › Modalités de financement" in page
    )
    assert "plafonnés à 20 % des frais de personnel" in page
    other = await (await bench.client.get(f"/console/questions/{bench.tickets[0]}")).text()
    assert "🤖" not in other, "no record of the bot's answer: nothing claimed"
    listing = await (await bench.client.get("/console/questions")).text()
    card = listing.split(f"Question n° {bench.tickets[0]}</a>", 1)[1].split("</li>", 1)[0]
    assert "Relance du candidat" in card and "Et les péages ?" in card
    dossier = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    for linked in (bench.tickets[0], ticket.id):
        assert f'<a href="/console/questions/{linked}">Question n° {linked}</a>' in dossier
    alone = await (
        await bench.client.get(f"/console/dossiers/{bench.population.numbers[COMPLETE]}")
    ).text()
    assert "Aucune demande pour ce dossier" in alone


async def test_dossier_n_in_telegram_mentions_the_annotations_written_in_the_console(
    bench: ConsoleBench,
) -> None:
    """Regression: an annotation added in the console (« Appelé le 03/02… ») was invisible
    to officers working from Telegram: `/dossier N` said nothing of it."""
    number = bench.population.numbers[COMPLETE]
    before = bench.app.staff.summary(number)
    assert before is not None and "Annotations" not in before.html
    bench.app.console.annotate(STAFF, number, "Appelé le 03/02 : budget à revoir.")
    bench.app.console.annotate(STAFF, number, "Le candidat ramène les charges indirectes à 20 %.")
    summary = bench.app.staff.summary(number)
    assert summary is not None
    assert "<b>Annotations de l’équipe (2, dans la console)</b>\n" in summary.html
    assert (
        "Dernière : Claire Martin, le 25/11/2026 10:30 : « Le candidat ramène les charges"
        " indirectes à 20 %. »\n\n<b>Organisme</b>" in summary.html
    )


# -- writing first to an applicant ---------------------------------------------------------------

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


async def test_an_officer_writes_to_the_applicant_from_the_dossier_page_and_follows_the_reply(
    relaying: tuple[ConsoleBench, FakeBotAPI],
) -> None:
    bench, api = relaying
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.population.numbers[IN_PLAN]
    paul = int(IN_PLAN.split(":")[1])
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    assert "Écrire au candidat" in page and 'for="message"' in page
    assert f'action="/console/dossiers/{number}/message"' in page

    # Without the page's CSRF token, or too long: refused, nothing sent.
    forged = await bench.client.post(f"/console/dossiers/{number}/message", data={"message": "x"})
    assert forged.status == 403
    long = "Pouvez-vous préciser votre budget ? " * 100
    refused = await bench.client.post(
        f"/console/dossiers/{number}/message", data={"message": long, "csrf": csrf}
    )
    shown = await refused.text()
    assert refused.status == 400 and "Ce message est trop long" in shown
    assert html.escape(long.strip(), quote=False) in shown, "the whole draft, never cut"
    assert api.sent_messages(paul) == [] and api.sent_messages(STAFF_CHAT) == []
    missing = await bench.client.post(
        "/console/dossiers/999/message", data={"message": "Bonjour", "csrf": csrf}
    )
    assert missing.status == 404

    sent = await bench.client.post(
        f"/console/dossiers/{number}/message",
        data={"message": "Bonjour,\r\nPouvez-vous préciser <le budget> ?", "csrf": csrf},
    )
    page = await sent.text()
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    assert "✅ Message remis au candidat sur Telegram." in page
    # (an exchange, not a question: nobody asked anything; tester's report)
    assert f'<a href="/console/questions/{ticket.id}">échange n° {ticket.id}</a>' in page
    assert f">Question n° {ticket.id}<" not in page and f"question n° {ticket.id}" not in page
    assert "✉️ message de l’équipe, écrit le" in page, "listed with the dossier's questions"
    # (the team's own message is no « répondue » question: nobody asked anything)
    assert 'status-answered">message envoyé</span>' in page and "répondue</span>" not in page
    # Paul got it from the team, with the button to answer; the group is told who wrote.
    [copy] = api.sent_messages(paul)
    assert copy["text"].startswith("💬 Message de l’équipe du Département")
    assert "Bonjour,\nPouvez-vous préciser <le budget> ?" in copy["text"]
    assert "Claire" not in copy["text"]
    assert copy["reply_markup"]["inline_keyboard"][0][0]["text"] == "Répondre à l’équipe"
    [note] = api.sent_messages(STAFF_CHAT)
    assert f"Échange n° {ticket.id}" in note["text"] and "Claire Martin" in note["text"]
    assert "message remis au candidat" in note["text"] and "<le budget>" in note["text"]
    assert bench.app.console.audit_log(actions=("write",))[0].target == f"question {ticket.id}"

    # Paul's reply shows on the question's page, as on any question; no FAQ offer there.
    posting = bench.app.support.follow_up(IN_PLAN, ticket.id, "Le budget est de 40 000 €.")
    assert posting is not None and posting.reply_to == note["message_id"], "under the note"
    question = await (await bench.client.get(f"/console/questions/{ticket.id}")).text()
    assert "Échange ouvert par l’équipe" in question
    assert f"<h1>Échange n° {ticket.id} " in question and f"Question n° {ticket.id}" not in question
    assert f"Clore l’échange n° {ticket.id}" in question
    assert "Le budget est de 40 000 €." in question and "Ajouter à la FAQ" not in question
    listed = await (await bench.client.get("/console/questions")).text()
    assert f">Échange n° {ticket.id}</a>" in listed and "✉️ message de l’équipe" in listed
    assert f">Question n° {ticket.id}</a>" not in listed
    journal = await (await bench.client.get("/console/journal")).text()
    assert "Message au candidat" in journal and "remis au candidat" in journal


async def test_an_officer_writing_twice_from_the_dossier_page_continues_the_open_exchange(
    relaying: tuple[ConsoleBench, FakeBotAPI],
) -> None:
    """Tester's report: « Écrire au candidat » twice opened two questions. While the team's
    exchange with the applicant about the dossier is open, the second message is added to
    it (page, group note, statistics); once closed, the next one opens another."""
    bench, api = relaying
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.population.numbers[IN_PLAN]
    paul = int(IN_PLAN.split(":")[1])

    async def write(text: str) -> str:
        sent = await bench.client.post(
            f"/console/dossiers/{number}/message", data={"message": text, "csrf": csrf}
        )
        return await sent.text()

    await write("Pouvez-vous préciser le budget ?")
    page = await write("Et le nombre d’ETP ?")
    [ticket] = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    assert "✅ Message remis au candidat sur Telegram." in page
    link = f'<a href="/console/questions/{ticket.id}">échange n° {ticket.id}</a>'
    assert f"{link}, encore ouvert" in page
    assert page.count("✉️ message de l’équipe, écrit le") == 1
    # Paul reads both as the same exchange; the group reads the second under the first.
    first, second = api.sent_messages(paul)
    assert f"(échange n° {ticket.id})" in first["text"]
    assert f"(échange n° {ticket.id})" in second["text"]
    note_one, note_two = api.sent_messages(STAFF_CHAT)
    assert f"ajouté à l’échange n° {ticket.id}, encore ouvert" in note_two["text"]
    assert note_two["reply_to_message"]["message_id"] == note_one["message_id"]
    question = await (await bench.client.get(f"/console/questions/{ticket.id}")).text()
    assert "Pouvez-vous préciser le budget ?" in question and "Et le nombre d’ETP ?" in question
    figures = await (await bench.client.get("/console/statistiques")).text()
    assert "<dt>Échanges ouverts par l’équipe (/ecrire)</dt><dd>1</dd>" in figures

    seen = bench.app.support.thread(ticket.id)[-1].id  # confirmed on its latest message
    await asyncio.to_thread(bench.app.support.close, ticket.id, confirmed=True, seen=seen)
    page = await write("Une dernière chose.")
    assert "Il est ajouté à l’échange" not in page
    staff_tickets = [t for t in bench.app.support.tickets_of(IN_PLAN) if t.opened_by == "staff"]
    assert len(staff_tickets) == 2


async def test_statistics_count_the_teams_messages_apart_with_the_replies_waiting(
    bench: ConsoleBench,
) -> None:
    """Regression: an applicant's reply to the team's `/ecrire` waited in « en attente »
    (the questions' tab) but the statistics counted it nowhere."""
    at = bench.clock.now()
    with bench.app.store.transaction() as repo:
        ticket = repo.add_ticket(
            owner="telegram:1001",
            dossier_id=bench.population.numbers[COMPLETE],
            asked_question_id=None,
            question="Combien de SIAE adhérentes ?",
            at=at,
            opened_by="staff",
        )
        repo.add_ticket_message(ticket_id=ticket.id, author="staff", text="…", at=at)
        repo.add_ticket_message(ticket_id=ticket.id, author="applicant", text="12.", at=at)
    page = await (await bench.client.get("/console/statistiques")).text()
    assert "<dt>Transmises à l’équipe</dt><dd>2</dd>" in page, "no applicant's question"
    assert "<dt>En attente de réponse</dt><dd>2</dd>" in page
    assert "<dt>Échanges ouverts par l’équipe (/ecrire)</dt><dd>1</dd>" in page
    assert "<dt>Dont réponse du candidat en attente</dt><dd>1</dd>" in page
    waiting = await (await bench.client.get("/console/questions")).text()
    assert f"/console/questions/{ticket.id}" in waiting


async def test_an_officer_reading_statistics_before_any_answer_is_told_none_was_given_yet(
    bench: ConsoleBench,
) -> None:
    """Two questions wait, none answered: the median wait read « — »; it says so plainly."""
    page = await (await bench.client.get("/console/statistiques")).text()
    assert "<dt>Délai médian d’une réponse de l’équipe</dt><dd>—</dd>" not in page
    assert (
        "<dt>Délai médian d’une réponse de l’équipe</dt>"
        '<dd><span class="none">aucune réponse de l’équipe pour l’instant</span></dd>'
    ) in page


#: How many lines an element's words stand on (the distinct tops of its text's line boxes).
TEXT_LINES = """element => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const tops = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return tops.size;
}"""


@pytest.mark.slow
async def test_an_officer_on_a_laptop_reads_each_dossier_s_step_on_one_line(
    bench: ConsoleBench,
) -> None:
    """Officer's report, at 1366 px: Paul's « Étape » cell « Plan d’actions — Partenaires
    (Orientation 1 · Action 1 « Former les encadrants techniques ») » wrapped over seven
    lines, and his row stood as tall. The step stays on one line (cut with « … »), its full
    words under the pointer; on a phone, whose rows are cards, it is read whole."""
    from playwright.async_api import async_playwright

    from tests.test_console_e2e import CHROMIUM, chromium_or_skip

    chromium_or_skip()
    number = bench.population.numbers[IN_PLAN]
    page_html = await (await bench.client.get("/console/dossiers")).text()
    full = "Plan d’actions — Partenaires (Orientation 1 · Action 1 « Former les encadrants "
    css = (Path(__file__).parents[1] / "templates/console/console.css").read_text()
    cell = f'tr:has(a[href="/console/dossiers/{number}"]) td[data-label="Étape"]'
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            seen = {}
            for width, height in ((1366, 768), (390, 844)):
                page = await browser.new_page(viewport={"width": width, "height": height})
                await page.set_content(page_html.replace("</head>", f"<style>{css}</style></head>"))
                found = page.locator(cell)
                titled = found.locator("[title]")
                seen[width] = (
                    await found.evaluate(TEXT_LINES),
                    await titled.get_attribute("title") if await titled.count() else None,
                    await found.evaluate(
                        "c => [...c.querySelectorAll('*'), c].every("
                        "e => e.scrollWidth <= e.clientWidth)"
                    ),
                    await page.evaluate("document.documentElement.scrollWidth"),
                )
                await page.close()
        finally:
            await browser.close()
    lines, title, _whole, wide = seen[1366]
    assert lines == 1, f"{lines} lines at 1366 px"
    assert title is not None and title.startswith(full), "the full words under the pointer"
    assert wide <= 1366, "the table stays within the page"
    phone_lines, _title, whole, phone_wide = seen[390]
    assert whole, "read whole on a phone, nothing cut"
    assert phone_lines <= 3 and phone_wide <= 390
