from django.apps import AppConfig


class GeneratorConfig(AppConfig):
    """Synthetic councils for load and scale testing (`councilplan generate-data`)."""

    name = "councilplan.generator"
    verbose_name = "Synthetic data"
