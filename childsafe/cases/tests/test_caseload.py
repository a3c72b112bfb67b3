"""The caseload page: my cases, my team's, every case shared with my organisation, and search."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.cases import services
from childsafe.cases.models import Person

URL = reverse("cases:caseload")


def _open(by, *, child: str, surname: str, dob: dt.date | None = None, **fields):
    case = services.open_case(by=by, **fields)
    services.save_record(
        Person(
            case=case,
            role_in_case="child",
            first_name=child,
            last_name=surname,
            date_of_birth=dob or dt.date(2018, 1, 1),
        ),
        by=by,
        request=None,
        changed=[],
        creating=True,
    )
    return case


def test_my_cases_by_default(client_for, allocated_worker, colleague, team, a_case):
    other = _open(colleague, child="Ben", surname="Ashdown", allocated_worker=colleague, team=team)
    page = client_for(allocated_worker).get(URL).content.decode()
    assert a_case.reference in page
    assert other.reference not in page


def test_my_teams_cases(client_for, allocated_worker, colleague, team, a_case):
    other = _open(colleague, child="Ben", surname="Ashdown", allocated_worker=colleague, team=team)
    page = client_for(allocated_worker).get(URL, {"scope": "team"}).content.decode()
    assert a_case.reference in page
    assert other.reference in page


def test_search_by_name_reference_and_date_of_birth(client_for, allocated_worker, colleague, a_case):
    other = _open(colleague, child="Ben", surname="Ashdown", dob=dt.date(2015, 6, 30))
    client = client_for(allocated_worker)
    by_name = client.get(URL, {"q": "fernhill"}).content.decode()
    assert a_case.reference in by_name and other.reference not in by_name
    by_full_name = client.get(URL, {"q": "Mia Fern"}).content.decode()
    assert a_case.reference in by_full_name
    by_reference = client.get(URL, {"q": other.reference.lower()}).content.decode()
    assert other.reference in by_reference and a_case.reference not in by_reference
    by_dob = client.get(URL, {"q": "30/06/2015"}).content.decode()
    assert other.reference in by_dob and a_case.reference not in by_dob


def test_search_never_finds_another_organisations_case(client_for, outsider, a_case):
    page = client_for(outsider).get(URL, {"q": "Fernhill", "scope": "all"}).content.decode()
    assert a_case.reference not in page
    assert "No cases found" in page
    page = client_for(outsider).get(URL, {"q": a_case.reference}).content.decode()
    assert f">{a_case.reference}</a>" not in page


def test_closed_cases_are_listed_when_asked(client_for, allocated_worker, a_case):
    services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    assert a_case.reference not in client.get(URL).content.decode()
    assert a_case.reference in client.get(URL, {"status": "closed"}).content.decode()


@pytest.mark.parametrize("typed", ["' OR 1=1--", "%", "_", "\\", "<script>alert(1)</script>", "x" * 5000])
def test_odd_search_text_is_matched_literally_and_shown_escaped(client_for, allocated_worker, a_case, typed):
    response = client_for(allocated_worker).get(URL, {"q": typed, "scope": "sideways", "status": "nope", "page": "-3"})
    assert response.status_code == 200
    assert a_case.reference not in response.content.decode()
    assert b"<script>alert(1)</script>" not in response.content


def test_query_count_does_not_grow_with_the_caseload(client_for, allocated_worker, team):
    client = client_for(allocated_worker)
    for index in range(3):
        _open(allocated_worker, child=f"Child{index}", surname="Few", allocated_worker=allocated_worker, team=team)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    for index in range(22):
        _open(allocated_worker, child=f"Child{index}", surname="Many", allocated_worker=allocated_worker, team=team)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert response.content.decode().count("/cases/") >= 25
    assert len(many) == len(few)


def test_control_characters_in_a_search_do_not_break_it(client_for, allocated_worker, a_case):
    response = client_for(allocated_worker).get(URL, {"q": "Fern\x00hill"})
    assert response.status_code == 200


def test_managers_start_with_their_teams_cases(client_for, team_manager, a_case):
    page = client_for(team_manager).get(URL).content.decode()
    assert "My team&#39;s cases" in page or "My team's cases" in page
    assert a_case.reference in page
