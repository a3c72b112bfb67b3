"""The "who looked at this case" page: the case's audit entries, newest first, for managers and safeguarding leads.

Seeing who has read a record is itself sensitive (it shows who is working with the family), so the page is limited
to those who oversee cases, and opening it is logged like any other read.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.access import can_see_access_log, get_case_for_user

PER_PAGE = 50

# How each kind of record reads after the verb: "Viewed the case", "Changed a person's details".
OBJECT_PHRASES = {
    "case": "the case",
    "case_share": "the case with an organisation",
    "person": "a person's details",
    "address": "an address",
    "contact_detail": "contact details",
    "relationship": "a relationship between people",
    "chronologyentry": "a chronology entry",
    "chronology_entry": "a chronology entry",
    "childimpact": "the impact on a child",
    "child_impact": "the impact on a child",
}


def describe_action(entry: AuditEntry) -> str:
    if entry.action == AuditEntry.Action.VIEW_ACCESS_LOG:
        return "Viewed who looked at the case"
    if entry.action == AuditEntry.Action.ACCESS_REFUSED:
        return "Tried to open the case and was refused: it is not shared with their organisation"
    if entry.action == AuditEntry.Action.VIEW and entry.object_type == "page":
        # Written by `LogCaseReadsMiddleware`: object_id is the page's URL name, such as "plans:add_action".
        return f"Opened a page of the case ({entry.object_id.rpartition(':')[2].replace('_', ' ')})"
    verb = AuditEntry.Action(entry.action).label if entry.action in AuditEntry.Action.values else entry.action
    phrase = OBJECT_PHRASES.get(entry.object_type, entry.object_type.replace("_", " "))
    return f"{verb} {phrase}"


def describe_actor(entry: AuditEntry) -> str:
    if entry.actor is None:
        return "The system"
    organisation = entry.actor.organisation
    return f"{entry.actor.full_name}, {organisation.name}" if organisation else entry.actor.full_name


# Some field names carry the id of the record they belong to (chronology's `impact_<child uuid hex>`): the page
# names the kind of field once, and does not show ids.
RECORD_ID_SUFFIX = re.compile(r"_[0-9a-f]{32}$")
FIELD_LABELS = {"impact": "impact on a child"}


def describe_fields(entry: AuditEntry) -> str:
    labels: dict[str, None] = {}
    for name in entry.changed_fields:
        kind = RECORD_ID_SUFFIX.sub("", str(name))
        labels[FIELD_LABELS.get(kind, kind.replace("_", " "))] = None
    return ", ".join(labels)


def _pagination(request: HttpRequest, page: Page) -> dict[str, Any] | None:
    """GOV.UK pagination: first, last and the pages either side of this one, with gaps shown as ellipses."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        return f"{request.path}?page={number}"

    last = page.paginator.num_pages
    shown = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    items: list[dict[str, Any]] = []
    for index, number in enumerate(shown):
        if index and number - shown[index - 1] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
    return {
        "previous": {"href": href(page.previous_page_number())} if page.has_previous() else None,
        "next": {"href": href(page.next_page_number())} if page.has_next() else None,
        "items": items,
    }


@require_GET
def case_access_log(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    if not can_see_access_log(request.user, case):
        raise PermissionDenied("Only managers and safeguarding leads can see who has looked at a case")
    # Logged before the list is read, so the reader sees their own visit at the top.
    record(
        actor=request.user,
        action=AuditEntry.Action.VIEW_ACCESS_LOG,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        request=request,
    )
    # The organisation shown is the actor's current one, read through the actor; actor_organisation_id keeps the
    # one they acted for, should the two ever differ. Only the columns shown are loaded: no password hashes.
    entries = (
        AuditEntry.objects.filter(case_id=case.pk)
        .select_related("actor__organisation")
        .only(
            "seq",
            "at",
            "action",
            "object_type",
            "changed_fields",
            "actor",
            "actor__full_name",
            "actor__organisation",
            "actor__organisation__name",
        )
        .order_by("-at", "-seq")
    )
    page = Paginator(entries, PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "at": entry.at,
            "who": describe_actor(entry),
            "what": describe_action(entry),
            "fields": describe_fields(entry),
        }
        for entry in page.object_list
    ]
    context = {
        "case": case,
        "page": page,
        "rows": rows,
        "pagination": _pagination(request, page),
    }
    return render(request, "audit/case_access_log.html", context)
