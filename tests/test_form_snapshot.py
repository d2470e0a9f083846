"""Today's interview, pinned: the questions planned at every step of the complete script, for
the example dossier and for ineligible applicants, and the whole scripted transcript.

The snapshot (`tests/data/snapshots/interview.json`) was taken before the form became data;
it must stay equal through any refactoring of the form or the engine. A deliberate change of
behaviour updates it with `UPDATE_SNAPSHOTS=1 pytest tests/test_form_snapshot.py`, and the
commit says why.
"""

from __future__ import annotations

import hashlib
import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Outcome, Text
from tests.support import ROOT, TODAY, plain, script_lines, spec_2025

SNAPSHOT = ROOT / "tests" / "data" / "snapshots" / "interview.json"
EXAMPLE = ROOT / "examples" / "dossier-exemple.json"
INELIGIBLE_SCRIPTS = {
    "siae_ei": ["1", "5"],
    "other": ["1", "9"],
    "no_territory": ["1", "1", "non"],
    "no_target_public": ["1", "1", "oui", "non"],
    "no_period": ["1", "1", "oui", "oui", "non"],
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in sorted(value.items())}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _question_line(question: Any) -> str:
    """One planned question, as the fields the snapshot pins."""
    return json.dumps(
        [
            question.key,
            question.section,
            question.kind,
            question.label,
            question.required,
            question.skippable,
            _jsonable(dict(question.limits)),
            [[c.id, c.label] for c in question.choices],
            question.prompt,
        ],
        ensure_ascii=False,
    )


def _plan(engine: Interview, dossier: Dossier) -> list[str]:
    return [_question_line(q) for q in engine.questions(dossier)]


def _transcript_entry(outcome: Outcome) -> dict[str, Any]:
    prompt = outcome.messages[-1] if outcome.messages else None
    return {
        "cursor": outcome.dossier.cursor.key,
        "text": plain(outcome),
        "progress": prompt.progress if prompt else None,
        "buttons": [b.label for b in prompt.buttons] if prompt else [],
    }


def _take() -> dict[str, Any]:
    spec = spec_2025()
    engine = Interview(spec)
    plans: dict[str, list[str]] = {}

    def keep(lines: list[str]) -> str:
        digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:12]
        plans[digest] = lines
        return digest

    # Every prefix of the complete script, and the transcript of the whole conversation.
    dossier = engine.new_dossier()
    first = engine.show(dossier, TODAY)
    dossier = first.dossier
    prefixes = [keep(_plan(engine, dossier))]
    transcript = [{"input": None, **_transcript_entry(first)}]
    for line in script_lines():
        outcome = engine.handle(dossier, Text(line), TODAY)
        dossier = outcome.dossier
        prefixes.append(keep(_plan(engine, dossier)))
        transcript.append({"input": line, **_transcript_entry(outcome)})

    example = Dossier.model_validate_json(EXAMPLE.read_text(encoding="utf-8"))
    ineligible = {}
    for name, lines in INELIGIBLE_SCRIPTS.items():
        state = engine.new_dossier()
        for line in lines:
            state = engine.handle(state, Text(line), TODAY).dossier
        ineligible[name] = {"cursor": state.cursor.key, "plan": keep(_plan(engine, state))}
    return {
        "script_prefixes": prefixes,
        "example_dossier": keep(_plan(engine, example)),
        "ineligible": ineligible,
        "transcript": transcript,
        "plans": dict(sorted(plans.items())),
    }


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def test_the_planned_questions_and_the_transcript_match_the_snapshot() -> None:
    taken = _take()
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        _write(SNAPSHOT, taken)
    pinned = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    for index, (now, then) in enumerate(
        zip(taken["transcript"], pinned["transcript"], strict=True)
    ):
        assert now == then, f"transcript step {index} (input {now['input']!r})"
    for index, (now, then) in enumerate(
        zip(taken["script_prefixes"], pinned["script_prefixes"], strict=True)
    ):
        assert taken["plans"][now] == pinned["plans"][then], f"plan after {index} script lines"
    assert taken["plans"][taken["example_dossier"]] == pinned["plans"][pinned["example_dossier"]]
    for name, state in taken["ineligible"].items():
        then = pinned["ineligible"][name]
        assert state["cursor"] == then["cursor"], name
        assert taken["plans"][state["plan"]] == pinned["plans"][then["plan"]], name
