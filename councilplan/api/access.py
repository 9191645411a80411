"""What a reader of the API may see: published data for anyone, and with a token what the web
shows its user (``accounts.permissions``) besides.

Anonymous readers see published plans and only approved updates and values; statuses are
computed from approved data for everyone (by the selectors of ``monitoring`` and ``measures``).
"""

from datetime import date
from typing import Any, TypeVar

from django.db.models import Q, QuerySet

from councilplan.accounts import permissions
from councilplan.accounts.models import User
from councilplan.core.models import ReviewState
from councilplan.domain.periods import Period, PeriodKind, period_containing
from councilplan.measures.models import Measure, Observation
from councilplan.measures.selectors import linked_to
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Organisation, Plan, Theme

R = TypeVar("R", ActionUpdate, Observation)


def _member_organisations(user: User | None) -> QuerySet[Organisation]:
    if user is None:
        return Organisation.objects.none()
    if user.is_active and user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user)


def plans(user: User | None) -> QuerySet[Plan]:
    """Published plans, and with a token those of the user's organisations."""
    published = Q(pk__in=Plan.objects.published().values("pk"))
    mine = Q(organisation__in=_member_organisations(user).values("pk"))
    return Plan.objects.filter(published | mine).order_by("id")


def organisations(user: User | None) -> QuerySet[Organisation]:
    """Councils with a plan the reader may see."""
    return Organisation.objects.filter(pk__in=plans(user).values("organisation")).order_by("id")


def themes(user: User | None) -> QuerySet[Theme]:
    """The themes of the plans the reader may see."""
    return Theme.objects.filter(plan__in=plans(user).values("pk")).order_by("id")


def actions(user: User | None) -> QuerySet[Action]:
    """Actions of published plans, and with a token those the web shows the user."""
    published = Q(plan__in=Plan.objects.published().values("pk"))
    if user is None:
        return Action.objects.filter(published).order_by("id")
    readable = Q(pk__in=permissions.actions_readable(user).values("pk"))
    return Action.objects.filter(published | readable).order_by("id")


def measures(user: User | None) -> QuerySet[Measure]:
    """Measures evidencing published plans, and with a token those the web shows the user."""
    published = linked_to(Plan.objects.published())
    if user is None:
        return Measure.objects.filter(published).order_by("id")
    readable = Q(pk__in=permissions.measures_readable(user).values("pk"))
    return Measure.objects.filter(published | readable).order_by("id")


def _reviewed(
    model: type[R], link: str, visible: QuerySet[Any], readable: QuerySet[Any] | None
) -> QuerySet[R]:
    """Approved rows linked to the ``visible`` objects, and rows of any state linked to the
    ``readable`` ones (what a token's user reads on the web)."""
    approved = Q(state=ReviewState.APPROVED, **{f"{link}__in": visible.values("pk")})
    if readable is not None:
        approved |= Q(**{f"{link}__in": readable.values("pk")})
    return model.objects.filter(approved).order_by("id")


def updates(user: User | None) -> QuerySet[ActionUpdate]:
    """Approved updates on the actions the reader sees; with a token, any state on those the
    web shows the user."""
    readable = permissions.actions_readable(user) if user else None
    return _reviewed(ActionUpdate, "action", actions(user), readable)


def observations(user: User | None) -> QuerySet[Observation]:
    """Approved values of the measures the reader sees; with a token, any state on those the
    web shows the user."""
    readable = permissions.measures_readable(user) if user else None
    return _reviewed(Observation, "measure", measures(user), readable)


def reporting_periods(user: User | None) -> QuerySet[ReportingPeriod]:
    """The reporting periods of the councils the reader sees."""
    return ReportingPeriod.objects.filter(
        organisation__in=organisations(user).values("pk")
    ).order_by("id")


def default_period(user: User | None, today: date) -> Period:
    """The period statuses are shown for when none is asked: the latest reporting period that
    has started by ``today``, or else the quarter ``today`` is in. Read backwards along the
    index on the period columns, so it costs the same however many councils there are."""
    current = period_containing(today, PeriodKind.QUARTER)
    started = Q(period_year__lt=current.year) | Q(
        period_year=current.year, period_number__lte=current.number
    )
    latest = (
        reporting_periods(user)
        .filter(started, period_kind=PeriodKind.QUARTER)
        .order_by("-period_year", "-period_number")
        .values_list("period_year", "period_number")
        .first()
    )
    return current if latest is None else Period(PeriodKind.QUARTER, *latest)
