"""Chronology pages, under a case: /cases/<case id>/chronology/..."""

from __future__ import annotations

from django.urls import path

from childsafe.chronology import views

app_name = "chronology"
urlpatterns = [
    path("<uuid:case_id>/chronology/add/", views.add_entry, name="add_entry"),
    path("<uuid:case_id>/chronology/<uuid:entry_id>/", views.entry_detail, name="entry"),
    path("<uuid:case_id>/chronology/<uuid:entry_id>/edit/", views.edit_entry, name="edit_entry"),
]
