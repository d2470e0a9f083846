"""The console names its tickets as the staff group does (aiohttp's test client; the browser
story is `test_console_e2e`): « demande » where one word covers an applicant's question and
an exchange the team opened alike (the list, its count, the journal), each item under its
own kind (« Question n° 3 », « Échange n° 7 »), as `/tickets` lists them."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.handlers.staff_relay import support_text
from dialogs.staff_views import tickets_html
from dialogs.support_types import TicketView
from tests.console_support import ConsoleBench, console_bench
from tests.fakebotapi import FakeBotAPI
from tests.staff_support import COMPLETE, IN_PLAN, INELIGIBLE, fixed_clock

STAFF_CHAT = -1001234567890
NOW = fixed_clock().instant


@pytest.fixture
async def bench(tmp_path: Path) -> AsyncIterator[ConsoleBench]:
    async with console_bench(f"sqlite:///{tmp_path / 'console.db'}") as made:
        made.csrf = await made.sign_in()  # type: ignore[attr-defined]
        yield made


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


def replied_exchange(bench: ConsoleBench) -> TicketView:
    """The team wrote to Paul (dossier IN_PLAN) first, and Paul replied: an exchange that
    waits for the team among the applicants' questions."""
    support = bench.app.support
    outreach = support.write_to_applicant(
        bench.population.numbers[IN_PLAN], "Pouvez-vous préciser le budget de l’action 1 ?"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    support.follow_up(IN_PLAN, outreach.relay.ticket.id, "Le budget est de 40 000 €.")
    view = support.ticket(outreach.relay.ticket.id)
    assert view is not None
    return view


def visible(page: str) -> str:
    """The page's words as read (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


async def test_an_officer_reads_demandes_for_questions_and_exchanges_alike_in_the_console(
    bench: ConsoleBench,
) -> None:
    """Tester's report: the staff group lists « Demandes ouvertes » (a question, an exchange
    the team opened), but the console's menu, list and count still said « Questions » over
    an « Échange n° 3 », and its empty list « Aucune question »: the officer wondered where
    the exchanges were. The list is « Demandes », each item under its own kind."""
    exchange = replied_exchange(bench)
    listed = await (await bench.client.get("/console/questions")).text()
    assert "<title>Demandes — " in listed and "<h1>Demandes</h1>" in listed
    assert 'aria-current="page">Demandes</a>' in listed, "the menu names the page so"
    assert "Questions des candidats" not in listed and ">Questions</a>" not in listed
    assert "3 demandes, de la plus ancienne à la plus récente" in listed
    assert all(f">Question n° {n}</a>" in listed for n in bench.tickets)
    assert f">Échange n° {exchange.id}</a>" in listed
    # Paul's reply to the team's message is his answer, not a « relance » of a question.
    card = listed.split(f">Échange n° {exchange.id}</a>", 1)[1].split("</li>", 1)[0]
    assert "Réponse du candidat" in card and "Relance" not in card
    question = listed.split(f">Question n° {bench.tickets[0]}</a>", 1)[1].split("</li>", 1)[0]
    assert "Relance" not in question, "no follow-up there"
    closed = await (await bench.client.get("/console/questions?statut=closes")).text()
    assert "0 demande<" in closed and "Aucune demande dans cette liste." in closed

    page = await (await bench.client.get(f"/console/questions/{exchange.id}")).text()
    assert "← Demandes</a>" in page and "← Questions" not in page
    assert f"<title>Échange n° {exchange.id} — " in page
    # A question's messages are no « Échanges » either: that word names the team's kind.
    asked = await (await bench.client.get(f"/console/questions/{bench.tickets[0]}")).text()
    assert "<h2>Messages</h2>" in asked and "<h2>Échanges</h2>" not in asked
    alone = await (
        await bench.client.get(f"/console/dossiers/{bench.population.numbers[COMPLETE]}")
    ).text()
    assert "Aucune question transmise" not in alone
    assert "Aucune demande pour ce dossier" in visible(alone)


async def test_an_officer_reads_a_reply_to_the_team_as_a_reply_and_a_reminder_as_a_relance(
    bench: ConsoleBench,
) -> None:
    """Officer's report: the list said « Relance du candidat » under every question's
    follow-up, also when the applicant was answering the team's answer, and the group said
    « relance » under an exchange's reply too. A message written after the team's is a
    « Réponse du candidat », in the console as in /tickets; « Relance du candidat » is an
    applicant writing again on a question nobody answered yet."""
    support = bench.app.support
    reminded, answered = bench.tickets
    support.follow_up("telegram:1002", reminded, "Je me permets de vous relancer.")
    with bench.app.store.transaction() as repo:
        repo.add_ticket_message(
            ticket_id=answered,
            author="staff",
            text="Non, un seul par organisme.",
            at=bench.app.clock.now(),
        )
    support.follow_up("telegram:1005", answered, "D’accord, et pour un groupement ?")
    listed = await (await bench.client.get("/console/questions")).text()

    def card(number: int) -> str:
        return visible(listed.split(f">Question n° {number}</a>", 1)[1].split("</li>", 1)[0])

    assert "↩️ Relance du candidat :" in card(reminded)
    assert "↩️ Réponse du candidat :" in card(answered) and "Relance" not in card(answered)
    for number, words in ((reminded, "Relance du candidat"), (answered, "Réponse du candidat")):
        view = support.ticket(number)
        assert view is not None
        group = tickets_html("tickets", [view], bench.app.clock.now())
        assert f"↩️ {words} :" in group, "the group's /tickets says it in the same words"


async def test_an_officer_finds_a_message_sent_under_a_tab_that_names_it(
    bench: ConsoleBench,
) -> None:
    """Officer's report: the « Répondues » tab listed Paul's exchange under a « message
    envoyé » badge; nobody had answered anything there, the team had written to him. The
    tab holds what the team wrote last on, questions answered and exchanges whose message
    waits for the applicant alike, and its name says both of its badges."""
    support = bench.app.support
    outreach = support.write_to_applicant(
        bench.population.numbers[IN_PLAN], "Pouvez-vous préciser le budget de l’action 1 ?"
    )
    assert outreach.relay is not None
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    with bench.app.store.transaction() as repo:
        repo.set_ticket_status(ticket_id=bench.tickets[0], status="answered", at=NOW)
    listed = await (await bench.client.get("/console/questions?statut=repondues")).text()
    tabs = listed.split('<ul class="tabs">', 1)[1].split("</ul>", 1)[0]
    [tab] = re.findall(r'aria-current="page">([^<]+)</a>', tabs)
    badges = set(re.findall(r'<span class="badge status-answered">([^<]+)</span>', listed))
    assert badges == {"répondue", "message envoyé"}
    assert all(badge in tab.lower() for badge in badges), tab
    assert "attend la réponse du candidat" in visible(listed), "the tab says why they are there"


async def test_the_journal_names_a_question_and_an_exchange_as_their_pages_do(
    bench: ConsoleBench,
) -> None:
    """Officer's walk: the journal said « demande n° 1 » where the question's page says
    « Question n° 1 » (and « demande n° 3 » for « Échange n° 3 »): one thing, two names. The
    journal names each ticket as its page does, in its action too. (Earlier, « Réponse à une
    question — question n° 3 » for an exchange: the kind is looked up, never guessed.)"""
    csrf = bench.csrf  # type: ignore[attr-defined]
    exchange = replied_exchange(bench)
    await bench.client.post(
        f"/console/questions/{exchange.id}/reponse", data={"reponse": "Merci.", "csrf": csrf}
    )
    number = bench.tickets[0]
    said = await bench.client.post(f"/console/questions/{number}/cloture", data={"csrf": csrf})
    [seen] = re.findall(r'name="vu" value="(\d+)"', await said.text())
    await bench.client.post(
        f"/console/questions/{number}/cloture",
        data={"csrf": csrf, "confirmer": "oui", "vu": seen},
    )
    journal = await (await bench.client.get("/console/journal")).text()
    actions = re.findall(r'data-label="Action">([^<]*)</td>', journal)
    assert actions[:2] == ["Question close", "Réponse dans l’échange"]
    for ticket, name in ((number, "Question"), (exchange.id, "Échange")):
        link = f'<a href="/console/questions/{ticket}">{name.lower()} n° {ticket}</a>'
        assert link in journal
        page = await (await bench.client.get(f"/console/questions/{ticket}")).text()
        assert f"{name} n° {ticket}" in page, "the page's own name"
    assert "demande n° " not in journal and f"question n° {exchange.id}" not in journal


async def test_an_officer_answering_an_exchange_reads_the_dossier_s_state_as_in_the_group(
    bench: ConsoleBench,
) -> None:
    """Compared with the group: its post of a ticket says where the dossier stands
    (eligibility, completeness, the step reached); the console's page of that ticket gave
    only the dossier's number, and the officer answering Paul about his budget opened the
    dossier to see it. The page says it in the group's words."""
    exchange = replied_exchange(bench)
    post = support_text("staff_ticket", ticket=exchange, text="…")
    [state] = [line for line in visible(post).splitlines() if line.startswith("Dossier n° ")]
    assert "complet à" in state and "étape :" in state
    page = await (await bench.client.get(f"/console/questions/{exchange.id}")).text()
    assert state in visible(page)
    link = f'<a href="/console/dossiers/{exchange.dossier_id}">Dossier n° {exchange.dossier_id}</a>'
    assert link in page, "the dossier a click away, named once"
    assert visible(page).count(f"ossier n° {exchange.dossier_id}") == 1
    question = await (await bench.client.get(f"/console/questions/{bench.tickets[0]}")).text()
    assert "étape :" in visible(question), "a question's page too"


