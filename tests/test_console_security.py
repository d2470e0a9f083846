"""The staff console's locks: no page or file without a staff session, sign-in links used
once and short-lived, sessions that expire and end, CSRF on every form, cookie flags, and
ids in URLs that open nothing by themselves."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from tests.console_support import STAFF, ConsoleBench, console_bench
from tests.staff_support import COMPLETE

GET_PAGES = [
    "/console/",
    "/console/dossiers",
    "/console/dossiers?q=Inser",
    "/console/dossiers/{dossier}",
    "/console/dossiers/{dossier}/documents/plan.docx",
    "/console/dossiers/{dossier}/documents/budget.xlsx",
    "/console/questions",
    "/console/questions/{ticket}",
    "/console/faq",
    "/console/annonces",
    "/console/annonces/1",
    "/console/statistiques",
    "/console/exports",
    "/console/exports/xlsx",
    "/console/exports/csv",
    "/console/exports/actions-csv",
    "/console/exports/json",
    "/console/journal",
]
POSTS = [
    "/console/dossiers/{dossier}/annotations",
    "/console/questions/{ticket}/reponse",
    "/console/questions/{ticket}/cloture",
    "/console/faq/1",
    "/console/faq/1/suppression",
    "/console/annonces",
    "/console/annonces/1/envoi",
    "/console/annonces/1/annulation",
    "/console/deconnexion",
]


@pytest.fixture
async def bench(database_url: str) -> AsyncIterator[ConsoleBench]:
    async with console_bench(database_url) as made:
        yield made


def filled(path: str, bench: ConsoleBench) -> str:
    return path.format(dossier=bench.population.numbers[COMPLETE], ticket=bench.tickets[0])


async def test_without_a_session_no_page_no_file_and_no_applicant_data(
    bench: ConsoleBench,
) -> None:
    for path in GET_PAGES:
        answer = await bench.client.get(filled(path, bench), allow_redirects=False)
        body = await answer.read()
        assert answer.status == 401, path
        assert b"Inser" not in body and b"frais" not in body, path
        assert answer.headers["Content-Type"].startswith("text/html"), path
    for path in POSTS:
        answer = await bench.client.post(
            filled(path, bench), data={"note": "x", "reponse": "x", "message": "x"}
        )
        assert answer.status == 401, path
    assert bench.app.console.annotations(bench.population.numbers[COMPLETE]) == []
    assert len(bench.app.support.thread(bench.tickets[0])) == 1, "no answer recorded"


async def test_a_forged_or_stolen_cookie_opens_nothing(bench: ConsoleBench) -> None:
    bench.client.session.cookie_jar.update_cookies({"aap_console": "guessed-token"})
    answer = await bench.client.get("/console/dossiers")
    assert answer.status == 401


async def test_a_sign_in_link_opens_one_session_once(bench: ConsoleBench) -> None:
    token = bench.app.console.issue_link(STAFF)
    page = await bench.client.get(f"/console/connexion?jeton={token}")
    assert page.status == 200
    assert "Ouvrir la console" in await page.text()
    # Showing the page (a preview robot, a prefetch) did not use the link up.
    first = await bench.client.post(
        "/console/connexion", data={"jeton": token}, allow_redirects=False
    )
    assert first.status == 303 and first.headers["Location"] == "/console/dossiers"
    assert (await bench.client.get("/console/dossiers")).status == 200
    bench.client.session.cookie_jar.clear()
    again = await bench.client.post("/console/connexion", data={"jeton": token})
    assert again.status == 403
    assert "déjà servi" in await again.text()
    assert (await bench.client.get("/console/dossiers")).status == 401


async def test_an_expired_or_made_up_link_is_refused(bench: ConsoleBench) -> None:
    token = bench.app.console.issue_link(STAFF)
    bench.clock.advance(minutes=11)
    late = await bench.client.post("/console/connexion", data={"jeton": token})
    assert late.status == 403
    for made_up in ("", "x" * 43, token[:-1], "a" * 500):
        answer = await bench.client.post("/console/connexion", data={"jeton": made_up})
        assert answer.status == 403
    assert (await bench.client.get("/console/dossiers")).status == 401


async def test_a_session_expires_and_signing_out_ends_it(bench: ConsoleBench) -> None:
    csrf = await bench.sign_in()
    bench.clock.advance(hours=7)
    assert (await bench.client.get("/console/dossiers")).status == 200
    bench.clock.advance(hours=1, seconds=1)
    assert (await bench.client.get("/console/dossiers")).status == 401

    csrf = await bench.sign_in()
    cookie = bench.session_cookie()
    out = await bench.client.post("/console/deconnexion", data={"csrf": csrf})
    assert out.status == 200 and "déconnecté" in await out.text()
    assert bench.session_cookie() in (None, "")
    bench.client.session.cookie_jar.update_cookies({"aap_console": cookie or ""})
    assert (await bench.client.get("/console/dossiers")).status == 401, "ended for good"


async def test_a_form_without_its_csrf_token_is_refused_and_changes_nothing(
    bench: ConsoleBench,
) -> None:
    csrf = await bench.sign_in()
    number = bench.population.numbers[COMPLETE]
    path = f"/console/dossiers/{number}/annotations"
    # One character changed (never to itself: a token ending in "x" would stay valid).
    altered = csrf[:-1] + ("y" if csrf.endswith("x") else "x")
    for forged in ({}, {"csrf": ""}, {"csrf": "forged"}, {"csrf": altered}):
        answer = await bench.client.post(path, data={"note": "À rappeler", **forged})
        assert answer.status == 403
        assert "Formulaire refusé" in await answer.text()
    assert bench.app.console.annotations(number) == []
    accepted = await bench.client.post(
        path, data={"note": "À rappeler", "csrf": csrf}, allow_redirects=False
    )
    assert accepted.status == 303
    assert [n.text for n in bench.app.console.annotations(number)] == ["À rappeler"]


async def test_the_session_cookie_is_httponly_strict_and_secure_behind_https(
    tmp_path: Path,
) -> None:
    for url, secure in (("http://127.0.0.1/console", False), ("https://aap.example/console", True)):
        database = f"sqlite:///{tmp_path / ('s' if secure else 'p')}.db"
        async with console_bench(database, url=url) as bench:
            token = bench.app.console.issue_link(STAFF)
            opened = await bench.client.post(
                "/console/connexion", data={"jeton": token}, allow_redirects=False
            )
            cookie = opened.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            assert "Path=/console/" in cookie and "Max-Age=28800" in cookie
            assert ("Secure" in cookie) is secure
            assert token not in cookie
            headers = opened.headers
            assert headers["Referrer-Policy"] == "no-referrer"
            assert "default-src 'none'" in headers["Content-Security-Policy"]


async def test_ids_in_urls_are_checked_and_answer_alike_without_a_session(
    bench: ConsoleBench,
) -> None:
    real = bench.population.numbers[COMPLETE]
    unknown = await bench.client.get("/console/dossiers/999999")
    known = await bench.client.get(f"/console/dossiers/{real}")
    assert unknown.status == known.status == 401
    assert await unknown.text() == await known.text(), "no oracle of which ids exist"

    await bench.sign_in()
    for path in (
        "/console/dossiers/999999",
        "/console/dossiers/abc",
        "/console/dossiers/-1",
        f"/console/dossiers/{real}/documents/../../../etc/passwd",
        f"/console/dossiers/{real}/documents/secret.docx",
        "/console/dossiers/999999/documents/plan.md",
        "/console/questions/999999",
        "/console/annonces/999999",
        "/console/exports/sqlite",
    ):
        answer = await bench.client.get(path)
        assert answer.status == 404, path
    assert (await bench.client.get(f"/console/dossiers/{real}")).status == 200


async def test_every_staff_action_is_in_the_audit_log(bench: ConsoleBench) -> None:
    csrf = await bench.sign_in()
    number = bench.population.numbers[COMPLETE]
    await bench.client.post(
        f"/console/dossiers/{number}/annotations", data={"note": "Vu", "csrf": csrf}
    )
    await bench.client.get(f"/console/dossiers/{number}/documents/plan.md")
    await bench.client.get("/console/exports/csv")
    actions = [(e.action, e.target, e.staff.name) for e in bench.app.console.audit_log()]
    assert actions[::-1][:4] == [
        ("sign_in", "", "Claire Martin"),
        ("annotation", f"dossier {number}", "Claire Martin"),
        ("download", f"dossier {number}", "Claire Martin"),
        ("export", "csv", "Claire Martin"),
    ]
    journal = await (await bench.client.get("/console/journal")).text()
    assert "Téléchargement" in journal and "Claire Martin" in journal


async def test_old_links_and_sessions_are_forgotten(bench: ConsoleBench) -> None:
    from storage.models import ConsoleLinkRow, ConsoleSessionRow

    await bench.sign_in()
    bench.app.console.issue_link(STAFF)  # never used
    bench.clock.advance(days=2)
    bench.app.console.issue_link(STAFF)  # issuing a link forgets those expired a day ago
    with bench.app.store.transaction() as repo:
        links = repo.session.exec(select(ConsoleLinkRow)).all()
        sessions = repo.session.exec(select(ConsoleSessionRow)).all()
    assert len(links) == 1 and sessions == []


async def test_an_applicant_who_erases_their_data_takes_staff_notes_with_them(
    bench: ConsoleBench,
) -> None:
    number = bench.population.numbers[COMPLETE]
    assert bench.app.console.annotate(STAFF, number, "Appelée le 3/12, rappeler lundi") is not None
    bench.app.service.delete_owner_data(COMPLETE)
    with bench.app.store.transaction() as repo:
        assert repo.annotations(number) == []
    assert bench.app.console.annotate(STAFF, number, "trop tard") is None, "no such dossier"


async def test_the_login_page_says_private_chat_works_only_for_listed_members(
    bench: ConsoleBench,
) -> None:
    """Tester's report: the page said « dans le groupe de l’équipe ou en message privé », but in
    private the bot refuses anyone not in STAFF_USER_IDS."""
    page = await (await bench.client.get("/console/dossiers")).text()
    assert "dans le groupe de l’équipe ou en message privé" not in page
    assert "au bot dans le groupe de l’équipe" in page
    assert "ne fonctionne que pour les membres" in page and "STAFF_USER_IDS" in page
