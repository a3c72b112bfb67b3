"""Adding, changing and reading chronology entries, and the chronology section of the case page.

Access is decided by `cases.access`: no access is a 404, a closed case is read-only (403 on add and change).
What of the chronology a user sees is decided by `chronology.access`: those who work with the parent using abuse
are not shown entries she or a child reported (404 on their pages), and outside the lead organisation an entry
whose words name a confidential location is shown without them (403 on its change form, which would show them).
Every read of an entry's own page is logged; every change is logged with it, by `services`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.cases import access
from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.cases.services import record_view
from childsafe.chronology import services
from childsafe.chronology.access import entries_for, places_for, words_hidden_as_confidential
from childsafe.chronology.forms import ChronologyEntryForm, ChronologyFilterForm, children_in
from childsafe.chronology.models import ChildImpact, ChronologyEntry
from childsafe.chronology.pattern import build_pattern

PAGE_SIZE = 25
SECTION_ANCHOR = "#chronology"


@dataclass(frozen=True)
class ImpactRow:
    """One line of "Impact on <child>": every child in the case is listed, so a missing impact is visible."""

    child: Person
    impact: str


def impact_rows(entry: ChronologyEntry, children: list[Person]) -> list[ImpactRow]:
    """The entry's impacts in the case's child order, with "" for a child with none recorded.

    Uses the prefetched `child_impacts`; an impact on someone no longer listed as a child is still shown.
    """
    recorded = {impact.child_id: impact for impact in entry.child_impacts.all()}
    rows = [ImpactRow(child, recorded.pop(child.pk).impact if child.pk in recorded else "") for child in children]
    rows += [ImpactRow(impact.child, impact.impact) for impact in recorded.values()]
    return rows


def _case_page(case: Case) -> str:
    return reverse("cases:detail", args=[case.pk]) + SECTION_ANCHOR


def _editable_case(request: HttpRequest, case_id: uuid.UUID) -> Case:
    case = get_case_for_user(request.user, case_id, request)
    if not can_edit_case(request.user, case):
        raise PermissionDenied("This case is closed or your role cannot change it")
    return case


def _people(request: HttpRequest, case: Case) -> list[Person]:
    """The case's people as this user may see them (see `cases.access.redact_people`)."""
    people = list(case.people.all())
    access.redact_people(request.user, people)
    return people


def _entry_in(request: HttpRequest, case: Case, entry_id: uuid.UUID) -> ChronologyEntry:
    """The entry, only if it belongs to this case and this user may be shown it (`chronology.access.entries_for`):
    an id from another case, or one kept from this user, is a 404 like any unknown one.

    Sets `words_hidden` on it (see `chronology.access.words_hidden_as_confidential`)."""
    entry = (
        entries_for(request.user, case)
        .select_related("person_responsible", "recorded_by")
        .prefetch_related(Prefetch("child_impacts", queryset=ChildImpact.objects.select_related("child")))
        .filter(pk=entry_id)
        .first()
    )
    if entry is None:
        raise Http404("No such chronology entry")
    entry.case = case
    entry.words_hidden = words_hidden_as_confidential(request.user, entry, places_for(request.user, case))  # type: ignore[attr-defined]
    return entry


@require_http_methods(["GET", "POST"])
def add_entry(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = _editable_case(request, case_id)
    form = ChronologyEntryForm(
        request.POST if request.method == "POST" else None, case=case, people=_people(request, case)
    )
    if form.is_valid():
        services.add_entry(case, request.user, form.entry_data(), form.impacts(), request)
        messages.success(request, "Chronology entry added")
        return redirect(_case_page(case))
    return render(
        request,
        "chronology/entry_form.html",
        {"case": case, "form": form, "entry": None, "heading": "Add a chronology entry", "back": _case_page(case)},
    )


@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, case_id: uuid.UUID, entry_id: uuid.UUID) -> HttpResponse:
    case = _editable_case(request, case_id)
    if access.works_with_the_person_using_abuse(request.user):
        raise PermissionDenied(
            "An entry records what the victim-survivor or a child disclosed, so your organisation cannot change it"
        )
    entry = _entry_in(request, case, entry_id)
    if entry.words_hidden:  # type: ignore[attr-defined]
        raise PermissionDenied(
            f"This entry names a confidential location, so only {case.lead_organisation.name} can change it"
        )
    if request.method == "POST":
        form = ChronologyEntryForm(request.POST, case=case, instance=entry)
        if form.is_valid():
            changed = services.update_entry(entry, request.user, form.entry_data(), form.impacts(), request)
            messages.success(request, "Chronology entry updated" if changed else "No changes were made to the entry")
            return redirect(_case_page(case))
    else:
        form = ChronologyEntryForm(case=case, instance=entry)
        # The form shows the entry's content, so opening it is a read.
        record_view(request.user, entry, request)
    return render(
        request,
        "chronology/entry_form.html",
        {
            "case": case,
            "form": form,
            "entry": entry,
            "heading": "Change a chronology entry",
            "back": reverse("chronology:entry", args=[case.pk, entry.pk]),
        },
    )


