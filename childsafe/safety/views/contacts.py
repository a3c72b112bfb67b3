"""Contact with the parent using abuse: plan it, answer the safety check, record what happened, follow up with
the non-abusing parent. Each step calls one transition in `services`; a step the contact's state does not allow
shows a plain page saying why (409), and a POST that a transition refuses shows its message on the form."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from childsafe.cases.models import Address, Case, ContactDetail, Person
from childsafe.cases.views.common import posted
from childsafe.safety import access, services
from childsafe.safety.checks import check_answers, disclosure_reminders
from childsafe.safety.forms import ContactForm, FollowUpForm, OutcomeForm, SafetyCheckForm
from childsafe.safety.models import ContactFollowUp, ContactSafetyCheck, PlannedContact, SafetyPlan, WorkerSafetyFlag
from childsafe.safety.queries import active_flags_for_case, people_needing_plans, plans_not_reviewed_since
from childsafe.safety.views.common import form_page_context, in_case, safety_case, safety_page_url

Status = PlannedContact.Status
ANCHOR = "#contacts"


def _contact(case: Case, contact_id: uuid.UUID) -> PlannedContact:
    return in_case(PlannedContact.objects.select_related("person"), case, contact_id, "contact")


def _contact_url(contact: PlannedContact) -> str:
    return reverse("safety:contact", args=[contact.case_id, contact.pk])


def _refused(request: HttpRequest, case: Case, contact: PlannedContact, message: str) -> HttpResponse:
    return render(
        request,
        "safety/refused.html",
        {"case": case, "message": message, "back": _contact_url(contact)},
        status=409,
    )


def _by_person(flags: list[WorkerSafetyFlag]) -> dict[Any, list[WorkerSafetyFlag]]:
    grouped: dict[Any, list[WorkerSafetyFlag]] = {}
    for flag in flags:
        grouped.setdefault(flag.person_id, []).append(flag)
    return grouped


def _non_abusing_parent(people: list[Person]) -> Person | None:
    return next((p for p in people if p.role_in_case == Person.RoleInCase.NON_ABUSING_PARENT), None)


def _contact_form_page(request, case, form, flags, *, heading, submit_text, back) -> HttpResponse:
    return render(
        request,
        "safety/contact_form.html",
        {
            "case": case,
            "form": form,
            "flags": flags,
            "heading": heading,
            "submit_text": submit_text,
            "back": back,
            **form_page_context(),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_contact(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    people = list(Person.objects.filter(case=case))
    flags = active_flags_for_case(case)
    form = ContactForm(posted(request), people=people, flags_by_person=_by_person(flags))
    if request.method == "GET":
        services.record_read(request.user, case, request, object_type="planned_contact_form")
    if form.is_valid():
        try:
            contact = services.plan_contact(
                case, form.cleaned_data["person"], form.plan(), by=request.user, request=request
            )
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Contact planned. Complete the safety check before it goes ahead.")
            return redirect(_contact_url(contact))
    return _contact_form_page(
        request,
        case,
        form,
        flags,
        heading="Plan a contact with the parent using abuse",
        submit_text="Save and continue",
        back=safety_page_url(case, ANCHOR),
    )


@require_http_methods(["GET", "POST"])
def edit_contact(request: HttpRequest, case_id: uuid.UUID, contact_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    contact = _contact(case, contact_id)
    if contact.status != Status.PLANNED:
        return _refused(request, case, contact, "Only a contact still waiting for its safety check can be changed.")
    people = list(Person.objects.filter(case=case))
    flags = active_flags_for_case(case)
    initial = {
        "person": str(contact.person_id),
        **{name: getattr(contact, name) for name in services.CONTACT_FIELDS},
    }
    form = ContactForm(posted(request), people=people, flags_by_person=_by_person(flags), initial=initial)
    if request.method == "GET":
        services.record_read(request.user, contact, request)
    if form.is_valid():
        try:
            changed = services.update_contact(contact, form.plan(), by=request.user, request=request)
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Contact plan changed" if changed else "No changes were made")
            return redirect(_contact_url(contact))
    form.fields["person"].disabled = True
    return _contact_form_page(
        request,
        case,
        form,
        flags,
        heading="Change the plan for this contact",
        submit_text="Save changes",
        back=_contact_url(contact),
    )


@require_GET
def contact_detail(request: HttpRequest, case_id: uuid.UUID, contact_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id)
    contact = _contact(case, contact_id)
    check = ContactSafetyCheck.objects.filter(contact=contact).first()
    done = ContactFollowUp.objects.filter(contact=contact).first()
    flags = active_flags_for_case(case)
    services.record_read(request.user, contact, request)
    can_change = access.can_change_safety_plans(request.user, case)
    # Safety plans are reviewed at each contact with her: once the follow-up is recorded, offer each plan not
    # reviewed since (this page is where recording the follow-up lands).
    to_review = plans_not_reviewed_since(case, done.followed_up_on) if done and can_change else []
    return render(
        request,
        "safety/contact_detail.html",
        {
            "case": case,
            "contact": contact,
            "check": check,
            "missing": services.unanswered(contact, check) if contact.status == Status.PLANNED else {},
            "follow_up": done,
            "plans_to_review": to_review,
            "flags": flags,
            "can_change": can_change,
            "back": safety_page_url(case, ANCHOR),
            "today": _today(),
        },
    )


def _reminders(case: Case, people: list[Person]):
    addresses = Address.objects.filter(case=case, is_confidential_location=True).values_list("kind", flat=True)
    kinds = [str(Address.Kind(kind).label).lower() for kind in addresses]
    planned_ids = set(SafetyPlan.objects.filter(case=case).values_list("person_id", flat=True))
    children = [p for p in people if p.is_child]
    return disclosure_reminders(
        confidential_address_kinds=kinds,
        has_confidential_contact_details=ContactDetail.objects.filter(
            person__case=case, is_confidential_location=True
        ).exists(),
        children_with_school=[p.known_as or p.first_name for p in children if p.school_or_setting],
        people_with_safety_plans=[
            p.known_as or p.first_name for p in people_needing_plans(people) if p.pk in planned_ids
        ],
        has_children=bool(children),
    )


@require_http_methods(["GET", "POST"])
def contact_check(request: HttpRequest, case_id: uuid.UUID, contact_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    contact = _contact(case, contact_id)
    if contact.status != Status.PLANNED:
        return _refused(request, case, contact, "The safety check for this contact is already complete.")
    people = list(Person.objects.filter(case=case))
    flags = [flag for flag in active_flags_for_case(case) if flag.person_id == contact.person_id]
    check = ContactSafetyCheck.objects.filter(contact=contact).first()
    reminders = _reminders(case, people)
    if check is not None:
        initial = check_answers(check)
    else:
        initial = {"must_not_disclose": [reminder.kind for reminder in reminders]}
    completing = request.method == "POST" and "complete" in request.POST
    form = SafetyCheckForm(
        posted(request),
        initial=initial,
        flags=flags,
        completing=completing,
        non_abusing_parent=_non_abusing_parent(people),
    )
    if request.method == "GET":
        services.record_read(request.user, check or contact, request)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.save_safety_check(contact, form.answers(), by=request.user, request=request)
                if completing:
                    services.complete_safety_check(contact, by=request.user, request=request)
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            if completing:
                messages.success(request, "Safety check complete: the contact is ready to go ahead")
            else:
                messages.success(request, "Safety check saved. It is not complete yet.")
            return redirect(_contact_url(contact))
    return render(
        request,
        "safety/check_form.html",
        {
            "case": case,
            "contact": contact,
            "form": form,
            "flags": flags,
            "reminders": reminders,
            "back": _contact_url(contact),
            **form_page_context(),
        },
    )


@require_http_methods(["GET", "POST"])
def record_outcome(request: HttpRequest, case_id: uuid.UUID, contact_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    contact = _contact(case, contact_id)
    if contact.status not in {Status.PLANNED, Status.CHECKED}:
        return _refused(request, case, contact, "What happened at this contact has already been recorded.")
    form = OutcomeForm(posted(request), contact=contact)
    if request.method == "GET":
        services.record_read(request.user, contact, request)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outcome(
                contact,
                took_place=data["took_place"],
                outcome_on=data["outcome_on"],
                notes=data["notes"],
                by=request.user,
                request=request,
            )
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            due = contact.follow_up_due
            messages.success(
                request,
                f"Recorded. Follow up with the non-abusing parent or her support worker by {due.day} {due:%B %Y}.",
            )
            return redirect(_contact_url(contact))
    return render(
        request,
        "safety/outcome_form.html",
        {"case": case, "contact": contact, "form": form, "back": _contact_url(contact), **form_page_context()},
    )


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, case_id: uuid.UUID, contact_id: uuid.UUID) -> HttpResponse:
    case = safety_case(request, case_id, change=True)
    contact = _contact(case, contact_id)
    if contact.status not in {Status.HAPPENED, Status.DID_NOT_HAPPEN}:
        message = (
            "This contact has already been followed up."
            if contact.status == Status.FOLLOWED_UP
            else "The follow-up is recorded after the contact has happened or been called off."
        )
        return _refused(request, case, contact, message)
    form = FollowUpForm(posted(request), contact=contact)
    if request.method == "GET":
        services.record_read(request.user, contact, request)
    if form.is_valid():
        try:
            services.record_follow_up(contact, form.answers(), by=request.user, request=request)
        except services.SafetyActionRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, "Follow-up recorded")
            return redirect(_contact_url(contact))
    return render(
        request,
        "safety/follow_up_form.html",
        {
            "case": case,
            "contact": contact,
            "form": form,
            # The follow-up may be a visit to her: the case's worker safety flags come first.
            "flags": active_flags_for_case(case),
            "back": _contact_url(contact),
            "today": _today(),
            **form_page_context(),
        },
    )


def _today() -> dt.date:
    return timezone.localdate()
