"""`/dossiers` for staff: filters typed as words, one compact page at a time.

`/dossiers eligibles complets alertes actifs 7 réseau` reads as: eligible dossiers, complete,
with warnings, active in the last 7 days, whose organisation or applicant's name contains
"réseau". Words are matched ignoring case and accents, in any order; "non" turns the next
one around ("non éligibles", like "inéligibles"); "à confirmer" (or "sous réserve":
eligible, to be confirmed by the Département), "incomplets", "prêts" (the review's
"ready"), "brouillons" and "en cours" (no draft yet) read the summaries' other facts; a
word that is no filter is searched (in the organisation's name, SIRET, RNA, contact and
representative, the applicant's names; a number is also the dossier's). "page 2" opens the
listing at that page (an officer types it for the ▶️ button: it was searched, and « Dossiers :
0 » said there was nothing). Two filters that
exclude each other, or "actifs" with days out of 1 to 3650, are a `FilterProblem`: staff
are asked, nothing is chosen.
The page is one message; its ◀️ ▶️ buttons carry the filters and the offset
(`ListingFilters.token`, within Telegram's 64 bytes of callback data), so paging needs no
state kept anywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dialogs.dossier_query import DossierPage, DossierQuery
from dialogs.people import fold

PAGE_SIZE = 10
MAX_DAYS = 3650
DEFAULT_DAYS = 7
MAX_SEARCH = 30  # characters of search kept (the buttons carry it)
MAX_PAGE = 100_000  # a page typed beyond the last opens the last

#: Each filter word (folded: no accents, lower case) and what it sets. "non" before a word
#: negates it ("non éligibles", "non complets"); "en cours" is two words.
_WORDS: dict[str, tuple[str, bool]] = {
    **dict.fromkeys(("eligible", "eligibles"), ("eligible", True)),
    **dict.fromkeys(
        ("ineligible", "ineligibles", "non-eligible", "non-eligibles"), ("eligible", False)
    ),
    **dict.fromkeys(("complet", "complets", "complete", "completes"), ("complete", True)),
    **dict.fromkeys(
        ("incomplet", "incomplets", "incomplete", "incompletes", "non-complet", "non-complets"),
        ("complete", False),
    ),
    **dict.fromkeys(("pret", "prets", "prete", "pretes"), ("ready", True)),
    **dict.fromkeys(("sous-reserve", "a-confirmer", "aconfirmer"), ("reserved", True)),
    **dict.fromkeys(("brouillon", "brouillons"), ("drafted", True)),
    **dict.fromkeys(("alerte", "alertes"), ("warnings", True)),
}
_NEGATED = {"eligible", "complete"}
#: A filter that implies another's yes: "prêts" are eligible and complete, "à confirmer" eligible.
_IMPLIED = (
    ("ready", "eligible"),
    ("ready", "complete"),
    ("reserved", "eligible"),
)  # the filters "non" can turn around
_ACTIVE = {"actif", "actifs", "active", "actives"}
_PAGE = {"page", "p."}


class FilterProblem(ValueError):
    """Filters that cannot be read: two that exclude each other ("conflict", `words` the
    two typed), a number of days out of range ("days", `words` what was typed), or "non"
    before a filter that has no opposite ("not_negatable": "non prêts", "non alertes")."""

    def __init__(self, kind: str, words: tuple[str, ...]) -> None:
        super().__init__(kind, words)
        self.kind = kind
        self.words = words


@dataclass(frozen=True)
class ListingFilters:
    eligible: bool | None = None
    complete: bool | None = None  # True: eligible and nothing required missing; False: not
    warnings: bool = False
    days: int | None = None
    text: str = ""
    ready: bool = False  # eligible, complete and within every rule (the review's "ready")
    drafted: bool | None = None  # True: a draft was generated; False: not yet ("en cours")
    reserved: bool = False  # eligible, to be confirmed by the Département ("à confirmer")
    #: The page typed ("page 2"): where the listing opens, not a filter (nor in `token`:
    #: the buttons carry their offset).
    page: int = field(default=1, compare=False)

    @property
    def offset(self) -> int:
        """Where the page typed starts (`page`), before it is known how many there are."""
        return (self.page - 1) * PAGE_SIZE

    def query(self, now: dt.datetime, *, offset: int = 0, limit: int = PAGE_SIZE) -> DossierQuery:
        return DossierQuery(
            eligible=self.eligible,
            reserved=True if self.reserved else None,
            complete=self.complete,
            ready=True if self.ready else None,
            drafted=self.drafted,
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
        flags = (
            ("e" if self.eligible else "n" if self.eligible is False else "")
            + ("c" if self.complete else "i" if self.complete is False else "")
            + ("a" if self.warnings else "")
            + ("r" if self.ready else "")
            + ("b" if self.drafted else "o" if self.drafted is False else "")
            + ("s" if self.reserved else "")
        )
        days = "" if self.days is None else str(self.days)
        return f"{flags}{days}|{self.text}".replace(":", " ")

    @property
    def any(self) -> bool:
        return self != ListingFilters()


def parse_filters(args: str) -> ListingFilters:
    """The filters typed after /dossiers (see the module's docstring); `FilterProblem` when
    two exclude each other ("éligibles non-éligibles") or "actifs" has a number of days out
    of range, rather than a silent choice."""
    found: dict[str, bool | int] = {}
    typed: dict[str, str] = {}  # filter -> the words that set it, for a conflict's message
    words = args.split()
    search: list[str] = []
    page = 1

    def put(name: str, value: bool | int, said: str) -> None:
        if name in found and found[name] != value:
            raise FilterProblem("conflict", (typed[name], said))
        found[name], typed[name] = value, said
        # A ready dossier is eligible and complete; one to confirm is eligible.
        for implying, needed in _IMPLIED:
            if found.get(implying) is True and found.get(needed) is False:
                earlier = typed[needed] if name == implying else typed[implying]
                raise FilterProblem("conflict", (earlier, said))

    index = 0
    while index < len(words):
        word = words[index]
        key = fold(word)
        following = words[index + 1] if index + 1 < len(words) else ""
        after = fold(following)
        if key == "non" and _WORDS.get(after, ("", False))[0] in _NEGATED:
            name, value = _WORDS[after]
            put(name, not value, f"{word} {following}")
            index += 1
        elif key == "non" and (after in _WORDS or after in _ACTIVE or after == "en"):
            raise FilterProblem("not_negatable", (f"{word} {following}",))
        elif key == "en" and after == "cours":
            put("drafted", False, f"{word} {following}")
            index += 1
        elif key in ("a", "sous") and after in ("confirmer", "reserve"):
            put("reserved", True, f"{word} {following}")
            index += 1
        elif key in _WORDS:
            name, value = _WORDS[key]
            put(name, value, word)
        elif key in _PAGE and following.isascii() and following.isdecimal():
            page = max(1, min(int(following), MAX_PAGE))
            index += 1
        elif key in _ACTIVE:
            number = following.isascii() and following.lstrip("-").isdecimal()
            days = int(following) if number else DEFAULT_DAYS
            if not 1 <= days <= MAX_DAYS:
                raise FilterProblem("days", (f"{word} {following}",))
            put("days", days, f"{word} {following}" if number else word)
            index += number
        else:
            search.append(word)
        index += 1
    drafted = found.get("drafted")
    return ListingFilters(
        eligible=_flag(found.get("eligible")),
        complete=_flag(found.get("complete")),
        warnings=found.get("warnings") is True,
        ready=found.get("ready") is True,
        drafted=None if drafted is None else bool(drafted),
        reserved=found.get("reserved") is True,
        days=None if found.get("days") is None else int(found["days"]),
        text=" ".join(search)[:MAX_SEARCH].replace(":", " ").strip(),
        page=page,
    )


def _flag(value: bool | int | None) -> bool | None:
    return None if value is None else bool(value)


def parse_token(token: str) -> ListingFilters:
    flags, _, text = token.partition("|")
    letters = flags.rstrip("0123456789")
    digits = flags[len(letters) :]
    return ListingFilters(
        eligible=True if "e" in letters else False if "n" in letters else None,
        complete=True if "c" in letters else False if "i" in letters else None,
        warnings="a" in letters,
        ready="r" in letters,
        drafted=True if "b" in letters else False if "o" in letters else None,
        reserved="s" in letters,
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
