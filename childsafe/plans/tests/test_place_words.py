"""Words in a plan that could find the victim-survivor or a child: phone numbers, email addresses, streets,
postcodes and the case's own places (every address, town, contact detail, school and known-as name of anyone but
the parent using abuse). His action that names one is kept from him and from the programme that works with him;
an action that names a confidential location is kept from every organisation but the lead one, on screen too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Address, ContactDetail, Person
from childsafe.conftest import PASSWORD
from childsafe.disclosure.classes import Sensitivity
from childsafe.plans import services
from childsafe.plans.sensitivity import action_class, case_places, field_class, names_a_confidential_place
from childsafe.plans.tests.conftest import add_action

HIS = {"owner_role": "parent_using_abuse", "for_whom": "parent_using_abuse", "owner_agency_kind": None}


@pytest.mark.parametrize(
    "text",
    [
        "Darren not to contact Rachel on 07700 900123",
        "Darren not to call +44 7700 900123",
        "Darren not to ring (0161) 496-0000",
        "Darren not to email rachel.f@example.org",
        "Darren not to go near 12 Elm Grove",
        "Darren not to go to Ash Lane",
        "Darren to stay out of NB4 7QX",
        "Darren not to wait outside 4 Mill Hill",
        "Darren not to go to Kestrel Drive",
        "Darren to arrive after the children at the contact centre",
        "Darren not to visit the hostel",
    ],
)
def test_a_number_an_email_a_street_or_a_postcode_is_a_place_whatever_the_case(text):
    assert action_class(**HIS, texts=[text]) == Sensitivity.LOCATION


@pytest.mark.parametrize(
    "text",
    [
        "Darren to attend every weekly session of the behaviour-change programme",
        "Darren to pay child maintenance on the 1st of every month from 01/07/2026",
        "Darren to keep to the Family Court order made on 3 March 2026",
        "Darren Hill to complete 24 sessions and 75 hours by 2027",
        "Darren to call the Silent Solution line if he feels he may harm anyone: 999 then 55",
    ],
)
def test_his_own_work_that_names_no_place_stays_his(text):
    assert action_class(**HIS, texts=[text]) == Sensitivity.ACCOUNTABILITY


def _address(case, by, **fields) -> Address:
    address = Address(case=case, **fields)
    return case_services.save_record(address, by=by, request=None, changed=[], creating=True)


def _lives_at(person: Person, address: Address) -> None:
    person.address = address
    person.save(update_fields=["address"])


@pytest.fixture
def household(a_case, allocated_worker, rachel, darren, mia, leo):
    """Rachel and Leo at home in Ashworth; Mia at a refuge (always a confidential location); Darren in
    Brackenmere, and Rachel's old address in Brackenmere too."""
    home = _address(a_case, allocated_worker, kind="home", line_1="12 Elm Grove", town="Ashworth", postcode="AW1 2EG")
    refuge = _address(
        a_case,
        allocated_worker,
        kind="refuge",
        line_1="The Old Vicarage",
        town="Sallowby",
        is_confidential_location=True,
    )
    his = _address(a_case, allocated_worker, kind="home", line_1="9 Mill Street", town="Brackenmere")
    old = _address(a_case, allocated_worker, kind="previous", line_1="2 Quay Side", town="Brackenmere")
    for person, address in ((rachel, old), (rachel, home), (leo, home), (mia, refuge), (darren, his)):
        _lives_at(person, address)  # Rachel moved from the old address: no one lives there now
    ContactDetail.objects.create(person=rachel, kind="phone", value="07700 900123")
    ContactDetail.objects.create(
        person=rachel, kind="safe_contact", value="via Aunt Beryl", is_confidential_location=True
    )
    ContactDetail.objects.create(person=darren, kind="phone", value="07700 900999")
    mia.known_as = "Bluebell"
    mia.school_or_setting = "St Bede's"
    mia.save()
    return a_case


def test_the_case_s_places_are_everyone_s_but_his(household):
    places = case_places(household)
    for expected in ("12 Elm Grove", "Ashworth", "AW1 2EG", "The Old Vicarage", "Sallowby", "2 Quay Side"):
        assert expected in places
    for expected in ("07700 900123", "via Aunt Beryl", "Bluebell", "St Bede's"):
        assert expected in places
    # His own address and number, and a town he lives in himself, tell him nothing.
    for his in ("9 Mill Street", "07700 900999", "Brackenmere"):
        assert his not in places
    # A refuge is confidential; so is a confidential contact detail.
    assert set(places.confidential) == {"The Old Vicarage", "Sallowby", "via Aunt Beryl"}


