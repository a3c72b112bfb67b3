from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "childsafe.accounts"
    label = "accounts"
    verbose_name = "Organisations and accounts"
