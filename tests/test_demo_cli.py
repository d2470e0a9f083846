"""`aap-bot demo`, `export` and `import` as a newcomer runs them: real processes, real files."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import COMPLETE_SCRIPT, ROOT, script_lines

pytestmark = pytest.mark.slow
AAP_BOT = [sys.executable, "-m", "app.cli"]
CONVERSATIONS = sorted((ROOT / "examples" / "conversations").glob("*.txt"))


def _env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_"))}
    env.update(DATABASE_URL=database_url, AAP_BOT_TODAY="2026-11-25", PYTHONPATH=str(ROOT), **extra)
    return env


def _run(
    args: list[str], cwd: Path, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*AAP_BOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def _answers(export: dict[str, object]) -> dict[str, object]:
    return {
        k: v
        for k, v in export.items()
        if k not in ("uuid", "created_at", "updated_at", "draft_generated_at")
    }


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda p: p.stem)
def test_a_scripted_conversation_completes_all_seven_steps_and_every_answer_is_exported(
    conversation: Path, tmp_path: Path, database_url: str
) -> None:
    env = _env(database_url)
    demo = _run(["demo"], tmp_path, env, conversation.read_text(encoding="utf-8"))
    assert demo.returncode == 0, demo.stderr
    for step in range(1, 8):
        assert f"Étape {step}/7" in demo.stdout
    assert "complet à 100 %" in demo.stdout
    assert "Votre brouillon est prêt" in demo.stdout
    drafts = sorted(p.name for p in (tmp_path / "out").iterdir())
    pdf = ["plan-actions-inser-reseau-62-2025.pdf"] if shutil.which("soffice") else []
    assert drafts == [
        "budget-inser-reseau-62-2025.xlsx",
        "courrier-inser-reseau-62-2025.docx",
        "plan-actions-inser-reseau-62-2025.docx",
        "plan-actions-inser-reseau-62-2025.md",
        *pdf,
    ]

    export = _run(["export", "-o", "dossier.json"], tmp_path, env)
    assert export.returncode == 0, export.stderr
    data = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    assert data["organisation"]["siret"] == "73282932000074"
    assert data["organisation"]["contact"]["phone"] == "+33321216550"
    assert set(data["plan"]["actions"]) == {"o1", "o2", "o3", "o4"}
    assert data["plan"]["actions"]["o2"][0]["areas"] == "CA du Boulonnais, CA de Lens-Liévin"
    assert data["indicators"]["targets"]["formations"] == {
        "target": 8,
        "comment": "dont 2 en visioconférence",
    }
    assert data["budget"]["other_funders"][0]["name"] == "Région Hauts-de-France"
    assert data["budget"]["other_funders"][0]["status"] == "obtained"


def test_answers_typed_as_people_type_them_reach_a_draft_without_one_refusal(
    tmp_path: Path,
) -> None:
    """ "environ 40", "de mars à juin", "0,5 ETP", "45k€", "le maximum", "10 (dont 3 en
    visio)", "tete de reseau departementale", "ouais", "non merci"…"""
    env = _env(f"sqlite:///{tmp_path / 'demo.db'}")
    script = (ROOT / "examples" / "conversations" / "candidature-naturelle.txt").read_text(
        encoding="utf-8"
    )
    demo = _run(["demo"], tmp_path, env, script)
    assert demo.returncode == 0, demo.stderr
    assert "❗" not in demo.stdout and "❓" not in demo.stdout
    assert "Votre brouillon est prêt" in demo.stdout
    export = _run(["export"], tmp_path, env)
    data = json.loads(export.stdout)
    assert data["organisation"]["member_siae_count"] == 40
    first = data["plan"]["actions"]["o1"][0]
    assert first["months"] == ["2025-03", "2025-04", "2025-05", "2025-06"]
    assert first["fte"] == "0.5"
    assert data["budget"]["staff"][0]["annual_cost"] == "45000.00"
    assert data["budget"]["indirect_maximum"] is True
    assert data["budget"]["indirect"] == "9000.00"  # 20 % of 45 000 €
    assert data["indicators"]["targets"]["gouvernance"] == {
        "target": 10,
        "comment": "dont 3 en visio",
    }


def test_import_into_an_empty_database_then_export_gives_the_same_json(tmp_path: Path) -> None:
    first = _env(f"sqlite:///{tmp_path / 'first.db'}")
    assert (
        _run(["demo"], tmp_path, first, COMPLETE_SCRIPT.read_text(encoding="utf-8")).returncode == 0
    )
    original = _run(["export"], tmp_path, first).stdout
    (tmp_path / "dossier.json").write_text(original, encoding="utf-8")

    empty = _env(f"sqlite:///{tmp_path / 'empty.db'}")
    imported = _run(["import", "dossier.json"], tmp_path, empty)
    assert imported.returncode == 0, imported.stderr
    assert _run(["export"], tmp_path, empty).stdout == original
    again = _run(["import", "dossier.json"], tmp_path, empty)
    assert again.returncode != 0 and "Import refusé" in again.stderr


