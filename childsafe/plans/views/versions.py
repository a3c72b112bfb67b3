"""A plan's version history: every version, who made it and when, any version in full, and what differs between
it and the version before it, and between it and the current plan."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from childsafe.plans import access, services
from childsafe.plans.models import PlanVersion
from childsafe.plans.versions import diff, display_content
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
    current = versions.get(plan.version)
    services.record_read(request.user, version, case.pk, request)
    return render(
        request,
        "plans/version.html",
        form_context(
            case,
            plan,
            version=version,
            content=display_content(version.content),
            is_current=number == plan.version,
            made_here=diff(previous.content, version.content) if previous else None,
            since=diff(version.content, current.content) if current and number != plan.version else None,
            current_number=plan.version,
        ),
    )
