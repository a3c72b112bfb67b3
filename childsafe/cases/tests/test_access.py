"""Every case URL, for every persona: others' cases are invisible (404), closed cases are read-only (403).

The resolver is walked for every URL of every app that names a case, so a new page about a case is covered the day it
is added. Ids of records this module does not create (an assessment, a plan...) are filled with made-up values: the
case is checked first, so someone without the case gets 404 whatever the rest of the address says.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, UUIDConverter

from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.cases.models import Address, ContactDetail, Relationship
from childsafe.chronology.models import ChronologyEntry
from childsafe.conftest import person


def _case_url_patterns() -> list[tuple[str, dict]]:
    """(namespaced name, {kwarg name: converter}) for every URL that takes a case id, found from the resolver."""
    found: list[tuple[str, dict]] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                converters = dict(pattern.pattern.converters)
                if "case_id" in converters:
                    found.append((f"{namespace}:{pattern.name}", converters))

    root = get_resolver()
    for entry in root.url_patterns:
        if isinstance(entry, URLResolver):
            walk(entry.url_patterns, entry.namespace or "")
    return found


CASE_URLS = _case_url_patterns()


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


MADE_UP = {UUIDConverter: uuid.UUID("00000000-0000-4000-8000-0000000000aa"), IntConverter: 1}


def _url(name: str, converters: dict, ids: dict) -> str:
    """The URL with this household's ids, and a made-up value of the right type for any other."""
    kwargs = {
        key: ids[key] if key in ids else MADE_UP.get(type(converter), "any") for key, converter in converters.items()
    }
    return reverse(name, kwargs=kwargs)


def test_the_resolver_finds_the_case_urls():
    names = {name for name, _ in CASE_URLS}
    assert {"cases:detail", "cases:edit", "cases:add_person", "chronology:add_entry"} <= names


@pytest.mark.parametrize(("name", "converters"), CASE_URLS, ids=[name for name, _ in CASE_URLS])
@pytest.mark.parametrize("persona", ["outsider", "outsider_manager", "commissioner", "administrator"])
def test_people_without_the_case_get_404_on_every_case_url(request, client_for, household, name, converters, persona):
    client = client_for(request.getfixturevalue(persona))
    url = _url(name, converters, household)
    answered = {client.get(url).status_code, client.post(url, {"summary": "x"}).status_code}
    # A page that takes only GET (or only POST) says 405 to the other method before looking anything up, so that
    # gives no hint either; the method it does take must find nothing.
    assert 404 in answered
    assert answered <= {404, 405}


@pytest.mark.parametrize(("name", "converters"), CASE_URLS, ids=[name for name, _ in CASE_URLS])
def test_signed_out_visitors_are_sent_to_sign_in(client, household, name, converters):
    response = client.get(_url(name, converters, household))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


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


def test_commissioner_never_reaches_the_caseload_or_opening_a_case(client_for, commissioner):
    client = client_for(commissioner)
    assert client.get(reverse("cases:create")).status_code == 403
    response = client.get(reverse("cases:caseload"))
    assert response.status_code == 200
    assert b"No cases found" in response.content


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
