"""Opening, reading, changing, closing, reopening and sharing a case through its pages."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Case, CaseShare, Person
from childsafe.chronology.models import ChronologyEntry
from childsafe.conftest import person


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(day.day), f"{prefix}_month": str(day.month), f"{prefix}_year": str(day.year)}


def test_open_a_case(client_for, allocated_worker, team):
    client = client_for(allocated_worker)
    assert client.get(reverse("cases:create")).status_code == 200
    data = {"summary": "Referral from school", "team": team.pk, "allocated_worker": allocated_worker.pk}
    response = client.post(reverse("cases:create"), data | _date("opened_on", dt.date(2026, 10, 1)))
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.lead_organisation == allocated_worker.organisation
    assert CaseShare.objects.filter(case=case, organisation=allocated_worker.organisation).exists()
    assert AuditEntry.objects.filter(case_id=case.pk, action="create", object_type="case").exists()


def test_opening_with_bad_input_keeps_what_was_typed_and_saves_nothing(client_for, allocated_worker, outsider):
    client = client_for(allocated_worker)
    before = AuditEntry.objects.count()
    data = {
        "summary": "<b>Referral</b> " + "x" * 400,
        "allocated_worker": outsider.pk,  # another organisation's worker: not a choice
        "opened_on_day": "31",
        "opened_on_month": "2",
        "opened_on_year": "2026",
    }
    response = client.post(reverse("cases:create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Why the case is open must be 300 characters or fewer" in page
    assert "Date the case was opened must be a real date" in page
    assert "Select allocated worker from the list" in page
    assert "&lt;b&gt;Referral&lt;/b&gt;" in page  # what was typed is back in the box, escaped
    assert 'value="31"' in page
    assert Case.objects.count() == 0
    assert AuditEntry.objects.count() == before


def test_future_opening_date_is_refused(client_for, allocated_worker):
    tomorrow = dt.date.today() + dt.timedelta(days=2)
    response = client_for(allocated_worker).post(reverse("cases:create"), _date("opened_on", tomorrow))
    assert "must be today or in the past" in response.content.decode()
    assert Case.objects.count() == 0


def test_case_page_shows_the_household_and_logs_the_read(client_for, partner_practitioner, a_case):
    before = AuditEntry.objects.filter(case_id=a_case.pk, action="view").count()
    response = client_for(partner_practitioner).get(reverse("cases:detail", args=[a_case.pk]))
    page = response.content.decode()
    for name in ("Mia Fernhill", "Leo Fernhill", "Rachel Fernhill", "Darren Cole"):
        assert name in page
    entry = AuditEntry.objects.filter(case_id=a_case.pk, action="view").latest("seq")
    assert AuditEntry.objects.filter(case_id=a_case.pk, action="view").count() == before + 1
    assert entry.actor == partner_practitioner
    assert entry.ip_address == "127.0.0.1"


def test_case_page_query_count_does_not_grow_with_the_case(client_for, allocated_worker, a_case):
    client = client_for(allocated_worker)
    url = reverse("cases:detail", args=[a_case.pk])
    adult = person(a_case, "parent_using_abuse")
    first = ChronologyEntry.objects.create(
        case=a_case,
        behaviour="coercive_control",
        person_responsible=adult,
        description="Darren took Rachel's keys",
        occurred_from=dt.date(2026, 1, 5),
        reported_by="victim_survivor",
    )
    first.child_impacts.create(child=person(a_case, "child"), impact="Mia was frightened")
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for index in range(6):
        services.save_record(
            Person(case=a_case, role_in_case="child", first_name=f"Kid{index}", age_in_years=index + 1),
            by=allocated_worker,
            request=None,
            changed=[],
            creating=True,
        )
    for index in range(30):
        ChronologyEntry.objects.create(
            case=a_case,
            behaviour="physical",
            person_responsible=adult,
            description=f"Darren pushed Rachel {index}",
            occurred_from=dt.date(2026, 1 + index % 9, 1 + index % 27),
            reported_by="police",
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "Kid5" in response.content.decode()
    assert len(large) == len(small), [q["sql"][:150] for q in large.captured_queries]


def test_change_case_details(client_for, allocated_worker, colleague, a_case):
    data = {"summary": "Updated", "allocated_worker": colleague.pk} | _date("opened_on", a_case.opened_on)
    response = client_for(allocated_worker).post(reverse("cases:edit", args=[a_case.pk]), data)
    assert response.status_code == 302
    a_case.refresh_from_db()
    assert a_case.allocated_worker == colleague
    entry = AuditEntry.objects.filter(case_id=a_case.pk, action="update").latest("seq")
    assert set(entry.changed_fields) >= {"summary", "allocated_worker"}


def test_close_and_reopen(client_for, allocated_worker, a_case):
    client = client_for(allocated_worker)
    url = reverse("cases:close", args=[a_case.pk])
    bad = client.post(url, {"note": "done"} | _date("closed_on", dt.date(2026, 8, 1)))
    assert "Select the outcome" in bad.content.decode()
    assert "on or after the date it was opened" in bad.content.decode()
    a_case.refresh_from_db()
    assert a_case.is_open
    client.post(url, {"outcome": "safer", "note": "Safer"} | _date("closed_on", dt.date(2026, 10, 1)))
    a_case.refresh_from_db()
    assert a_case.status == "closed"
    assert a_case.closure_outcome == "safer"
    client.post(reverse("cases:reopen", args=[a_case.pk]))
    a_case.refresh_from_db()
    assert a_case.is_open and a_case.times_reopened == 1 and a_case.closed_on is None
    actions = list(AuditEntry.objects.filter(case_id=a_case.pk, object_type="case").values_list("action", flat=True))
    assert "close" in actions and "reopen" in actions


def test_share_with_another_organisation(client_for, allocated_worker, outsider, other_org, a_case):
    client = client_for(allocated_worker)
    url = reverse("cases:share", args=[a_case.pk])
    unknown = client.post(url, {"organisation": "999999", "reason": "Needs to know"})
    assert "Select an organisation from the list" in unknown.content.decode()
    missing_reason = client.post(url, {"organisation": other_org.pk})
    assert "Enter why the organisation needs to know" in missing_reason.content.decode()
    assert client_for(outsider).get(reverse("cases:detail", args=[a_case.pk])).status_code == 404
    client.post(url, {"organisation": other_org.pk, "reason": "Police safeguarding"})
    assert client_for(outsider).get(reverse("cases:detail", args=[a_case.pk])).status_code == 200
