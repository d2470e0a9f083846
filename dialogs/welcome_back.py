"""The "Bon retour" note for an applicant who comes back after a while.

Said when the applicant writes again after `AWAY` or more without a word: where the dossier
stands, what is missing first, and the days left before the call closes (or that it has
closed). A pure function of the dossier and the dates; the service records the visit.
"""

from __future__ import annotations

import datetime as dt

from dialogs.calendar import call_status
from dialogs.dossier import Dossier
from dialogs.events import Message
from dialogs.review import review
from dialogs.spec import CallSpec
from dialogs.texts import render_macro

SERVICE = "messages/service.html.j2"
#: After this long without a word, an applicant is welcomed back with where they stand.
AWAY = dt.timedelta(hours=12)


def is_back(dossier: Dossier, now: dt.datetime) -> bool:
    """Whether the applicant comes back after `AWAY` or more (never for a dossier not
    started yet)."""
    last = dossier.updated_at
    if last is None or dossier.cursor.key == "welcome":
        return False
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    return now - last >= AWAY


def welcome_back(spec: CallSpec, dossier: Dossier, today: dt.date) -> Message:
    """The note: where the dossier stands, what is missing first, the days left. A dossier
    not eligible reads why (the call's reason), never « complet à 33 % »: no percentage
    there, as in the staff views (`ReviewReport.progress`)."""
    report = review(spec, dossier, today)
    html = render_macro(
        SERVICE,
        "welcome_back",
        report=report,
        spec=spec,
        status=call_status(spec, today),
        first_missing=report.missing[0] if report.missing else None,
        commands={v: k for k, v in spec.interview.commands.items()},
    )
    return Message(html)
