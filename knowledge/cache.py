"""A disk cache of the bank's index, so that a new process answers its first question sooner.

Reading the bank's fifteen hundred questions and the synonyms, and building their vectors,
costs about a second of CPU; loading the result (`knowledge.base.Prepared`: the synonym
rules, the examples and their index, whose postings are three numpy arrays) costs a few
tens of milliseconds. The cache
file is named after a hash of everything the index depends on (the call's text, the bank,
the synonyms and spellings, and the source of the modules that compute it), so a change to
any of them builds a new one. It lives in `AAP_BOT_CACHE_DIR`, else `$XDG_CACHE_HOME/aap-bot`,
else `~/.cache/aap-bot`; a cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

PACKAGE_DIR = Path(__file__).resolve().parent
# The modules whose code decides what the index holds.
_SOURCES = ("text.py", "lexical.py", "similarity.py", "base.py", "passages.py", "bank.py")

T = TypeVar("T")


def default_cache_dir() -> Path:
    if os.environ.get("AAP_BOT_CACHE_DIR"):
        return Path(os.environ["AAP_BOT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aap-bot"


def cache_key(parts: Iterable[bytes]) -> str:
    digest = hashlib.sha256()
    for name in _SOURCES:
        digest.update((PACKAGE_DIR / name).read_bytes())
    for part in parts:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()[:32]


def cached(directory: Path | None, key: str, build: Callable[[], T]) -> T:
    """`build()`'s result, read from `directory` when it holds one for `key`, else built
    and written there (atomically: two processes never see half a file)."""
    if directory is None:
        return build()
    path = directory / f"knowledge-{key}.pickle"
    try:
        with path.open("rb") as file:
            value: T = pickle.load(file)  # our own file, in the user's cache
            return value
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass
    value = build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, delete=False) as temporary:
            pickle.dump(value, temporary, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary.name, path)
    except OSError:
        pass
    return value
