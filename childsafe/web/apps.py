from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "childsafe.web"
    label = "web"
