"""Where each person stands (level, tier, when to assess again), how levels rose, and the overview panel:
the same number of queries however many children and assessments the case has."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.db import connection
from django.shortcuts import render
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from childsafe.assessments import services, standing
from childsafe.assessments.instruments import get_registry
from childsafe.assessments.tests.conftest import SCREENING, child_of, completed, screening_answers
from childsafe.assessments.views import overview_panel
from childsafe.cases import services as case_services
from childsafe.cases.models import Person

MODERATE = screening_answers(physical_violence=["few_minor"])
SERIOUS = screening_answers(physical_violence=["serious_or_increasing"])
SEVERE = screening_answers(danger_signs=["strangulation"])


def test_current_standing_gives_level_tier_and_due_date_from_the_tier(a_case, allocated_worker):
    mia = child_of(a_case)
    with time_machine.travel(dt.datetime(2026, 9, 10, 12, tzinfo=dt.UTC)):
        completed(a_case, allocated_worker, SCREENING, SERIOUS, mia)
        result = standing.current_standing(a_case)[str(mia.pk)]
    tier = get_registry().tiers[3]
    assert (result.level, result.level_label, result.rank, result.tier, result.tier_name) == (
        "serious",
        "Serious",
        3,
        3,
        "Complex",
    )
    assert result.assessed_on == dt.date(2026, 9, 10)
    assert result.reassess_by == dt.date(2026, 9, 10) + dt.timedelta(days=tier.reassess_days)
    assert result.instrument_id == SCREENING and result.instrument_version == get_registry().latest(SCREENING).version
    assert not result.overdue
    assert standing.current_standing(a_case, today=result.reassess_by + dt.timedelta(days=1))[str(mia.pk)].overdue


def test_a_sooner_reassessment_date_wins(a_case, allocated_worker, client_for):
    mia = child_of(a_case)
    screening = completed(a_case, allocated_worker, SCREENING, MODERATE, mia)
    soon = dt.date.today() + dt.timedelta(days=10)
    url = f"/cases/{a_case.pk}/assessments/{screening.pk}/reassess/"
    response = client_for(allocated_worker).post(
        url, {"reassess_by_day": soon.day, "reassess_by_month": soon.month, "reassess_by_year": soon.year}
    )
    assert response.status_code == 302
    assert standing.current_standing(a_case)[str(mia.pk)].reassess_by == soon
    past = dt.date.today() - dt.timedelta(days=1)
    page = (
        client_for(allocated_worker)
        .post(url, {"reassess_by_day": past.day, "reassess_by_month": past.month, "reassess_by_year": past.year})
        .content.decode()
    )
    assert "Assess again by must be today or in the future" in page


def test_level_rises_lists_each_rise_on_the_same_scale(a_case, allocated_worker):
    mia, leo = child_of(a_case, "Mia"), child_of(a_case, "Leo")
    with time_machine.travel(dt.datetime(2026, 9, 1, 9, tzinfo=dt.UTC)):
        completed(a_case, allocated_worker, SCREENING, MODERATE, mia)
        completed(a_case, allocated_worker, SCREENING, SERIOUS, leo)
    with time_machine.travel(dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)):
        later = completed(a_case, allocated_worker, SCREENING, SEVERE, mia)
        completed(a_case, allocated_worker, SCREENING, MODERATE, leo)
    rises = standing.level_rises(a_case)
    assert [(rise.person_id, rise.from_level, rise.to_level, rise.assessment_id) for rise in rises] == [
        (str(mia.pk), "moderate", "severe", str(later.pk))
    ]
    assert standing.level_rises(a_case, since=dt.datetime(2026, 10, 2, tzinfo=dt.UTC)) == []


def test_a_raise_on_judgement_counts_and_a_pending_lowering_does_not(a_case, allocated_worker):
    mia = child_of(a_case)
    first = completed(a_case, allocated_worker, SCREENING, SERIOUS, mia)
    services.change_level(first, mia, "severe", "Gun in the house", by=allocated_worker)
    assert standing.current_standing(a_case)[str(mia.pk)].changed_by_judgement
    second = completed(a_case, allocated_worker, SCREENING, SERIOUS, mia)
    services.change_level(second, mia, "moderate", "Reasons", by=allocated_worker)
    now = standing.current_standing(a_case)[str(mia.pk)]
    assert (now.level, now.pending_lowering) == ("serious", True)


def test_pure_standing_from_points_needs_no_database():
    point = standing.LevelPoint(
        person_id="p", assessment_id="a", instrument_id="x", instrument_title="X", instrument_version=1, scale_id="s",
        on=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), level="l", label="L", rank=2, tier=4, tag="red", answers_level="l",
        changed_by_judgement=False, pending_lowering=False, reassess_by=None,
    )  # fmt: skip
    result = standing.standing_from({"p": [point]}, get_registry().tiers, dt.date(2026, 3, 1))
    assert result["p"].reassess_by == dt.date(2026, 1, 29) and result["p"].overdue


def _panel(case, user):
    request = RequestFactory().get("/")
    request.user = user
    people = list(Person.objects.filter(case=case))
    with CaptureQueriesContext(connection) as queries:
        context = overview_panel(request, case, people)
        html = render(request, context["template"], {"panel": context}).content.decode()
    return len(queries), html


def test_the_overview_panel_makes_the_same_queries_whatever_the_size_of_the_case(a_case, allocated_worker, team):
    small = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
    only = Person(case=small, role_in_case="child", first_name="Ada", date_of_birth=dt.date(2020, 1, 1))
    case_services.save_record(only, by=allocated_worker, request=None, changed=["first_name"], creating=True)
    completed(small, allocated_worker, SCREENING, MODERATE, only)

    for number in range(4):
        extra = Person(
            case=a_case, role_in_case="child", first_name=f"Child{number}", date_of_birth=dt.date(2015 + number, 1, 1)
        )
        case_services.save_record(extra, by=allocated_worker, request=None, changed=["first_name"], creating=True)
    for child in a_case.people.filter(role_in_case="child"):
        for answers in (MODERATE, SERIOUS, SEVERE):
            screening = completed(a_case, allocated_worker, SCREENING, answers, child)
        services.change_level(screening, child, "serious", "Reasons", by=allocated_worker)

    allocated_worker.refresh_from_db()
    small_count, _ = _panel(small, allocated_worker)
    allocated_worker.refresh_from_db()
    large_count, html = _panel(a_case, allocated_worker)
    assert small_count == large_count <= 3
    assert html.count("<svg") == 6  # a trend for each of the six children
    assert "app-trend__line" in html and "style=" not in html
    assert html.count("<caption>") == 6  # each chart's points as a visually hidden table


def test_the_panel_shows_overdue_re_assessment(a_case, allocated_worker):
    mia = child_of(a_case)
    with time_machine.travel(dt.datetime(2025, 1, 1, 12, tzinfo=dt.UTC)):
        completed(a_case, allocated_worker, SCREENING, SEVERE, mia)
    _, html = _panel(a_case, allocated_worker)
    assert "Overdue" in html
    assert "Screen now" in html  # Leo has never been screened


def test_the_case_overview_shows_each_childs_level_tier_and_trend(a_case, allocated_worker, client_for):
    completed(a_case, allocated_worker, SCREENING, MODERATE, child_of(a_case))
    completed(a_case, allocated_worker, SCREENING, SEVERE, child_of(a_case))
    page = client_for(allocated_worker).get(f"/cases/{a_case.pk}/").content.decode()
    panel = page.split('id="risk-panel-heading"')[1].split("</section>")[0]
    assert "Severe" in panel and "Tier 4: Acute" in panel
    assert "app-trend__line" in panel
    assert "Mia&#39;s level at each assessment" in panel or "Mia's level at each assessment" in panel
    assert "Screen now" in panel  # Leo
