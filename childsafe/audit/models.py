"""Audit entries and the head of their hash chain.

Entries are only ever inserted, through `childsafe.audit.service.record`. Database triggers refuse UPDATE and
DELETE on them (migration 0002), and each entry carries the hash of the one before it, so an alteration made
behind the application's back is found by `manage.py verify_audit_chain`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Removed"
        CLOSE = "close", "Closed"
        REOPEN = "reopen", "Reopened"
        SHARE = "share", "Shared"
        UNSHARE = "unshare", "Stopped sharing"
        VIEW_ACCESS_LOG = "view_access_log", "Viewed who looked at"
        ACCESS_REFUSED = "access_refused", "Was refused access to"
        EXPORT = "export", "Downloaded a document of"
        SIGN_OFF = "sign_off", "Signed off"
        DECLINE_SIGN_OFF = "decline_sign_off", "Declined to sign off"

    seq = models.BigIntegerField(unique=True, editable=False)
    at = models.DateTimeField(default=timezone.now, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="audit_entries", editable=False
    )
    actor_organisation_id = models.BigIntegerField(null=True, editable=False)
    action = models.CharField(max_length=20, choices=Action.choices, editable=False)
    object_type = models.CharField(max_length=40, editable=False)
    object_id = models.CharField(max_length=64, editable=False)
    case_id = models.UUIDField(null=True, editable=False)
    # Names of the fields that changed, never their values: the log must not become a copy of the record.
    changed_fields = models.JSONField(default=list, editable=False)
    ip_address = models.GenericIPAddressField(null=True, editable=False)
    user_agent = models.CharField(max_length=200, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    entry_hash = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["case_id", "-at"], name="audit_case_at_idx")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type} {self.object_id}"


class ChainHead(models.Model):
    """One row: the sequence number and hash of the newest entry. Appending locks it, so appends are serial."""

    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"audit chain head at #{self.seq}"
