"""A review's words that name a confidential location (the refuge's address or town, a confidential contact): its
notes on his engagement and on the family's safety, who else attended, and each child's views. Outside the lead
organisation the review page shows the review (when, the ratings, the decision, the next date) without those
words, and says that only the lead organisation sees them, as with the address itself; a child's view that names
none is still shown. The lead organisation reads every word."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Address, ContactDetail
from childsafe.conftest import PASSWORD
from childsafe.plans.models import ChildView, Review

SAFETY_AT_REFUGE = "Rachel and Mia are settled at The Old Vicarage and feel safer."
ENGAGEMENT_VIA_CONTACT = "He tried to reach Rachel via Aunt Beryl twice."
OTHERS_AT_REFUGE = "Key worker from The Old Vicarage"
VIEW_AT_REFUGE = "I like my room in Sallowby."
PLAIN_VIEW = "I want Dad to stop shouting."
PLAIN_SAFETY = "Contact is through the court order only."


@pytest.fixture
def refuge(a_case, allocated_worker, rachel, mia):
    refuge = Address(
        case=a_case, kind="refuge", line_1="The Old Vicarage", town="Sallowby", is_confidential_location=True
    )
    case_services.save_record(refuge, by=allocated_worker, request=None, changed=[], creating=True)
    for person in (rachel, mia):
        person.address = refuge
        person.save(update_fields=["address"])
    ContactDetail.objects.create(
        person=rachel, kind="safe_contact", value="via Aunt Beryl", is_confidential_location=True
    )
    return refuge


@pytest.fixture
def school_dsl(a_case, allocated_worker) -> User:
    school = Organisation.objects.create(name="Hollin Lane Primary", kind="school")
    case_services.share_case(a_case, school, by=allocated_worker)
    return User.objects.create_user(
        "dsl@hollinlane.example", PASSWORD, full_name="Dee Lead", organisation=school, role="safeguarding_lead"
    )


@pytest.fixture
def reviews(plan, refuge, mia, leo):
    named = Review.objects.create(
        plan=plan, held_on=dt.date(2026, 11, 1), others_attended=OTHERS_AT_REFUGE, engagement="partly",
        engagement_notes=ENGAGEMENT_VIA_CONTACT, safety_change="safer", safety_notes=SAFETY_AT_REFUGE,
        decision="continue", next_review_on=dt.date(2027, 2, 1),
    )  # fmt: skip
    ChildView.objects.create(review=named, child=mia, views=VIEW_AT_REFUGE)
    ChildView.objects.create(review=named, child=leo, views=PLAIN_VIEW)
    plain = Review.objects.create(
        plan=plan, held_on=dt.date(2026, 10, 1), engagement="partly", safety_change="no_change",
        safety_notes=PLAIN_SAFETY, decision="continue", next_review_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    return {"named": named, "plain": plain}


def review_page(client, review) -> str:
    response = client.get(reverse("plans:review", args=[review.plan.case_id, review.plan_id, review.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("persona", ["partner_practitioner", "school_dsl"])
def test_a_partner_sees_the_review_without_its_words_naming_a_confidential_location(
    request, client_for, reviews, persona
):
    page = review_page(client_for(request.getfixturevalue(persona)), reviews["named"])
    for secret in ("Old Vicarage", "Sallowby", "Aunt Beryl", ENGAGEMENT_VIA_CONTACT):
        assert secret not in page, secret
    # The review itself, its ratings and decision are not hidden; nor is a child's view naming no such place.
    for shown in ("Review on 1 November 2026", "Partly engaged", "Safer", "Continue the plan", "1 February 2027"):
        assert shown in page, shown
    assert PLAIN_VIEW in page
    assert "This review&#39;s notes name a confidential location." in page
    assert page.count("These views name a confidential location.") == 1
    assert "Only Northbrook Children&#39;s Services sees" in page


def test_a_partner_reads_a_review_that_names_no_confidential_location_in_full(
    client_for, partner_practitioner, reviews
):
    page = review_page(client_for(partner_practitioner), reviews["plain"])
    assert PLAIN_SAFETY in page
    assert "name a confidential location" not in page


def test_the_lead_organisation_reads_every_word_of_the_review(client_for, allocated_worker, reviews):
    page = review_page(client_for(allocated_worker), reviews["named"])
    for words in (SAFETY_AT_REFUGE, OTHERS_AT_REFUGE, VIEW_AT_REFUGE, PLAIN_VIEW):
        assert words in page, words
    assert "He tried to reach Rachel via Aunt Beryl twice." in page
    assert "name a confidential location" not in page
