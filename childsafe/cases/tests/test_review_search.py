"""Review: the caseload search must not answer questions about what the user may not see.

A child's or the non-abusing parent's known-as name is a location, hidden from organisations that work with the
person using abusive behaviours. If searching for it still found the case, a programme worker (or he, through
them) could test a guess ("is Mia going by Millie now?") and have it confirmed by the case appearing. For them the
search matches a known-as name only of the person using abuse, whose details they see.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services
from childsafe.conftest import PASSWORD, person


@pytest.fixture(params=["perpetrator_programme", "probation"])
def worker_with_him(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"Northbrook {request.param}", kind=request.param)
    services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        f"worker@{request.param}.example", PASSWORD, full_name="Rhys Worker", organisation=organisation
    )


def _known_as(case, role, name, by):
    someone = person(case, role)
    someone.known_as = name
    services.save_record(someone, by=by, request=None, changed=["known_as"], creating=False)


def _found(client, case, text) -> bool:
    page = client.get(reverse("cases:caseload"), {"q": text, "scope": "all"}).content.decode()
    return case.reference in page


def test_a_hidden_known_as_name_cannot_be_confirmed_by_searching(client_for, a_case, allocated_worker, worker_with_him):
    _known_as(a_case, "child", "Millie", allocated_worker)
    _known_as(a_case, "non_abusing_parent", "Roo", allocated_worker)
    _known_as(a_case, "parent_using_abuse", "Daz", allocated_worker)
    client = client_for(worker_with_him)
    assert not _found(client, a_case, "Millie")
    assert not _found(client, a_case, "Roo")
    # What they may see still finds the case: his known-as name, and anyone's first name.
    assert _found(client, a_case, "Daz")
    assert _found(client, a_case, "Mia")
    # The control: the lead worker finds it by each.
    lead = client_for(allocated_worker)
    assert _found(lead, a_case, "Millie") and _found(lead, a_case, "Roo")
