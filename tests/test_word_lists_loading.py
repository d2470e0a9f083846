"""The word lists (`vocabulary.yaml`, `corrections.yaml`) are read once per process, at the
first typed word: on the bot's event loop, during the first applicant's answer. libyaml's
parser reads them in 6 ms instead of 60 (issue 14), into the same words."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
import yaml.scanner

from dialogs import corrections
from dialogs.parsing import vocabulary


@pytest.fixture
def read_anew() -> Iterator[None]:
    vocabulary.vocabulary.cache_clear()
    corrections._words.cache_clear()
    yield
    vocabulary.vocabulary.cache_clear()
    corrections._words.cache_clear()


def test_the_first_typed_word_does_not_wait_for_the_pure_python_parser(
    read_anew: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(*_: object) -> None:
        raise AssertionError("read by PyYAML's pure Python scanner")

    monkeypatch.setattr(yaml.scanner.Scanner, "fetch_more_tokens", slow)
    assert "precedent" in vocabulary.vocabulary().commands.keywords["back"]
    assert corrections._words().mistake


def test_the_words_read_are_those_the_files_say(read_anew: None) -> None:
    with vocabulary.VOCABULARY_FILE.open(encoding="utf-8") as stream:
        said = vocabulary.Vocabulary.model_validate(yaml.safe_load(stream))
    assert vocabulary.vocabulary() == said
    with corrections.WORDS_FILE.open(encoding="utf-8") as stream:
        words = corrections._Words.model_validate(yaml.safe_load(stream))
    assert corrections._words() == words
