from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "childsafe.cases"
    label = "cases"
