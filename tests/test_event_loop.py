"""EVENT_LOOP: the bot runs on uvloop where it is installed, on asyncio's own loop otherwise
or when asked, and says so in its log."""

from __future__ import annotations

import asyncio
import sys

import pytest

from app.cli import _event_loop
from app.event_loop import LoopUnavailable, loop_factory
from app.settings import Settings


def test_auto_picks_uvloop_where_it_is_installed() -> None:
    uvloop = pytest.importorskip("uvloop")
    factory, name = loop_factory("auto")
    assert name == "uvloop"
    assert factory is uvloop.new_event_loop
    with asyncio.Runner(loop_factory=factory) as runner:
        assert isinstance(runner.get_loop(), uvloop.Loop)


def test_asyncio_forces_the_standard_loop() -> None:
    assert loop_factory("asyncio") == (None, "asyncio")


def test_auto_falls_back_to_asyncio_without_uvloop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # `import uvloop` now raises ImportError
    assert loop_factory("auto") == (None, "asyncio")


def test_a_required_uvloop_that_is_missing_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)
    with pytest.raises(LoopUnavailable):
        loop_factory("uvloop")


def test_the_command_stops_in_french_when_a_required_uvloop_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)
    with pytest.raises(SystemExit) as stopped:
        _event_loop(Settings(_env_file=None, event_loop="uvloop"))  # type: ignore[call-arg]
    assert stopped.value.code == 2
    assert "EVENT_LOOP=uvloop, mais uvloop n'est pas installé" in capsys.readouterr().err
