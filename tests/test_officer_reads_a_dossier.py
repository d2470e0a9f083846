"""A Département officer reviews the dossiers from the staff group, the console and the
exports. Each story is a defect a tester playing the officer found: an ineligible dossier
read as « complet à 50 % » on its way, a draft printing « 0 € » for a total never given,
columns the officer had to look up elsewhere, two applicants with one SIRET unnoticed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from dialogs.dossier_list import parse_filters
from dialogs.ports import Store
from dialogs.spec import load_shipped_spec
from dialogs.staff import StaffService
from drafts import render_draft_files
from drafts.typography import plain
from storage.repository import SqlStore
from tests.console_support import ConsoleBench, console_bench
from tests.staff_support import COMPLETE, HOSTILE, IN_PLAN, INELIGIBLE, populate, staff_service

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def staff(store: SqlStore) -> tuple[StaffService, dict[str, int]]:
    numbers = dict(populate(store).numbers)
    return staff_service(store, drafts=render_draft_files), numbers


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        await made.sign_in()
        yield made


def export_sheet(service: StaffService) -> tuple[dict[str, int], dict[int, tuple[Any, ...]]]:
    """The XLSX export's « Dossiers » sheet: the column numbers by header, rows by dossier."""
    files = {f.name.rsplit(".", 1)[1]: f for f in service.exports()}
    sheet = load_workbook(io.BytesIO(files["xlsx"].content))["Dossiers"]
    rows = list(sheet.iter_rows(values_only=True))
    column = {str(name): index for index, name in enumerate(rows[0])}
    return column, {int(row[0]): row for row in rows[1:]}  # type: ignore[arg-type]


def export_csv(service: StaffService) -> list[dict[str, str]]:
    files = {f.name.rsplit(".", 1)[1]: f for f in service.exports()}
    text = files["csv"].content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def export_json(service: StaffService) -> list[dict[str, Any]]:
    files = {f.name.rsplit(".", 1)[1]: f for f in service.exports()}
    found: list[dict[str, Any]] = json.loads(files["json"].content)
    return found


