"""The cover letter, the sworn statement and the checklist of attachments, for signature.

A second Word document (`templates/drafts/courrier.docx`) read from `LetterContext`, built on
the draft's view model: the same organisation, amount and total as the action plan. The
place and date of signature stay placeholders: the legal representative fills them in. A
dossier that cannot be filed yet gets the plan's "BROUILLON" status and its reasons above
the letter and above the sworn statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.dossier import Dossier
from dialogs.parsing.vocabulary import vocabulary
from dialogs.spec import CallSpec
from dialogs.texts import render_macro
from drafts.context import TEXTS, DraftContext, republican_contract_signatory
from drafts.values import TO_WRITE_BY_HAND, Placeholder, clean, siret_or, text_or


def _civility(name: str | None) -> str | None:
    """The civility opening the signatory's name (« m. », « mme »: the vocabulary's written
    forms, folded), or None: the sworn statement agrees its words with it, and keeps
    « (e) » when it is unknown (a first name says nothing sure)."""
    first = clean(name or "").split(" ", 1)[0].casefold()
    written = vocabulary().text.civilities
    return first if first in written else None


@dataclass(frozen=True)
class LetterContext:
    filing: bool
    status_title: str
    status_lines: list[str]
    organisation: str
    address_lines: list[str]
    siret: str
    funder: str
    service: str
    full_title: str
    place: str
    date: str
    #: « les 4 orientations », « 3 des 4 orientations »: what the plan covers, never more.
    coverage: str
    agreement_period: str
    total: str
    request: str
    share: str
    platform: str
    contact: str
    representative: str
    representative_role: str
    undersigned: str
    legal_representative: str
    declarations: list[str]
    attachments_note: str
    attachments: list[str]


def build_letter_context(spec: CallSpec, dossier: Dossier, draft: DraftContext) -> LetterContext:
    org = dossier.organisation
    address = clean(org.address) if org.address else ""
    contact = text_or(org.contact.name, "personne à contacter")
    if org.contact.role:
        contact = f"{contact}, {clean(org.contact.role)},"
    declarations = render_macro(
        TEXTS,
        "declarations",
        signatory=republican_contract_signatory(spec, dossier),
        request=draft.request,
        funder=spec.identity.funder,
        year=spec.identity.year,
    )
    civility = _civility(org.representative.name)
    return LetterContext(
        # A draft says so, and why, above the letter and the sworn statement, as the plan
        # does: neither may be signed as it stands.
        filing=draft.filing,
        status_title=draft.status_title,
        status_lines=draft.companion_status_lines,
        organisation=draft.organisation,
        address_lines=address.split("\n") if address else [Placeholder.of("adresse")],
        siret=siret_or(org.siret),
        funder=spec.identity.funder,
        service=spec.contact.service,
        full_title=spec.identity.full_title,
        # Written by hand when signing: a blank to fill in the version to file.
        place=TO_WRITE_BY_HAND if draft.filing else Placeholder.of("lieu"),
        date=TO_WRITE_BY_HAND if draft.filing else Placeholder.of("date"),
        coverage=_coverage(spec, dossier),
        agreement_period=draft.agreement_period,
        total=draft.total,
        request=draft.request,
        share=draft.budget.share
        or Placeholder.of("part du Département, une fois le budget équilibré"),
        platform=draft.platform,
        contact=contact,
        representative=draft.representative,
        representative_role=draft.representative_role,
        undersigned=render_macro(TEXTS, "undersigned", civility=civility),
        legal_representative=render_macro(TEXTS, "legal_representative", civility=civility),
        declarations=[line.strip() for line in declarations.split("\n") if line.strip()],
        attachments_note=draft.attachments_note,
        attachments=draft.attachments,
    )


def _coverage(spec: CallSpec, dossier: Dossier) -> str:
    """The orientations the plan covers, as the letter says it: all of them, some of them,
    or a blank to fill in when none has an action yet (a draft, never filed as such)."""
    total = len(spec.orientations)
    covered = sum(1 for o in spec.orientations if dossier.actions(o.id))
    if covered == total:
        return f"les {total} orientations"
    if covered == 0:
        return Placeholder.of("orientations couvertes par le plan d’actions")
    return f"{covered} des {total} orientations"
