"""Staff tools without Telegram (`dialogs.staff`): table, summary and drafts, exports, stats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import event

from dialogs.dossier import Dossier
from dialogs.dossier_query import DossierQuery
from dialogs.review import Alert, staff_alerts
from dialogs.rules import Warning
from dialogs.spec import DEFAULT_CALL_ID
from dialogs.staff import StaffService, format_age, format_moment
from drafts import render_draft_files
from storage.repository import SqlStore
from storage.transfer import export_all, parse_dossier
from tests.fakebotapi.html_check import parse_html
from tests.staff_support import (
    COMPLETE,
    HOSTILE,
    HOSTILE_NAME,
    IN_PLAN,
    INELIGIBLE,
    JUST_OPENED,
    Population,
    fixed_clock,
    populate,
    staff_service,
)
from tests.support import link_owner, without_staff_keys


@pytest.fixture
def population(store: SqlStore) -> Population:
    return populate(store)


@pytest.fixture
def staff(store: SqlStore, population: Population) -> StaffService:
    return staff_service(store, drafts=render_draft_files)


def test_the_table_shows_each_dossier_organisation_eligibility_completeness_activity(
    staff: StaffService, population: Population
) -> None:
    lines = {line.owner: line for line in staff.lines()}
    assert [line.number for line in staff.lines()] == sorted(population.numbers.values())
    complete, in_plan = lines[COMPLETE], lines[IN_PLAN]
    assert (complete.organisation, complete.eligible, complete.completeness) == (
        "Inser'Réseau 62",
        True,
        100,
    )
    assert complete.draft_generated_at is not None and complete.section == "review"
    assert (in_plan.section, in_plan.eligible) == ("plan", True)
    assert 0 < in_plan.completeness < 100
    assert lines[INELIGIBLE].eligible is False and lines[INELIGIBLE].section == "eligibility"
    assert lines[JUST_OPENED].eligible is None and lines[JUST_OPENED].completeness == 0
    assert in_plan.last_activity is not None and complete.last_activity is not None
    assert in_plan.last_activity > complete.last_activity

    html = staff.table_html()
    parse_html(html)  # Telegram would accept it
    assert f"n° {population.numbers[IN_PLAN]}</b> — Inser&#39;Réseau 62 — éligible — " in html
    assert "Plan d’actions — " + format_moment(in_plan.last_activity) in html
    assert "<b>Réseau" not in html and "&lt;b&gt;Réseau &amp; Cie" in html, "escaped"
    assert "non éligible" in html and "éligibilité à déterminer" in html


def test_a_summary_of_any_dossier_comes_with_both_drafts_and_leaves_it_unchanged(
    staff: StaffService, store: SqlStore, population: Population
) -> None:
    number = population.numbers[IN_PLAN]
    with store.transaction() as repo:
        before = repo.get_dossier(number)
        version = repo.dossier_version(number)
    summary = staff.summary(number)
    assert summary is not None
    parse_html(summary.html)
    assert f"Dossier n° {number} — Inser&#39;Réseau 62" in summary.html
    assert "SIRET : 732 829 320 00074" in summary.html  # as the Insee prints it
    assert "Marie Dupont (Directrice)" in summary.html
    assert "Professionnalisation des SIAE : 1 action — Former les encadrants" in summary.html
    assert "Le candidat n’a pas encore généré son brouillon ; " in summary.html
    kinds = sorted(f.name.rsplit(".", 1)[1] for f in summary.files if not f.name.endswith(".pdf"))
    assert kinds == ["docx", "docx", "md", "xlsx"]  # plan, letter, plan, budget (and a PDF)
    markdown = next(f for f in summary.files if f.name.endswith(".md")).content.decode()
    assert "Former les encadrants techniques" in markdown
    with store.transaction() as repo:
        assert repo.get_dossier(number) == before, "reading is not generating"
        assert repo.dossier_version(number) == version

    complete = staff.summary(population.numbers[COMPLETE])
    assert complete is not None
    assert "Charges indirectes : 10 000,00 € (20 % des charges de personnel" in complete.html
    assert "Total des ressources : 70 000,00 €" in complete.html
    assert "Brouillon généré par le candidat le 20/11/2026" in complete.html

    hostile = staff.summary(population.numbers[HOSTILE])
    assert hostile is not None
    parse_html(hostile.html)
    assert "&lt;b&gt;Réseau &amp; Cie&lt;/b&gt;" in hostile.html


def test_an_unknown_dossier_has_no_summary(staff: StaffService) -> None:
    assert staff.summary(999) is None


def test_the_xlsx_export_has_one_typed_row_per_dossier(
    staff: StaffService, population: Population
) -> None:
    files = {f.name.rsplit(".", 1)[1]: f for f in staff.exports()}
    assert files["xlsx"].name == "dossiers-2026-11-25.xlsx"
    sheet = load_workbook(io.BytesIO(files["xlsx"].content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert [row[0] for row in body] == sorted(population.numbers.values())
    column = {name: index for index, name in enumerate(header)}
    complete = body[0]
    assert complete[column["Organisme"]] == "Inser'Réseau 62"
    assert complete[column["SIRET"]] == "732 829 320 00074"  # as the console shows it
    assert complete[column["E-mail"]] == "marie.dupont@inser-reseau62.fr"
    assert complete[column["Éligibilité"]] == "éligible"
    assert complete[column["Complétude (%)"]] == 100
    assert complete[column["Étape"]] == "Récapitulatif"
    assert complete[column["Actions – Professionnalisation des SIAE"]] == 1
    assert complete[column["Cible – Participants aux webinaires"]] == 150
    assert complete[column["Total des charges (€)"]] == 70000
    assert complete[column["Taux de charges indirectes"]] == pytest.approx(0.2)
    assert complete[column["Brouillon généré le"]] == dt.datetime(2026, 11, 20, 15, 57)  # Paris
    hostile = next(r for r in body if link_owner(r[column["Candidat (lien Telegram)"]]) == HOSTILE)
    cell = sheet.cell(row=body.index(hostile) + 2, column=column["Organisme"] + 1)
    assert (cell.value, cell.data_type) == (HOSTILE_NAME, "s"), "text, never a formula"


def test_the_csv_export_is_what_french_excel_opens(
    staff: StaffService, population: Population
) -> None:
    content = next(f for f in staff.exports() if f.name.endswith(".csv")).content
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == len(population.numbers)
    assert all(len(row) == len(header) for row in body)
    complete = dict(zip(header, body[0], strict=True))
    assert complete["Organisme"] == "Inser'Réseau 62"
    assert complete["Total des charges (€)"] == "70000,00"
    assert complete["Taux de charges indirectes"] == "20,00 %"
    assert complete["Brouillon généré le"] == "20/11/2026 15:57"
    hostile = next(
        dict(zip(header, r, strict=True))
        for r in body
        if link_owner(r[header.index("Candidat (lien Telegram)")]) == HOSTILE
    )
    assert hostile["Organisme"] == "'" + HOSTILE_NAME, "a formula is quoted, not run"


def test_the_json_export_is_the_export_format_with_every_dossier(
    staff: StaffService, store: SqlStore, population: Population
) -> None:
    content = next(f for f in staff.exports() if f.name.endswith(".json")).content
    with store.transaction() as repo:
        assert without_staff_keys(content.decode("utf-8")) == json.loads(export_all(repo))
        stored = repo.list_dossiers()
    documents = json.loads(content)
    assert len(documents) == len(population.numbers)
    assert [parse_dossier(json.dumps(d)) for d in documents] == [s.dossier for s in stored]


def test_stats_count_started_eligible_steps_drafts_and_where_applicants_stop(
    staff: StaffService,
) -> None:
    stats = staff.stats()
    assert (stats.started, stats.eligible, stats.ineligible, stats.drafts) == (5, 3, 1, 1)
    reached = {item.section: item.count for item in stats.reached}
    assert reached == {
        "welcome": 5,
        "eligibility": 4,
        "organisation": 3,  # the complete one, the one in the plan, the hostile one
        "plan": 2,
        "indicators": 1,
        "budget": 1,
        "review": 1,
    }
    stopped = {item.section: item.count for item in stats.stopped}
    assert stopped == {"welcome": 1, "eligibility": 1, "organisation": 1, "plan": 1}
    assert stats.unfinished == 4
    html = staff.stats_html()
    parse_html(html)
    assert "Dossiers commencés : 5" in html and "Brouillons générés : 1" in html
    assert "• 4. Plan d’actions : 2" in html
    assert "(4 dossiers sans brouillon)" in html


def test_announcements_go_to_private_chats_of_applicants_who_did_not_block_the_bot(
    staff: StaffService, store: SqlStore
) -> None:
    staff.mark_blocked(INELIGIBLE)
    with store.transaction() as repo:  # a dossier made in the terminal: no chat at all
        repo.add_dossier(owner="terminal:local", dossier=Dossier(call_id=DEFAULT_CALL_ID))
        repo.upsert_user(owner="terminal:local", seen_at=fixed_clock().instant)
    owners = [a.owner for a in staff.applicants()]
    assert owners == [COMPLETE, IN_PLAN, JUST_OPENED, HOSTILE]
    assert [a.chat_id for a in staff.applicants()] == [1001, 1002, 1004, 1005]


def test_ages_and_times_read_in_french_and_in_paris_time() -> None:
    now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    assert format_age(now - dt.timedelta(seconds=20), now) == "1 min"
    assert format_age(now - dt.timedelta(minutes=59), now) == "59 min"
    assert format_age(now - dt.timedelta(hours=5, minutes=59), now) == "5 h"
    assert format_age(now - dt.timedelta(days=3, hours=1), now) == "3 j"
    assert format_moment(dt.datetime(2026, 7, 1, 7, 5, tzinfo=dt.UTC)) == "01/07/2026 09:05"
    assert format_moment(dt.datetime(2026, 12, 1, 7, 5, tzinfo=dt.UTC)) == "01/12/2026 08:05"
    assert format_moment(None) == "—"


def test_a_summary_shows_the_step_in_words_the_warnings_and_the_actions(
    staff: StaffService, population: Population
) -> None:
    summary = staff.summary(population.numbers[IN_PLAN])
    assert summary is not None
    text, _ = parse_html(summary.html)
    assert "Éligibilité : éligible — type d’organisme déclaré : " in text
    assert "· étape : Plan d’actions — Partenaires (Orientation 1 · Action 1" in text
    # The plan's coverage is no alert while the applicant is still writing the plan.
    assert "Alertes (0)\nAucune." in text
    assert "Professionnalisation des SIAE : 1 action — Former les encadrants techniques" in text
    assert "plan.o1" not in text and "elig." not in text, "no internal key"
    assert "Budget\nPas encore renseigné." in text and "0,00 €" not in text, "no 0 not declared"


def test_an_officer_sees_ineligibility_as_the_first_alert_and_none_on_an_unstarted_plan(
    staff: StaffService, population: Population
) -> None:
    ineligible = staff.summary(population.numbers[INELIGIBLE])
    assert ineligible is not None
    text, _ = parse_html(ineligible.html)
    assert "Alertes (1)\n• ⛔ Non éligible : L’appel à projets est réservé" in text
    assert "quatre orientations" not in text
    just_opened = staff.summary(population.numbers[JUST_OPENED])
    assert just_opened is not None
    assert "Alertes (0)" in parse_html(just_opened.html)[0]
    counts = {i.facts.owner: i.facts.warnings for i in staff.dossiers(DossierQuery()).items}
    assert counts == {COMPLETE: 0, IN_PLAN: 0, INELIGIBLE: 1, JUST_OPENED: 0, HOSTILE: 0}
    warned = staff.dossiers(DossierQuery(with_warnings=True)).items
    assert [i.facts.owner for i in warned] == [INELIGIBLE], "alertes: not every unfinished one"


def test_a_coverage_warning_is_an_alert_once_the_applicant_went_past_the_plan() -> None:
    sections = ["welcome", "eligibility", "organisation", "plan", "indicators", "budget"]
    coverage = Warning("rule", "missing_orientation", "Le plan doit couvrir…", about="plan")
    cap = Warning("rule", "indirect_cap", "Charges indirectes au-delà…", about="budget")
    assert staff_alerts(sections, [coverage, cap], None, "plan") == [
        Alert("rule", "Charges indirectes au-delà…")
    ], "a rule broken by an answer given counts at once"
    assert staff_alerts(sections, [coverage], None, "indicators") == [
        Alert("rule", "Le plan doit couvrir…")
    ]


def test_the_ready_filter_finds_its_calls_without_the_statistics_counts(
    staff: StaffService, store: SqlStore
) -> None:
    """« /dossiers prets » (and the console's « Prêts à déposer ») needs the calls of the
    ready dossiers, to leave out those of a call now closed; it ran the statistics'
    `summary_counts` for them: four scans of the summaries (counts, two groupings, the
    calls). One query now, on the ready dossiers' calls alone."""
    staff.refresh_summaries()
    seen: list[str] = []

    def record(*args: object) -> None:
        seen.append(" ".join(str(args[2]).split()))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        page = staff.dossiers(DossierQuery(ready=True))
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    assert page.total >= 0
    grouped = [s for s in seen if "GROUP BY" in s or ("count(" in s.lower() and "FILTER" in s)]
    assert not [s for s in grouped if "furthest_section" in s or "stop_section" in s]
    [calls] = [s for s in seen if "DISTINCT dossier_summary.call_id" in s]
    assert "readiness" in calls


def test_dossiers_n_3_lists_dossier_3_alone_not_every_siret_with_a_3(
    staff: StaffService, population: Population
) -> None:
    """An officer typed « /dossiers n° 3 » to find the dossier the digest named and got four
    dossiers: every SIRET, phone number or address with a 3 in it. The mark says which:
    « n° 3 », « n°3 », « #3 » are the dossier n° 3 alone; « 3 » bare is still searched
    everywhere (the dossier's number too)."""
    number = population.numbers[INELIGIBLE]
    for typed in (f"n° {number}", f"n°{number}", f"#{number}", f"N° {number}"):
        page = staff.dossiers(DossierQuery(text=typed))
        assert [item.number for item in page.items] == [number], typed
    assert staff.dossiers(DossierQuery(text="n° 999")).total == 0
    bare = staff.dossiers(DossierQuery(text=str(number)))
    assert number in [item.number for item in bare.items]
