"""The case's documents page and the downloads it posts to.

A download is a POST (with the CSRF token) naming the version and the format. The view checks the user may see the
case (404 otherwise), may make that version (a 403 page saying why otherwise, logged), and for the version for the
parent using abusive behaviours that the worker has said they will check it before sharing. It then builds the
document for that reader, renders it, logs the export in the audit log, and sends it as an attachment that no
browser or proxy keeps.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record
from childsafe.cases.access import get_case_for_user
from childsafe.cases.models import Case, Person
from childsafe.cases.services import record_view
from childsafe.cases.views.common import case_header
from childsafe.disclosure.classes import Audience
from childsafe.disclosure.policy import LEAVES_OUT
from childsafe.documents import catalogue
from childsafe.documents.access import may_produce, reader_for, recipients
from childsafe.documents.render import DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE, render_docx, render_pdf

FORMATS = {"pdf": (render_pdf, PDF_MEDIA_TYPE), "docx": (render_docx, DOCX_MEDIA_TYPE)}
CHECK_ERROR = "Confirm that you will check this version before you share it"
FORMAT_ERROR = "Choose whether to download a PDF or a Word document"
FOR_HER = (
    "It includes her own and her children's safety plans and contact details: give it to her only where it is "
    "safe for her to keep it."
)


@dataclass
class VersionOption:
    """One version of one document on the documents page: who it is for and what it leaves out."""

    form_id: str
    audience: Audience
    heading: str
    recipient: Person | None
    leaves_out: tuple[str, ...]
    description: str
    needs_check: bool
    error: str = ""


@dataclass
class DocumentOption:
    spec: catalogue.DocumentSpec
    versions: list[VersionOption] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def _object_type(kind: str, audience: Audience) -> str:
    return f"document:{kind}:{audience.value}"


def _options(request: HttpRequest, case: Case, people: list[Person], errors: dict[str, str]) -> list[DocumentOption]:
    user = request.user
    lead = case.lead_organisation.name
    options = []
    for spec in catalogue.documents_for(case):
        option = DocumentOption(spec)
        for audience in Audience:
            permission = may_produce(user, case, audience)
            if not permission.allowed:
                option.refused.append(permission.reason)
                continue
            if audience == Audience.PROFESSIONAL:
                reader = reader_for(user, case, audience)
                if reader.sees_confidential_locations:
                    description = (
                        "Everything recorded, including confidential locations. Share it only with professionals "
                        "who need to know."
                    )
                else:
                    description = f"Everything recorded except confidential locations, which only {lead} sees."
                if not reader.sees_safety_plans:
                    description += " Safety plans are not included: your organisation does not read them."
                form_id = f"{spec.slug}-professional"
                option.versions.append(
                    VersionOption(
                        form_id, audience, "For professionals", None, (), description, False, errors.get(form_id, "")
                    )
                )
                continue
            for person in recipients(people, audience):
                form_id = f"{spec.slug}-{audience.value}-{person.pk.hex}"
                role = person.get_role_in_case_display().split(" / ")[0].lower()
                option.versions.append(
                    VersionOption(
                        form_id,
                        audience,
                        f"For {person.display_name}, the {role}",
                        person,
                        LEAVES_OUT[audience],
                        FOR_HER if audience == Audience.NON_ABUSING_PARENT else "",
                        audience == Audience.PARENT_USING_ABUSE,
                        errors.get(form_id, ""),
                    )
                )
        options.append(option)
    return options


def _page(request: HttpRequest, case: Case, errors: dict[str, str] | None = None) -> HttpResponse:
    people = list(Person.objects.filter(case=case).order_by("role_in_case", "date_of_birth", "first_name"))
    errors = errors or {}
    context = {
        "case": case,
        "documents": _options(request, case, people, errors),
        "errors": errors,
        "error_list": [{"text": message, "href": f"#{form_id}-checked"} for form_id, message in errors.items()],
        "check_error": CHECK_ERROR,
        **case_header(case, "documents:case_documents", people),
    }
    return render(request, "documents/case_documents.html", context)


@require_GET
def case_documents(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    # The page names the people a version can be made for: reading it is a read of the case.
    record_view(request.user, case, request)
    return _page(request, case)


def _refuse(request: HttpRequest, case: Case, spec: catalogue.DocumentSpec, audience: Audience, reason: str):
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditEntry.Action.ACCESS_REFUSED,
            object_type=_object_type(spec.kind, audience),
            object_id=spec.object_id,
            case_id=case.pk,
            request=request,
        )
    context = {"case": case, "reason": reason, "document_title": spec.title}
    return render(request, "documents/refused.html", context, status=403)


def _recipient(case: Case, audience: Audience, value: str) -> Person | None:
    """The person a family version is for: one of this case's people in the right role, or 404."""
    if audience == Audience.PROFESSIONAL:
        return None
    try:
        person_id = uuid.UUID(value)
    except ValueError as exc:
        raise Http404("No such person") from exc
    candidates = recipients(list(Person.objects.filter(case=case, pk=person_id)), audience)
    if not candidates:
        raise Http404("No such person")
    return candidates[0]


def _download(request: HttpRequest, case: Case, spec: catalogue.DocumentSpec) -> HttpResponse:
    try:
        audience = Audience(request.POST.get("audience", ""))
    except ValueError as exc:
        raise Http404("No such version") from exc
    permission = may_produce(request.user, case, audience)
    if not permission.allowed:
        return _refuse(request, case, spec, audience, permission.reason)
    recipient = _recipient(case, audience, request.POST.get("recipient", ""))
    form_id = f"{spec.slug}-{audience.value}" + (f"-{recipient.pk.hex}" if recipient else "")
    file_format = request.POST.get("format", "")
    if file_format not in FORMATS:
        return _page(request, case, errors={form_id: FORMAT_ERROR})
    if audience == Audience.PARENT_USING_ABUSE and request.POST.get("checked") != "yes":
        return _page(request, case, errors={form_id: CHECK_ERROR})

    today = timezone.localdate()
    document = spec.build(reader_for(request.user, case, audience, recipient), today, recipient)
    renderer, media_type = FORMATS[file_format]
    content = renderer(document)
    changed = [file_format] + ([f"recipient_{recipient.pk.hex}"] if recipient else [])
    with transaction.atomic():
        record(
            actor=request.user,
            action=AuditEntry.Action.EXPORT,
            object_type=_object_type(spec.kind, audience),
            object_id=spec.object_id,
            case_id=case.pk,
            changed_fields=changed,
            request=request,
        )
    response = HttpResponse(content, content_type=media_type)
    response["Content-Disposition"] = content_disposition_header(True, document.filename(file_format))
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def download_case_summary(request: HttpRequest, case_id: uuid.UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    return _download(request, case, catalogue.case_summary(case))


@require_POST
def download_plan(request: HttpRequest, case_id: uuid.UUID, plan_id: uuid.UUID) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, request)
    spec = catalogue.plan_document(case, plan_id)
    if spec is None:
        raise Http404("No such plan")
    return _download(request, case, spec)
