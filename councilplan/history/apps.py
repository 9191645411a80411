from django.apps import AppConfig


class HistoryConfig(AppConfig):
    """Who changed what, when and why: the audit trail of every state change."""

    name = "councilplan.history"
    verbose_name = "History"
