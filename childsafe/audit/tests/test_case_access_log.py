"""The "who looked at this case" page, checked against every persona."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from childsafe.accounts.models import User
from childsafe.audit.models import AuditEntry
from childsafe.audit.tests.helpers import write_entries
from childsafe.audit.views import PER_PAGE, describe_action, describe_fields
from childsafe.cases import services

pytestmark = pytest.mark.django_db


def page_url(case, **query) -> str:
    url = reverse("audit:case_access_log", args=[case.pk])
    return f"{url}?{urlencode(query)}" if query else url


def table_rows(response) -> int:
    return response.content.decode().count('<tr class="govuk-table__row">') - 1  # less the heading row


def test_a_manager_sees_who_looked_and_what_they_did(client_for, team_manager, partner_practitioner, a_case):
    services.record_view(partner_practitioner, a_case, None)

    response = client_for(team_manager).get(page_url(a_case))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Pat Partner, Northbrook Domestic Abuse Service" in html
    assert "Aisha Worker, Northbrook Children&#39;s Services" in html
    assert "Viewed the case" in html
    assert "Created a person&#39;s details" in html
    assert "first name" in html
    assert a_case.reference in html


def test_a_safeguarding_lead_can_see_the_page(client_for, lead_org, a_case):
    lead = User.objects.create_user(
        "sam.lead@northbrook.example", "x" * 16, full_name="Sam Lead", organisation=lead_org, role="safeguarding_lead"
    )

    assert client_for(lead).get(page_url(a_case)).status_code == 200


def test_newest_entries_come_first(client_for, team_manager, partner_practitioner, a_case):
    services.record_view(partner_practitioner, a_case, None)

    html = client_for(team_manager).get(page_url(a_case)).content.decode()

    # The manager's own visit is newest, then the partner's view, then the case being opened.
    assert html.index("Viewed who looked at the case") < html.index("Pat Partner") < html.index("Created the case")


@pytest.mark.parametrize("persona", ["allocated_worker", "colleague", "partner_practitioner"])
def test_practitioners_are_refused(client_for, a_case, persona, request):
    user = request.getfixturevalue(persona)
    before = AuditEntry.objects.count()

    response = client_for(user).get(page_url(a_case))

    assert response.status_code == 403
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("persona", ["outsider_manager", "outsider", "commissioner", "administrator"])
def test_those_the_case_is_not_shared_with_are_told_it_does_not_exist(client_for, a_case, persona, request):
    user = request.getfixturevalue(persona)

    response = client_for(user).get(page_url(a_case))

    assert response.status_code == 404
    assert a_case.reference not in response.content.decode()


def test_signed_out_visitors_are_sent_to_sign_in(client, a_case):
    response = client.get(page_url(a_case))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_viewing_the_page_is_itself_logged(client_for, team_manager, a_case):
    client_for(team_manager).get(page_url(a_case), HTTP_USER_AGENT="Test browser")

    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == AuditEntry.Action.VIEW_ACCESS_LOG
    assert entry.actor == team_manager
    assert (entry.object_type, entry.object_id, entry.case_id) == ("case", str(a_case.pk), a_case.pk)
    assert entry.user_agent == "Test browser"


def test_the_page_cannot_be_posted_to(client_for, team_manager, a_case):
    assert client_for(team_manager).post(page_url(a_case)).status_code == 405


def test_entries_are_paginated(client_for, team_manager, allocated_worker, a_case):
    write_entries(allocated_worker, 70, case_id=a_case.pk)
    total = AuditEntry.objects.filter(case_id=a_case.pk).count() + 1  # and the manager's visit
    client = client_for(team_manager)

    first = client.get(page_url(a_case))
    second = client.get(page_url(a_case, page=2))

    assert table_rows(first) == PER_PAGE
    assert f"of {total}" in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    # The second visit added one more entry, which pushes one more row onto the last page.
    assert table_rows(second) == total + 1 - PER_PAGE
    assert 'rel="prev"' in second.content.decode()


def test_a_nonsense_page_number_shows_a_page_rather_than_an_error(client_for, team_manager, a_case):
    assert client_for(team_manager).get(page_url(a_case, page="many")).status_code == 200


def test_names_are_escaped(client_for, team_manager, allocated_worker, a_case):
    allocated_worker.full_name = "<script>alert(1)</script>"
    allocated_worker.save()

    html = client_for(team_manager).get(page_url(a_case)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_query_count_does_not_grow_with_the_entries_shown(
    client_for, team_manager, allocated_worker, colleague, partner_practitioner, a_case
):
    client = client_for(team_manager)
    client.get(page_url(a_case))  # warm up: the first request in a session does some one-off work
    with CaptureQueriesContext(connection) as few:
        response = client.get(page_url(a_case))
    assert table_rows(response) < 15

    for author in (allocated_worker, colleague, partner_practitioner):
        write_entries(author, 20, case_id=a_case.pk)
    with CaptureQueriesContext(connection) as many:
        response = client.get(page_url(a_case))
    assert table_rows(response) == PER_PAGE

    assert len(many.captured_queries) == len(few.captured_queries)


def test_field_names_are_shown_in_words_without_record_ids():
    entry = AuditEntry(changed_fields=["date_of_birth", f"impact_{uuid.uuid4().hex}", f"impact_{uuid.uuid4().hex}"])

    assert describe_fields(entry) == "date of birth, impact on a child"


@pytest.mark.parametrize(
    ("action", "object_type", "words"),
    [
        ("view", "chronologyentry", "Viewed a chronology entry"),
        ("delete", "contact_detail", "Removed contact details"),
        ("share", "case_share", "Shared the case with an organisation"),
        ("view_access_log", "case", "Viewed who looked at the case"),
        ("create", "safety_plan", "Created safety plan"),
    ],
)
def test_actions_are_described_in_plain_words(action, object_type, words):
    assert describe_action(AuditEntry(action=action, object_type=object_type)) == words


def test_a_page_opened_is_described_by_its_name():
    entry = AuditEntry(action="view", object_type="page", object_id="plans:add_action")
    assert describe_action(entry) == "Opened a page of the case (add action)"
