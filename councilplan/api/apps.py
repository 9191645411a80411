from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API and the open data exports."""

    name = "councilplan.api"
    verbose_name = "API"
