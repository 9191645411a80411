from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Reports as documents: one builder per report, one renderer per format."""

    name = "councilplan.reports"
    verbose_name = "Reports"
