"""« Compléter le dossier » goes through every question not yet put to the applicant, optional
ones included, and the review never looks finished while some wait — told as a tester
playing an applicant lived it."""

from __future__ import annotations

from dialogs.events import Choose, Command, Text
from storage.repository import SqlStore
from tests.support import DURING_CALL, Walk, script_lines, walk_to
from tests.test_service import ALICE, _service


def _edit_employees_from_the_review(walk: Walk, employees: str) -> None:
    walk.send(Command("review"))
    walk.send("Modifier une réponse")
    walk.send("Organisation")
    walk.send("Nombre de salariés")
    walk.send(employees)
    assert walk.key == "review"  # an edit from the review returns to the review


def _answers_by_question() -> dict[str, list[str]]:
    """What the scripted applicant types at each question, in turn."""
    walk = Walk(today=DURING_CALL)
    typed: dict[str, list[str]] = {}
    for line in script_lines():
        typed.setdefault(walk.key, []).append(line)
        walk.send(line)
    return typed


def _answer_until_the_review(walk: Walk) -> list[str]:
    """The scripted answers to whatever the bot asks, until the review; the questions asked."""
    typed, used = _answers_by_question(), dict[str, int]()
    asked: list[str] = []
    while walk.key != "review":
        assert len(asked) < 200, asked
        key = walk.key
        asked.append(key)
        lines = typed.get(key, ["non"])
        walk.send(lines[min(used.get(key, 0), len(lines) - 1)])
        used[key] = used.get(key, 0) + 1
    return asked


def test_completing_after_an_edit_from_a_midway_review_asks_the_optional_questions_too() -> None:
    """At « Souhaitez-vous ajouter une autre action à l'orientation 2 ? », /recapitulatif,
    « Modifier une réponse », the number of employees, « 7 », « Compléter le dossier »: the
    bot asked only the required answers still missing — never the orientation 2's « another
    action? », the cross-cutting objectives nor the extra indicators — and the review then
    said « Prêt à déposer » with « Non renseigné » three times in the draft."""
    walk = walk_to("plan.o2.more")
    _edit_employees_from_the_review(walk, "7")
    walk.send("Compléter le dossier")
    assert walk.key == "plan.o2.more"  # where the applicant left the interview
    asked = _answer_until_the_review(walk)
    for key in ("plan.o2.more", "plan.o3.more", "plan.cross", "plan.cross_note", "ind.extra"):
        assert key in asked, key
    assert "bud.in_kind" in asked and "org.name" not in asked  # nothing answered again
    assert walk.dossier.organisation.employees == 7
    assert "Prêt à déposer" in walk.text and "Pas encore posée" not in walk.text
    walk.send("Compléter le dossier")
    assert "Rien à compléter : toutes les questions vous ont été posées" in walk.text


def test_completing_after_a_section_jump_asks_the_questions_never_reached() -> None:
    """Midway, a jump to the organisation then the review: « Compléter le dossier » went on
    with the required answers only; now it takes up the questions never reached, in order."""
    walk = walk_to("plan.o2.more")
    walk.send(Command("section", section="organisation"))  # complete: its edit menu
    walk.send("Nombre de salariés")
    walk.send("7")
    assert walk.key == "review"
    walk.send("Compléter le dossier")
    assert walk.key == "plan.o2.more"
    walk.send("non")
    assert walk.key == "plan.o3.0.title"


