"""Safety pages, under a case: /cases/<case id>/safety/..."""

from __future__ import annotations

from django.urls import path

from childsafe.safety import views
from childsafe.safety.views import contacts, flags, plans

app_name = "safety"
CASE = "cases/<uuid:case_id>/safety/"
urlpatterns = [
    path(CASE, views.case_safety, name="case_safety"),
    # Safety plans for each child and the non-abusing parent.
    path(f"{CASE}plans/add/<uuid:person_id>/", plans.add_plan, name="add_plan"),
    path(f"{CASE}plans/<uuid:plan_id>/", plans.plan_detail, name="plan"),
    path(f"{CASE}plans/<uuid:plan_id>/change/", plans.edit_plan, name="edit_plan"),
    path(f"{CASE}plans/<uuid:plan_id>/review/", plans.review_plan, name="review_plan"),
    path(f"{CASE}plans/<uuid:plan_id>/versions/<int:number>/", plans.plan_version, name="plan_version"),
    # Worker safety flags.
    path(f"{CASE}flags/add/", flags.add_flag, name="add_flag"),
    path(f"{CASE}flags/<uuid:flag_id>/lift/", flags.lift_flag, name="lift_flag"),
    # Contact with the parent using abuse.
    path(f"{CASE}contacts/add/", contacts.plan_contact, name="plan_contact"),
    path(f"{CASE}contacts/<uuid:contact_id>/", contacts.contact_detail, name="contact"),
    path(f"{CASE}contacts/<uuid:contact_id>/change/", contacts.edit_contact, name="edit_contact"),
    path(f"{CASE}contacts/<uuid:contact_id>/check/", contacts.contact_check, name="contact_check"),
    path(f"{CASE}contacts/<uuid:contact_id>/outcome/", contacts.record_outcome, name="record_outcome"),
    path(f"{CASE}contacts/<uuid:contact_id>/follow-up/", contacts.follow_up, name="follow_up"),
]
