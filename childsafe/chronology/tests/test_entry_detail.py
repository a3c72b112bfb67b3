"""Reading one chronology entry: every read is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.chronology.models import ChronologyEntry
from childsafe.chronology.tests.conftest import make_entry


@pytest.fixture
def entry(a_case, allocated_worker, mia) -> ChronologyEntry:
    return make_entry(
        a_case,
        allocated_worker,
        behaviour="post_separation",
        occurred_from=dt.date(2026, 2, 1),
        occurred_to=dt.date(2026, 4, 30),
        date_is_approximate=True,
        impacts={mia: "Mia was frightened at handovers.\nShe asked not to go."},
        source_document="Child contact centre report",
    )


def url_for(entry) -> str:
    return reverse("chronology:entry", args=[entry.case_id, entry.pk])


def test_url(entry):
    assert url_for(entry) == f"/cases/{entry.case_id}/chronology/{entry.pk}/"


@pytest.mark.parametrize("persona", ["allocated_worker", "team_manager", "partner_practitioner"])
def test_shows_the_entry_and_logs_the_read(request, client_for, entry, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get(url_for(entry))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Post-separation abuse" in page
    assert "1 February 2026 to 30 April 2026 (approx.)" in page
    assert "Darren Cole" in page
    assert "The victim-survivor" in page
    assert "Impact on Mia" in page
    assert "Mia was frightened at handovers.\nShe asked not to go." in page
    assert "Impact on Leo" in page and "Not recorded" in page
    assert "Child contact centre report" in page
    assert "By Aisha Worker on" in page
    views = AuditEntry.objects.filter(action="view", object_type="chronologyentry", object_id=str(entry.pk))
    assert views.get().actor == user
    assert views.get().case_id == entry.case_id


def test_every_read_is_logged(client_for, allocated_worker, entry):
    client = client_for(allocated_worker)
    client.get(url_for(entry))
    client.get(url_for(entry))
    assert AuditEntry.objects.filter(action="view", object_id=str(entry.pk)).count() == 2


@pytest.mark.parametrize("persona", ["outsider", "outsider_manager", "commissioner", "administrator"])
def test_no_access_is_404_and_nothing_is_shown(request, client_for, entry, persona):
    response = client_for(request.getfixturevalue(persona)).get(url_for(entry))
    assert response.status_code == 404
    assert "handovers" not in response.content.decode()


def test_an_entry_id_from_another_case_is_404(client_for, allocated_worker, team, entry):
    other = case_services.open_case(by=allocated_worker, team=team, opened_on=dt.date(2026, 1, 1))
    response = client_for(allocated_worker).get(reverse("chronology:entry", args=[other.pk, entry.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="view", object_id=str(entry.pk)).exists()


def test_unknown_entry_is_404(client_for, allocated_worker, a_case):
    address = reverse("chronology:entry", args=[a_case.pk, "5f0c2b7e-3c1a-4d55-9c1b-0a1b2c3d4e5f"])
    assert client_for(allocated_worker).get(address).status_code == 404


def test_closed_case_can_be_read_but_not_changed(client_for, allocated_worker, a_case, entry):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    page = client_for(allocated_worker).get(url_for(entry)).content.decode()
    assert "Change this entry" not in page
    open_page = client_for(allocated_worker)
    case_services.reopen_case(a_case, by=allocated_worker)
    assert "Change this entry" in open_page.get(url_for(entry)).content.decode()


def test_post_is_not_allowed(client_for, allocated_worker, entry):
    assert client_for(allocated_worker).post(url_for(entry)).status_code == 405
