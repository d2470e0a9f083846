"""`aap-bot ask`: question the knowledge base from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

from knowledge.base import Answer, KnowledgeBase


def answer_json(answer: Answer) -> str:
    """One compact JSON object with exactly the four keys of the contract."""
    return json.dumps(
        {
            "answer": answer.answer,
            "source": answer.source,
            "score": answer.score,
            "confident": answer.confident,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def answer_text(answer: Answer) -> str:
    verdict = "confiant" if answer.confident else "non confiant"
    lines = [answer.answer]
    if answer.source:
        lines.append(f"Source : {answer.source}")
    lines.append(f"Score : {answer.score:.2f} ({verdict})")
    return "\n".join(lines)


def ask_command(
    question: str,
    as_json: bool,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    kb: KnowledgeBase | None = None,
    call_path: Path | None = None,
) -> int:
    """Answer `question`; with `question == "-"`, answer each non-blank line of stdin.
    JSON mode prints one object a line, flushed as soon as it is written. `call_path`:
    the call's source text (default: the shipped call's)."""
    source_in = stdin if stdin is not None else sys.stdin
    out = stdout if stdout is not None else sys.stdout
    if kb is not None:
        base = kb
    elif call_path is not None:
        base = KnowledgeBase.build(call_path)
    else:
        base = KnowledgeBase.build()
    questions = (line.strip() for line in source_in) if question == "-" else iter([question])
    for line in questions:
        if not line:
            continue
        answer = base.ask(line)
        out.write((answer_json(answer) if as_json else answer_text(answer)) + "\n")
        out.flush()
    return 0
