"""Contact with the parent using abuse: every transition of its state machine, valid and refused; the safety check
that must be complete before it goes ahead; the follow-up tracked until done; and the pages for each step."""

from __future__ import annotations

import datetime as dt
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from childsafe.audit.models import AuditEntry
from childsafe.cases import services as case_services
from childsafe.cases.models import Address
from childsafe.safety import services
from childsafe.safety.checks import missing_answers
from childsafe.safety.models import ContactFollowUp, ContactSafetyCheck, PlannedContact
from childsafe.safety.queries import attention_for_worker
from childsafe.safety.tests.conftest import COMPLETE_CHECK, contact_plan, date_parts, flag, make_contact, make_plan

STATES = ["planned", "checked", "happened", "did_not_happen", "followed_up"]
FOLLOW_UP = services.FollowUpAnswers(
    followed_up_on=dt.date.today(),
    spoke_with="support_worker",
    support_worker="Pat Partner, NBDAS",
    safety_changed="no",
    retaliation="no",
)


def follow_up_answers(**overrides) -> services.FollowUpAnswers:
    values = {
        "followed_up_on": timezone.localdate(),
        "spoke_with": "support_worker",
        "support_worker": "Pat Partner, NBDAS",
        "safety_changed": "no",
        "retaliation": "no",
        "notes": "",
    }
    values.update(overrides)
    return services.FollowUpAnswers(**values)


def transition(name: str, contact: PlannedContact, by) -> None:
    today = timezone.localdate()
    if name == "complete_check":
        services.complete_safety_check(contact, by=by)
    elif name == "happened":
        services.record_outcome(contact, took_place=True, outcome_on=today, notes="He attended", by=by)
    elif name == "did_not_happen":
        services.record_outcome(contact, took_place=False, outcome_on=today, notes="He did not come", by=by)
    elif name == "follow_up":
        services.record_follow_up(contact, follow_up_answers(), by=by)
    elif name == "save_check":
        services.save_safety_check(contact, dict(COMPLETE_CHECK), by=by)
    elif name == "change_plan":
        services.update_contact(contact, contact_plan(venue_detail="Civic Centre room 3"), by=by)


VALID = {
    ("planned", "complete_check"): "checked",
    ("planned", "did_not_happen"): "did_not_happen",
    ("planned", "save_check"): "planned",
    ("planned", "change_plan"): "planned",
    ("checked", "happened"): "happened",
    ("checked", "did_not_happen"): "did_not_happen",
    ("happened", "follow_up"): "followed_up",
    ("did_not_happen", "follow_up"): "followed_up",
}
ACTIONS = ["complete_check", "happened", "did_not_happen", "follow_up", "save_check", "change_plan"]


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_transition_from_every_state(a_case, darren, allocated_worker, state, action):
    contact = make_contact(a_case, darren, allocated_worker, status=state)
    if state == "planned" and action == "complete_check":
        services.save_safety_check(contact, dict(COMPLETE_CHECK), by=allocated_worker)
    before = AuditEntry.objects.count()
    expected = VALID.get((state, action))
    if expected is None:
        with pytest.raises(services.SafetyActionRefused) as refused:
            transition(action, contact, allocated_worker)
        assert str(refused.value)[0].isupper()  # a sentence for a person, not a code
        contact.refresh_from_db()
        assert contact.status == state
        assert AuditEntry.objects.count() == before
    else:
        transition(action, contact, allocated_worker)
        contact.refresh_from_db()
        assert contact.status == expected
        assert AuditEntry.objects.count() > before


def test_a_contact_without_a_check_cannot_be_recorded_as_happening(a_case, darren, allocated_worker):
    contact = make_contact(a_case, darren, allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="Complete the safety check first"):
        services.record_outcome(
            contact, took_place=True, outcome_on=timezone.localdate(), notes="Met", by=allocated_worker
        )


def test_the_check_cannot_be_completed_with_no_answers(a_case, darren, allocated_worker):
    contact = make_contact(a_case, darren, allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="The safety check is not complete"):
        services.complete_safety_check(contact, by=allocated_worker)