async def test_an_officer_reads_a_dossier_s_step_in_one_wording_in_the_console_and_the_group(
    bench: ConsoleBench,
) -> None:
    """Officer's report: the dossier page's header said « étape : Plan d’actions
    (Partenaires (Orientation 1 · …)) », parentheses in parentheses, where the group's post
    and the console's page of Paul's exchange said « Plan d’actions — Partenaires (…) ».
    The step reads the same wherever a dossier's step is shown to staff: the dossier's page,
    the dossiers list, the ticket's page, the group's ticket post and /dossier N."""
    exchange = replied_exchange(bench)
    number = bench.population.numbers[IN_PLAN]
    assert exchange.step is not None and " — " in exchange.step
    step = exchange.step
    dossier = visible(await (await bench.client.get(f"/console/dossiers/{number}")).text())
    assert f"· étape : {step}\n" in dossier, "the page's header"
    assert "((" not in dossier and f"({step.split(' — ', 1)[1]})" not in dossier
    listed = await (await bench.client.get("/console/dossiers")).text()
    row = listed.split(f'<a href="/console/dossiers/{number}">n° {number}</a>', 1)[1]
    assert visible(row.split("</tr>", 1)[0]).count(step) == 1, "the list's Étape column"
    ticket = visible(await (await bench.client.get(f"/console/questions/{exchange.id}")).text())
    assert f"étape : {step}" in ticket
    post = visible(support_text("staff_ticket", ticket=exchange, text="…"))
    assert f"étape : {step}" in post
    summary = bench.app.staff.summary(number)
    assert summary is not None and f"étape : {step}\n" in visible(summary.html)


