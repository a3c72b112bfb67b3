"""Every case URL, for every persona: others' cases are invisible (404), closed cases are read-only (403).

The resolver is walked for every URL of every app that names a case, so a new page about a case is covered the day it
is added. Each address is filled with the real ids of one rich case (`web/tests/rich_case.py`, something in every
section) by the bad-input sweep's `visits_for`, which fails on a keyword it has no real id for. The same addresses are
checked both ways: the case's own worker (or manager, for a manager's page) finds each one, so the 404 everyone else
gets comes from not having the case, not from an address that leads nowhere.

An address that names a record but not its case would escape all of this: the walker fails on any such route unless
its keyword is on an explicit list of records that belong to no case.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Address, ContactDetail, Relationship
from childsafe.chronology.models import ChronologyEntry
from childsafe.conftest import person
from childsafe.web.tests.rich_case import build_rich_case
from childsafe.web.tests.sweep import ROUTES, Visit, World, visits_for

CASE_ROUTES = [route for route in ROUTES if "case_id" in route.converters]

# URL keywords that name a record belonging to no case, and why. A keyword naming a case's record must come with
# the case's id (case_id), so that access to the case is checked first: add nothing here for a case's record.
NOT_CASE_RECORDS = {
    "service_id": "a service in the directory, which everyone signed in may browse",
}
# The admin site's own addresses (object_id, app_label...) are for administrators, who are never shown case records
# there: the case models are not registered with it (accounts/admin.py).
ADMIN_NAMESPACE = "admin"


@pytest.fixture
def household(a_case, allocated_worker):
    child = person(a_case, "child")
    adult = person(a_case, "parent_using_abuse")
    address = Address(case=a_case, kind="refuge", line_1="1 Hidden Way", is_confidential_location=True)
    services.save_record(address, by=allocated_worker, request=None, changed=[], creating=True)
    detail = ContactDetail(person=person(a_case, "non_abusing_parent"), kind="phone", value="01234 567890")
    services.save_record(detail, by=allocated_worker, request=None, changed=[], creating=True)
    relationship = Relationship(case=a_case, person=adult, kind="parent_of", other_person=child)
    services.save_record(relationship, by=allocated_worker, request=None, changed=[], creating=True)
    entry = ChronologyEntry.objects.create(
        case=a_case,
        behaviour="coercive_control",
        person_responsible=adult,
        description="Darren took Rachel's phone",
        occurred_from=dt.date(2026, 8, 1),
        reported_by="victim_survivor",
    )
    return {
        "case_id": a_case.pk,
        "person_id": child.pk,
        "address_id": address.pk,
        "detail_id": detail.pk,
        "relationship_id": relationship.pk,
        "entry_id": entry.pk,
    }


@pytest.fixture
def rich_visits(allocated_worker, team_manager, team, partner_org) -> list[Visit]:
    """Every page of every case URL, filled with the rich case's real ids, with the persona whose page it is."""
    rich = build_rich_case(allocated_worker, team_manager, team, partner_org)
    world = World(rich, other=None, personas={})  # type: ignore[arg-type] - visits_for reads only the rich case
    visits = []
    for route in CASE_ROUTES:
        # Deliberately unknown values ("no-such-instrument") are for the sweep's own 404 checks: left out here,
        # since the case's own worker gets 404 there too.
        visits += [
            visit
            for visit in visits_for(route, world)
            if not any(str(value).startswith("no-such-") for value in visit.kwargs.values())
        ]
    return visits


# What a POST sends: a field most forms have, and the audience a document download needs (without one it is 404).
POSTED = {"summary": "x", "audience": "professional"}


def _answers(client, user, case_id, url: str) -> list[tuple[int, bool]]:
    """(status, whether the case refused this user) for a GET and a POST, each in a savepoint rolled back after, so
    a change one page accepts never reaches the next. A refusal of the case itself is logged on it (access_refused):
    that is how a 404 for not having the case is told from a 404 for a record that is not there."""
    answered = []
    for method in ("get", "post"):
        savepoint = transaction.savepoint()
        try:
            before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
            response = client.get(url) if method == "get" else client.post(url, POSTED)
            refused = AuditEntry.objects.filter(
                seq__gt=before, action=AuditEntry.Action.ACCESS_REFUSED, actor=user, case_id=case_id
            ).exists()
            answered.append((response.status_code, refused))
        finally:
            transaction.savepoint_rollback(savepoint)
    return answered


def test_the_resolver_finds_the_case_urls():
    names = {route.name for route in CASE_ROUTES}
    assert {"cases:detail", "cases:edit", "cases:add_person", "chronology:add_entry"} <= names
    assert len(CASE_ROUTES) > 60


def test_every_address_naming_a_record_also_names_its_case():
    """A record's page reached without its case's id would never check access to the case."""
    escaped = [
        f"{route.name} <{keyword}>"
        for route in ROUTES
        if route.converters and "case_id" not in route.converters and not route.name.startswith(f"{ADMIN_NAMESPACE}:")
        for keyword in route.converters
        if keyword not in NOT_CASE_RECORDS
    ]
    assert not escaped, f"addresses that name a record but not its case: {escaped}"


