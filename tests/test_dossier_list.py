"""`/dossiers` filters as staff type them, and the buttons that carry them from page to page."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.dossier_list import FilterProblem, ListingFilters, parse_filters, parse_token

NOW = dt.datetime(2026, 11, 25, 9, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ListingFilters()),
        ("éligibles", ListingFilters(eligible=True)),
        ("Eligible COMPLETS", ListingFilters(eligible=True, complete=True)),
        ("non-éligibles", ListingFilters(eligible=False)),
        ("alertes actifs 7", ListingFilters(warnings=True, days=7)),
        ("actifs", ListingFilters(days=7)),
        ("non éligibles", ListingFilters(eligible=False)),
        ("Inéligibles", ListingFilters(eligible=False)),
        ("non eligible réseau", ListingFilters(eligible=False, text="réseau")),
        ("incomplets", ListingFilters(complete=False)),
        ("non complets", ListingFilters(complete=False)),
        ("prêts", ListingFilters(ready=True)),
        ("en cours", ListingFilters(drafted=False)),
        ("brouillons", ListingFilters(drafted=True)),
        ("non", ListingFilters(text="non")),
        ("eligibles eligibles", ListingFilters(eligible=True)),
        ("réseau actifs 30 emeraude", ListingFilters(days=30, text="réseau emeraude")),
        ("a:b", ListingFilters(text="a b")),
    ],
)
def test_filters_read_like_words(typed: str, expected: ListingFilters) -> None:
    assert parse_filters(typed) == expected


def test_the_buttons_carry_the_filters_back_unchanged() -> None:
    for filters in (
        ListingFilters(),
        ListingFilters(eligible=False, warnings=True, days=14, text="Côte d’Opale"),
        ListingFilters(eligible=True, complete=True, text="x|y"),
        ListingFilters(complete=False, ready=False, drafted=False, days=3650),
        ListingFilters(ready=True, drafted=True, warnings=True),
    ):
        assert parse_token(filters.token) == filters
    long = parse_filters("x" * 100)
    assert len(long.text) == 30, "a search short enough for a button"


def test_filters_become_the_query_of_one_page() -> None:
    query = parse_filters("éligibles alertes actifs 7 réseau").query(NOW, offset=20)
    assert query.eligible is True and query.with_warnings is True and query.complete is None
    assert query.active_since == NOW - dt.timedelta(days=7)
    assert query.text == "réseau" and query.offset == 20 and query.limit == 10


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("eligibles non-eligibles", ("eligibles", "non-eligibles")),
        ("non éligibles éligibles", ("non éligibles", "éligibles")),
        ("complets incomplets", ("complets", "incomplets")),
        ("prêts non éligibles", ("prêts", "non éligibles")),
        ("incomplets prêts", ("incomplets", "prêts")),
        ("en cours brouillons", ("en cours", "brouillons")),
        ("actifs 7 actifs 30", ("actifs 7", "actifs 30")),
    ],
)
def test_an_officer_who_types_two_filters_that_exclude_each_other_is_asked_which(
    typed: str, words: tuple[str, str]
) -> None:
    with pytest.raises(FilterProblem) as raised:
        parse_filters(typed)
    assert (raised.value.kind, raised.value.words) == ("conflict", words)


@pytest.mark.parametrize("typed", ["actifs 0", "actifs 3651", "alertes actifs 99999", "actifs -3"])
def test_an_officer_asking_for_zero_or_too_many_days_of_activity_is_told_the_range(
    typed: str,
) -> None:
    with pytest.raises(FilterProblem) as raised:
        parse_filters(typed)
    assert raised.value.kind == "days"


@pytest.mark.parametrize("typed", ["non prêts", "non alertes", "non brouillons", "non en cours"])
def test_non_before_a_filter_without_an_opposite_is_explained_not_turned_into_its_reverse(
    typed: str,
) -> None:
    """Regression: "non prêts" listed the ready dossiers and searched for "non"."""
    with pytest.raises(FilterProblem) as raised:
        parse_filters(typed)
    assert raised.value.kind == "not_negatable"
    assert parse_filters("non éligibles").eligible is False, "the filters that have one keep it"


def test_the_officer_reads_why_non_cannot_go_with_that_filter() -> None:
    from dialogs.dossier_list import MAX_DAYS
    from dialogs.staff import STAFF
    from dialogs.texts import render_macro

    problem = FilterProblem("not_negatable", ("non prêts",))
    said = render_macro(STAFF, "dossier_filter_problem", problem=problem, max_days=MAX_DAYS)
    assert "« non prêts » : ce filtre n’a pas de contraire" in said
