"""Rule 1 on the case pages: an organisation that works with the person using abusive behaviours (a behaviour-change
programme, probation) sees what he chose to do, never where the victim-survivor and the children are, what they
said, or how they are.

Every field classed LOCATION, DISCLOSURE or WELLBEING about the rest of the household holds a unique canary. The
programme worker's case page, chronology entry pages and caseload are searched for every one; the allocated
worker's pages must show them all, so the test cannot pass by showing nothing. His own details stay visible to
the programme: they are about him.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.accounts.models import Organisation, User
from childsafe.cases import access, services
from childsafe.cases.models import Address, Case, ContactDetail, Person, Relationship
from childsafe.chronology import services as chronology
from childsafe.conftest import PASSWORD, person


def canary(kind: str) -> str:
    return f"CANARY{kind}{uuid.uuid4().hex[:10]}"


@pytest.fixture
def programme_worker(db) -> User:
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    return User.objects.create_user(
        "rhys.programme@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme
    )


@pytest.fixture
def probation_officer(db) -> User:
    probation = Organisation.objects.create(name="Northbrook Probation", kind="probation")
    return User.objects.create_user(
        "pat.probation@nbprobation.example", PASSWORD, full_name="Pat Probation", organisation=probation
    )


def _share(case: Case, user: User, by: User) -> None:
    services.share_case(case, user.organisation, by=by, reason="Parent using abuse referred")


def _save(obj, by: User) -> None:
    services.save_record(obj, by=by, request=None, changed=[], creating=True)


def fill_household(case: Case, by: User, confidential: bool) -> tuple[set[str], set[str]]:
    """Canaries about her and the children (hidden from the programme) and about him (shown to it)."""
    hers: set[str] = set()
    his: set[str] = set()
    child, mother, father = (
        person(case, "child"),
        person(case, "non_abusing_parent"),
        person(case, "parent_using_abuse"),
    )

    refuge = Address(
        case=case,
        # Hers whether or not it is confidential: those working with him see neither (a refuge always is).
        kind="refuge" if confidential else "home",
        line_1=canary("ADDR"),
        postcode=f"PC{uuid.uuid4().hex[:8]}",
        is_confidential_location=confidential,
    )
    _save(refuge, by)
    hers |= {refuge.line_1, refuge.postcode}
    for who in (child, mother):
        who.address = refuge
    child.school_or_setting = canary("SCHOOL")
    child.childs_own_words = canary("WORDS")
    child.needs = canary("NEEDS")
    child.communication = canary("COMMS")
    child.known_as = canary("KNOWNAS")
    mother.needs = canary("HERNEEDS")
    hers |= {child.school_or_setting, child.childs_own_words, child.needs, child.communication, child.known_as}
    hers.add(mother.needs)
    for who in (child, mother):
        services.save_record(who, by=by, request=None, changed=["address"], creating=False)

    phone = ContactDetail(person=mother, kind="phone", value=canary("TEL"), note=canary("NOTE"))
    _save(phone, by)
    hers |= {phone.value, phone.note}

    his_home = Address(case=case, kind="home", line_1=canary("HISADDR"))
    _save(his_home, by)
    father.address = his_home
    father.needs = canary("HISNEEDS")
    services.save_record(father, by=by, request=None, changed=["address", "needs"], creating=False)
    his_phone = ContactDetail(person=father, kind="phone", value=canary("HISTEL"))
    _save(his_phone, by)
    his |= {his_phone.value, father.needs}
    if not confidential:
        # A confidential address is only ever shown inside the lead organisation, so his is checked when it is not.
        his.add(his_home.line_1)

    _save(
        Relationship(case=case, person=mother, kind="parent_of", other_person=child, lives_with_other_person=True), by
    )
    description, impact = canary("SAID"), canary("IMPACT")
    chronology.add_entry(
        case,
        by,
        {
            "behaviour": "coercive_control",
            "person_responsible": father,
            "description": description,
            "occurred_from": dt.date(2026, 8, 1),
            "occurred_to": None,
            "date_is_approximate": False,
            "reported_by": "child",
            "source_document": "",
        },
        {child: impact},
    )
    hers |= {description, impact}
    return hers, his


def pages(client, case: Case) -> str:
    """Everything the viewer can open about the case: the overview, each entry, the caseload search."""
    texts = [client.get(reverse("cases:detail", args=[case.pk])).content.decode()]
    for entry in case.chronology_entries.all():
        texts.append(client.get(reverse("chronology:entry", args=[case.pk, entry.pk])).content.decode())
    texts.append(client.get(reverse("cases:caseload"), {"q": case.reference, "scope": "all"}).content.decode())
    return html.unescape("\n".join(texts))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(confidential=st.booleans(), viewer=st.sampled_from(["programme_worker", "probation_officer"]))
def test_those_working_with_him_never_see_where_she_and_the_children_are_or_what_they_said(
    request, client_for, allocated_worker, a_case, confidential, viewer
):
    user = request.getfixturevalue(viewer)
    case = services.open_case(by=allocated_worker, summary="", team=a_case.team, allocated_worker=allocated_worker)
    for template in a_case.people.all():
        clone = Person(case=case, role_in_case=template.role_in_case, first_name=template.first_name)
        clone.last_name, clone.date_of_birth = template.last_name, template.date_of_birth
        _save(clone, allocated_worker)
    _share(case, user, allocated_worker)
    hers, his = fill_household(case, allocated_worker, confidential)

    seen_by_programme = pages(client_for(user), case)
    assert [secret for secret in hers if secret in seen_by_programme] == []
    assert his <= {secret for secret in his if secret in seen_by_programme}
    assert "Where the household lives is not shared with your organisation" in seen_by_programme

    seen_by_worker = pages(client_for(allocated_worker), case)
    assert hers | his <= {secret for secret in hers | his if secret in seen_by_worker}


def test_a_refuge_or_school_is_not_named_among_the_organisations_involved(client_for, allocated_worker, a_case):
    refuge = Organisation.objects.create(name="Hollowmere Women's Refuge", kind="refuge")
    services.share_case(a_case, refuge, by=allocated_worker)
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    services.share_case(a_case, programme, by=allocated_worker)
    worker = User.objects.create_user("r@nbchange.example", PASSWORD, full_name="R P", organisation=programme)
    page = client_for(worker).get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    assert "Hollowmere" not in page
    assert "and 1 other organisation" in page
    assert "Hollowmere" in client_for(allocated_worker).get(reverse("cases:detail", args=[a_case.pk])).content.decode()


@pytest.mark.parametrize(
    ("name", "whose", "expected"),
    [
        ("cases:add_person", None, 403),
        ("cases:add_relationship", None, 403),
        ("cases:edit_person", "non_abusing_parent", 403),
        ("cases:edit_person", "child", 403),
        ("cases:add_contact_detail", "non_abusing_parent", 403),
        ("cases:edit_person", "parent_using_abuse", 200),
        ("cases:add_contact_detail", "parent_using_abuse", 200),
        ("chronology:add_entry", None, 200),
    ],
)
def test_the_programme_changes_only_his_details_and_adds_to_the_chronology(
    client_for, allocated_worker, programme_worker, a_case, name, whose, expected
):
    _share(a_case, programme_worker, allocated_worker)
    args = [a_case.pk] + ([person(a_case, whose).pk] if whose else [])
    assert client_for(programme_worker).get(reverse(name, args=args)).status_code == expected


def test_the_programme_cannot_open_an_entry_to_change_it(client_for, allocated_worker, programme_worker, a_case):
    _share(a_case, programme_worker, allocated_worker)
    entry = chronology.add_entry(
        a_case,
        allocated_worker,
        {
            "behaviour": "physical",
            "person_responsible": person(a_case, "parent_using_abuse"),
            "description": "Darren pushed Rachel into the door frame",
            "occurred_from": dt.date(2026, 9, 2),
            "occurred_to": None,
            "date_is_approximate": False,
            "reported_by": "victim_survivor",
            "source_document": "",
        },
        {},
    )
    response = client_for(programme_worker).get(reverse("chronology:edit_entry", args=[a_case.pk, entry.pk]))
    assert response.status_code == 403
    assert b"Darren pushed Rachel" not in response.content


def test_his_address_choices_leave_out_where_she_lives(client_for, allocated_worker, programme_worker, a_case):
    _share(a_case, programme_worker, allocated_worker)
    hers = Address(case=a_case, kind="new_address", line_1="14 Larkspur Rise")
    _save(hers, allocated_worker)
    father = person(a_case, "parent_using_abuse")
    page = client_for(programme_worker).get(reverse("cases:edit_person", args=[a_case.pk, father.pk]))
    assert page.status_code == 200
    assert "Larkspur" not in page.content.decode()


def test_redacting_never_touches_the_database(allocated_worker, programme_worker, a_case):
    child = person(a_case, "child")
    child.school_or_setting = "Hollin Lane Primary"
    services.save_record(child, by=allocated_worker, request=None, changed=["school_or_setting"], creating=False)
    people = list(a_case.people.all())
    access.redact_people(programme_worker, people)
    assert all(p.school_or_setting == "" for p in people if p.role_in_case != "parent_using_abuse")
    assert Person.objects.get(pk=child.pk).school_or_setting == "Hollin Lane Primary"
    access.redact_people(allocated_worker, people := list(a_case.people.all()))
    assert any(p.school_or_setting == "Hollin Lane Primary" for p in people)


def test_every_case_field_has_a_class_or_is_refused(allocated_worker):
    assert access.may_see(allocated_worker, "Person.school_or_setting")
    assert not access.may_see(allocated_worker, "Person.no_such_field")
