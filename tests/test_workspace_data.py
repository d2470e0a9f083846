"""The staff workspace's data: who the applicants are, and dossiers listed from their summaries
(filters, search, sort, pages), kept in step with every answer."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

import dialogs.dossier_facts as dossier_facts_module
from app.bootstrap import bootstrap
from app.settings import Settings
from bot.app import build
from dialogs import staff as staff_module
from dialogs.dossier_query import DossierQuery
from dialogs.events import Text
from dialogs.people import Identity, applicant_label, telegram_link
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from dialogs.staff import StaffService
from storage.repository import SqlStore
from tests.fakebotapi import FakeBotAPI, FakeUser
from tests.staff_support import (
    COMPLETE,
    HOSTILE,
    IN_PLAN,
    INELIGIBLE,
    JUST_OPENED,
    Population,
    fixed_clock,
    populate,
    staff_service,
)

MARIE = Identity("Marie", "Dupont", "mdupont")


@pytest.fixture
def population(store: SqlStore) -> Population:
    return populate(store, drafts=False)


@pytest.fixture
def staff(store: SqlStore, population: Population) -> StaffService:
    return staff_service(store)


@pytest.fixture
def interview(store: SqlStore) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec, default_call_id=DEFAULT_CALL_ID, store=store, clock=fixed_clock()
    )


def owners(staff: StaffService, query: DossierQuery) -> list[str]:
    return [item.facts.owner for item in staff.dossiers(query).items]


# -- who the applicants are ----------------------------------------------------------------------


def test_staff_see_the_applicants_name_username_and_telegram_link(
    staff: StaffService, interview: InterviewService
) -> None:
    interview.show(COMPLETE, chat_id=1001, identity=MARIE)
    lines = {line.owner: line for line in staff.lines()}
    assert lines[COMPLETE].applicant == "Marie Dupont (@mdupont)"
    assert lines[COMPLETE].link == "tg://user?id=1001"
    assert lines[IN_PLAN].applicant == "Utilisateur Telegram 1002", "never a bare internal id"

    # Marie changes her last name and removes her username; a visit without names keeps them.
    interview.show(COMPLETE, chat_id=1001, identity=Identity("Marie", "Dupont-Leroy", None))
    interview.show(COMPLETE, chat_id=1001)
    assert {line.owner: line for line in staff.lines()}[COMPLETE].applicant == (
        "Marie Dupont-Leroy"
    )


def test_labels_for_every_kind_of_applicant() -> None:
    assert applicant_label("telegram:7", Identity("Jean", None, None)) == "Jean"
    assert applicant_label("telegram:7", Identity(None, None, "jean62")) == "@jean62"
    assert applicant_label("terminal:local", None) == "Terminal"
    assert telegram_link("terminal:local") is None


def test_the_names_are_in_my_data_and_erased_with_it(
    staff: StaffService, interview: InterviewService, store: SqlStore
) -> None:
    interview.show(COMPLETE, chat_id=1001, identity=MARIE)
    # The applicant's names; the dossier in the plan names Marie Dupont as its contact too.
    assert sorted(owners(staff, DossierQuery(text="dupont"))) == [COMPLETE, IN_PLAN]
    # An officer searching "@mdupont", as listings show the applicant, finds them.
    assert owners(staff, DossierQuery(text="@mdupont")) == [COMPLETE]
    assert owners(staff, DossierQuery(text="@MDupont inser")) == [COMPLETE]
    assert owners(staff, DossierQuery(text="@")) == owners(staff, DossierQuery()), "no word"
    document = json.loads(interview.export_owner_data(COMPLETE))
    user = document["user"]
    assert (user["first_name"], user["last_name"], user["username"]) == (
        "Marie",
        "Dupont",
        "mdupont",
    )

    interview.delete_owner_data(COMPLETE)
    with store.transaction() as repo:
        assert repo.get_user(COMPLETE) is None
        assert repo.query_summaries(DossierQuery(owner=COMPLETE)).total == 0, "summary erased"
    assert COMPLETE not in owners(staff, DossierQuery(text="marie", limit=None))


# -- what the listing says of each dossier -------------------------------------------------------


def test_each_dossier_says_where_it_stands_in_words(staff: StaffService) -> None:
    facts = {item.facts.owner: item.facts for item in staff.dossiers(DossierQuery()).items}
    assert facts[COMPLETE].step_label == "Récapitulatif"
    assert facts[INELIGIBLE].step_label == "Non éligible"
    assert facts[JUST_OPENED].step_label == "Accueil"
    assert facts[IN_PLAN].step_label.startswith("Partenaires (Orientation 1 · Action 1")
    complete = facts[COMPLETE]
    assert (complete.eligible, complete.completeness, complete.readiness) == (True, 100, "ready")
    assert complete.organisation_type == "Tête de réseau IAE départementale"
    assert (str(complete.departement_request), str(complete.charges)) == ("60000.00", "70000.00")
    assert complete.actions == 4 and complete.warnings == 0 and complete.missing_sections == 0
    assert facts[IN_PLAN].furthest_section == "plan" and facts[IN_PLAN].missing_sections == 3
    assert facts[INELIGIBLE].stop_section == "eligibility"


# -- filters, search, sort, pages ----------------------------------------------------------------


def test_filters_narrow_the_list_and_the_total_counts_every_page(staff: StaffService) -> None:
    assert set(owners(staff, DossierQuery(eligible=True))) == {COMPLETE, IN_PLAN, HOSTILE}
    assert owners(staff, DossierQuery(eligible=False)) == [INELIGIBLE]
    assert owners(staff, DossierQuery(complete=True)) == [COMPLETE], "ineligible is not complete"
    assert len(owners(staff, DossierQuery(complete=False))) == 4
    assert COMPLETE not in owners(staff, DossierQuery(with_warnings=True))
    # Alerts: the ineligible dossier's ineligibility; a plan not written yet is none.
    assert owners(staff, DossierQuery(with_warnings=True)) == [INELIGIBLE]
    assert len(owners(staff, DossierQuery(with_warnings=False))) == 4
    assert staff.dossiers(DossierQuery(call_id=DEFAULT_CALL_ID)).total == 5
    assert staff.dossiers(DossierQuery(call_id="autre-appel")).total == 0
    assert owners(staff, DossierQuery(eligible=False, with_warnings=True, complete=False)) == [
        INELIGIBLE
    ]
    assert owners(staff, DossierQuery(eligible=True, with_warnings=True, complete=False)) == []


def test_active_in_the_last_days_counts_from_the_clock(
    staff: StaffService, interview: InterviewService
) -> None:
    since = DossierQuery.active_in_last(2, fixed_clock().now())
    assert staff.dossiers(DossierQuery(active_since=since)).total == 0, "all played 5 days ago"
    interview.handle(IN_PLAN, Text("Réseau des SIAE du Ternois"), chat_id=1002)
    assert owners(staff, DossierQuery(active_since=since)) == [IN_PLAN]


def test_search_ignores_case_and_accents_in_organisations_and_applicants(
    staff: StaffService, interview: InterviewService
) -> None:
    assert set(owners(staff, DossierQuery(text="RESEAU"))) == {COMPLETE, IN_PLAN, HOSTILE}
    assert set(owners(staff, DossierQuery(text="inser réseau 62"))) == {COMPLETE, IN_PLAN}
    assert owners(staff, DossierQuery(text="émilie")) == []
    interview.show(JUST_OPENED, chat_id=1004, identity=Identity("Émilie", "Lefèvre", "emi_62"))
    assert owners(staff, DossierQuery(text="emilie lefevre")) == [JUST_OPENED]
    assert owners(staff, DossierQuery(text="EMI_62")) == [JUST_OPENED]
    assert owners(staff, DossierQuery(text="100%")) == [], "wildcards are plain characters"


def test_sorts_and_pages(staff: StaffService, population: Population) -> None:
    by_activity = owners(staff, DossierQuery())
    assert by_activity == [HOSTILE, JUST_OPENED, INELIGIBLE, IN_PLAN, COMPLETE], "newest first"
    assert owners(staff, DossierQuery(descending=False))[0] == COMPLETE
    by_completeness = owners(staff, DossierQuery(sort="completeness"))
    assert by_completeness[0] == COMPLETE and by_completeness[-1] == JUST_OPENED
    assert owners(staff, DossierQuery(sort="amount"))[0] == COMPLETE, "the only amount first"
    assert owners(staff, DossierQuery(sort="amount", descending=False))[0] == COMPLETE
    numbers = [item.number for item in staff.dossiers(DossierQuery(sort="number")).items]
    assert numbers == sorted(population.numbers.values())

    first = staff.dossiers(DossierQuery(limit=2))
    second = staff.dossiers(DossierQuery(limit=2, offset=2))
    last = staff.dossiers(DossierQuery(limit=2, offset=4))
    assert (first.total, second.total, last.total) == (5, 5, 5)
    pages = [i.facts.owner for page in (first, second, last) for i in page.items]
    assert pages == by_activity


# -- kept in step ---------------------------------------------------------------------------------


def test_a_summary_follows_its_dossier_after_each_answer(
    staff: StaffService, interview: InterviewService
) -> None:
    # Answers keep their dossier's summary up to date; a dossier created and never saved
    # since (the applicant only opened the bot) is summarised by the first listing.
    assert staff.refresh_summaries() == 1
    assert staff.refresh_summaries() == 0, "nothing changed since"
    interview.handle(JUST_OPENED, Text("Commencer"), chat_id=1004)
    facts = staff.dossiers(DossierQuery(owner=JUST_OPENED)).items[0].facts
    assert (facts.section, facts.step_label) == ("eligibility", "Type d’organisme")


def test_a_new_way_of_computing_summaries_recomputes_them_all(
    staff: StaffService, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff.refresh_summaries()
    monkeypatch.setattr(staff_module, "FACTS_VERSION", staff_module.FACTS_VERSION + 1)
    assert staff.refresh_summaries() == 5
    assert staff.refresh_summaries() == 0


# -- through Telegram ------------------------------------------------------------------------------


async def test_the_bot_keeps_the_names_telegram_gives_for_staff(tmp_path: Path) -> None:
    async with FakeBotAPI() as api:
        settings = Settings(
            _env_file=None,
            bot_token=api.token,
            telegram_api_url=api.base_url,
            database_url=f"sqlite:///{tmp_path / 'bot.db'}",
        )
        app = bootstrap(settings, clock=fixed_clock())
        telegram = build(app, polling_timeout=1)
        stop = asyncio.Event()
        polling = asyncio.create_task(telegram.poller.run(stop))
        try:
            marie = FakeUser(api, 1001, first_name="Marie", last_name="Dupont", username="mdupont")
            await marie.send("/start")
            await marie.wait_reply()
            await marie.click("Commencer")
            await marie.wait_reply()
            with app.store.transaction() as repo:
                user = repo.get_user("telegram:1001")
            assert user is not None and user.identity == MARIE
        finally:
            stop.set()
            await polling
            await telegram.close()
            app.close()


def test_an_answer_updates_its_summary_without_planning_the_dossier_again(
    staff: StaffService, store: SqlStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    staff.refresh_summaries()

    def refuse(*_: Any) -> Any:
        raise AssertionError("the dossier was planned again for its summary")

    monkeypatch.setattr(dossier_facts_module, "plan_questions", refuse)
    service = InterviewService(
        specs=load_shipped_spec, default_call_id=DEFAULT_CALL_ID, store=store, clock=fixed_clock()
    )
    assert service.handle(IN_PLAN, Text("Les SIAE du Ternois"), chat_id=1002).accepted
    monkeypatch.undo()
    assert staff.refresh_summaries() == 0, "already up to date"
    facts = staff.dossiers(DossierQuery(owner=IN_PLAN)).items[0].facts
    assert facts.updated_at == fixed_clock().now()

    lazy = InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=fixed_clock(),
        summaries=False,
    )
    assert lazy.handle(HOSTILE, Text("Jean Martin"), chat_id=1005).accepted
    assert staff.refresh_summaries() == 1, "without: computed at the next listing"


def test_an_announcement_reaches_the_audience_chosen_each_applicant_once(
    staff: StaffService, interview: InterviewService
) -> None:
    interview.new_dossier(JUST_OPENED, chat_id=1004)  # a second dossier: still one message

    def audience(**filters: Any) -> list[str]:
        return [a.owner for a in staff.applicants(DossierQuery(**filters))]

    assert audience() == [COMPLETE, IN_PLAN, INELIGIBLE, JUST_OPENED, HOSTILE]
    assert audience(eligible=True) == [COMPLETE, IN_PLAN, HOSTILE], "never the ineligible ACI"
    assert audience(missing=True) == [IN_PLAN, JUST_OPENED, HOSTILE]
    assert audience(drafted=False) == audience() and audience(drafted=True) == []
    assert audience(call_id="autre-appel") == []


def test_after_an_import_the_summaries_can_be_computed_ahead_of_the_first_listing(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    from tests.support import ROOT

    url = f"sqlite:///{tmp_path / 'imported.db'}"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DATABASE_URL": url}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app.cli", *args],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env=env,
            timeout=120,
            check=True,
        )

    cli("import", str(ROOT / "examples" / "dossier-exemple.json"))
    assert cli("summaries").stdout.strip() == "Résumés calculés : 1 dossier."
    assert cli("summaries").stdout.strip() == "Résumés calculés : 0 dossier."


def test_a_dossier_page_has_its_facts_review_and_answer_history(
    staff: StaffService, interview: InterviewService, population: Population
) -> None:
    interview.show(COMPLETE, chat_id=1001, identity=MARIE)
    in_plan = staff.detail(population.numbers[IN_PLAN])
    assert in_plan is not None
    assert in_plan.facts.step_label.startswith("Partenaires")
    assert in_plan.report.warnings and in_plan.report.missing
    history = [key for key, _, _ in in_plan.journal]
    assert history[:2] == ["elig.type", "elig.territory"] and "org.name" in history
    complete = staff.detail(population.numbers[COMPLETE])
    assert complete is not None and complete.report.ready
    assert (complete.applicant, complete.link) == ("Marie Dupont (@mdupont)", "tg://user?id=1001")
    assert staff.detail(999) is None and staff.draft_files(999) is None
