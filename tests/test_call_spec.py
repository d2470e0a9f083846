"""The call as data: the shipped spec says what the call says, and a new call is a new file."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dialogs.calendar import call_status, final_report_deadline
from dialogs.spec import SpecError, load_spec, shipped_spec_paths
from tests.support import ROOT, spec_2025

CALL_TEXT = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.source.txt"
SPEC_2026 = ROOT / "tests" / "data" / "calls" / "pdc-axe3-2026-fictif.yaml"
AAP_BOT = [sys.executable, "-m", "app.cli"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_2025_spec_holds_the_call_dates_and_agreement_period() -> None:
    spec = spec_2025()
    assert spec.application_window.start == dt.date(2025, 1, 15)
    assert spec.application_window.end == dt.date(2025, 2, 14)
    assert (spec.agreement.start, spec.agreement.end) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 12, 31),
    )
    assert spec.agreement.months == 12
    assert final_report_deadline(spec) == dt.date(2026, 1, 31)


def test_indirect_costs_are_capped_at_20_percent_of_direct_staff_costs() -> None:
    financing = spec_2025().financing
    assert financing.indirect_cap_rate == Decimal("0.20")
    assert financing.indirect_cap_base == "direct_staff_costs"
    assert "20% du montant des charges directes de personnel" in financing.indirect_costs.quote.text


def test_six_indicators_and_four_orientations_as_in_the_call() -> None:
    spec = spec_2025()
    assert len(spec.indicators) == 6
    assert len(spec.orientations) == 4
    text = _squash(CALL_TEXT.read_text(encoding="utf-8")).lower()
    for indicator in spec.indicators:
        assert _squash(indicator.label).lower()[:40] in text.replace("’", "’")


def test_eligible_applicants_are_the_iae_network_heads_only() -> None:
    types = spec_2025().eligibility.organisation_types
    assert {t.id for t in types if t.eligible} == {
        "network_departmental",
        "network_regional",
        "network_national",
    }
    assert all(not t.eligible for t in types if t.is_siae)


def test_every_sentence_the_spec_quotes_stands_verbatim_in_the_call() -> None:
    call = _squash(CALL_TEXT.read_text(encoding="utf-8"))
    quotes = list(spec_2025().quotes())
    assert len(quotes) > 20
    for quote in quotes:
        assert _squash(quote.text) in call, quote.text


def test_the_call_reads_as_open_during_its_window_and_closed_today() -> None:
    spec = spec_2025()
    assert call_status(spec, dt.date(2025, 2, 1)).state == "open"
    assert call_status(spec, dt.date(2025, 2, 14)).state == "open"
    assert call_status(spec, dt.date(2025, 1, 14)).state == "not_yet_open"
    closed = call_status(spec, dt.date(2026, 11, 25))
    assert closed.state == "closed"
    assert closed.closed_for_days == (dt.date(2026, 11, 25) - dt.date(2025, 2, 14)).days


def test_a_new_call_is_a_new_file() -> None:
    spec = load_spec(SPEC_2026)
    assert spec.identity.id == "pdc-axe3-2026-fictif"
    assert spec.financing.indirect_cap_rate == Decimal("0.15")
    assert call_status(spec, dt.date(2026, 3, 15)).state == "open"
    assert final_report_deadline(spec) == dt.date(2027, 7, 30)


def test_unknown_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = SPEC_2026.read_text(encoding="utf-8").replace(
        '  axis: "Axe 3"', '  axis: "Axe 3"\n  colour: blue'
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as error:
        load_spec(broken)
    line = text.splitlines().index("  colour: blue") + 1
    assert any(where == f"{line}: identity.colour" for where, _ in error.value.problems)


@pytest.mark.slow
def test_check_call_says_ok_for_every_shipped_spec() -> None:
    result = subprocess.run([*AAP_BOT, "check-call"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert len(shipped_spec_paths()) >= 1
    assert result.stdout.count(": OK") == len(shipped_spec_paths())


@pytest.mark.slow
def test_check_call_names_each_error_with_its_place_and_fails(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    text = SPEC_2026.read_text(encoding="utf-8")
    text = text.replace('indirect_cap_rate: "0.15"', 'indirect_cap_rate: "1.5"')
    text = text.replace("  months: 12", "  months: 11")
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [*AAP_BOT, "check-call", str(broken), str(SPEC_2026)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    rate_line = text.splitlines().index('  indirect_cap_rate: "1.5"') + 1
    assert f"broken.yaml:{rate_line}: financing.indirect_cap_rate" in result.stderr
    assert "agreement" in result.stderr
    assert f"{SPEC_2026}: OK" in result.stdout


def test_the_call_s_form_is_read_at_each_answer_without_pydantic_s_slow_attribute_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every answer reads the call's form several times (the engine, the plan, the
    prompts): `self._compiled_form` went through `BaseModel.__getattr__` each time, about
    15 µs with the AttributeError pydantic handles inside, a few percent of an answer."""
    spec = spec_2025()
    form = spec.compiled_form

    def refused(self: object, name: str) -> object:
        raise AssertionError(f"{name} read through BaseModel.__getattr__")

    monkeypatch.setattr(type(spec), "__getattr__", refused)
    assert spec.compiled_form is form
    assert spec.interview is form.form


def test_a_quote_that_only_introduces_a_list_is_refused_with_its_line(tmp_path: Path) -> None:
    """« Les indicateurs … sont les suivants : », quoted without its list, was the whole help
    at an indicator: such a quote is refused where the call is loaded."""
    broken = tmp_path / "broken.yaml"
    text = SPEC_2026.read_text(encoding="utf-8")
    start = text.index("indicators_quote:")
    end = text.index("  section:", start)
    text = (
        text[:start]
        + 'indicators_quote:\n  text: "Les indicateurs sont les suivants :"\n'
        + text[end:]
    )
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(SpecError) as error:
        load_spec(broken)
    line = text.splitlines().index('  text: "Les indicateurs sont les suivants :"') + 1
    assert any(
        where == f"{line}: indicators_quote.text" and "list" in problem
        for where, problem in error.value.problems
    ), error.value.problems