@pytest.mark.parametrize(
    "what",
    [
        "Darren not to contact Rachel on 07700 900123 or go near 12 Elm Grove",
        "Darren not to ring 07700900123",
        "Darren not to go to Ashworth",
        "Darren not to ask after Bluebell",
        "Darren not to wait outside St Bede's",
        "Darren not to go near the old vicarage",
        "Darren not to contact Rachel via Aunt Beryl",
    ],
)
def test_his_action_naming_her_places_is_a_location(household, plan, allocated_worker, darren, what):
    action = add_action(plan, allocated_worker, owner_person=darren, what=what)
    assert field_class(action, "what", case_places(household)) == Sensitivity.LOCATION


def test_his_action_naming_his_own_town_is_still_his(household, plan, allocated_worker, darren):
    action = add_action(plan, allocated_worker, owner_person=darren, what="Darren to attend the Brackenmere group")
    assert field_class(action, "what", case_places(household)) == Sensitivity.ACCOUNTABILITY


def test_only_words_of_a_confidential_location_make_a_record_confidential(household, plan, allocated_worker, rachel):
    places = case_places(household)
    at_refuge = add_action(
        plan, allocated_worker, owner_person=rachel, for_whom="non_abusing_parent", what="Meet at The Old Vicarage"
    )
    at_home = add_action(
        plan, allocated_worker, owner_person=rachel, for_whom="non_abusing_parent", what="Meet at 12 Elm Grove"
    )
    assert names_a_confidential_place(at_refuge, places)
    assert not names_a_confidential_place(at_home, places)


# On screen --------------------------------------------------------------------------------------------------------


@pytest.fixture
def refuge_action(household, plan, allocated_worker, rachel, mia):
    refuge = Organisation.objects.create(name="Sallowby Women's Aid", kind="refuge")
    case_services.share_case(household, refuge, by=allocated_worker)
    action = add_action(
        plan,
        allocated_worker,
        owner_organisation=refuge,
        owner_worker="key worker",
        for_whom="non_abusing_parent",
        what="Key worker to meet Rachel at The Old Vicarage every week",
        measure="Key worker's notes",
    )
    services.save_outcome(plan, allocated_worker, {"child": mia, "text": "Mia is settled in Sallowby"})
    return action


def test_a_partner_is_told_an_action_names_a_confidential_location_but_not_where(
    client_for, partner_practitioner, allocated_worker, plan, refuge_action
):
    url = reverse("plans:plan", args=[plan.case_id, plan.pk])
    page = client_for(partner_practitioner).get(url).content.decode()
    assert "Old Vicarage" not in page
    assert "Sallowby" not in page
    assert "This plan also has 1 action and 1 outcome that name a confidential location." in page
    assert "Only Northbrook Children&#39;s Services sees them" in page
    # Nor can the partner open the action itself.
    for name in ("plans:action", "plans:edit_action", "plans:record_progress"):
        response = client_for(partner_practitioner).get(reverse(name, args=[plan.case_id, plan.pk, refuge_action.pk]))
        assert response.status_code == 404, name
    # The lead organisation reads it all.
    lead = client_for(allocated_worker).get(url).content.decode()
    assert "Key worker to meet Rachel at The Old Vicarage every week" in lead
    assert "Mia is settled in Sallowby" in lead
    assert "name a confidential location" not in lead


def test_the_programme_never_sees_his_action_that_names_her_number(
    client_for, a_case, household, plan, allocated_worker, darren
):
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    case_services.share_case(a_case, programme, by=allocated_worker)
    worker = User.objects.create_user(
        "rhys@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme, role="practitioner"
    )
    add_action(plan, allocated_worker, owner_person=darren, what="Darren not to contact Rachel on 07700 900123")
    add_action(plan, allocated_worker, owner_person=darren, what="Darren to attend every weekly session")
    page = client_for(worker).get(reverse("plans:plan", args=[plan.case_id, plan.pk])).content.decode()
    assert "Darren to attend every weekly session" in page
    assert "07700" not in page