async def test_an_ineligible_dossier_s_step_is_its_section_in_the_console_and_the_group(
    bench: ConsoleBench,
) -> None:
    """At the « Non éligible » screen the console's dossier page said « étape :
    Éligibilité » (its badge says « non éligible » already), the group's /dossier N
    « Éligibilité — Non éligible »: one wording, the section alone, in both."""
    number = bench.population.numbers[INELIGIBLE]
    dossier = visible(await (await bench.client.get(f"/console/dossiers/{number}")).text())
    assert "· étape : Éligibilité\n" in dossier
    summary = bench.app.staff.summary(number)
    assert summary is not None
    assert "Étape : Éligibilité\n" in visible(summary.html)
    assert "— Non éligible" not in summary.html


async def test_the_group_reads_an_exchange_answered_in_the_console_as_an_exchange(
    relaying: tuple[ConsoleBench, FakeBotAPI],
) -> None:
    """Tester's report: answering Paul's reply to the team's message from the console told
    the group « 💻 Question n° 3 — répondue depuis la console »: there was no question 3 in
    /tickets, only « échange n° 3 ». And a message that did not reach him said « la
    question reste en attente »."""
    bench, api = relaying
    csrf = bench.csrf  # type: ignore[attr-defined]
    exchange = replied_exchange(bench)
    before = len(api.sent_messages(STAFF_CHAT))
    await bench.client.post(
        f"/console/questions/{exchange.id}/reponse",
        data={"reponse": "Merci, c’est noté.", "csrf": csrf},
    )
    [note] = api.sent_messages(STAFF_CHAT)[before:]
    assert note["text"].startswith(f"💻 Échange n° {exchange.id} — ")
    assert "depuis la console par Claire Martin" in note["text"]
    assert f"Question n° {exchange.id}" not in note["text"]
    for macro, note_of in (
        ("staff_console_answer", {"in_faq": None}),
        ("staff_console_write", {"continued": False}),
    ):
        failed = support_text(
            macro, ticket=exchange, text="…", staff="Claire Martin", outcome="failed", **note_of
        )
        assert "l’échange reste en attente" in failed and "la question" not in failed, macro