REQUIRED_ANSWERS = [
    ("risk_information_read", ""),
    ("risk_information_read", "no"),
    ("risk_to_her", ""),
    ("risk_to_children", " "),
    ("recent_changes", ""),
    ("could_increase_risk", ""),
    ("risk_management", ""),
    ("perspective_gathered", ""),
    ("perspective_via", ""),
    ("her_view_on_safety", ""),
    ("her_view_on_risk", ""),
    ("childrens_perspective", ""),
    ("must_not_disclose", []),
    ("everyone_briefed", ""),
    ("everyone_briefed", "no"),
    ("worker_arrangements", ["pairs", "office"]),
]


@pytest.mark.parametrize(("name", "value"), REQUIRED_ANSWERS)
def test_a_contact_cannot_be_marked_ready_without_each_answer(a_case, darren, allocated_worker, name, value):
    contact = make_contact(a_case, darren, allocated_worker)
    services.save_safety_check(contact, {**COMPLETE_CHECK, name: value}, by=allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="The safety check is not complete"):
        services.complete_safety_check(contact, by=allocated_worker)
    contact.refresh_from_db()
    assert contact.status == "planned"
    assert name in missing_answers({**COMPLETE_CHECK, name: value})


def test_not_safe_to_ask_her_is_an_answer_with_a_reason():
    answers = {**COMPLETE_CHECK, "perspective_gathered": "not_safe", "her_view_on_safety": "", "her_view_on_risk": ""}
    assert missing_answers(answers) == {"not_safe_to_ask_reason": "Say why it was not safe to ask her"}
    assert missing_answers({**answers, "not_safe_to_ask_reason": "He checks her phone"}) == {}


def test_other_things_not_to_disclose_must_be_described():
    answers = {**COMPLETE_CHECK, "must_not_disclose": ["other"]}
    assert "must_not_disclose_other" in missing_answers(answers)
    assert missing_answers({**answers, "must_not_disclose_other": "Her new surname"}) == {}


def test_a_flag_requiring_pairs_and_a_manager_is_enforced(a_case, darren, allocated_worker):
    flag(a_case, darren, allocated_worker, kind="risk_of_violence", manager_must_agree=True)
    contact = make_contact(a_case, darren, allocated_worker)
    answers = {**COMPLETE_CHECK, "worker_arrangements": ["office", "whereabouts"]}
    services.save_safety_check(contact, answers, by=allocated_worker)
    with pytest.raises(services.SafetyActionRefused) as refused:
        services.complete_safety_check(contact, by=allocated_worker)
    message = str(refused.value)
    assert "two workers must be there" in message and "a manager must agree" in message
    services.save_safety_check(
        contact,
        {
            **answers,
            "worker_arrangements": ["pairs", "whereabouts"],
            "manager_consulted": "Tom Manager",
            "manager_advice": "Go ahead with two workers",
        },
        by=allocated_worker,
    )
    services.complete_safety_check(contact, by=allocated_worker)
    contact.refresh_from_db()
    assert (contact.status, contact.checked_by) == ("checked", allocated_worker)


def test_the_family_home_is_refused_while_a_flag_rules_it_out(a_case, darren, allocated_worker):
    with pytest.raises(services.SafetyActionRefused, match="Meet at an office, not the family home"):
        flag(a_case, darren, allocated_worker, kind="dog")
        services.plan_contact(a_case, darren, contact_plan(venue="family_home"), by=allocated_worker)


def test_interpreter_needed_does_not_rule_out_the_family_home(a_case, darren, allocated_worker):
    flag(a_case, darren, allocated_worker, kind="interpreter")
    contact = services.plan_contact(a_case, darren, contact_plan(venue="family_home"), by=allocated_worker)
    assert contact.venue == "family_home"


