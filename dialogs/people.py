"""Who an applicant is, as staff see them: the names Telegram gives, and how to show them.

API (for the Telegram staff tools and the web console):
- `Identity(first_name, last_name, username)`: what the chat says of the sender; the bot
  passes it to `InterviewService.show/handle/new_dossier/ask(identity=…)` and the repository
  keeps it on the user row (`UserRecord.identity`). No Telegram type crosses into `dialogs/`.
- `applicant_label(owner, identity)`: "Prénom Nom (@username)", never a bare internal id.
- `telegram_link(owner)`: "tg://user?id=N" for owners "telegram:N" (None otherwise).

Names are personal data: `/mes_donnees` exports them and `/supprimer_mes_donnees` erases
them with the user row (see `storage.personal`).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = ["Identity", "applicant_label", "fold", "search_fold", "telegram_id", "telegram_link"]


@dataclass(frozen=True)
class Identity:
    """The sender's names as their chat gives them (Telegram: a first name always; a last
    name and a username only when the person set them)."""

    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None

    @classmethod
    def of(cls, first: str | None, last: str | None, username: str | None) -> Identity | None:
        """The identity of stored names; None when none is known."""
        identity = cls(first, last, username)
        return identity if identity.known else None

    @property
    def known(self) -> bool:
        return bool(self.first_name or self.last_name or self.username)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def search_key(self) -> str:
        """Folded names and username, for a search that ignores case, accents and the
        apostrophe's shape."""
        return search_fold(" ".join(p for p in (self.full_name, self.username) if p))


def telegram_id(owner: str) -> int | None:
    """The Telegram user id of an owner "telegram:<id>", else None."""
    prefix, _, number = owner.partition(":")
    return int(number) if prefix == "telegram" and number.isdigit() else None


def telegram_link(owner: str) -> str | None:
    """A link that opens the applicant's profile in Telegram (staff clients only)."""
    user_id = telegram_id(owner)
    return None if user_id is None else f"tg://user?id={user_id}"


def applicant_label(owner: str, identity: Identity | None) -> str:
    """ "Marie Dupont (@mdupont)", "Marie Dupont", "@mdupont"; an applicant who never gave
    a name is "Utilisateur Telegram 1001" (or "Terminal" for the local demo)."""
    if identity is not None and identity.known:
        name = identity.full_name
        handle = f"@{identity.username}" if identity.username else ""
        return f"{name} ({handle})" if name and handle else name or handle
    user_id = telegram_id(owner)
    if user_id is not None:
        return f"Utilisateur Telegram {user_id}"
    return "Terminal" if owner.startswith("terminal:") else owner


def fold(text: str) -> str:
    """Lower case without accents ("Réseau Émeraude" → "reseau emeraude"): what searches
    compare, the same on SQLite (whose lower() knows only ASCII) and PostgreSQL."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


#: Apostrophes as phones, Macs and Word type them (« l’Artois »), and the modifier letter.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def search_fold(text: str) -> str:
    """`fold`, every apostrophe made the typewriter's: what a search compares on both sides
    (« l’artois » typed finds « Fédération des ACI de l'Artois », and the other way)."""
    return fold(text).translate(_APOSTROPHES)
