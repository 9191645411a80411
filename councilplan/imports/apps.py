from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Readers for council documents and the writer that applies what they read."""

    name = "councilplan.imports"
    verbose_name = "Imports"