def test_a_flag_raised_after_planning_stops_a_home_visit_going_ahead(a_case, darren, allocated_worker):
    contact = services.plan_contact(a_case, darren, contact_plan(venue="family_home"), by=allocated_worker)
    services.save_safety_check(contact, dict(COMPLETE_CHECK), by=allocated_worker)
    flag(a_case, darren, allocated_worker, kind="do_not_visit_alone")
    with pytest.raises(services.SafetyActionRefused, match="not the family home"):
        services.complete_safety_check(contact, by=allocated_worker)


@pytest.mark.parametrize("who", ["mia", "rachel"])
def test_contact_is_planned_only_with_the_parent_using_abuse(request, a_case, allocated_worker, who):
    person = request.getfixturevalue(who)
    with pytest.raises(services.SafetyActionRefused, match="parent using abuse"):
        services.plan_contact(a_case, person, contact_plan(), by=allocated_worker)


def test_a_past_date_is_refused(a_case, darren, allocated_worker):
    with pytest.raises(services.SafetyActionRefused, match="today or in the future"):
        services.plan_contact(a_case, darren, contact_plan(planned_for=dt.date(2020, 1, 1)), by=allocated_worker)


def test_follow_up_rules(a_case, darren, allocated_worker):
    contact = make_contact(a_case, darren, allocated_worker, status="happened")
    with pytest.raises(services.SafetyActionRefused, match="support worker’s name"):
        services.record_follow_up(contact, follow_up_answers(support_worker=""), by=allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="Say what happened"):
        services.record_follow_up(contact, follow_up_answers(retaliation="yes"), by=allocated_worker)
    with pytest.raises(services.SafetyActionRefused, match="today or in the past"):
        services.record_follow_up(
            contact, follow_up_answers(followed_up_on=timezone.localdate() + dt.timedelta(days=1)), by=allocated_worker
        )
    assert ContactFollowUp.objects.count() == 0


def test_the_follow_up_is_tracked_until_done(a_case, darren, allocated_worker, colleague):
    contact = make_contact(a_case, darren, allocated_worker, status="happened")
    attention = attention_for_worker(allocated_worker)
    assert [item.contact_id for item in attention] == [contact.pk]
    item = attention[0]
    assert item.case_reference == a_case.reference
    assert item.due == contact.follow_up_due and not item.is_overdue
    assert item.url == reverse("safety:follow_up", args=[a_case.pk, contact.pk])
    assert attention_for_worker(colleague) == []  # only the user's own cases
    services.record_follow_up(contact, follow_up_answers(), by=allocated_worker)
    assert attention_for_worker(allocated_worker) == []


def test_a_closed_case_drops_out_of_attention(a_case, darren, allocated_worker):
    make_contact(a_case, darren, allocated_worker, status="did_not_happen")
    assert len(attention_for_worker(allocated_worker)) == 1
    case_services.close_case(a_case, by=allocated_worker, outcome="safer")
    assert attention_for_worker(allocated_worker) == []


def test_attention_is_one_query(django_assert_num_queries, a_case, darren, allocated_worker, team_manager):
    for _ in range(3):
        make_contact(a_case, darren, allocated_worker, status="happened")
    # The user's organisation is loaded once per request in practice (by sign-in), so it is loaded before counting.
    allocated_worker.organisation  # noqa: B018
    with django_assert_num_queries(1):
        assert len(attention_for_worker(allocated_worker)) == 3


@pytest.mark.parametrize(("days_after_due", "overdue"), [(0, False), (1, True)])
def test_overdue_boundary(a_case, darren, allocated_worker, days_after_due, overdue):
    with time_machine.travel(dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC), tick=False):  # a Friday
        contact = make_contact(a_case, darren, allocated_worker, status="happened")
    assert contact.follow_up_due == dt.date(2026, 12, 1)  # the Tuesday after
    now = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC) + dt.timedelta(days=days_after_due)
    with time_machine.travel(now, tick=False):
        [item] = attention_for_worker(allocated_worker)
        assert item.is_overdue is overdue


# --- Pages ---------------------------------------------------------------------------------------------------------


