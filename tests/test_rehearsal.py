"""The interview rehearsed in memory after the bot starts (`dialogs.rehearsal`): the first
applicants after a restart no longer pay, on their replies, for compiling the messages they
read and building the patterns that read their answers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.clock import FixedClock
from dialogs import texts
from dialogs.engine import Interview
from dialogs.events import Command, Text
from dialogs.parsing import vocabulary
from dialogs.rehearsal import SCRIPT, rehearse
from dialogs.service import InterviewService
from storage.repository import SqlStore
from tests.support import COMPLETE_SCRIPT, spec_2025

TODAY = dt.date(2025, 2, 1)


def _built() -> tuple[int, int, int]:
    """Templates parsed, messages compiled, answer patterns built so far in this process."""
    return (
        texts._parsed_named.cache_info().misses,
        texts._macro_template_named.cache_info().misses,
        vocabulary.phrase_pattern.cache_info().misses,
    )


@pytest.fixture
def cold() -> None:
    """As a process just started: nothing compiled or built yet."""
    for cached in (texts._parsed_named, texts._macro_template_named, vocabulary.phrase_pattern):
        cached.cache_clear()


def _applicant_answers_the_whole_interview() -> None:
    interview = Interview(spec_2025(), channel="telegram")
    dossier = interview.handle(interview.new_dossier(), Command("start"), TODAY).dossier
    for line in COMPLETE_SCRIPT.read_text(encoding="utf-8").splitlines():
        dossier = interview.handle(dossier, Text(line), TODAY).dossier
    assert dossier.organisation.name == "Inser'Réseau 62"  # the script went through


def test_after_the_rehearsal_a_whole_interview_compiles_no_message_and_builds_no_pattern(
    cold: None,
) -> None:
    played = rehearse(spec_2025(), TODAY)
    assert played > 80  # the natural-answers script, every line
    before = _built()
    assert min(before) > 0  # the rehearsal did the compiling
    _applicant_answers_the_whole_interview()
    assert _built() == before


def test_without_the_rehearsal_the_first_applicant_pays_for_it(cold: None) -> None:
    """The check above can fail: the same interview, cold, compiles on its replies."""
    _applicant_answers_the_whole_interview()
    parsed, compiled, patterns = _built()
    assert parsed > 0 and compiled > 20 and patterns > 10


def test_the_rehearsal_is_not_the_benchs_script() -> None:
    """It warms what any interview uses, from answers typed as people type them, rather than
    the path `bench/bench_bot_load.py` measures."""
    assert SCRIPT.name == "candidature-naturelle.txt" and SCRIPT != COMPLETE_SCRIPT
    assert SCRIPT.is_file()


def test_a_missing_script_rehearses_nothing(tmp_path: Path) -> None:
    assert rehearse(spec_2025(), TODAY, script=tmp_path / "absent.txt") == 0


def test_the_service_rehearses_in_memory_and_keeps_nothing(tmp_path: Path) -> None:
    """No user, no dossier, no answer recorded: the database stays as it was."""
    store = SqlStore(f"sqlite:///{tmp_path / 'r.db'}")
    service = InterviewService(
        specs=lambda _: spec_2025(),
        default_call_id=spec_2025().identity.id,
        store=store,
        clock=FixedClock(dt.datetime(2025, 2, 1, 9, tzinfo=dt.UTC)),
        channel="telegram",
    )
    assert service.rehearse() > 80
    with store.transaction() as repo:
        assert repo.list_dossiers() == []


def test_the_rehearsal_stops_at_once_when_the_bot_stops() -> None:
    """A worker thread cannot be cancelled: the bot's stop would wait for the whole script."""
    calls: list[int] = []

    def stopping() -> bool:
        calls.append(1)
        return len(calls) > 3

    assert rehearse(spec_2025(), TODAY, until=stopping) == 3
