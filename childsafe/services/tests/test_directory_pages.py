"""The directory's pages by role: administrators add, change, deactivate and reactivate; everyone signed in may
browse, search and filter it (commissioners included: they match services to need), and nobody else may change it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from childsafe.audit.models import AuditEntry
from childsafe.services.models import Service
from childsafe.services.tests.conftest import saved

pytestmark = pytest.mark.django_db

READERS = ["allocated_worker", "team_manager", "partner_practitioner", "outsider", "commissioner", "administrator"]
NOT_ADMINISTRATORS = ["allocated_worker", "team_manager", "partner_practitioner", "outsider", "commissioner"]

VALID = {
    "name": "Willow Tree Children's Group",
    "key": "",
    "service_type": "childrens_group_work",
    "description": "A 12-week group",
    "tiers": ["2", "3"],
    "serves": ["child"],
    "areas": "Northbrook; Southmere",
    "min_age": "5",
    "max_age": "11",
    "capacity": "",
    "waiting_weeks": "4",
    "referral_route": "Referral form",
    "phone": "01632 960140",
    "email": "willowtree@nbfamilies.example",
    "evidence": "",
    "evidence_level": "evaluated",
    "last_reviewed_day": "",
    "last_reviewed_month": "",
    "last_reviewed_year": "",
}


@pytest.mark.parametrize("persona", READERS)
def test_everyone_signed_in_may_browse_and_read_the_directory(request, client_for, persona):
    service = saved(name="Northbrook CAMHS", service_type="camhs", serves=["child"])
    client = client_for(request.getfixturevalue(persona))
    listing = client.get(reverse("services:directory"))
    assert listing.status_code == 200
    assert "Northbrook CAMHS" in listing.content.decode()
    assert client.get(reverse("services:service_detail", args=[service.pk])).status_code == 200


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("services:directory"))
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


@pytest.mark.parametrize("persona", NOT_ADMINISTRATORS)
def test_only_administrators_change_it(request, client_for, persona):
    service = saved()
    client = client_for(request.getfixturevalue(persona))
    page = client.get(reverse("services:directory")).content.decode()
    assert "Add a service" not in page
    for method, url in [
        ("get", reverse("services:add_service")),
        ("post", reverse("services:add_service")),
        ("get", reverse("services:edit_service", args=[service.pk])),
        ("post", reverse("services:edit_service", args=[service.pk])),
        ("post", reverse("services:deactivate_service", args=[service.pk])),
        ("post", reverse("services:reactivate_service", args=[service.pk])),
        ("get", reverse("services:import_directory")),
        ("post", reverse("services:confirm_import")),
        ("post", reverse("services:export_directory")),
    ]:
        assert getattr(client, method)(url, {}).status_code == 403, (persona, url)
    service.refresh_from_db()
    assert service.is_active


class TestAdministrator:
    def test_adds_a_service_with_a_key_made_from_its_name(self, client_for, administrator):
        response = client_for(administrator).post(reverse("services:add_service"), VALID)
        assert response.status_code == 302
        service = Service.objects.get()
        assert service.key == "willow-tree-childrens-group"
        assert (service.tiers, service.serves, service.areas) == ([2, 3], ["child"], ["Northbrook", "Southmere"])
        assert (service.min_age, service.max_age, service.capacity) == (5, 11, None)
        entry = AuditEntry.objects.get(object_type="service")
        assert (entry.action, entry.object_id, entry.case_id) == ("create", str(service.pk), None)

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            ({"name": ""}, "Enter the name of the service"),
            ({"tiers": []}, "Select at least one tier of need"),
            ({"serves": []}, "Select whom the service works with"),
            ({"service_type": "refuje"}, "Select the type of service"),
            ({"min_age": "12", "max_age": "5"}, "The oldest age must be the same as or more than the youngest age"),
            ({"waiting_weeks": "soon"}, "The waiting time must be a whole number, like 3"),
            ({"email": "nope"}, "Enter an email address in the right format, like referrals@service.example"),
            ({"key": "has space"}, "The key must use only letters, numbers, hyphens and underscores"),
            ({"name": "x" * 201}, "The name must be 200 characters or fewer"),
            (
                {"last_reviewed_day": "31", "last_reviewed_month": "2", "last_reviewed_year": "2026"},
                "must be a real date",
            ),
        ],
    )
    def test_bad_input_gets_a_plain_message_and_keeps_what_was_typed(self, client_for, administrator, change, message):
        response = client_for(administrator).post(reverse("services:add_service"), {**VALID, **change})
        page = response.content.decode()
        assert response.status_code == 200
        assert "There is a problem" in page and message in page
        assert "01632 960140" in page
        assert not Service.objects.exists()

    def test_a_key_already_used_is_refused(self, client_for, administrator):
        saved(key="taken")
        page = (
            client_for(administrator).post(reverse("services:add_service"), {**VALID, "key": "taken"}).content.decode()
        )
        assert "Another service already has this key" in page

    def test_changes_a_service_and_logs_which_fields_changed(self, client_for, administrator):
        service = saved(name="Old", service_type="childrens_group_work", tiers=[2, 3], serves=["child"])
        response = client_for(administrator).post(reverse("services:edit_service", args=[service.pk]), VALID)
        assert response.status_code == 302
        service.refresh_from_db()
        assert service.name == VALID["name"] and service.key.startswith("service-")  # the key never changes
        entry = AuditEntry.objects.get(object_type="service", action="update")
        assert "name" in entry.changed_fields and "tiers" not in entry.changed_fields

    def test_deactivates_and_reactivates(self, client_for, administrator):
        service = saved()
        client = client_for(administrator)
        assert "Deactivate" in client.get(reverse("services:deactivate_service", args=[service.pk])).content.decode()
        client.post(reverse("services:deactivate_service", args=[service.pk]))
        service.refresh_from_db()
        assert not service.is_active
        # Hidden from the list unless asked for, and then marked.
        link = reverse("services:service_detail", args=[service.pk])
        assert link not in client.get(reverse("services:directory")).content.decode()
        page = client.get(reverse("services:directory"), {"include_inactive": "on"}).content.decode()
        assert link in page and "Not active" in page
        client.post(reverse("services:reactivate_service", args=[service.pk]))
        service.refresh_from_db()
        assert service.is_active
        assert list(AuditEntry.objects.filter(object_type="service").values_list("changed_fields", flat=True)) == [
            ["is_active"],
            ["is_active"],
        ]


class TestFilters:
    @pytest.fixture
    def services(self, db):
        return [
            saved(
                name="Alpha refuge",
                service_type="refuge",
                tiers=[3, 4],
                serves=["non_abusing_parent"],
                areas=["Northbrook"],
            ),
            saved(
                name="Beta group", service_type="childrens_group_work", tiers=[2], serves=["child"], areas=["Southmere"]
            ),
            saved(
                name="Gamma helpline",
                service_type="universal_information",
                tiers=[1],
                serves=["whole_family"],
                areas=[],
            ),
        ]

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ({}, {"Alpha refuge", "Beta group", "Gamma helpline"}),
            ({"service_type": "refuge"}, {"Alpha refuge"}),
            ({"tier": "2"}, {"Beta group"}),
            ({"serves": "whole_family"}, {"Gamma helpline"}),
            ({"area": "Southmere"}, {"Beta group"}),
            ({"q": "GROUP"}, {"Beta group"}),
            ({"tier": "3", "serves": "non_abusing_parent"}, {"Alpha refuge"}),
        ],
    )
    def test_filters(self, client_for, allocated_worker, services, query, expected):
        page = client_for(allocated_worker).get(reverse("services:directory"), query).content.decode()
        assert {service.name for service in services if service.name in page} == expected

    def test_a_bad_filter_value_is_reported_not_a_server_error(self, client_for, allocated_worker, services):
        response = client_for(allocated_worker).get(reverse("services:directory"), {"tier": "9", "serves": "x"})
        assert response.status_code == 200
        assert "Select tier of need from the list" in response.content.decode()

    def test_practitioners_cannot_list_inactive_services(self, client_for, allocated_worker):
        saved(name="Closed scheme", is_active=False)
        page = (
            client_for(allocated_worker).get(reverse("services:directory"), {"include_inactive": "on"}).content.decode()
        )
        assert "Closed scheme" not in page

    def test_the_list_is_paged(self, client_for, allocated_worker):
        for number in range(30):
            saved(name=f"Service {number:02}")
        client = client_for(allocated_worker)
        first = client.get(reverse("services:directory")).content.decode()
        assert "Service 00" in first and "Service 29" not in first and "30 services" in first
        assert "Service 29" in client.get(reverse("services:directory"), {"page": "2"}).content.decode()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=80))
def test_any_name_is_stored_whole_and_shown_escaped(client_for, administrator, text):
    Service.objects.all().delete()
    name = f"<b>{text}</b>"
    client = client_for(administrator)
    assert client.post(reverse("services:add_service"), {**VALID, "name": name}).status_code == 302
    stored = Service.objects.get()
    assert stored.name == name.strip()
    for url in (reverse("services:service_detail", args=[stored.pk]), reverse("services:directory")):
        page = client.get(url).content.decode()
        assert str(escape(stored.name)) in page
        assert "<b>" + text not in page
