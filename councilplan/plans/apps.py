from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Organisations, plans, themes, actions, milestones and the people who own them."""

    name = "councilplan.plans"
    verbose_name = "Plans"
