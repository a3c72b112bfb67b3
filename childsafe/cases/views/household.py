"""The household's forms: people, addresses, contact details and relationships."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from childsafe.cases import access, services
from childsafe.cases.forms import AddressForm, ContactDetailForm, PersonForm, RelationshipForm
from childsafe.cases.models import Address, Case, ContactDetail, Person, Relationship
from childsafe.cases.views.common import editable_case, posted, render_form


def _case_url(case: Case, anchor: str = "people") -> str:
    return f"{reverse('cases:detail', args=[case.pk])}#{anchor}"


def _person_in(case: Case, person_id: str) -> Person:
    person = Person.objects.filter(case=case, pk=person_id).first()
    if person is None:
        raise Http404("No such person in this case")
    return person


NOT_FOR_YOUR_ORGANISATION = (
    "Your organisation works with the person using abusive behaviours, so it does not change the details of the "
    "rest of the household"
)


def _require_household_changes(request: HttpRequest, case: Case) -> None:
    if not access.can_change_household(request.user, case):
        raise PermissionDenied(NOT_FOR_YOUR_ORGANISATION)


def _require_person_changes(request: HttpRequest, case: Case, person: Person) -> None:
    if not access.can_change_person(request.user, case, person):
        raise PermissionDenied(NOT_FOR_YOUR_ORGANISATION)


def _mask_confidential_addresses(form: PersonForm, request: HttpRequest, case: Case) -> None:
    if not access.can_see_confidential_locations(request.user, case):
        form.fields["address"].label_from_instance = lambda address: (
            f"Confidential location ({address.get_kind_display().lower()})"
            if address.is_confidential_location
            else str(address)
        )


@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    _require_household_changes(request, case)
    form = PersonForm(
        posted(request),
        case=case,
        initial={"role_in_case": request.GET.get("role", "")},
    )
    _mask_confidential_addresses(form, request, case)
    if request.method == "POST" and form.is_valid():
        person = form.save(commit=False)
        person.case = case
        services.save_record(person, by=request.user, request=request, changed=form.changed_data, creating=True)
        messages.success(request, f"{person.display_name} added to the case.")
        return redirect(_case_url(case))
    return render_form(
        request, case=case, form=form, title="Add a person", submit_text="Save person", cancel_url=_case_url(case)
    )


@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, case_id: str, person_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    person = _person_in(case, person_id)
    _require_person_changes(request, case, person)
    form = PersonForm(posted(request), instance=person, case=case)
    _mask_confidential_addresses(form, request, case)
    if access.works_with_the_person_using_abuse(request.user):
        # The other addresses in the case are where she and the children live: offer only his own.
        form.fields["address"].queryset = Address.objects.filter(case=case, pk=person.address_id)
    if request.method == "POST" and form.is_valid():
        services.save_record(
            form.save(commit=False), by=request.user, request=request, changed=form.changed_data, creating=False
        )
        messages.success(request, f"Details of {person.display_name} saved.")
        return redirect(_case_url(case))
    if request.method == "GET":
        services.record_view(request.user, person, request)
    return render_form(
        request,
        case=case,
        form=form,
        title=f"Change details of {person.display_name}",
        submit_text="Save changes",
        cancel_url=_case_url(case),
    )


def _address_in(request: HttpRequest, case: Case, address_id: str) -> Address:
    address = Address.objects.filter(case=case, pk=address_id).first()
    if address is None or (
        address.is_confidential_location and not access.can_see_confidential_locations(request.user, case)
    ):
        raise Http404("No such address in this case")
    return address


@require_http_methods(["GET", "POST"])
def add_address(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    if not access.can_see_confidential_locations(request.user, case):
        raise PermissionDenied("Only the lead organisation records where the family lives")
    form = AddressForm(posted(request))
    if request.method == "POST" and form.is_valid():
        address = form.save(commit=False)
        address.case = case
        services.save_record(address, by=request.user, request=request, changed=form.changed_data, creating=True)
        messages.success(request, "Address added. Choose it on each person who lives there.")
        return redirect(_case_url(case, "addresses"))
    return render_form(
        request,
        case=case,
        form=form,
        title="Add an address",
        submit_text="Save address",
        cancel_url=_case_url(case, "addresses"),
        intro="Mark a refuge or any address the person using abusive behaviours must not learn as a confidential "
        "location. It will then be hidden from every other organisation and from documents they receive.",
    )


@require_http_methods(["GET", "POST"])
def edit_address(request: HttpRequest, case_id: str, address_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    if not access.can_see_confidential_locations(request.user, case):
        raise PermissionDenied("Only the lead organisation records where the family lives")
    address = _address_in(request, case, address_id)
    form = AddressForm(posted(request), instance=address)
    if request.method == "POST" and form.is_valid():
        services.save_record(
            form.save(commit=False), by=request.user, request=request, changed=form.changed_data, creating=False
        )
        messages.success(request, "Address saved.")
        return redirect(_case_url(case, "addresses"))
    if request.method == "GET":
        services.record_view(request.user, address, request)
    return render_form(
        request,
        case=case,
        form=form,
        title="Change an address",
        submit_text="Save changes",
        cancel_url=_case_url(case, "addresses"),
    )


@require_http_methods(["GET", "POST"])
def add_contact_detail(request: HttpRequest, case_id: str, person_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    person = _person_in(case, person_id)
    _require_person_changes(request, case, person)
    form = ContactDetailForm(posted(request))
    if request.method == "POST" and form.is_valid():
        detail = form.save(commit=False)
        detail.person = person
        if not access.can_see_confidential_locations(request.user, case):
            # A partner may add a way to reach someone, but cannot see it afterwards if it is confidential.
            messages.info(request, "Confidential contact details are visible only to the lead organisation.")
        services.save_record(detail, by=request.user, request=request, changed=form.changed_data, creating=True)
        messages.success(request, f"Contact detail added for {person.display_name}.")
        return redirect(_case_url(case))
    return render_form(
        request,
        case=case,
        form=form,
        title=f"Add a contact detail for {person.display_name}",
        submit_text="Save contact detail",
        cancel_url=_case_url(case),
    )


@require_http_methods(["GET", "POST"])
def remove_contact_detail(request: HttpRequest, case_id: str, detail_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    detail = ContactDetail.objects.filter(person__case=case, pk=detail_id).select_related("person").first()
    if detail is None or (
        detail.is_confidential_location and not access.can_see_confidential_locations(request.user, case)
    ):
        raise Http404("No such contact detail in this case")
    _require_person_changes(request, case, detail.person)
    if request.method == "POST":
        services.remove_record(detail, by=request.user, request=request)
        messages.success(request, f"Contact detail removed from {detail.person.display_name}.")
        return redirect(_case_url(case))
    services.record_view(request.user, detail, request)  # the page shows the detail itself
    return render(
        request, "cases/confirm_remove.html", {"case": case, "thing": str(detail), "cancel_url": _case_url(case)}
    )


@require_http_methods(["GET", "POST"])
def add_relationship(request: HttpRequest, case_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    _require_household_changes(request, case)
    form = RelationshipForm(posted(request), case=case)
    if request.method == "POST" and form.is_valid():
        relationship = form.save(commit=False)
        relationship.case = case
        services.save_record(relationship, by=request.user, request=request, changed=form.changed_data, creating=True)
        messages.success(request, "Relationship added.")
        return redirect(_case_url(case, "relationships"))
    return render_form(
        request,
        case=case,
        form=form,
        title="Add a relationship",
        submit_text="Save relationship",
        cancel_url=_case_url(case, "relationships"),
        intro="Read it as a sentence: Darren is the parent of Mia.",
    )


@require_http_methods(["GET", "POST"])
def remove_relationship(request: HttpRequest, case_id: str, relationship_id: str) -> HttpResponse:
    case = editable_case(request, case_id)
    _require_household_changes(request, case)
    relationship = (
        Relationship.objects.filter(case=case, pk=relationship_id).select_related("person", "other_person").first()
    )
    if relationship is None:
        raise Http404("No such relationship in this case")
    if request.method == "POST":
        services.remove_record(relationship, by=request.user, request=request)
        messages.success(request, "Relationship removed.")
        return redirect(_case_url(case, "relationships"))
    return render(
        request,
        "cases/confirm_remove.html",
        {"case": case, "thing": str(relationship), "cancel_url": _case_url(case, "relationships")},
    )
