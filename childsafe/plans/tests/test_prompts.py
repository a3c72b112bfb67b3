"""The prompt loader, end to end with the real apps: two threshold screenings completed through the assessments
service with Mia's level rising, and a real programme referral through the services app with three sessions missed
in a row, become prompts on the plan page, named and dated; an acknowledged prompt goes away; and levels that come
from the victim-survivor's own checklist prompt only for those who may see what she disclosed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone

from childsafe.assessments import services as assessments
from childsafe.assessments.tests.conftest import CHECKLIST, SCREENING, checklist_answers, instrument, screening_answers
from childsafe.plans import prompts, services
from childsafe.services import attendance, referrals
from childsafe.services.models import Referral
from childsafe.services.tests.conftest import saved

# What a screening finds, ticked as a practitioner would (Mia is 9: no age vulnerability moves her up a scale).
MODERATE = {"controlling_behaviour": ["control"], "child_harm": ["lives_with_abuse"]}
SERIOUS = {
    "physical_violence": ["serious_or_increasing"],
    "controlling_behaviour": ["control", "fear_for_life"],
    "circumstances": ["separation", "escalation"],
    "child_harm": ["lives_with_abuse", "distress"],
}


def complete(case, by, instrument_id: str, answers: dict[str, Any], subject):
    assessment = assessments.start_assessment(case, instrument(instrument_id), subject=subject, by=by)
    return assessments.complete_assessment(assessment, answers, people=list(case.people.all()), by=by)


def day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def programme_with_three_missed_sessions(case, darren, rachel, by) -> Referral:
    """Darren referred to a behaviour-change programme (with partner support for Rachel), started, then three weekly
    sessions missed in a row, all through the services app."""
    programme = saved(name="Change Programme", service_type="behaviour_change_programme", serves=["parent_using_abuse"])
    partner = saved(name="Partner Support", service_type="partner_support", serves=["non_abusing_parent"])
    today = timezone.localdate()
    referral, _ = referrals.refer_to_programme(
        case,
        darren,
        programme,
        reason="Darren chose to use coercive and violent behaviour towards Rachel",
        on=today - dt.timedelta(days=35),
        by=by,
        partner=rachel,
        partner_service=partner,
        partner_reason="Partner support for Rachel alongside the programme",
    )
    referrals.change_status(referral, Referral.Status.ACCEPTED, on=today - dt.timedelta(days=33), by=by)
    referrals.change_status(referral, Referral.Status.STARTED, on=today - dt.timedelta(days=30), by=by)
    for days_ago, attended in ((28, True), (21, False), (14, False), (7, False)):
        attendance.record_session(
            referral,
            held_on=today - dt.timedelta(days=days_ago),
            planned_hours=Decimal("2.5"),
            attended=attended,
            hours_attended=Decimal("2.5") if attended else None,
            note="" if attended else "Did not attend and did not call",
            by=by,
        )
    return referral


def test_a_rise_in_risk_and_missed_sessions_become_prompts_on_the_plan_page_until_acknowledged(
    client_for, allocated_worker, accountable_plan, a_case, mia, darren, rachel
):
    services.activate_plan(accountable_plan, allocated_worker)
    complete(a_case, allocated_worker, SCREENING, screening_answers(**MODERATE), mia)
    complete(a_case, allocated_worker, SCREENING, screening_answers(**SERIOUS), mia)
    programme_with_three_missed_sessions(a_case, darren, rachel, allocated_worker)
    today = timezone.localdate()
    client = client_for(allocated_worker)
    plan_page = reverse("plans:plan", args=[a_case.pk, accountable_plan.pk])

    page = client.get(plan_page).content.decode()
    rise = (
        f"Risk for Mia rose from moderate to serious on {day(today)}: bring the review forward and consider a "
        "strategy discussion"
    )
    missed = (
        "Darren Cole has missed the last 3 sessions in a row of Change Programme "
        f"(since {day(today - dt.timedelta(days=7))})"
    )
    assert rise in page
    assert missed in page

    # Acknowledged with a note, the rise is no longer open; the missed sessions still are.
    [risk_prompt] = [
        prompt
        for prompt in prompts.prompts_for_case(a_case, user=allocated_worker)
        if prompt.urgent and "Risk" in prompt.message
    ]
    acknowledge = reverse("plans:acknowledge_prompt", args=[a_case.pk, risk_prompt.key])
    assert client.post(acknowledge, {"note": "Strategy discussion booked for Thursday"}).status_code == 302
    page = client.get(plan_page).content.decode()
    assert rise not in page
    assert missed in page


def test_a_fall_in_risk_or_two_missed_sessions_prompt_nothing(
    allocated_worker, accountable_plan, a_case, mia, darren, rachel
):
    services.activate_plan(accountable_plan, allocated_worker)
    complete(a_case, allocated_worker, SCREENING, screening_answers(**SERIOUS), mia)
    complete(a_case, allocated_worker, SCREENING, screening_answers(**MODERATE), mia)
    referral = programme_with_three_missed_sessions(a_case, darren, rachel, allocated_worker)
    # A session attended after the missed run breaks it: two in a row is not disengagement.
    attendance.record_session(
        referral,
        held_on=timezone.localdate(),
        planned_hours=Decimal("2.5"),
        attended=True,
        hours_attended=Decimal("2.5"),
        note="",
        by=allocated_worker,
    )
    assert prompts.prompts_for_case(a_case, user=allocated_worker) == []


def test_a_rise_in_her_own_checklist_prompts_only_those_who_may_see_what_she_disclosed(
    allocated_worker, accountable_plan, a_case, rachel
):
    services.activate_plan(accountable_plan, allocated_worker)
    complete(a_case, allocated_worker, CHECKLIST, checklist_answers(10), rachel)  # medium
    complete(a_case, allocated_worker, CHECKLIST, checklist_answers(14), rachel)  # high
    seen_by_the_worker = [prompt.message for prompt in prompts.prompts_for_case(a_case, user=allocated_worker)]
    assert [message.split(":")[0] for message in seen_by_the_worker] == [
        f"Risk for Rachel rose from medium to high on {day(timezone.localdate())}"
    ]
    # Without a user (a list made for no one in particular) nothing she disclosed is used.
    assert prompts.prompts_for_case(a_case) == []


def test_the_real_loaders_run_on_a_case_with_no_assessments_or_referrals(allocated_worker, accountable_plan, a_case):
    services.activate_plan(accountable_plan, allocated_worker)
    assert prompts.prompts_for_case(a_case, user=allocated_worker, today=dt.date(2026, 10, 20)) == []
