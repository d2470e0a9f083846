"""User stories of the knowledge base: applicants' questions answered from the call."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from knowledge.base import NOT_ANSWERED, FaqEntry, KnowledgeBase
from knowledge.cli import ask_command
from knowledge.passages import load_call
from knowledge.text import fold, terms

ROOT = Path(__file__).resolve().parent.parent
CALL = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.source.txt"
QUESTIONS: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (ROOT / "tests" / "data" / "kb_questions.yaml").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.build(faq_entries=[])


def test_deadline_question_is_answered_with_closing_date_and_section(kb: KnowledgeBase) -> None:
    answer = kb.ask("quelle est la date limite ?")
    assert answer.confident
    assert "14/02/2025" in answer.answer
    assert answer.source == "Durée et financement › Durée de l’Appel à projets"


def test_subsidy_amount_is_not_answered_with_confidence(kb: KnowledgeBase) -> None:
    answer = kb.ask("Quel est le montant maximum de la subvention ?")
    assert not answer.confident
    assert answer.answer == NOT_ANSWERED
    assert answer.source == ""


def test_indirect_costs_cap_is_answered(kb: KnowledgeBase) -> None:
    answer = kb.ask("Quel est le plafond des charges indirectes ?")
    assert answer.confident
    assert "20%" in answer.answer
    assert answer.source == "Durée et financement › Modalités de financement"


def test_synonym_frais_de_structure_finds_indirect_costs(kb: KnowledgeBase) -> None:
    answer = kb.ask("Les frais de structure sont-ils pris en charge ?")
    assert answer.confident
    assert "charges indirectes" in answer.answer


def test_accents_and_case_do_not_matter(kb: KnowledgeBase) -> None:
    with_accents = kb.ask("Les frais de déplacement sont-ils éligibles ?")
    without = kb.ask("LES FRAIS DE DEPLACEMENT SONT ILS ELIGIBLES")
    assert with_accents.confident
    assert (with_accents.source, with_accents.answer) == (without.source, without.answer)


def test_an_siae_asking_to_apply_gets_the_eligible_applicants(kb: KnowledgeBase) -> None:
    answer = kb.ask("Une entreprise d'insertion peut-elle candidater ?")
    assert answer.source == "Porteurs de projets éligibles"
    assert "têtes de réseaux" in answer.answer


def test_question_on_the_whole_list_gets_the_whole_list(kb: KnowledgeBase) -> None:
    answer = kb.ask("Quels sont les indicateurs d'évaluation ?")
    assert answer.answer.count("· ") == 6


def test_answers_quote_the_call_verbatim(kb: KnowledgeBase) -> None:
    text = CALL.read_text(encoding="utf-8")
    flat = " ".join(text.split())
    for item in QUESTIONS["in_scope"]:
        answer = kb.ask(item["q"])
        if not answer.confident:
            continue
        for line in answer.answer.split("\n"):
            assert " ".join(line.removeprefix("· ").split()) in flat


def test_passages_carry_the_call_sections() -> None:
    sections = {p.section for p in load_call(CALL)}
    assert "Durée et financement › Modalités de financement" in sections
    assert "Évaluation › Indicateurs d’évaluation" in sections
    assert "Territoire(s) concerné(s)" in sections
    assert "Contact" in sections


def test_text_analysis_folds_elisions_and_accents() -> None:
    assert fold("L’Évaluation") == "l'evaluation"
    assert terms("l’évaluation des dépenses") == terms("evaluation depense")


def test_in_scope_accuracy_at_least_90_percent(kb: KnowledgeBase) -> None:
    results = [
        (a := kb.ask(item["q"])).confident and a.source == item["section"]
        for item in QUESTIONS["in_scope"]
    ]
    assert len(results) >= 45
    assert sum(results) / len(results) >= 0.90


def test_no_out_of_scope_question_is_answered_with_confidence(kb: KnowledgeBase) -> None:
    assert len(QUESTIONS["out_of_scope"]) >= 20
    confident = [item["q"] for item in QUESTIONS["out_of_scope"] if kb.ask(item["q"]).confident]
    assert confident == []


def test_faq_added_at_runtime_answers_with_faq_source(kb: KnowledgeBase) -> None:
    entry = FaqEntry(
        question="Peut-on cumuler ce financement avec le FSE ?",
        answer="Oui, sous réserve de ne pas financer deux fois la même dépense.",
        source="",
    )
    with_faq = kb.with_faq([entry])
    answer = with_faq.ask("Peut-on cumuler avec le FSE ?")
    assert answer.confident
    assert answer.answer == entry.answer
    assert answer.source == "FAQ du Département"
    assert not kb.ask("Peut-on cumuler avec le FSE ?").confident


def test_cli_plain_mode_prints_answer_source_and_score(kb: KnowledgeBase) -> None:
    out = io.StringIO()
    assert ask_command("quelle est la date limite ?", as_json=False, stdout=out, kb=kb) == 0
    text = out.getvalue()
    assert "Source : Durée et financement › Durée de l’Appel à projets" in text
    assert "(confiant)" in text


def test_cli_json_mode_reads_stdin_lines(kb: KnowledgeBase) -> None:
    out = io.StringIO()
    stdin = io.StringIO("quelle est la date limite ?\n\nQuel temps fera-t-il demain ?\n")
    assert ask_command("-", as_json=True, stdin=stdin, stdout=out, kb=kb) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert set(first) == {"answer", "source", "score", "confident"}
    assert first["confident"] is True
    assert second["confident"] is False
    assert second["source"] == ""
    assert "’" in lines[0] or "é" in lines[0]  # ensure_ascii=False


def test_cli_json_contract_in_a_subprocess() -> None:
    code = "import sys; from knowledge.cli import ask_command; sys.exit(ask_command('-', True))"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input="Les frais de déplacement sont-ils éligibles ?\nQuelles pièces faut-il joindre ?\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["confident"] for r in rows] == [True, False]
    assert rows[0]["source"] == "Durée et financement › Modalités de financement"
    assert isinstance(rows[0]["score"], float)
