"""Documents pages: the case's documents page and the downloads it posts to."""

from __future__ import annotations

from django.urls import path

from childsafe.documents import views

app_name = "documents"
urlpatterns = [
    path("cases/<uuid:case_id>/documents/", views.case_documents, name="case_documents"),
    path("cases/<uuid:case_id>/documents/case-summary/", views.download_case_summary, name="case_summary"),
    path("cases/<uuid:case_id>/documents/plans/<uuid:plan_id>/", views.download_plan, name="plan"),
]
