"""Every change keeps the earlier version; a stored version never changes; the difference between two versions reads
as added, removed and changed."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from childsafe.accounts.models import Organisation, User
from childsafe.conftest import PASSWORD
from childsafe.plans import access, services
from childsafe.plans.models import PlanVersion
from childsafe.plans.tests.conftest import action_data, add_action
from childsafe.plans.versions import LeftOut, diff, diff_leaving_out


def contents(plan) -> dict[int, dict]:
    return {version.number: version.content for version in PlanVersion.objects.filter(plan=plan)}


def test_a_new_plan_is_version_1_with_its_content(plan, mia, leo):
    [version] = PlanVersion.objects.filter(plan=plan)
    assert version.number == 1 and plan.version == 1
    assert version.summary == "Started a draft child protection plan"
    assert version.content["plan"]["kind"] == "child_protection"
    assert version.content["plan"]["start_date"] == "2026-10-01"
    assert {child["name"] for child in version.content["plan"]["children"]} == {"Mia Fernhill", "Leo Fernhill"}
    assert version.content["outcomes"] == [] and version.content["actions"] == []


def test_every_change_adds_a_version_and_keeps_every_earlier_one_as_it_was(
    plan, allocated_worker, darren, rachel, mia, partner_org
):
    user = allocated_worker
    steps = []

    def step(label, change):
        before = copy.deepcopy(contents(plan))
        change()
        plan.refresh_from_db()
        after = contents(plan)
        assert len(after) == len(before) + 1, label
        assert max(after) == plan.version, label
        for number, content in before.items():
            assert after[number] == content, f"{label} changed version {number}"
        steps.append(label)

    step("details", lambda: services.update_plan_details(plan, user, {"start_date": dt.date(2026, 10, 5)}, based_on=1))
    step("outcome added", lambda: services.save_outcome(plan, user, {"child": mia, "text": "Mia feels safe"}))
    outcome = plan.outcomes.get()
    step(
        "outcome changed",
        lambda: services.save_outcome(
            plan, user, {"child": mia, "text": "Mia sleeps well"}, outcome=outcome, based_on=plan.version
        ),
    )
    step("action added", lambda: add_action(plan, user, owner_person=darren))
    action = plan.actions.get()
    step(
        "action changed",
        lambda: services.save_action(
            plan,
            user,
            action_data(owner_person=darren, what="Darren to complete the programme"),
            action=action,
            based_on=plan.version,
        ),
    )
    step(
        "progress",
        lambda: services.record_progress(
            plan, action, user, recorded_on=dt.date(2026, 10, 9), status="in_progress", note="Attended"
        ),
    )
    step("outcome removed", lambda: services.remove_outcome(plan, user, outcome, based_on=plan.version))
    step("action removed", lambda: services.remove_action(plan, user, action, based_on=plan.version))
    step("ended", lambda: services.end_plan(plan, user, on=dt.date(2026, 11, 1), reason="Family moved away"))
    assert len(steps) == 9

    history = contents(plan)
    assert history[3]["outcomes"][0]["text"] == "Mia feels safe"
    assert history[4]["outcomes"][0]["text"] == "Mia sleeps well"
    assert history[6]["actions"][0]["what"] == "Darren to complete the programme"
    assert history[7]["actions"][0]["status"] == "in_progress"
    assert history[9]["actions"] == [] and history[8]["outcomes"] == []
    assert history[10]["plan"]["status"] == "ended"


def test_saving_without_a_change_makes_no_version(plan, allocated_worker, darren):
    action = add_action(plan, allocated_worker, owner_person=darren)
    plan.refresh_from_db()
    number = plan.version
    services.save_action(plan, allocated_worker, action_data(owner_person=darren), action=action, based_on=number)
    services.update_plan_details(plan, allocated_worker, {"kind": "child_protection"}, based_on=number)
    plan.refresh_from_db()
    assert plan.version == number


def test_a_stored_version_refuses_to_be_saved_again(plan):
    version = PlanVersion.objects.get(plan=plan, number=1)
    version.summary = "Rewritten"
    with pytest.raises(TypeError):
        version.save()
    with pytest.raises(TypeError):
        PlanVersion.objects.filter(plan=plan).update(summary="Rewritten")
    assert PlanVersion.objects.get(plan=plan, number=1).summary == "Started a draft child protection plan"


def test_the_database_refuses_to_change_a_stored_version(plan):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE plans_planversion SET summary = %s", ["Rewritten"])
    assert PlanVersion.objects.get(plan=plan, number=1).summary == "Started a draft child protection plan"


def test_the_diff_reads_as_added_removed_and_changed(plan, allocated_worker, darren, rachel, mia):
    kept = add_action(plan, allocated_worker, owner_person=darren)
    gone = add_action(
        plan,
        allocated_worker,
        owner_person=rachel,
        what="Rachel to attend the Freedom Programme",
        for_whom="non_abusing_parent",
    )
    plan.refresh_from_db()
    before = plan.version
    services.save_action(
        plan,
        allocated_worker,
        action_data(
            owner_person=darren,
            what="Darren to complete the programme",
            frequency_times=None,
            frequency_unit="",
            due_on=dt.date(2027, 3, 31),
        ),
        action=kept,
        based_on=before,
    )
    services.remove_action(plan, allocated_worker, gone, based_on=plan.version)
    services.save_outcome(plan, allocated_worker, {"child": mia, "text": "Mia feels safe at home"})
    services.update_plan_details(plan, allocated_worker, {"review_interval_months": 4}, based_on=plan.version)
    plan.refresh_from_db()
    history = contents(plan)

    changes = diff(history[before], history[plan.version])
    assert [(c.label, c.before, c.after) for c in changes.plan] == [("Reviewed every (months)", "6", "4")]
    assert [(item.change, item.title) for item in changes.outcomes] == [("added", "Mia feels safe at home")]
    by_change = {item.change: item for item in changes.actions}
    assert by_change["removed"].title == "Rachel to attend the Freedom Programme"
    changed = by_change["changed"]
    assert changed.title == "Darren to complete the programme"
    assert [(c.label, c.before, c.after) for c in changed.fields] == [
        ("What", "Attend every weekly session of the behaviour-change programme", "Darren to complete the programme"),
        ("When", "Weekly", "By 31 March 2027"),
    ]
    assert diff(history[before], history[before]).is_empty


def test_an_old_version_still_reads_as_it_was_after_a_person_is_renamed(plan, allocated_worker, darren):
    add_action(plan, allocated_worker, owner_person=darren)
    plan.refresh_from_db()
    number = plan.version
    darren.first_name = "Daniel"
    darren.save()
    version = PlanVersion.objects.get(plan=plan, number=number)
    assert version.content["actions"][0]["owner_label"].startswith("Darren Cole")


def _snapshot_action(item_id: str, what: str, **fields) -> dict:
    return {"id": item_id, "what": what, "measure": "", "owner_worker": "", "for_whom": "whole_family", **fields}


def test_an_item_left_out_on_either_side_is_counted_never_shown_and_never_reads_as_removed():
    before = {"plan": {}, "outcomes": [], "actions": [_snapshot_action("a", "Meet Rachel weekly")]}
    after = {"plan": {}, "outcomes": [], "actions": [_snapshot_action("a", "Meet Rachel at The Old Vicarage")]}
    changes = diff_leaving_out(before, after, LeftOut(actions=frozenset({"a"})))
    assert changes.is_empty
    assert (changes.hidden_actions, changes.hidden_outcomes) == (1, 0)
    # Left out but unchanged: nothing to count.
    assert diff_leaving_out(after, after, LeftOut(actions=frozenset({"a"}))).hidden_actions == 0


def test_an_action_whose_agency_is_not_on_record_is_kept_from_those_who_work_with_him(a_case, allocated_worker, darren):
    programme = Organisation.objects.create(name="Northbrook Change Programme", kind="perpetrator_programme")
    worker = User.objects.create_user(
        "rhys@nbchange.example", PASSWORD, full_name="Rhys Programme", organisation=programme, role="practitioner"
    )
    content = {
        "outcomes": [],
        "actions": [
            _snapshot_action("his", "Attend every session", owner_person_id=str(darren.pk), for_whom="whole_family"),
            _snapshot_action("agency", "Check in weekly", owner_organisation_id=999_999, for_whom="parent_using_abuse"),
        ],
    }
    [left_out] = access.hidden_in_versions(worker, a_case, [content])
    # Judged as a refuge or a school would be: its name could say where she or the children are.
    assert left_out.actions == {"agency"}
    [left_out] = access.hidden_in_versions(allocated_worker, a_case, [content])
    assert left_out.actions == set()
