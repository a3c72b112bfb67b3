"""A case's referrals: the referrals page, making a referral, changing its status, a referral's own page with its
history and programme attendance, and the referrals panel on the case overview (`overview_panel`).

Access comes from `cases.access` (404 for anyone the case is not shared with; 403 on changes to a closed case)
and `services.access` (what a programme organisation or a partner may know of each referral). Every read of these
pages is logged; every change is logged by `referrals.py` and `attendance.py` in its own transaction.
The directory's pages are in `directory_views.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.access import can_edit_case, get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.cases.views.common import case_header, editable_case, posted
from childsafe.services import access, attendance, engagement
from childsafe.services.attendance import Progress, hours_text
from childsafe.services.catalogue import programme_standard, tier_from_text, tiers
from childsafe.services.forms import ReferralForm, SessionForm, StatusForm
from childsafe.services.matching import household_order, proposals_for_household
from childsafe.services.models import Referral, ReferralStatusChange, Service
from childsafe.services.referrals import ReferralRefused, allowed_next, change_status, refer, refer_to_programme


@dataclass(frozen=True)
class ReferralRow:
    """A referral as one user may see it: `in_full` False means only that it exists (a location-revealing service)."""

    referral: Referral
    in_full: bool
    progress: Progress | None
    can_update: bool


def _log_view(request: HttpRequest, object_type: str, object_id: Any, case: Case) -> None:
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditEntry.Action.VIEW,
            object_type=object_type,
            object_id=object_id,
            case_id=case.pk,
            request=request,
        )


def _rows(request: HttpRequest, case: Case, loaded: engagement.LoadedReferrals) -> list[ReferralRow]:
    user = request.user
    editable = can_edit_case(user, case)
    rows = []
    for referral in loaded.referrals:
        if not access.may_know_of(user, referral):
            continue
        in_full = access.sees_referral_in_full(user, case, referral)
        result = None
        if referral.service.is_behaviour_change_programme and in_full:
            result = attendance.progress(loaded.sessions.get(referral.pk, []))
        rows.append(
            ReferralRow(referral, in_full, result, editable and in_full and bool(allowed_next(referral.status)))
        )
    return rows


def _by_person(rows: list[ReferralRow], people: list[Person]) -> list[tuple[Person, list[ReferralRow]]]:
    grouped: dict[Any, list[ReferralRow]] = defaultdict(list)
    for row in rows:
        grouped[row.referral.person_id].append(row)
    return [(person, grouped[person.pk]) for person in people if grouped[person.pk]]


def overview_panel(request: HttpRequest, case: Case, people: list[Person]) -> dict[str, Any] | None:
    """Open referrals by person, their status and days waiting, and what needs attention. Two queries, always."""
    loaded = engagement.load_referrals(case)
    rows = _rows(request, case, loaded)
    today = timezone.localdate()
    ordered = household_order(access.people_for_referrals(request.user, case, people), today)
    shown = [row for row in rows if row.referral.is_open]
    visible_referrals = [row.referral for row in rows]
    return {
        "template": "services/_overview_panel.html",
        "referrals_by_person": _by_person(shown, ordered),
        # Signals only from referrals this user may know of; the warning from all of them (it names no service).
        "signals": engagement.signals_from(visible_referrals, loaded.sessions),
        "warnings": engagement.partner_support_warnings(loaded.referrals, people),
        "referral_count": len(rows),
        "today": today,
        "hours_text": hours_text,
    }


def _tier_from(request: HttpRequest) -> int | None:
    return tier_from_text(request.GET.get("tier", ""))


@require_GET
def case_referrals(request: HttpRequest, case_id: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    today = timezone.localdate()
    people = household_order(Person.objects.filter(case=case), today)
    loaded = engagement.load_referrals(case)
    rows = _rows(request, case, loaded)
    history: dict[Any, list[ReferralStatusChange]] = defaultdict(list)
    changes = list(ReferralStatusChange.objects.filter(referral__case=case).select_related("changed_by"))
    access.withhold_others_words(request.user, changes, "reason", "changed_by")
    for change in changes:
        history[change.referral_id].append(change)
    tier = _tier_from(request)
    tier_error = "Select a tier of need from the list" if "tier" in request.GET and tier is None else None
    proposals = proposals_for_household(case, tier=tier, today=today, for_user=request.user) if tier else None
    visible_referrals = [row.referral for row in rows]
    _log_view(request, "case_referrals", case.pk, case)
    context = {
        "case": case,
        "referrals_by_person": _by_person(rows, access.people_for_referrals(request.user, case, people)),
        "history": history,
        "signals": engagement.signals_from(visible_referrals, loaded.sessions),
        "warnings": engagement.partner_support_warnings(loaded.referrals, people),
        "can_edit": can_edit_case(request.user, case),
        "tier": tier,
        "tier_error": tier_error,
        "tiers": tiers(),
        "proposals": proposals,
        "standard": programme_standard(),
        "hours_text": hours_text,
        "today": today,
        **case_header(case, "services:case_referrals", people),
    }
    return render(request, "services/case_referrals.html", context)


def _partner_for(case: Case, people: list[Person], referrals: list[Referral]) -> Person | None:
    """The non-abusing parent to offer partner support, unless an open partner support referral is in place."""
    partner = next((person for person in people if person.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT), None)
    if partner is None:
        return None
    return None if engagement.partner_support_in_place(referrals, partner) else partner


@require_http_methods(["GET", "POST"])
def new_referral(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    today = timezone.localdate()
    household = household_order(Person.objects.filter(case=case), today)
    people = access.people_for_referrals(request.user, case, household)
    services = list(Service.objects.filter(is_active=True).order_by("name"))
    existing = list(Referral.objects.filter(case=case).select_related("service"))
    # A programme organisation refers only the parent using abuse: the lead organisation links partner support.
    partner = None if access.works_for_programme(request.user) else _partner_for(case, household, existing)
    initial: dict[str, Any] = {"referred_on": today}
    for name in ("person", "service"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    form = ReferralForm(posted(request), initial=initial, case=case, people=people, services=services, partner=partner)
    if request.method == "POST" and form.is_valid():
        person, service = form.cleaned_data["person"], form.cleaned_data["service"]
        try:
            if service.is_behaviour_change_programme:
                partner_service = form.chosen_partner_service
                _, partner_referral = refer_to_programme(
                    case,
                    person,
                    service,
                    reason=form.cleaned_data["reason"],
                    on=form.cleaned_data["referred_on"],
                    by=request.user,
                    partner=partner if partner_service else None,
                    partner_service=partner_service,
                    partner_reason=form.cleaned_data["partner_reason"],
                    request=request,
                )
            else:
                partner_referral = None
                refer(
                    case,
                    person,
                    service,
                    reason=form.cleaned_data["reason"],
                    on=form.cleaned_data["referred_on"],
                    by=request.user,
                    request=request,
                )
        except ReferralRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            text = f"Referral of {person.known_as or person.first_name} to {service.name} sent."
            if partner_referral is not None:
                text += f" Partner support referral to {partner_referral.service.name} sent too."
            messages.success(request, text)
            return redirect("services:case_referrals", case.pk)
    return render(
        request,
        "services/referral_form.html",
        {
            "case": case,
            "form": form,
            "partner": partner,
            "back": reverse("services:case_referrals", args=[case.pk]),
        },
    )


@require_GET
def referral_detail(request: HttpRequest, case_id: str, referral_id: str) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    referral = access.get_referral_for_user(request.user, case, referral_id)
    history = list(ReferralStatusChange.objects.filter(referral=referral).select_related("changed_by"))
    sessions = (
        list(referral.sessions.select_related("recorded_by")) if referral.service.is_behaviour_change_programme else []
    )
    access.withhold_others_words(request.user, history, "reason", "changed_by")
    access.withhold_others_words(request.user, sessions, "note", "recorded_by")
    _log_view(request, "referral", referral.pk, case)
    can_edit = can_edit_case(request.user, case)
    return render(
        request,
        "services/referral_detail.html",
        {
            "case": case,
            "referral": referral,
            "history": history,
            "sessions": sessions,
            "progress": attendance.progress(sessions) if referral.service.is_behaviour_change_programme else None,
            "can_update": can_edit and bool(allowed_next(referral.status)),
            "can_record_session": can_edit and referral.status == Referral.Status.STARTED,
            "hours_text": hours_text,
            "today": timezone.localdate(),
            **case_header(case, "services:case_referrals"),
        },
    )


def _editable_referral(request: HttpRequest, case_id: str, referral_id: str) -> tuple[Case, Referral]:
    case = get_case_for_user(request.user, case_id, request)
    referral = access.get_referral_for_user(request.user, case, referral_id)
    if not can_edit_case(request.user, case):
        raise PermissionDenied("This case is closed: reopen it to change its referrals")
    return case, referral


@require_http_methods(["GET", "POST"])
def update_referral_status(request: HttpRequest, case_id: str, referral_id: str) -> HttpResponse:
    case, referral = _editable_referral(request, case_id, referral_id)
    form = StatusForm(posted(request), initial={"on": timezone.localdate()}, referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            change_status(
                referral,
                form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ReferralRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            name = referral.person.known_as or referral.person.first_name
            messages.success(
                request, f"Referral of {name} to {referral.service.name}: {referral.get_status_display()}."
            )
            return redirect("services:case_referrals", case.pk)
    if request.method == "GET":
        _log_view(request, "referral", referral.pk, case)  # the form shows the referral: opening it is a read
    return render(
        request,
        "services/status_form.html",
        {
            "case": case,
            "referral": referral,
            "form": form,
            "back": reverse("services:case_referrals", args=[case.pk]),
        },
    )


@require_http_methods(["GET", "POST"])
def record_session(request: HttpRequest, case_id: str, referral_id: str) -> HttpResponse:
    case, referral = _editable_referral(request, case_id, referral_id)
    if not referral.service.is_behaviour_change_programme:
        raise Http404("Sessions are recorded only for behaviour-change programmes")
    back = reverse("services:referral_detail", args=[case.pk, referral.pk])
    form = SessionForm(posted(request), initial={"attended": None}, referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            attendance.record_session(
                referral,
                held_on=form.cleaned_data["held_on"],
                planned_hours=form.cleaned_data["planned_hours"],
                attended=form.cleaned_data["attended"] == "yes",
                hours_attended=form.cleaned_data["hours_attended"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ReferralRefused as refusal:
            form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        else:
            messages.success(request, "Session recorded.")
            return redirect(back)
    if request.method == "GET":
        _log_view(request, "referral", referral.pk, case)
    return render(
        request,
        "services/session_form.html",
        {"case": case, "referral": referral, "form": form, "back": back},
    )