async def test_an_officer_writing_from_a_dossier_is_sent_to_the_exchange_s_page(
    bench: ConsoleBench,
) -> None:
    """The dossier page's notice after « Écrire au candidat » sent the officer to « la page
    de la question » and « la page « Questions » », for an exchange: they are the
    exchange's page and the « Demandes » page."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.population.numbers[IN_PLAN]
    sent = await bench.client.post(
        f"/console/dossiers/{number}/message", data={"message": "Bonjour.", "csrf": csrf}
    )
    page = visible(await sent.text())  # no bot here: not delivered
    assert "Réessayez plus tard depuis la page de l’échange." in page
    assert "dans la page « Demandes »" in page
    assert "page de la question" not in page and "« Questions »" not in page


async def test_a_refused_action_is_not_called_a_demande(bench: ConsoleBench) -> None:
    """« Demande » names a question or an exchange in the console now: a form the server
    refused (here too big) read « Demande refusée », as if a ticket had been turned down."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    refused = await bench.client.post(
        f"/console/questions/{bench.tickets[0]}/reponse",
        data={"reponse": "x" * 300_000, "csrf": csrf},
    )
    page = await refused.text()
    assert refused.status == 413
    assert "Demande refusée" not in page and "Cette demande" not in page
    assert "<h1>Action refusée</h1>" in page


def card_of(listed: str, number: int) -> str:
    """The words of question n° `number`'s card in a list page."""
    return visible(listed.split(f">Question n° {number}</a>", 1)[1].split("</li>", 1)[0])


