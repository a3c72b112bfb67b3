"""The case page and the case's own forms: open, edit, close, reopen, share."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.assessments.views import overview_panel as assessments_panel
from childsafe.cases import access, services
from childsafe.cases.forms import CaseForm, CloseCaseForm, ShareCaseForm
from childsafe.cases.models import Address, CaseShare, ContactDetail, Person, Relationship
from childsafe.cases.views.common import case_header, children_oldest_first, editable_case, posted, render_form
from childsafe.chronology.views import chronology_section
from childsafe.plans.views import overview_panel as plans_panel
from childsafe.safety.views import overview_panel as safety_panel
from childsafe.services.views import overview_panel as referrals_panel

# Panels on the case overview, each owned by its domain app, in the order a practitioner reads a case:
# worker safety first, then risk and need, the plan, and the services involved. Each takes
# (request, case, people) and returns the context for its own template (with a "template" key) or None.
OVERVIEW_PANELS = (safety_panel, assessments_panel, plans_panel, referrals_panel)


def _require_case_worker(request: HttpRequest) -> None:
    if not request.user.works_on_cases or request.user.organisation_id is None:
        raise PermissionDenied("Your role does not work on case records")


@require_http_methods(["GET", "POST"])
def create_case(request: HttpRequest) -> HttpResponse:
    _require_case_worker(request)
    organisation = request.user.organisation
    initial = {"opened_on": timezone.localdate(), "allocated_worker": request.user, "team": request.user.team}
    form = CaseForm(posted(request), initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        case = services.open_case(
            by=request.user,
            request=request,
            summary=form.cleaned_data["summary"],
            opened_on=form.cleaned_data["opened_on"],
            team=form.cleaned_data["team"],
            allocated_worker=form.cleaned_data["allocated_worker"],
        )
        messages.success(request, f"Case {case.reference} opened. Now add the people in the household.")
        return redirect("cases:detail", case.pk)
    return render_form(
        request,
        case=None,
        form=form,
        title="Open a case",
        submit_text="Open case",
        cancel_url=reverse("cases:caseload"),
        intro=f"The case will be led by {organisation.name} and visible only to organisations you share it with.",
    )


@require_GET
def case_detail(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, request)
    contact_details = Prefetch("contact_details", queryset=ContactDetail.objects.order_by("kind", "value"))
    people = list(
        Person.objects.filter(case=case)
        .select_related("address")
        .prefetch_related(contact_details)
        .order_by("date_of_birth", "first_name")
    )
    access.redact_people(request.user, people)
    today = timezone.localdate()
    children = children_oldest_first(people)
    adults = sorted((person for person in people if not person.is_child), key=lambda adult: adult.role_in_case)
    # The people already loaded (and redacted for this user) stand in for each relationship's two ends.
    people_by_id = {person.pk: person for person in people}
    relationships = list(Relationship.objects.filter(case=case))
    for relationship in relationships:
        relationship.person = people_by_id[relationship.person_id]
        relationship.other_person = people_by_id[relationship.other_person_id]
    addresses = list(Address.objects.filter(case=case))
    shares = list(CaseShare.objects.filter(case=case).select_related("organisation").order_by("organisation__name"))
    services.record_view(request.user, case, request)
    context = {
        "case": case,
        "children": children,
        "adults": adults,
        "relationships": relationships,
        "addresses": addresses,
        "shares": shares,
        "can_edit": access.can_edit_case(request.user, case),
        "can_change_details": access.can_change_case_details(request.user, case),
        "can_change_status": access.can_change_status(request.user, case),
        "can_share": access.can_share_case(request.user, case),
        "can_see_confidential": access.can_see_confidential_locations(request.user, case),
        "can_see_access_log": access.can_see_access_log(request.user, case),
        "can_change_household": access.can_change_household(request.user, case),
        "can_change_person": partial(access.can_change_person, request.user, case),
        "shows": partial(access.may_see, request.user),
        "nameable_shares": [share for share in shares if access.may_name_agency(request.user, share.organisation)],
        "today": today,
        "overview_panels": [panel for panel in (make(request, case, people) for make in OVERVIEW_PANELS) if panel],
        # Earlier closures are shown once a case has been reopened: the case row holds only the latest.
        "closures": services.closures(services.status_history(case)) if case.times_reopened else [],
        **case_header(case, "cases:detail", people),
    }
    context.update(chronology_section(request, case, people))
    return render(request, "cases/detail.html", context)


@require_http_methods(["GET", "POST"])
def edit_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    if not access.can_change_case_details(request.user, case):
        raise PermissionDenied("Only the lead organisation changes who is allocated to the case and why it is open")
    form = CaseForm(posted(request), instance=case, organisation=case.lead_organisation)
    if request.method == "POST" and form.is_valid():
        services.update_case(form.save(commit=False), by=request.user, request=request, changed=form.changed_data)
        messages.success(request, "Case details saved.")
        return redirect("cases:detail", case.pk)
    return render_form(
        request,
        case=case,
        form=form,
        title="Change case details",
        submit_text="Save changes",
        cancel_url=reverse("cases:detail", args=[case.pk]),
    )


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    if not access.can_change_status(request.user, case):
        raise PermissionDenied("Only the allocated worker or a manager in the lead organisation can close a case")
    form = CloseCaseForm(posted(request), initial={"closed_on": timezone.localdate()}, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_case(
                case,
                by=request.user,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                on=form.cleaned_data["closed_on"],
                request=request,
            )
        except services.TransitionNotAllowed:
            # Someone else closed it after this page was opened: say so, and keep what was typed on the page.
            form.add_error(
                None,
                "This case has just been closed by someone else, so it has not been closed again. "
                "Copy anything you need from your closing summary before you leave this page.",
            )
        else:
            messages.success(request, f"Case {case.reference} closed.")
            return redirect("cases:detail", case.pk)
    return render_form(
        request,
        case=case,
        form=form,
        title="Close this case",
        submit_text="Close case",
        cancel_url=reverse("cases:detail", args=[case.pk]),
    )


@require_http_methods(["GET", "POST"])
def reopen_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, request)
    if not access.can_change_status(request.user, case) or case.is_open:
        raise PermissionDenied("Only the allocated worker or a manager in the lead organisation can reopen a case")
    if request.method == "POST":
        try:
            services.reopen_case(case, by=request.user, request=request)
        except services.TransitionNotAllowed:
            messages.info(request, "This case has just been reopened by someone else.")
        else:
            messages.success(request, f"Case {case.reference} reopened.")
        return redirect("cases:detail", case.pk)
    return render(request, "cases/reopen.html", {"case": case})


@require_http_methods(["GET", "POST"])
def share_case(request: HttpRequest, case_id: str) -> HttpResponse:
    case = access.get_case_for_user(request.user, case_id, request)
    if not access.can_share_case(request.user, case):
        raise PermissionDenied("Only the lead organisation can share an open case")
    form = ShareCaseForm(posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        services.share_case(case, organisation, by=request.user, reason=form.cleaned_data["reason"], request=request)
        messages.success(request, f"Case shared with {organisation.name}.")
        return redirect("cases:detail", case.pk)
    return render_form(
        request,
        case=case,
        form=form,
        title="Share this case with another organisation",
        submit_text="Share case",
        cancel_url=reverse("cases:detail", args=[case.pk]),
        intro="Everyone in that organisation who works on cases will be able to see and add to this case. "
        "Confidential locations stay visible only to your organisation.",
    )
