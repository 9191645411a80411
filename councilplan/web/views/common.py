"""Small helpers every staff view uses."""

from typing import cast

from django.http import HttpRequest

from councilplan.accounts.models import User


def staff_user(request: HttpRequest) -> User:
    """The signed-in user (views are wrapped in login_required)."""
    return cast(User, request.user)
