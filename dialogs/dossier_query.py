"""Listing dossiers for staff: filters, sort and paging over the per-dossier summaries.

API (for the Telegram staff tools and the web console):
- `DossierQuery(eligible=…, complete=…, ready=…, with_warnings=…, active_since=…, text=…,
  call_id=…, sort="activity"|"completeness"|"amount"|"number", descending=None, limit=20,
  offset=0)`;
  `DossierQuery.active_in_last(days, now)` builds `active_since` from the injected clock.
- `StaffService.dossiers(query)` → `DossierPage(items, total)`: refreshes stale summaries
  first, then asks the repository (`Repository.query_summaries`); `items` are
  `ListedDossier(facts, identity)` — the dossier's `DossierFacts` and the applicant's names
  (`applicant` and `link` give "Prénom Nom (@username)" and "tg://user?id=N").
- `SummaryCounts`: the aggregates statistics read (`Repository.summary_counts`).
- `StaffService.applicants(query)`: who an announcement reaches, among the applicants with a
  dossier matching `query` (audiences: all, `eligible=True`, `drafted=False` and
  `missing=True` both with `may_get_draft=True`, `call_id=…`), each once.

The filters combine with AND; each word of `text` matches the organisation's name or the
applicant's names or username (typed with or without its "@"), ignoring case and accents.
Default order: last activity, newest first.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from dialogs.dossier_facts import DossierFacts
from dialogs.people import Identity, applicant_label, search_fold, telegram_link
from dialogs.review import StaffReadiness

__all__ = [
    "READY_STATES",
    "DossierPage",
    "DossierQuery",
    "ListedDossier",
    "Sort",
    "State",
    "SummaryCounts",
    "dossier_number",
    "search_words",
]

Sort = Literal["activity", "completeness", "amount", "number"]
#: A dossier's state as the console's « État » and `/stats` say it (`dialogs.exports.STATES`):
#: the review's readiness, a ready one split into ready, ready « sous réserve » (eligibility
#: to confirm) and complete of a call now closed.
State = Literal[
    "ready",
    "ready_reserved",
    "ready_closed",
    "incomplete",
    "breaks_rules",
    "breaks_form",
    "to_confirm",
    "ineligible",
]
#: The states of a dossier the review finds ready (its call open or not, reserved or not).
READY_STATES: frozenset[State] = frozenset({"ready", "ready_reserved", "ready_closed"})
#: The natural direction of each sort: newest, most complete, largest first; numbers rise.
DESCENDING_BY_DEFAULT: dict[Sort, bool] = {
    "activity": True,
    "completeness": True,
    "amount": True,
    "number": False,
}


@dataclass(frozen=True)
class DossierQuery:
    eligible: bool | None = None  # True: eligible (to confirm or not); False: not eligible
    reserved: bool | None = None  # True: eligible, to be confirmed by the Département
    complete: bool | None = None  # True: eligible and nothing required missing
    with_warnings: bool | None = None  # True: at least one warning (rule or advice)
    missing: bool | None = None  # True: some required answer missing (sections to complete)
    drafted: bool | None = None  # True: a draft was generated
    # True: not the dossiers found ineligible (eligible, or eligibility still to determine):
    # the ones that may yet get a draft
    may_get_draft: bool = False
    # True: ready to file, the review's `fileable`: "ready" (eligible, complete, no breach)
    # and its call not among `closed_calls`; False: every other dossier
    ready: bool | None = None
    #: One state only (`State`, counted by `/stats` and the console's statistics, whose
    #: figures link to the list of their dossiers).
    state: State | None = None
    #: The calls no longer taking applications at the listing's date (`StaffService` fills
    #: it): a complete dossier of theirs reads « appel clos », never « prêt à déposer ».
    closed_calls: frozenset[str] = frozenset()
    active_since: dt.datetime | None = None  # last activity at or after this moment
    text: str | None = None  # in the organisation's name or the applicant's names
    call_id: str | None = None
    owner: str | None = None
    after_number: int | None = None  # numbers above this only (paging that nothing shifts)
    sort: Sort = "activity"
    descending: bool | None = None  # None: the sort's natural direction
    limit: int | None = 20  # None: every match
    offset: int = 0

    @staticmethod
    def active_in_last(days: int, now: dt.datetime) -> dt.datetime:
        """The `active_since` of "active in the last `days` days" at `now` (the clock's)."""
        return now - dt.timedelta(days=days)

    @property
    def is_descending(self) -> bool:
        return DESCENDING_BY_DEFAULT[self.sort] if self.descending is None else self.descending

    @property
    def search_words(self) -> list[str]:
        """The words of `text` as searched (`search_words`)."""
        return search_words(self.text or "")


def search_words(text: str) -> list[str]:
    """The words a search looks for, folded like the stored keys (`dialogs.people.search_fold`);
    "@zoe_b" is the username "zoe_b", as listings show it ("Zoé B. (@zoe_b)"); « n° 8 »,
    « n°8 » and « #8 » are the dossier n° 8 alone, returned as "#8" (`dossier_number`): an
    officer typing « /dossiers n° 3 » got four dossiers, every SIRET or phone number with a 3
    in it; a bare « 8 » is searched everywhere, the dossier's number included."""
    found: list[str] = []
    marked = False  # « n° » alone: the next word is the number it marks
    for typed in search_fold(text).split():
        word = typed.lstrip("@")
        rest = _NUMBER_MARK.sub("", word)
        if rest != word and not rest:
            marked = True
            continue
        found.extend([f"#{rest}" if (rest != word or marked) and rest.isdigit() else rest])
        marked = False
    return [word for word in found if word]


def dossier_number(word: str) -> int | None:
    """The dossier number a search word marks (`search_words`: "#8"), else None."""
    number = word.removeprefix("#")
    return int(number) if number != word and number.isdigit() and len(number) <= 12 else None


_NUMBER_MARK = re.compile(r"^(?:n[°º]|#)(?=\d|$)")


@dataclass(frozen=True)
class ListedDossier:
    facts: DossierFacts
    identity: Identity | None

    @property
    def number(self) -> int:
        return self.facts.dossier_id

    @property
    def applicant(self) -> str:
        """ "Prénom Nom (@username)" (see `dialogs.people.applicant_label`)."""
        return applicant_label(self.facts.owner, self.identity)

    @property
    def link(self) -> str | None:
        return telegram_link(self.facts.owner)


@dataclass(frozen=True)
class DossierPage:
    items: list[ListedDossier]
    total: int  # matches of the filters, all pages together


@dataclass(frozen=True)
class SummaryCounts:
    """Aggregates over every summary (one SQL query each, whatever the number of dossiers)."""

    started: int = 0
    eligible: int = 0
    reserved: int = 0  # of the eligible, those whose eligibility the Département must confirm
    ineligible: int = 0
    drafts: int = 0
    furthest: dict[str, int] = field(default_factory=dict)  # furthest section → dossiers
    stopped: dict[str, int] = field(default_factory=dict)  # stop section → dossiers
    call_ids: tuple[str, ...] = ()  # the calls the dossiers answer
    #: (readiness, reserved, call) → dossiers: the states `/stats` counts in the words of
    #: every view (`dialogs.exports.readiness_words` needs all three: a ready dossier is
    #: « sous réserve », or of a call now closed).
    states: dict[tuple[StaffReadiness, bool, str], int] = field(default_factory=dict)