@require_GET
def entry_detail(request: HttpRequest, case_id: uuid.UUID, entry_id: uuid.UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    entry = _entry_in(request, case, entry_id)
    record_view(request.user, entry, request)
    restricted = access.works_with_the_person_using_abuse(request.user)
    people = _people(request, case)
    by_id = {person.pk: person for person in people}
    entry.person_responsible = by_id.get(entry.person_responsible_id, entry.person_responsible)
    children = children_in(people)
    return render(
        request,
        "chronology/entry_detail.html",
        {
            "case": case,
            "entry": entry,
            "impacts": impact_rows(entry, children),
            "can_edit": can_edit_case(request.user, case) and not restricted and not entry.words_hidden,  # type: ignore[attr-defined]
            "shows": partial(access.may_see, request.user),
        },
    )


def _pagination(request: HttpRequest, page: Page) -> dict[str, Any] | None:
    """govukPagination parameters; links keep the filters and return to the chronology section."""
    if page.paginator.num_pages <= 1:
        return None

    def href(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return f"?{query.urlencode()}{SECTION_ANCHOR}"

    last = page.paginator.num_pages
    wanted = sorted({1, last, *range(max(1, page.number - 1), min(last, page.number + 1) + 1)})
    items: list[dict[str, Any]] = []
    for index, number in enumerate(wanted):
        if index and number - wanted[index - 1] > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page.number})
    params: dict[str, Any] = {"items": items, "landmarkLabel": "Chronology pages"}
    if page.has_previous():
        params["previous"] = {"href": href(page.previous_page_number())}
    if page.has_next():
        params["next"] = {"href": href(page.next_page_number())}
    return params


def chronology_section(request: HttpRequest, case: Case, people: list[Person] | None = None) -> dict[str, Any]:
    """Context for the case page's chronology: the pattern picture, the filter, and a page of entries.

    The pattern covers every entry the filter lets through (not just this page), from one `.values_list()`, out
    of the entries this user may be shown (`chronology.access.entries_for`), so the picture, the list and the
    counts agree. The number of queries does not grow with the number of entries or children.

    Keys: pattern, entries (a Page), filter_form, entries_total (entries matching the filter), plus
    entries_all_total, filtered, filter_description, pagination, can_edit.
    """
    if people is None:
        people = _people(request, case)
    filter_form = ChronologyFilterForm(request.GET, people=people, auto_id="chronology_%s")
    all_entries = entries_for(request.user, case)
    entries = filter_form.apply(all_entries)
    filtered = filter_form.is_filtering

    pattern = build_pattern(entries.values_list("behaviour", "occurred_from", "occurred_to"))

    listed = (
        entries.select_related("person_responsible", "recorded_by")
        .prefetch_related(Prefetch("child_impacts", queryset=ChildImpact.objects.select_related("child")))
        .order_by("-occurred_from", "-recorded_at", "-pk")
    )
    paginator = Paginator(listed, PAGE_SIZE)
    # The pattern already counted the same filtered entries: no need to ask the database again.
    paginator.count = pattern.entry_count  # type: ignore[misc]
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    children = children_in(people)
    by_id = {person.pk: person for person in people}
    places = places_for(request.user, case)
    for entry in page.object_list:
        entry.person_responsible = by_id.get(entry.person_responsible_id, entry.person_responsible)
        entry.impact_rows = impact_rows(entry, children)  # type: ignore[attr-defined]
        entry.words_hidden = words_hidden_as_confidential(request.user, entry, places)  # type: ignore[attr-defined]

    return {
        "pattern": pattern,
        "entries": page,
        "filter_form": filter_form,
        "entries_total": pattern.entry_count,
        "entries_all_total": all_entries.count() if filtered else pattern.entry_count,
        "filtered": filtered,
        "filter_description": filter_form.description(),
        "pagination": _pagination(request, page),
        "can_edit": can_edit_case(request.user, case),
        "can_change_entries": can_edit_case(request.user, case)
        and not access.works_with_the_person_using_abuse(request.user),
        "shows": partial(access.may_see, request.user),
    }
