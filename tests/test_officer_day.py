"""An officer's day in the staff group and the console, read as the officer reads it (an
officer tester's report): `/dossier N` after `/ecrire N` must not say the applicant answered
when nobody did, and its sections stay apart once the budget is filled; `/dossiers page 2`
opens page 2; the console's Questions page says what it lists; the eligibility figures add up
to the dossiers started; `/tickets` marks a non-eligible applicant's question as its post
does; `/annonce` says why its « Dossier incomplet » is not `/dossiers incomplets`'s count;
`/stats semaine` says it counts all time."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from dialogs.dossier import Dossier
from dialogs.dossier_list import parse_filters
from dialogs.spec import DEFAULT_CALL_ID
from dialogs.staff import StaffService
from dialogs.staff_views import tickets_html
from dialogs.support import SupportService
from storage.repository import SqlStore
from tests.console_support import console_bench
from tests.fakebotapi.html_check import parse_html
from tests.staff_support import COMPLETE, IN_PLAN, INELIGIBLE, populate, staff_service
from tests.test_staff_figures import support_service


@pytest.fixture
def day(store: SqlStore) -> tuple[StaffService, SupportService, dict[str, int]]:
    numbers = dict(populate(store, drafts=False).numbers)
    return staff_service(store), support_service(store), numbers


def exchange_line(html: str, ticket: int) -> str:
    """The line of `/dossier N`'s « Questions et échanges » for question n° `ticket`."""
    found = re.search(rf"^• n° {ticket} — .*$", html, re.MULTILINE)
    assert found, html
    return found.group(0)


def test_a_team_message_the_applicant_has_not_answered_is_not_shown_as_answered(
    day: tuple[StaffService, SupportService, dict[str, int]],
) -> None:
    """Bernard writes to Alice with `/ecrire 1`; she has not replied yet. `/dossier 1` said
    « n° 4 — répondue — ✉️ message de l’équipe… »: read as « Alice answered », while the
    console says « message envoyé » and `/tickets` counts it as waiting for the applicant."""
    staff, support, numbers = day
    number = numbers[COMPLETE]
    outreach = support.write_to_applicant(
        number, "Pouvez-vous préciser le nombre de bénéficiaires attendus ?", staff_name="Bernard"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=77)
    ticket = outreach.relay.ticket.id

    summary = staff.summary(number)
    assert summary is not None
    parse_html(summary.html)
    line = exchange_line(summary.html, ticket)
    assert "répondue" not in line
    assert line.startswith(f"• n° {ticket} — message envoyé — ✉️ message de l’équipe du ")

    # Alice replies: now the team owes her an answer, and the line says so.
    assert support.follow_up(COMPLETE, ticket, "Nous en attendons 45.") is not None
    summary = staff.summary(number)
    assert summary is not None
    assert exchange_line(summary.html, ticket).startswith(
        f"• n° {ticket} — en attente de l’équipe — ✉️ message de l’équipe du "
    )


def test_the_exchanges_of_a_dossier_with_a_budget_start_their_own_paragraph(
    day: tuple[StaffService, SupportService, dict[str, int]],
) -> None:
    """With the budget filled, « Total des ressources : 70 000,00 € » ran straight into
    « Questions et échanges sur ce dossier », the only section without its blank line."""
    staff, _, numbers = day
    summary = staff.summary(numbers[COMPLETE])
    assert summary is not None
    assert re.search(
        r"Total des ressources : [^\n]*\n\n<b>Questions et échanges sur ce dossier", summary.html
    ), summary.html


def add_new_applicants(store: SqlStore, count: int) -> None:
    """Applicants who only opened the bot, so that `/dossiers` runs over two pages."""
    with store.transaction() as repo:
        for chat_id in range(3001, 3001 + count):
            owner = f"telegram:{chat_id}"
            repo.upsert_user(
                owner=owner, chat_id=chat_id, seen_at=dt.datetime(2026, 11, 21, tzinfo=dt.UTC)
            )
            repo.add_dossier(owner=owner, dossier=Dossier(call_id=DEFAULT_CALL_ID))


def test_dossiers_page_2_opens_the_second_page_instead_of_finding_nothing(
    store: SqlStore, day: tuple[StaffService, SupportService, dict[str, int]]
) -> None:
    """19 dossiers, two pages. The officer types « /dossiers page 2 » (he has not seen the
    ▶️ button): « page 2 » was searched in the organisations' names, and the answer read
    « Dossiers : 0 (« page 2 ») … Aucun dossier ne correspond à ces filtres »."""
    staff, _, _ = day
    add_new_applicants(store, 14)
    _, first = staff.listing(parse_filters(""))
    assert first.startswith("<b>Dossiers : 19</b> — page 1/2")

    listing, second = staff.listing(parse_filters("page 2"))
    assert second.startswith("<b>Dossiers : 19</b> — page 2/2"), second
    assert "Aucun dossier" not in second and "(« page 2 »)" not in second
    assert listing.number == 2 and listing.previous == 0 and listing.next is None
    assert len(listing.page.items) == 9
    assert not set(re.findall(r"n° (\d+)</b>", first)) & set(re.findall(r"n° (\d+)</b>", second))

    # With filters, and beyond the last page: the last one, its number in the title.
    _, incomplete = staff.listing(parse_filters("incomplets page 9"))
    assert incomplete.startswith("<b>Dossiers : 18</b> (réponses manquantes) — page 2/2")
    # A button's offset still wins over the page typed with the filters it carries.
    by_button, _ = staff.listing(parse_filters("page 2"), 0)
    assert by_button.number == 1


