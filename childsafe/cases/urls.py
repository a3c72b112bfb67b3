from django.urls import path

from childsafe.cases.views import case, caseload, household

app_name = "cases"

urlpatterns = [
    path("", caseload.caseload, name="caseload"),
    path("open/", case.create_case, name="create"),
    path("<uuid:case_id>/", case.case_detail, name="detail"),
    path("<uuid:case_id>/edit/", case.edit_case, name="edit"),
    path("<uuid:case_id>/close/", case.close_case, name="close"),
    path("<uuid:case_id>/reopen/", case.reopen_case, name="reopen"),
    path("<uuid:case_id>/share/", case.share_case, name="share"),
    path("<uuid:case_id>/people/add/", household.add_person, name="add_person"),
    path("<uuid:case_id>/people/<uuid:person_id>/edit/", household.edit_person, name="edit_person"),
    path(
        "<uuid:case_id>/people/<uuid:person_id>/contact-details/add/",
        household.add_contact_detail,
        name="add_contact_detail",
    ),
    path(
        "<uuid:case_id>/contact-details/<uuid:detail_id>/remove/",
        household.remove_contact_detail,
        name="remove_contact_detail",
    ),
    path("<uuid:case_id>/addresses/add/", household.add_address, name="add_address"),
    path("<uuid:case_id>/addresses/<uuid:address_id>/edit/", household.edit_address, name="edit_address"),
    path("<uuid:case_id>/relationships/add/", household.add_relationship, name="add_relationship"),
    path(
        "<uuid:case_id>/relationships/<uuid:relationship_id>/remove/",
        household.remove_relationship,
        name="remove_relationship",
    ),
]
