"""What the interview service hands its adapters: replies, draft files, and the two
collaborators it is given (a draft renderer, a question answerer), as small types.

Kept apart from `dialogs.service` so that adapters and renderers (Telegram, the terminal,
the console, `drafts/`) depend on these shapes, not on the service's workings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Protocol

from dialogs.dossier import Dossier
from dialogs.events import FollowUpTeam, Message
from dialogs.ports import StoredDossier
from dialogs.review import progress, review
from dialogs.spec import CallSpec


@dataclass(frozen=True)
class DraftFile:
    name: str
    content: bytes
    mime: str

    def of_dossier(self, number: int) -> DraftFile:
        """The file named after its dossier ("dossier-12-plan-actions-….docx"): two dossiers
        whose organisations are unnamed or alike (a dossier duplicated, the same applicant's
        second one) otherwise give files of the same name, which overwrite each other in a
        downloads folder. The number is ASCII, like the rest of the name."""
        return replace(self, name=f"dossier-{number}-{self.name}")


class DraftRenderer(Protocol):
    def __call__(self, spec: CallSpec, dossier: Dossier, today: dt.date) -> list[DraftFile]: ...


class QuestionAnswerer(Protocol):
    def __call__(self, owner: str, dossier_id: int, text: str) -> list[Message]: ...


@dataclass
class Reply:
    messages: list[Message] = field(default_factory=list)
    files: list[DraftFile] = field(default_factory=list)
    dossier_id: int | None = None
    accepted: tuple[str, object] | None = None
    # The revision of the question the reply ends with (see `delivered`), when it does.
    revision: int | None = None
    #: The reply goes below the question clicked, which stays in view (the Département's
    #: contact asked from the screen saying why the applicant is not eligible).
    below: bool = False
    #: Words the applicant said follow an exchange with the team (`FollowUpTeam`): the
    #: adapter hands them to the team on that exchange, and says so.
    team_follow_up: FollowUpTeam | None = None


@dataclass(frozen=True)
class DossierOverview:
    id: int
    owner: str
    name: str | None
    step: str
    completeness: int
    eligible: bool | None
    updated_at: dt.datetime | None

    @property
    def progress(self) -> int | None:
        """The percentage the applicant reads, None when not eligible: « complet à 33 % —
        non éligible » read as a dossier on its way. The staff views' rule
        (`dialogs.review.progress`); an ineligible dossier is one whose verdict is False."""
        return progress(self.completeness, "ineligible" if self.eligible is False else "incomplete")


def dossier_overview(spec: CallSpec, stored: StoredDossier) -> DossierOverview:
    """One line of an applicant's own list of dossiers (`/dossiers`)."""
    report = review(spec, stored.dossier)
    return DossierOverview(
        id=stored.id,
        owner=stored.owner,
        name=stored.dossier.organisation.name,
        step=stored.dossier.cursor.key,
        completeness=report.completeness,
        eligible=report.eligible,
        updated_at=stored.dossier.updated_at,
    )


#: How many of an applicant's dossiers a list offers as buttons (their latest; « /reprendre
#: N », « /dupliquer N » name any other).
OFFERED_DOSSIERS = 10


@dataclass(frozen=True)
class DuplicateOffer:
    """`/dupliquer` without a number: what to ask, and the dossiers to offer as buttons.
    `confirm`: the applicant has one dossier, so the question is whether to duplicate that
    one (« Oui » / « Non »); else they pick one of `numbers`; none: nothing to duplicate.
    `listed`: every dossier the message names, which a number typed may pick (the buttons
    offer only the latest)."""

    message: Message
    numbers: tuple[int, ...]
    confirm: bool
    listed: tuple[int, ...] = ()
