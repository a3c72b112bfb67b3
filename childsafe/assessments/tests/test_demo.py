"""The demo's assessments: a spread of levels and tiers, rises in the escalating households, every kind of
instrument, the three routes to a high checklist, a lowering waiting for the manager, and overdue re-assessments."""

from __future__ import annotations

import pytest

from childsafe.assessments import standing
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.demo import assessments as assessments_demo
from childsafe.demo import loading
from childsafe.demo import organisations as demo
from childsafe.demo.fictional import BANNED_PHRASES


@pytest.fixture
def loaded(db, monkeypatch):
    monkeypatch.setattr(loading, "DOMAIN_DEMOS", (assessments_demo.add_demo,))
    assert loading.load_demo(write=lambda _line: None)
    return list(loading.Case.objects.order_by("created_at"))


def test_the_demo_has_a_spread_of_levels_rises_and_every_instrument(loaded):
    completed = Assessment.objects.filter(status="completed")
    assert set(completed.values_list("instrument_id", flat=True)) == {
        assessments_demo.SCREENING,
        assessments_demo.FULL,
        assessments_demo.CHECKLIST,
        assessments_demo.VOICE,
        assessments_demo.REFLECTION,
    }
    levels, tiers, overdue, rises = set(), set(), 0, 0
    open_children = screened = 0
    for case in loaded:
        if not case.is_open:
            continue
        now = standing.current_standing(case)
        children = case.people.filter(role_in_case="child")
        open_children += children.count()
        screened += sum(str(child.pk) in now for child in children)
        levels |= {item.level for item in now.values() if item.scale_id == "child_risk"}
        tiers |= {item.tier for item in now.values()}
        overdue += sum(item.overdue for item in now.values())
        rises += len(standing.level_rises(case))
    assert levels >= {"moderate", "moderate_to_serious", "serious", "severe"}
    assert tiers >= {2, 3, 4}
    assert overdue >= 1
    assert rises >= 2
    assert screened / open_children > 0.8


def test_the_three_routes_to_a_high_checklist(loaded):
    checklists = [
        Assessment.objects.get(pk=a.pk) for a in Assessment.objects.filter(instrument_id=assessments_demo.CHECKLIST)
    ]
    reasons = {a.result["subjects"][0]["level"]: [] for a in checklists}
    for assessment in checklists:
        reasons[assessment.result["subjects"][0]["level"]].append(
            " ".join(
                reason["text"] for reason in assessment.result["subjects"][0]["reasons"] if reason["level"] == "high"
            )
        )
    high = " | ".join(reasons["high"])
    assert "Yes answers counted: 16 of 24" in high
    assert "call-outs" in high
    assert "professional judgement" in high


def test_a_lowering_waits_for_the_demo_manager(loaded):
    change = LevelChange.objects.get(status="awaiting_sign_off")
    assert change.requested_by.email == demo.PRACTITIONER
    assert change.assessment.case.lead_organisation.name == demo.LEAD


def test_demo_text_names_who_did_what_and_never_blames(loaded):
    for assessment in Assessment.objects.all():
        text = str(assessment.answers).lower()
        for phrase in BANNED_PHRASES:
            assert phrase not in text, (assessment.instrument_id, phrase)
