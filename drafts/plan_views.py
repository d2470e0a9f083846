"""The plan's parts of the draft: actions by orientation, calendar, cross-cutting objectives,
indicators. Plain dataclasses of French strings, built from the dossier and the call."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.calendar import MONTH_NAMES, agreement_months
from dialogs.dossier import Action, Dossier
from dialogs.money import format_number
from dialogs.spec import CallSpec
from drafts.values import (
    NOT_CHOSEN,
    NOT_CHOSEN_PASSED,
    NOT_GIVEN,
    Placeholder,
    clean,
    paragraphs_or,
    text_or,
)


@dataclass(frozen=True)
class Row:
    label: str
    value: str


@dataclass(frozen=True)
class ActionView:
    number: str
    title: str
    description: list[str]
    rows: list[Row]
    results: list[str]


@dataclass(frozen=True)
class OrientationView:
    number: int
    title: str
    short_title: str
    # The orientation in the call's own words and where the call says it (a list item of
    # the call, its closing « ; » dropped): the documents attribute nothing else to the call.
    call_words: str
    call_section: str
    actions: list[ActionView]
    empty: str


@dataclass(frozen=True)
class ObjectiveView:
    label: str
    served: str


@dataclass(frozen=True)
class CalendarRow:
    label: str
    cells: list[str]


@dataclass(frozen=True)
class IndicatorView:
    label: str
    target: str
    counting: str
    comment: str


def choice_label(spec: CallSpec, pattern: str, value: str) -> str:
    """The form's label for a stored choice (the value itself, cleaned, when unknown)."""
    label = spec.compiled_form.choice_label(pattern, value)
    return label if label is not None else clean(value)


def action_rows(spec: CallSpec, action: Action) -> list[Row]:
    if action.siae_count is not None:
        siae = format_number(action.siae_count) + " SIAE"
    else:
        siae = Placeholder.of("nombre de SIAE")
    if action.siae_types:
        types = ", ".join(
            choice_label(spec, "plan.actions.siae_types", t) for t in action.siae_types
        )
        siae = f"{siae} ({types})"
    elif action.siae_types is None:
        siae = f"{siae} — {Placeholder.of('types de SIAE')}"
    if action.territory_scope == "department":
        territory = choice_label(spec, "plan.actions.territory_scope", "department")
    elif action.territory_scope == "areas":
        territory = text_or(action.areas, "EPCI ou territoires")
    else:
        territory = Placeholder.of("territoire")
    if action.months:
        months = month_ranges(sorted(set(action.months)))
    else:
        months = Placeholder.of("mois de réalisation")
    partners = clean(action.partners) if action.partners else ""
    fte = format_number(action.fte) + " ETP" if action.fte is not None else Placeholder.of("ETP")
    return [
        Row("SIAE ciblées", siae),
        Row("Territoire", territory),
        Row("Période", months),
        Row("Partenaires", partners or "Aucun partenaire indiqué"),
        Row("Personnel mobilisé", fte),
    ]


def month_ranges(months: list[str]) -> str:
    """["2025-01", "2025-02", "2025-03", "2025-06"] -> "janvier – mars 2025, juin 2025"."""
    parsed: list[tuple[int, int]] = []
    for month in months:
        year_text, number_text = month.split("-")
        parsed.append((int(year_text), int(number_text)))
    runs: list[list[tuple[int, int]]] = []
    for year, number in parsed:
        if runs:
            last_year, last_number = runs[-1][-1]
            following = (last_year, last_number + 1) if last_number < 12 else (last_year + 1, 1)
            if following == (year, number):
                runs[-1].append((year, number))
                continue
        runs.append([(year, number)])
    parts = []
    for run in runs:
        (y1, m1), (y2, m2) = run[0], run[-1]
        if run[0] == run[-1]:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1}")
        elif y1 == y2:
            parts.append(f"{MONTH_NAMES[m1 - 1]} – {MONTH_NAMES[m2 - 1]} {y2}")
        else:
            parts.append(f"{MONTH_NAMES[m1 - 1]} {y1} – {MONTH_NAMES[m2 - 1]} {y2}")
    return ", ".join(parts)


def orientations(spec: CallSpec, dossier: Dossier) -> list[OrientationView]:
    views = []
    for number, orientation in enumerate(spec.orientations, start=1):
        actions = []
        for index, action in enumerate(dossier.actions(orientation.id), start=1):
            actions.append(
                ActionView(
                    number=f"{number}.{index}",
                    title=text_or(action.title, "titre de l’action"),
                    description=paragraphs_or(action.description, "description de l’action"),
                    rows=action_rows(spec, action),
                    results=paragraphs_or(action.expected_results, "résultats attendus"),
                )
            )
        views.append(
            OrientationView(
                number=number,
                title=orientation.title,
                short_title=orientation.short_title,
                call_words=orientation.quote.text.strip().rstrip(" ;"),
                call_section=orientation.quote.section,
                actions=actions,
                empty=Placeholder.of(f"au moins une action pour l’orientation {number}"),
            )
        )
    return views


def objectives(
    spec: CallSpec, dossier: Dossier, *, left_out: bool, passed: bool = False, filing: bool = False
) -> list[ObjectiveView]:
    """`left_out`: the choice is optional and left unanswered in a version to file: "Non
    renseigné", never a placeholder. `passed`: the applicant passed it (« passer »): none
    chosen on purpose, "Non retenu" (said passed in a draft still being worked on)."""
    chosen = dossier.plan.cross_cutting
    views = []
    for objective in spec.cross_cutting_objectives:
        if chosen is None and passed:
            served: str = NOT_CHOSEN if filing else NOT_CHOSEN_PASSED
        elif chosen is None:
            served = NOT_GIVEN if left_out else Placeholder.of("oui ou non")
        else:
            served = "Oui" if objective.id in chosen else "Non"
        views.append(ObjectiveView(objective.label, served))
    return views


def calendar(spec: CallSpec, views: list[OrientationView], dossier: Dossier) -> list[CalendarRow]:
    period = agreement_months(spec)
    rows = []
    for orientation, view in zip(spec.orientations, views, strict=True):
        for action, action_view in zip(dossier.actions(orientation.id), view.actions, strict=True):
            months = set(action.months or [])
            rows.append(
                CalendarRow(
                    label=f"{action_view.number} {action_view.title}",
                    cells=["●" if month in months else "" for month in period],
                )
            )
    return rows


def indicators(spec: CallSpec, dossier: Dossier) -> list[IndicatorView]:
    views = []
    for indicator in spec.indicators:
        target = dossier.indicators.targets.get(indicator.id)
        value = (
            format_number(target.target)
            if target is not None and target.target is not None
            else Placeholder.of("cible")
        )
        comment = clean(target.comment) if target is not None and target.comment else ""
        views.append(IndicatorView(indicator.label, value, indicator.counting, comment))
    for extra in dossier.indicators.extra:
        views.append(
            IndicatorView(
                label=text_or(extra.label, "libellé de l’indicateur"),
                target=format_number(extra.target)
                if extra.target is not None
                else Placeholder.of("cible"),
                counting="Indicateur propre au porteur de projet",
                comment="",
            )
        )
    return views