def url(name, case, contact=None) -> str:
    return reverse(f"safety:{name}", args=[case.pk] + ([contact.pk] if contact else []))


def contact_post(who, **overrides) -> dict[str, str]:
    day = timezone.localdate() + dt.timedelta(days=2)
    data = {
        "person": str(who.pk),
        **date_parts("planned_for", day),
        "meeting_workers": "Aisha Worker and Tom Manager",
        "venue": "our_office",
        "venue_detail": "Civic Centre room 2",
        "purpose": "Discuss the child protection plan",
    }
    data.update(overrides)
    return data


def test_plan_a_contact_page_shows_the_flag_and_saves(client_for, allocated_worker, a_case, darren):
    flag(a_case, darren, allocated_worker, details="Shouted at a worker at the door")
    client = client_for(allocated_worker)
    page = client.get(url("plan_contact", a_case)).content.decode()
    assert "Worker safety: Darren Cole: do not visit alone" in page
    assert "Shouted at a worker at the door" in page
    response = client.post(url("plan_contact", a_case), contact_post(darren))
    contact = PlannedContact.objects.get()
    assert response["Location"] == url("contact", a_case, contact)
    assert contact.status == "planned"
    detail = client.get(response["Location"]).content.decode()
    assert "Safety check needed" in detail and "Answer the safety check" in detail


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (date_parts("planned_for", dt.date(2020, 5, 1)), "The date of the contact must be today or in the future"),
        ({"venue": "family_home"}, "Meet at an office, not the family home: there is a worker safety flag on Darren"),
        ({"purpose": "p" * 2001}, "Purpose of the contact must be 2000 characters or fewer"),
        ({"meeting_workers": ""}, "Enter who will meet them"),
        ({"person": "not-a-person"}, "Select who the contact is with"),
    ],
)
def test_contact_form_bad_input(client_for, allocated_worker, a_case, darren, overrides, message):
    flag(a_case, darren, allocated_worker)
    response = client_for(allocated_worker).post(
        url("plan_contact", a_case), contact_post(darren, purpose_extra="", **overrides)
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and "There is a problem" in page
    assert message in page
    assert PlannedContact.objects.count() == 0


def check_post(**overrides) -> dict:
    data = {key: value for key, value in COMPLETE_CHECK.items() if value not in ("", [])}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_check_page_pre_fills_what_must_not_be_disclosed_by_kind(client_for, allocated_worker, a_case, darren, mia):
    address = Address(case=a_case, kind="refuge", line_1="CANARY 1 Secret Road", is_confidential_location=True)
    case_services.save_record(address, by=allocated_worker, request=None, changed=[], creating=True)
    mia.school_or_setting = "CANARY Hollin Lane Primary"
    mia.save()
    make_plan(a_case, mia, allocated_worker)
    contact = make_contact(a_case, darren, allocated_worker)
    page = client_for(allocated_worker).get(url("contact_check", a_case, contact)).content.decode()
    assert "A confidential location is recorded for this household (refuge)." in page
    assert "A school or nursery is recorded for Mia." in page
    assert "Safety plans are in place for Mia." in page
    assert "CANARY" not in page  # kinds, never content
    for code in ["her_address", "school", "safety_plans", "what_she_said", "what_children_said"]:
        assert f'value="{code}" checked' in page, code


def test_save_a_draft_then_complete_the_check(client_for, allocated_worker, a_case, darren):
    contact = make_contact(a_case, darren, allocated_worker)
    client = client_for(allocated_worker)
    response = client.post(url("contact_check", a_case, contact), {"save": "1", "risk_to_her": "High"})
    assert response.status_code == 302
    assert ContactSafetyCheck.objects.get().risk_to_her == "High"
    contact.refresh_from_db()
    assert contact.status == "planned"
    detail = client.get(url("contact", a_case, contact)).content.decode()
    assert "Not complete. Still to answer" in detail
    # Completing with gaps: each gap has its message by the question, and nothing is marked ready.
    response = client.post(url("contact_check", a_case, contact), {"complete": "1", "risk_to_her": "High"})
    page = html.unescape(response.content.decode())
    assert "Say whether you have read the latest risk information" in page
    assert 'href="#id_childrens_perspective"' in page
    contact.refresh_from_db()
    assert contact.status == "planned"
    response = client.post(url("contact_check", a_case, contact), {"complete": "1", **check_post()})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "checked"
    detail = html.unescape(client.get(url("contact", a_case, contact)).content.decode())
    assert "Ready: safety check done" in detail
    assert "The children's school or nursery" in detail
    # The check is locked now.
    assert client.get(url("contact_check", a_case, contact)).status_code == 409


def test_record_what_happened_then_follow_up(client_for, allocated_worker, a_case, darren):
    contact = make_contact(a_case, darren, allocated_worker, status="checked")
    client = client_for(allocated_worker)
    today = timezone.localdate()
    response = client.post(
        url("record_outcome", a_case, contact),
        {"took_place": "yes", **date_parts("outcome_on", today), "notes": "He attended and minimised the assault"},
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "happened" and contact.follow_up_due > today
    response = client.post(
        url("follow_up", a_case, contact),
        {
            **date_parts("followed_up_on", today),
            "spoke_with": "support_worker",
            "support_worker": "",
            "safety_changed": "yes",
            "retaliation": "no",
        },
    )
    page = html.unescape(response.content.decode())
    assert "Enter the support worker’s name and organisation" in page
    assert "Say what happened and what is being done about it" in page
    response = client.post(
        url("follow_up", a_case, contact),
        {
            **date_parts("followed_up_on", today),
            "spoke_with": "her",
            "safety_changed": "yes",
            "retaliation": "no",
            "notes": "She has had more messages from him since; safety plan reviewed",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "followed_up"
    assert client.get(url("follow_up", a_case, contact)).status_code == 409


def test_outcome_page_refuses_happened_without_a_check(client_for, allocated_worker, a_case, darren):
    contact = make_contact(a_case, darren, allocated_worker)
    response = client_for(allocated_worker).post(
        url("record_outcome", a_case, contact),
        {"took_place": "yes", **date_parts("outcome_on", timezone.localdate()), "notes": "Met"},
    )
    assert "Complete the safety check first" in response.content.decode()
    contact.refresh_from_db()
    assert contact.status == "planned"


def test_outcome_date_in_the_future_is_refused(client_for, allocated_worker, a_case, darren):
    contact = make_contact(a_case, darren, allocated_worker, status="checked")
    response = client_for(allocated_worker).post(
        url("record_outcome", a_case, contact),
        {"took_place": "no", **date_parts("outcome_on", timezone.localdate() + dt.timedelta(days=5)), "notes": "x"},
    )
    assert "The date must be today or in the past" in response.content.decode()


@pytest.mark.parametrize(
    ("state", "name"),
    [
        ("checked", "edit_contact"),
        ("happened", "record_outcome"),
        ("checked", "follow_up"),
        ("followed_up", "contact_check"),
    ],
)
def test_steps_the_state_does_not_allow_show_a_plain_page(client_for, allocated_worker, a_case, darren, state, name):
    contact = make_contact(a_case, darren, allocated_worker, status=state)
    response = client_for(allocated_worker).get(url(name, a_case, contact))
    assert response.status_code == 409
    assert "This cannot be done now" in response.content.decode()


def test_follow_up_overdue_is_shown_on_the_contact_and_safety_pages(client_for, allocated_worker, a_case, darren):
    with time_machine.travel(dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC), tick=False):
        contact = make_contact(a_case, darren, allocated_worker, status="happened")
    with time_machine.travel(dt.datetime(2026, 12, 2, 12, 0, tzinfo=dt.UTC), tick=False):
        client = client_for(allocated_worker)
        detail = client.get(url("contact", a_case, contact)).content.decode()
        safety = client.get(reverse("safety:case_safety", args=[a_case.pk])).content.decode()
    assert "was due by 1 December 2026 and is overdue" in detail
    assert "Follow-up overdue" in safety