def test_the_review_names_the_optional_questions_never_asked_and_completing_asks_them() -> None:
    """A dossier whose required answers are all given, optional questions never put (a
    « Compléter le dossier » of old passed over them): the review said « Prêt à déposer ».
    It now says they wait, names them, and « Compléter le dossier » asks them in turn."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])  # up to the review (the last line asks the draft)
    assert walk.key == "review" and "Prêt à déposer" in walk.text
    dossier = walk.dossier.clone()
    assert dossier.moved_past is not None
    dossier.moved_past.remove("plan.o2.more")
    dossier.plan.cross_cutting = dossier.plan.cross_cutting_note = None
    dossier.indicators.has_extra = None
    dossier.indicators.extra = []
    walk.dossier = dossier
    walk.send(Command("review"))
    assert "Presque prêt à déposer" in walk.text and "✅ Prêt à déposer" not in walk.text
    assert "3 questions facultatives ne vous ont pas encore été posées" in walk.text
    assert (
        "📝 Pas encore posées : « Autre action pour l’orientation 2 », « Objectifs transversaux"
        " servis », « Indicateurs complémentaires ». « Compléter le dossier » vous les pose"
        in walk.text
    )
    walk.send("Compléter le dossier")
    assert walk.key == "plan.o2.more"
    walk.send("non")
    assert walk.key == "plan.cross"
    walk.send("passer")  # none served: no note on them is asked
    assert walk.key == "ind.extra"
    walk.send("non")
    assert walk.key == "review" and "✅ Prêt à déposer" in walk.text


def test_no_to_another_action_in_the_interview_is_not_asked_again_when_completing() -> None:
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])  # up to the review (the last line asks the draft)
    walk.send(Choose("review", "resume"))
    assert walk.key == "review" and "Rien à compléter" in walk.text


def test_a_dossier_saved_before_questions_moved_past_were_kept_is_read_as_it_went() -> None:
    """Saved by an older version (no `moved_past`): the questions before the one the
    applicant was at count as put; a finished dossier is not told otherwise."""
    finished = Walk(today=DURING_CALL)
    finished.answers(script_lines()[:-1])
    finished.dossier.moved_past = None
    finished.send(Command("review"))
    assert "✅ Prêt à déposer" in finished.text and "Pas encore posée" not in finished.text
    midway = walk_to("plan.o2.more")
    midway.dossier.moved_past = None
    _edit_employees_from_the_review(midway, "7")
    midway.send("Compléter le dossier")
    assert midway.key == "plan.o2.more"
    midway.send("non")
    assert midway.key == "plan.o3.0.title"


def test_the_review_and_its_edit_menu_do_not_contradict_each_other_on_the_step() -> None:
    """After an edit, the review said « vous en êtes à l'étape 4/7 » while « Modifier une
    réponse » said « Étape 7/7 »: the menu is no step of the interview."""
    walk = walk_to("plan.o2.more")
    walk.send(Command("review"))
    midway = "Récapitulatif · vous en êtes à l’étape 4/7 — Plan d’actions"
    assert walk.last.messages[-1].progress == midway
    walk.send("Modifier une réponse")
    assert walk.last.messages[-1].progress == "Récapitulatif · Modifier"
    walk.send("Organisation")
    assert walk.last.messages[-1].progress == "Étape 3/7 — Organisation · Modifier"
    walk.send("Nombre de salariés")
    walk.send("7")
    assert walk.key == "review" and walk.last.messages[-1].progress == midway


def test_a_draft_ready_but_for_optional_questions_never_put_says_they_wait(
    store: SqlStore,
) -> None:
    """« Votre brouillon est prêt » beside « Non renseigné » where the applicant was never
    asked: the draft's message now says optional questions wait, and where to answer them."""
    service = _service(store, DURING_CALL)
    for line in script_lines()[:-1]:
        reply = service.handle(ALICE, Text(line))
    with store.transaction() as repo:
        stored = repo.get_dossier(reply.dossier_id or 0)
        assert stored is not None and stored.dossier.moved_past is not None
        dossier = stored.dossier.clone()
        assert dossier.moved_past is not None
        dossier.moved_past.remove("plan.o2.more")
        dossier.plan.cross_cutting = dossier.plan.cross_cutting_note = None
        repo.save_dossier(dossier_id=stored.id, dossier=dossier)
    drafted = _service(store, DURING_CALL).handle(ALICE, Choose("review", "draft"))
    said = "\n".join(m.html for m in drafted.messages)
    assert "✅ Votre brouillon est prêt" in said
    assert (
        "📝 2 questions facultatives ne vous ont pas encore été posées : /recapitulatif les"
        " nomme, et « Compléter le dossier » vous les pose." in said
    )


# -- a list item opened, then left empty ------------------------------------------------------
def test_an_in_kind_contribution_opened_then_left_for_the_review_does_not_pile_up() -> None:
    """A tester, at a ready dossier: « Précédent » from the review, « oui » to the in-kind
    contributions, then /recapitulatif, five times: five empty contributions waited in the
    review (« il manque encore 15 réponses »), with no word on how to remove them. An item
    left with nothing typed in it now goes, as with « Précédent »; the list's yes/no says
    what the dossier holds, « non » (the applicant's answer before), and it stays ready."""
    walk = Walk(today=DURING_CALL)
    walk.answers(script_lines()[:-1])
    assert walk.key == "review" and "Prêt à déposer" in walk.text
    for _ in range(3):
        walk.send("précédent")
        assert walk.key == "bud.in_kind"
        walk.send("oui")
        assert walk.key == "bud.in_kind.0.category"
        walk.send(Command("review"))
        assert walk.dossier.budget.in_kind == []
        assert walk.dossier.budget.has_in_kind is False
    assert "il manque" not in walk.text
    assert "Prêt à déposer" in walk.text and "Presque prêt" not in walk.text


def test_a_second_contribution_opened_then_left_goes_and_the_first_stays() -> None:
    """One contribution given, « oui » to another one, then the review: the empty second one
    goes, the first and the « oui » that opened the list stay."""
    walk = walk_to("bud.in_kind")
    walk.send("oui")
    walk.send("1")  # the first category offered
    walk.send("Prêt d'une salle de formation")
    walk.send("1 200")
    assert walk.key == "bud.in_kind.more"
    walk.send("oui")
    assert walk.key == "bud.in_kind.1.category"
    walk.send(Command("review"))
    assert [c.label for c in walk.dossier.budget.in_kind] == ["Prêt d'une salle de formation"]
    assert walk.dossier.budget.has_in_kind is True


def test_a_correction_typed_at_a_contribution_just_opened_comes_back_to_it() -> None:
    """At the nature of a contribution just opened, « je me suis trompé, les fonds propres »:
    the correction is made, then the applicant is back at that contribution, as promised (a
    reviewer found the empty contribution dropped and the applicant sent to the review)."""
    walk = walk_to("bud.in_kind")
    walk.send("oui")
    assert walk.key == "bud.in_kind.0.category"
    walk.send("je me suis trompé, les fonds propres")
    assert "vous reviendrez ensuite à la question où vous en étiez" in walk.text
    walk.send("5 000")
    assert walk.key == "bud.in_kind.0.category", walk.text
    assert len(walk.dossier.budget.in_kind) == 1


def test_the_review_reached_at_the_end_with_answers_missing_says_the_review() -> None:
    """The budget done, the review said « vous en êtes à l'étape 3/7 — Organisation » (the
    step of the SIRET left aside): the applicant is at the review, step 7/7."""
    lines = script_lines()
    siret = lines.index("732 829 320 00074")
    walk = Walk()
    walk.answers([*lines[:siret], "passer", *lines[siret + 1 : -1]])
    assert walk.key == "review" and walk.dossier.organisation.siret is None
    assert walk.last.messages[-1].progress == "Étape 7/7 — Récapitulatif"
