"""Rule 1 for safety plans: a behaviour-change (perpetrator) programme worker on the case never receives safety
plan content, the contact safety checks, what must not be disclosed, or what the non-abusing parent said, on any
page they can open, whatever the plans say.

Every free-text field of generated safety plans, reviews, contact checks and follow-ups holds a unique canary
string. The programme worker's pages are searched for every one; the allocated worker's pages must show the plan
and check canaries, so the test cannot pass by showing nothing.
"""

from __future__ import annotations

import html
import uuid

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from childsafe.cases import services as case_services
from childsafe.cases.models import Case, Person
from childsafe.safety import services
from childsafe.safety.models import PlannedContact, SafetyPlan, WorkerSafetyFlag
from childsafe.safety.tests.conftest import COMPLETE_CHECK, contact_plan


def canary(kind: str) -> str:
    return f"CANARY-{kind}-{uuid.uuid4().hex[:12]}"


shape = st.fixed_dictionaries(
    {
        "children": st.integers(min_value=1, max_value=3),
        "phases": st.lists(st.sampled_from(["safety_work", "recovery_work"]), min_size=4, max_size=4),
        "help": st.lists(st.sampled_from(["call_999", "silent_solution", "code_word", "safe_phone"]), max_size=3),
        "reviews": st.integers(min_value=0, max_value=2),
        "versions": st.integers(min_value=1, max_value=2),
        "contact_state": st.sampled_from(["planned", "checked", "happened", "followed_up"]),
        "flag": st.booleans(),
    }
)

PLAN_FIELDS = [
    "safe_place",
    "safe_place_route",
    "trusted_person",
    "trusted_person_contact",
    "summon_help",
    "other_steps",
]
CHECK_TEXT = [
    "risk_to_her",
    "risk_to_children",
    "recent_changes",
    "risk_management",
    "perspective_via",
    "her_view_on_safety",
    "childrens_perspective",
    "must_not_disclose_other",
    "worker_safety_notes",
    "manager_consulted",
    "manager_advice",
]


def plan_content(person: Person, spec: dict, phase: str, secrets: set[str]) -> services.PlanContent:
    values = {name: canary(name.upper()) for name in PLAN_FIELDS}
    if person.is_child:
        values["childs_understanding"] = canary("UNDERSTANDS")
    secrets.update(values.values())
    return services.PlanContent(
        help_methods=list(spec["help"]), phase=phase, phase_change_reason=canary("PHASE"), **values
    )


