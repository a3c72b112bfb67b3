"""Professional judgement on a level: raising applies at once; lowering below the answers waits for a manager in
the lead organisation who is not the person who asked; the checklist's high is never lowered; all of it audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.assessments import services, standing
from childsafe.assessments.models import LevelChange
from childsafe.assessments.tests.conftest import (
    CHECKLIST,
    SCREENING,
    checklist_answers,
    child_of,
    completed,
    parent_of,
    screening_answers,
)
from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services


@pytest.fixture
def serious_screening(a_case, allocated_worker):
    answers = screening_answers(physical_violence=["serious_or_increasing"])
    return completed(a_case, allocated_worker, SCREENING, answers, child_of(a_case))


def level_now(case, person):
    return standing.current_standing(case)[str(person.pk)].level


def test_raising_applies_at_once_and_is_recorded(serious_screening, a_case, allocated_worker, client_for):
    mia = child_of(a_case)
    client = client_for(allocated_worker)
    url = reverse("assessments:change_level", args=[a_case.pk, serious_screening.pk])
    response = client.post(
        url, {"person": str(mia.pk), "to_level": "severe", "rationale": "She told me today he has a gun"}
    )
    assert response.status_code == 302
    assert level_now(a_case, mia) == "severe"
    change = LevelChange.objects.get()
    assert (change.direction, change.status, change.from_level, change.requested_by) == (
        "raise",
        "applied",
        "serious",
        allocated_worker,
    )
    assert AuditEntry.objects.filter(
        object_type="assessment_level_change", object_id=str(change.pk), action="create"
    ).exists()
    page = client.get(reverse("assessments:detail", args=[a_case.pk, serious_screening.pk])).content.decode()
    assert "Changed on professional judgement. The answers gave Serious" in page


def test_reasons_are_required_to_change_a_level(serious_screening, a_case, allocated_worker, client_for):
    url = reverse("assessments:change_level", args=[a_case.pk, serious_screening.pk])
    page = (
        client_for(allocated_worker)
        .post(url, {"person": str(child_of(a_case).pk), "to_level": "severe"})
        .content.decode()
    )
    assert "Enter your reasons for changing the level" in page
    assert not LevelChange.objects.exists()


def test_lowering_below_the_answers_waits_for_sign_off_and_the_answers_level_stands(
    serious_screening, a_case, allocated_worker, team_manager, client_for
):
    mia = child_of(a_case)
    change = services.change_level(
        serious_screening, mia, "moderate", "Father in prison for 2 years", by=allocated_worker
    )
    assert change.status == "awaiting_sign_off"
    assert level_now(a_case, mia) == "serious"
    assert standing.current_standing(a_case)[str(mia.pk)].pending_lowering

    manager = client_for(team_manager)
    listing = manager.get(reverse("assessments:pending_sign_offs")).content.decode()
    assert "1 lowering is waiting" in listing and mia.display_name in listing
    assert AuditEntry.objects.filter(actor=team_manager, action="view", object_id=str(change.pk)).exists()
    sign_off_url = reverse("assessments:sign_off", args=[a_case.pk, change.pk])
    assert (
        manager.post(sign_off_url, {"decision": "sign_off", "comment": "Agreed after supervision"}).status_code == 302
    )
    change.refresh_from_db()
    assert (change.status, change.decided_by, change.decision_comment) == (
        "signed_off",
        team_manager,
        "Agreed after supervision",
    )
    assert change.decided_at is not None
    assert level_now(a_case, mia) == "moderate"
    assert AuditEntry.objects.filter(action="sign_off", object_id=str(change.pk), actor=team_manager).exists()


def test_a_declined_lowering_keeps_the_answers_level_and_the_decision(
    serious_screening, a_case, allocated_worker, team_manager, client_for
):
    mia = child_of(a_case)
    change = services.change_level(serious_screening, mia, "moderate", "Reasons", by=allocated_worker)
    url = reverse("assessments:sign_off", args=[a_case.pk, change.pk])
    page = client_for(team_manager).post(url, {"decision": "decline"}).content.decode()
    assert "Enter why you are declining to sign off" in page
    client_for(team_manager).post(url, {"decision": "decline", "comment": "The risk has not changed"})
    change.refresh_from_db()
    assert change.status == "declined" and change.decision_comment == "The risk has not changed"
    assert level_now(a_case, mia) == "serious"
    assert AuditEntry.objects.filter(action="decline_sign_off", object_id=str(change.pk)).exists()


def test_the_same_person_cannot_sign_off_their_own_lowering(serious_screening, a_case, team_manager, client_for):
    change = services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=team_manager)
    url = reverse("assessments:sign_off", args=[a_case.pk, change.pk])
    assert client_for(team_manager).post(url, {"decision": "sign_off"}).status_code == 403
    with pytest.raises(services.AssessmentNotAllowed, match="another manager must sign it off"):
        services.decide_sign_off(change, approve=True, comment="", by=team_manager)
    assert (
        "You asked for this" in client_for(team_manager).get(reverse("assessments:pending_sign_offs")).content.decode()
    )


def test_a_second_manager_can_sign_off_a_managers_lowering(serious_screening, a_case, team_manager, second_manager):
    change = services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=team_manager)
    services.decide_sign_off(change, approve=True, comment="", by=second_manager)
    assert change.status == "signed_off"


@pytest.mark.parametrize("who", ["colleague", "partner_practitioner", "outsider_manager"])
def test_practitioners_and_other_organisations_cannot_sign_off(
    serious_screening, a_case, allocated_worker, client_for, request, who
):
    user = request.getfixturevalue(who)
    change = services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=allocated_worker)
    url = reverse("assessments:sign_off", args=[a_case.pk, change.pk])
    assert client_for(user).post(url, {"decision": "sign_off"}).status_code in {403, 404}
    with pytest.raises(services.AssessmentNotAllowed):
        services.decide_sign_off(change, approve=True, comment="", by=user)
    change.refresh_from_db()
    assert change.status == "awaiting_sign_off"


def test_a_partner_organisations_manager_cannot_sign_off_on_a_case_it_does_not_lead(
    serious_screening, a_case, allocated_worker, partner_org
):
    from childsafe.accounts.models import User

    partner_manager = User.objects.create_user(
        "pm@nbdas.example", "x" * 20, full_name="PM", organisation=partner_org, role="manager"
    )
    change = services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=allocated_worker)
    with pytest.raises(services.AssessmentNotAllowed, match="lead organisation"):
        services.decide_sign_off(change, approve=True, comment="", by=partner_manager)


def test_only_one_lowering_waits_at_a_time(serious_screening, a_case, allocated_worker):
    services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=allocated_worker)
    with pytest.raises(services.AssessmentNotAllowed, match="already waiting"):
        services.change_level(serious_screening, child_of(a_case), "none_identified", "Reasons", by=allocated_worker)


def test_taking_back_a_raise_does_not_need_sign_off(serious_screening, a_case, allocated_worker):
    mia = child_of(a_case)
    services.change_level(serious_screening, mia, "severe", "Gun", by=allocated_worker)
    back = services.change_level(serious_screening, mia, "serious", "The gun was a toy", by=allocated_worker)
    assert (back.direction, back.status) == ("lower", "applied")
    assert level_now(a_case, mia) == "serious"


def test_judgement_can_never_lower_the_checklists_high(a_case, allocated_worker, client_for):
    checklist = completed(a_case, allocated_worker, CHECKLIST, checklist_answers(15), parent_of(a_case))
    with pytest.raises(services.AssessmentNotAllowed, match="never lower it"):
        services.change_level(checklist, parent_of(a_case), "medium", "She says it is fine", by=allocated_worker)
    url = reverse("assessments:change_level", args=[a_case.pk, checklist.pk])
    page = (
        client_for(allocated_worker)
        .post(url, {"person": str(parent_of(a_case).pk), "to_level": "standard", "rationale": "x"})
        .content.decode()
    )
    assert "never lower it below what the answers give (High)" in page
    assert not LevelChange.objects.exists()


def test_a_closed_case_cannot_have_its_levels_changed_or_signed_off(
    serious_screening, a_case, allocated_worker, team_manager, client_for
):
    change = services.change_level(serious_screening, child_of(a_case), "moderate", "Reasons", by=allocated_worker)
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    assert (
        client_for(team_manager)
        .post(reverse("assessments:sign_off", args=[a_case.pk, change.pk]), {"decision": "sign_off"})
        .status_code
        == 403
    )
    url = reverse("assessments:change_level", args=[a_case.pk, serious_screening.pk])
    assert (
        client_for(allocated_worker)
        .post(url, {"person": str(child_of(a_case).pk), "to_level": "severe", "rationale": "x"})
        .status_code
        == 403
    )
