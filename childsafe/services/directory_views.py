"""The service directory's pages: everyone signed in may browse and search it; administrators add, change,
deactivate and reactivate services, and export and import the directory as CSV (with a preview before applying).

The directory is not personal data, so reading it is not logged; every change, export and import is, with
object type "service".
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.views.common import posted
from childsafe.services import access, catalogue, csv_io, directory
from childsafe.services.forms import DirectoryFilterForm, ImportForm, ServiceForm
from childsafe.services.models import Service

PAGE_SIZE = 25
IMPORT_SESSION_KEY = "services_import"


def _require_browser(request: HttpRequest) -> None:
    if not access.can_browse_directory(request.user):
        raise PermissionDenied("Sign in to see the service directory")


def _require_administrator(request: HttpRequest) -> None:
    if not access.can_manage_directory(request.user):
        raise PermissionDenied("Only administrators can change the service directory")


def _service(service_id: uuid.UUID) -> Service:
    service = Service.objects.filter(pk=service_id).first()
    if service is None:
        raise Http404("No such service")
    return service


def _all_areas() -> list[str]:
    areas: dict[str, str] = {}
    for service_areas in Service.objects.values_list("areas", flat=True):
        for area in service_areas or []:
            areas.setdefault(area.casefold(), area)
    return list(areas.values())


@require_GET
def directory_list(request: HttpRequest) -> HttpResponse:
    _require_browser(request)
    can_manage = access.can_manage_directory(request.user)
    form = DirectoryFilterForm(request.GET or None, areas=_all_areas(), can_see_inactive=can_manage)
    services = form.apply(Service.objects.all())
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "services/directory.html",
        {
            "form": form,
            "page": page,
            "total": len(services),
            "page_query": query.urlencode(),
            "can_manage": can_manage,
        },
    )


@require_GET
def service_detail(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    _require_browser(request)
    service = _service(service_id)
    return render(
        request,
        "services/service_detail.html",
        {"service": service, "can_manage": access.can_manage_directory(request.user), "tiers": catalogue.tiers()},
    )


def _render_service_form(request: HttpRequest, form: ServiceForm, title: str, back: str) -> HttpResponse:
    return render(
        request,
        "services/service_form.html",
        {"form": form, "title": title, "back": back, "service_types": catalogue.service_types()},
    )


@require_http_methods(["GET", "POST"])
def add_service(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = ServiceForm(posted(request))
    if request.method == "POST" and form.is_valid():
        service = Service(key=form.cleaned_data["key"] or directory.unique_key_for(form.cleaned_data["name"]))
        changed = form.apply_to(service)
        directory.save_service(service, by=request.user, changed=["key", *changed], creating=True, request=request)
        messages.success(request, f"{service.name} added to the directory.")
        return redirect("services:service_detail", service.pk)
    return _render_service_form(request, form, "Add a service", reverse("services:directory"))


@require_http_methods(["GET", "POST"])
def edit_service(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    _require_administrator(request)
    service = _service(service_id)
    form = ServiceForm(posted(request), instance=service)
    back = reverse("services:service_detail", args=[service.pk])
    if request.method == "POST" and form.is_valid():
        changed = form.apply_to(service)
        if changed:
            directory.save_service(service, by=request.user, changed=changed, creating=False, request=request)
            messages.success(request, f"{service.name} saved.")
        return redirect(back)
    return _render_service_form(request, form, f"Change {service.name}", back)


@require_http_methods(["GET", "POST"])
def deactivate_service(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    _require_administrator(request)
    service = _service(service_id)
    if request.method == "POST":
        directory.set_active(service, False, by=request.user, request=request)
        messages.success(request, f"{service.name} is no longer active: it will not be proposed or referred to.")
        return redirect("services:service_detail", service.pk)
    return render(request, "services/deactivate.html", {"service": service, "open_referrals": _open_referrals(service)})


def _open_referrals(service: Service) -> int:
    return service.referrals.filter(status__in=["sent", "accepted", "waiting", "started"]).count()


@require_POST
def reactivate_service(request: HttpRequest, service_id: uuid.UUID) -> HttpResponse:
    _require_administrator(request)
    service = _service(service_id)
    directory.set_active(service, True, by=request.user, request=request)
    messages.success(request, f"{service.name} is active again.")
    return redirect("services:service_detail", service.pk)


@require_POST
def export_directory(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    services = list(Service.objects.order_by("key"))
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditEntry.Action.EXPORT,
            object_type="service",
            object_id="directory",
            request=request,
        )
    response = HttpResponse(csv_io.export_csv(services), content_type="text/csv; charset=utf-8")
    filename = f"service-directory-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _render_import(
    request: HttpRequest, form: ImportForm, plan: csv_io.ImportPlan | None = None, failure: str = ""
) -> HttpResponse:
    problems = plan.problems if plan else []
    return render(
        request,
        "services/import.html",
        {
            "form": form,
            "problems": problems[: csv_io.SHOWN_PROBLEMS],
            "more_problems": max(0, len(problems) - csv_io.SHOWN_PROBLEMS),
            "columns": csv_io.COLUMNS,
            "service_types": catalogue.service_types(),
            "failure": failure,
        },
    )


@require_http_methods(["GET", "POST"])
def import_directory(request: HttpRequest) -> HttpResponse:
    """Upload a CSV file: every row is checked; if all are right, a preview of what will change, to confirm."""
    _require_administrator(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _render_import(request, form)
    upload = form.cleaned_data["file"]
    if upload.size > csv_io.MAX_FILE_BYTES:
        form.add_error("file", "The file must be smaller than 1 MB: split it into smaller files")
        return _render_import(request, form)
    data = upload.read()
    plan = csv_io.plan_import(data)
    if not plan.ok:
        form.add_error("file", "The file has problems: nothing has been imported. Correct them and upload it again")
        return _render_import(request, form, plan)
    token = csv_io.fingerprint(data)
    # Kept in the (database-backed) session until confirmed, so the file is not uploaded twice.
    request.session[IMPORT_SESSION_KEY] = {"token": token, "data": data.decode("utf-8-sig")}
    return render(request, "services/import_preview.html", {"plan": plan, "token": token})


@require_POST
def confirm_import(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    pending = request.session.get(IMPORT_SESSION_KEY)
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.success(request, "That import was already applied or has expired: upload the file again.")
        return redirect("services:import_directory")
    data = pending["data"].encode("utf-8")
    try:
        plan = csv_io.apply_import(data, by=request.user, request=request)
    except csv_io.ImportFailed as failed:
        failure = "The directory changed since the preview and the file now has problems: nothing has been imported"
        return _render_import(request, ImportForm(), failed.plan, failure)
    del request.session[IMPORT_SESSION_KEY]
    messages.success(
        request,
        f"Import applied: {len(plan.creates)} added, {len(plan.updates)} changed, {plan.unchanged} unchanged.",
    )
    return redirect("services:directory")
