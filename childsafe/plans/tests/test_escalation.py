"""Escalation prompts from risk rises, disengagement and overdue reviews, on plain data."""

from __future__ import annotations

import datetime as dt

from childsafe.plans.escalation import Disengagement, OverdueReview, RiskRise, escalation_prompts

TODAY = dt.date(2026, 5, 20)
MIA_RISE = RiskRise("p-mia", "Mia", "moderate", "serious", dt.date(2026, 5, 3))


def test_no_signals_no_prompts():
    assert escalation_prompts(today=TODAY) == []


def test_a_risk_rise_asks_for_the_review_to_be_brought_forward_and_a_strategy_discussion():
    [prompt] = escalation_prompts(rises=[MIA_RISE], today=TODAY, plan_kind="child_protection")
    assert prompt.message == (
        "Risk for Mia rose from moderate to serious on 3 May 2026: bring the review forward and consider a strategy "
        "discussion"
    )
    assert prompt.on == dt.date(2026, 5, 3)
    assert prompt.kind == "risk_rise" and prompt.urgent
    assert "plans are dynamic" in prompt.reason
    assert "Bring the plan's review forward" in prompt.suggested_action
    assert "child protection plan is needed" not in prompt.suggested_action


def test_on_a_child_in_need_plan_a_rise_suggests_considering_child_protection():
    [prompt] = escalation_prompts(rises=[MIA_RISE], today=TODAY, plan_kind="child_in_need")
    assert "consider whether a child protection plan is needed" in prompt.suggested_action


def test_declined_and_disengaged_referrals_each_prompt():
    signals = [
        Disengagement("declined_referral", "p-d", "Darren", "", dt.date(2026, 5, 1)),
        Disengagement(
            "disengaged_referral", "p-d", "Darren", "Darren stopped attending the programme", dt.date(2026, 5, 9)
        ),
    ]
    prompts = escalation_prompts(disengagement=signals, today=TODAY)
    messages = [prompt.message for prompt in prompts]
    assert "Darren stopped attending the programme" in messages
    assert "Darren declined the referral on 1 May 2026" in messages
    disengaged = next(prompt for prompt in prompts if "stopped attending" in prompt.message)
    assert disengaged.urgent
    assert "non-abusing parent" in disengaged.suggested_action


def test_missed_sessions_use_the_services_detail():
    signal = Disengagement(
        "missed_sessions",
        "p-d",
        "Darren",
        "Darren Cole has missed 3 sessions in a row of the Change Programme",
        dt.date(2026, 5, 12),
    )
    [prompt] = escalation_prompts(disengagement=[signal], today=TODAY)
    assert prompt.message == "Darren Cole has missed 3 sessions in a row of the Change Programme"
    assert "challenge" in prompt.suggested_action


def test_an_overdue_review_prompts_with_how_late_it_is_and_a_review_due_today_does_not():
    overdue = OverdueReview("plan-1", "the child protection plan", dt.date(2026, 5, 19))
    today_due = OverdueReview("plan-2", "the child in need plan", TODAY)
    [prompt] = escalation_prompts(overdue_reviews=[overdue, today_due], today=TODAY)
    assert prompt.message == "The review of the child protection plan was due on 19 May 2026 and is 1 day overdue"
    assert not prompt.urgent
    [late] = escalation_prompts(overdue_reviews=[OverdueReview("p", "the plan", dt.date(2026, 4, 1))], today=TODAY)
    assert "49 days overdue" in late.message and late.urgent


def test_acknowledged_prompts_are_left_out_and_new_events_prompt_again():
    [prompt] = escalation_prompts(rises=[MIA_RISE], today=TODAY)
    assert escalation_prompts(rises=[MIA_RISE], today=TODAY, acknowledged=[prompt.key]) == []
    later = RiskRise("p-mia", "Mia", "serious", "severe", dt.date(2026, 5, 15))
    [fresh] = escalation_prompts(rises=[MIA_RISE, later], today=TODAY, acknowledged=[prompt.key])
    assert fresh.on == dt.date(2026, 5, 15)


def test_keys_are_stable_and_carry_no_names():
    first = escalation_prompts(rises=[MIA_RISE], today=TODAY)[0].key
    again = escalation_prompts(rises=[MIA_RISE], today=TODAY + dt.timedelta(days=3))[0].key
    assert first == again
    assert "Mia" not in first and first.startswith("risk_rise-")


def test_urgent_prompts_come_first_then_the_newest():
    prompts = escalation_prompts(
        rises=[MIA_RISE],
        disengagement=[Disengagement("declined_referral", "p-d", "Darren", "", dt.date(2026, 5, 18))],
        overdue_reviews=[OverdueReview("plan-1", "the plan", dt.date(2026, 5, 10))],
        today=TODAY,
    )
    assert [prompt.kind for prompt in prompts] == ["risk_rise", "disengagement", "overdue_review"]


def test_a_referral_declined_by_the_non_abusing_parent_is_not_treated_as_his_disengagement():
    signal = Disengagement(
        "declined_referral", "p-r", "Rachel", "", dt.date(2026, 5, 4), person_role="non_abusing_parent"
    )
    [prompt] = escalation_prompts(disengagement=[signal], today=TODAY)
    assert prompt.message == "Rachel declined the referral on 4 May 2026"
    assert not prompt.urgent
    assert "right to direct her own life" in prompt.suggested_action
    assert "parent using abuse" not in prompt.reason
