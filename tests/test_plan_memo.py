"""The planner keeps the questions it made (issue 14): a plan made from kept questions is the
plan made afresh, at every step of a complete application, whatever the memo's size."""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import pytest

from dialogs import plan as plan_module
from dialogs.dossier import Dossier
from dialogs.plan import plan_questions
from dialogs.question import Question
from tests.support import spec_2025
from tests.test_interview_property import positions

_T = TypeVar("_T")


class _Afresh(plan_module._Planner):
    """The planner as it was: every question, scope and path made for this plan."""

    def _kept(self, what: Hashable, scope: Any, build: Callable[[], _T]) -> _T:
        return build()


def _afresh(dossier: Dossier) -> list[Question]:
    return _Afresh(spec_2025(), dossier).run()


def test_every_step_of_an_application_is_planned_as_if_nothing_were_kept() -> None:
    spec = spec_2025()
    for dossier in positions():
        plan_questions(spec, dossier)  # fills the memo with this step's questions
    for dossier in positions():
        assert plan_questions(spec, dossier) == _afresh(dossier)


def test_a_renamed_action_is_asked_under_its_new_title() -> None:
    spec = spec_2025()
    dossier = next(
        d for d in reversed(positions()) if any(d.plan.actions.get(o) for o in d.plan.actions)
    )
    before = {q.key: q.label for q in plan_questions(spec, dossier)}
    renamed = dossier.model_copy(deep=True)
    orientation = next(o for o, items in renamed.plan.actions.items() if items)
    renamed.plan.actions[orientation][0].title = "Job dating des métiers du soin"
    after = {q.key: q.label for q in plan_questions(spec, renamed)}
    changed = [key for key in after if after[key] != before.get(key)]
    assert changed and all("Job dating des métiers du soin" in after[key] for key in changed)


def test_a_full_memo_starts_again_and_plans_stay_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan_module, "BUILT_LIMIT", 7)
    spec = spec_2025()
    spec.compiled_form.built.clear()
    for dossier in positions():
        assert plan_questions(spec, dossier) == _afresh(dossier)
        assert len(spec.compiled_form.built) <= 7 + 1


def _variants(count: int, seed: int) -> list[Dossier]:
    """Dossiers of the complete application with lists emptied or grown to several items,
    titled, untitled or renamed: the list index, the item count and the titles all vary."""
    spec = spec_2025()
    rng = random.Random(seed)
    lists = {
        q.list.key: q.list
        for d in positions()
        for q in _Afresh(spec, d).run()
        if q.list is not None
    }
    found = []
    for _ in range(count):
        dossier = rng.choice(positions()).model_copy(deep=True)
        for info in lists.values():
            items = info.path.get(dossier)
            if not items:
                continue
            if rng.random() < 0.2:
                items.clear()
                continue
            for _ in range(rng.randint(0, 3)):
                item = items[0].model_copy(deep=True)
                if hasattr(item, "title"):
                    item.title = rng.choice(["Atelier", "Job dating", "", None])
                items.append(item)
            if hasattr(items[0], "title") and rng.random() < 0.3:
                items[0].title = rng.choice(["Forum", "Webinaire"])
        found.append(dossier)
    return found


def test_lists_of_any_length_and_titles_are_planned_as_if_nothing_were_kept() -> None:
    spec = spec_2025()
    variants = _variants(150, seed=14)
    assert any(len(q.list.path.get(d) or []) > 1 for d in variants for q in _afresh(d) if q.list)
    for dossier in variants:
        assert plan_questions(spec, dossier) == _afresh(dossier)


def _ruled_out_afresh(spec: Any, dossier: Dossier, answered: Question) -> list[Question]:
    """What `answered` rules out, every section field's condition read again (as before)."""
    planner = plan_module._Planner(spec, dossier)
    assert answered.path is not None
    found = []
    for section in planner.form.form.sections:
        scope = planner._section_scope(section)
        for item in section.items:
            if not isinstance(item, plan_module.FieldItem) or item.when is None:
                continue
            if str(answered.path) not in planner._read(item.when):
                continue
            if not planner._holds(item.when, scope.variables, None):
                found.append(planner._built(item, scope))
    return found


def test_what_an_answer_rules_out_is_found_as_if_nothing_were_kept() -> None:
    spec = spec_2025()
    ruled = 0
    for dossier in positions():
        for question in plan_questions(spec, dossier):
            if question.path is None:
                continue
            found = plan_module.ruled_out_by(spec, dossier, question)
            assert found == _ruled_out_afresh(spec, dossier, question)
            ruled += bool(found)
    assert ruled  # (some answer does rule a question out: a GIP, its RNA)


def test_the_paths_conditions_read_are_worked_out_once_per_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every answer asks what it rules out: the fields' conditions were read again each
    time, for every field with a condition (issue 14)."""
    spec = spec_2025()
    dossier = next(iter(positions()))
    answered = next(q for q in plan_questions(spec, dossier) if q.path is not None)
    plan_module.ruled_out_by(spec, dossier, answered)
    read: list[object] = []
    original = plan_module._Planner._read

    def counted(self: plan_module._Planner, condition: Any) -> set[str]:
        read.append(condition)
        return original(self, condition)

    monkeypatch.setattr(plan_module._Planner, "_read", counted)
    for question in plan_questions(spec, dossier):
        if question.path is not None:
            plan_module.ruled_out_by(spec, dossier, question)
    assert read == []
