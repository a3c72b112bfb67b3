"""The safety app's pages. `overview_panel` is called by the case overview (childsafe.cases.views.case); the case
safety page is here too, and each kind of record has its own module: `plans`, `flags`, `contacts`.

Access is decided in `childsafe.safety.access` and `views.common`: 404 for anyone the case is not shared with
and, on safety plan and contact pages, for anyone who may not see safety information; 403 for changes to a
closed case. Every read of a safety page is logged, and every change is logged with it by `services`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from childsafe.cases.access import can_edit_case, get_case_for_user, redact_people
from childsafe.cases.models import Case, Person
from childsafe.cases.views.common import case_header
from childsafe.safety import access, services
from childsafe.safety.models import PlannedContact, WorkerSafetyFlag
from childsafe.safety.queries import active_flags_for_case, follow_ups_for_case, plan_summaries


def overview_panel(request: HttpRequest, case: Case, people: list[Person]) -> dict[str, Any] | None:
    """The safety panel at the top of the case overview: worker safety flags first (anyone may meet the person
    they warn about), then each plan's phase and last review, and follow-ups still to do. A constant number of
    queries: one for flags, one for plans, one for follow-ups, whatever the size of the case."""
    see_plans = access.can_see_safety_plans(request.user, case)
    flags = active_flags_for_case(case)
    redact_people(request.user, [flag.person for flag in flags])
    return {
        "template": "safety/_overview_panel.html",
        "flags": flags,
        "summaries": plan_summaries(case, people, with_content=False),
        "see_plans": see_plans,
        "follow_ups": follow_ups_for_case(case) if see_plans else [],
    }


@require_GET
def case_safety(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    user = request.user
    see_plans = access.can_see_safety_plans(user, case)
    people = list(Person.objects.filter(case=case))
    flags = list(WorkerSafetyFlag.objects.filter(case=case).select_related("person", "raised_by", "lifted_by"))
    # A name someone is known by now is a location: not for those who work with the person using abuse.
    redact_people(user, [*people, *(flag.person for flag in flags)])
    contacts = (
        list(PlannedContact.objects.filter(case=case).select_related("person").order_by("-planned_for"))
        if see_plans
        else []
    )
    services.record_read(user, case, request)
    context = {
        "case": case,
        "see_plans": see_plans,
        "can_change_plans": access.can_change_safety_plans(user, case),
        "can_raise_flags": access.can_raise_flags(user, case),
        "can_edit": can_edit_case(user, case),
        "summaries": plan_summaries(case, people, with_content=see_plans),
        "flags": [flag for flag in flags if flag.is_active],
        "lifted_flags": [flag for flag in flags if not flag.is_active],
        "liftable": {flag.pk for flag in flags if access.can_lift_flag(user, case, flag)},
        "contacts": contacts,
        "has_parent_using_abuse": any(p.role_in_case == Person.RoleInCase.PARENT_USING_ABUSE for p in people),
        "follow_ups": {item.contact_id: item for item in follow_ups_for_case(case)} if see_plans else {},
        **case_header(case, "safety:case_safety", people),
    }
    return render(request, "safety/case_safety.html", context)
