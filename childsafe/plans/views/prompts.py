"""Acknowledging an escalation prompt: the worker says what they did or decided, and the note is kept and logged."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from childsafe.cases.views.common import editable_case, posted
from childsafe.plans import access, services
from childsafe.plans.forms import AcknowledgeForm
from childsafe.plans.prompts import prompts_for_case


@require_http_methods(["GET", "POST"])
def acknowledge_prompt(request: HttpRequest, case_id: uuid.UUID, key: str) -> HttpResponse:
    case = editable_case(request, case_id)
    if not access.manages_plans(request.user, case):
        raise PermissionDenied("Prompts are acknowledged by the organisation that leads the case")
    back = reverse("plans:case_plans", args=[case.pk])
    # Only a prompt that is open on this case now can be acknowledged; its words come from here, not the form.
    prompt = next((prompt for prompt in prompts_for_case(case, user=request.user) if prompt.key == key), None)
    if prompt is None:
        if request.method == "POST":
            messages.success(request, "That prompt has already been acknowledged.")
            return redirect(back)
        raise Http404("No such prompt")
    form = AcknowledgeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.acknowledge_prompt(
            case, request.user, key=prompt.key, message=prompt.message, note=form.cleaned_data["note"], request=request
        )
        messages.success(request, "Prompt acknowledged. Your note is kept with the case's plans.")
        return redirect(back)
    return render(
        request,
        "plans/acknowledge.html",
        {"case": case, "plan": None, "form": form, "prompt": prompt, "back": back, "title": "Acknowledge a prompt"},
    )
