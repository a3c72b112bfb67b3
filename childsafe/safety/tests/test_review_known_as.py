"""Review: the name a child or the non-abusing parent is known by now is a location (`cases/sensitivity.py`: it is
how a new school or a neighbour knows them). Those who work with the person using abusive behaviours (a
behaviour-change programme, probation) see worker safety flags and that a safety plan exists, so these pages name
people to them: never by that name. The case overview's safety panel is checked too, since it leads the case page.
The allocated worker's pages are the control.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.conftest import PASSWORD
from childsafe.safety import services
from childsafe.safety.tests.conftest import make_plan


@pytest.fixture(params=["perpetrator_programme", "probation"])
def worker_with_him(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {request.param}", kind=request.param)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        f"worker@{request.param}.example", PASSWORD, full_name="Rhys Worker", organisation=organisation
    )


@pytest.fixture
def known_as(a_case, allocated_worker, mia, rachel) -> set[str]:
    names = set()
    for person in (mia, rachel):
        person.known_as = f"CANARYKNOWNAS{uuid.uuid4().hex[:10]}"
        names.add(person.known_as)
        case_services.save_record(person, by=allocated_worker, request=None, changed=["known_as"], creating=False)
    return names


@pytest.fixture
def flagged(a_case, allocated_worker, mia, rachel, known_as):
    make_plan(a_case, mia, allocated_worker)
    return services.raise_flag(
        a_case,
        rachel,
        kind="do_not_visit_alone",
        review_by=dt.date(2027, 1, 1),
        details="Visit in pairs",
        manager_must_agree=True,
        by=allocated_worker,
    )


def pages(client, case, flag) -> str:
    urls = [
        reverse("cases:detail", args=[case.pk]),
        reverse("safety:case_safety", args=[case.pk]),
        reverse("safety:add_flag", args=[case.pk]),
        reverse("safety:lift_flag", args=[case.pk, flag.pk]),
    ]
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 403}, url
        texts.append(response.content.decode())
    return "\n".join(texts)


def test_no_known_as_name_on_the_safety_pages_of_those_who_work_with_him(
    client_for, a_case, allocated_worker, worker_with_him, flagged, known_as
):
    seen = pages(client_for(worker_with_him), a_case, flagged)
    assert sorted(name for name in known_as if name in seen) == []
    assert "Rachel" in seen  # the flag still names who it is about

    control = pages(client_for(allocated_worker), a_case, flagged)
    assert known_as <= {name for name in known_as if name in control}
