from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages people use: public progress site and staff area."""

    name = "councilplan.web"
    verbose_name = "Web"
