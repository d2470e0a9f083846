"""`/dossiers` filters as staff type them, and the buttons that carry them from page to page."""

from __future__ import annotations

import datetime as dt

import pytest

from dialogs.dossier_list import ListingFilters, parse_filters, parse_token

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
        ("actifs 0", ListingFilters(days=1)),
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
    ):
        assert parse_token(filters.token) == filters
    long = parse_filters("x" * 100)
    assert len(long.text) == 30, "a search short enough for a button"


def test_filters_become_the_query_of_one_page() -> None:
    query = parse_filters("éligibles alertes actifs 7 réseau").query(NOW, offset=20)
    assert query.eligible is True and query.with_warnings is True and query.complete is None
    assert query.active_since == NOW - dt.timedelta(days=7)
    assert query.text == "réseau" and query.offset == 20 and query.limit == 10
