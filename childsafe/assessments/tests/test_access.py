"""Who reaches which assessment page: 404 for anyone the case is not shared with, on every URL; commissioners and
administrators never; a closed case is read-only; disclosures are never shown to a behaviour-change programme."""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.assessments import services
from childsafe.assessments.tests.conftest import (
    CHECKLIST,
    SCREENING,
    VOICE,
    checklist_answers,
    child_of,
    completed,
    instrument,
    parent_of,
    screening_answers,
)
from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services


@pytest.fixture
def records(a_case, allocated_worker):
    """A completed screening with a pending lowering, and a draft of the full assessment."""
    screening = completed(
        a_case,
        allocated_worker,
        SCREENING,
        screening_answers(physical_violence=["serious_or_increasing"]),
        child_of(a_case),
    )
    change = services.change_level(screening, child_of(a_case), "moderate", "Reasons", by=allocated_worker)
    draft = services.start_assessment(
        a_case, instrument("full-nine-area-assessment"), subject=None, by=allocated_worker
    )
    return {"screening": screening, "change": change, "draft": draft}


def urls(case, records) -> list[tuple[str, str]]:
    screening, change, draft = records["screening"], records["change"], records["draft"]
    return [
        ("GET", reverse("assessments:case_assessments", args=[case.pk])),
        ("POST", reverse("assessments:start", args=[case.pk, SCREENING])),
        ("GET", reverse("assessments:detail", args=[case.pk, screening.pk])),
        ("GET", reverse("assessments:detail", args=[case.pk, draft.pk])),
        ("GET", reverse("assessments:answer_section", args=[case.pk, draft.pk, "lethality"])),
        ("POST", reverse("assessments:complete", args=[case.pk, draft.pk])),
        ("GET", reverse("assessments:change_level", args=[case.pk, screening.pk])),
        ("GET", reverse("assessments:reassess", args=[case.pk, screening.pk])),
        ("GET", reverse("assessments:sign_off", args=[case.pk, change.pk])),
    ]


URL_NAMES = ["list", "start", "result", "draft", "section", "complete", "level", "reassess", "sign_off"]


@pytest.mark.parametrize("index", range(len(URL_NAMES)), ids=URL_NAMES)
@pytest.mark.parametrize("who", ["outsider", "outsider_manager"])
def test_anyone_the_case_is_not_shared_with_gets_404_on_every_url(a_case, records, client_for, request, who, index):
    method, url = urls(a_case, records)[index]
    client = client_for(request.getfixturevalue(who))
    response = client.get(url) if method == "GET" else client.post(url)
    assert response.status_code == 404


@pytest.mark.parametrize("index", range(len(URL_NAMES)), ids=URL_NAMES)
@pytest.mark.parametrize("who", ["commissioner", "administrator"])
def test_commissioners_and_administrators_never_reach_an_assessment(a_case, records, client_for, request, who, index):
    method, url = urls(a_case, records)[index]
    client = client_for(request.getfixturevalue(who))
    response = client.get(url) if method == "GET" else client.post(url)
    assert response.status_code == 404


def test_an_assessment_id_from_another_case_is_404(a_case, records, allocated_worker, client_for, team):
    other = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
    client = client_for(allocated_worker)
    assert client.get(reverse("assessments:detail", args=[other.pk, records["screening"].pk])).status_code == 404
    assert client.get(reverse("assessments:sign_off", args=[other.pk, records["change"].pk])).status_code == 404


def test_pending_sign_offs_are_for_managers_only(client_for, allocated_worker, commissioner):
    assert client_for(allocated_worker).get(reverse("assessments:pending_sign_offs")).status_code == 403
    assert client_for(commissioner).get(reverse("assessments:pending_sign_offs")).status_code == 403


def test_another_organisations_manager_sees_none_of_our_pending_lowerings(records, client_for, outsider_manager):
    page = client_for(outsider_manager).get(reverse("assessments:pending_sign_offs")).content.decode()
    assert "Nothing is waiting for sign-off" in page