# -- 1. an ineligible dossier is « non éligible », never « complet à 50 % » -----------------------
def test_an_ineligible_dossier_reads_non_eligible_in_the_staff_group_never_50_percent(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """The officer typed /dossiers: « ⛔ non éligible · 50 % » read as a dossier on its way;
    /dossier N said « Complet à 50 % ». An ineligible dossier's interview stopped at its
    eligibility: the views say « non éligible » (and why, where there is room)."""
    service, numbers = staff
    number = numbers[INELIGIBLE]
    _, page = service.listing(parse_filters(""))
    entry = page.split(f"n° {number}</b>", 1)[1].split("•", 1)[0]
    assert "non éligible" in entry and "%" not in entry
    table_line = next(x for x in service.table_html().split("\n") if f"n° {number}<" in x)
    assert "%" not in table_line and "non éligible" in table_line
    summary = service.summary(number)
    assert summary is not None
    assert "Complet à" not in summary.html and "50 %" not in summary.html
    assert "État : non éligible (" in summary.html, "the state, with its reason"


def test_an_ineligible_dossier_s_drafts_print_no_0_euro_total(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """/dossier N sent the ineligible dossier's drafts: their « Synthèse » said « Coût total de
    l’action | 0 € » beside amounts « [À compléter] », and the budget « équilibré … = 0 € ».
    A total never given is « [À compléter] », never 0 €, in every document."""
    service, numbers = staff
    summary = service.summary(numbers[INELIGIBLE])
    assert summary is not None and summary.files == [], "/dossier N now sends none of them"
    with service.store.transaction() as repo:
        stored = repo.get_dossier(numbers[INELIGIBLE])
    assert stored is not None
    files = render_draft_files(load_shipped_spec(stored.dossier.call_id), stored.dossier, TODAY)
    markdown = plain(next(f for f in files if f.name.endswith(".md")).content.decode())
    cost = next(line for line in markdown.splitlines() if "Coût total de l’action" in line)
    assert "[À compléter" in cost and "0 €" not in cost
    assert "Budget équilibré" not in markdown
    assert "dossier non éligible" in markdown and "complété à 50 %" not in markdown
    for line in markdown.splitlines():
        assert not re.search(r"(?<![\d ])0 €", line), line
    plan = next(f for f in files if f.name.endswith(".docx") and "plan" in f.name)
    document = Document(io.BytesIO(plan.content))
    cells = [plain(c.text) for t in document.tables for r in t.rows for c in r.cells]
    texts = [plain(p.text) for p in document.paragraphs] + cells
    assert not [t for t in texts if re.search(r"(?<![\d ])0 €", t)]


def test_an_ineligible_dossier_reads_non_eligible_in_the_exports(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    service, numbers = staff
    column, rows = export_sheet(service)
    assert rows[numbers[INELIGIBLE]][column["Éligibilité"]] == "non éligible"
    assert rows[numbers[INELIGIBLE]][column["Complétude (%)"]] is None, "numbers only there"
    assert rows[numbers[COMPLETE]][column["Complétude (%)"]] == 100
    row = next(r for r in export_csv(service) if r["N° dossier"] == str(numbers[INELIGIBLE]))
    assert (row["Éligibilité"], row["Complétude (%)"]) == ("non éligible", "")


async def test_an_ineligible_dossier_reads_non_eligible_in_the_console(
    bench: ConsoleBench,
) -> None:
    number = bench.population.numbers[INELIGIBLE]
    page = await (await bench.client.get("/console/dossiers")).text()
    row = page.split(f">n° {number}<", 1)[1].split("</tr>", 1)[0]
    completeness = row.split('data-label="Complétude" class="num">', 1)[1].split("<", 1)[0]
    assert completeness == "non éligible"
    dossier = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    meta = dossier.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
    assert "complet à" not in meta and "%" not in meta
    assert "non éligible" in meta


# -- 2, 3, 4. what the officer reads a dossier by, in the exports ------------------------------
def test_the_exports_give_what_the_officer_reviews_a_dossier_by(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """The officer's review was slowed: the RNA, the legal representative, the address, the
    territory, the annual budget, the staff and volunteers, the public aimed at and the
    context and approach texts were only in the console, one dossier at a time."""
    service, numbers = staff
    column, rows = export_sheet(service)
    complete = rows[numbers[COMPLETE]]
    expected = {
        "RNA": "W623001234",
        "Représentant légal": "Jean Martin",
        "Qualité du représentant": "Président",
        "Adresse": "12 rue des Arts, 62000 Arras",
        "Territoire d’intervention": (
            "Tout le Pas-de-Calais, avec des antennes à Arras et à Boulogne-sur-Mer"
        ),
        "Budget annuel de l’organisme (€)": 380000,
        "Salariés": 5,
        "Salariés (ETP)": 4.2,
        "Bénévoles": 12,
        "Public visé – bénéficiaires du RSA": 320,
        "Public visé – jeunes de moins de 26 ans": 85,
        "Public visé – dont jeunes issus de l’ASE": 12,
        "Public visé – anciens bénéficiaires du RSA": 140,
        "SIRET": "732 829 320 00074",  # still grouped, as text
    }
    assert {name: complete[column[name]] for name in expected} == expected
    assert str(complete[column["Contexte et diagnostic"]]).strip()
    assert str(complete[column["Approche"]]).strip()
    row = next(r for r in export_csv(service) if r["N° dossier"] == str(numbers[COMPLETE]))
    assert (row["RNA"], row["Salariés (ETP)"]) == ("W623001234", "4,2")


def test_the_json_export_gives_each_dossier_s_number_and_applicant(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """The JSON export had neither the « n° dossier » nor the applicant the XLSX and CSV give:
    the officer could not tell which dossier a document was."""
    service, numbers = staff
    documents = {d["dossier_number"]: d for d in export_json(service)}
    assert set(documents) == set(numbers.values())
    complete = documents[numbers[COMPLETE]]
    assert complete["applicant"] == {
        "name": "Utilisateur Telegram 1001",
        "telegram_link": "tg://user?id=1001",
    }
    from storage.transfer import parse_dossier

    assert parse_dossier(json.dumps(complete)).organisation.name == "Inser'Réseau 62"


def test_the_exports_name_the_incomplete_sections_and_a_usable_applicant(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """« Sections incomplètes » held a count (« 3 »), and « Candidat (identifiant) » the
    internal « telegram:1001 », which no officer can use."""
    service, numbers = staff
    column, rows = export_sheet(service)
    in_plan = rows[numbers[IN_PLAN]]
    assert in_plan[column["Sections incomplètes"]] == "Plan d’actions, Indicateurs, Budget"
    assert rows[numbers[COMPLETE]][column["Sections incomplètes"]] is None
    assert "Candidat (identifiant)" not in column
    complete = rows[numbers[COMPLETE]]
    assert complete[column["Candidat"]] == "Utilisateur Telegram 1001"  # as /dossiers says
    assert complete[column["Candidat (lien Telegram)"]] == "tg://user?id=1001"
    assert not any("telegram:" in str(value) for value in complete)


# -- 2, 5. /dossier N and the console's synthesis ----------------------------------------------
def test_dossier_n_gives_the_state_rna_and_legal_representative(
    staff: tuple[StaffService, dict[str, int]],
) -> None:
    """/dossier N in the staff group omitted the « État » the console and the exports show,
    the RNA and the legal representative: same words as the exports' « État »."""
    service, numbers = staff
    summary = service.summary(numbers[COMPLETE])
    assert summary is not None
    column, rows = export_sheet(service)
    state = rows[numbers[COMPLETE]][column["État"]]
    assert state == "complet, appel clos (ne peut plus être déposé)", "25 November 2026"
    assert f"État : {state}" in summary.html
    assert "RNA : W623001234" in summary.html
    assert "Représentant légal : Jean Martin (Président)\nContact : " in summary.html  # (not glued)
    in_plan = service.summary(numbers[IN_PLAN])
    assert in_plan is not None and "État : incomplet" in in_plan.html


async def test_the_console_synthesis_gives_the_rna_and_legal_representative(
    bench: ConsoleBench,
) -> None:
    number = bench.population.numbers[COMPLETE]
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    synthesis = page.split('id="t-synthese"', 1)[1].split("</section>", 1)[0]
    assert "<dt>RNA</dt><dd>W623001234</dd>" in synthesis
    assert "<dt>Représentant légal</dt><dd>Jean Martin (Président)</dd>" in synthesis


# -- 6. two applicants, one SIRET ----------------------------------------------------------------
OTHER = "telegram:1007"


def add_same_siret(store: Store) -> int:
    """Another applicant files for the complete dossier's organisation: its number."""
    with store.transaction() as repo:
        complete = next(s for s in repo.list_dossiers() if s.owner == COMPLETE)
        dossier = complete.dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        dossier.organisation.name = "Inser Réseau Pas-de-Calais"
        return repo.add_dossier(owner=OTHER, dossier=dossier).id


def test_two_applicants_with_one_siret_are_pointed_out_to_staff(
    staff: tuple[StaffService, dict[str, int]], store: SqlStore
) -> None:
    """Two dossiers from different applicants gave the same SIRET: nothing told the officer.
    /dossier N says « Même SIRET que le dossier n° X » on each, and the export flags them.
    (The population's applicants in the plan and with a hostile name played the complete
    applicant's script: its SIRET too.)"""
    service, numbers = staff
    other = add_same_siret(store)
    service.refresh_summaries()  # as the bot does in the background, every few seconds
    same = sorted([numbers[COMPLETE], numbers[IN_PLAN], numbers[HOSTILE]])
    for number in same:
        summary = service.summary(number)
        assert summary is not None
        listed = ", ".join(f"n° {n}" for n in [*same, other] if n != number)
        assert f"Même SIRET que les dossiers {listed}" in summary.html
    second = service.summary(other)
    assert second is not None
    assert f"Même SIRET que les dossiers {', '.join(f'n° {n}' for n in same)}" in second.html
    alone = service.summary(numbers[INELIGIBLE])
    assert alone is not None and "Même SIRET" not in alone.html
    column, rows = export_sheet(service)
    assert rows[other][column["Même SIRET que"]] == ", ".join(f"n° {n}" for n in same)
    assert rows[numbers[INELIGIBLE]][column["Même SIRET que"]] is None


def test_one_applicant_s_own_two_dossiers_are_no_warning(
    staff: tuple[StaffService, dict[str, int]], store: SqlStore
) -> None:
    service, numbers = staff
    with store.transaction() as repo:
        complete = next(s for s in repo.list_dossiers() if s.owner == COMPLETE)
        dossier = complete.dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        dossier.organisation.siret = "12345678200010"
        first = repo.add_dossier(owner=OTHER, dossier=dossier).id
        dossier = dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        second = repo.add_dossier(owner=OTHER, dossier=dossier).id
    service.refresh_summaries()
    summary = service.summary(second)
    assert summary is not None and "Même SIRET" not in summary.html
    assert numbers[COMPLETE] not in (first, second)


async def test_the_console_dossier_page_points_out_the_same_siret(bench: ConsoleBench) -> None:
    complete = bench.population.numbers[COMPLETE]
    other = add_same_siret(bench.app.store)
    page = await (await bench.client.get(f"/console/dossiers/{other}")).text()
    synthesis = page.split('id="t-synthese"', 1)[1].split("</section>", 1)[0]
    assert "Même SIRET que les dossiers" in synthesis
    assert f'href="/console/dossiers/{complete}">n° {complete}</a>' in synthesis
    page = await (
        await bench.client.get(f"/console/dossiers/{bench.population.numbers[INELIGIBLE]}")
    ).text()
    assert "Même SIRET" not in page


def test_the_same_siret_lookup_is_one_indexed_query(store: SqlStore) -> None:
    """Issue 14: staff commands stay fast over 10 000 dossiers. The lookup reads the
    summaries' indexed SIRET, never every dossier."""
    from sqlalchemy import inspect

    populate(store)
    with store.transaction() as repo:
        indexes = inspect(repo.session.get_bind()).get_indexes("dossier_summary")
    assert any(index["column_names"] == ["siret"] for index in indexes)


def test_a_siret_shared_by_thousands_names_five_and_says_more() -> None:
    """The scale bench gives thousands of dossiers one SIRET: each export row listed every
    other number (a 535 MB CSV). A view names five and says « … »."""
    from dialogs.dossier_facts import SAME_SIRET_SHOWN, others_with_siret
    from dialogs.texts import environment

    found = [(n, f"telegram:{n}") for n in range(1, 10_001)]
    others = others_with_siret(1, "telegram:1", found)
    assert others == [2, 3, 4, 5, 6, 7] and SAME_SIRET_SHOWN == 5
    staff_messages = environment().get_template("messages/staff.html.j2").module
    note = str(staff_messages.same_siret_note(others))  # type: ignore[attr-defined]
    assert note == "Même SIRET que les dossiers n° 2, n° 3, n° 4, n° 5, n° 6…"


# -- 7. a 0 kept « pour l'instant » is named, not an « incomplet » with nothing missing ----------
HURRIED = "telegram:1008"
FOR_NOW = (
    "Anciens bénéficiaires du RSA en parcours : 0 retenu pour l’instant, à confirmer par le "
    "candidat"
)


def add_zero_for_now(store: Store) -> int:
    """The complete dossier, but its applicant answered « je sais pas » then « ok » at the
    former BRSA in a pathway: 0 kept for now (`Dossier.provisional`)."""
    with store.transaction() as repo:
        complete = next(s for s in repo.list_dossiers() if s.owner == COMPLETE)
        dossier = complete.dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        dossier.plan.public.former_brsa = 0
        dossier.provisional = ["plan.public.former_brsa"]
        return repo.add_dossier(owner=HURRIED, dossier=dossier).id


def test_a_zero_kept_for_now_is_what_the_incomplete_dossier_misses_for_staff(
    store: SqlStore, staff: tuple[StaffService, dict[str, int]]
) -> None:
    """Reviewer's report: `/dossiers`, the console and the exports said « incomplet », but
    no answer was missing and « Sections incomplètes » was empty: nothing told the officer
    the applicant had kept a 0 « pour l'instant »."""
    service, _ = staff
    number = add_zero_for_now(store)
    summary = service.summary(number)
    assert summary is not None
    assert "État : incomplet" in summary.html
    assert f"⏳ {FOR_NOW}" in summary.html
    assert "Aucune." not in summary.html.split("<b>Alertes", 1)[1].split("<b>", 1)[0]
    column, rows = export_sheet(service)
    row = rows[number]
    assert row[column["État"]].startswith("incomplet")
    assert row[column["Sections incomplètes"]] == "Plan d’actions"
    assert FOR_NOW in str(row[column["Détail des alertes"]])
    assert row[column["Alertes"]] >= 1


async def test_the_console_names_a_zero_kept_for_now(bench: ConsoleBench) -> None:
    number = add_zero_for_now(bench.app.store)
    page = await (await bench.client.get(f"/console/dossiers/{number}")).text()
    alerts = page.split('id="t-alertes"', 1)[1].split("</section>", 1)[0]
    assert "Réponse provisoire :</strong> " + FOR_NOW in alerts
    assert "Réponses retenues pour l’instant (1)" in alerts


def test_a_dossier_imported_with_a_spaced_siret_is_matched_and_its_summary_saved(
    staff: tuple[StaffService, dict[str, int]], store: SqlStore
) -> None:
    """A dossier imported (`aap-bot import`) with « 732 829 320 00074 » as typed: its
    summary's SIRET, 17 characters, broke PostgreSQL's 14-character column (the save's
    transaction with it); kept as its 14 digits, it is matched like any other."""
    service, numbers = staff
    with store.transaction() as repo:
        complete = next(s for s in repo.list_dossiers() if s.owner == COMPLETE)
        dossier = complete.dossier.clone()
        dossier.uuid = str(uuid.uuid4())
        digits = dossier.organisation.siret or ""
        dossier.organisation.siret = f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"
        spaced = repo.add_dossier(owner=OTHER, dossier=dossier).id
    service.refresh_summaries()
    summary = service.summary(spaced)
    assert summary is not None and "Même SIRET que les dossiers" in summary.html
    assert f"n° {numbers[COMPLETE]}" in summary.html
