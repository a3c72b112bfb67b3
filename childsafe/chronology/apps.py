from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "childsafe.chronology"
    label = "chronology"
