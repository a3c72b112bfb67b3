from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "childsafe.audit"
    label = "audit"
    verbose_name = "Audit log"
