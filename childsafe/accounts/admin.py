"""Administrators maintain organisations, teams and accounts here. Case records are never in the admin:
they are reached only through the case pages, which check access and write the audit log.

What decides who sees which cases is changed here (a user's organisation, team, role, whether they can sign in; an
organisation's kind; a team), so each such change goes in the hash-chained audit log, in the transaction that makes
it: a change of access that the log does not show could not be questioned afterwards. Like every entry, it names the
fields that changed, never their values.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest

from childsafe.accounts.models import Organisation, Team, User
from childsafe.audit.models import AuditEntry
from childsafe.audit.service import record

# The fields of each model that decide which cases someone sees and what they may do there.
ACCESS_FIELDS: dict[type[Model], frozenset[str]] = {
    User: frozenset({"organisation", "team", "role", "is_active", "is_staff", "is_superuser"}),
    # Its kind decides what its people see (a behaviour-change programme never sees where she is) and whether its
    # name may be shown (a refuge's name is a location).
    Organisation: frozenset({"name", "kind"}),
    Team: frozenset({"name", "organisation"}),
}


class AuditedAdmin(admin.ModelAdmin):
    """Writes the access-deciding changes of its model to the audit log, with the change, in one transaction."""

    object_type = ""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            # A new record's access is everything its form set, whether or not it differs from the default.
            changed = ACCESS_FIELDS[type(obj)] & set(form.changed_data if change else form.fields)
            if changed or not change:
                action = AuditEntry.Action.UPDATE if change else AuditEntry.Action.CREATE
                record(
                    actor=request.user,
                    action=action,
                    object_type=self.object_type,
                    object_id=obj.pk,
                    changed_fields=changed,
                    request=request,
                )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            object_id = obj.pk
            super().delete_model(request, obj)
            self._record_deletion(request, object_id)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        """The "delete selected" action on the list page: one entry for each record removed."""
        with transaction.atomic():
            object_ids = list(queryset.values_list("pk", flat=True))
            super().delete_queryset(request, queryset)
            for object_id in object_ids:
                self._record_deletion(request, object_id)

    def _record_deletion(self, request: HttpRequest, object_id: Any) -> None:
        record(
            actor=request.user,
            action=AuditEntry.Action.DELETE,
            object_type=self.object_type,
            object_id=object_id,
            request=request,
        )


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    object_type = "organisation"
    list_display = ["name", "kind", "area"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    object_type = "team"
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "organisation", "team", "role")


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = ("email", "full_name", "organisation", "team", "role", "is_active", "is_staff", "is_superuser")


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    object_type = "user"
    form = UserChangeAdminForm
    add_form = UserCreationAdminForm
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "organisation", "team", "role")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "organisation", "team", "role", "password1", "password2"),
            },
        ),
    )
