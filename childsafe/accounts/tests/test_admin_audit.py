"""Changes made in the administration pages to who can see cases (a user's organisation, team, role, whether they
can sign in; an organisation's kind; a team) are written to the hash-chained audit log, with the change."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from childsafe.accounts.models import Team, User
from childsafe.audit.chain import verify_chain
from childsafe.audit.models import AuditEntry
from childsafe.conftest import PASSWORD


@pytest.fixture
def root(db) -> User:
    return User.objects.create_superuser("root.admin@northbrook.example", PASSWORD, full_name="Root Admin")


@pytest.fixture
def admin_client(client_for, root) -> Client:
    return client_for(root)


def user_form(user: User, **changes) -> dict:
    """What the user's change page sends back unchanged, with `changes` applied."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "organisation": user.organisation_id or "",
        "team": user.team_id or "",
        "role": user.role,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "_save": "Save",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value != ""}


def entries(object_type: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(object_type=object_type).order_by("seq"))


def test_moving_a_user_to_another_organisation_and_role_is_logged(admin_client, root, allocated_worker, other_org):
    url = reverse("admin:accounts_user_change", args=[allocated_worker.pk])
    response = admin_client.post(url, user_form(allocated_worker, organisation=other_org.pk, team="", role="manager"))
    assert response.status_code == 302, response.content.decode()[:2000]

    allocated_worker.refresh_from_db()
    assert (allocated_worker.organisation, allocated_worker.role) == (other_org, "manager")
    (entry,) = entries("user")
    assert entry.action == AuditEntry.Action.UPDATE
    assert entry.actor == root
    assert entry.object_id == str(allocated_worker.pk)
    assert entry.changed_fields == ["organisation", "role", "team"]
    assert verify_chain().problems == []


def test_an_administrator_changing_their_own_role_is_logged(admin_client, root):
    response = admin_client.post(reverse("admin:accounts_user_change", args=[root.pk]), user_form(root, role="manager"))
    assert response.status_code == 302
    (entry,) = entries("user")
    assert (entry.actor, entry.object_id, entry.changed_fields) == (root, str(root.pk), ["role"])


def test_deactivating_an_account_is_logged(admin_client, allocated_worker):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[allocated_worker.pk]), user_form(allocated_worker, is_active="")
    )
    assert response.status_code == 302
    assert [entry.changed_fields for entry in entries("user")] == [["is_active"]]


def test_a_change_that_decides_no_access_is_not_logged(admin_client, allocated_worker):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[allocated_worker.pk]),
        user_form(allocated_worker, full_name="Aisha Worker-Khan"),
    )
    assert response.status_code == 302
    assert entries("user") == []


def test_a_refused_change_writes_nothing(admin_client, allocated_worker):
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[allocated_worker.pk]), user_form(allocated_worker, role="boss")
    )
    assert response.status_code == 200
    allocated_worker.refresh_from_db()
    assert allocated_worker.role == "practitioner"
    assert entries("user") == []


def test_creating_an_account_is_logged_with_what_it_was_given(admin_client, lead_org):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "new.worker@northbrook.example",
            "full_name": "New Worker",
            "organisation": lead_org.pk,
            "role": "practitioner",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
            "_save": "Save",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = User.objects.get(email="new.worker@northbrook.example")
    (entry,) = entries("user")
    assert (entry.action, entry.object_id) == (AuditEntry.Action.CREATE, str(created.pk))
    assert {"organisation", "role"} <= set(entry.changed_fields)


def test_deleting_a_team_is_logged(admin_client, root, lead_org):
    team = Team.objects.create(organisation=lead_org, name="Assessment team 2")
    response = admin_client.post(reverse("admin:accounts_team_delete", args=[team.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()
    (entry,) = entries("team")
    assert (entry.action, entry.actor, entry.object_id) == (AuditEntry.Action.DELETE, root, str(team.pk))


def test_deleting_teams_from_the_list_logs_each_one(admin_client, lead_org):
    teams = [Team.objects.create(organisation=lead_org, name=f"Team {number}") for number in range(2)]
    response = admin_client.post(
        reverse("admin:accounts_team_changelist"),
        {"action": "delete_selected", "_selected_action": [team.pk for team in teams], "post": "yes"},
    )
    assert response.status_code == 302
    assert {entry.object_id for entry in entries("team")} == {str(team.pk) for team in teams}
    assert all(entry.action == AuditEntry.Action.DELETE for entry in entries("team"))


def test_changing_an_organisations_kind_is_logged(admin_client, partner_org):
    response = admin_client.post(
        reverse("admin:accounts_organisation_change", args=[partner_org.pk]),
        {"name": partner_org.name, "kind": "perpetrator_programme", "area": partner_org.area, "_save": "Save"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    (entry,) = entries("organisation")
    assert entry.changed_fields == ["kind"]


def test_if_the_log_cannot_be_written_the_change_is_not_made(admin_client, allocated_worker, other_org, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr("childsafe.accounts.admin.record", broken)
    url = reverse("admin:accounts_user_change", args=[allocated_worker.pk])
    with pytest.raises(RuntimeError):
        admin_client.post(url, user_form(allocated_worker, organisation=other_org.pk, team=""))
    allocated_worker.refresh_from_db()
    assert allocated_worker.organisation != other_org
