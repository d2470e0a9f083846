"""Clocks: the only place the current time is read. Logic receives a clock or a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class FixedClock:
    """A clock stopped at one instant (tests, demos with AAP_BOT_TODAY)."""

    instant: dt.datetime

    @classmethod
    def on(cls, day: dt.date) -> FixedClock:
        return cls(dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC))

    def now(self) -> dt.datetime:
        return self.instant
