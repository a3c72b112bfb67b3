"""Service directory and referrals pages. Mounted at the site root, so each path is written in full: the directory
under services/, a case's referrals under cases/<case id>/referrals/."""

from __future__ import annotations

from django.urls import path

from childsafe.services import directory_views, views

app_name = "services"
urlpatterns = [
    path("services/", directory_views.directory_list, name="directory"),
    path("services/add/", directory_views.add_service, name="add_service"),
    path("services/export/", directory_views.export_directory, name="export_directory"),
    path("services/import/", directory_views.import_directory, name="import_directory"),
    path("services/import/confirm/", directory_views.confirm_import, name="confirm_import"),
    path("services/<uuid:service_id>/", directory_views.service_detail, name="service_detail"),
    path("services/<uuid:service_id>/edit/", directory_views.edit_service, name="edit_service"),
    path("services/<uuid:service_id>/deactivate/", directory_views.deactivate_service, name="deactivate_service"),
    path("services/<uuid:service_id>/reactivate/", directory_views.reactivate_service, name="reactivate_service"),
    path("cases/<uuid:case_id>/referrals/", views.case_referrals, name="case_referrals"),
    path("cases/<uuid:case_id>/referrals/new/", views.new_referral, name="new_referral"),
    path("cases/<uuid:case_id>/referrals/<uuid:referral_id>/", views.referral_detail, name="referral_detail"),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/status/",
        views.update_referral_status,
        name="update_referral_status",
    ),
    path(
        "cases/<uuid:case_id>/referrals/<uuid:referral_id>/sessions/new/",
        views.record_session,
        name="record_session",
    ),
]
