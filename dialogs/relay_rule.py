"""The relay rule: which staff messages in the staff group reach an applicant.

What staff write in their group stays among them, except

- a reply to one of the bot's posts of the applicant's words (the ticket, or a follow-up),
  or to one of its delivery notes (« ✉️ Message remis à … » after `/ecrire`, « réponse
  remise », the console's note of a message delivered), which all say « Répondez à ce
  message pour écrire au candidat »: relayed to that ticket as written (a closed one takes
  none: staff are told nothing was sent). Only those notes are tied to their ticket
  (`ticket_post`): a reply to a prompt (« La clore quand même ? »), a closing note or a
  note of a message not delivered is a colleague's remark (a tester's « Attends, ne clos
  pas » reached the applicant word for word);
- `/repondre TEXTE` in reply to any message of a ticket, or in an applicant's topic (their
  latest ticket in progress; `/repondre N TEXTE` picks their ticket N);
- `/repondre N TEXTE` anywhere in the staff chat: ticket N (`Addressee.by_number`: staff
  are then told, in words, whose question it answered).

A reply to a colleague's answer, a message in a topic that replies to nothing of the bot's,
anything else: "internal". About an applicant who erased their data: "erased" (staff are
told, nothing is sent). A function over one repository transaction, no Telegram.
"""

from __future__ import annotations

from dialogs.ports import Repository, Ticket, TicketMessage
from dialogs.support_types import Addressee, StaffWords
from dialogs.validation import parse_reference


def addressee(repo: Repository, words: StaffWords) -> Addressee:
    """What becomes of a staff message (see the module's docstring)."""
    replied = (
        None
        if words.replied_to is None
        else repo.message_by_staff_message(chat_id=words.chat_id, message_id=words.replied_to)
    )
    noted = (
        None
        if words.replied_to is None
        else repo.ticket_of_post(chat_id=words.chat_id, message_id=words.replied_to)
    )
    if not words.command:
        if replied is not None and replied.author == "applicant":
            return Addressee("relay", replied.ticket_id, words.text.strip())
        if noted is not None:  # a delivery note, as the post of the question: it says so
            return Addressee("relay", noted, words.text.strip())
        erased = words.replied_to is not None and repo.is_erased_staff_post(
            chat_id=words.chat_id, message_id=words.replied_to
        )
        return Addressee("erased" if erased else "internal")
    return _command_addressee(repo, words, replied, noted)


def _command_addressee(
    repo: Repository, words: StaffWords, replied: TicketMessage | None, noted: int | None
) -> Addressee:
    first, _, rest = words.text.strip().partition(" ")
    number = parse_reference(first)
    context: Ticket | None = None
    owner: str | None = None
    about_erased = (
        words.replied_to is not None
        and replied is None
        and noted is None
        and repo.is_erased_staff_post(chat_id=words.chat_id, message_id=words.replied_to)
    )
    if about_erased:
        return Addressee("erased")
    if replied is not None or noted is not None:
        context = repo.get_ticket(replied.ticket_id if replied is not None else noted or 0)
        owner = None if context is None else context.owner
    elif words.thread_id is not None:
        owner = repo.topic_owner(chat_id=words.chat_id, thread_id=words.thread_id)
        if owner is not None:
            tickets = repo.list_tickets(owner=owner)
            live = [t for t in tickets if t.status != "closed"]
            context = (live or tickets)[-1] if tickets else None
        elif repo.is_erased_staff_post(chat_id=words.chat_id, thread_id=words.thread_id):
            return Addressee("erased")
    if number is not None and rest.strip():
        named = repo.get_ticket(number)
        # In a ticket's context a leading number is its applicant's ticket N, or words.
        if named is not None and (owner is None or named.owner == owner):
            return Addressee("relay", named.id, rest.strip(), by_number=owner is None)
        if owner is None:
            return Addressee("unknown_ticket", number)  # named back: « n° 99 »
    if context is None:
        return Addressee("usage")
    text = words.text.strip()
    return Addressee("relay", context.id, text) if text else Addressee("usage")
