"""Words naming a confidential location in the chronology and in a plan's reviews reach only the lead organisation's
copy: a partner's professional copy and her own printed copy leave them out, as they leave out the address itself.
What names no confidential location stays in every copy that had it."""

from __future__ import annotations

import datetime as dt

import pytest

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.cases.models import Address, ContactDetail
from childsafe.chronology.tests.conftest import make_entry
from childsafe.conftest import PASSWORD, person
from childsafe.disclosure.classes import Audience
from childsafe.documents.access import reader_for
from childsafe.documents.case_summary import build_case_summary
from childsafe.documents.plan import build_plan_document
from childsafe.documents.render import render_docx
from childsafe.documents.tests.oracle import docx_visible_text, normalise
from childsafe.plans.models import ChildView, Plan, Review

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 25)
ENTRY_AT_REFUGE = "He waited outside The Old Vicarage in Sallowby and shouted for Rachel"
IMPACT_AT_REFUGE = "Mia saw him from the window of The Old Vicarage"
ENTRY_VIA_CONTACT = "He found out she calls her sister via Aunt Beryl"
PLAIN_ENTRY = "He sent forty messages in one evening"
REVIEW_AT_REFUGE = "Rachel and Mia are settled at The Old Vicarage and feel safer"
PLAIN_REVIEW = "Attending the programme most weeks"
VIEW_AT_REFUGE = "I like my room at The Old Vicarage"
PLAIN_VIEW = "I want Dad to stop shouting"
CONFIDENTIAL = (ENTRY_AT_REFUGE, IMPACT_AT_REFUGE, ENTRY_VIA_CONTACT, REVIEW_AT_REFUGE, VIEW_AT_REFUGE)


@pytest.fixture
def household(a_case, allocated_worker):
    rachel, mia = person(a_case, "non_abusing_parent"), person(a_case, "child")
    refuge = Address(
        case=a_case, kind="refuge", line_1="The Old Vicarage", town="Sallowby", is_confidential_location=True
    )
    case_services.save_record(refuge, by=allocated_worker, request=None, changed=[], creating=True)
    for someone in (rachel, mia):
        someone.address = refuge
        someone.save(update_fields=["address"])
    ContactDetail.objects.create(
        person=rachel, kind="safe_contact", value="via Aunt Beryl", is_confidential_location=True
    )
    make_entry(a_case, allocated_worker, description=ENTRY_AT_REFUGE, reported_by="police")
    make_entry(a_case, allocated_worker, description="He shouted in the street", impacts={mia: IMPACT_AT_REFUGE})
    make_entry(a_case, allocated_worker, description=ENTRY_VIA_CONTACT)
    make_entry(a_case, allocated_worker, description=PLAIN_ENTRY, occurred_from=dt.date(2026, 5, 1))
    return a_case


@pytest.fixture
def reviewed_plan(household):
    mia, leo = household.people.get(first_name="Mia"), household.people.get(first_name="Leo")
    plan = Plan.objects.create(
        case=household, kind="child_protection", status="active", start_date=dt.date(2026, 9, 10),
        first_review_on=dt.date(2026, 10, 1), next_review_on=dt.date(2027, 2, 1),
    )  # fmt: skip
    plan.children.set([mia, leo])
    Review.objects.create(
        plan=plan, held_on=dt.date(2026, 10, 1), engagement="partly", safety_notes=REVIEW_AT_REFUGE,
        safety_change="safer", decision="continue", next_review_on=dt.date(2026, 11, 1),
    )  # fmt: skip
    plain = Review.objects.create(
        plan=plan, held_on=dt.date(2026, 11, 1), engagement="partly", engagement_notes=PLAIN_REVIEW,
        safety_change="no_change", decision="continue", next_review_on=dt.date(2027, 2, 1),
    )  # fmt: skip
    ChildView.objects.create(review=plain, child=mia, views=VIEW_AT_REFUGE)
    ChildView.objects.create(review=plain, child=leo, views=PLAIN_VIEW)
    return plan


