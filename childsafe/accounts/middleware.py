"""The absolute session limit: however active a user is, they sign in again after a working day.

The idle limit is the session cookie's own age, renewed on each request (SESSION_SAVE_EVERY_REQUEST).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

SIGNED_IN_AT = "childsafe_signed_in_at"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            signed_in_at = request.session.get(SIGNED_IN_AT)
            limit = settings.SESSION_ABSOLUTE_HOURS * 3600
            if signed_in_at is None or time.time() - float(signed_in_at) > limit:
                logout(request)
                return redirect("accounts:signed_out")
        return self.get_response(request)
