from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "childsafe.documents"
    verbose_name = "Documents"
