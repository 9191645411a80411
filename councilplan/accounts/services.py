"""Changes to user accounts."""

import secrets

from django.db import transaction

from councilplan.plans.models import Officer

from .models import Membership, Role, User


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


@transaction.atomic
def ensure_member(
    *,
    user: User,
    organisation_id: int,
    role: str,
    department_id: int | None = None,
    portfolio_id: int | None = None,
) -> Membership:
    """Give a user a role in an organisation, scoped to a department or portfolio (idempotent)."""
    membership, _ = Membership.objects.get_or_create(
        user=user,
        organisation_id=organisation_id,
        role=role,
        department_id=department_id,
        portfolio_id=portfolio_id,
    )
    return membership


@transaction.atomic
def ensure_officer_login(*, officer: Officer, username: str, password: str) -> User:
    """An account for an accountable officer, linked to their Officer, with that role."""
    first, _, last = officer.name.partition(" ")
    user, _ = User.objects.get_or_create(username=username)
    user.first_name, user.last_name, user.is_active = first, last, True
    user.set_password(password)
    user.save()
    if officer.user_id != user.pk:
        Officer.objects.filter(user=user).exclude(pk=officer.pk).update(user=None)
        officer.user = user
        officer.save(update_fields=["user"])
    ensure_member(user=user, organisation_id=officer.organisation_id, role=Role.ACCOUNTABLE_OFFICER)
    return user
