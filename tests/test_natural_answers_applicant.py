"""Answers new applicants typed in the interview, as testers playing them wrote them: an RNA
number where the legal form is asked, a third figure where two were asked back, a count
said roughly, a territory where the organisation's type is asked — each read for what it
is, never stored where it does not belong."""

from __future__ import annotations

from tests.support import walk_to


# -- a third figure where two were asked back -------------------------------------------------
def test_a_third_figure_typed_where_two_were_asked_back_is_taken_alone() -> None:
    """« 200 ou 26 ? » asked back at the member SIAE; « Environ 150 en tout » took 150, then
    offered « en tout » as the network's territory."""
    walk = walk_to("org.members")
    walk.send("200 ou 26")
    assert "200</b> ou <b>26" in walk.last.messages[-1].html
    walk.send("Environ 150 en tout")
    assert walk.dossier.organisation.member_siae_count == 150
    assert walk.key == "org.territory" and walk.dossier.cursor.asking_back is None
    assert "en tout" not in walk.text


def test_a_count_said_in_all_carries_nothing_to_the_next_question() -> None:
    """« 150 au total » at the member SIAE, « environ 15 en tout » at an action's SIAE: the
    words after the figure were kept for the territory."""
    walk = walk_to("org.members")
    walk.send("150 au total")
    assert walk.dossier.organisation.member_siae_count == 150
    assert "au total" not in walk.text and walk.dossier.cursor.asking_back is None
    walk = walk_to("plan.o1.0.siae_count")
    walk.send("Environ 15 en tout")
    assert walk.dossier.plan.actions["o1"][0].siae_count == 15
    assert "en tout" not in walk.text and not walk.dossier.set_aside
