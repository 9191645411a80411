"""Changes to user accounts."""

import secrets

from django.db import transaction

from .models import User


@transaction.atomic
def ensure_admin(
    *, username: str, email: str = "", password: str | None = None
) -> tuple[User, str]:
    """Create or reset a superuser; returns it and its password (generated when not given)."""
    password = password or secrets.token_urlsafe(12)
    user, _ = User.objects.get_or_create(username=username, defaults={"email": email})
    user.email = email or user.email
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    return user, password
