"""A ticket as the Département's staff see it (`TicketView`), built from the store: who
asked (names, @username, tg:// link) and where their dossier stands."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from dialogs.dossier_facts import DossierFacts, dossier_facts, step_words
from dialogs.people import applicant_label, telegram_link
from dialogs.ports import Repository, Ticket
from dialogs.spec import CallSpec
from dialogs.support_types import TicketView


def ticket_view(
    repo: Repository, specs: Callable[[str], CallSpec], ticket: Ticket, now: dt.datetime
) -> TicketView:
    """A ticket as staff see it: its applicant's names and link, their dossier's
    organisation, eligibility, completeness and step in words, its age at `now`, and the
    applicant's latest follow-up if any (a reply to the team, or a reminder), and the team's
    latest answer if any."""
    facts: DossierFacts | None = None
    step = None
    contact = None
    if ticket.dossier_id is not None:
        stored = repo.get_dossier(ticket.dossier_id)
        if stored is not None:
            spec = specs(stored.dossier.call_id)
            facts = dossier_facts(spec, stored, version=0)
            step = step_words(facts, spec.interview)
            contact = spec.contact
    user = repo.get_user(ticket.owner)
    # What the applicant wrote last, when they wrote again after their question (a follow-up
    # reopens the ticket: /tickets must show what is waiting, not only the first question).
    messages = repo.ticket_messages(ticket.id)
    follow_ups = [i for i, m in enumerate(messages) if i > 0 and m.author == "applicant"]
    # A follow-up written after a message of the team's answers it; one with nothing of the
    # team's before it reminds the team of a question still unanswered.
    replies = bool(follow_ups) and any(m.author == "staff" for m in messages[: follow_ups[-1]])
    # The team's latest message after the opening one (an exchange's opening message is its
    # `question`, no answer), for the console's list to show beside the question.
    answers = [i for i, m in enumerate(messages) if i > 0 and m.author == "staff"]
    identity = None if user is None else user.identity
    return TicketView(
        id=ticket.id,
        owner=ticket.owner,
        chat_id=user.chat_id if user is not None else None,
        dossier_id=ticket.dossier_id,
        organisation=None if facts is None else facts.organisation,
        completeness=None if facts is None else facts.completeness,
        question=ticket.question,
        status=ticket.status,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
        age=now - ticket.created_at,
        applicant=applicant_label(ticket.owner, identity),
        name="" if identity is None else identity.full_name or f"@{identity.username}",
        link=telegram_link(ticket.owner),
        eligible=None if facts is None else facts.eligible,
        reserved=facts is not None and facts.reserved,
        step=step,
        follow_up=messages[follow_ups[-1]].text if follow_ups else None,
        follow_up_replies=replies,
        answer=messages[answers[-1]] if answers else None,
        follow_up_after_answer=bool(follow_ups and answers) and follow_ups[-1] > answers[-1],
        opened_by=ticket.opened_by,
        answered=ticket.answered_at is not None,
        contact=contact,
    )
