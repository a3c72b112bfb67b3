"""The plan editor through HTTP: forms keep what was typed, drafts are explained, findings show with their fixes,
two people editing at once are told, activation lists its reasons, progress, reviews, versions and prompts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from childsafe.plans import services
from childsafe.plans.models import Action, Plan, PromptAcknowledgement, Review
from childsafe.plans.tests.conftest import action_post, add_action, date_parts


def plan_url(plan) -> str:
    return reverse("plans:plan", args=[plan.case_id, plan.pk])


def url(name: str, plan, *more) -> str:
    return reverse(name, args=[plan.case_id, plan.pk, *more])


def text_of(response) -> str:
    return response.content.decode()


def based_on_in(response) -> str:
    return re.search(r'name="based_on" value="(\d+)"', text_of(response)).group(1)


def test_starting_a_plan_uses_the_usual_review_schedule(client_for, allocated_worker, a_case, mia):
    client = client_for(allocated_worker)
    response = client.post(
        reverse("plans:create_plan", args=[a_case.pk]),
        {
            "kind": "child_protection",
            "children": [str(mia.pk)],
            **date_parts("start_date", dt.date(2026, 10, 1)),
            **date_parts("first_review_on", None),
            "review_interval_months": "",
        },
    )
    plan = Plan.objects.get(case=a_case)
    assert response.status_code == 302 and response["Location"] == plan_url(plan)
    assert (plan.first_review_on, plan.review_interval_months) == (dt.date(2027, 1, 1), 6)
    assert list(plan.children.all()) == [mia]


def test_starting_a_plan_with_mistakes_says_what_to_fix_and_keeps_what_was_typed(client_for, allocated_worker, a_case):
    response = client_for(allocated_worker).post(
        reverse("plans:create_plan", args=[a_case.pk]),
        {
            "kind": "child_in_need",
            "start_date_day": "31",
            "start_date_month": "2",
            "start_date_year": "2026",
            "review_interval_months": "lots",
        },
    )
    page = text_of(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert "Select the children this plan covers" in page
    assert "The date the plan starts must be a real date" in page or "Date the plan starts must be a real date" in page
    assert "Enter the number of months between reviews, like 3" in page
    assert 'value="31"' in page and 'value="lots"' in page
    assert not Plan.objects.exists()


def test_an_action_with_no_owner_or_date_is_saved_as_a_draft_and_explained(client_for, allocated_worker, plan):
    client = client_for(allocated_worker)
    response = client.post(url("plans:add_action", plan), action_post(measure="Attendance reports"), follow=True)
    action = Action.objects.get(plan=plan)
    assert action.is_draft and action.measure == "Attendance reports"
    page = text_of(response)
    assert "Action 1 added as a draft" in page
    assert "This action has no one responsible for it: it is saved as a draft until you choose who" in page
    assert "This action has no date or frequency" in page
    assert "Draft" in page


def test_an_action_with_no_words_is_refused_and_keeps_everything_else(client_for, allocated_worker, plan, darren):
    response = client_for(allocated_worker).post(
        url("plans:add_action", plan),
        action_post(
            what="",
            owner=f"person:{darren.pk}",
            measure="Attendance reports",
            frequency_times="2",
            frequency_unit="week",
        ),
    )
    page = text_of(response)
    assert response.status_code == 200 and "Enter what will be done" in page
    assert "Attendance reports" in page and 'value="2"' in page
    assert f'value="person:{darren.pk}" checked' in page
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"due_on_day": "30", "due_on_month": "2", "due_on_year": "2027"}, "must be a real date"),
        ({"due_on_day": "1", "due_on_month": "2", "due_on_year": "2027", "frequency_unit": "week"}, "not both"),
        ({"frequency_times": "2", "frequency_unit": ""}, "Choose how often"),
        ({"frequency_times": "3", "frequency_unit": "session"}, "at every session"),
        ({"frequency_times": "none", "frequency_unit": "week"}, "as a number"),
        ({"owner": "person:00000000-0000-4000-8000-000000000000"}, "Select who is responsible from the list"),
        ({"for_whom": ""}, "Select who this action is for"),
        ({"what": "x" * 2001}, "2000 characters or fewer"),
        ({"what": "bad\x00text"}, "hidden control characters"),
    ],
)
def test_bad_action_input_gets_a_plain_message_and_nothing_is_saved(
    client_for, allocated_worker, plan, fields, message
):
    response = client_for(allocated_worker).post(url("plans:add_action", plan), action_post(**fields))
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Action.objects.exists()


def test_a_frequency_with_a_unit_alone_means_once(client_for, allocated_worker, plan, darren):
    client_for(allocated_worker).post(
        url("plans:add_action", plan),
        action_post(owner=f"person:{darren.pk}", frequency_times="", frequency_unit="fortnight"),
    )
    action = Action.objects.get()
    assert (action.frequency_times, action.frequency_unit, action.frequency_label) == (1, "fortnight", "Fortnightly")


def test_asking_the_mother_to_prevent_incidents_shows_the_warning_and_its_fix(
    client_for, allocated_worker, plan, rachel, darren, partner_org
):
    client = client_for(allocated_worker)
    response = client.post(
        url("plans:add_action", plan),
        action_post(
            what="Mother to prevent further incidents",
            owner=f"person:{rachel.pk}",
            for_whom="non_abusing_parent",
            frequency_unit="week",
            measure="None",
        ),
        follow=True,
    )
    page = text_of(response)
    action = Action.objects.get()
    assert "Action 1 asks Rachel to stop the abuse" in page
    assert "Stopping the abuse is the responsibility of the parent who chose to use abusive behaviours" in page
    assert "Suggested fix:" in page
    fix_url = url("plans:edit_action", plan, action.pk) + "?fix=0"
    assert fix_url in page
    assert f'href="#action-{action.pk}"' in page
    # The fix fills the form in; nothing changes until the worker saves.
    form = client.get(fix_url)
    form_page = text_of(form)
    assert "The suggested fix is filled in below" in form_page
    assert f'value="person:{darren.pk}" checked' in form_page
    assert "Darren to stop using abusive behaviours towards Rachel, Mia and Leo" in form_page
    assert Action.objects.get().what == "Mother to prevent further incidents"


def test_saving_the_fix_clears_the_blocking_finding(client_for, allocated_worker, plan, rachel, darren):
    client = client_for(allocated_worker)
    action = add_action(
        plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to prevent further incidents",
        for_whom="non_abusing_parent",
    )
    plan.refresh_from_db()
    form = client.get(url("plans:edit_action", plan, action.pk) + "?fix=0")
    data = action_post(
        owner=f"person:{darren.pk}",
        what="Darren to stop using abusive behaviours towards Rachel",
        frequency_times="1",
        frequency_unit="week",
        measure="Police and school reports",
        for_whom="parent_using_abuse",
    )
    response = client.post(
        url("plans:edit_action", plan, action.pk), {**data, "based_on": based_on_in(form)}, follow=True
    )
    page = text_of(response)
    assert "asks Rachel to stop the abuse" not in page
    assert Action.objects.get().owner_person_id == darren.pk


def test_two_people_editing_the_same_action_the_second_is_told_and_keeps_what_they_typed(
    client_for, allocated_worker, colleague, plan, darren
):
    action = add_action(plan, allocated_worker, owner_person=darren)
    first, second = client_for(allocated_worker), client_for(colleague)
    edit = url("plans:edit_action", plan, action.pk)
    first_form, second_form = first.get(edit), second.get(edit)
    common = {
        "owner": f"person:{darren.pk}",
        "frequency_times": "1",
        "frequency_unit": "week",
        "for_whom": "parent_using_abuse",
    }
    saved = first.post(edit, action_post(**common, what="First worker's words", based_on=based_on_in(first_form)))
    assert saved.status_code == 302

    clash = second.post(edit, action_post(**common, what="Second worker's words", based_on=based_on_in(second_form)))
    page = text_of(clash)
    assert clash.status_code == 409
    assert "Someone else changed this plan while you were editing" in page
    assert "Your changes have not been saved. What you typed is still below." in page
    assert "Second worker&#39;s words</textarea>" in page  # what they typed, in the box
    assert "First worker&#39;s words" in page  # what the other person changed
    assert Action.objects.get().what == "First worker's words"

    again = second.post(edit, action_post(**common, what="Second worker's words", based_on=based_on_in(clash)))
    assert again.status_code == 302
    assert Action.objects.get().what == "Second worker's words"


def test_editing_an_action_someone_removed_keeps_the_words_and_offers_to_save_them_anew(
    client_for, allocated_worker, colleague, plan, darren
):
    action = add_action(plan, allocated_worker, owner_person=darren)
    edit = url("plans:edit_action", plan, action.pk)
    form = client_for(colleague).get(edit)
    services.remove_action(plan, allocated_worker, action, based_on=None)
    response = client_for(colleague).post(edit, action_post(what="My careful words", based_on=based_on_in(form)))
    page = text_of(response)
    assert response.status_code == 409
    assert "Someone else removed this action while you were editing" in page
    assert "My careful words</textarea>" in page
    assert f'action="{url("plans:add_action", plan)}"' in page


def test_two_people_changing_the_plan_details(client_for, allocated_worker, colleague, plan, mia, leo):
    edit = url("plans:edit_plan", plan)
    first, second = client_for(allocated_worker), client_for(colleague)
    first_form, second_form = first.get(edit), second.get(edit)
    data = {
        "kind": "child_protection",
        "children": [str(mia.pk), str(leo.pk)],
        **date_parts("start_date", dt.date(2026, 10, 1)),
        **date_parts("first_review_on", None),
    }
    assert (
        first.post(edit, {**data, "review_interval_months": "4", "based_on": based_on_in(first_form)}).status_code
        == 302
    )
    clash = second.post(edit, {**data, "review_interval_months": "2", "based_on": based_on_in(second_form)})
    assert clash.status_code == 409 and 'value="2"' in text_of(clash)
    plan.refresh_from_db()
    assert plan.review_interval_months == 4


def test_activation_lists_what_to_fix_then_activates_once_fixed(client_for, allocated_worker, accountable_plan, rachel):
    plan = accountable_plan
    wrong = add_action(
        plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to keep him away from the children",
        for_whom="non_abusing_parent",
    )
    client = client_for(allocated_worker)
    activate = url("plans:activate_plan", plan)
    response = client.post(activate)
    page = text_of(response)
    assert response.status_code == 200
    assert "The plan cannot be made active yet" in page
    assert url("plans:edit_action", plan, wrong.pk) in page
    assert "Error: Make the plan active" in page
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT

    services.remove_action(plan, allocated_worker, wrong, based_on=None)
    assert "Make the plan active" in text_of(client.get(activate))
    response = client.post(activate, follow=True)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE
    assert "The plan is now active. The first review is due on 1 January 2027." in text_of(response)


def test_recording_progress_shows_as_the_latest_evidence(client_for, allocated_worker, accountable_plan):
    action = accountable_plan.actions.order_by("created_at").first()
    client = client_for(allocated_worker)
    response = client.post(
        url("plans:record_progress", accountable_plan, action.pk),
        {
            **date_parts("recorded_on", dt.date(2026, 10, 8)),
            "status": "in_progress",
            "note": "Attended 2 of 2 sessions (programme report)",
        },
    )
    assert response.status_code == 302
    page = text_of(client.get(plan_url(accountable_plan)))
    assert "Attended 2 of 2 sessions (programme report)" in page and "8 October 2026" in page
    assert Action.objects.get(pk=action.pk).status == "in_progress"


def test_progress_needs_words_and_a_date_not_in_the_future(client_for, allocated_worker, accountable_plan):
    action = accountable_plan.actions.first()
    response = client_for(allocated_worker).post(
        url("plans:record_progress", accountable_plan, action.pk),
        {**date_parts("recorded_on", dt.date.today() + dt.timedelta(days=3)), "status": "done", "note": ""},
    )
    page = text_of(response)
    assert "Describe the progress and the evidence" in page
    assert "must be today or in the past" in page


def test_recording_a_review(client_for, allocated_worker, accountable_plan, mia, partner_org):
    services.activate_plan(accountable_plan, allocated_worker)
    client = client_for(allocated_worker)
    add = url("plans:add_review", accountable_plan)
    form = text_of(client.get(add))
    assert "Mia&#39;s views" in form and "Changes made to the plan at this review" in form
    missing = client.post(
        add,
        {
            **date_parts("held_on", dt.date(2026, 10, 20)),
            "engagement": "partly",
            "safety_change": "no_change",
            "decision": "continue",
            **date_parts("next_review_on", None),
        },
    )
    assert "Enter the date of the next review" in text_of(missing)
    response = client.post(
        add,
        {
            **date_parts("held_on", dt.date(2026, 10, 20)),
            "agencies_attended": [str(partner_org.pk)],
            "engagement": "partly",
            "engagement_notes": "Missed two sessions",
            "safety_change": "no_change",
            f"views_{mia.pk.hex}": "Mia said she feels safer",
            "decision": "continue",
            **date_parts("next_review_on", dt.date(2027, 1, 20)),
        },
        follow=True,
    )
    page = text_of(response)
    assert "Review recorded. The next review is due on 20 January 2027." in page
    assert "Mia said she feels safer" in page and "Northbrook Domestic Abuse Service" in page
    accountable_plan.refresh_from_db()
    assert accountable_plan.next_review_on == dt.date(2027, 1, 20)
    assert Review.objects.get().engagement == "partly"


def test_a_version_page_compares_with_the_current_plan(client_for, allocated_worker, plan, darren):
    add_action(plan, allocated_worker, owner_person=darren, what="Darren to attend the programme")
    client = client_for(allocated_worker)
    history = text_of(client.get(url("plans:versions", plan)))
    assert "Version 2" in history and "Added an action for the parent using abuse" in history
    page = text_of(client.get(url("plans:version", plan, 1)))
    assert "Compared with the current plan (version 2)" in page
    assert "Added" in page and "Darren to attend the programme" in page
    assert client.get(url("plans:version", plan, 9)).status_code == 404


def test_acknowledging_a_prompt_keeps_the_note_and_closes_it(
    client_for, allocated_worker, accountable_plan, a_case, time_machine
):
    services.activate_plan(accountable_plan, allocated_worker)
    time_machine.move_to(dt.datetime(2027, 1, 5, 12, tzinfo=dt.UTC))
    client = client_for(allocated_worker)
    plans_page = text_of(client.get(reverse("plans:case_plans", args=[a_case.pk])))
    assert "The review of the child protection plan was due on 1 January 2027 and is 4 days overdue" in plans_page
    link = re.search(r'href="(/cases/[^"]+/prompts/[^"]+/acknowledge/)"', plans_page).group(1)
    empty = client.post(link, {"note": ""})
    assert "Say what you did or decided" in text_of(empty)
    assert client.post(link, {"note": "Review booked for 8 January"}).status_code == 302
    assert PromptAcknowledgement.objects.get().note == "Review booked for 8 January"
    after = text_of(client.get(reverse("plans:case_plans", args=[a_case.pk])))
    assert "Escalation prompts" not in after
    assert "Prompts acknowledged" in after and "Review booked for 8 January" in after


@pytest.mark.parametrize("name", ["plans:add_action", "plans:add_outcome", "plans:end_plan"])
def test_every_free_text_box_is_checked_for_language(client_for, allocated_worker, plan, name):
    page = text_of(client_for(allocated_worker).get(url(name, plan)))
    textareas = re.findall(r"<textarea[^>]*>", page)
    assert textareas and all("data-language-check" in tag for tag in textareas)
    assert '<script type="module" src="/static/childsafe/language-check.js"></script>' in page


def test_the_review_and_progress_boxes_are_checked_for_language(client_for, allocated_worker, accountable_plan):
    services.activate_plan(accountable_plan, allocated_worker)
    action = accountable_plan.actions.first()
    client = client_for(allocated_worker)
    for address in (
        url("plans:add_review", accountable_plan),
        url("plans:record_progress", accountable_plan, action.pk),
    ):
        textareas = re.findall(r"<textarea[^>]*>", text_of(client.get(address)))
        assert textareas and all("data-language-check" in tag for tag in textareas)


def test_the_case_overview_shows_the_plan_panel(client_for, allocated_worker, accountable_plan, a_case):
    page = text_of(client_for(allocated_worker).get(reverse("cases:detail", args=[a_case.pk])))
    assert "Current plan" in page and "4 actions: 4 not started" in page


def test_saved_text_shows_the_language_checker_s_flags_beside_the_findings(
    client_for, allocated_worker, plan, darren, mia
):
    add_action(plan, allocated_worker, owner_person=darren, what="Darren and Rachel have a volatile relationship")
    services.save_outcome(plan, allocated_worker, {"child": mia, "text": "Mia feels safe at home"})
    page = text_of(client_for(allocated_worker).get(plan_url(plan)))
    actions = page.split('id="actions-heading"')[1]
    assert "Wording to check" in actions
    assert '<q class="app-language-flag__quote">Darren and Rachel have a volatile relationship</q>' in actions
    assert "Makes the abuse sound mutual" in actions
    assert "You could write: <q>[name] chose to use violent and controlling behaviours</q>" in actions
    # Text the checker has nothing to say about carries no flag.
    outcomes = page.split('id="outcomes-heading"')[1].split('id="actions-heading"')[0]
    assert "Wording to check" not in outcomes
