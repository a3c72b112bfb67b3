"""What every case view needs: the case (or 404), the right to change it (or 403), the one form template."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case


def posted(request: HttpRequest) -> Any:
    """The submitted data for a POST (even an empty one, so required fields are reported), else None."""
    return request.POST if request.method == "POST" else None


def editable_case(request: HttpRequest, case_id: Any) -> Case:
    case = get_case_for_user(request.user, case_id, request)
    if not can_edit_case(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change it")
    return case


def render_form(
    request: HttpRequest,
    *,
    case: Case | None,
    form: Any,
    title: str,
    submit_text: str,
    cancel_url: str,
    intro: str = "",
    template: str = "cases/form.html",
    **extra: Any,
) -> HttpResponse:
    context = {
        "case": case,
        "form": form,
        "title": title,
        "submit_text": submit_text,
        "cancel_url": cancel_url,
        "intro": intro,
        **extra,
    }
    return render(request, template, context, status=200)
