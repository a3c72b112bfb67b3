"""Worker safety flags on a person: raise one, lift one with a reason. Anyone working on the case may raise a
flag (programme workers too: they meet the person); lifting is for whoever raised it, the allocated worker or a
manager (`access.can_lift_flag`)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from childsafe.cases.access import redact_people
from childsafe.cases.models import Person
from childsafe.cases.views.common import posted
from childsafe.safety import access, services
from childsafe.safety.forms import LiftFlagForm, WorkerSafetyFlagForm
from childsafe.safety.models import WorkerSafetyFlag
from childsafe.safety.views.common import editable_case_for_flags, form_page_context, in_case, safety_page_url

ANCHOR = "#worker-safety"


@require_http_methods(["GET", "POST"])
def add_flag(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = editable_case_for_flags(request, case_id)
    people = list(Person.objects.filter(case=case))
    redact_people(request.user, people)  # the choices name everyone: no known-as name for those who work with him
    initial = {"person": request.GET.get("person", "")} if request.method == "GET" else {}
    form = WorkerSafetyFlagForm(posted(request), people=people, initial=initial)
    if request.method == "GET":
        services.record_read(request.user, case, request, object_type="worker_safety_flag_form")
    if form.is_valid():
        data = form.cleaned_data
        try:
            flag = services.raise_flag(
                case,
                data["person"],
                kind=data["kind"],
                details=data["details"],
                manager_must_agree=data["manager_must_agree"],
                review_by=data["review_by"],
                by=request.user,
                request=request,
            )
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Worker safety flag raised on {flag.person.display_name}: {flag.text}")
            return redirect(safety_page_url(case, ANCHOR))
    return render(
        request,
        "safety/flag_form.html",
        {"case": case, "form": form, "back": safety_page_url(case, ANCHOR), **form_page_context()},
    )


@require_http_methods(["GET", "POST"])
def lift_flag(request: HttpRequest, case_id: uuid.UUID, flag_id: uuid.UUID) -> HttpResponse:
    case = editable_case_for_flags(request, case_id)
    flag = in_case(WorkerSafetyFlag.objects.select_related("person", "raised_by"), case, flag_id, "flag")
    redact_people(request.user, [flag.person])
    if not access.can_lift_flag(request.user, case, flag):
        raise PermissionDenied("Only whoever raised this flag, the allocated worker or a manager can lift it")
    form = LiftFlagForm(posted(request))
    if request.method == "GET":
        services.record_read(request.user, flag, request)
    if form.is_valid():
        try:
            services.lift_flag(flag, reason=form.cleaned_data["reason"], by=request.user, request=request)
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"Worker safety flag lifted: {flag.text}, {flag.person.display_name}")
            return redirect(safety_page_url(case, ANCHOR))
    return render(
        request,
        "safety/lift_flag.html",
        {"case": case, "flag": flag, "form": form, "back": safety_page_url(case, ANCHOR), **form_page_context()},
    )
