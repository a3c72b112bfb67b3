"""A button pressed twice, or two people at once: completing or signing off something already done says so in plain
words (never a server error), changes nothing, and keeps what was typed when it differs from what was saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.assessments import access, services, views
from childsafe.assessments.models import Assessment, LevelChange
from childsafe.assessments.tests.conftest import (
    REFLECTION,
    SCREENING,
    child_of,
    completed,
    instrument,
    screening_answers,
)
from childsafe.assessments.tests.test_journeys import answer_url, as_post
from childsafe.audit.models import AuditEntry


def completions(assessment: Assessment) -> int:
    return sum(
        "status" in entry.changed_fields
        for entry in AuditEntry.objects.filter(object_type="assessment", object_id=str(assessment.pk))
    )


def banner_text(client, response) -> str:
    assert response.status_code == 302, response.status_code
    return client.get(response.url).content.decode()


@pytest.fixture
def screening_draft(a_case, allocated_worker):
    return services.start_assessment(a_case, instrument(SCREENING), subject=child_of(a_case), by=allocated_worker)


def completed_behind_the_views_back(monkeypatch, by, case, answers):
    """Complete the assessment in the database after the view has loaded it as a draft: the race a lock settles."""
    real = access.get_assessment

    def get_then_complete_elsewhere(case_, assessment_id):
        stale = real(case_, assessment_id)
        monkeypatch.setattr(views.access, "get_assessment", real)  # once: the next page reads it as it is
        other = Assessment.objects.get(pk=stale.pk)
        services.complete_assessment(other, answers, people=list(case.people.all()), by=by)
        return stale

    monkeypatch.setattr(views.access, "get_assessment", get_then_complete_elsewhere)


def test_pressing_complete_twice_shows_the_result_once_scored(screening_draft, allocated_worker, client_for):
    client = client_for(allocated_worker)
    data = as_post(screening_answers(danger_signs=["weapon"]), "complete")
    assert "completed." in banner_text(client, client.post(answer_url(screening_draft), data))
    screening_draft.refresh_from_db()
    result = screening_draft.result

    page = banner_text(client, client.post(answer_url(screening_draft), data))
    assert "This assessment was already complete: its result below is unchanged." in page
    assert "Important" in page and "Success" not in page
    screening_draft.refresh_from_db()
    assert screening_draft.result == result and completions(screening_draft) == 1


def test_completed_by_someone_else_meanwhile_keeps_what_was_typed_and_saves_none_of_it(
    screening_draft, a_case, allocated_worker, colleague, client_for, monkeypatch
):
    completed_behind_the_views_back(monkeypatch, colleague, a_case, screening_answers())
    typed = screening_answers(danger_signs=["weapon"], what_you_know="Mia said he had a knife in the kitchen")
    response = client_for(allocated_worker).post(answer_url(screening_draft), as_post(typed, "complete"))
    assert response.status_code == 409
    page = response.content.decode()
    assert "There is a problem" in page
    assert "This assessment is already complete. Nothing on this page was saved" in page
    assert "Mia said he had a knife in the kitchen" in page  # what was typed comes back
    screening_draft.refresh_from_db()
    assert screening_draft.completed_by == colleague
    assert "knife" not in screening_draft.answers["what_you_know"]
    assert completions(screening_draft) == 1


def test_saving_a_draft_of_an_assessment_completed_meanwhile_is_refused_with_the_typing_kept(
    screening_draft, a_case, allocated_worker, colleague, client_for, monkeypatch
):
    completed_behind_the_views_back(monkeypatch, colleague, a_case, screening_answers())
    data = as_post({"what_you_know": "Her words about the night of 3 March"}, "draft")
    response = client_for(allocated_worker).post(answer_url(screening_draft), data)
    assert response.status_code == 409
    assert "Her words about the night of 3 March" in response.content.decode()


@pytest.fixture
def reflection_ready(a_case, allocated_worker):
    assessment = services.start_assessment(a_case, instrument(REFLECTION), subject=None, by=allocated_worker)
    answers = {}
    for section in instrument(REFLECTION).sections:
        answers.update({f"{section.id}_rating": "developing", f"{section.id}_notes": "Notes"})
    services.save_draft(assessment, answers, by=allocated_worker)
    return assessment


def test_completing_a_task_list_twice_says_it_is_already_complete(
    reflection_ready, a_case, allocated_worker, client_for
):
    client = client_for(allocated_worker)
    url = reverse("assessments:complete", args=[a_case.pk, reflection_ready.pk])
    assert client.post(url).status_code == 302
    page = banner_text(client, client.post(url))
    assert "This assessment was already complete" in page
    assert completions(reflection_ready) == 1


def test_a_task_list_completed_by_someone_else_between_the_check_and_the_lock(
    reflection_ready, a_case, allocated_worker, colleague, client_for, monkeypatch
):
    completed_behind_the_views_back(monkeypatch, colleague, a_case, {})
    client = client_for(allocated_worker)
    response = client.post(reverse("assessments:complete", args=[a_case.pk, reflection_ready.pk]))
    assert "This assessment was already complete" in banner_text(client, response)
    reflection_ready.refresh_from_db()
    assert reflection_ready.completed_by == colleague and completions(reflection_ready) == 1


@pytest.fixture
def lowering(a_case, allocated_worker):
    answers = screening_answers(physical_violence=["serious_or_increasing"])
    screening = completed(a_case, allocated_worker, SCREENING, answers, child_of(a_case))
    return services.change_level(screening, child_of(a_case), "moderate", "Father in prison", by=allocated_worker)


def sign_offs(change: LevelChange) -> int:
    return AuditEntry.objects.filter(object_id=str(change.pk), action__in=["sign_off", "decline_sign_off"]).count()


def test_signing_off_twice_says_it_is_already_signed_off(lowering, a_case, team_manager, client_for):
    client = client_for(team_manager)
    url = reverse("assessments:sign_off", args=[a_case.pk, lowering.pk])
    assert client.post(url, {"decision": "sign_off", "comment": "Agreed"}).status_code == 302
    second = client.post(url, {"decision": "decline", "comment": "Changed my mind"})
    assert "This lowering has already been signed off: nothing was changed." in banner_text(client, second)
    lowering.refresh_from_db()
    assert (lowering.status, lowering.decision_comment) == ("signed_off", "Agreed")
    assert sign_offs(lowering) == 1


def test_a_lowering_decided_by_another_manager_meanwhile(
    lowering, a_case, team_manager, second_manager, client_for, monkeypatch
):
    real = views._change_for_user

    def load_then_decline_elsewhere(request, case_id, change_id):
        case, stale = real(request, case_id, change_id)
        monkeypatch.setattr(views, "_change_for_user", real)
        services.decide_sign_off(LevelChange.objects.get(pk=stale.pk), approve=False, comment="No", by=second_manager)
        return case, stale

    monkeypatch.setattr(views, "_change_for_user", load_then_decline_elsewhere)
    client = client_for(team_manager)
    response = client.post(reverse("assessments:sign_off", args=[a_case.pk, lowering.pk]), {"decision": "sign_off"})
    assert "This lowering has already been declined: nothing was changed." in banner_text(client, response)
    lowering.refresh_from_db()
    assert (lowering.status, lowering.decided_by) == ("declined", second_manager)
    assert sign_offs(lowering) == 1


def test_someone_who_may_not_sign_off_learns_nothing_of_a_decided_lowering(
    lowering, a_case, team_manager, colleague, client_for
):
    services.decide_sign_off(lowering, approve=True, comment="", by=team_manager)
    response = client_for(colleague).post(reverse("assessments:sign_off", args=[a_case.pk, lowering.pk]))
    assert response.status_code == 403
