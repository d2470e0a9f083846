"""The service hands the engine the plan it kept from the event that saved the dossier (issue
14: one plan per answer instead of two), and only for the very answers it was made from."""

from __future__ import annotations

from typing import Any

import pytest

from app.clock import FixedClock
from dialogs.dossier import Dossier
from dialogs.engine import Interview
from dialogs.events import Event, Outcome, Text
from dialogs.plan import plan_questions
from dialogs.ports import StoredDossier
from dialogs.question import Question
from dialogs.saved_plans import SavedPlan, SavedPlans
from dialogs.service import InterviewService
from dialogs.spec import DEFAULT_CALL_ID, load_shipped_spec
from storage.repository import SqlStore
from tests.support import TODAY, script_lines, spec_2025

ALICE = "telegram:1001"


def _kept(dossier: Dossier, version: int = 3) -> tuple[SavedPlans, list[Question]]:
    plans, plan = SavedPlans(), plan_questions(spec_2025(), dossier)
    plans.keep(SavedPlan(7, dossier.uuid, version, spec_2025(), plan))
    return plans, plan


def test_a_plan_is_found_for_the_dossier_and_version_it_was_saved_at_only() -> None:
    dossier = Dossier(call_id=spec_2025().identity.id)
    plans, plan = _kept(dossier)
    spec = spec_2025()
    assert plans.of(StoredDossier(7, ALICE, dossier, version=3), spec) is plan
    assert plans.of(StoredDossier(7, ALICE, dossier, version=4), spec) is None  # saved again
    assert plans.of(StoredDossier(7, ALICE, dossier), spec) is None  # version unknown
    assert plans.of(StoredDossier(8, ALICE, dossier, version=3), spec) is None
    another = dossier.model_copy(update={"uuid": "another"})  # an id given again
    assert plans.of(StoredDossier(7, ALICE, another, version=3), spec) is None
    other_spec = spec.model_copy()
    assert plans.of(StoredDossier(7, ALICE, dossier, version=3), other_spec) is None


def test_the_plans_least_recently_used_go_first() -> None:
    spec = spec_2025()
    dossier = Dossier(call_id=spec.identity.id)
    plan = plan_questions(spec, dossier)
    plans = SavedPlans(size=2)
    for version in (1, 2):
        plans.keep(SavedPlan(7, dossier.uuid, version, spec, plan))
    assert plans.of(StoredDossier(7, ALICE, dossier, version=1), spec) is plan  # used: kept
    plans.keep(SavedPlan(7, dossier.uuid, 3, spec, plan))
    assert plans.of(StoredDossier(7, ALICE, dossier, version=2), spec) is None
    assert plans.of(StoredDossier(7, ALICE, dossier, version=1), spec) is plan


def _service(store: SqlStore) -> InterviewService:
    return InterviewService(
        specs=load_shipped_spec,
        default_call_id=DEFAULT_CALL_ID,
        store=store,
        clock=FixedClock.on(TODAY),
        channel="telegram",
    )


Handed = list[tuple[Dossier, list[Question] | None, Dossier]]


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> Handed:
    """Each dossier the engine handles, with the plan it was handed, and the dossier after."""
    seen: Handed = []
    handle = Interview.handle

    def spy(self: Interview, dossier: Dossier, event: Event, today: Any, **options: Any) -> Outcome:
        before = dossier.model_copy(deep=True)
        outcome = handle(self, dossier, event, today, **options)
        seen.append((before, options.get("planned"), outcome.dossier.model_copy(deep=True)))
        return outcome

    monkeypatch.setattr(Interview, "handle", spy)
    return seen


def test_each_answer_is_handed_the_plan_of_the_answers_before_it(
    store: SqlStore, handed: Handed
) -> None:
    service = _service(store)
    for line in script_lines()[:12]:
        service.handle(ALICE, Text(line))
    assert all(planned is not None for _, planned, _ in handed[1:])  # each after the first
    for dossier, planned, _ in handed:
        if planned is not None:
            assert planned == plan_questions(spec_2025(), dossier)


def test_answers_saved_by_another_process_are_planned_afresh(
    store: SqlStore, handed: Handed
) -> None:
    here, elsewhere = _service(store), _service(store)  # two bots on one database
    lines = script_lines()
    here.handle(ALICE, Text(lines[0]))
    elsewhere.handle(ALICE, Text(lines[1]))  # an answer that changes the plan
    here.handle(ALICE, Text(lines[2]))
    (_, _, kept), (_, _, changed), (read, planned, _) = handed
    assert plan_questions(spec_2025(), kept) != plan_questions(spec_2025(), changed)
    assert read == changed
    assert planned is None  # this process kept the plan before the other one's answer


class _FailingCommit:
    """A store whose next transaction fails once its work is done (a lost commit)."""

    def __init__(self, store: SqlStore) -> None:
        self.store, self.fail = store, False

    def transaction(self) -> Any:
        store, failing = self.store, self

        class _Transaction:
            def __enter__(self) -> Any:
                self.inner = store.transaction()
                return self.inner.__enter__()

            def __exit__(self, *error: Any) -> None:
                if failing.fail and error[0] is None:
                    failing.fail = False
                    boom = RuntimeError("commit lost")
                    self.inner.__exit__(RuntimeError, boom, None)  # rolled back
                    raise boom
                self.inner.__exit__(*error)

        return _Transaction()


def test_a_plan_whose_save_was_rolled_back_is_not_kept(store: SqlStore, handed: Handed) -> None:
    failing = _FailingCommit(store)
    service = _service(failing)  # type: ignore[arg-type]
    lines = script_lines()
    service.handle(ALICE, Text(lines[0]))
    failing.fail = True
    with pytest.raises(RuntimeError, match="commit lost"):
        service.handle(ALICE, Text(lines[1]))  # its version is given again below
    _service(store).handle(ALICE, Text("4"))  # another answer to that question, saved
    service.handle(ALICE, Text(lines[2]))
    (_, _, _), (_, _, rolled_back), (_, _, saved), (read, planned, _) = handed
    assert read == saved  # read at the version the rolled-back answer had been given
    assert plan_questions(spec_2025(), rolled_back) != plan_questions(spec_2025(), read)
    assert planned is None
