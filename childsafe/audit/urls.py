"""Audit pages, mounted under cases/: only reading, never a way to change an entry."""

from __future__ import annotations

from django.urls import path

from childsafe.audit import views

app_name = "audit"
urlpatterns = [
    path("<uuid:case_id>/access-log/", views.case_access_log, name="case_access_log"),
]