@pytest.fixture
def school_dsl(a_case, allocated_worker) -> User:
    school = Organisation.objects.create(name="Hollin Lane Primary", kind="school")
    case_services.share_case(a_case, school, by=allocated_worker)
    return User.objects.create_user(
        "dsl@hollinlane.example", PASSWORD, full_name="Dee Lead", organisation=school, role="safeguarding_lead"
    )


def summary_text(case, user, audience, recipient=None) -> str:
    document = build_case_summary(case, reader_for(user, case, audience, recipient), today=TODAY, recipient=recipient)
    return normalise(docx_visible_text(render_docx(document)))


def plan_text(case, plan, user, audience, recipient=None) -> str:
    reader = reader_for(user, case, audience, recipient)
    document = build_plan_document(case, plan, reader, today=TODAY, recipient=recipient)
    return normalise(docx_visible_text(render_docx(document)))


def has(text: str, phrase: str) -> bool:
    return normalise(phrase) in text


@pytest.mark.parametrize("persona", ["partner_practitioner", "school_dsl"])
def test_a_partner_s_case_summary_leaves_out_entries_naming_a_confidential_location(request, household, persona):
    text = summary_text(household, request.getfixturevalue(persona), Audience.PROFESSIONAL)
    for words in (ENTRY_AT_REFUGE, IMPACT_AT_REFUGE, ENTRY_VIA_CONTACT, "Old Vicarage", "Sallowby", "Aunt Beryl"):
        assert not has(text, words), words
    assert has(text, PLAIN_ENTRY)
    assert has(text, "Some information is not included in this version.")


def test_her_copy_of_the_case_summary_leaves_them_out_too(household, allocated_worker):
    rachel = person(household, "non_abusing_parent")
    text = summary_text(household, allocated_worker, Audience.NON_ABUSING_PARENT, rachel)
    for words in (ENTRY_AT_REFUGE, IMPACT_AT_REFUGE, ENTRY_VIA_CONTACT, "Old Vicarage", "Sallowby", "Aunt Beryl"):
        assert not has(text, words), words
    assert has(text, PLAIN_ENTRY)


def test_the_lead_organisation_s_case_summary_has_every_entry(household, allocated_worker):
    text = summary_text(household, allocated_worker, Audience.PROFESSIONAL)
    for words in (ENTRY_AT_REFUGE, IMPACT_AT_REFUGE, ENTRY_VIA_CONTACT, PLAIN_ENTRY):
        assert has(text, words), words


@pytest.mark.parametrize("persona", ["partner_practitioner", "school_dsl"])
def test_a_partner_s_plan_leaves_out_review_words_naming_a_confidential_location(
    request, household, reviewed_plan, persona
):
    text = plan_text(household, reviewed_plan, request.getfixturevalue(persona), Audience.PROFESSIONAL)
    for words in (REVIEW_AT_REFUGE, VIEW_AT_REFUGE, "Old Vicarage"):
        assert not has(text, words), words
    assert has(text, PLAIN_REVIEW) and has(text, PLAIN_VIEW)
    assert has(text, "Some information is not included in this version.")


def test_her_copy_of_the_plan_leaves_out_a_child_s_view_naming_the_refuge(household, reviewed_plan, allocated_worker):
    rachel = person(household, "non_abusing_parent")
    text = plan_text(household, reviewed_plan, allocated_worker, Audience.NON_ABUSING_PARENT, rachel)
    assert not has(text, VIEW_AT_REFUGE)
    assert not has(text, "Old Vicarage")
    assert has(text, PLAIN_VIEW)


def test_the_lead_organisation_s_plan_has_every_review_word(household, reviewed_plan, allocated_worker):
    text = plan_text(household, reviewed_plan, allocated_worker, Audience.PROFESSIONAL)
    for words in (REVIEW_AT_REFUGE, PLAIN_REVIEW, VIEW_AT_REFUGE, PLAIN_VIEW):
        assert has(text, words), words