def test_the_demo_ends_cleanly_at_end_of_input_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'demo.db'}")
    lines = script_lines()
    first = _run(["demo"], tmp_path, env, "\n".join(lines[:10]) + "\n")
    assert first.returncode == 0 and "À bientôt" in first.stdout
    second = _run(["demo"], tmp_path, env, "")
    assert second.returncode == 0
    assert "Sur quel territoire votre réseau intervient-il" in second.stdout  # the 11th question


def _wait_prompt(process: subprocess.Popen[bytes], transcript: bytearray) -> None:
    assert process.stdout is not None
    while not transcript.endswith(b"> "):
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            raise AssertionError(
                f"demo ended early:\n{transcript.decode(errors='replace')[-2000:]}"
            )
        transcript.extend(chunk)


def test_killing_the_demo_mid_interview_loses_nothing(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'kill.db'}")
    lines = script_lines()
    position = 0
    for kill_after in (7, 23, 41, 64, 80):
        process = subprocess.Popen(
            [*AAP_BOT, "demo"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=tmp_path, env=env
        )
        assert process.stdin is not None
        transcript = bytearray()
        _wait_prompt(process, transcript)
        while position < kill_after:
            process.stdin.write((lines[position] + "\n").encode())
            process.stdin.flush()
            transcript.clear()
            _wait_prompt(process, transcript)  # the reply is out: the answer was committed
            position += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdin.close()
        assert process.stdout is not None
        process.stdout.close()
    rest = "\n".join(lines[position:]) + "\n"
    final = _run(["demo"], tmp_path, env, rest)
    assert final.returncode == 0, final.stderr
    assert "Votre brouillon est prêt" in final.stdout
    killed = json.loads(_run(["export"], tmp_path, env).stdout)

    clean_env = _env(f"sqlite:///{tmp_path / 'clean.db'}")
    _run(["demo"], tmp_path, clean_env, COMPLETE_SCRIPT.read_text(encoding="utf-8"))
    clean = json.loads(_run(["export"], tmp_path, clean_env).stdout)
    assert _answers(killed) == _answers(clean)


def test_the_terminal_exports_then_erases_the_users_data_after_confirmation(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'data.db'}")
    lines = script_lines()[:8]
    result = _run(["demo"], tmp_path, env, "\n".join([*lines, "/mes_donnees"]) + "\n")
    assert "Toutes les données enregistrées" in result.stdout
    exported = json.loads((tmp_path / "out" / "mes-donnees.json").read_text(encoding="utf-8"))
    assert exported["dossiers"][0]["dossier"]["organisation"]["siret"] == "73282932000074"
    kept = _run(["demo"], tmp_path, env, "/supprimer_mes_donnees\nnon\n")
    assert "Reprise de votre dossier" in kept.stdout and "Effacement annulé" in kept.stdout
    erased = _run(["demo"], tmp_path, env, "/supprimer_mes_donnees\nOUI\n")
    assert "Vos données ont été effacées (1 dossier)" in erased.stdout
    assert _run(["export"], tmp_path, env).returncode == 1


def test_a_section_shortcut_in_the_terminal_jumps_to_that_part(tmp_path: Path) -> None:
    env = _env(f"sqlite:///{tmp_path / 'demo.db'}")
    lines = script_lines()
    result = _run(["demo"], tmp_path, env, "\n".join([*lines[:6], "/budget"]) + "\n")
    assert result.returncode == 0, result.stderr
    after = result.stdout.rsplit("/budget", 1)[-1] if "/budget" in result.stdout else result.stdout
    assert "Étape 6/7 — Budget" in after


def test_budget_annuel_typed_in_the_organisations_edit_menu_is_its_item_not_the_shortcut(
    tmp_path: Path,
) -> None:
    """A section's word without its slash is text: « budget annuel » in the Organisation's
    edit menu opens the organisation's annual budget, not the Budget section."""
    env = _env(f"sqlite:///{tmp_path / 'demo.db'}")
    lines = script_lines()[:-1]  # up to the review
    stdin = "\n".join([*lines, "Modifier une réponse", "Organisation", "budget annuel"]) + "\n"
    result = _run(["demo"], tmp_path, env, stdin)
    assert result.returncode == 0, result.stderr
    after = result.stdout.rsplit("Budget annuel de l’organisme", 1)[-1]
    assert "Quel est le budget annuel de votre organisme ?" in after
    assert "Étape 6/7 — Budget · Modifier" not in after


def test_question_and_equipe_alone_in_the_terminal_say_how_to_use_them(tmp_path: Path) -> None:
    """« /question » without a question, « /equipe » with nothing to pass on, « /reprendre »
    and « /dupliquer » without a number are shown how to use them (the dossiers' list for
    the last two), never taken as an answer nor called unknown."""
    env = _env(f"sqlite:///{tmp_path / 'demo.db'}")
    lines = script_lines()
    stdin = "\n".join([*lines[:5], "/question", "/equipe", "/reprendre", "/dupliquer"]) + "\n"
    result = _run(["demo"], tmp_path, env, stdin)
    assert result.returncode == 0, result.stderr
    assert "Tapez /question suivie de votre question" in result.stdout
    assert "Aucune question n’attend d’être transmise" in result.stdout
    assert "Je ne connais pas la commande" not in result.stdout
