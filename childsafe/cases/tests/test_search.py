"""Reading what a practitioner typed into the caseload search."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from childsafe.cases.search import MAX_QUERY_LENGTH, parse_query


@pytest.mark.parametrize("typed", ["CS-7KQ2-M9XD", "cs-7kq2-m9xd", "CS7KQ2M9XD", "7kq2-m9xd", " CS-7KQ2-M9XD "])
def test_case_references_in_any_common_form(typed):
    query = parse_query(typed)
    assert query.kind == "reference"
    assert query.reference == "CS-7KQ2-M9XD"


@pytest.mark.parametrize("typed", ["04/03/2017", "4/3/2017", "04-03-2017", "2017-03-04", "4 March 2017", "4 Mar 2017"])
def test_dates_of_birth(typed):
    query = parse_query(typed)
    assert query.kind == "date_of_birth"
    assert query.date_of_birth == dt.date(2017, 3, 4)


def test_an_impossible_date_is_searched_as_text():
    assert parse_query("31/02/2017").kind == "name"


def test_names_split_into_words():
    query = parse_query("  Mia   Fernhill ")
    assert query.kind == "name"
    assert query.words == ("Mia", "Fernhill")


def test_empty():
    assert parse_query("   ").kind == "empty"


@given(st.text())
def test_any_text_is_understood_without_error(typed):
    query = parse_query(typed)
    assert query.kind in {"reference", "date_of_birth", "name", "empty"}
    assert len(query.text) <= MAX_QUERY_LENGTH


def test_control_characters_are_ignored():
    assert parse_query("\x00").kind == "empty"
    assert parse_query("Fern\x00hill").words == ("Fern", "hill")
