"""A tester re-walked the interview as new applicants: each story is one of theirs, typed as
they typed it, where the bot put wrong figures or offers in front of them, or misread them."""

from __future__ import annotations

from decimal import Decimal

from dialogs.review import review
from drafts.context import build_context
from tests.support import DURING_CALL, Walk, script_lines, spec_2025, walk_to


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_social_charges_given_as_a_share_follow_a_cost_corrected_later() -> None:
    """« 30 % » at the social charges gave 15 000 € of a 50 000 € post; « la chargée de
    mission c'est 48k pas 50k » at a later question corrected the cost, and the social
    charges stayed 15 000 €. The share typed is what the applicant said: it now gives
    14 400 €, said with the correction."""
    walk = walk_to("bud.social")
    walk.send("30 %")
    walk.send("oui")
    assert walk.dossier.budget.social_charges == Decimal("15000.00")
    walk.send("0")  # payroll tax
    assert walk.key == "bud.other"
    walk.send("la chargée de mission c'est 48k pas 50k")
    budget = walk.dossier.budget
    assert budget.staff[0].annual_cost == Decimal("48000.00")
    assert budget.social_charges == Decimal("14400.00")
    said = _said(walk.text)
    assert "30 %" in said and "14 400,00 €" in said
    assert "n’ont pas changé" not in said
    report = review(spec_2025(), walk.dossier, DURING_CALL)
    assert not [w for w in report.warnings if w.code == "social_charges_unchanged"]


def test_social_charges_typed_as_an_amount_are_flagged_after_a_cost_corrected_later() -> None:
    """Typed as an amount (15 000), the social charges are the applicant's own figure: never
    changed unasked, but the correction says they may need updating, and the review and the
    draft's « Points de vigilance » flag them until they are answered again."""
    walk = walk_to("bud.social")
    walk.send("15000")
    walk.send("0")
    walk.send("la chargée de mission c'est 48k pas 50k")
    assert walk.dossier.budget.staff[0].annual_cost == Decimal("48000.00")
    assert walk.dossier.budget.social_charges == Decimal("15000.00")
    assert "vérifiez-les" in _said(walk.text)
    spec = spec_2025()
    report = review(spec, walk.dossier, DURING_CALL)
    flagged = [w for w in report.warnings if w.code == "social_charges_unchanged"]
    assert flagged and "15 000,00 €" in flagged[0].message
    assert "48 000,00 €" in flagged[0].message
    vigilance = [w.message for w in build_context(spec, walk.dossier, DURING_CALL).warnings]
    assert any("charges sociales" in m for m in vigilance)


def test_figures_of_full_time_equivalents_are_no_euros_and_are_kept_for_the_key() -> None:
    """« 1,5 ETP sur 6,2 » at « Quel montant de charges indirectes… ? » was asked back
    « 1,50 € ou 6,20 € ? »: FTE are no euros. A euro amount is asked for, nothing is
    recorded, and the FTE words, an allocation key, are kept for the key's question and
    offered there."""
    walk = walk_to("bud.indirect")
    walk.send("1,5 ETP sur 6,2")
    said = _said(walk.text)
    assert "1,50 €" not in said and "6,20 €" not in said
    assert "pas des euros" in said and "montant en euros" in said
    assert "Clé de répartition des charges indirectes" in said
    assert walk.key == "bud.indirect"
    assert walk.dossier.budget.indirect is None
    walk.send("10000")
    assert walk.key == "bud.indirect_key"
    assert "1,5 ETP sur 6,2" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.budget.indirect_key == "1,5 ETP sur 6,2"


def test_a_count_of_people_months_or_fte_alone_is_never_an_amount() -> None:
    """« 1,5 ETP », « 3 personnes », « 12 mois » at an amount were recorded as 1,50 €,
    3,00 €, 12,00 € of indirect costs: each is refused, a euro amount asked for."""
    for typed, unit in (("1,5 ETP", "ETP"), ("3 personnes", "personnes"), ("12 mois", "mois")):
        walk = walk_to("bud.indirect")
        walk.send(typed)
        said = _said(walk.text)
        assert walk.dossier.budget.indirect is None, typed
        assert f"des {unit}, pas des euros" in said, said
        assert walk.key == "bud.indirect"


def test_an_amount_in_euros_for_a_span_of_months_is_still_read() -> None:
    """The refusal is for figures that all carry another unit: « 3 000 € par mois » or
    « 12 000 sur 3 ans » are read as before, never refused as months or years."""
    walk = walk_to("bud.indirect")
    walk.send("9 000 € sur 12 mois")
    assert "pas des euros" not in _said(walk.text)


