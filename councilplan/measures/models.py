"""Performance measures (indicators, KPIs), their targets, observations and comparators."""

from decimal import Decimal

from django.db import models
from django.db.models import Q

from councilplan.core.models import PeriodFields, Reviewed
from councilplan.core.validators import validate_status_scheme, validate_target_profile
from councilplan.domain.periods import Aggregation, Frequency, Period
from councilplan.domain.status import Polarity
from councilplan.domain.targets import TargetRule, TargetSetting, validate_profile
from councilplan.domain.trends import rate
from councilplan.domain.units import Unit
from councilplan.plans.models import Action, Officer, Organisation, Portfolio, Theme


class ReportingLevel(models.TextChoices):
    """Which plan a measure is reported in; decides audience and frequency of reporting."""

    COUNCIL_PLAN = "council_plan", "Council plan"
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"


class Measure(models.Model):
    """A performance indicator: what is counted, which way is better, how often."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="measures"
    )
    code = models.CharField(max_length=40, blank=True, help_text="The council's own reference.")
    national_id = models.CharField(
        "national identifier",
        max_length=40,
        blank=True,
        help_text="An LG Inform metric id, ASCOF code or similar, to compare with other councils.",
    )
    title = models.TextField()
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=8, choices=Unit.choices(), default=Unit.NUMBER)
    rate_per = models.PositiveIntegerField(
        null=True, blank=True, help_text="For rates: per how many (1,000, 10,000, 100,000)."
    )
    rate_population = models.CharField(
        max_length=100, blank=True, help_text='For rates: of whom, e.g. "aged 0-17", "aged 65+".'
    )
    numerator_definition = models.TextField(blank=True)
    denominator_definition = models.TextField(blank=True)
    decimals = models.PositiveSmallIntegerField("decimal places", default=0)
    polarity = models.CharField(max_length=8, choices=Polarity.choices(), default=Polarity.HIGHER)
    frequency = models.CharField(
        max_length=12, choices=Frequency.choices(), default=Frequency.QUARTERLY
    )
    aggregation = models.CharField(
        max_length=12,
        choices=Aggregation.choices(),
        default=Aggregation.LATEST,
        help_text="How the values of shorter periods combine into a year.",
    )
    target_profile = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_target_profile],
        help_text=(
            "For a sum of periods: the share of the year's target due in each quarter (4 "
            "percentages) or month (12), adding up to 100, e.g. [20, 25, 25, 30]. Empty: pro rata."
        ),
    )
    data_source = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        Officer, on_delete=models.SET_NULL, null=True, blank=True, related_name="measures"
    )
    reporting_level = models.CharField(
        max_length=16, choices=ReportingLevel.choices, default=ReportingLevel.COUNCIL_PLAN
    )
    actions = models.ManyToManyField(Action, blank=True, related_name="measures")
    portfolios = models.ManyToManyField(
        Portfolio,
        blank=True,
        related_name="measures",
        help_text="Cabinet portfolios it is reported under, where a document says so.",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="measures")
    status_scheme = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_status_scheme],
        help_text="Overrides the organisation's status rule for this measure.",
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it was read from: file and line."
    )

    class Meta:
        ordering = ["organisation_id", "code", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], condition=~Q(code=""), name="measure_unique_code"
            ),
            models.CheckConstraint(condition=Q(decimals__lte=6), name="measure_decimals_at_most_6"),
            models.CheckConstraint(
                condition=~Q(unit=Unit.RATE) | Q(rate_per__isnull=False),
                name="measure_rate_has_base",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def target_rule(self) -> TargetRule:
        """How the measure's targets apply to its periods (``domain.targets``)."""
        profile = validate_profile(self.target_profile) if self.target_profile else None
        return TargetRule(
            aggregation=Aggregation(self.aggregation),
            profile=profile,
            unit=Unit(self.unit),
            decimals=self.decimals,
        )

    @property
    def rate_multiplier(self) -> int:
        """What a numerator/denominator ratio is multiplied by: a rate's base, or 100 for %."""
        if self.unit == Unit.RATE and self.rate_per:
            return self.rate_per
        return 100 if self.unit == Unit.PERCENT else 1


