"""My work, on the fictional demo: each worker sees what needs doing on their own cases (a manager, their team's),
overdue first; nobody sees another's cases; organisations that work with the person using abuse get nothing that
concerns her; and the page reads the same number of rows whatever the size of the caseload."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from childsafe.accounts.models import User
from childsafe.cases import services
from childsafe.cases.models import Case, Person
from childsafe.plans.views.reviews import review_scope
from childsafe.work.attention import my_work

PRACTITIONER = "practitioner@northbrook.example"
MANAGER = "manager@northbrook.example"


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo_data", stdout=StringIO())


def signed_in(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email), backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["childsafe_signed_in_at"] = time.time()
    session.save()
    return client


def items_of(email: str):
    work = my_work(User.objects.get(email=email), timezone.localdate())
    return work, [*work.overdue, *work.due, *work.flags]


def test_the_practitioner_sees_every_kind_of_thing_to_do_on_their_own_cases(demo):
    work, items = items_of(PRACTITIONER)
    kinds = {item.kind for item in items}
    assert {"Plan review", "Re-assessment", "Follow-up after contact"} <= kinds
    assert kinds & {"Disengagement", "Partner support", "Referral declined"}
    own = {
        str(pk)
        for pk in Case.objects.filter(allocated_worker__email=PRACTITIONER, status="open").values_list("pk", flat=True)
    }
    assert {str(item.case_id) for item in items if item.case_id} <= own
    assert all(item.overdue for item in work.overdue)
    assert not any(item.overdue for item in work.due)
    assert [item.due for item in work.overdue] == sorted(item.due for item in work.overdue)


def test_the_page_lists_them_overdue_first_with_links_to_act(demo):
    page = signed_in(PRACTITIONER).get(reverse("work:today"))
    assert page.status_code == 200
    text = page.content.decode()
    assert text.index("Overdue") < text.index("Due soon") < text.index("To know about")
    work, items = items_of(PRACTITIONER)
    assert f"{work.total} things need your attention" in text
    for item in items:
        assert f'href="{item.href}"' in text


def test_a_manager_sees_the_team_and_the_lowerings_waiting_for_sign_off(demo):
    manager = User.objects.get(email=MANAGER)
    work, _ = items_of(MANAGER)
    team = {str(pk) for pk in review_scope(manager).values_list("pk", flat=True)}
    dated = [item for item in [*work.overdue, *work.due] if item.case_id]
    assert dated
    assert {str(item.case_id) for item in dated} <= team
    assert any(item.kind == "Sign-off" for item in work.flags)
    _, practitioners_items = items_of(PRACTITIONER)
    assert not any(item.kind == "Sign-off" for item in practitioners_items)


def test_a_worker_with_no_cases_is_told_so(demo):
    page = signed_in("safeguarding@northbrook.example").get(reverse("work:today"))
    assert page.status_code == 200
    colleague = signed_in("practitioner2@northbrook.example").get(reverse("work:today")).content.decode()
    practitioner_cases = Case.objects.filter(allocated_worker__email=PRACTITIONER).values_list("reference", flat=True)
    assert not any(reference in colleague for reference in practitioner_cases)


def test_the_programme_gets_nothing_about_her_even_on_a_case_it_holds(demo):
    programme = User.objects.get(email="programme@nbchange.example")
    # Give the programme worker a demo case that has a follow-up, a victim-survivor checklist and a programme
    # referral, as if the programme held it, to see what My work would tell them.
    _, practitioners = items_of(PRACTITIONER)
    follow_up = next(item for item in practitioners if item.kind == "Follow-up after contact")
    case = Case.objects.get(pk=follow_up.case_id)
    services.share_case(case, programme.organisation, by=User.objects.get(email=PRACTITIONER))
    Case.objects.filter(pk=case.pk).update(allocated_worker=programme)
    _, items = items_of(programme.email)
    assert items, "the case's other work still shows"
    assert not [item for item in items if item.kind == "Follow-up after contact"]
    assert not [item for item in items if "risk checklist" in item.text]
    # That a programme runs without partner support is the programme's business; who she is, is not.
    her = Person.objects.get(case=case, role_in_case="non_abusing_parent")
    assert not [item for item in items if her.first_name in item.text]


@pytest.mark.parametrize("email", ["commissioner@northbrook.example", "admin@northbrook.example"])
def test_roles_without_cases_are_refused(demo, email):
    assert signed_in(email).get(reverse("work:today")).status_code == 403


def test_reading_the_page_does_not_grow_with_the_caseload(demo):
    def queries() -> int:
        client = signed_in(PRACTITIONER)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("work:today")).status_code == 200
        return len(captured)

    before = queries()
    call_command("generate_households", "--households", "40", "--seed", "3", stdout=StringIO())
    assert Case.objects.filter(allocated_worker__email=PRACTITIONER, status="open").count() > 7
    assert queries() == before
