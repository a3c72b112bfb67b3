"""Who may open each safety page: 404 for anyone the case is not shared with (and, for safety plans and contact
checks, for a behaviour-change programme), never commissioners or administrators, read-only once closed, and
ids from another case are unknown here. Reads are logged."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.conftest import PASSWORD
from childsafe.safety import access
from childsafe.safety.tests.conftest import flag, make_contact, make_plan

# (URL name, which records it names, does it change anything, what a programme worker gets)
URLS = [
    ("case_safety", (), False, 200),
    ("add_plan", ("person",), True, 404),
    ("plan", ("plan",), False, 404),
    ("edit_plan", ("plan",), True, 404),
    ("review_plan", ("plan",), True, 404),
    ("plan_version", ("plan", "number"), False, 404),
    ("add_flag", (), True, 200),
    # Anyone on the case sees flags; only whoever raised one, the allocated worker or a manager lifts it.
    ("lift_flag", ("flag",), True, 403),
    ("plan_contact", (), True, 404),
    ("contact", ("contact",), False, 404),
    ("edit_contact", ("contact",), True, 404),
    ("contact_check", ("contact",), True, 404),
    ("record_outcome", ("contact",), True, 404),
    ("follow_up", ("followed",), True, 404),
]


def test_every_url_of_the_app_is_checked_here():
    from childsafe.safety import urls

    assert {pattern.name for pattern in urls.urlpatterns} == {name for name, *_ in URLS}


@pytest.fixture
def records(a_case, allocated_worker, rachel, darren):
    plan = make_plan(a_case, rachel, allocated_worker)
    return {
        "person": a_case.people.get(first_name="Leo"),
        "plan": plan,
        "number": 1,
        "flag": flag(a_case, darren, allocated_worker),
        "contact": make_contact(a_case, darren, allocated_worker),
        "followed": make_contact(a_case, darren, allocated_worker, status="happened"),
    }


def url_for(name: str, case, needs, records) -> str:
    args = [case.pk] + [records[key].pk if hasattr(records[key], "pk") else records[key] for key in needs]
    return reverse(f"safety:{name}", args=args)


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), URLS)
@pytest.mark.parametrize("persona", ["outsider", "outsider_manager", "commissioner", "administrator"])
def test_no_access_is_404(request, client_for, a_case, records, persona, name, needs, changes, programme):
    client = client_for(request.getfixturevalue(persona))
    target = url_for(name, a_case, needs, records)
    assert client.get(target).status_code == 404
    # Pages that only read answer a POST with 405 whoever asks, so that reveals nothing either.
    assert client.post(target, {"reason": "x", "complete": "1"}).status_code == (404 if changes else 405)


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), URLS)
def test_signed_out_goes_to_sign_in(client, a_case, records, name, needs, changes, programme):
    response = client.get(url_for(name, a_case, needs, records))
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), URLS)
def test_people_on_the_case_can_open_every_page(
    client_for, allocated_worker, a_case, records, name, needs, changes, programme
):
    assert client_for(allocated_worker).get(url_for(name, a_case, needs, records)).status_code == 200


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), URLS)
def test_a_programme_worker_gets_404_for_plans_and_contacts(
    client_for, programme_worker, programme_case, records, name, needs, changes, programme
):
    response = client_for(programme_worker).get(url_for(name, programme_case, needs, records))
    assert response.status_code == programme


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), [u for u in URLS if u[2]])
def test_a_closed_case_is_read_only(client_for, allocated_worker, a_case, records, name, needs, changes, programme):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    target = url_for(name, a_case, needs, records)
    before = AuditEntry.objects.exclude(action="view").count()
    assert client.get(target).status_code == 403
    assert client.post(target, {"reason": "x", "complete": "1"}).status_code == 403
    assert AuditEntry.objects.exclude(action="view").count() == before


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), [u for u in URLS if not u[2]])
def test_a_closed_case_can_still_be_read(
    client_for, allocated_worker, a_case, records, name, needs, changes, programme
):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    page = client_for(allocated_worker).get(url_for(name, a_case, needs, records)).content.decode()
    assert "Record a review" not in page and "Raise a worker safety flag" not in page


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), [u for u in URLS if u[1]])
def test_ids_from_another_case_are_404(
    client_for, allocated_worker, a_case, team, records, name, needs, changes, programme
):
    other = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
    Person.objects.create(case=other, role_in_case="child", first_name="Ava")
    assert client_for(allocated_worker).get(url_for(name, other, needs, records)).status_code == 404


@pytest.mark.parametrize(
    ("kind", "sees"),
    [
        ("childrens_social_care", True),
        ("domestic_abuse_service", True),
        ("refuge", True),
        ("police", True),
        ("health", True),
        ("school", True),
        ("perpetrator_programme", False),
        ("probation", False),
        ("housing", False),
        ("early_help", False),
        ("other", False),
    ],
)
def test_which_partner_organisations_see_safety_plans(a_case, allocated_worker, kind, sees):
    organisation = Organisation.objects.create(name=f"Partner {kind}", kind=kind)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    user = User.objects.create_user(f"{kind}@example.org", PASSWORD, full_name="P", organisation=organisation)
    assert access.can_see_safety_plans(user, a_case) is sees


def test_the_lead_sees_plans_unless_it_is_a_programme(a_case, allocated_worker, programme_org, programme_worker):
    assert access.can_see_safety_plans(allocated_worker, a_case)
    a_case.lead_organisation = programme_org
    assert not access.can_see_safety_plans(programme_worker, a_case)


def test_every_read_is_logged(client_for, allocated_worker, a_case, records):
    client = client_for(allocated_worker)
    client.get(reverse("safety:case_safety", args=[a_case.pk]))
    assert AuditEntry.objects.filter(action="view", object_type="case_safety", case_id=a_case.pk).count() == 1
    client.get(reverse("safety:plan", args=[a_case.pk, records["plan"].pk]))
    assert AuditEntry.objects.filter(
        action="view", object_type="safety_plan", object_id=str(records["plan"].pk)
    ).exists()
    client.get(reverse("safety:contact", args=[a_case.pk, records["contact"].pk]))
    assert AuditEntry.objects.filter(action="view", object_type="planned_contact").exists()


@pytest.mark.parametrize(("name", "needs", "changes", "programme"), URLS)
def test_every_page_read_is_logged(client_for, allocated_worker, a_case, records, name, needs, changes, programme):
    before = AuditEntry.objects.filter(action="view", case_id=a_case.pk, actor=allocated_worker).count()
    response = client_for(allocated_worker).get(url_for(name, a_case, needs, records))
    assert response.status_code == 200
    assert AuditEntry.objects.filter(action="view", case_id=a_case.pk, actor=allocated_worker).count() == before + 1
