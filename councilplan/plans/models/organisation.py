"""The council and the people and units that own its plans."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from councilplan.core.validators import validate_status_scheme


class Organisation(models.Model):
    """A council (Derby City Council, Derbyshire County Council); one installation holds several."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    gss_code = models.CharField(
        "GSS code", max_length=9, blank=True, help_text="ONS area code, e.g. E06000015 for Derby."
    )
    measure_status_scheme = models.JSONField(
        default=dict,
        blank=True,
        validators=[validate_status_scheme],
        help_text="How measure statuses are worked out (see councilplan.domain.measure_status).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Councillor(models.Model):
    """An elected member, e.g. a cabinet member holding a portfolio."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="councillors"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True, help_text='e.g. "Leader of the Council".')

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="councillor_unique_name")
        ]

    def __str__(self) -> str:
        return f"Cllr {self.name}"


class Portfolio(models.Model):
    """A cabinet portfolio ("Leisure, Culture and Tourism"), held by a cabinet member."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="portfolios"
    )
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        max_length=100,
        blank=True,
        help_text='As written in index tables, e.g. "Regen, Planning, Transport".',
    )
    cabinet_member = models.ForeignKey(
        Councillor, on_delete=models.SET_NULL, null=True, blank=True, related_name="portfolios"
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="portfolio_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A department or service; ``parent`` is its directorate. Names change with restructures."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="departments"
    )
    name = models.CharField(max_length=200)
    abbreviation = models.CharField(max_length=20, blank=True, help_text='e.g. "ETE", "CCP".')
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="directorate",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="department_unique_name"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("id")), name="department_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Officer(models.Model):
    """An accountable or lead officer; may have a user account to report updates."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="officers"
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="officer_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
