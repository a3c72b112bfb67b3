"""Assessments pages: under a case at cases/<case id>/assessments/..., and managers' sign-offs at assessments/."""

from __future__ import annotations

from django.urls import path

from childsafe.assessments import views

app_name = "assessments"
CASE = "cases/<uuid:case_id>/assessments/"
ONE = CASE + "<uuid:assessment_id>/"
urlpatterns = [
    path(CASE, views.case_assessments, name="case_assessments"),
    path(CASE + "start/<slug:instrument_id>/", views.start_assessment, name="start"),
    path(ONE, views.assessment_detail, name="detail"),
    path(ONE + "answers/", views.answer, name="answer"),
    path(ONE + "answers/<slug:section_id>/", views.answer_section, name="answer_section"),
    path(ONE + "complete/", views.complete, name="complete"),
    path(ONE + "level/", views.change_level, name="change_level"),
    path(ONE + "reassess/", views.reassess, name="reassess"),
    path(CASE + "level-changes/<uuid:change_id>/sign-off/", views.sign_off, name="sign_off"),
    path("assessments/sign-offs/", views.pending_sign_offs, name="pending_sign_offs"),
]
