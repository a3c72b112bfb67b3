from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "childsafe.demo"
    label = "demo"
