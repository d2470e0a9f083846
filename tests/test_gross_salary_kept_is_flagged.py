"""A gross salary kept as the loaded cost leaves a trace.

A tester typed « 2800€ brut par mois » at a post's monthly loaded cost; asked back (« c'est
un salaire brut… Dois-je tout de même retenir 2 800,00 € comme coût chargé ? »), they said
« oui ». The draft's staff table then read « 2 800 € / mois × 12 mois × 0,5 ETP », nothing
said anywhere: the staff costs were most likely understated by the employer's charges. The
recap, the documents and the staff now say it (advice, never blocking) until the cost is
answered again.
"""

from __future__ import annotations

from decimal import Decimal

from dialogs.events import Choose, Command
from dialogs.review import review
from dialogs.staff import StaffService
from drafts import render_drafts
from drafts.typography import plain
from storage.repository import SqlStore
from tests.staff_support import staff_service
from tests.support import DURING_CALL, Walk, walk_replacing, walk_to

ANNUAL = "bud.staff.0.annual_cost"
FLAG = "coût saisi en brut"


def gross_kept() -> Walk:
    """The complete script, the post's annual cost typed « 50 000 € brut par an », kept as
    is once asked back (the script's budget otherwise unchanged)."""
    walk = walk_replacing({ANNUAL: ["50 000 € brut par an", "oui"]})
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("50000")
    walk.send(Command("review"))
    return walk


def plan_md(walk: Walk) -> str:
    drafts = render_drafts(walk.engine.spec, walk.dossier, DURING_CALL, {"md"})
    return plain(drafts.files[0].content.decode("utf-8"))


def test_a_gross_salary_kept_as_loaded_cost_is_flagged_at_the_recap_without_blocking() -> None:
    walk = gross_kept()
    assert walk.key == "review"
    assert (
        "Poste 1 (« Chargée de mission IAE ») : coût saisi en brut (50 000,00 €) : "
        "vérifiez qu’il inclut les charges patronales" in walk.text
    )
    report = review(walk.engine.spec, walk.dossier, DURING_CALL)
    assert report.fileable, "advice: the applicant may have meant the loaded cost"
    # the version to file is the Département's: its table as declared, no assistant's note
    text = plan_md(walk)
    assert "Version à déposer" in text
    row = next(line for line in text.splitlines() if line.startswith("| Chargée de mission"))
    assert row == "| Chargée de mission IAE | 1 | 50 000 € / an × 1 ETP | 50 000 € |"


def test_the_drafts_staff_table_and_warnings_say_the_cost_was_typed_gross() -> None:
    walk = walk_to(ANNUAL)
    walk.send("50 000 € brut par an")
    walk.send("oui")
    text = plan_md(walk)
    assert "BROUILLON" in text
    row = next(line for line in text.splitlines() if line.startswith("| Chargée de mission"))
    assert "(coût saisi en brut : charges patronales à vérifier)" in row
    assert "vérifiez qu’il inclut les charges patronales" in text


def test_staff_reading_the_dossier_see_the_gross_cost(store: SqlStore) -> None:
    dossier = gross_kept().dossier
    with store.transaction() as repo:
        number = repo.add_dossier(owner="telegram:4242", dossier=dossier).id
    service: StaffService = staff_service(store)
    summary = service.summary(number)
    assert summary is not None
    assert FLAG in summary.html and "charges patronales" in summary.html


def test_the_cost_answered_again_as_a_loaded_cost_clears_the_flag() -> None:
    walk = gross_kept()
    walk.answers(["Modifier une réponse", "Budget"])
    walk.send("Coût annuel chargé")
    assert walk.key == ANNUAL, walk.text
    walk.send("65 000")
    assert walk.dossier.budget.staff[0].cost_typed_as is None
    walk.send(Command("review"))
    assert FLAG not in walk.text
    assert FLAG not in plan_md(walk)


def test_a_gross_salary_carried_for_a_half_time_post_is_flagged_once_its_share_is_said() -> None:
    """« 2800€ brut par mois » typed with the post, kept, then « déjà pour 0,5 ETP »: the
    full-time cost derived from it is no loaded cost either."""
    walk = walk_to("bud.staff.0.role")
    walk.send("chargé de développement économique à 0,5 etp, 2800€ brut par mois")
    walk.send("oui")  # « Coût mensuel × nombre de mois »
    walk.send("oui")  # the gross salary kept
    walk.send(Choose(walk.key, walk.last.messages[-1].buttons[1].id))  # « Déjà pour 0,5 ETP »
    line = walk.dossier.budget.staff[0]
    assert line.monthly_cost == Decimal("5600") and line.cost_typed_as == "gross"
