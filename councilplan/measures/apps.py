from django.apps import AppConfig


class MeasuresConfig(AppConfig):
    """Performance measures, their targets, observations and comparators."""

    name = "councilplan.measures"
    verbose_name = "Measures"
