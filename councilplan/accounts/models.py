"""Users of the system. Roles and object permissions arrive with the monitoring workflow."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who signs in: performance officer, accountable officer, councillor, viewer."""
