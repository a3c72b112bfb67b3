"""Rule 1 on screen: a confidential location (refuge, new address, a safe phone number) never reaches a page
seen by anyone outside the lead organisation, whatever the household looks like.

Every confidential field of a generated household holds a unique canary string; the partner organisation's
pages are searched for any of them. The same search over the lead organisation's pages must find them all,
so the check cannot pass by showing nothing.
"""

from __future__ import annotations

import html
import uuid

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.cases import services
from childsafe.cases.models import Address, Case, ContactDetail, Person

ROLES = ["child", "non_abusing_parent", "parent_using_abuse", "other_adult", "sibling_elsewhere"]


def canary(kind: str) -> str:
    return f"CANARY-{kind}-{uuid.uuid4().hex[:12]}"


household_shape = st.fixed_dictionaries(
    {
        "children": st.integers(min_value=1, max_value=3),
        "adults": st.lists(st.sampled_from(ROLES[1:4]), min_size=1, max_size=3),
        "confidential_addresses": st.integers(min_value=1, max_value=2),
        "open_addresses": st.integers(min_value=0, max_value=1),
        "kinds": st.lists(
            st.sampled_from(["refuge", "new_address", "family_or_friends", "temporary"]), min_size=2, max_size=2
        ),
        "contacts": st.lists(st.tuples(st.sampled_from(["phone", "email", "safe_contact"]), st.booleans()), max_size=4),
        "who_lives_where": st.lists(st.integers(min_value=0, max_value=3), min_size=6, max_size=6),
    }
)


def build(case: Case, by, shape) -> tuple[set[str], set[str]]:
    """Fill the case; return (confidential canaries, canaries anyone the case is shared with may see)."""
    secret: set[str] = set()
    shared: set[str] = set()
    addresses = []
    for index in range(shape["confidential_addresses"]):
        line, town = canary("ADDR"), canary("TOWN")
        address = Address(
            case=case,
            kind=shape["kinds"][index],
            line_1=line,
            town=town,
            postcode="NB1 4ZZ",
            is_confidential_location=True,
        )
        services.save_record(address, by=by, request=None, changed=[], creating=True)
        addresses.append(address)
        secret |= {line, town}
    for _ in range(shape["open_addresses"]):
        line = canary("OPENADDR")
        address = Address(case=case, kind="home", line_1=line)
        services.save_record(address, by=by, request=None, changed=[], creating=True)
        addresses.append(address)
        shared.add(line)
    people = [
        Person(case=case, role_in_case="child", first_name=canary("CHILD"), age_in_years=4 + index)
        for index in range(shape["children"])
    ]
    people += [Person(case=case, role_in_case=role, first_name=canary("ADULT")) for role in shape["adults"]]
    for index, person in enumerate(people):
        choice = shape["who_lives_where"][index % len(shape["who_lives_where"])]
        person.address = addresses[choice] if choice < len(addresses) else None
        services.save_record(person, by=by, request=None, changed=[], creating=True)
        shared.add(person.first_name)
    for index, (kind, confidential) in enumerate(shape["contacts"]):
        value = f"{canary('TEL')}@example.org" if kind == "email" else canary("TEL")
        detail = ContactDetail(
            person=people[index % len(people)], kind=kind, value=value, is_confidential_location=confidential
        )
        services.save_record(detail, by=by, request=None, changed=[], creating=True)
        (secret if confidential else shared).add(value)
    return secret, shared


def pages_seen_by(client: Client, case: Case) -> str:
    urls = [
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:caseload") + "?scope=all&q=" + case.reference,
        reverse("cases:add_person", args=[case.pk]),
        reverse("chronology:add_entry", args=[case.pk]),
    ]
    urls += [reverse("cases:edit_person", args=[case.pk, person.pk]) for person in case.people.all()]
    text = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text.append(html.unescape(response.content.decode()))
    return "\n".join(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=household_shape)
def test_confidential_locations_never_reach_a_partner_organisation(
    client_for, allocated_worker, partner_practitioner, partner_org, team, shape
):
    case = services.open_case(
        by=allocated_worker, shared_with=[partner_org], team=team, allocated_worker=allocated_worker
    )
    try:
        secret, shared = build(case, allocated_worker, shape)
        partner_view = pages_seen_by(client_for(partner_practitioner), case)
        lead_view = pages_seen_by(client_for(allocated_worker), case)
        assert [value for value in secret if value in partner_view] == []
        assert [value for value in shared if value not in partner_view] == []  # the partner does see the household
        assert [value for value in secret | shared if value not in lead_view] == []  # and the lead sees everything
    finally:
        case.delete()


def test_the_database_refuses_a_refuge_that_is_not_a_confidential_location(a_case):
    """The form says so; the constraint holds for imports and bulk loads too, so no page can show a refuge."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Address.objects.create(case=a_case, kind="refuge", line_1="The Old Vicarage")
    Address.objects.create(case=a_case, kind="refuge", line_1="The Old Vicarage", is_confidential_location=True)
    assert Address.objects.filter(case=a_case, kind="refuge").count() == 1
