"""Parsing speed: every answer of the corpus (tests/data/parsing), then 10 000-character
answers, each parsed by its field kind's parser; also the first-use cost (imports, vocabulary).

Targets: corpus answers under 1 ms each at the 99th percentile; a 10 000-character answer
under 5 ms (no catastrophic backtracking); first parse after import under 150 ms.
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

started = time.perf_counter()
from dialogs import parsing  # noqa: E402

imported = time.perf_counter()
parsing.parse_integer("quarante", maximum=100)  # loads the vocabulary and text2num
first_use = time.perf_counter() - imported
import_time = imported - started

from tests.test_parsing_corpus import _cases, _parser  # noqa: E402
from tests.test_parsing_property import LONG_INPUTS, PARSERS  # noqa: E402

EXPECTED = (parsing.InvalidAnswer, parsing.Clarification)


def timed(parse: Any, text: str, runs: int = 5) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(EXPECTED):
            parse(text)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    times: dict[str, list[float]] = {}
    for param in _cases():
        kind, text, _expected, args, sets = param.values
        times.setdefault(kind, []).append(timed(_parser(kind, args, sets), text))
    ok = True
    print(
        f"import of dialogs.parsing (with pydantic, babel, phonenumbers…): {import_time * 1000:.0f} ms"
    )
    print(f"first parse (vocabulary, text2num): {first_use * 1000:.0f} ms (target < 150 ms)")
    ok &= first_use < 0.150
    every = sorted(t for values in times.values() for t in values)
    p99 = every[int(len(every) * 0.99)]
    print(
        f"{len(every)} corpus answers: median {statistics.median(every) * 1e6:.0f} µs, "
        f"p99 {p99 * 1e6:.0f} µs, max {every[-1] * 1e6:.0f} µs (target p99 < 1000 µs)"
    )
    for kind, values in sorted(times.items()):
        values.sort()
        print(
            f"  {kind:12} median {statistics.median(values) * 1e6:5.0f} µs  "
            f"max {values[-1] * 1e6:6.0f} µs"
        )
    ok &= p99 < 0.001
    worst = max(
        (timed(parse, text, runs=3), kind, text[:12])
        for kind, parse in PARSERS.items()
        for text in LONG_INPUTS
    )
    print(
        f"10 000-character answers: slowest {worst[0] * 1000:.2f} ms ({worst[1]}, "
        f"{worst[2]!r}…) (target < 5 ms)"
    )
    ok &= worst[0] < 0.005
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
