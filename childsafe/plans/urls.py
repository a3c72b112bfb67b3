"""Plans and reviews pages: the case's plans under /cases/<case id>/plans/..., and /reviews/ for reviews due."""

from __future__ import annotations

from django.urls import path

from childsafe.plans import views
from childsafe.plans.views import items, prompts, reviews, versions

app_name = "plans"
CASE = "cases/<uuid:case_id>/plans/"
PLAN = f"{CASE}<uuid:plan_id>/"
urlpatterns = [
    path(CASE, views.case_plans, name="case_plans"),
    path(f"{CASE}start/", views.create_plan, name="create_plan"),
    path(PLAN, views.plan_detail, name="plan"),
    path(f"{PLAN}change/", views.edit_plan, name="edit_plan"),
    path(f"{PLAN}activate/", views.activate_plan, name="activate_plan"),
    path(f"{PLAN}end/", views.end_plan, name="end_plan"),
    # Outcomes for each child.
    path(f"{PLAN}outcomes/add/", items.add_outcome, name="add_outcome"),
    path(f"{PLAN}outcomes/<uuid:outcome_id>/change/", items.edit_outcome, name="edit_outcome"),
    path(f"{PLAN}outcomes/<uuid:outcome_id>/remove/", items.remove_outcome, name="remove_outcome"),
    # Actions and their progress.
    path(f"{PLAN}actions/add/", items.add_action, name="add_action"),
    path(f"{PLAN}actions/<uuid:action_id>/", items.action_detail, name="action"),
    path(f"{PLAN}actions/<uuid:action_id>/change/", items.edit_action, name="edit_action"),
    path(f"{PLAN}actions/<uuid:action_id>/remove/", items.remove_action, name="remove_action"),
    path(f"{PLAN}actions/<uuid:action_id>/progress/", items.record_progress, name="record_progress"),
    # Versions.
    path(f"{PLAN}versions/", versions.plan_versions, name="versions"),
    path(f"{PLAN}versions/<int:number>/", versions.plan_version, name="version"),
    # Reviews.
    path(f"{PLAN}reviews/add/", reviews.add_review, name="add_review"),
    path(f"{PLAN}reviews/<uuid:review_id>/", reviews.review_detail, name="review"),
    # Escalation prompts.
    path(f"{CASE}prompts/<slug:key>/acknowledge/", prompts.acknowledge_prompt, name="acknowledge_prompt"),
    # My own pages.
    path("reviews/", reviews.reviews_due, name="reviews_due"),
]