class Target(PeriodFields):
    """What a measure should reach in a period, with an amber tolerance and stretch terms; or
    the reason it was suspended for the period ("not set due to COVID-19").

    A year's target serves its quarters and months (``domain.targets``); a target for a later
    year ("50 by March 2025") can be interpolated from ``baseline`` in ``baseline_year``.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="targets")
    value = models.DecimalField(
        max_digits=18, decimal_places=6, null=True, blank=True, help_text="Empty when suspended."
    )
    suspended_reason = models.CharField(
        max_length=200,
        blank=True,
        help_text='Why no target applies this period, e.g. "not set due to COVID-19".',
    )
    tolerance = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="Amber band around the target.",
    )
    tolerance_is_percent = models.BooleanField(default=False)
    rationale = models.TextField(blank=True)
    baseline = models.DecimalField(
        max_digits=18,
        decimal_places=6,
        null=True,
        blank=True,
        help_text="The starting value: of a stretch target, or of the line to an interpolated one.",
    )
    baseline_year = models.PositiveSmallIntegerField(
        "baseline financial year starting",
        null=True,
        blank=True,
        help_text="The financial year the baseline was measured in (2021 for 2021/22).",
    )
    interpolate = models.BooleanField(
        default=False,
        help_text="Judge the years before this target against a straight line from the baseline.",
    )
    reward_threshold = models.DecimalField(
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        help_text="Share of the agreed improvement that earns reward grant, e.g. 0.6.",
    )

    class Meta(PeriodFields.Meta):
        ordering = ["measure_id", "period_year", "period_kind", "period_number"]
        constraints = [
            *PeriodFields.Meta.constraints,
            models.UniqueConstraint(
                fields=["measure", "period_kind", "period_year", "period_number"],
                name="target_once_per_period",
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0) | Q(tolerance__isnull=True),
                name="target_tolerance_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(reward_threshold__isnull=True)
                | Q(reward_threshold__gte=0, reward_threshold__lte=1),
                name="target_reward_threshold_is_a_share",
            ),
            models.CheckConstraint(
                condition=Q(value__isnull=False, suspended_reason="")
                | (Q(value__isnull=True) & ~Q(suspended_reason="")),
                name="target_value_xor_suspended_reason",
            ),
            models.CheckConstraint(
                condition=Q(interpolate=False)
                | Q(baseline__isnull=False, baseline_year__isnull=False),
                name="target_interpolates_from_a_baseline",
            ),
        ]

    def __str__(self) -> str:
        shown = f"suspended ({self.suspended_reason})" if self.value is None else str(self.value)
        return f"{self.measure}: {shown} in {self.period.label}"

    @property
    def setting(self) -> TargetSetting:
        """The target as the domain's rules take it."""
        return TargetSetting(
            period=self.period,
            value=self.value,
            suspended_reason=self.suspended_reason,
            baseline=self.baseline,
            baseline_period=(
                Period.financial_year(self.baseline_year) if self.baseline_year else None
            ),
            interpolate=self.interpolate,
        )


class Observation(PeriodFields, Reviewed):
    """A measure's value for a period, or the reason there is none ("No survey in 2020-21").

    Reviewed: entered and submitted by the owner, approved or returned by the performance team.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="observations")
    value = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    no_value_reason = models.CharField(max_length=200, blank=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=6, null=True, blank=True)
    data_note = models.CharField(
        max_length=200, blank=True, help_text='e.g. "Q3 data", "rolling 12 months".'
    )
    is_provisional = models.BooleanField("provisional", default=False)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where it was read from: file and line."
    )

    class Meta(PeriodFields.Meta):
        ordering = ["measure_id", "period_year", "period_kind", "period_number", "version"]
        constraints = [
            *PeriodFields.Meta.constraints,
            *Reviewed.Meta.constraints,
            models.UniqueConstraint(
                fields=["measure", "period_kind", "period_year", "period_number", "version"],
                name="observation_version_once_per_period",
            ),
            models.CheckConstraint(
                condition=(
                    Q(no_value_reason="")
                    & (
                        Q(value__isnull=False)
                        | Q(numerator__isnull=False, denominator__isnull=False)
                    )
                )
                | (~Q(no_value_reason="") & Q(value__isnull=True)),
                name="observation_value_xor_reason",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | ~Q(denominator=0),
                name="observation_denominator_not_zero",
            ),
        ]

    @property
    def figure(self) -> Decimal | None:
        """The value, or the rate from numerator and denominator when only they are given."""
        if self.value is not None or self.numerator is None or self.denominator is None:
            return self.value
        return rate(self.numerator, self.denominator, self.measure.rate_multiplier)

    def __str__(self) -> str:
        shown = self.no_value_reason if self.figure is None else str(self.figure)
        return f"{self.measure}: {shown} in {self.period.label}"


class ComparatorKind(models.TextChoices):
    """Who a measure is compared with."""

    NATIONAL = "national", "England / national"
    REGIONAL = "regional", "Region"
    NEAREST_NEIGHBOURS = "nearest_neighbours", "Statistical nearest neighbours"
    OTHER = "other", "Other area"


class ComparatorValue(PeriodFields):
    """The same measure elsewhere (national, regional, nearest neighbours) for a period."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="comparator_values")
    kind = models.CharField(max_length=20, choices=ComparatorKind.choices)
    area_name = models.CharField(max_length=200, blank=True)
    gss_code = models.CharField("GSS code", max_length=9, blank=True)
    value = models.DecimalField(max_digits=18, decimal_places=6)

    class Meta(PeriodFields.Meta):
        ordering = ["measure_id", "period_year", "period_kind", "period_number", "kind"]
        constraints = [
            *PeriodFields.Meta.constraints,
            models.UniqueConstraint(
                fields=[
                    "measure",
                    "kind",
                    "area_name",
                    "period_kind",
                    "period_year",
                    "period_number",
                ],
                name="comparator_once_per_area_and_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.get_kind_display()} {self.value} in {self.period.label}"
