"""Announcements' audiences and their draft, without Telegram: each audience's count and
recipients, the audience by call when dossiers of several calls exist, and "Envoyer"
starting once. Which dossiers match a filter is `StaffService.applicants`' SQL (tested with
the summaries); here a fake applies the same filters to a few dossiers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from app.clock import FixedClock
from dialogs.announcing import Announcer
from dialogs.dossier_facts import DossierFacts
from dialogs.dossier_query import DossierPage, DossierQuery, ListedDossier
from dialogs.spec import load_shipped_spec
from dialogs.staff import Applicant
from storage.repository import SqlStore

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


def facts(number: int, owner: str, **changes: object) -> DossierFacts:
    base: dict[str, object] = {
        "dossier_id": number,
        "version": 1,
        "owner": owner,
        "call_id": "pdc-axe3-2025",
        "organisation": None,
        "organisation_type": None,
        "legal_form": None,
        "eligible": None,
        "reserved": False,
        "completeness": 0,
        "readiness": "incomplete",
        "section": "welcome",
        "section_title": "Accueil",
        "step_key": "welcome",
        "step_label": "Accueil",
        "warnings": 0,
        "breaches": 0,
        "missing": 0,
        "missing_sections": 0,
        "departement_request": None,
        "charges": Decimal(0),
        "actions": 0,
        "actions_fte": None,
        "draft_generated_at": None,
        "furthest_section": "welcome",
        "stop_section": "welcome",
        "created_at": NOW,
        "updated_at": NOW,
    }
    base.update(changes)
    return DossierFacts(**base)  # type: ignore[arg-type]


DOSSIERS = [
    facts(1, "telegram:1", eligible=True, draft_generated_at=NOW),  # eligible, drafted
    facts(2, "telegram:2", eligible=True, missing=4, missing_sections=2),
    facts(3, "telegram:3", eligible=False),  # ineligible: the interview stopped
    facts(4, "telegram:4", call_id="autre-appel-2026", missing=9, missing_sections=5),
    facts(5, "telegram:5", eligible=True),  # blocked the bot
    facts(6, "telegram:1", call_id="autre-appel-2026"),  # a second dossier of applicant 1
]


BLOCKED = {"telegram:5"}


def matches(query: DossierQuery, found: DossierFacts) -> bool:
    """What the summaries' SQL does for these filters (`storage.summaries`), in Python."""
    return (
        (query.eligible is None or found.eligible is query.eligible)
        and (query.drafted is None or found.drafted is query.drafted)
        and (not query.may_get_draft or found.eligible is not False)
        and (query.missing is None or (found.missing > 0) is query.missing)
        and (query.call_id is None or found.call_id == query.call_id)
    )


@pytest.fixture
def announcer(store: SqlStore) -> Announcer:
    with store.transaction() as repo:
        for user_id in range(1, 6):
            repo.upsert_user(owner=f"telegram:{user_id}", chat_id=user_id, seen_at=NOW)

    def applicants(query: DossierQuery) -> list[Applicant]:
        owners = dict.fromkeys(f.owner for f in DOSSIERS if matches(query, f))
        return [Applicant(o, int(o.split(":")[1])) for o in owners if o not in BLOCKED]

    def dossiers(query: DossierQuery) -> DossierPage:
        return DossierPage([ListedDossier(f, None) for f in DOSSIERS], len(DOSSIERS))

    return Announcer(
        store=store,
        clock=FixedClock(NOW),
        specs=load_shipped_spec,
        applicants=applicants,
        dossiers=dossiers,
    )


def test_each_audience_counts_applicants_who_can_be_reached(announcer: Announcer) -> None:
    preview = announcer.prepare(
        "Réunion", author_id=9, author_name="Claire Martin", chat_id=-100, thread_id=None
    )
    counts = {choice.key: (choice.label, choice.count) for choice in preview.audiences}
    assert counts == {
        "all": ("Tous les candidats", 4),  # 1, 2, 3, 4 (5 blocked the bot)
        "eligible": ("Candidats éligibles, à confirmer compris", 2),  # 1, 2
        # 1 has an undrafted second dossier; 3, ineligible, can never get a draft
        "undrafted": ("Brouillon pas encore généré", 3),
        "incomplete": ("Dossier incomplet", 2),  # 2, 4
        "call=autre-appel-2026": ("Appel : autre-appel-2026", 2),  # unknown call: its id
        "call=pdc-axe3-2025": (
            "Appel : Appel à projets 2025 — Axe 3 : Parcours insertion emploi",
            3,
        ),
    }
    assert preview.message.endswith("Réunion") and "Message de l’équipe" in preview.message

    chosen = announcer.choose(preview.announcement.id, "call=autre-appel-2026")
    assert chosen is not None and chosen.chosen.count == 2
    assert announcer.choose(preview.announcement.id, "call=no-such-call") is None
    start = announcer.start(preview.announcement.id, by=9, by_name="Claire Martin", update_id=77)
    assert start.kind == "start"
    assert sorted(a.chat_id for a in start.recipients) == [1, 4]


def test_envoyer_starts_once_and_the_same_click_resumes_after_a_crash(
    announcer: Announcer,
) -> None:
    draft = announcer.prepare(
        "Réunion", author_id=9, author_name="Claire Martin", chat_id=-100, thread_id=None
    )
    number = draft.announcement.id
    assert announcer.start(number, by=9, by_name="Claire Martin", update_id=77).kind == "start"
    assert announcer.start(number, by=8, by_name="Claire Martin", update_id=78).kind == "already", (
        "a second click"
    )
    assert announcer.start(number, by=9, by_name="Claire Martin", update_id=77).kind == "resume", (
        "the click, again"
    )
    assert announcer.choose(number, "eligible") is None, "no change once confirmed"
    assert not announcer.cancel(number)
    announcer.finish(number)
    assert announcer.start(number, by=9, by_name="Claire Martin", update_id=77).kind == "already"
    cancelled = announcer.prepare(
        "Autre", author_id=9, author_name="Claire Martin", chat_id=-100, thread_id=None
    )
    assert announcer.cancel(cancelled.announcement.id)
    assert (
        announcer.start(cancelled.announcement.id, by=9, by_name="Claire Martin", update_id=79).kind
        == "cancelled"
    )
    assert announcer.start(999, by=9, by_name="Claire Martin", update_id=80).kind == "unknown"
