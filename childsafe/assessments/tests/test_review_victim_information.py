"""Review: what an organisation working with the person using abusive behaviours (a behaviour-change programme,
probation) sees of assessments that are not disclosure records.

The screening, the full assessment and the practice reflection are not marked `disclosure`, but their answers are
what the non-abusing parent and the children told professionals ("Kirsty told me he checks her phone every
evening"), and every answer is classed DISCLOSURE (`sensitivity.py`). Those organisations may see a result's level
and tier (professional judgement, shared so everyone works to the same risk) but never the answers, the reasons
built from them, or a name a child or she is known by now (a location). They do not record or re-score
assessments of the household either. The allocated worker's view is the control: everything is there for them.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.assessments import services
from childsafe.assessments.tests.conftest import (
    FULL,
    REFLECTION,
    SCREENING,
    child_of,
    completed,
    full_answers,
    instrument,
    parent_of,
    screening_answers,
)
from childsafe.cases import services as case_services
from childsafe.conftest import PASSWORD


def canary(kind: str) -> str:
    return f"CANARY{kind}{uuid.uuid4().hex[:10]}"


@pytest.fixture(params=["perpetrator_programme", "probation"])
def worker_with_him(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {request.param}", kind=request.param)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        f"worker@{request.param}.example", PASSWORD, full_name="Rhys Worker", organisation=organisation
    )


@pytest.fixture
def assessed(a_case, allocated_worker):
    """A screening of Mia (known as a canary), a full assessment and a practice reflection, each with canaries in
    every free-text answer."""
    mia, rachel = child_of(a_case), parent_of(a_case)
    known = {}
    for person in (mia, rachel):
        person.known_as = known[person.pk] = canary("KNOWNAS")
        case_services.save_record(person, by=allocated_worker, request=None, changed=["known_as"], creating=False)
    said = canary("SAID")
    screening = completed(
        a_case,
        allocated_worker,
        SCREENING,
        screening_answers(what_you_know=said, danger_signs=["strangulation"]),
        mia,
    )
    full = full_answers([p for p in a_case.people.all() if p.is_child])
    evidence = {}
    for key, value in list(full.items()):
        if isinstance(value, str) and value.startswith("Evidence"):
            full[key] = evidence[key] = canary("EVIDENCE")
    full["child_summary"] = {key: canary("SUMMARY") for key in full["child_summary"]}
    whole = completed(a_case, allocated_worker, FULL, full)
    notes, reflection_answers = {}, {}
    for question in instrument(REFLECTION).questions.values():
        if question.type == "textarea":
            reflection_answers[question.id] = notes[question.id] = canary("REFLECT")
        elif question.type == "radios":
            reflection_answers[question.id] = instrument(REFLECTION).options_of(question)[0].value
    reflection = completed(a_case, allocated_worker, REFLECTION, reflection_answers)
    # A raise on judgement applies at once; its reasons rest on what was said, like the answers.
    leo = child_of(a_case, "Leo")
    quiet = completed(a_case, allocated_worker, SCREENING, screening_answers(), leo)
    rationale = canary("RATIONALE")
    services.change_level(quiet, leo, "moderate_to_serious", rationale, by=allocated_worker)
    secrets = {said, rationale, *known.values(), *evidence.values(), *full["child_summary"].values()}
    secrets |= set(notes.values())
    return {"records": [screening, whole, reflection, quiet], "secrets": secrets, "known_as": set(known.values())}


def pages(client, case, records) -> str:
    urls = [reverse("assessments:case_assessments", args=[case.pk]), reverse("cases:detail", args=[case.pk])]
    urls += [reverse("assessments:detail", args=[case.pk, record.pk]) for record in records]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_answers_reasons_and_known_as_names_never_reach_those_who_work_with_him(
    client_for, a_case, allocated_worker, worker_with_him, assessed
):
    seen = pages(client_for(worker_with_him), a_case, assessed["records"])
    assert sorted(secret for secret in assessed["secrets"] if secret in seen) == []
    # No reason built from the answers either ("Strangulation or choking" is what she disclosed).
    assert "strangl" not in seen.lower()
    # The level itself is professional judgement they work to, and stays.
    assert "Severe" in seen

    control = pages(client_for(allocated_worker), a_case, assessed["records"])
    assert assessed["secrets"] <= {secret for secret in assessed["secrets"] if secret in control}


def test_those_who_work_with_him_do_not_record_or_rescore_assessments_of_the_household(
    client_for, a_case, worker_with_him, assessed
):
    client = client_for(worker_with_him)
    screening = assessed["records"][0]
    mia = child_of(a_case)
    start = client.post(reverse("assessments:start", args=[a_case.pk, SCREENING]), {"subject": str(mia.pk)})
    assert start.status_code == 403
    assert client.get(reverse("assessments:change_level", args=[a_case.pk, screening.pk])).status_code == 403
    changes_before = screening.level_changes.count()
    changed = client.post(
        reverse("assessments:change_level", args=[a_case.pk, screening.pk]),
        {"person": str(mia.pk), "to_level": "moderate", "rationale": "He says things are better now"},
    )
    assert changed.status_code == 403
    assert screening.level_changes.count() == changes_before
    assert client.get(reverse("assessments:reassess", args=[a_case.pk, screening.pk])).status_code == 403
