from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "childsafe.assessments"
    verbose_name = "Assessments"

    def ready(self) -> None:
        # Registers the start-up check that reads and validates every instrument file.
        from childsafe.assessments import checks  # noqa: F401
