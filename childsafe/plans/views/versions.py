"""A plan's version history: every version, who made it and when, any version in full, and what differs between
it and the version before it, and between it and the current plan.

Each version is shown as the reader may read the live plan (`access.hidden_in_versions`): an outcome or action
they may not see is left out of the version and of both comparisons, and counted in a note instead. The summary
lines say only what kind of change was made and for whom, never an action's or outcome's words, so the list of
versions is the same for everyone who may open it."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from childsafe.plans import access, services
from childsafe.plans.models import PlanVersion
from childsafe.plans.versions import diff_leaving_out, display_content, leave_out
from childsafe.plans.views.common import form_context, readable_plan


def _readable_history(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> tuple[Any, Any]:
    """A version is the whole plan as it was: not for those who see only part of it (plans/access.py)."""
    case, plan = readable_plan(request, case_id, plan_id)
    if not access.sees_plan_in_full(request.user):
        raise Http404("No such page")
    return case, plan


@require_GET
def plan_versions(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case, plan = _readable_history(request, case_id, plan_id)
    versions = list(
        PlanVersion.objects.filter(plan=plan).select_related("made_by").defer("content").order_by("-number")
    )
    services.record_read(request.user, plan, case.pk, request)
    return render(request, "plans/versions.html", form_context(case, plan, versions=versions))


@require_GET
def plan_version(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID, number: int) -> HttpResponse:
    case, plan = _readable_history(request, case_id, plan_id)
    wanted = {number, number - 1, plan.version}
    versions = {v.number: v for v in PlanVersion.objects.filter(plan=plan, number__in=wanted).select_related("made_by")}
    version = versions.get(number)
    if version is None:
        raise Http404("No such version")
    previous = versions.get(number - 1)
    current = versions.get(plan.version) if number != plan.version else None
    shown, before, now = access.hidden_in_versions(
        request.user,
        case,
        [version.content, previous.content if previous else {}, current.content if current else {}],
    )
    services.record_read(request.user, version, case.pk, request)
    return render(
        request,
        "plans/version.html",
        form_context(
            case,
            plan,
            version=version,
            content=display_content(leave_out(version.content, shown)),
            hidden_actions=len(shown.actions),
            hidden_outcomes=len(shown.outcomes),
            sees_in_full=access.sees_plan_in_full(request.user),
            is_current=number == plan.version,
            # An item hidden on either side is left out of both (`diff_leaving_out`).
            made_here=diff_leaving_out(previous.content, version.content, before | shown) if previous else None,
            since=diff_leaving_out(version.content, current.content, shown | now) if current else None,
            current_number=plan.version,
        ),
    )
