"""`/dossiers` for staff: filters typed as words, one compact page at a time.

`/dossiers eligibles complets alertes actifs 7 réseau` reads as: eligible dossiers, complete,
with warnings, active in the last 7 days, whose organisation or applicant's name contains
"réseau". Words are matched ignoring case and accents, in any order; a word that is no
filter is searched. The page is one message; its ◀️ ▶️ buttons carry the filters and the
offset (`ListingFilters.token`, within Telegram's 64 bytes of callback data), so paging needs
no state kept anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from dialogs.dossier_query import DossierPage, DossierQuery
from dialogs.people import fold

PAGE_SIZE = 10
MAX_DAYS = 3650
MAX_SEARCH = 30  # characters of search kept (the buttons carry it)

_ELIGIBLE = {"eligible", "eligibles"}
_INELIGIBLE = {"ineligible", "ineligibles", "non-eligible", "non-eligibles"}
_COMPLETE = {"complet", "complets", "complete", "completes"}
_WARNINGS = {"alerte", "alertes"}
_ACTIVE = {"actif", "actifs", "active", "actives"}


@dataclass(frozen=True)
class ListingFilters:
    eligible: bool | None = None
    complete: bool = False
    warnings: bool = False
    days: int | None = None
    text: str = ""

    def query(self, now: dt.datetime, *, offset: int = 0, limit: int = PAGE_SIZE) -> DossierQuery:
        return DossierQuery(
            eligible=self.eligible,
            complete=True if self.complete else None,
            with_warnings=True if self.warnings else None,
            active_since=None if self.days is None else DossierQuery.active_in_last(self.days, now),
            text=self.text or None,
            limit=limit,
            offset=max(0, offset),
        )

    @property
    def token(self) -> str:
        """The filters in a few characters for a button ("ec7|réseau"): `parse_token`
        reads them back."""
        flags = ("e" if self.eligible else "n" if self.eligible is False else "") + (
            ("c" if self.complete else "") + ("a" if self.warnings else "")
        )
        days = "" if self.days is None else str(self.days)
        return f"{flags}{days}|{self.text}".replace(":", " ")

    @property
    def any(self) -> bool:
        return self != ListingFilters()


def parse_filters(args: str) -> ListingFilters:
    """The filters typed after /dossiers (see the module's docstring)."""
    found = ListingFilters()
    words = args.split()
    search: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        key = fold(word)
        if key in _ELIGIBLE:
            found = replace(found, eligible=True)
        elif key in _INELIGIBLE:
            found = replace(found, eligible=False)
        elif key in _COMPLETE:
            found = replace(found, complete=True)
        elif key in _WARNINGS:
            found = replace(found, warnings=True)
        elif key in _ACTIVE:
            following = words[index + 1] if index + 1 < len(words) else ""
            days = int(following) if following.isascii() and following.isdecimal() else 7
            found = replace(found, days=min(max(days, 1), MAX_DAYS))
            index += following.isascii() and following.isdecimal()
        else:
            search.append(word)
        index += 1
    return replace(found, text=" ".join(search)[:MAX_SEARCH].replace(":", " ").strip())


def parse_token(token: str) -> ListingFilters:
    flags, _, text = token.partition("|")
    letters = flags.rstrip("0123456789")
    digits = flags[len(letters) :]
    return ListingFilters(
        eligible=True if "e" in letters else False if "n" in letters else None,
        complete="c" in letters,
        warnings="a" in letters,
        days=min(int(digits), MAX_DAYS) if digits else None,
        text=text[:MAX_SEARCH],
    )


@dataclass(frozen=True)
class ListingPage:
    """One page of the listing, with what its buttons need."""

    page: DossierPage
    filters: ListingFilters
    offset: int
    limit: int

    @property
    def number(self) -> int:
        return self.offset // self.limit + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.page.total // self.limit))

    @property
    def previous(self) -> int | None:
        return None if self.offset <= 0 else max(0, self.offset - self.limit)

    @property
    def next(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.page.total else None
