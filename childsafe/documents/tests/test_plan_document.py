"""The plan as a document for each reader, on one worked example: his version holds his own actions, what is
expected, by when, how it is measured, the review dates and the outcomes marked shareable — nothing of the support
for her or the children, no place, nothing anyone said."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation
from childsafe.audit.models import AuditEntry
from childsafe.cases import services
from childsafe.conftest import person
from childsafe.disclosure.classes import Audience
from childsafe.documents.access import reader_for
from childsafe.documents.plan import build_plan_document
from childsafe.documents.render import render_docx, render_pdf
from childsafe.documents.tests.oracle import docx_visible_text, normalise, pdf_page_text, pdf_text
from childsafe.plans.models import Action, ChildView, Outcome, Plan, ProgressUpdate, Review

pytestmark = pytest.mark.django_db

HIS_ACTION = "Attend every session of the behaviour change programme"
HIS_MEASURE = "The programme's attendance register, shared monthly"
FOR_HIM = "Refer him to the behaviour change programme"
HER_SUPPORT = "Weekly keyworker sessions with an outreach worker"
CHILD_SUPPORT = "One-to-one play sessions to talk about feelings"
PLACE = "Collect the children from Elmford Primary School every Friday"
SHAREABLE = "Mia and Leo feel safe when they see their father"
NOT_SHAREABLE = "Mia sleeps through the night without nightmares"
PROGRESS_NOTE = "His partner says he missed two sessions"
REVIEW_NOTE = "Engagement has been patchy since the summer"
CHILD_VIEW = "I want Dad to stop shouting"
HIS_VERSION_HAS = (
    HIS_ACTION,
    HIS_MEASURE,
    "Weekly",
    FOR_HIM,
    "By 30 September 2026",
    SHAREABLE,
    "Child protection plan",
    "1 November 2026",
    "Next review",
    "1 December 2026",
    "Partly engaged",
    "Mia",
    "Darren Cole",
    "Some information is not included in this version.",
)
EVERYTHING = (
    HIS_ACTION,
    FOR_HIM,
    HER_SUPPORT,
    CHILD_SUPPORT,
    PLACE,
    SHAREABLE,
    NOT_SHAREABLE,
    PROGRESS_NOTE,
    REVIEW_NOTE,
    CHILD_VIEW,
    "Northbrook Women's Refuge: Refuge outreach worker",
)


@pytest.fixture
def plan(a_case, allocated_worker):
    mum, dad = person(a_case, "non_abusing_parent"), person(a_case, "parent_using_abuse")
    mia = person(a_case, "child")
    refuge = Organisation.objects.create(name="Northbrook Women's Refuge", kind="refuge")
    plan = Plan.objects.create(
        case=a_case, kind="child_protection", status="active", start_date=dt.date(2026, 9, 10),
        first_review_on=dt.date(2026, 12, 1), next_review_on=dt.date(2026, 12, 1),
    )  # fmt: skip
    plan.children.set(a_case.people.filter(role_in_case="child"))
    Outcome.objects.create(plan=plan, child=mia, text=SHAREABLE, share_with_parent_using_abuse=True)
    Outcome.objects.create(plan=plan, child=mia, text=NOT_SHAREABLE)
    his = Action.objects.create(
        plan=plan, owner_person=dad, what=HIS_ACTION, measure=HIS_MEASURE, for_whom="parent_using_abuse",
        frequency_times=1, frequency_unit="week",
    )  # fmt: skip
    Action.objects.create(
        plan=plan, owner_organisation=a_case.lead_organisation, owner_worker="Allocated social worker",
        what=FOR_HIM, for_whom="parent_using_abuse", due_on=dt.date(2026, 9, 30),
    )  # fmt: skip
    Action.objects.create(
        plan=plan, owner_organisation=refuge, owner_worker="Refuge outreach worker", what=HER_SUPPORT,
        for_whom="non_abusing_parent", frequency_times=1, frequency_unit="week",
    )  # fmt: skip
    Action.objects.create(
        plan=plan, owner_organisation=a_case.lead_organisation, what=CHILD_SUPPORT, for_whom="child",
        for_child=mia, due_on=dt.date(2026, 10, 15),
    )  # fmt: skip
    Action.objects.create(plan=plan, owner_person=mum, what=PLACE, for_whom="child", for_child=mia,
                          due_on=dt.date(2026, 10, 1))  # fmt: skip
    ProgressUpdate.objects.create(action=his, recorded_on=dt.date(2026, 10, 20), status="in_progress",
                                  note=PROGRESS_NOTE)  # fmt: skip
    review = Review.objects.create(
        plan=plan, held_on=dt.date(2026, 11, 1), engagement="partly", engagement_notes=REVIEW_NOTE,
        safety_change="no_change", decision="continue", next_review_on=dt.date(2027, 2, 1),
    )  # fmt: skip
    ChildView.objects.create(review=review, child=mia, views=CHILD_VIEW)
    return plan


def text_of(a_case, plan, user, audience, recipient=None) -> str:
    document = build_plan_document(
        a_case, plan, reader_for(user, a_case, audience, recipient), today=dt.date(2026, 11, 25), recipient=recipient
    )
    pdf, docx = render_pdf(document), render_docx(document)
    assert normalise(pdf_page_text(pdf)) and normalise(docx_visible_text(docx))
    return normalise(pdf_page_text(pdf)), normalise(docx_visible_text(docx))


def has(text: str, phrase: str) -> bool:
    return normalise(phrase) in text


def test_his_version_holds_his_actions_and_the_shareable_outcomes_only(a_case, plan, allocated_worker):
    dad = person(a_case, "parent_using_abuse")
    for text in text_of(a_case, plan, allocated_worker, Audience.PARENT_USING_ABUSE, dad):
        for phrase in HIS_VERSION_HAS:
            assert has(text, phrase), phrase
        for phrase in (HER_SUPPORT, CHILD_SUPPORT, PLACE, NOT_SHAREABLE, PROGRESS_NOTE, REVIEW_NOTE, CHILD_VIEW,
                       "Refuge", "Rachel", "Fernhill", "Elmford"):  # fmt: skip
            assert not has(text, phrase), phrase


def test_her_version_holds_the_support_for_her_and_the_children_and_his_actions(a_case, plan, allocated_worker):
    mum = person(a_case, "non_abusing_parent")
    for text in text_of(a_case, plan, allocated_worker, Audience.NON_ABUSING_PARENT, mum):
        for phrase in (HIS_ACTION, FOR_HIM, HER_SUPPORT, CHILD_SUPPORT, SHAREABLE, NOT_SHAREABLE, CHILD_VIEW,
                       "Mia Fernhill"):  # fmt: skip
            assert has(text, phrase), phrase
        # Not the professionals' evidence or notes, and not the refuge's name.
        for phrase in (PROGRESS_NOTE, REVIEW_NOTE, "Northbrook Women's Refuge"):
            assert not has(text, phrase), phrase


def test_the_professionals_version_holds_everything(a_case, plan, allocated_worker):
    for text in text_of(a_case, plan, allocated_worker, Audience.PROFESSIONAL):
        for phrase in EVERYTHING:
            assert has(text, phrase), phrase


def test_a_plan_is_downloaded_and_logged_as_a_plan_export(a_case, plan, allocated_worker, client_for):
    dad = person(a_case, "parent_using_abuse")
    response = client_for(allocated_worker).post(
        reverse("documents:plan", args=[a_case.pk, plan.pk]),
        {"audience": "parent_using_abuse", "recipient": dad.pk, "format": "pdf", "checked": "yes"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(
        f'attachment; filename="plan-{a_case.reference}-parent-using-abuse-'
    )
    assert not has(normalise(pdf_text(response.content)), HER_SUPPORT)
    export = AuditEntry.objects.get(action="export")
    assert (export.object_type, export.object_id) == ("document:plan:parent_using_abuse", str(plan.pk))


def test_a_plan_of_another_case_is_not_found(a_case, plan, allocated_worker, team, client_for):
    other = services.open_case(by=allocated_worker, team=team)
    response = client_for(allocated_worker).post(
        reverse("documents:plan", args=[other.pk, plan.pk]), {"audience": "professional", "format": "pdf"}
    )
    assert response.status_code == 404


def test_a_partner_cannot_make_his_version_of_the_plan(a_case, plan, partner_practitioner, client_for):
    dad = person(a_case, "parent_using_abuse")
    response = client_for(partner_practitioner).post(
        reverse("documents:plan", args=[a_case.pk, plan.pk]),
        {"audience": "parent_using_abuse", "recipient": dad.pk, "format": "docx", "checked": "yes"},
    )
    assert response.status_code == 403
    refusal = AuditEntry.objects.get(action="access_refused")
    assert (refusal.object_type, refusal.object_id) == ("document:plan:parent_using_abuse", str(plan.pk))


def test_the_documents_page_lists_each_plan(a_case, plan, allocated_worker, client_for):
    page = client_for(allocated_worker).get(reverse("documents:case_documents", args=[a_case.pk])).content.decode()
    assert "Child protection plan" in page
    assert "This plan is active, started 10 September 2026." in page
    assert reverse("documents:plan", args=[a_case.pk, plan.pk]) in page
