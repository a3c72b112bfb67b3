"""Safety plans: made, changed (every earlier version kept), reviewed at each contact, through the services and
their pages; the last review date and the overdue warning; prompts for the child's age."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Person
from childsafe.safety import services
from childsafe.safety.models import SafetyPlan, SafetyPlanReview, SafetyPlanRevision
from childsafe.safety.tests.conftest import content, date_parts, make_plan, plan_post

TODAY = dt.date(2026, 11, 25)


def counts() -> tuple[int, int, int, int]:
    return (
        SafetyPlan.objects.count(),
        SafetyPlanRevision.objects.count(),
        SafetyPlanReview.objects.count(),
        AuditEntry.objects.exclude(action="view").count(),
    )


# --- Services ------------------------------------------------------------------------------------------------------


def test_create_plan_writes_version_1_and_its_audit_entry(a_case, mia, allocated_worker):
    plan = make_plan(a_case, mia, allocated_worker)
    plan.refresh_from_db()
    assert plan.version == 1 and plan.current.number == 1
    assert plan.current.safe_place == "Nana Jean's house on the next street"
    assert plan.made_on == timezone.localdate() and plan.last_reviewed_on is None
    assert plan.phase == "safety_work"
    entry = AuditEntry.objects.get(action="create", object_type="safety_plan")
    assert entry.object_id == str(plan.pk) and entry.case_id == a_case.pk
    assert "safe_place" in entry.changed_fields
    # The log names fields, never what they hold.
    assert "Nana" not in str(entry.changed_fields)


@pytest.mark.parametrize("who", ["darren", "other_case_child"])
def test_plans_are_only_for_children_and_the_non_abusing_parent_of_this_case(
    request, a_case, allocated_worker, team, who
):
    if who == "darren":
        person = a_case.people.get(first_name="Darren")
    else:
        other = case_services.open_case(by=allocated_worker, team=team, allocated_worker=allocated_worker)
        person = Person.objects.create(case=other, role_in_case="child", first_name="Ava")
    before = counts()
    with pytest.raises(services.SafetyActionRefused):
        services.create_plan(a_case, person, content(), by=allocated_worker)
    assert counts() == before


def test_one_plan_per_person(a_case, mia, allocated_worker):
    make_plan(a_case, mia, allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="already has a safety plan"):
        make_plan(a_case, mia, allocated_worker)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"safe_place": "  "}, "Enter a safe place to go"),
        ({"trusted_person": ""}, "Enter a trusted person to talk to"),
        ({"help_methods": [], "summon_help": ""}, "at least one safe way to summon help"),
        ({"help_methods": ["carrier_pigeon"]}, "from the list"),
    ],
)
def test_a_plan_needs_a_place_a_person_and_a_way_to_summon_help(a_case, mia, allocated_worker, overrides, message):
    with pytest.raises(services.SafetyActionRefused, match=message):
        services.create_plan(a_case, mia, content(**overrides), by=allocated_worker)
    assert SafetyPlan.objects.count() == 0


def test_update_writes_a_new_version_and_keeps_every_earlier_one(a_case, mia, allocated_worker):
    plan = make_plan(a_case, mia, allocated_worker)
    changed = services.update_plan(
        plan, content(trusted_person="Mrs Okafor at school"), change_summary="Nana is in hospital", by=allocated_worker
    )
    assert changed == ["trusted_person", "childs_understanding"]
    first, second = SafetyPlanRevision.objects.filter(plan=plan).order_by("number")
    assert (first.number, first.trusted_person) == (1, "Nana Jean")
    assert (second.number, second.trusted_person, second.change_summary) == (
        2,
        "Mrs Okafor at school",
        "Nana is in hospital",
    )
    plan.refresh_from_db()
    assert plan.version == 2 and plan.current_id == second.pk
    assert AuditEntry.objects.filter(action="update", object_type="safety_plan").count() == 1


def test_saving_the_same_content_writes_nothing(a_case, mia, allocated_worker):
    plan = make_plan(a_case, mia, allocated_worker)
    same = content(childs_understanding=plan.current.childs_understanding)
    before = counts()
    assert services.update_plan(plan, same, change_summary="No change", by=allocated_worker) == []
    assert counts() == before


def test_changing_phase_needs_a_reason_which_is_kept(a_case, rachel, allocated_worker):
    plan = make_plan(a_case, rachel, allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="Say why the plan is moving to recovery work"):
        services.update_plan(plan, content(phase="recovery_work"), change_summary="Safer", by=allocated_worker)
    with time_machine.travel(timezone.now() + dt.timedelta(days=3)):
        services.update_plan(
            plan,
            content(phase="recovery_work", phase_change_reason="Non-molestation order granted"),
            change_summary="Moved to recovery work",
            by=allocated_worker,
        )
    plan.refresh_from_db()
    assert plan.phase == "recovery_work"
    assert plan.phase_since == timezone.localdate() + dt.timedelta(days=3)
    assert plan.current.phase_change_reason == "Non-molestation order granted"
    assert SafetyPlanRevision.objects.get(plan=plan, number=1).phase == "safety_work"


def test_the_database_refuses_to_change_a_revision(a_case, mia, allocated_worker):
    plan = make_plan(a_case, mia, allocated_worker)
    with pytest.raises(IntegrityError), transaction.atomic():
        SafetyPlanRevision.objects.filter(plan=plan).update(safe_place="Somewhere else")
    revision = SafetyPlanRevision.objects.get(plan=plan)
    assert revision.safe_place == "Nana Jean's house on the next street"
    with pytest.raises(ValueError, match="never changed"):
        revision.save()


def test_a_review_moves_the_last_review_date_and_an_older_one_does_not(a_case, mia, allocated_worker):
    plan = make_plan(a_case, mia, allocated_worker)
    today = timezone.localdate()
    services.record_review(
        plan, reviewed_on=today, reviewed_with="Mia", how="school", outcome="still_right", by=allocated_worker
    )
    plan.refresh_from_db()
    assert plan.last_reviewed_on == today
    review = SafetyPlanReview.objects.get()
    assert (review.reviewed_by, review.revision_number, review.how) == (allocated_worker, 1, "school")
    assert AuditEntry.objects.filter(action="create", object_type="safety_plan_review").exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reviewed_on": "tomorrow"}, "today or in the past"),
        ({"reviewed_on": "before"}, "on or after the day the plan was made"),
        ({"outcome": "changed"}, "Say what has changed"),
        ({"reviewed_with": " "}, "who the plan was reviewed with"),
    ],
)
def test_review_rules(a_case, mia, allocated_worker, kwargs, message):
    plan = make_plan(a_case, mia, allocated_worker)
    today = timezone.localdate()
    values = {"reviewed_on": today, "reviewed_with": "Mia", "how": "phone", "outcome": "still_right"}
    values.update(kwargs)
    values["reviewed_on"] = {"tomorrow": today + dt.timedelta(days=1), "before": today - dt.timedelta(days=1)}.get(
        values["reviewed_on"], values["reviewed_on"]
    )
    with pytest.raises(services.SafetyActionRefused, match=message):
        services.record_review(plan, by=allocated_worker, **values)
    assert SafetyPlanReview.objects.count() == 0


# --- Pages ---------------------------------------------------------------------------------------------------------


def add_url(case, person) -> str:
    return reverse("safety:add_plan", args=[case.pk, person.pk])


def test_add_a_plan_for_a_child(client_for, allocated_worker, a_case, mia):
    client = client_for(allocated_worker)
    page = client.get(add_url(a_case, mia)).content.decode()
    assert "Add a safety plan for Mia Fernhill" in page
    assert "What Mia understands of the plan, in their own words" in page
    assert "data-language-check" in page
    response = client.post(add_url(a_case, mia), plan_post())
    assert response.status_code == 302
    assert response["Location"] == reverse("safety:case_safety", args=[a_case.pk]) + f"#plan-{mia.pk}"
    plan = SafetyPlan.objects.get(person=mia)
    assert plan.current.help_methods == ["call_999"]
    assert plan.current.childs_understanding.startswith("Mia says")
    page = client.get(response["Location"]).content.decode()
    assert "The neighbour at number 12" in page
    assert f"Not reviewed since it was made on {timezone.localdate().day}" in page


def test_the_non_abusing_parent_has_no_childs_understanding_box(client_for, allocated_worker, a_case, rachel):
    client = client_for(allocated_worker)
    page = client.get(add_url(a_case, rachel)).content.decode()
    assert "understands of the plan" not in page
    assert client.post(add_url(a_case, rachel), plan_post()).status_code == 302
    assert SafetyPlan.objects.get(person=rachel).current.childs_understanding == ""


def test_no_plan_for_the_parent_using_abuse(client_for, allocated_worker, a_case, darren):
    assert client_for(allocated_worker).get(add_url(a_case, darren)).status_code == 404


def test_adding_again_goes_to_the_existing_plan(client_for, allocated_worker, a_case, mia):
    plan = make_plan(a_case, mia, allocated_worker)
    response = client_for(allocated_worker).get(add_url(a_case, mia))
    assert response["Location"] == reverse("safety:plan", args=[a_case.pk, plan.pk])


BAD_PLAN_INPUT = [
    (
        {"help_methods": [], "summon_help": ""},
        "Choose or describe at least one safe way to summon help",
        "help_methods",
    ),
    ({"safe_place": ""}, "Enter a safe place to go", "safe_place"),
    ({"trusted_person": ""}, "Enter a trusted person to talk to", "trusted_person"),
    ({"safe_place": "x" * 1001}, "A safe place to go must be 1000 characters or fewer", "safe_place"),
    ({"other_steps": "y" * 2001}, "Other steps must be 2000 characters or fewer", "other_steps"),
    ({"summon_help": "call\x00 999"}, "How they will summon help must not contain hidden control characters", ""),
    ({"help_methods": ["carrier_pigeon"]}, "Select from the list", "help_methods"),
    ({"phase": "party"}, "Select whether this is safety work or recovery work", "phase"),
]


@pytest.mark.parametrize(("overrides", "message", "anchor"), BAD_PLAN_INPUT)
def test_bad_input_is_refused_in_plain_words_and_nothing_typed_is_lost(
    client_for, allocated_worker, a_case, mia, overrides, message, anchor
):
    before = counts()
    data = plan_post(trusted_person_contact="Ask for <b>Mrs Okafor</b> & wave", **overrides)
    response = client_for(allocated_worker).post(add_url(a_case, mia), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "<title>Error: " in page
    assert html.escape(message, quote=False) in page or message in html.unescape(page)
    if anchor:
        assert f'href="#id_{anchor}"' in page
    assert "Ask for &lt;b&gt;Mrs Okafor&lt;/b&gt; &amp; wave" in page
    assert "<b>Mrs Okafor</b>" not in page
    assert "Mia says: I go to number 12" in page
    assert counts() == before


def test_script_is_stored_as_typed_and_shown_escaped(client_for, allocated_worker, a_case, mia):
    client = client_for(allocated_worker)
    script = '<script>alert("x")</script>'
    client.post(add_url(a_case, mia), plan_post(safe_place=script))
    assert SafetyPlan.objects.get(person=mia).current.safe_place == script
    for url in [
        reverse("safety:case_safety", args=[a_case.pk]),
        reverse("safety:plan", args=[a_case.pk, SafetyPlan.objects.get().pk]),
    ]:
        page = client.get(url).content.decode()
        assert script not in page
        assert "&lt;script&gt;alert(" in page


def test_change_a_plan_and_read_the_earlier_version(client_for, allocated_worker, a_case, mia):
    plan = make_plan(a_case, mia, allocated_worker)
    client = client_for(allocated_worker)
    edit = reverse("safety:edit_plan", args=[a_case.pk, plan.pk])
    page = client.get(edit).content.decode()
    assert "Nana Jean&#39;s house" in page or "Nana Jean's house" in html.unescape(page)
    response = client.post(
        edit,
        plan_post(
            safe_place="The school office",
            change_summary="Nana has moved away",
            childs_understanding=plan.current.childs_understanding,
        ),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2 and plan.current.safe_place == "The school office"
    detail = client.get(reverse("safety:plan", args=[a_case.pk, plan.pk])).content.decode()
    assert "Version 2" in detail and "Version 1" in detail and "Nana has moved away" in detail
    old = client.get(reverse("safety:plan_version", args=[a_case.pk, plan.pk, 1])).content.decode()
    assert "This is an earlier version" in old
    assert "Nana Jean" in html.unescape(old)
    assert client.get(reverse("safety:plan_version", args=[a_case.pk, plan.pk, 3])).status_code == 404


def test_change_needs_a_summary_and_a_reason_for_a_new_phase(client_for, allocated_worker, a_case, mia):
    plan = make_plan(a_case, mia, allocated_worker)
    response = client_for(allocated_worker).post(
        reverse("safety:edit_plan", args=[a_case.pk, plan.pk]), plan_post(phase="recovery_work")
    )
    page = html.unescape(response.content.decode())
    assert "Say what changed in the plan, and why" in page
    assert "Say why the plan is moving to recovery work" in page
    assert SafetyPlan.objects.get().version == 1


def test_record_a_review_at_a_contact(client_for, allocated_worker, a_case, mia):
    plan = make_plan(a_case, mia, allocated_worker)
    client = client_for(allocated_worker)
    url = reverse("safety:review_plan", args=[a_case.pk, plan.pk])
    page = client.get(url).content.decode()
    assert "Nana Jean" in html.unescape(page)
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "reviewed_with": "Mia and her mum",
            "how": "home_visit",
            "outcome": "still_right",
            **date_parts("reviewed_on", today),
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.last_reviewed_on == today
    safety = client.get(response["Location"]).content.decode()
    assert f"Last reviewed {today.day} {today:%B %Y}" in safety
    detail = client.get(reverse("safety:plan", args=[a_case.pk, plan.pk])).content.decode()
    assert "Mia and her mum" in detail and "Home visit" in detail


def test_a_review_that_changes_the_plan_leads_to_changing_it(client_for, allocated_worker, a_case, mia):
    plan = make_plan(a_case, mia, allocated_worker)
    url = reverse("safety:review_plan", args=[a_case.pk, plan.pk])
    client = client_for(allocated_worker)
    data = {
        "reviewed_with": "Mia",
        "how": "school",
        "outcome": "changed",
        **date_parts("reviewed_on", timezone.localdate()),
    }
    page = html.unescape(client.post(url, data).content.decode())
    assert "Say what has changed" in page
    response = client.post(url, {**data, "what_changed": "Nana is in hospital"})
    assert response["Location"] == reverse("safety:edit_plan", args=[a_case.pk, plan.pk])
    assert SafetyPlanReview.objects.get().what_changed == "Nana is in hospital"


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (dt.date(2030, 1, 1), "The date of the review must be today or in the past"),
        (dt.date(2020, 1, 1), "The date of the review must be on or after the day the plan was made"),
    ],
)
def test_review_dates(client_for, allocated_worker, a_case, mia, day, message):
    plan = make_plan(a_case, mia, allocated_worker)
    response = client_for(allocated_worker).post(
        reverse("safety:review_plan", args=[a_case.pk, plan.pk]),
        {"reviewed_with": "Mia", "how": "school", "outcome": "still_right", **date_parts("reviewed_on", day)},
    )
    assert message in response.content.decode()
    assert SafetyPlanReview.objects.count() == 0


@pytest.mark.parametrize(("days_later", "warned"), [(14, False), (15, True)])
def test_overdue_review_warning_at_its_boundary(client_for, allocated_worker, a_case, mia, days_later, warned):
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        plan = make_plan(a_case, mia, allocated_worker)
    with time_machine.travel(dt.datetime(2026, 11, 2 + days_later, 10, 0, tzinfo=dt.UTC), tick=False):
        client = client_for(allocated_worker)
        pages = [
            client.get(reverse("safety:case_safety", args=[a_case.pk])).content.decode(),
            client.get(reverse("safety:plan", args=[a_case.pk, plan.pk])).content.decode(),
            client.get(reverse("safety:review_plan", args=[a_case.pk, plan.pk])).content.decode(),
        ]
    for page in pages:
        assert "Not reviewed since it was made on 2 November 2026" in page
        assert (f"has not been reviewed for {days_later} days (more than 14)" in page) is warned


def test_recovery_work_is_not_warned_at_15_days(client_for, allocated_worker, a_case, mia):
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC), tick=False):
        make_plan(a_case, mia, allocated_worker, phase="recovery_work")
    with time_machine.travel(dt.datetime(2026, 11, 17, 10, 0, tzinfo=dt.UTC), tick=False):
        page = client_for(allocated_worker).get(reverse("safety:case_safety", args=[a_case.pk])).content.decode()
    assert "has not been reviewed for" not in page


@pytest.mark.parametrize(
    ("years", "birthday_passed", "label"),
    [
        (5, False, "under 5"),
        (5, True, "5 to 10"),
        (11, False, "5 to 10"),
        (11, True, "11 to 15"),
        (16, False, "11 to 15"),
        (16, True, "16 to 17"),
    ],
)
def test_prompts_for_the_childs_age_at_each_boundary(
    client_for, allocated_worker, a_case, years, birthday_passed, label
):
    born = TODAY.replace(year=TODAY.year - years) + (dt.timedelta(days=0) if birthday_passed else dt.timedelta(days=1))
    child = Person.objects.create(case=a_case, role_in_case="child", first_name="Zoe", date_of_birth=born)
    with time_machine.travel(dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC), tick=False):
        page = client_for(allocated_worker).get(add_url(a_case, child)).content.decode()
    assert f"Writing for a child aged {label}" in page


def test_prompts_when_the_age_is_not_known(client_for, allocated_worker, a_case):
    child = Person.objects.create(case=a_case, role_in_case="child", first_name="Zoe")
    page = client_for(allocated_worker).get(add_url(a_case, child)).content.decode()
    assert "Writing for a child aged (age not known)" in page
    assert "Record the child" in html.unescape(page)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=1100))
def test_any_text_is_stored_as_typed_or_refused_in_plain_words(client_for, allocated_worker, a_case, text):
    """Whatever is typed (any script, control characters, emoji, markup, over-long): a page, never a 500; saved
    exactly, or refused with a message and kept in the box."""
    child = Person.objects.create(case=a_case, role_in_case="child", first_name="Ava", age_in_years=8)
    try:
        response = client_for(allocated_worker).post(add_url(a_case, child), plan_post(other_steps=text))
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert SafetyPlan.objects.get(person=child).current.other_steps == text.strip()
        else:
            page = response.content.decode()
            assert "There is a problem" in page
            assert SafetyPlan.objects.filter(person=child).count() == 0
    finally:
        SafetyPlan.objects.filter(person=child).update(current=None)
        child.delete()


def test_a_case_with_plans_and_contacts_can_still_be_deleted_under_retention(a_case, mia, darren, allocated_worker):
    from childsafe.safety.tests.conftest import make_contact

    plan = make_plan(a_case, mia, allocated_worker)
    services.update_plan(plan, content(safe_place="School"), change_summary="Moved", by=allocated_worker)
    make_contact(a_case, darren, allocated_worker, status="followed_up")
    a_case.delete()
    assert SafetyPlan.objects.count() == 0 and SafetyPlanRevision.objects.count() == 0
