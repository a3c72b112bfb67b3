"""Signing in and out, the signed-out page, the idle-timeout sign-out, and the "stay signed in" answer to the timeout
warning."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from childsafe.accounts.forms import SignInForm
from childsafe.accounts.middleware import SIGNED_IN_AT


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


@login_not_required
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and (user := form.get_user()) is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        request.session[SIGNED_IN_AT] = time.time()
        return redirect(_safe_next(request) or "web:home")
    return render(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request) or ""})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:signed_out")


@login_not_required
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {"idle_minutes": settings.SESSION_IDLE_MINUTES})


@login_not_required
@require_GET
def timed_out(request: HttpRequest) -> HttpResponse:
    """Where the browser's idle timer sends a page left alone: it ends the session, then says so.

    The page must sign out itself rather than only say so: the session may still be live on the server (a request
    from the page renewed it after the browser's timer started), and this request would renew it again. It is a GET
    because the page's CSRF token may be stale by then (signed in again in another tab), and a failed sign-out must
    not leave the session open. Nothing links to it; the session cookie is SameSite=Lax, so another site can at most
    sign someone out by sending them here, which fails safe.
    """
    logout(request)
    return render(
        request, "accounts/signed_out.html", {"idle_minutes": settings.SESSION_IDLE_MINUTES, "timed_out": True}
    )


@require_POST
def keep_alive(request: HttpRequest) -> HttpResponse:
    # The session was saved by this request (SESSION_SAVE_EVERY_REQUEST), which renews the idle limit only:
    # the absolute limit in SessionLifetimeMiddleware still holds.
    if request.headers.get("Accept", "").startswith("application/json"):
        return HttpResponse(status=204)
    return redirect(_safe_next(request) or "web:home")
