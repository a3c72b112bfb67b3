"""The chronology as a behaviour-change programme or probation sees it: only entries reported by someone other than
the victim-survivor or a child. Listing the kind and date of an entry she or a child reported tells the worker (and
so, under pressure, him) what they disclosed and when; his document leaves such entries out, and so does his
workers' screen, the pattern picture included, with nothing saying how many were left out."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory
from django.urls import reverse

from childsafe.accounts.models import Organisation, User
from childsafe.cases import services as case_services
from childsafe.chronology.tests.conftest import make_entry
from childsafe.chronology.views import chronology_section
from childsafe.conftest import PASSWORD


@pytest.fixture(params=["perpetrator_programme", "probation"])
def his_worker(request, a_case, allocated_worker) -> User:
    organisation = Organisation.objects.create(name=f"A {request.param} service", kind=request.param)
    case_services.share_case(a_case, organisation, by=allocated_worker)
    return User.objects.create_user(
        "rhys@his-worker.example", PASSWORD, full_name="Rhys Worker", organisation=organisation, role="practitioner"
    )


@pytest.fixture
def entries(a_case, allocated_worker):
    return {
        "hers": make_entry(
            a_case,
            allocated_worker,
            behaviour="sexual",
            occurred_from=dt.date(2026, 3, 10),
            reported_by="victim_survivor",
        ),
        "childs": make_entry(
            a_case, allocated_worker, behaviour="harm_to_child", occurred_from=dt.date(2026, 4, 2), reported_by="child"
        ),
        "police": make_entry(
            a_case, allocated_worker, behaviour="physical", occurred_from=dt.date(2026, 9, 14), reported_by="police"
        ),
        "school": make_entry(
            a_case, allocated_worker, behaviour="online", occurred_from=dt.date(2026, 10, 5), reported_by="school"
        ),
    }


def section(case, user, **params) -> dict:
    request = RequestFactory().get("/", params)
    request.user = user
    return chronology_section(request, case)


def test_his_worker_does_not_see_entries_she_or_a_child_reported(client_for, his_worker, a_case, entries):
    page = client_for(his_worker).get(reverse("cases:detail", args=[a_case.pk])).content.decode()
    assert "Physical abuse, 14 September 2026" in page
    assert "Online or digital abuse, 5 October 2026" in page
    for left_out in ("10 March 2026", "2 April 2026", "Mar 26", "Apr 26"):
        assert left_out not in page, left_out
    for entry in (entries["hers"], entries["childs"]):
        assert reverse("chronology:entry", args=[a_case.pk, entry.pk]) not in page
    # Nothing counts or announces what was left out.
    assert "2 entries, newest first." in page
    assert "4 entries" not in page and "of 4" not in page


def test_his_worker_s_pattern_is_drawn_from_the_same_entries(his_worker, a_case, entries):
    context = section(a_case, his_worker)
    pattern = context["pattern"]
    assert pattern.entry_count == 2
    assert {row.behaviour for row in pattern.rows} == {"physical", "online"}
    assert (pattern.months[0].full_label, pattern.months[-1].full_label) == ("September 2026", "October 2026")
    assert [entry.pk for entry in context["entries"]] == [entries["school"].pk, entries["police"].pk]
    # A filter counts against what the worker may see, never the whole chronology.
    filtered = section(a_case, his_worker, behaviour="sexual")
    assert filtered["entries_total"] == 0
    assert filtered["entries_all_total"] == 2


def test_his_worker_cannot_open_an_entry_she_or_a_child_reported(client_for, his_worker, a_case, entries):
    client = client_for(his_worker)
    for key in ("hers", "childs"):
        assert client.get(reverse("chronology:entry", args=[a_case.pk, entries[key].pk])).status_code == 404
    assert client.get(reverse("chronology:entry", args=[a_case.pk, entries["police"].pk])).status_code == 200


def test_everyone_else_sees_every_entry(client_for, allocated_worker, partner_practitioner, a_case, entries):
    for user in (allocated_worker, partner_practitioner):
        context = section(a_case, user)
        assert context["pattern"].entry_count == 4
        page = client_for(user).get(reverse("cases:detail", args=[a_case.pk])).content.decode()
        assert "Sexual abuse, 10 March 2026" in page
        assert "Harm to a child directly, 2 April 2026" in page
