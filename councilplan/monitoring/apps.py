from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """Reporting periods and the quarterly updates on actions."""

    name = "councilplan.monitoring"
    verbose_name = "Monitoring"
