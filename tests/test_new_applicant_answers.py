"""Natural answers a tester playing a new applicant gave, refused or misread before: each
story is one of theirs, typed as they typed it."""

from __future__ import annotations

from dialogs.review import review
from tests.support import TODAY, spec_2025, walk_to


def _said(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


def test_the_four_quarters_typed_side_by_side_are_the_whole_year() -> None:
    """« T1 T2 T3 T4 » at « Quels mois l'action se déroule-t-elle ? » was refused (« Je n'ai
    pas reconnu ces mois »): the four quarters are the twelve months."""
    walk = walk_to("plan.o1.0.months")
    walk.send("T1 T2 T3 T4")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.months == [f"2025-{m:02d}" for m in range(1, 13)]
    assert walk.key != "plan.o1.0.months"


def test_me_at_the_contact_after_naming_myself_as_the_representative_is_asked_back() -> None:
    """« moi » at « Qui est la personne à contacter ? », after « moi, sandrine lefebvre » at
    the legal representative, was refused with « Quel est votre nom ? »: the name is known,
    asked back, and « oui » takes it."""
    walk = walk_to("org.rep_name")
    walk.send("moi, sandrine lefebvre")
    while walk.key != "org.contact_name":
        walk.send({"org.rep_role": "présidente", "org.annual_budget": "150000"}.get(walk.key, "2"))
    walk.send("moi")
    said = _said(walk.text)
    assert "Quel est votre nom" not in said
    assert "est-ce « Sandrine Lefebvre »" in said
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Sandrine Lefebvre"


def test_members_in_the_pas_de_calais_said_as_a_share_of_all_take_the_share() -> None:
    """« 5 dont 3 dans le 62 » at « Combien de SIAE adhérentes … dans le Pas-de-Calais ? »
    kept 5 and offered « 3 dans le 62 » as the territory: the question asks those of the
    Pas-de-Calais, 3, asked back with the whole."""
    walk = walk_to("org.members")
    walk.send("5 dont 3 dans le 62")
    said = _said(walk.text)
    assert "Dois-je retenir 3, sur 5 en tout ?" in said
    walk.send("oui")
    assert walk.dossier.organisation.member_siae_count == 3
    assert walk.key == "org.territory"
    assert "3 dans le 62" not in _said(walk.text)
    assert "org.territory" not in walk.dossier.set_aside


def test_a_count_said_with_the_yes_to_a_guessed_type_is_kept_for_its_question() -> None:
    """« oui on a 9 adherentes dans le pas de calais » at « vouliez-vous dire « Tête de
    réseau IAE régionale » ? »: the yes was taken and the 9 lost; it is kept for the
    member count and offered there."""
    walk = walk_to("elig.type")
    walk.send("on est une petite federation regionale, enfin on bosse surtout dans le 62")
    assert "vouliez-vous dire « Tête de réseau IAE régionale » ?" in _said(walk.text)
    walk.send("oui on a 9 adherentes dans le pas de calais")
    assert walk.dossier.eligibility.organisation_type == "network_regional"
    assert "9 adherentes" in walk.dossier.set_aside.get("org.members", "")
    while walk.key != "org.members":
        walk.send(
            {"org.name": "Fédé Inclusion", "org.legal_form": "1"}.get(
                walk.key, "passer" if walk.key in ("org.siret", "org.rna") else "oui"
            )
        )
    assert "9 adherentes" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.organisation.member_siae_count == 9


def test_a_network_partly_outside_the_pas_de_calais_is_to_be_confirmed() -> None:
    """« oui en partie, 3 de nos ACI sont dans le 62 et 2 a Dunkerque » at « Votre réseau
    exerce-t-il son activité dans le Pas-de-Calais … ? » was asked back « dois-je comprendre
    oui ? », « en partie » lost. Dunkerque is in the Nord: the yes is taken with what it
    means said (to confirm with the Département), and the words kept for the territory of
    action, where « oui » makes the dossier « à confirmer »."""
    walk = walk_to("elig.territory")
    walk.send("oui en partie, 3 de nos ACI sont dans le 62 et 2 a Dunkerque")
    said = _said(walk.text)
    assert "dois-je comprendre oui" not in said
    assert "« Dunkerque » n’est pas dans le Pas-de-Calais" in said
    assert "à confirmer avec le Département du Pas-de-Calais" in said
    assert walk.dossier.eligibility.answers["territory"] is True
    assert (
        walk.dossier.set_aside["org.territory"] == "3 de nos ACI sont dans le 62 et 2 a Dunkerque"
    )
    answers = {"org.name": "GES Flandres Artois", "org.legal_form": "1", "org.members": "5"}
    while walk.key != "org.territory":
        walk.send(
            answers.get(walk.key, "passer" if walk.key in ("org.siret", "org.rna") else "oui")
        )
    assert "Dunkerque" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.organisation.territory is not None
    report = review(spec_2025(), walk.dossier, TODAY)
    assert any(w.code == "organisation_elsewhere" for w in report.warnings)


def test_words_kept_while_a_count_is_asked_back_are_all_kept_and_a_measure_is_asked() -> None:
    """At « anciens BRSA », « jsp » was asked back as « dois-je retenir 0 ? »; a sentence
    for the next question was kept, then replaced by the next words typed (lost), and
    « formation de 6 jours pour les encadrants… » was stored as 6 former BRSA without a
    question. Every word kept stays kept, a figure measuring days is asked back, and the
    words kept reach the next question once the count is settled."""
    walk = walk_to("plan.public.former_brsa")
    walk.send("jsp")
    assert "dois-je retenir 0" not in _said(walk.text)
    assert "dois-je laisser cette question à compléter ?" in _said(walk.text)
    sentence = "les ateliers aident les encadrants a mieux accompagner les jeunes, y compris ASE"
    walk.send(sentence)
    assert "je garde ces mots" in _said(walk.text)
    walk.send("Former les encadrants")
    assert "« Former les encadrants » : je garde ces mots" in _said(walk.text)
    walk.send("formation de 6 jours pour les encadrants techniques des adherentes")
    assert walk.dossier.plan.public.former_brsa is None
    assert walk.key == "plan.public.former_brsa"
    walk.send("non")  # not 6
    assert "pour la question « Comment les actions atteignent ce public »" in _said(walk.text)
    walk.send("0")
    assert walk.dossier.plan.public.former_brsa == 0
    assert "Vous aviez aussi écrit « les ateliers aident" in _said(walk.text)
    walk.send("oui")
    note = walk.dossier.plan.public.note or ""
    assert sentence in note
    assert "Former les encadrants" in note


def test_a_correction_of_who_signs_typed_at_the_title_is_never_the_title() -> None:
    """After « moi, sandrine lefebvre » then « pdt », asked how to write « pdt », the
    tester typed « ah non je suis la directrice, le pdt c mr dubois gerard »: the letter was
    signed « Sandrine Lefebvre, ah non je suis la directrice, le pdt c mr dubois gerard ».
    The sentence is not stored; the bot says how to correct the representative's name."""
    walk = walk_to("org.rep_name")
    walk.send("moi, sandrine lefebvre")
    walk.send("pdt")
    assert "comment l’écrire" in _said(walk.text)
    walk.send("ah non je suis la directrice, le pdt c mr dubois gerard")
    said = _said(walk.text)
    assert walk.dossier.organisation.representative.role is None
    assert walk.key == "org.rep_role"
    assert "revenez à son nom avec « précédent » pour le corriger" in said
    while walk.key != "org.rep_name":
        walk.send("précédent")
    walk.send("Gérard Dubois")
    walk.send("président")
    assert walk.dossier.organisation.representative.name == "Gérard Dubois"
    assert walk.dossier.organisation.representative.role == "président"


def test_facts_typed_at_the_title_asked_back_are_never_the_title() -> None:
    """After « Mme Véronique Martin » then « pdt », asked how to write « pdt », the tester
    typed « 7 salariés pour 6,2 ETP, 12 bénévoles au CA »: the letter was signed « Je
    soussignée, Mme Véronique Martin, 7 salariés pour 6,2 ETP, 12 bénévoles au CA ». The
    figures are kept for their question, the title still asked."""
    walk = walk_to("org.rep_name")
    walk.send("Mme Véronique Martin")
    walk.send("pdt")
    assert "comment l’écrire" in _said(walk.text)
    walk.send("7 salariés pour 6,2 ETP, 12 bénévoles au CA")
    assert walk.dossier.organisation.representative.role is None
    assert walk.key == "org.rep_role"
    assert "je le garde pour la question « Nombre de salariés »" in _said(walk.text)
    walk.send("Présidente")
    assert walk.dossier.organisation.representative.role == "Présidente"
    assert walk.key == "org.employees"
    assert "7 salariés pour 6,2 ETP" in _said(walk.text)


def test_a_sentence_typed_at_the_title_is_refused_saying_what_a_title_is() -> None:
    """« on accompagne des jeunes et des adultes en insertion », « 7 salariés pour 6,2
    ETP » at « Quelle est sa qualité ? » were stored as the title. Refused, saying a title
    is expected; « directeur du pôle 2 » is a title, its figure counts nothing."""
    for typed in (
        "on accompagne des jeunes et des adultes en insertion",
        "7 salariés pour 6,2 ETP",
    ):
        walk = walk_to("org.rep_role")
        walk.send(typed)
        said = _said(walk.text)
        assert walk.dossier.organisation.representative.role is None
        assert walk.key == "org.rep_role"
        assert "Envoyez seulement la fonction de la personne, en quelques mots" in said
    walk = walk_to("org.rep_role")
    walk.send("directeur du pôle 2")
    assert walk.dossier.organisation.representative.role == "directeur du pôle 2"


def test_an_activity_typed_at_the_name_asked_back_is_never_the_name() -> None:
    """« Claire Dubois, chargée de mission » asked back as « Claire Dubois », then « ateliers
    et formations pour les encadrants des SIAE »: that became the contact's name; « on
    accompagne des jeunes et des adultes en insertion » the representative's at any time.
    Refused, a person's name asked."""
    walk = walk_to("org.contact_name")
    walk.send("Claire Dubois, chargée de mission")
    assert "Dois-je retenir « Claire Dubois » comme nom ?" in _said(walk.text)
    walk.send("ateliers et formations pour les encadrants des SIAE")
    assert walk.dossier.organisation.contact.name is None
    assert "ne ressemble pas à un nom de personne" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.organisation.contact.name == "Claire Dubois"
    walk = walk_to("org.rep_name")
    walk.send("on accompagne des jeunes et des adultes en insertion")
    assert walk.dossier.organisation.representative.name is None
    assert "écrivez le prénom et le nom" in _said(walk.text)


def test_a_decimal_comma_in_an_action_title_stays_in_its_figure() -> None:
    """« Formation des encadrants, 0,5 ETP, 15 SIAE » as an action's title was written
    « Formation des encadrants, 0, 5 ETP » (cut at the comma between 0 and 5) in the
    dossier and the plan."""
    from drafts import render_drafts
    from drafts.typography import plain

    walk = walk_to("plan.o1.0.title")
    walk.send("Formation des encadrants, 0,5 ETP, 15 SIAE")
    action = walk.dossier.plan.actions["o1"][0]
    assert action.title == "Formation des encadrants, 0,5 ETP"
    assert "0, 5" not in _said(walk.text)
    files = render_drafts(spec_2025(), walk.dossier, TODAY, {"md"}).files
    plan = plain(next(f.content.decode() for f in files if f.name.startswith("plan")))
    assert "Formation des encadrants, 0,5 ETP" in plan
    assert "0, 5" not in plan


def test_the_organisations_figures_typed_after_the_title_go_to_their_questions() -> None:
    """« présidente, 7 salariés pour 6,2 ETP, 12 bénévoles au CA » at the representative's
    title was stored whole as the title, printed under the signature. The title is
    « présidente », each figure taken by its question (said); at the contact's title,
    whose next question asks no figure, the figures are said not kept."""
    walk = walk_to("org.rep_role")
    walk.send("présidente, 7 salariés pour 6,2 ETP, 12 bénévoles au CA")
    organisation = walk.dossier.organisation
    assert organisation.representative.role == "présidente"
    assert (organisation.employees, organisation.volunteers) == (7, 12)
    assert str(organisation.employees_fte) == "6.2"
    assert "je retiens aussi « Nombre de salariés » : 7" in _said(walk.text)
    walk = walk_to("org.contact_role")
    walk.send("chargée de mission, 7 salariés pour 6,2 ETP")
    assert walk.dossier.organisation.contact.role == "chargée de mission"
    assert "« 7 salariés pour 6,2 ETP » ne répond pas à « Fonction" in _said(walk.text)


def test_the_letters_own_words_typed_before_the_name_are_not_the_name() -> None:
    """« Je soussignée, Mme Véronique Martin » at the representative's name was stored
    whole: the letter read « Je soussigné(e), Je soussignée, Mme Véronique Martin ». The
    name alone is asked back, and « oui » takes it."""
    walk = walk_to("org.rep_name")
    walk.send("Je soussignée, Mme Véronique Martin")
    assert walk.dossier.organisation.representative.name is None
    assert "« Mme Véronique Martin »" in _said(walk.text)
    walk.send("oui")
    assert walk.dossier.organisation.representative.name == "Mme Véronique Martin"
