"""Shared fixtures.

Databases: `database_url` runs a test on a fresh SQLite file and, when `TEST_DATABASE_URL`
is set (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test), on PostgreSQL too. Each
PostgreSQL test gets its own schema (`aapbot_test_<random>`, selected through the
connection's search_path) that is dropped afterwards, so tests never see each other's
tables and leave the shared database as they found it.

The knowledge base's disk cache (`knowledge.cache`) lives in a temporary directory for the
whole session (`AAP_BOT_CACHE_DIR`, inherited by the processes tests start): tests never
write into the user's home.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from decimal import Decimal

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dialogs.dossier import (
    Action,
    Budget,
    Contact,
    CostLine,
    Cursor,
    Dossier,
    Eligibility,
    ExtraIndicator,
    Funder,
    Indicators,
    IndicatorTarget,
    Organisation,
    Plan,
    StaffLine,
)
from storage.db import normalise_url
from storage.repository import SqlStore

TEST_DATABASE_URL_ENV = "TEST_DATABASE_URL"


@pytest.fixture(autouse=True, scope="session")
def _knowledge_cache_in_a_temporary_directory(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AAP_BOT_CACHE_DIR", str(tmp_path_factory.mktemp("aap-bot-cache")))
        yield


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        directory = tmp_path_factory.mktemp("db")
        yield f"sqlite:///{directory / 'aap-bot.db'}"
        return
    base_url = os.environ.get(TEST_DATABASE_URL_ENV, "").strip()
    if not base_url:
        pytest.skip(f"{TEST_DATABASE_URL_ENV} is not set")
    yield from _postgres_schema(normalise_url(base_url))


def _postgres_schema(base_url: str) -> Iterator[str]:
    """A URL whose connections live in a brand-new schema, dropped at teardown."""
    schema = f"aapbot_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base_url).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(database_url: str) -> Iterator[SqlStore]:
    sql_store = SqlStore(database_url)
    try:
        yield sql_store
    finally:
        sql_store.dispose()


@pytest.fixture
def rich_dossier() -> Dossier:
    """A dossier using every corner of the format: Decimals, months, unicode, emoji."""
    at = dt.datetime(2025, 3, 14, 9, 26, 53, 589793, tzinfo=dt.UTC)
    return Dossier(
        uuid="5f0c7a8e-3b1d-4c2e-9a4f-0d6e8b7c1a23",
        call_id="pdc-axe3-2025",
        created_at=at,
        updated_at=at + dt.timedelta(hours=2),
        eligibility=Eligibility(
            organisation_type="association", answers={"siae_network": True, "deadline": False}
        ),
        organisation=Organisation(
            name="Réseau des SIAE « Côte d'Opale » 🌊",
            siret="12345678901234",
            legal_form="Association loi 1901",
            network_level="departmental",
            member_siae_count=42,
            address="12 rue de l'Église\n62000 Arras",
            contact=Contact(
                name="Zoé Lefèvre",
                role="Directrice",
                email="zoe@example.org",
                phone="+33321216550",
            ),
        ),
        plan=Plan(
            actions={
                "o1": [
                    Action(
                        title="Décloisonner les parcours",
                        description="Rencontres SIAE ↔ entreprises 🤝, « petits déjeuners »",
                        siae_count=12,
                        siae_types=["ACI", "EI"],
                        territory_scope="department",
                        months=["2025-01", "2025-02", "2025-12"],
                        fte=Decimal("0.75"),
                        expected_results="30 personnes accompagnées",
                    ),
                    Action(title="Deuxième action", months=[]),
                ],
                "o3": [
                    Action(
                        title="Chantiers-écoles",
                        territory_scope="areas",
                        areas="CA du Boulonnais, CC Desvres-Samer",
                        months=["2025-06"],
                        fte=Decimal("1.5"),
                    )
                ],
                "o4": [],
            },
            cross_cutting=["gouvernance", "webinaires"],
            cross_cutting_note="Ça marche 👍",
        ),
        indicators=Indicators(
            targets={
                "formations": IndicatorTarget(target=15, comment="dont 5 CQP"),
                "comites": IndicatorTarget(),
            },
            has_extra=True,
            extra=[ExtraIndicator(label="Nombre de visites d'entreprise", target=8)],
        ),
        budget=Budget(
            staff=[
                StaffLine(
                    role="Chargée de mission",
                    fte=Decimal("0.80"),
                    cost_mode="annual",
                    annual_cost=Decimal("42000.00"),
                    months=12,
                ),
                StaffLine(
                    role="Assistant",
                    fte=Decimal("0.5"),
                    cost_mode="monthly",
                    monthly_cost=Decimal("3125.333"),
                    months=6,
                ),
            ],
            has_other_direct=True,
            other_direct=[CostLine(category="62", label="Déplacements", amount=Decimal("1200"))],
            indirect=Decimal("5040.00"),
            departement_request=Decimal("12500.50"),
            has_other_funders=True,
            other_funders=[
                Funder(name="État (DDETS)", amount=Decimal("10000"), status="obtained"),
                Funder(name="FSE+", amount=Decimal("0.01"), status="requested"),
            ],
            own_funds=Decimal("1000.10"),
        ),
        skipped=["budget.indirect_note"],
        draft_generated_at=None,
        cursor=Cursor(
            key="budget.own_funds",
            return_to_review=True,
            pending_choices=["ACI"],
            pending_text="Et si on n'a pas de SIRET ?",
        ),
    )


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A Redis database (TEST_REDIS_URL, db 15 by default), emptied before and after;
    the test is skipped when Redis is unreachable, except in CI."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        client.close()
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis unreachable at {url}")
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()
