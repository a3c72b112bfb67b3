"""The safety demo: what `make run` shows a practitioner about safety, all through the real services."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases.models import Case, Person
from childsafe.demo.fictional import BANNED_PHRASES
from childsafe.safety import rules
from childsafe.safety.models import (
    ContactSafetyCheck,
    PlannedContact,
    SafetyPlan,
    SafetyPlanReview,
    SafetyPlanRevision,
    WorkerSafetyFlag,
)
from childsafe.safety.queries import attention_for_worker


@pytest.fixture
def demo(db) -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def test_plans_for_children_and_non_abusing_parents_in_safety_and_recovery_work(demo):
    today = timezone.localdate()
    plans = list(SafetyPlan.objects.select_related("person", "current"))
    assert len(plans) >= 15
    assert {plan.person.role_in_case for plan in plans} == {"child", "non_abusing_parent"}
    phases = {plan.phase for plan in plans}
    assert phases == {"safety_work", "recovery_work"}
    recovery = [plan for plan in plans if plan.phase == "recovery_work"]
    assert all(plan.version == 2 and plan.current.phase_change_reason for plan in recovery)
    overdue = [plan for plan in plans if rules.review_state(plan.phase, plan.checked_on, today).is_overdue]
    assert len(overdue) == 1 and overdue[0].phase == "safety_work"
    assert SafetyPlanReview.objects.exists()
    assert "safety plans" in demo


def test_flags_on_two_parents_using_abuse(demo):
    flags = WorkerSafetyFlag.objects.select_related("person")
    assert flags.count() == 2
    assert {flag.kind for flag in flags} == {"do_not_visit_alone"}
    assert {flag.person.role_in_case for flag in flags} == {Person.RoleInCase.PARENT_USING_ABUSE}
    assert any(flag.manager_must_agree for flag in flags)


def test_contacts_at_each_stage_with_one_follow_up_due_and_one_overdue(demo):
    today = timezone.localdate()
    contacts = {contact.status: contact for contact in PlannedContact.objects.all()}
    assert PlannedContact.objects.filter(status="checked").count() == 1
    assert contacts["checked"].planned_for > today
    assert ContactSafetyCheck.objects.filter(contact=contacts["checked"]).get().manager_consulted
    happened = PlannedContact.objects.filter(status="happened").order_by("follow_up_due")
    assert happened.count() == 2
    overdue, due = happened
    assert overdue.follow_up_due < today <= due.follow_up_due
    worker = Case.objects.get(pk=due.case_id).allocated_worker
    attention = attention_for_worker(worker)
    assert {item.contact_id for item in attention} >= {due.pk, overdue.pk}
    assert [item.is_overdue for item in attention if item.contact_id in {due.pk, overdue.pk}] == [True, False]


def test_demo_text_names_no_one_vaguely(demo):
    texts = []
    for revision in SafetyPlanRevision.objects.all():
        texts += [revision.safe_place, revision.trusted_person, revision.childs_understanding, revision.other_steps]
        texts.append(revision.phase_change_reason)
    for check in ContactSafetyCheck.objects.all():
        texts += [check.risk_to_her, check.risk_to_children, check.her_view_on_safety, check.risk_management]
    texts += [contact.outcome_notes + contact.purpose for contact in PlannedContact.objects.all()]
    texts += [flag.details for flag in WorkerSafetyFlag.objects.all()]
    joined = "\n".join(texts).lower()
    assert [phrase for phrase in BANNED_PHRASES if phrase in joined] == []


def test_programme_worker_sees_flags_but_no_plan_content_on_the_demo_case(demo, client_for):
    flagged = WorkerSafetyFlag.objects.get(manager_must_agree=True)
    client = client_for(User.objects.get(email="programme@nbchange.example"))
    page = client.get(reverse("safety:case_safety", args=[flagged.case_id])).content.decode()
    assert "Do not visit alone".lower() in page.lower()
    assert "A safety plan is in place." in page
    for revision in SafetyPlanRevision.objects.filter(case_id=flagged.case_id):
        assert revision.safe_place not in page
