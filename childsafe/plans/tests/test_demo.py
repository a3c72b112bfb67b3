"""The demo's plans teach what the app is for: an accountable active plan with its history and a review, an overdue
review, a child in need plan, and a draft whose mistake the checks catch."""

from __future__ import annotations

import datetime as dt
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.demo.fictional import BANNED_PHRASES
from childsafe.plans.models import Action, Outcome, Plan
from childsafe.plans.prompts import prompts_for_case
from childsafe.plans.reading import load_plan
from childsafe.plans.views.reviews import due_reviews


def test_the_demo_plans(db):
    call_command("load_demo_data", stdout=StringIO())
    today = timezone.localdate()
    plans = list(Plan.objects.select_related("case").order_by("created_at"))
    assert [(plan.kind, plan.status) for plan in plans] == [
        ("child_protection", "active"),
        ("child_protection", "draft"),
        ("child_protection", "active"),
        ("child_in_need", "active"),
    ]
    escalating, draft, overdue, in_need = plans

    # The accountable plan: no blocking findings, the father's own actions, earlier versions, a review held.
    loaded = load_plan(escalating)
    assert loaded.blocking_count == 0
    owners = {action.owner_person.role_in_case for action in loaded.actions if action.owner_person_id}
    assert owners == {"parent_using_abuse"}
    assert escalating.versions.count() >= 3
    review = escalating.reviews.get()
    assert review.plan_versions.count() == 1 and review.child_views.exists()
    assert escalating.next_review_on == today + dt.timedelta(days=10)
    assert escalating.actions.filter(updates__isnull=False).exists()

    # The overdue review prompts.
    assert overdue.next_review_on < today
    assert any(prompt.kind == "overdue_review" for prompt in prompts_for_case(overdue.case))

    # The draft shows the rule at work.
    findings = load_plan(draft).findings
    wrong = next(finding for finding in findings if finding.rule == "victim_held_responsible")
    assert wrong.blocking
    assert "prevent further incidents" in Action.objects.get(pk=wrong.action_id).what

    # The practitioner's reviews-due page has the overdue and the due-soon review.
    practitioner = User.objects.get(email="practitioner@northbrook.example")
    states = {row.plan.pk: row.state for row in due_reviews(practitioner, today)}
    assert states == {overdue.pk: "overdue", escalating.pk: "due"}
    assert in_need.next_review_on > today + dt.timedelta(days=14)

    texts = [*Action.objects.values_list("what", flat=True), *Outcome.objects.values_list("text", flat=True)]
    for text in texts:
        for phrase in BANNED_PHRASES:
            assert phrase not in text.lower(), text