def test_no_then_in_fact_a_contrary_fact_is_asked_back_as_yes() -> None:
    """« non, en fait on a 3 financeurs » at « D'autres financeurs subventionnent-ils cette
    opération ? » was recorded « non », the three funders lost: « en fait » corrects the
    « non », asked back as « oui », which opens the funders."""
    walk = walk_to("bud.funders")
    walk.send("non, en fait on a 3 financeurs")
    assert walk.key == "bud.funders"
    assert walk.dossier.budget.has_other_funders is None
    assert "dois-je comprendre oui ?" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.budget.has_other_funders is True


def test_no_then_in_fact_a_negative_fact_stays_no() -> None:
    """« non, en fait on n'en a pas » says no twice: recorded « non », nothing asked."""
    walk = walk_to("bud.funders")
    walk.send("non, en fait on n'en a pas")
    assert walk.dossier.budget.has_other_funders is False


def _at_own_funds() -> Walk:
    """The complete script up to the own funds, the Département asked 48 000 € of the
    operation's 70 000 €: 12 000 € left once the Région's 10 000 € are counted."""
    walk = Walk(today=DURING_CALL)
    for line in script_lines():
        if walk.key == "bud.own":
            return walk
        walk.send({"bud.dept": "48000"}.get(walk.key, line))
    raise AssertionError("the script never reaches the own funds")


def test_the_rest_i_said_it_at_the_own_funds_offers_what_is_left() -> None:
    """« le reste, je l'ai dit » at « Fonds propres » was refused (« Je n'ai pas compris ce
    montant »): the rest is computed from what was said, charges less resources, and
    offered; « oui » records it."""
    walk = _at_own_funds()
    walk.send("le reste, je l'ai dit")
    said = _said(walk.text)
    assert "Je n’ai pas compris ce montant" not in said
    assert "12 000,00 €" in said and "dois-je retenir ce montant ?" in said
    walk.send("oui")
    assert walk.dossier.budget.own_funds == Decimal("12000.00")


def test_i_already_told_you_offers_what_is_left_or_says_what_is_expected() -> None:
    """« je vous l'ai déjà dit » at the own funds: the rest offered as well; at the payroll
    tax, where nothing said gives the amount, the bot says what it expects (an amount in
    euros), never « Je n'ai pas compris ce montant »."""
    walk = _at_own_funds()
    walk.send("je vous l'ai déjà dit")
    assert "12 000,00 €" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.budget.own_funds == Decimal("12000.00")
    walk = walk_to("bud.payroll_tax")
    walk.send("je vous l'ai déjà dit")
    said = _said(walk.text)
    assert "Je n’ai pas compris ce montant" not in said
    assert "montant en euros" in said
    assert walk.dossier.budget.payroll_tax is None


def test_exempt_at_the_payroll_tax_is_the_exemption_answer() -> None:
    """« on est exo », « exonérés », « exonéré de taxe sur les salaires » at « Taxe sur les
    salaires » were asked back as « dois-je retenir 0,00 € ? », or refused: an exemption is
    the answer, 0 €, recorded at once; « on n'est pas exonérés » is never read as 0."""
    for typed in ("on est exo", "exonérés", "exonéré de taxe sur les salaires"):
        walk = walk_to("bud.payroll_tax")
        walk.send(typed)
        assert walk.dossier.budget.payroll_tax == Decimal("0.00"), typed
        assert walk.key == "bud.other", typed
        assert "dois-je retenir 0,00 €" not in _said(walk.text)
        assert "Exonération notée : « Taxe sur les salaires » à 0 €" in _said(walk.text)
    walk = walk_to("bud.payroll_tax")
    walk.send("on n'est pas exonérés")
    assert walk.dossier.budget.payroll_tax is None
    assert "dois-je retenir 0,00 €" not in _said(walk.text)
    assert "montant en euros" in _said(walk.text)


def test_exempt_from_payroll_tax_said_at_the_social_charges_is_kept_for_it() -> None:
    """« on est exonérés de taxe sur les salaires » at the social charges was refused (« Je
    n'ai pas compris ce montant »): it answers the payroll tax, asked next, kept for it."""
    walk = walk_to("bud.social")
    walk.send("on est exonérés de taxe sur les salaires")
    assert "Je n’ai pas compris ce montant" not in _said(walk.text)
    assert "« Taxe sur les salaires »" in _said(walk.text)
    walk.send("15000")
    assert walk.key == "bud.payroll_tax"
    assert "on est exonérés de taxe sur les salaires" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.budget.payroll_tax == Decimal("0.00")