async def test_an_officer_reads_each_answered_question_with_the_team_s_answer_under_it(
    relaying: tuple[ConsoleBench, FakeBotAPI],
) -> None:
    """Officer's report: the « Répondues » tab showed under a question the applicant's
    « D’accord, et pour un groupement ? », as if it were what was asked and still waiting,
    and never what the team had answered. Each card shows the question that opened it,
    the applicant's later message as such, and the team's latest answer with who wrote it
    and when, in the order they were written."""
    bench, _api = relaying
    csrf = bench.csrf  # type: ignore[attr-defined]
    once, twice = bench.tickets

    async def answer(number: int, text: str) -> None:
        await bench.client.post(
            f"/console/questions/{number}/reponse", data={"reponse": text, "csrf": csrf}
        )

    await answer(once, "Oui, s’ils sont liés à l’action.")
    await answer(twice, "Non, un seul par organisme.")
    bench.app.support.follow_up("telegram:1005", twice, "D’accord, et pour un groupement ?")
    await answer(twice, "Un groupement dépose un seul dossier, au nom de son chef de file.")
    listed = await (await bench.client.get("/console/questions?statut=repondues")).text()
    first, second = card_of(listed, once), card_of(listed, twice)
    assert "Les frais de déplacement sont-ils éligibles ?" in first
    assert "Réponse de l’équipe (Claire Martin), le 25/11/2026 10:30 :" in first
    assert "Oui, s’ils sont liés à l’action." in first and "↩️" not in first
    order = [
        second.index(words)
        for words in (
            "Peut-on déposer deux dossiers ?",
            "↩️ Réponse du candidat :",
            "D’accord, et pour un groupement ?",
            "Réponse de l’équipe (Claire Martin), le 25/11/2026 10:30 :",
            "Un groupement dépose un seul dossier",
        )
    ]
    assert order == sorted(order), second
    assert "Non, un seul par organisme." not in second, "the latest answer only"
    # The applicant writes again: the question waits, their message after the answer.
    bench.app.support.follow_up("telegram:1005", twice, "Merci, et le chef de file signe ?")
    waiting = card_of(await (await bench.client.get("/console/questions")).text(), twice)
    assert waiting.index("Un groupement dépose") < waiting.index("↩️ Réponse du candidat :")
    assert waiting.index("↩️ Réponse du candidat :") < waiting.index("le chef de file signe ?")
    assert "non remise" not in waiting


async def test_an_answer_that_never_reached_the_applicant_is_said_so_on_its_card(
    bench: ConsoleBench,
) -> None:
    """The card shows the team's answer: one the bot could not deliver (no bot here) is
    said « non remise au candidat », as the question's page says it, never as given."""
    csrf = bench.csrf  # type: ignore[attr-defined]
    number = bench.tickets[0]
    await bench.client.post(
        f"/console/questions/{number}/reponse", data={"reponse": "Oui.", "csrf": csrf}
    )
    card = card_of(await (await bench.client.get("/console/questions")).text(), number)
    assert "(Claire Martin), le 25/11/2026 10:30 — non remise au candidat :" in card


async def test_a_long_message_is_shortened_between_two_words_in_the_group_and_the_console(
    bench: ConsoleBench,
) -> None:
    """Helper's report: the staff group's /tickets and the console's lists cut the words
    they quote at a fixed length, mid-word (« … dans le P… »): an officer read half a
    place name. Shortened, a quote ends on a whole word, then « … »."""
    words = (
        "Pouvez-vous préciser " + "le budget prévisionnel de l’action " * 12 + "Boulogne-sur-Mer ?"
    )
    support = bench.app.support
    outreach = support.write_to_applicant(bench.population.numbers[IN_PLAN], words)
    assert outreach.relay is not None
    view = support.ticket(outreach.relay.ticket.id)
    assert view is not None
    group = visible(tickets_html("tickets", [view], bench.app.clock.now()))
    quoted = group.split("« Pouvez", 1)[1].split(" »", 1)[0]
    quoted = "Pouvez" + quoted
    assert quoted.endswith("…") and len(quoted) < len(words)
    assert words.startswith(quoted[:-1].rstrip()), "the quote is the message's beginning"
    assert quoted[:-1].rstrip().split()[-1] in words.split(), quoted
    support.reply_delivered(outreach.relay, applicant_message_id=4242)
    listed = await (await bench.client.get("/console/questions?statut=repondues")).text()
    [card] = [
        q for q in re.findall(r"<blockquote[^>]*>([^<]*)</blockquote>", listed) if "Pouvez" in q
    ]
    card = html.unescape(card)
    assert card.endswith("…") and len(card) < len(words), card
    assert words.startswith(card[:-1].rstrip()), "the card quotes the message's beginning"
    assert card[:-1].rstrip().split()[-1] in words.split(), card
