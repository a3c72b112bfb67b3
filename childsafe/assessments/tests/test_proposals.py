"""Services proposed on a result page are for each person's own tier of need: a screening that puts one child at
tier 2 never takes a sibling at tier 4 down with it, and the non-abusing parent's checklist never decides what the
children are offered."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from childsafe.assessments import standing
from childsafe.assessments.tests.conftest import (
    CHECKLIST,
    SCREENING,
    checklist_answers,
    child_of,
    completed,
    parent_of,
    screening_answers,
)
from childsafe.services.models import Service


@pytest.fixture
def directory(db):
    def service(key: str, name: str, tiers: list[int], serves: list[str], kind: str = "childrens_group_work"):
        return Service.objects.create(key=key, name=name, service_type=kind, tiers=tiers, serves=serves)

    return {
        "tier4_group": service("t4-group", "Acorn group for children at tier 4", [4], ["child"]),
        "tier2_dropin": service("t2-dropin", "Bluebell drop-in for children at tier 2", [2], ["child"]),
        "tier4_outreach": service(
            "t4-outreach", "Cedar outreach for mothers at tier 4", [4], ["non_abusing_parent"], "community_outreach"
        ),
    }


def result_page(client_for, user, assessment) -> str:
    response = client_for(user).get(reverse("assessments:detail", args=[assessment.case_id, assessment.pk]))
    assert response.status_code == 200
    return response.content.decode().replace("&#39;", "'")


def services_for(page: str, person) -> str:
    """The part of the services section about one person."""
    return page.split(f'id="proposals-{person.pk.hex}"')[1].split("app-proposals__person")[0]


MODERATE = screening_answers(physical_violence=["few_minor"])  # tier 2
SEVERE = screening_answers(danger_signs=["weapon"])  # tier 4


def test_a_tier_2_screening_of_one_child_leaves_a_sibling_at_tier_4_with_tier_4_proposals(
    a_case, allocated_worker, client_for, directory
):
    mia, leo = child_of(a_case, "Mia"), child_of(a_case, "Leo")
    completed(a_case, allocated_worker, SCREENING, SEVERE, leo)
    mias = completed(a_case, allocated_worker, SCREENING, MODERATE, mia)
    assert {key: item.tier for key, item in standing.current_standing(a_case).items()} == {
        str(mia.pk): 2,
        str(leo.pk): 4,
    }

    page = result_page(client_for, allocated_worker, mias)
    for_leo = services_for(page, leo)
    assert "Acorn group for children at tier 4" in for_leo
    assert "Offers tier 4 support" in for_leo
    assert "Works with children" in for_leo
    today = f"{timezone.localdate():%-d %B %Y}"
    assert f"Proposed for tier 4: Severe in the child threshold screening of {today}" in for_leo
    assert "Bluebell drop-in" not in for_leo

    for_mia = services_for(page, mia)
    assert "Bluebell drop-in for children at tier 2" in for_mia
    assert "Proposed for tier 2: Moderate in this assessment" in for_mia
    assert "Acorn group" not in for_mia


def test_the_mothers_checklist_does_not_decide_the_childrens_proposals(a_case, allocated_worker, client_for, directory):
    mia, rachel = child_of(a_case, "Mia"), parent_of(a_case)
    completed(a_case, allocated_worker, CHECKLIST, checklist_answers(yes=14), rachel)  # high: tier 4
    mias = completed(a_case, allocated_worker, SCREENING, MODERATE, mia)

    page = result_page(client_for, allocated_worker, mias)
    for_mia = services_for(page, mia)
    assert "Bluebell drop-in for children at tier 2" in for_mia and "Acorn group" not in for_mia
    for_rachel = services_for(page, rachel)
    assert "Cedar outreach for mothers at tier 4" in for_rachel
    assert "Proposed for tier 4: High" in for_rachel


def test_a_child_never_assessed_is_not_given_a_siblings_tier(a_case, allocated_worker, client_for, directory):
    mias = completed(a_case, allocated_worker, SCREENING, SEVERE, child_of(a_case, "Mia"))
    page = result_page(client_for, allocated_worker, mias)
    leo = child_of(a_case, "Leo")
    assert f'id="proposals-{leo.pk.hex}"' not in page
    assert "No services are proposed for Leo Fernhill yet: no completed assessment gives Leo Fernhill a tier" in page
    # The adults, not assessed themselves, get the highest tier in the household: their services protect the child.
    assert "Proposed for tier 4: Not assessed: the highest tier of need in the household" in services_for(
        page, parent_of(a_case)
    )
