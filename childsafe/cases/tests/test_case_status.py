"""Closing and reopening a case: every closure is kept with its outcome, the history cannot be rewritten, and two
people closing (or reopening) the same case at once get a plain message, never a 500 or an overwritten outcome."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction
from django.urls import reverse

from childsafe.cases import services
from childsafe.cases.models import Case, CaseStatusChange
from childsafe.cases.views import case as case_views


def _close(client, case: Case, outcome: str, on: dt.date, note: str = ""):
    data = {"outcome": outcome, "note": note, "closed_on_day": on.day, "closed_on_month": on.month}
    return client.post(reverse("cases:close", args=[case.pk]), {**data, "closed_on_year": on.year})


def test_close_reopen_close_keeps_both_outcomes_and_shows_them(client_for, allocated_worker, a_case):
    client = client_for(allocated_worker)
    assert _close(client, a_case, "stepped_down", dt.date(2026, 10, 1), "Early help took over").status_code == 302
    assert client.post(reverse("cases:reopen", args=[a_case.pk])).status_code == 302
    assert _close(client, a_case, "moved_away", dt.date.today()).status_code == 302

    history = list(CaseStatusChange.objects.filter(case=a_case).order_by("changed_at"))
    assert [(change.status, change.outcome) for change in history] == [
        ("closed", "stepped_down"),
        ("open", ""),
        ("closed", "moved_away"),
    ]
    assert history[0].effective_on == dt.date(2026, 10, 1)
    assert history[0].note == "Early help took over"
    assert {change.changed_by for change in history} == {allocated_worker}

    page = client.get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    assert "Closed on 1 October 2026: Stepped down to early help or universal services (Early help took over)" in page
    assert f"reopened on {dt.date.today():%-d %B %Y} by Aisha Worker" in page
    assert "Family moved away" in page


def test_a_case_closed_before_it_was_reopened_cannot_close_earlier_than_the_reopening(
    client_for, allocated_worker, a_case
):
    client = client_for(allocated_worker)
    _close(client, a_case, "safer", dt.date(2026, 10, 1))
    client.post(reverse("cases:reopen", args=[a_case.pk]))
    response = _close(client, a_case, "safer", dt.date(2026, 10, 1))
    assert response.status_code == 200
    assert "must be on or after the date it was reopened" in response.content.decode()
    a_case.refresh_from_db()
    assert a_case.is_open


def test_the_status_history_cannot_be_changed(allocated_worker, a_case):
    services.close_case(a_case, by=allocated_worker, outcome="safer")
    change = CaseStatusChange.objects.get(case=a_case)
    with pytest.raises(TypeError):
        change.save()
    with pytest.raises(TypeError):
        CaseStatusChange.objects.filter(pk=change.pk).update(outcome="other")
    # Whatever sends the UPDATE, the database refuses it.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE cases_casestatuschange SET outcome = %s WHERE id = %s", ["other", change.pk.hex])
    change.refresh_from_db()
    assert change.outcome == "safer"


def test_closing_a_case_someone_has_just_closed_is_refused_and_keeps_their_outcome(allocated_worker, a_case):
    # Two pages showed the case open; the first to save closes it.
    mine, theirs = Case.objects.get(pk=a_case.pk), Case.objects.get(pk=a_case.pk)
    services.close_case(theirs, by=allocated_worker, outcome="safer", note="Theirs")
    with pytest.raises(services.TransitionNotAllowed, match="already closed"):
        services.close_case(mine, by=allocated_worker, outcome="other", note="Mine")
    a_case.refresh_from_db()
    assert (a_case.closure_outcome, a_case.closure_note) == ("safer", "Theirs")
    assert CaseStatusChange.objects.filter(case=a_case).count() == 1


def test_the_second_of_two_closes_at_once_gets_a_plain_message_and_keeps_what_was_typed(
    client_for, allocated_worker, team_manager, a_case, monkeypatch
):
    """Both people opened the close form while the case was open; the manager saved first. The worker's page was
    checked against the case as it was when their request read it (open), as happens in a real race."""
    stale = Case.objects.get(pk=a_case.pk)
    assert _close(client_for(team_manager), a_case, "safer", dt.date.today()).status_code == 302
    monkeypatch.setattr(case_views, "editable_case", lambda request, case_id: stale)

    response = _close(client_for(allocated_worker), a_case, "other", dt.date.today(), "My closing summary")

    page = response.content.decode()
    assert response.status_code == 200
    assert "This case has just been closed by someone else, so it has not been closed again" in page
    assert "govuk-error-summary" in page
    assert "My closing summary" in page
    a_case.refresh_from_db()
    assert a_case.closure_outcome == "safer"


def test_the_second_of_two_reopens_at_once_gets_a_plain_message(client_for, allocated_worker, team_manager, a_case):
    services.close_case(a_case, by=allocated_worker, outcome="safer")
    stale = Case.objects.get(pk=a_case.pk)
    services.reopen_case(a_case, by=team_manager)
    with pytest.raises(services.TransitionNotAllowed):
        services.reopen_case(stale, by=allocated_worker)
    a_case.refresh_from_db()
    assert a_case.times_reopened == 1
    assert CaseStatusChange.objects.filter(case=a_case, status="open").count() == 1


def test_closing_twice_through_the_pages_says_the_case_is_closed(client_for, allocated_worker, a_case):
    client = client_for(allocated_worker)
    assert _close(client, a_case, "safer", dt.date.today()).status_code == 302
    again = _close(client, a_case, "other", dt.date.today())
    assert again.status_code == 403
    assert "This case is closed" in again.content.decode()


def test_closures_pair_each_closing_with_its_reopening():
    closed = CaseStatusChange(status="closed", outcome="safer", effective_on=dt.date(2026, 1, 1))
    reopened = CaseStatusChange(status="open", effective_on=dt.date(2026, 2, 1))
    closed_again = CaseStatusChange(status="closed", outcome="other", effective_on=dt.date(2026, 3, 1))
    assert services.closures([closed, reopened, closed_again]) == [
        services.Closure(closed, reopened),
        services.Closure(closed_again, None),
    ]
    # A reopening whose closure was never recorded (before the history was kept) stands alone.
    assert services.closures([reopened]) == [services.Closure(None, reopened)]


def test_the_migration_keeps_the_closure_of_each_case_already_closed(allocated_worker, a_case):
    migration = importlib.import_module(
        "childsafe.cases.migrations.0003_status_history_never_changes_and_keeps_past_closures"
    )
    Case.objects.filter(pk=a_case.pk).update(
        status="closed", closed_on=dt.date(2026, 10, 1), closure_outcome="court_order", closure_note="Order made"
    )
    still_open = services.open_case(by=allocated_worker)

    migration.keep_current_closures(django_apps, None)
    migration.keep_current_closures(django_apps, None)  # running again adds nothing

    change = CaseStatusChange.objects.get()
    assert (change.case_id, change.status, change.outcome, change.note, change.effective_on) == (
        a_case.pk,
        "closed",
        "court_order",
        "Order made",
        dt.date(2026, 10, 1),
    )
    assert not CaseStatusChange.objects.filter(case=still_open).exists()
