"""The caseload: my cases, my team's, or every case shared with my organisation, with search."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from childsafe.accounts.models import User
from childsafe.cases.access import cases_visible_to, may_see, redact_people
from childsafe.cases.models import Person
from childsafe.cases.search import filter_cases, parse_query

SCOPES = {"mine": "My cases", "team": "My team's cases", "all": "All cases shared with my organisation"}
STATUSES = {"open": "Open", "closed": "Closed", "any": "Open and closed"}
PAGE_SIZE = 25


def _usual_scope(user: User) -> str:
    """Practitioners start with their own cases; managers with their team's; safeguarding leads with them all."""
    if user.role == User.Role.MANAGER and user.team_id:
        return "team"
    if user.role == User.Role.SAFEGUARDING_LEAD:
        return "all"
    return "mine"


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.works_on_cases:
        # Commissioners and administrators hold no caseload (the menu offers them none): say so, as "My work" and
        # "Reviews due" do, rather than show an empty list that reads as "no cases yet".
        raise PermissionDenied("Your role does not work on case records")
    query = parse_query(request.GET.get("q", ""))
    default_scope = "all" if query.kind != "empty" else _usual_scope(user)
    scope = request.GET.get("scope", default_scope)
    if scope not in SCOPES or (scope == "team" and user.team_id is None):
        scope = default_scope
    status = request.GET.get("status", "open")
    if status not in STATUSES:
        status = "open"

    cases = cases_visible_to(user)
    if scope == "mine":
        cases = cases.filter(allocated_worker=user)
    elif scope == "team":
        cases = cases.filter(team_id=user.team_id)
    if status != "any":
        cases = cases.filter(status=status)
    cases = filter_cases(cases, query, known_as_hidden=not may_see(user, "Person.known_as"))
    children = Person.objects.filter(role_in_case=Person.RoleInCase.CHILD).order_by("date_of_birth", "first_name")
    cases = (
        cases.select_related("allocated_worker", "team")
        .prefetch_related(Prefetch("people", queryset=children, to_attr="children"))
        .order_by("-opened_on", "reference")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for case in page.object_list:
        redact_people(user, case.children)
    return render(
        request,
        "cases/caseload.html",
        {
            "page": page,
            "query": query,
            "scope": scope,
            "scopes": {key: label for key, label in SCOPES.items() if key != "team" or user.team_id},
            "status": status,
            "statuses": STATUSES,
            "today": timezone.localdate(),
        },
    )
