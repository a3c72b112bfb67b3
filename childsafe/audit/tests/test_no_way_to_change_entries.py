"""Nothing in the application offers a way to change or remove an audit entry: not the admin, not any URL."""

from __future__ import annotations

import contextlib
import re
import sys
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib import admin
from django.core.signals import got_request_exception
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, path, reverse
from django.urls.resolvers import RoutePattern

from childsafe import urls as project_urls
from childsafe.accounts.models import User
from childsafe.audit.chain import verify_chain
from childsafe.audit.models import AuditEntry, ChainHead

pytestmark = pytest.mark.django_db

# Everything an entry is made of, as a form might post it.
TAMPERING_POST = {
    "seq": "1",
    "action": "delete",
    "object_type": "nothing",
    "object_id": "tampered",
    "case_id": "",
    "changed_fields": "[]",
    "entry_hash": "0" * 64,
    "prev_hash": "0" * 64,
    "post": "yes",  # the admin's "Yes, I'm sure" on a delete confirmation
    "action_checkbox": "1",
    "_selected_action": "1",
    "index": "0",
}


def test_audit_entries_are_not_in_the_admin():
    assert not admin.site.is_registered(AuditEntry)
    assert not admin.site.is_registered(ChainHead)
    for name in ("changelist", "add", "change", "delete"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:audit_auditentry_{name}", args=[1] if name in {"change", "delete"} else [])


PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _routes(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for pattern in resolver.url_patterns:
        if not isinstance(pattern.pattern, RoutePattern):
            continue  # regular expressions: here only the admin's app index and catch-all, which change nothing
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _concrete_paths(case_id: uuid.UUID, entry_id: int) -> list[str]:
    """A path for every route in the project, the admin's included: the real case, and an entry's id for ids."""

    def fill(match: re.Match[str]) -> str:
        if match["name"] == "case_id":
            return str(case_id)
        if match["converter"] == "uuid":
            return str(uuid.uuid4())
        return str(entry_id)

    return ["/" + PARAMETER.sub(fill, route) for route in _routes(get_resolver())]


def _snapshot() -> list[tuple[int, str, str]]:
    return list(AuditEntry.objects.order_by("seq").values_list("seq", "entry_hash", "object_id"))


def _refused_by_trigger(exc: BaseException | None) -> bool:
    return exc is not None and "append-only" in str(exc)


def _routes_that_change_entries(paths: list[str], users: list[User], client_for: Callable[[User], Client]) -> list[str]:
    """POST entry-shaped data to each path as each user, and name those that changed an entry or tried to.

    Each request runs in a savepoint that is then rolled back, so one route's effects cannot hide another's. The
    triggers refuse a change anyway; a route that tries raises "append-only", caught here as Django reports it
    (before any error page is rendered, which may fail on its own).
    """
    raised: list[BaseException | None] = []

    def note(sender: Any, **kwargs: Any) -> None:
        raised.append(sys.exc_info()[1])

    before = _snapshot()
    offending: list[str] = []
    got_request_exception.connect(note)
    try:
        for url in paths:
            for user in users:
                raised.clear()
                with transaction.atomic():
                    client = client_for(user)
                    # Other apps' faults on nonsense input are not this test's concern; their errors are ignored.
                    with contextlib.suppress(Exception), transaction.atomic():
                        client.post(url, TAMPERING_POST)
                    if any(_refused_by_trigger(exc) for exc in raised) or _snapshot()[: len(before)] != before:
                        offending.append(f"{url} as {user.role}")
                    transaction.set_rollback(True)
    finally:
        got_request_exception.disconnect(note)
    return offending


def test_no_url_changes_an_entry_when_posted_to(client_for, team_manager, a_case):
    """Every route in the project, the admin's included, as a manager and as a superuser."""
    superuser = User.objects.create_superuser("root@northbrook.example", "x" * 16, full_name="Root")
    entry = AuditEntry.objects.filter(case_id=a_case.pk).order_by("seq").first()
    paths = _concrete_paths(a_case.pk, entry.pk)
    assert any(url.endswith("/access-log/") for url in paths)
    assert any(url.startswith("/admin/accounts/") for url in paths)

    assert _routes_that_change_entries(paths, [team_manager, superuser], client_for) == []
    assert verify_chain().intact


def _careless_view(request: HttpRequest) -> HttpResponse:
    AuditEntry.objects.filter(seq=request.POST["seq"]).update(object_id=request.POST["object_id"])
    return HttpResponse("done")


urlpatterns = [path("careless/", _careless_view), *project_urls.urlpatterns]


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_would_catch_a_route_that_changes_entries(client_for, team_manager, a_case):
    """A control: a view written to change entries is reported, so the test above is not passing vacuously."""
    assert _routes_that_change_entries(["/careless/"], [team_manager], client_for) == ["/careless/ as manager"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_audit_pages_only_answer_get(client_for, team_manager, a_case, method):
    client = client_for(team_manager)
    url = reverse("audit:case_access_log", args=[a_case.pk])

    assert getattr(client, method)(url).status_code == 405
