"""Which documents a case has: its case summary, and one document for each of its plans.

Each is a `DocumentSpec`: what it is called, the record it is made from (for the audit log) and how to build it
for a reader. The documents page and the downloads both read this list, so they always agree.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from childsafe.cases.models import Case, Person
from childsafe.disclosure.policy import Reader
from childsafe.documents.case_summary import build_case_summary
from childsafe.documents.model import Document, DocumentKind
from childsafe.documents.plan import build_plan_document
from childsafe.plans.models import Plan

Builder = Callable[[Reader, dt.date, Person | None], Document]


@dataclass(frozen=True)
class DocumentSpec:
    kind: DocumentKind
    slug: str  # unique on the documents page: "case-summary", "plan-<hex>"
    title: str
    description: str
    object_id: Any
    url: str  # where its downloads are posted
    build: Builder


def case_summary(case: Case) -> DocumentSpec:
    return DocumentSpec(
        kind=DocumentKind.CASE_SUMMARY,
        slug="case-summary",
        title="Case summary",
        description="The case details, the children and adults, how they are related, where they live and the "
        "behaviours of concern.",
        object_id=case.pk,
        url=reverse("documents:case_summary", args=[case.pk]),
        build=lambda reader, today, recipient: build_case_summary(case, reader, today=today, recipient=recipient),
    )


def _plan_spec(case: Case, plan: Plan) -> DocumentSpec:
    status = plan.get_status_display().lower()
    started = f", started {plan.start_date.day} {plan.start_date:%B %Y}" if plan.start_date else ""
    return DocumentSpec(
        kind=DocumentKind.PLAN,
        slug=f"plan-{plan.pk.hex}",
        title=plan.get_kind_display(),
        description=f"This plan is {status}{started}. The outcomes wanted for each child, who will do what and by "
        "when, how progress will be measured, and the reviews.",
        object_id=plan.pk,
        url=reverse("documents:plan", args=[case.pk, plan.pk]),
        build=lambda reader, today, recipient: build_plan_document(
            case, plan, reader, today=today, recipient=recipient
        ),
    )


def plan_document(case: Case, plan_id: uuid.UUID) -> DocumentSpec | None:
    """The document for one plan of this case, or None if the case has no such plan (another case's plan too)."""
    plan = Plan.objects.filter(case=case, pk=plan_id).first()
    if plan is None:
        return None
    plan.case = case
    return _plan_spec(case, plan)


def documents_for(case: Case) -> list[DocumentSpec]:
    """The case summary, then each plan, newest first."""
    plans = Plan.objects.filter(case=case).order_by("-created_at")
    specs = [case_summary(case)]
    for plan in plans:
        plan.case = case
        specs.append(_plan_spec(case, plan))
    return specs
