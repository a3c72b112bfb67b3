from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "childsafe.safety"
    verbose_name = "Safety"
