"""Changing a chronology entry through its page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.chronology.tests.conftest import date_parts, entry_post, make_entry


@pytest.fixture
def entry(a_case, allocated_worker, mia) -> ChronologyEntry:
    return make_entry(a_case, allocated_worker, impacts={mia: "Mia hid in her room."}, source_document="Police log")


def url_for(entry) -> str:
    return reverse("chronology:edit_entry", args=[entry.case_id, entry.pk])


def counts() -> tuple[int, int, int]:
    return ChronologyEntry.objects.count(), ChildImpact.objects.count(), AuditEntry.objects.count()


def test_url(entry):
    assert url_for(entry) == f"/cases/{entry.case_id}/chronology/{entry.pk}/edit/"


def test_form_shows_the_entry_and_logs_a_view(client_for, allocated_worker, entry):
    response = client_for(allocated_worker).get(url_for(entry))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Change a chronology entry" in page
    assert "He checked her phone every evening" in page
    assert "Mia hid in her room." in page
    assert 'value="Police log"' in page
    assert 'value="3"' in page and 'value="2026"' in page
    assert "Save entry" in page
    assert AuditEntry.objects.filter(action="view", object_id=str(entry.pk), actor=allocated_worker).exists()


@pytest.mark.parametrize("persona", ["allocated_worker", "partner_practitioner"])
def test_change_and_audit(request, client_for, a_case, entry, persona, mia, leo):
    user = request.getfixturevalue(persona)
    data = entry_post(
        a_case,
        behaviour="physical",
        description="He pushed her against the door.",
        **date_parts("occurred_from", dt.date(2026, 3, 3)),
        **{f"impact_{mia.pk.hex}": "", f"impact_{leo.pk.hex}": "Leo saw it and screamed."},
    )
    response = client_for(user).post(url_for(entry), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[a_case.pk]) + "#chronology"
    entry.refresh_from_db()
    assert entry.behaviour == "physical"
    assert entry.description == "He pushed her against the door."
    assert list(entry.child_impacts.values_list("child__first_name", flat=True)) == ["Leo"]
    audit = AuditEntry.objects.filter(action="update", object_id=str(entry.pk)).get()
    assert audit.actor == user
    assert {"behaviour", "description", "source_document", f"impact_{mia.pk.hex}", f"impact_{leo.pk.hex}"} == set(
        audit.changed_fields
    )


def test_saving_without_changes_says_so_and_writes_nothing(client_for, allocated_worker, a_case, entry, mia):
    data = entry_post(
        a_case,
        description=entry.description,
        source_document="Police log",
        **{f"impact_{mia.pk.hex}": "Mia hid in her room."},
    )
    before = counts()
    response = client_for(allocated_worker).post(url_for(entry), data, follow=True)
    assert "No changes were made to the entry" in response.content.decode()
    # Only the case page's own view was logged.
    assert counts()[:2] == before[:2]
    assert not AuditEntry.objects.filter(action="update").exists()


def test_bad_input_keeps_what_was_typed_and_changes_nothing(client_for, allocated_worker, a_case, entry):
    data = entry_post(a_case, description="A new description", **date_parts("occurred_to", dt.date(2026, 1, 1)))
    before = counts()
    response = client_for(allocated_worker).post(url_for(entry), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end date must be the same as or after the start date" in page
    assert "A new description" in page
    assert counts() == before
    entry.refresh_from_db()
    assert entry.description.startswith("He checked her phone")


@pytest.mark.parametrize("persona", ["outsider", "commissioner", "administrator"])
def test_no_access_is_404(request, client_for, entry, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url_for(entry)).status_code == 404
    assert client.post(url_for(entry), {}).status_code == 404


def test_an_entry_from_another_case_is_404(client_for, allocated_worker, team, a_case, entry):
    other = case_services.open_case(by=allocated_worker, team=team, opened_on=dt.date(2026, 1, 1))
    response = client_for(allocated_worker).get(reverse("chronology:edit_entry", args=[other.pk, entry.pk]))
    assert response.status_code == 404


def test_closed_case_is_403(client_for, allocated_worker, a_case, entry):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    assert client.get(url_for(entry)).status_code == 403
    assert client.post(url_for(entry), entry_post(a_case)).status_code == 403
