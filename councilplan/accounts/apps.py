from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Users, roles, permissions and API tokens."""

    name = "councilplan.accounts"
    verbose_name = "Accounts"
