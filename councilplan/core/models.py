"""Abstract models shared by the apps."""

from collections.abc import Iterable

from django.db import models
from django.db.models import Case, ExpressionWrapper, F, Q, Value, When

from councilplan.domain.periods import Period, PeriodKind


class PeriodFields(models.Model):
    """A financial period as three columns (kind, financial year, number), checked by the database.

    ``period_year`` is the calendar year the financial year starts in (2020 for 2020/21);
    ``period_number`` is 0 for a whole year, 1-4 for a quarter, 1-12 for a month (1 = April).
    """

    period_kind = models.CharField("period kind", max_length=8, choices=PeriodKind.choices())
    period_year = models.PositiveSmallIntegerField("financial year starting")
    period_number = models.PositiveSmallIntegerField("quarter or month", default=0)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_period_number_fits_kind",
                condition=(
                    Q(period_kind=PeriodKind.YEAR, period_number=0)
                    | Q(period_kind=PeriodKind.QUARTER, period_number__gte=1, period_number__lte=4)
                    | Q(period_kind=PeriodKind.MONTH, period_number__gte=1, period_number__lte=12)
                ),
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_period_year_plausible",
                condition=Q(period_year__gte=1900, period_year__lte=2200),
            ),
        ]

    @property
    def period(self) -> Period:
        """The period as a domain value."""
        return Period(PeriodKind(self.period_kind), self.period_year, self.period_number)

    @period.setter
    def period(self, value: Period) -> None:
        self.period_kind, self.period_year, self.period_number = (
            value.kind,
            value.year,
            value.number,
        )


def period_lookup(period: Period, prefix: str = "") -> dict[str, object]:
    """Filter keyword arguments selecting rows of one period (``prefix`` for related models)."""
    return {
        f"{prefix}period_kind": period.kind,
        f"{prefix}period_year": period.year,
        f"{prefix}period_number": period.number,
    }


def in_periods(periods: Iterable[Period], prefix: str = "") -> Q:
    """A filter selecting rows of any of ``periods`` (none when there are none)."""
    chosen = Q(pk__in=[])
    for period in periods:
        chosen |= Q(**period_lookup(period, prefix))
    return chosen


def period_rank(prefix: str = "") -> ExpressionWrapper:
    """The database's ``Period.rank`` of a row's period (``prefix`` for related models), so
    the latest period of many is found by ``Max`` in one query."""
    year, number = F(f"{prefix}period_year"), F(f"{prefix}period_number")
    last_month = Case(
        When(**{f"{prefix}period_kind": PeriodKind.MONTH}, then=number),
        When(**{f"{prefix}period_kind": PeriodKind.QUARTER}, then=number * 3),
        default=Value(12),
    )
    shorter = Case(
        When(**{f"{prefix}period_kind": PeriodKind.MONTH}, then=Value(15)),
        When(**{f"{prefix}period_kind": PeriodKind.QUARTER}, then=Value(13)),
        default=Value(4),
    )
    return ExpressionWrapper(
        (year * 12 + last_month) * 16 + shorter, output_field=models.IntegerField()
    )


class Timestamped(models.Model):
    """When a row was created and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class ReviewState(models.TextChoices):
    """Where a reported figure or update is in its workflow: draft -> submitted -> approved,
    or returned with a reason and submitted again."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


class Reviewed(models.Model):
    """Something an officer reports and the performance team approves, kept in versions.

    An edit after approval makes a new ``version``; what is reported is the latest approved
    version. ``revision`` counts saves of one version, so two people editing it at once are
    told, not silently overwritten.
    """

    version = models.PositiveSmallIntegerField(default=1)
    revision = models.PositiveIntegerField(default=0, editable=False)
    state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.DRAFT)
    returned_reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who saved this version last.",
    )
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(version__gte=1), name="%(app_label)s_%(class)s_version_from_1"
            ),
            models.CheckConstraint(
                condition=~Q(state=ReviewState.APPROVED) | Q(approved_at__isnull=False),
                name="%(app_label)s_%(class)s_approved_has_time",
            ),
        ]
