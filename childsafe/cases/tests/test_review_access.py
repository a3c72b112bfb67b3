"""Review: two access mistakes on the case's own pages.

1. "Who has looked at this case" names every reader and their organisation. For a manager in an organisation that
   works with the person using abusive behaviours (a behaviour-change programme, probation) that is the refuge
   and the school the case page carefully leaves out ("and 1 other organisation"), with their workers' names, and
   when her address or a child's school was changed. It is not shown to them.
2. The case's own details (who is allocated, which team, why it is open) belong to the lead organisation, like
   closing and sharing it. A partner, and above all a programme worker who may be deceived or pressured, cannot
   unallocate the case (so that nobody gets its warnings) or rewrite its summary, whatever fields they post.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Case
from childsafe.conftest import PASSWORD


@pytest.fixture(params=["perpetrator_programme", "probation"])
def manager_with_him(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {request.param}", kind=request.param)
    services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        f"manager@{request.param}.example", PASSWORD, full_name="Morgan Manager", organisation=organisation,
        role="manager",
    )  # fmt: skip


@pytest.fixture
def refuge_reader(a_case, allocated_worker) -> User:
    refuge = Organisation.objects.create(name="Hollowmere Women's Refuge", kind="refuge")
    services.share_case(a_case, refuge, by=allocated_worker)
    worker = User.objects.create_user("carys@refuge.example", PASSWORD, full_name="Carys Refuge", organisation=refuge)
    services.record_view(worker, a_case, None)
    return worker


def test_the_access_log_is_not_shown_to_managers_who_work_with_him(
    client_for, a_case, team_manager, manager_with_him, refuge_reader
):
    url = reverse("audit:case_access_log", args=[a_case.pk])
    response = client_for(manager_with_him).get(url)
    assert response.status_code == 403
    assert b"Hollowmere" not in response.content
    assert url not in client_for(manager_with_him).get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    # The lead's manager still sees who looked, the refuge included.
    assert "Hollowmere" in client_for(team_manager).get(url).content.decode()


def test_a_partner_manager_still_sees_the_access_log(client_for, a_case, partner_org):
    manager = User.objects.create_user(
        "m@nbdas.example", PASSWORD, full_name="Pat Manager", organisation=partner_org, role="manager"
    )
    assert client_for(manager).get(reverse("audit:case_access_log", args=[a_case.pk])).status_code == 200


@pytest.fixture
def programme_worker(a_case, allocated_worker) -> User:
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    services.share_case(a_case, programme, by=allocated_worker)
    return User.objects.create_user("r@nbchange.example", PASSWORD, full_name="R P", organisation=programme)


@pytest.mark.parametrize("persona", ["partner_practitioner", "programme_worker"])
def test_only_the_lead_organisation_changes_the_case_details(request, client_for, a_case, allocated_worker, persona):
    client = client_for(request.getfixturevalue(persona))
    url = reverse("cases:edit", args=[a_case.pk])
    assert client.get(url).status_code == 403
    response = client.post(
        url,
        {
            "summary": "Nothing to worry about",
            "opened_on_day": "1",
            "opened_on_month": "9",
            "opened_on_year": "2026",
            "team": "",
            "allocated_worker": "",
            "lead_organisation": str(request.getfixturevalue("partner_org").pk),
            "status": "closed",
        },
    )
    assert response.status_code == 403
    a_case.refresh_from_db()
    assert a_case.allocated_worker == allocated_worker
    assert a_case.summary.startswith("Police notification")
    assert a_case.status == Case.Status.OPEN
    assert not AuditEntry.objects.filter(case_id=a_case.pk, action="update", object_type="case").exists()
    page = client.get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    assert reverse("cases:edit", args=[a_case.pk]) not in page


def test_the_lead_worker_changes_the_case_details_and_extra_fields_are_ignored(
    client_for, a_case, allocated_worker, team_manager, partner_org
):
    response = client_for(allocated_worker).post(
        reverse("cases:edit", args=[a_case.pk]),
        {
            "summary": "Police notification; two children",
            "opened_on_day": "1",
            "opened_on_month": "9",
            "opened_on_year": "2026",
            "team": str(a_case.team_id),
            "allocated_worker": str(team_manager.pk),
            "lead_organisation": str(partner_org.pk),
            "status": "closed",
            "reference": "CS-AAAA-AAAA",
        },
    )
    assert response.status_code == 302
    a_case.refresh_from_db()
    assert a_case.allocated_worker == team_manager
    assert a_case.lead_organisation != partner_org
    assert a_case.status == Case.Status.OPEN
    assert a_case.reference != "CS-AAAA-AAAA"


def test_opening_the_page_to_remove_a_contact_detail_is_a_logged_read(client_for, a_case, allocated_worker):
    """The confirmation page shows the number or address itself (a location): reading it is logged like any other."""
    from childsafe.cases.models import ContactDetail
    from childsafe.conftest import person

    detail = ContactDetail(person=person(a_case, "non_abusing_parent"), kind="phone", value="07700 900123")
    services.save_record(detail, by=allocated_worker, request=None, changed=["value"], creating=True)
    response = client_for(allocated_worker).get(reverse("cases:remove_contact_detail", args=[a_case.pk, detail.pk]))
    assert response.status_code == 200
    assert "07700 900123" in response.content.decode()
    assert AuditEntry.objects.filter(
        actor=allocated_worker, action="view", object_type="contact_detail", object_id=str(detail.pk)
    ).exists()