def build(case: Case, by, spec: dict) -> tuple[set[str], set[str], list[str]]:
    """Fill the case; return (plan canaries, check and follow-up canaries, urls of its records)."""
    plan_secrets: set[str] = set()
    check_secrets: set[str] = set()
    people = [
        Person(case=case, role_in_case="child", first_name=f"Child{n}", age_in_years=3 + 5 * n)
        for n in range(spec["children"])
    ]
    people += [
        Person(case=case, role_in_case="non_abusing_parent", first_name="Parent"),
        Person(case=case, role_in_case="parent_using_abuse", first_name="Puab"),
    ]
    for person in people:
        case_services.save_record(person, by=by, request=None, changed=[], creating=True)
    urls = []
    for index, person in enumerate(p for p in people if p.role_in_case != "parent_using_abuse"):
        first_phase = spec["phases"][index % 4]
        plan = services.create_plan(case, person, plan_content(person, spec, first_phase, set()), by=by)
        plan_secrets.update(getattr(plan.current, name) for name in PLAN_FIELDS)
        if person.is_child:
            plan_secrets.add(plan.current.childs_understanding)
        if spec["versions"] > 1:
            new_phase = spec["phases"][(index + 1) % 4]
            new = plan_content(person, spec, new_phase, plan_secrets)
            summary = canary("SUMMARY")
            plan_secrets.add(summary)
            if new_phase != first_phase:  # a reason is kept only with a change of phase
                plan_secrets.add(new.phase_change_reason)
            services.update_plan(plan, new, change_summary=summary, by=by)
        for _ in range(spec["reviews"]):
            with_whom, changed = canary("WITH"), canary("CHANGED")
            plan_secrets |= {with_whom, changed}
            services.record_review(
                plan,
                reviewed_on=timezone.localdate(),
                reviewed_with=with_whom,
                how="phone",
                outcome="changed",
                what_changed=changed,
                by=by,
            )
        urls += [
            reverse(name, args=[case.pk, plan.pk]) for name in ("safety:plan", "safety:edit_plan", "safety:review_plan")
        ]
        urls.append(reverse("safety:plan_version", args=[case.pk, plan.pk, 1]))
    puab = people[-1]
    if spec["flag"]:
        services.raise_flag(case, puab, kind="visit_in_pairs", review_by=timezone.localdate(), by=by)
    contact = services.plan_contact(case, puab, contact_plan(), by=by)
    answers = dict(COMPLETE_CHECK)
    for name in CHECK_TEXT:
        answers[name] = canary("CHECK")
    answers["must_not_disclose"] = [*answers["must_not_disclose"], "other"]
    check_secrets.update(answers[name] for name in CHECK_TEXT)
    services.save_safety_check(contact, answers, by=by)
    state = spec["contact_state"]
    if state != "planned":
        services.complete_safety_check(contact, by=by)
    if state in {"happened", "followed_up"}:
        notes = canary("OUTCOME")
        check_secrets.add(notes)
        services.record_outcome(contact, took_place=True, outcome_on=timezone.localdate(), notes=notes, by=by)
    if state == "followed_up":
        said = canary("FOLLOWUP")
        check_secrets.add(said)
        services.record_follow_up(
            contact,
            services.FollowUpAnswers(
                followed_up_on=timezone.localdate(),
                spoke_with="support_worker",
                support_worker=canary("WORKER"),
                safety_changed="yes",
                retaliation="yes",
                notes=said,
            ),
            by=by,
        )
    urls += [
        reverse(name, args=[case.pk, contact.pk])
        for name in (
            "safety:contact",
            "safety:contact_check",
            "safety:edit_contact",
            "safety:record_outcome",
            "safety:follow_up",
        )
    ]
    urls += [reverse("safety:add_plan", args=[case.pk, person.pk]) for person in people]
    return plan_secrets, check_secrets, urls


def pages(client: Client, case: Case, urls: list[str]) -> str:
    case_pages = [
        reverse("cases:detail", args=[case.pk]),
        reverse("safety:case_safety", args=[case.pk]),
        reverse("safety:add_flag", args=[case.pk]),
        reverse("safety:plan_contact", args=[case.pk]),
    ]
    case_pages += [
        reverse("safety:lift_flag", args=[case.pk, flag.pk]) for flag in WorkerSafetyFlag.objects.filter(case=case)
    ]
    text = []
    for url in case_pages + urls:
        response = client.get(url, follow=True)
        assert response.status_code in {200, 403, 404, 409}, url
        text.append(html.unescape(response.content.decode()))
    return "\n".join(text)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=shape)
def test_a_programme_worker_never_receives_safety_plans_or_checks(
    client_for, allocated_worker, programme_worker, programme_org, partner_org, team, spec
):
    case = case_services.open_case(
        by=allocated_worker, shared_with=[partner_org, programme_org], team=team, allocated_worker=allocated_worker
    )
    try:
        plan_secrets, check_secrets, urls = build(case, allocated_worker, spec)
        programme_view = pages(client_for(programme_worker), case, urls)
        assert [value for value in plan_secrets | check_secrets if value in programme_view] == []
        assert "A safety plan is in place." in programme_view  # it knows a plan exists, nothing more
        lead_view = pages(client_for(allocated_worker), case, urls)
        assert [value for value in plan_secrets | check_secrets if value not in lead_view] == []
    finally:
        PlannedContact.objects.filter(case=case).delete()
        SafetyPlan.objects.filter(case=case).update(current=None)
        case.delete()
