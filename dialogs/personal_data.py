"""An applicant's rights over their data: everything stored about them as one JSON document
(right of access, `/mes_donnees`), and its erasure (`/supprimer_mes_donnees`).

Plain functions over the `Store` port: the interview service offers them to adapters, the
staff side never calls them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from dialogs.parsing import Clarification, InvalidAnswer, parse_yes_no
from dialogs.ports import Clock, Store


def owner_data_document(store: Store, clock: Clock, owner: str) -> str:
    """Everything stored about one user, as a JSON document (right of access)."""
    with store.transaction() as repo:
        user = repo.get_user(owner)
        dossiers = repo.list_dossiers(owner=owner)
        journals = {s.id: repo.answer_journal(s.id) for s in dossiers}
        support = repo.support_data(owner)  # questions asked, tickets and their messages
        account = repo.account_data(owner)  # dates, states, deliveries, announcements…
    document = {
        "owner": owner,
        "exported_at": clock.now().isoformat(),
        "user": None
        if user is None
        else {
            "chat_id": user.chat_id,
            "active_dossier_id": user.active_dossier_id,
            "blocked": user.blocked,
            "first_name": user.identity.first_name if user.identity else None,
            "last_name": user.identity.last_name if user.identity else None,
            "username": user.identity.username if user.identity else None,
        },
        "dossiers": [
            {
                "number": s.id,
                "dossier": s.dossier.model_dump(mode="json"),
                "answers": [
                    {"key": key, "value": value, "at": at.isoformat()}
                    for key, value, at in journals[s.id]
                ],
            }
            for s in dossiers
        ],
        **support,
        **account,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


#: The command that erases the user's data, after a confirmation.
ERASURE_COMMAND = "supprimer_mes_donnees"


@dataclass(frozen=True)
class Erasure:
    """What an erasure removed: the number of dossiers (told to the applicant), and the
    FAQ entries made from their questions (told to the team: their answers disappear from
    the FAQ)."""

    dossiers: int
    faq_removed: tuple[int, ...] = ()


def erase_owner(store: Store, owner: str, *, at: dt.datetime | None = None) -> Erasure:
    """Erase the user's dossiers, questions, tickets and account (`at`: the Journal's date
    for the FAQ entries removed)."""
    with store.transaction() as repo:
        removed = repo.delete_support_data(owner, at=at)
        return Erasure(repo.delete_owner_data(owner), tuple(removed))


def erasure_confirmed(typed: str) -> bool | None:
    """A message typed right after « Voulez-vous vraiment effacer toutes vos données ? »:
    True for a plain yes, False for a plain no, None for anything else (a leaning « plutôt
    oui » erases nothing: it goes on as any message). A tester's « oui » there was taken
    as the interview's answer (« Je n'ai pas reconnu ces mois »)."""
    if len(typed.split()) > _ERASURE_WORDS:
        return None
    try:
        return parse_yes_no(typed)
    except (InvalidAnswer, Clarification):
        return None


def erasure_answer(typed: str, *, message_id: int, prompt_id: object) -> bool | None:
    """Whether a text typed while « Voulez-vous vraiment effacer toutes vos données ? »
    waits answers it: True (erase) or False (keep) for a plain yes or no typed right after
    the prompt (the chat's next message, `prompt_id` + 1); None for anything else, or later
    (another message came between), which answers nothing: the question is asked again
    (« Répondez « oui » pour effacer… ») and what the prompt paused (a message awaited for
    the team) waits on. Taken as any message, such a text dropped that wait (a tester's
    follow-up was lost) and could be recorded as the interview's answer."""
    if not isinstance(prompt_id, int) or message_id != prompt_id + 1:
        return None
    return erasure_confirmed(typed)


#: A reply to the erasure's confirmation is a few words (« oui », « non merci »).
_ERASURE_WORDS = 4
