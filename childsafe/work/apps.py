from django.apps import AppConfig


class WorkConfig(AppConfig):
    name = "childsafe.work"
    verbose_name = "My work"
