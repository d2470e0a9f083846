"""A 0 taken « pour l'instant » is no answer to file: at « Anciens bénéficiaires du RSA en
parcours », « je sais pas » offered 0 « pour l'instant. Vous pourrez le corriger avant de
déposer », « ok » took it, and the recap then said « ✅ Prêt à déposer », the draft
« Version à déposer », the 0 never flagged again."""

from __future__ import annotations

from dialogs.events import Command
from dialogs.review import review
from drafts import render_drafts
from drafts.typography import plain
from tests.support import DURING_CALL, Walk, walk_replacing

FORMER_BRSA = "plan.public.former_brsa"


def hurried() -> Walk:
    """The complete script, « je sais pas » then « ok » at the former BRSA in a pathway."""
    walk = walk_replacing({FORMER_BRSA: ["je sais pas", "ok"]})
    assert walk.dossier.plan.public.former_brsa == 0
    walk.send(Command("review"))
    return walk


def plan_md(walk: Walk) -> str:
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"})
    return plain(drafts.files[0].content.decode("utf-8"))


def edit_former_brsa(walk: Walk, typed: str) -> None:
    walk.answers(["Modifier une réponse", "Plan d’actions", "Anciens bénéficiaires du RSA"])
    assert walk.key == FORMER_BRSA, walk.text
    walk.send(typed)


def test_a_zero_taken_for_now_keeps_the_recap_from_saying_ready_and_names_it() -> None:
    walk = hurried()
    assert walk.key == "review"
    assert "Prêt à déposer" not in walk.text
    assert "Presque prêt à déposer" in walk.text
    assert "« Anciens bénéficiaires du RSA en parcours » : 0 retenu pour l’instant" in walk.text
    assert not review(walk.engine.spec, walk.dossier, DURING_CALL).fileable


def test_the_draft_is_not_the_version_to_file_while_the_zero_waits() -> None:
    text = plan_md(hurried())
    assert "Version à déposer" not in text
    assert "BROUILLON" in text
    assert "Anciens bénéficiaires du RSA en parcours » : 0 retenu pour l’instant" in text


def test_zero_typed_as_a_number_confirms_it() -> None:
    walk = hurried()
    edit_former_brsa(walk, "0")
    assert walk.key == "review" and walk.dossier.provisional == []
    assert "Prêt à déposer" in walk.text and "retenu pour l’instant" not in walk.text
    assert "Version à déposer" in plan_md(walk)


def test_any_other_number_clears_it_too() -> None:
    walk = hurried()
    edit_former_brsa(walk, "4")
    assert walk.dossier.plan.public.former_brsa == 4
    assert walk.dossier.provisional == []
    assert review(walk.engine.spec, walk.dossier, DURING_CALL).fileable


def test_a_zero_typed_at_once_is_no_provisional_answer() -> None:
    walk = walk_replacing({FORMER_BRSA: ["0"]})
    assert walk.dossier.provisional == []
    assert review(walk.engine.spec, walk.dossier, DURING_CALL).fileable


def test_the_public_table_never_prints_the_zero_taken_for_now_as_a_count() -> None:
    """An officer read « 40, dont 0 issus de l'ASE » in the public table, from a « je sais
    pas », beside a context saying the SIAE recruit young people from the ASE: the banner
    flagged it, the table stated it. A 0 kept for now is printed as what remains to fill."""
    text = plan_md(hurried())
    row = next(line for line in text.splitlines() if "sorties du RSA" in line)
    assert "[À compléter" in row and "| 0 |" not in row.replace(" ", " ")
