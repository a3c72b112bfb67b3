"""Adding a chronology entry through its page, checked for every persona."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.chronology.tests.conftest import date_parts, entry_post


def url_for(case) -> str:
    return reverse("chronology:add_entry", args=[case.pk])


def counts() -> tuple[int, int, int]:
    return ChronologyEntry.objects.count(), ChildImpact.objects.count(), AuditEntry.objects.count()


def test_url():
    assert reverse("chronology:add_entry", args=["5f0c2b7e-3c1a-4d55-9c1b-0a1b2c3d4e5f"]) == (
        "/cases/5f0c2b7e-3c1a-4d55-9c1b-0a1b2c3d4e5f/chronology/add/"
    )


def test_form_page(client_for, allocated_worker, a_case, mia):
    response = client_for(allocated_worker).get(url_for(a_case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Add a chronology entry" in page
    assert "Who chose this behaviour" in page
    assert "Darren Cole (parent or carer using abusive behaviours)" in page
    assert f'name="impact_{mia.pk.hex}"' in page
    assert "Impact on Mia" in page
    assert "Save entry" in page
    assert 'name="occurred_from_day"' in page


@pytest.mark.parametrize("persona", ["allocated_worker", "team_manager", "partner_practitioner"])
def test_people_on_the_case_can_add(request, client_for, a_case, persona, mia, darren):
    user = request.getfixturevalue(persona)
    before = AuditEntry.objects.count()
    response = client_for(user).post(url_for(a_case), entry_post(a_case))
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[a_case.pk]) + "#chronology"
    entry = ChronologyEntry.objects.get()
    assert entry.case == a_case
    assert entry.person_responsible == darren
    assert entry.recorded_by == user
    assert entry.source_document == "Police notification of 4 March 2026"
    assert ChildImpact.objects.get().child == mia
    created = AuditEntry.objects.filter(action="create", object_type="chronologyentry")
    assert created.get().actor == user
    assert AuditEntry.objects.count() > before


def test_success_message_on_the_case_page(client_for, allocated_worker, a_case):
    response = client_for(allocated_worker).post(url_for(a_case), entry_post(a_case), follow=True)
    assert response.status_code == 200
    assert "Chronology entry added" in response.content.decode()


@pytest.mark.parametrize("persona", ["outsider", "outsider_manager", "commissioner", "administrator"])
def test_no_access_is_404_for_get_and_post(request, client_for, a_case, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(url_for(a_case)).status_code == 404
    assert client.post(url_for(a_case), entry_post(a_case)).status_code == 404
    assert ChronologyEntry.objects.count() == 0


def test_signed_out_is_sent_to_sign_in(client, a_case):
    response = client.get(url_for(a_case))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_unknown_case_is_404(client_for, allocated_worker):
    response = client_for(allocated_worker).get(
        reverse("chronology:add_entry", args=["5f0c2b7e-3c1a-4d55-9c1b-0a1b2c3d4e5f"])
    )
    assert response.status_code == 404


def test_closed_case_is_read_only(client_for, allocated_worker, a_case):
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    client = client_for(allocated_worker)
    assert client.get(url_for(a_case)).status_code == 403
    assert client.post(url_for(a_case), entry_post(a_case)).status_code == 403
    assert ChronologyEntry.objects.count() == 0


BAD_INPUT = [
    (
        {"occurred_to_day": "1", "occurred_to_month": "2", "occurred_to_year": "2026"},
        "The end date must be the same as or after the start date",
    ),
    ({"description": "x" * 4001}, "Description must be 4000 characters or fewer"),
    ({"source_document": "s" * 301}, "Source document must be 300 characters or fewer"),
    ({"description": "He\x00 said"}, "Description must not contain hidden control characters"),
    (
        {"occurred_from_day": "31", "occurred_from_month": "2"},
        "Date the behaviour happened or started must be a real date",
    ),
    ({"person_responsible": "not-a-person"}, "Select who chose this behaviour"),
    ({"reported_by": "nobody"}, "Select who reported it"),
]


@pytest.mark.parametrize(("overrides", "message"), BAD_INPUT)
def test_bad_input_re_renders_with_a_message_and_writes_nothing(
    client_for, allocated_worker, a_case, overrides, message
):
    before = counts()
    data = entry_post(a_case, **overrides)
    response = client_for(allocated_worker).post(url_for(a_case), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert counts() == before


def test_future_date_keeps_everything_typed(client_for, allocated_worker, a_case, mia, leo):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    data = entry_post(
        a_case,
        description='He said "<b>you will pay</b>" & left',
        source_document="MARAC minutes",
        date_is_approximate="true",
        **date_parts("occurred_from", tomorrow),
        **{f"impact_{leo.pk.hex}": "Leo wet the bed afterwards."},
    )
    before = counts()
    response = client_for(allocated_worker).post(url_for(a_case), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date must be today or in the past" in page
    assert 'href="#id_occurred_from_day"' in page
    assert "He said &#34;&lt;b&gt;you will pay&lt;/b&gt;&#34; &amp; left" in page or (
        "He said &quot;&lt;b&gt;you will pay&lt;/b&gt;&quot; &amp; left" in page
    )
    assert 'value="MARAC minutes"' in page
    assert f'value="{tomorrow.day}"' in page and f'value="{tomorrow.year}"' in page
    assert "Mia heard the shouting and hid in her room." in page
    assert "Leo wet the bed afterwards." in page
    assert 'value="coercive_control" checked' in page
    assert "checked" in page.split('name="date_is_approximate"')[1].split(">")[0]
    assert counts() == before


def test_harm_to_a_child_without_any_impact_is_refused(client_for, allocated_worker, a_case, mia):
    before = counts()
    data = entry_post(a_case, behaviour="harm_to_child", **{f"impact_{mia.pk.hex}": ""})
    page = client_for(allocated_worker).post(url_for(a_case), data).content.decode()
    assert "Enter the impact on at least one child when the behaviour is harm to a child directly" in page
    assert counts() == before


def test_empty_post_gets_every_required_message(client_for, allocated_worker, a_case):
    page = client_for(allocated_worker).post(url_for(a_case), {}).content.decode()
    for message in [
        "Select the type of behaviour",
        "Select who chose this behaviour",
        "Describe what the person did",
        "Enter the date the behaviour happened or started",
        "Select who reported it",
    ]:
        assert message in page
    assert ChronologyEntry.objects.count() == 0


def test_script_in_the_description_is_stored_as_typed_and_shown_escaped(client_for, allocated_worker, a_case):
    script = "<script>alert('x')</script> He smashed her phone"
    client = client_for(allocated_worker)
    client.post(url_for(a_case), entry_post(a_case, description=script))
    entry = ChronologyEntry.objects.get()
    assert entry.description == script
    for address in [reverse("chronology:entry", args=[a_case.pk, entry.pk]), reverse("cases:detail", args=[a_case.pk])]:
        page = client.get(address).content.decode()
        assert "<script>alert('x')</script>" not in page
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; He smashed her phone" in page
