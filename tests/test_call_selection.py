"""The whole product follows the configured call: `--call FILE` or `CALL_FILE` on `demo`,
`ask`, `render` and `check-call`, as a newcomer runs them (real processes, real files)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT

pytestmark = pytest.mark.slow
AAP_BOT = [sys.executable, "-m", "app.cli"]
SHIPPED_CALL = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.yaml"
SHIPPED_TEXT = ROOT / "dialogs" / "calls" / "pdc-axe3-2025.source.txt"
FICTIF = ROOT / "tests" / "data" / "calls" / "fictif-2027"


def _run(
    args: list[str], cwd: Path, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "DATABASE_", "CALL_"))
    }
    environment.update(
        DATABASE_URL=f"sqlite:///{cwd / 'aap-bot.db'}",
        AAP_BOT_TODAY="2026-12-02",
        PYTHONPATH=str(ROOT),
    )
    environment.update(env)
    return subprocess.run(
        [*AAP_BOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        timeout=180,
    )


@pytest.fixture
def call_copy(tmp_path: Path) -> Path:
    """The shipped call, copied alone into another folder, closing on 20/12/2026 instead of
    14/02/2025, in its file and in its text."""
    folder = tmp_path / "copie"
    folder.mkdir()
    old, new = "ouvert du 15/01/2025 au 14/02/2025", "ouvert du 15/01/2025 au 20/12/2026"
    call = SHIPPED_CALL.read_text(encoding="utf-8")
    call = call.replace("end: 2025-02-14", "end: 2026-12-20").replace(old, new)
    (folder / SHIPPED_CALL.name).write_text(call, encoding="utf-8")
    text = SHIPPED_TEXT.read_text(encoding="utf-8").replace(old, new)
    (folder / SHIPPED_TEXT.name).write_text(text, encoding="utf-8")
    return folder / SHIPPED_CALL.name


def test_demo_with_a_copy_of_the_call_welcomes_with_its_closing_date(
    call_copy: Path, tmp_path: Path
) -> None:
    demo = _run(["demo", "--call", str(call_copy)], tmp_path, "/quitter\n")
    assert demo.returncode == 0, demo.stderr
    assert "ouvert jusqu’au 20/12/2026 inclus (18 jours restants)" in demo.stdout
    by_env = _run(["demo"], tmp_path / "..", "/quitter\n", CALL_FILE=str(call_copy))
    assert "20/12/2026" in by_env.stdout, by_env.stderr


def test_ask_with_a_copy_of_the_call_answers_the_deadline_from_its_text(
    call_copy: Path, tmp_path: Path
) -> None:
    question = "Jusqu'à quand peut-on déposer sa candidature ?\n"
    asked = _run(["ask", "--json", "--call", str(call_copy), "-"], tmp_path, question)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout.splitlines()[0])
    assert answer["confident"] and "20/12/2026" in answer["answer"]
    shipped = json.loads(_run(["ask", "--json", "-"], tmp_path, question).stdout.splitlines()[0])
    assert "14/02/2025" in shipped["answer"]


def test_a_call_with_its_own_form_runs_from_a_scripted_conversation_to_a_draft(
    tmp_path: Path,
) -> None:
    """No indirect costs, five orientations, four eligibility criteria: only files changed."""
    call = FICTIF / "appel.yaml"
    script = (FICTIF / "conversation.txt").read_text(encoding="utf-8")
    demo = _run(["demo", "--call", str(call)], tmp_path, script, AAP_BOT_TODAY="2027-03-15")
    assert demo.returncode == 0, demo.stderr
    assert "Appel à projets" not in demo.stderr
    assert "Axe 5 : Mobilité vers l’emploi" in demo.stdout
    assert "Disposez-vous d’une assurance couvrant les véhicules" in demo.stdout
    assert "Orientation 5/5" in demo.stdout
    assert "charges indirectes" not in demo.stdout.lower()
    assert "Prêt à déposer" in demo.stdout and "Votre brouillon est prêt" in demo.stdout
    drafts = {p.name for p in (tmp_path / "out").iterdir()}
    assert {
        "plan-actions-mobil-reseau-opale-2027.docx",
        "plan-actions-mobil-reseau-opale-2027.md",
        "budget-mobil-reseau-opale-2027.xlsx",
    } <= drafts
    exported = _run(["export", "-o", "dossier.json"], tmp_path)
    assert exported.returncode == 0, exported.stderr
    dossier = json.loads((tmp_path / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["call_id"] == "fictif-2027-mobilite"
    assert dossier["eligibility"]["answers"]["insurance"] is True
    assert sorted(dossier["plan"]["actions"]) == ["m1", "m2", "m3", "m4", "m5"]
    assert dossier["budget"]["indirect"] is None
    rendered = _run(["render", "dossier.json", "--call", str(call), "--output", "rendu"], tmp_path)
    assert rendered.returncode == 0, rendered.stderr
    assert (tmp_path / "rendu" / "plan-actions-mobil-reseau-opale-2027.md").exists()


def test_check_call_validates_a_call_and_its_form_and_render_refuses_a_broken_call_file(
    tmp_path: Path,
) -> None:
    shutil.copytree(FICTIF, tmp_path / "appel")
    form = tmp_path / "appel" / "formulaire.yaml"
    form.write_text(
        form.read_text(encoding="utf-8").replace("path: organisation.siret", "path: org.siret"),
        encoding="utf-8",
    )
    checked = _run(["check-call", "--call", str(tmp_path / "appel" / "appel.yaml")], tmp_path)
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    assert f"{form}:" in checked.stderr and "org.siret" in checked.stderr
    demo = _run(["demo"], tmp_path, "", CALL_FILE=str(tmp_path / "appel" / "appel.yaml"))
    assert demo.returncode == 2 and "Traceback" not in demo.stderr
    assert "org.siret" in demo.stderr


def test_check_call_names_file_and_line_of_each_problem_of_a_call_and_its_form(
    tmp_path: Path,
) -> None:
    """An impossible date, a wrong type, an unknown key in the call; a path the dossier does
    not have, a rule that is not registered and a missing prompt in its form."""
    shutil.copy(SHIPPED_TEXT, tmp_path)
    call = SHIPPED_CALL.read_text(encoding="utf-8")
    call = call.replace("  end: 2025-02-14", "  end: 2025-02-31").replace(
        "  months: 12", "  months: douze"
    )
    call = call.replace("\nterritory:", "\ncolour: blue\nterritory:")
    call = call.replace("form: ../forms/axe3.yaml", "form: formulaire.yaml")
    (tmp_path / "appel.yaml").write_text(call, encoding="utf-8")
    form = (ROOT / "dialogs" / "forms" / "axe3.yaml").read_text(encoding="utf-8")
    form = form.replace("path: organisation.address", "path: organisation.adress")
    form = form.replace("rules: [network_level_from_type]", "rules: [network_level_from_typ]")
    form = form.replace("prompt: org_email,", "prompt: org_mail,")
    (tmp_path / "formulaire.yaml").write_text(form, encoding="utf-8")

    checked = _run(["check-call", "appel.yaml"], tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    lines = checked.stderr.splitlines()

    def line_of(text: str) -> str:
        return f"appel.yaml:{call.splitlines().index(text) + 1}"

    assert [line.split(": ", 1)[0] for line in lines] == [
        line_of("  end: 2025-02-31"),
        line_of("  months: douze"),
        line_of("colour: blue"),
    ], checked.stderr
    assert "day value is outside expected range" in lines[0]
    assert "agreement.months" in lines[1] and "colour" in lines[2]

    (tmp_path / "appel.yaml").write_text(
        call.replace("  end: 2025-02-31", "  end: 2025-02-14")
        .replace("  months: douze", "  months: 12")
        .replace("\ncolour: blue", ""),
        encoding="utf-8",
    )
    checked = _run(["check-call", "appel.yaml"], tmp_path)
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    problems = checked.stderr.splitlines()
    assert len(problems) == 3, checked.stderr
    assert all(line.startswith(f"{tmp_path / 'formulaire.yaml'}:") for line in problems)
    assert "network_level_from_typ" in problems[0]
    assert "organisation.adress" in problems[1]
    assert "org_mail" in problems[2]
