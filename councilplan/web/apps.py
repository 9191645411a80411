from django.apps import AppConfig


class WebConfig(AppConfig):
    """The pages people use: public progress site and staff area."""

    name = "councilplan.web"
    verbose_name = "Web"

    def ready(self) -> None:
        from .published_cache import watch_changes  # noqa: PLC0415 - needs the models loaded

        watch_changes()