def test_people_without_the_case_get_404_because_of_the_case_on_every_case_url_its_worker_reaches(
    client_for, rich_visits, allocated_worker, team_manager, outsider, outsider_manager, commissioner, administrator
):
    insiders = {"allocated_worker": allocated_worker, "team_manager": team_manager}
    outsiders = [outsider, outsider_manager, commissioner, administrator]
    clients = {user.pk: client_for(user) for user in [*insiders.values(), *outsiders]}
    case_id = rich_visits[0].kwargs["case_id"]
    findings = []
    reached: set[str] = set()
    for visit in rich_visits:
        url = reverse(visit.route, kwargs=visit.kwargs)
        insider = insiders[visit.persona]
        answered = _answers(clients[insider.pk], insider, case_id, url)
        if any(refused for _, refused in answered):
            findings.append(f"{visit.route} ({url}): the case refused its own {visit.persona}")
        if any(status not in (404, 405) for status, _ in answered):
            reached.add(visit.route)
        for user in outsiders:
            answered = _answers(clients[user.pk], user, case_id, url)
            statuses = {status for status, _ in answered}
            # A page that takes only GET (or only POST) says 405 to the other method before looking anything up,
            # so that gives no hint either; the method it does take must find nothing, because of the case.
            if 404 not in statuses or not statuses <= {404, 405}:
                findings.append(f"{visit.route} ({url}) as {user.role} {user.full_name}: answered {sorted(statuses)}")
            elif not all(refused for status, refused in answered if status == 404):
                findings.append(f"{visit.route} ({url}) as {user.full_name}: 404 without the case refusing them")
    assert not findings, "\n".join(findings)
    # The case's own worker (or manager) gets past "page not found" on every kind of page about the case: the 404s
    # above come from not having the case, never from an address that leads nowhere.
    unreached = {route.name for route in CASE_ROUTES} - reached
    assert not unreached, f"pages the case's own worker never reached: {sorted(unreached)}"


def test_signed_out_visitors_are_sent_to_sign_in(client, rich_visits):
    wrong = []
    for visit in rich_visits:
        response = client.get(reverse(visit.route, kwargs=visit.kwargs))
        if response.status_code != 302 or not response["Location"].startswith(reverse("accounts:sign_in")):
            wrong.append(f"{visit.route}: {response.status_code}")
    assert not wrong, wrong


def test_a_case_id_that_does_not_exist_looks_the_same_as_one_not_shared(client_for, outsider, allocated_worker, a_case):
    missing = reverse("cases:detail", args=["00000000-0000-4000-8000-000000000000"])
    not_shared = reverse("cases:detail", args=[a_case.pk])
    client = client_for(outsider)
    first, second = client.get(missing), client.get(not_shared)
    assert first.status_code == second.status_code == 404
    assert a_case.reference.encode() not in second.content


def test_partner_organisation_sees_the_case(client_for, partner_practitioner, a_case):
    response = client_for(partner_practitioner).get(reverse("cases:detail", args=[a_case.pk]))
    assert response.status_code == 200
    assert b"Mia" in response.content


@pytest.mark.parametrize("persona", ["commissioner", "administrator"])
def test_roles_without_case_work_are_told_they_have_no_caseload_and_cannot_open_a_case(request, client_for, persona):
    """The menu offers them neither; typed in, each page says why (403), as "My work" and "Reviews due" do."""
    client = client_for(request.getfixturevalue(persona))
    for name in ("cases:caseload", "cases:create"):
        response = client.get(reverse(name))
        assert response.status_code == 403, name
        assert "Your role does not work on case records" in response.content.decode(), name
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("cases:caseload") not in home


def test_a_case_worker_reaches_the_caseload(client_for, allocated_worker, a_case):
    response = client_for(allocated_worker).get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert a_case.reference in response.content.decode()


def test_closed_case_is_read_only(client_for, allocated_worker, a_case):
    services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    assert client.get(reverse("cases:detail", args=[a_case.pk])).status_code == 200
    assert client.get(reverse("cases:add_person", args=[a_case.pk])).status_code == 403
    assert client.get(reverse("cases:edit", args=[a_case.pk])).status_code == 403


def test_partner_cannot_close_share_or_record_addresses(client_for, partner_practitioner, a_case):
    client = client_for(partner_practitioner)
    for name in ("cases:close", "cases:share", "cases:add_address"):
        assert client.get(reverse(name, args=[a_case.pk])).status_code == 403, name


def test_partner_does_not_see_confidential_locations(
    client_for, partner_practitioner, allocated_worker, household, a_case
):
    secret = ContactDetail(
        person=person(a_case, "non_abusing_parent"), kind="phone", value="07000 111222", is_confidential_location=True
    )
    services.save_record(secret, by=allocated_worker, request=None, changed=[], creating=True)
    url = reverse("cases:detail", args=[a_case.pk])
    partner_page = client_for(partner_practitioner).get(url).content.decode()
    lead_page = client_for(allocated_worker).get(url).content.decode()
    assert "1 Hidden Way" not in partner_page
    assert "07000 111222" not in partner_page
    assert "Confidential location" in partner_page
    assert "1 Hidden Way" in lead_page
    assert "07000 111222" in lead_page
    edit_address = reverse("cases:edit_address", args=[a_case.pk, household["address_id"]])
    assert client_for(partner_practitioner).get(edit_address).status_code == 403


def test_a_refused_attempt_is_logged_on_the_case_for_its_managers(client_for, outsider, team_manager, a_case):
    url = reverse("cases:detail", args=[a_case.pk])
    assert client_for(outsider).get(url, REMOTE_ADDR="192.0.2.44").status_code == 404
    refusal = AuditEntry.objects.get(case_id=a_case.pk, action="access_refused")
    assert refusal.actor == outsider
    assert refusal.ip_address == "192.0.2.44"
    log = client_for(team_manager).get(reverse("audit:case_access_log", args=[a_case.pk])).content.decode()
    assert "Olly Outsider" in log
    assert "was refused" in log


def test_a_missing_case_leaves_no_trace_in_any_log(client_for, outsider, a_case):
    before = AuditEntry.objects.count()
    client_for(outsider).get(reverse("cases:detail", args=["00000000-0000-4000-8000-000000000000"]))
    assert AuditEntry.objects.count() == before