def test_a_closed_case_is_read_only(a_case, records, allocated_worker, client_for):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    draft = records["draft"]
    assert client.get(reverse("assessments:case_assessments", args=[a_case.pk])).status_code == 200
    assert client.get(reverse("assessments:detail", args=[a_case.pk, records["screening"].pk])).status_code == 200
    assert (
        client.post(
            reverse("assessments:start", args=[a_case.pk, SCREENING]), {"subject": str(child_of(a_case).pk)}
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("assessments:answer_section", args=[a_case.pk, draft.pk, "lethality"]), {}).status_code
        == 403
    )
    assert client.post(reverse("assessments:complete", args=[a_case.pk, draft.pk])).status_code == 403
    assert client.get(reverse("assessments:reassess", args=[a_case.pk, records["screening"].pk])).status_code == 403
    page = client.get(reverse("assessments:case_assessments", args=[a_case.pk])).content.decode()
    assert "Start an assessment" not in page


def test_a_partner_organisation_can_screen_and_see_results(a_case, records, partner_practitioner, client_for):
    client = client_for(partner_practitioner)
    page = client.get(reverse("assessments:detail", args=[a_case.pk, records["screening"].pk])).content.decode()
    assert "Serious" in page
    response = client.post(
        reverse("assessments:start", args=[a_case.pk, SCREENING]), {"subject": str(child_of(a_case).pk)}
    )
    assert response.status_code == 302


# --- Disclosures and the behaviour-change programme --------------------------------------------------------------

SECRET_VOICE = "I hide in the wardrobe when he shouts CANARY-VOICE"
SECRET_REASON = "She whispered that he keeps a knife CANARY-DASH"


@pytest.fixture
def disclosures(shared_with_programme, allocated_worker):
    case = shared_with_programme
    voice = completed(
        case, allocated_worker, VOICE,
        {"heard_on": "2026-09-02", "setting": "school", "heard_by": "Ms Okafor", "worries": SECRET_VOICE},
        child_of(case),
    )  # fmt: skip
    checklist = completed(
        case, allocated_worker, CHECKLIST,
        checklist_answers(5, professional_judgement="yes", judgement_reasons=SECRET_REASON),
        parent_of(case),
    )  # fmt: skip
    return {"voice": voice, "checklist": checklist}


def test_the_programme_sees_that_a_disclosure_exists_but_never_its_content(
    shared_with_programme, disclosures, programme_worker, client_for
):
    client = client_for(programme_worker)
    case = shared_with_programme
    listing = client.get(reverse("assessments:case_assessments", args=[case.pk])).content.decode()
    assert "The child&#39;s voice" in listing or "The child's voice" in listing
    assert "Not shared with your organisation" in listing
    for record in disclosures.values():
        page = client.get(reverse("assessments:detail", args=[case.pk, record.pk])).content.decode()
        assert "It is not shared with your organisation" in page
        assert "CANARY" not in page
        assert "High" not in page
    assert AuditEntry.objects.filter(
        actor=programme_worker, action="view", object_id=str(disclosures["voice"].pk)
    ).exists()


def test_the_programme_does_not_see_the_childs_voice_beside_a_screening(
    shared_with_programme, disclosures, allocated_worker, programme_worker, client_for
):
    case = shared_with_programme
    screening = completed(case, allocated_worker, SCREENING, screening_answers(), child_of(case))
    assert (
        SECRET_VOICE
        in client_for(allocated_worker)
        .get(reverse("assessments:detail", args=[case.pk, screening.pk]))
        .content.decode()
    )
    page = (
        client_for(programme_worker).get(reverse("assessments:detail", args=[case.pk, screening.pk])).content.decode()
    )
    assert "CANARY" not in page and "In the child's own words" not in page


def test_the_programme_cannot_start_or_change_a_disclosure(
    shared_with_programme, disclosures, programme_worker, client_for
):
    case = shared_with_programme
    client = client_for(programme_worker)
    assert (
        client.post(
            reverse("assessments:start", args=[case.pk, VOICE]), {"subject": str(child_of(case).pk)}
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("assessments:change_level", args=[case.pk, disclosures["checklist"].pk])).status_code == 403
    )
    assert client.get(reverse("assessments:reassess", args=[case.pk, disclosures["checklist"].pk])).status_code == 403


def test_the_programme_sees_no_checklist_level_in_the_standing(
    shared_with_programme, disclosures, programme_worker, client_for
):
    case = shared_with_programme
    listing = client_for(programme_worker).get(reverse("assessments:case_assessments", args=[case.pk])).content.decode()
    assert parent_of(case).display_name not in listing.split("All assessments")[0]