async def test_the_console_questions_page_does_not_say_the_bot_had_no_answer(
    tmp_path: Path,
) -> None:
    """Claire opens « Demandes » (once « Questions »): its first words said these were the
    questions the bot's automatic answers did not answer, while most reach the team after
    the applicant found the call's answer not enough (the question's page shows « 🤖 Le bot
    avait répondu »), and the list also holds the team's own messages (`/ecrire`)."""
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as bench:
        await bench.sign_in()
        support = bench.app.support
        number = bench.population.numbers[COMPLETE]
        outreach = support.write_to_applicant(number, "Pouvez-vous préciser vos cibles ?")
        assert outreach.relay is not None
        page = await (await bench.client.get("/console/questions?statut=toutes")).text()
    intro = re.search(r'<p class="intro">(.*?)</p>', page, re.DOTALL)
    assert intro is not None
    assert "(l’appel à projets, la FAQ) ne répondaient pas" not in intro.group(1)
    assert "n’y répondaient pas ou ne leur suffisaient pas" in intro.group(1)
    assert "les échanges que l’équipe a ouverts en leur écrivant la première" in intro.group(1)
    assert "Pouvez-vous préciser vos cibles ?" in page


def test_stats_eligibility_figures_add_up_to_the_dossiers_started(
    store: SqlStore, day: tuple[StaffService, SupportService, dict[str, int]]
) -> None:
    """19 dossiers started, 14 by applicants who have only opened the bot: `/stats` read
    « Dossiers commencés : 19 » then « Éligibles : 3 · non éligibles : 1 », and the officer
    looked for the fifteen others (the list calls them « éligibilité à déterminer »)."""
    staff, _, _ = day
    add_new_applicants(store, 14)
    html = staff.stats_html()
    assert "Dossiers commencés : 19\n" in html
    assert "Éligibles : 3 · non éligibles : 1 · éligibilité à déterminer : 15\n" in html
    figures = staff.stats()
    assert figures.eligible + figures.ineligible + figures.undetermined == figures.started


async def test_the_console_statistics_add_up_too(tmp_path: Path) -> None:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as bench:
        await bench.sign_in()
        add_new_applicants(bench.app.store, 14)
        page = await (await bench.client.get("/console/statistiques")).text()
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>(\d+)", page))
    assert figures["Dossiers commencés"] == "19"
    assert (figures["Éligibles"], figures["Non éligibles"]) == ("3", "1")
    assert figures["Éligibilité à déterminer"] == "15"


def test_tickets_marks_the_question_of_a_non_eligible_applicant(
    store: SqlStore, day: tuple[StaffService, SupportService, dict[str, int]]
) -> None:
    """Chloé (an ACI, not eligible) asks why. Her question's post in the group says
    « Dossier n° 3 — ⛔ non éligible », but `/tickets`, where the officer picks what to
    answer next, showed « dossier n° 3 — organisme non renseigné — Chloé » like any other."""
    _, support, numbers = day
    asked = {}
    with store.transaction() as repo:
        for owner, text in (
            (INELIGIBLE, "Pourquoi ne suis-je pas éligible ?"),
            (IN_PLAN, "Et les repas ?"),
        ):
            ticket = repo.add_ticket(
                owner=owner,
                dossier_id=numbers[owner],
                asked_question_id=None,
                question=text,
                at=dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC),
            )
            asked[owner] = ticket.id
    html = tickets_html(
        "tickets", support.open_tickets(), dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)
    )
    parse_html(html)
    assert (
        f"• <b>question n° {asked[INELIGIBLE]}</b> — "
        f"dossier n° {numbers[INELIGIBLE]} (⛔ non éligible) — "
    ) in html
    assert f"• <b>question n° {asked[IN_PLAN]}</b> — dossier n° {numbers[IN_PLAN]} — " in html


async def test_the_announcement_preview_says_why_its_incomplete_count_is_not_the_list_s(
    tmp_path: Path,
) -> None:
    """Bernard runs « /dossiers incomplets » (4 dossiers: the non-eligible one is among
    them), then « /annonce »: « Dossier incomplet (3) », with nothing to say why; the
    console's preview says it, the group's did not."""
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as bench:
        listing, _ = bench.app.staff.listing(parse_filters("incomplets"))
        preview = bench.app.announcer.prepare(
            "Rappel", author_id=501, author_name="Bernard Leroy", chat_id=-100, thread_id=None
        )
    counts = {choice.key: choice.count for choice in preview.audiences}
    assert listing.page.total == 4 and counts["incomplete"] == 3
    parse_html(preview.html)
    assert (
        "« Brouillon pas encore généré » et « Dossier incomplet » laissent de côté les "
        "candidats non éligibles" in preview.html
    )
    assert "« /dossiers incomplets » compte, lui, leurs dossiers" in preview.html


def test_stats_followed_by_a_period_says_it_counts_all_dossiers_since_the_start(
    day: tuple[StaffService, SupportService, dict[str, int]],
) -> None:
    """Monday morning, Bernard types « /stats semaine »: the all-time figures came back
    under « Statistiques », read as the week's."""
    staff, _, _ = day
    weekly = staff.stats_html("semaine ")
    parse_html(weekly)
    assert weekly.startswith(
        "ℹ️ « semaine » : /stats ne choisit ni période ni dossiers ; voici les chiffres de "
        "tous les dossiers, depuis le début"
    )
    assert weekly.endswith(staff.stats_html()), "the same figures follow"
    assert staff.stats_html().startswith("<b>Statistiques</b>")
