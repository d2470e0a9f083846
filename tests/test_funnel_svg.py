"""The funnel chart of the statistics page: an SVG drawn on the server that a screen reader,
a browser without scripts and a printer all read the same way."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dialogs.funnel_svg import FunnelStage, funnel_stages, funnel_svg
from dialogs.spec import load_shipped_spec
from dialogs.staff import StaffService
from storage.repository import SqlStore
from storage.transfer import export_all
from tests.staff_support import fixed_clock, populate

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    return root


def rows(root: ET.Element) -> list[tuple[str, float, str]]:
    """(label, bar width, figures) of each stage, top to bottom."""
    found = []
    for group in root.iter(f"{SVG}g"):
        label, value = (t.text or "" for t in group.iter(f"{SVG}text"))
        bar = next(r for r in group.iter(f"{SVG}rect") if r.get("class") == "bar")
        found.append((label, float(bar.get("width", "nan")), value))
    return found


def test_the_funnel_of_the_dossiers_shows_each_stage_in_words_and_bars(store: SqlStore) -> None:
    populate(store, drafts=True)
    staff = StaffService(
        specs=load_shipped_spec,
        store=store,
        clock=fixed_clock(),
        drafts=None,
        json_export=export_all,
    )
    root = parse(funnel_svg(funnel_stages(staff.stats())))

    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and title.text == "Parcours des dossiers"
    assert desc is not None and desc.text is not None
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Étape « Plan d’actions » atteinte : 2 (40\u00a0%)" in desc.text, "said in words"

    stages = rows(root)
    assert [label for label, _, _ in stages] == [
        "Dossiers commencés",
        "Étape « Éligibilité » atteinte",  # not « Éligibilité 4 »: read as 4 eligible
        "Étape « Organisation » atteinte",
        "Étape « Plan d’actions » atteinte",
        "Étape « Indicateurs » atteinte",
        "Étape « Budget » atteinte",
        "Étape « Récapitulatif » atteinte",
        "Brouillon généré",
    ]
    assert [value for _, _, value in stages][:4] == [
        "5 (100\u00a0%)",
        "4 (80\u00a0%)",
        "3 (60\u00a0%)",
        "2 (40\u00a0%)",
    ]
    assert stages[-1][2] == "1 (20\u00a0%)"
    widths = [width for _, width, _ in stages]
    assert widths == sorted(widths, reverse=True), "a funnel narrows"
    assert widths[3] == pytest.approx(widths[0] * 2 / 5)
    assert widths[-1] == pytest.approx(widths[0] / 5)


def test_labels_are_text_never_markup_and_an_empty_funnel_still_draws() -> None:
    root = parse(funnel_svg([FunnelStage("<script>alert(1)</script> & co", 3)]))
    assert rows(root)[0][0] == "<script>alert(1)</script> & co"
    assert root.find(f".//{SVG}script") is None

    empty = parse(funnel_svg([]))
    desc = empty.find(f"{SVG}desc")
    assert desc is not None and desc.text == "Aucun dossier pour l’instant."
    nothing = parse(funnel_svg([FunnelStage("Dossiers commencés", 0)]))
    assert rows(nothing) == [("Dossiers commencés", 0.0, "0 (0\u00a0%)")]


def test_large_figures_are_grouped_the_french_way() -> None:
    root = parse(funnel_svg([FunnelStage("Dossiers commencés", 10000)]))
    assert rows(root)[0][2] == "10\u202f000 (100\u00a0%)"


def test_the_phones_layout_says_the_same_figures_in_a_narrow_chart() -> None:
    stages = [FunnelStage("Dossiers commencés", 300), FunnelStage("Organisation", 234)]
    wide = rows(parse(funnel_svg(stages)))
    narrow_root = parse(funnel_svg(stages, chart_id="funnel-narrow", narrow=True))
    narrow = rows(narrow_root)
    said = [(label, value) for label, _, value in narrow]
    assert said == [(label, value) for label, _, value in wide]
    assert narrow[1][2] == "234 (78\u00a0%)"
    assert narrow_root.get("viewBox", "").split()[2] == "360"
    assert narrow_root.get("class") == "narrow" and narrow_root.get("id") == "funnel-narrow"
