"""The chronology on the case page: the pattern, the filter, the list and its pages, in constant queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.chronology.tests.conftest import make_entry
from childsafe.chronology.views import PAGE_SIZE, chronology_section


def section(case, user, **params) -> dict:
    request = RequestFactory().get("/", params)
    request.user = user
    return chronology_section(request, case)


def render_partials(case, user, **params) -> str:
    request = RequestFactory().get("/", params)
    request.user = user
    context = {"case": case, **chronology_section(request, case)}
    return render_to_string("chronology/_pattern.html", context, request) + render_to_string(
        "chronology/_entries.html", context, request
    )


@pytest.fixture
def history(a_case, allocated_worker, darren, rachel, mia, leo):
    """Coercive control through the spring, then physical abuse in the autumn; one behaviour by another adult."""
    grandad = Person.objects.create(case=a_case, role_in_case="other_adult", first_name="Ken", last_name="Cole")
    entries = {
        "march": make_entry(a_case, allocated_worker, occurred_from=dt.date(2026, 3, 2), impacts={mia: "Mia cried."}),
        "spring": make_entry(
            a_case, allocated_worker, occurred_from=dt.date(2026, 4, 1), occurred_to=dt.date(2026, 6, 30)
        ),
        "september": make_entry(
            a_case,
            allocated_worker,
            behaviour="physical",
            occurred_from=dt.date(2026, 9, 14),
            impacts={mia: "Mia saw it.", leo: "Leo woke."},
        ),
        "october": make_entry(a_case, allocated_worker, behaviour="online", occurred_from=dt.date(2026, 10, 5)),
        "grandad": make_entry(
            a_case, allocated_worker, person=grandad, behaviour="economic", occurred_from=dt.date(2026, 10, 20)
        ),
    }
    return entries


def test_empty_chronology(a_case, allocated_worker):
    context = section(a_case, allocated_worker)
    assert context["pattern"].is_empty
    assert context["entries_total"] == 0
    assert list(context["entries"]) == []
    html = render_partials(a_case, allocated_worker)
    assert "No behaviours have been recorded yet." in html
    assert "There are no entries in the chronology yet." in html
    assert "app-pattern__table" not in html


def test_context_keys_and_newest_first(a_case, allocated_worker, history):
    context = section(a_case, allocated_worker)
    assert {"pattern", "entries", "filter_form", "entries_total"} <= set(context)
    assert context["entries_total"] == 5
    assert [entry.occurred_from for entry in context["entries"]] == sorted(
        (entry.occurred_from for entry in history.values()), reverse=True
    )
    assert context["pattern"].entry_count == 5
    assert context["can_edit"] is True
    assert not context["filtered"]


def test_pattern_picture_markup(a_case, allocated_worker, history):
    html = render_partials(a_case, allocated_worker)
    assert '<div class="app-pattern" tabindex="0" role="region" aria-labelledby="pattern-caption">' in html
    assert '<table class="govuk-table app-pattern__table">' in html
    assert "<caption" in html and "Behaviours recorded each month, March 2026 to October 2026" in html
    assert ">Mar 26<" in html and ">Oct 26<" in html
    assert '<th scope="row" class="govuk-table__header">Coercive control</th>' in html
    assert "app-pattern__cell--1" in html
    assert 'class="govuk-table__row app-pattern__total"' in html
    assert "govuk-inset-text" in html
    assert "More behaviours were recorded in the 3 months to October 2026 (3) than in the 3 months before (2)." in html
    assert "Physical abuse has been recorded for the first time, after coercive control" in html


def test_entry_list_markup(a_case, allocated_worker, history):
    html = render_partials(a_case, allocated_worker)
    assert "Apply filters" in html
    assert 'method="get"' in html
    assert "Physical abuse, 14 September 2026" in html
    assert "1 April 2026 to 30 June 2026" in html
    assert "Impact on Mia" in html and "Mia saw it." in html and "Leo woke." in html
    assert "Ken Cole" in html
    assert reverse("chronology:edit_entry", args=[a_case.pk, history["september"].pk]) in html
    assert reverse("chronology:entry", args=[a_case.pk, history["september"].pk]) in html
    assert "5 entries, newest first." in html


def test_closed_case_hides_change_links(a_case, allocated_worker, history):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    html = render_partials(a_case, allocated_worker)
    assert reverse("chronology:edit_entry", args=[a_case.pk, history["september"].pk]) not in html
    assert "Add a chronology entry" not in html


def test_filter_by_person(a_case, allocated_worker, history, darren):
    context = section(a_case, allocated_worker, person=str(darren.pk))
    assert context["entries_total"] == 4
    assert all(entry.person_responsible_id == darren.pk for entry in context["entries"])
    assert context["filtered"]
    assert context["entries_all_total"] == 5
    assert context["filter_description"] == "chosen by Darren Cole"
    assert context["pattern"].entry_count == 4
    html = render_partials(a_case, allocated_worker, person=str(darren.pk))
    assert "4 of 5 entries match the filters" in html
    assert "Showing only entries chosen by Darren Cole." in html


def test_filter_by_behaviour(a_case, allocated_worker, history):
    context = section(a_case, allocated_worker, behaviour="physical")
    assert [entry.pk for entry in context["entries"]] == [history["september"].pk]
    assert [row.behaviour for row in context["pattern"].rows] == ["physical"]


def test_filter_by_dates_includes_ranges_that_overlap(a_case, allocated_worker, history):
    params = {"date_from_day": "1", "date_from_month": "5", "date_from_year": "2026"}
    params |= {"date_to_day": "30", "date_to_month": "9", "date_to_year": "2026"}
    context = section(a_case, allocated_worker, **params)
    assert {entry.pk for entry in context["entries"]} == {history["spring"].pk, history["september"].pk}
    assert context["filter_description"] == "from 1 May 2026, to 30 September 2026"


def test_filter_from_date_alone(a_case, allocated_worker, history):
    context = section(a_case, allocated_worker, date_from_day="1", date_from_month="10", date_from_year="2026")
    assert {entry.pk for entry in context["entries"]} == {history["october"].pk, history["grandad"].pk}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"person": "nobody"}, "Select a person from the list"),
        ({"behaviour": "<script>"}, "Select a type of behaviour from the list"),
        ({"date_from_day": "40", "date_from_month": "1", "date_from_year": "2026"}, "Date from must be a real date"),
        ({"date_from_day": "1", "date_from_month": "1"}, "Date from must include a year"),
        (
            {"date_from_day": "2", "date_from_month": "5", "date_from_year": "2026", "date_to_day": "1"}
            | {"date_to_month": "5", "date_to_year": "2026"},
            "Date to must be the same as or after date from",
        ),
        ({"date_from_day": "1\x00", "date_from_month": "1", "date_from_year": "2026"}, "Date from must be a real date"),
        ({"page": "banana"}, None),
        ({"page": "9999"}, None),
    ],
)
def test_bad_filter_values_get_a_message_not_a_500(client_for, allocated_worker, a_case, history, params, message):
    response = client_for(allocated_worker).get(reverse("cases:detail", args=[a_case.pk]), params)
    assert response.status_code == 200
    page = response.content.decode()
    if message:
        assert message in page
        assert "There is a problem" in page
    assert "app-pattern__table" in page


def test_case_page_shows_the_chronology(client_for, partner_practitioner, a_case, history):
    page = client_for(partner_practitioner).get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    assert '<section id="chronology"' in page
    assert "app-pattern__table" in page
    assert "Physical abuse, 14 September 2026" in page


def test_pages_of_25_keep_the_filters(a_case, allocated_worker, darren):
    for day in range(1, 31):
        make_entry(a_case, allocated_worker, occurred_from=dt.date(2026, 8, day))
    context = section(a_case, allocated_worker, person=str(darren.pk), page="2")
    assert context["entries"].number == 2
    assert len(context["entries"]) == 30 - PAGE_SIZE
    pagination = context["pagination"]
    assert pagination["previous"]["href"] == f"?person={darren.pk}&page=1#chronology"
    assert [item["number"] for item in pagination["items"]] == [1, 2]
    html = render_partials(a_case, allocated_worker, person=str(darren.pk), page="2")
    assert "govuk-pagination" in html


def queries_for_section(case, user) -> int:
    request = RequestFactory().get("/")
    request.user = user
    with CaptureQueriesContext(connection) as captured:
        context = {"case": case, **chronology_section(request, case)}
        render_to_string("chronology/_pattern.html", context, request)
        render_to_string("chronology/_entries.html", context, request)
    return len(captured)


def test_query_count_does_not_grow_with_entries_or_children(a_case, allocated_worker, mia, leo):
    for index in range(3):
        make_entry(
            a_case, allocated_worker, occurred_from=dt.date(2026, 1 + index, 1), impacts={mia: "Upset", leo: "Quiet"}
        )
    few = queries_for_section(a_case, allocated_worker)

    for index in range(37):
        make_entry(
            a_case,
            allocated_worker,
            behaviour="physical" if index % 2 else "stalking",
            occurred_from=dt.date(2025, 1 + index % 12, 1 + index % 27),
            occurred_to=dt.date(2026, 2, 1),
            impacts={mia: "Upset", leo: "Quiet"},
        )
    for name in ["Ava", "Noah", "Isla"]:
        child = Person.objects.create(case=a_case, role_in_case="child", first_name=name, last_name="Fernhill")
        make_entry(a_case, allocated_worker, occurred_from=dt.date(2026, 10, 1), impacts={child: "Scared"})
    many = queries_for_section(a_case, allocated_worker)
    assert many == few
    assert few <= 6
