"""Small helpers every staff view uses."""

from datetime import date
from typing import cast

from django.http import HttpRequest

from councilplan.accounts.models import User
from councilplan.domain.periods import Period, PeriodNotStartedError, check_started


def staff_user(request: HttpRequest) -> User:
    """The signed-in user (views are wrapped in login_required)."""
    return cast(User, request.user)


def not_started(period: Period, today: date) -> str:
    """Why ``period`` has no statuses yet ("2027/28 Q1 has not started: ..."), or ""."""
    try:
        check_started(period, today)
    except PeriodNotStartedError as exc:
        return str(exc)
    return ""
