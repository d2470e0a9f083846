"""The dossiers' funnel as an SVG chart drawn on the server: no script, readable by screen
readers, printable.

API (for the web console's statistics page):
- `funnel_stages(stats)` → `[FunnelStage]`: started, then each section of the form reached,
  then drafts generated (from `StaffService.stats()`);
- `funnel_svg(stages, title=…, narrow=…)` → the `<svg>` element as text, to put inline in a
  page (or serve as image/svg+xml); `narrow` for a phone (the page shows one or the other).

Accessibility: `role="img"` named by its `<title>` and described by a `<desc>` that states
every figure in words (what a screen reader reads); every bar also carries its label and
figures as visible text, so nothing is told by colour or length alone. Text is near-black on
white and bars dark blue on white (contrast above 7:1); the chart scales with its container
(viewBox); a phone gets the narrow layout, whose text stays at its size.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol
from xml.sax.saxutils import escape, quoteattr

__all__ = ["FunnelStage", "funnel_stages", "funnel_svg"]

WIDTH = 720
LABEL_WIDTH = 270  # « Étape « Plan d’actions » atteinte » in 14 px
VALUE_WIDTH = 130
ROW = 34
BAR = 22
TOP = 12
BAR_COLOUR = "#1d4f91"  # on white: 8.6:1
TEXT_COLOUR = "#1a1a1a"  # on white: 17:1
TRACK_COLOUR = "#e8edf3"
# The narrow layout, for a phone: each stage's label and figures on a line, its bar below
# across the whole width (the wide one, scaled down to a phone, would print 7 px text).
NARROW_WIDTH = 360
NARROW_ROW = 48
NARROW_BAR = 14


@dataclass(frozen=True)
class FunnelStage:
    label: str
    count: int


class _Section(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def count(self) -> int: ...


class _Stats(Protocol):
    @property
    def started(self) -> int: ...

    @property
    def drafts(self) -> int: ...

    @property
    def reached(self) -> Sequence[_Section]: ...


def funnel_stages(stats: _Stats) -> list[FunnelStage]:
    """Started, each section reached after the first (every started dossier is in the first:
    the welcome), then drafts generated. A section's bar says it counts the dossiers that
    reached it (« Étape « Éligibilité » atteinte »): under the « Éligibles » figure, a bare
    « Éligibilité 8 » read as eight eligible dossiers."""
    return [
        FunnelStage("Dossiers commencés", stats.started),
        *(
            FunnelStage(f"Étape « {section.title} » atteinte", section.count)
            for section in stats.reached[1:]
        ),
        FunnelStage("Brouillon généré", stats.drafts),
    ]


def funnel_svg(
    stages: Sequence[FunnelStage],
    *,
    title: str = "Parcours des dossiers",
    chart_id: str = "funnel",
    narrow: bool = False,
) -> str:
    """One horizontal bar per stage, as long as its share of the first stage; each row says
    its label, its count and that share in words. `narrow`: the phone's layout (label and
    figures above each bar), the same words."""
    top = stages[0].count if stages else 0
    width_of_chart = NARROW_WIDTH if narrow else WIDTH
    height = TOP * 2 + (NARROW_ROW if narrow else ROW) * max(1, len(stages))
    track = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    rows: list[str] = []
    for index, stage in enumerate(stages if narrow else ()):
        y = TOP + index * NARROW_ROW
        share = stage.count / top if top else 0.0
        bar_y = y + NARROW_ROW - NARROW_BAR - 10
        rows.append(
            f'<g class="stage">'
            f'<text x="0" y="{y + 12}" dominant-baseline="middle">{escape(stage.label)}</text>'
            f'<rect class="track" x="0" y="{bar_y}" width="{NARROW_WIDTH}" '
            f'height="{NARROW_BAR}" fill="{TRACK_COLOUR}"/>'
            f'<rect class="bar" x="0" y="{bar_y}" width="{round(NARROW_WIDTH * share, 1)}" '
            f'height="{NARROW_BAR}" fill="{BAR_COLOUR}" data-count="{stage.count}"/>'
            f'<text class="value" x="{NARROW_WIDTH}" y="{y + 12}" text-anchor="end" '
            f'dominant-baseline="middle">{_number(stage.count)} ({_percent(share)})</text>'
            f"</g>"
        )
    for index, stage in enumerate(() if narrow else stages):
        y = TOP + index * ROW
        share = stage.count / top if top else 0.0
        width = round(track * share, 1)
        middle = y + BAR / 2
        rows.append(
            f'<g class="stage">'
            f'<text x="{LABEL_WIDTH - 10}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle">{escape(stage.label)}</text>'
            f'<rect class="track" x="{LABEL_WIDTH}" y="{y}" width="{track}" height="{BAR}" '
            f'fill="{TRACK_COLOUR}"/>'
            f'<rect class="bar" x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR}" '
            f'fill="{BAR_COLOUR}" data-count="{stage.count}"/>'
            f'<text class="value" x="{WIDTH - VALUE_WIDTH + 10}" y="{middle}" '
            f'dominant-baseline="middle">{_number(stage.count)} ({_percent(share)})</text>'
            f"</g>"
        )
    described = "; ".join(
        f"{stage.label} : {_number(stage.count)} ({_percent(stage.count / top if top else 0)})"
        for stage in stages
    )
    description = (
        f"Nombre de dossiers ayant atteint chaque étape, et leur part des dossiers commencés. "
        f"{described}."
        if stages
        else "Aucun dossier pour l’instant."
    )
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" id={quoteattr(chart_id)} '
        f'viewBox="0 0 {width_of_chart} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" class="{"narrow" if narrow else "wide"}" '
        f'aria-labelledby="{title_id} {desc_id}" font-family="system-ui, sans-serif" '
        f'font-size="14" fill="{TEXT_COLOUR}">'
        f'<title id="{title_id}">{escape(title)}</title>'
        f'<desc id="{desc_id}">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{width_of_chart}" height="{height}" fill="#ffffff"/>'
        f"{''.join(rows)}"
        f"</svg>"
    )


def _number(value: int) -> str:
    """French grouping: 10 000 (narrow no-break space)."""
    return f"{value:,}".replace(",", "\u202f")


def _percent(share: float) -> str:
    return f"{round(share * 100)}\u00a0%"
