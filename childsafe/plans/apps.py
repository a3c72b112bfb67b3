from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "childsafe.plans"
    verbose_name = "Plans and reviews"
