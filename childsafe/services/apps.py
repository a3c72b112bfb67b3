"""The service directory, matching services to each person's need, referrals and their progress, and attendance at
behaviour-change programmes.
"""

from django.apps import AppConfig

from childsafe.services import catalogue


class ServicesConfig(AppConfig):
    name = "childsafe.services"
    verbose_name = "Service directory and referrals"

    def ready(self) -> None:
        # Fail at start-up, not mid-request, if a service type or the programme standard file is wrong.
        catalogue.load_all()
