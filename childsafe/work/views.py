"""The My work page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from childsafe.work.attention import my_work as gather


@require_GET
def my_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases or user.organisation_id is None:
        raise PermissionDenied("Your role does not work on case records")
    today = timezone.localdate()
    return render(request, "work/today.html", {"work": gather(user, today), "today": today})
