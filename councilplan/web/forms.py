"""Forms for reporting: each cleans to the service's input value; the service decides the rest."""

from collections.abc import Iterator
from decimal import Decimal
from functools import cached_property
from typing import Any

from django import forms

from councilplan.domain.status import ProgressRating, RagStatus
from councilplan.monitoring.services import UpdateInput, ValueInput
from councilplan.plans.models import Department, Milestone, Officer, Plan, Portfolio, Theme
from councilplan.web.selectors.dashboard import DashboardFilters

REPORTED_STATUSES = [
    (s.value, s.label)
    for s in (
        RagStatus.GREEN,
        RagStatus.AMBER_GREEN,
        RagStatus.AMBER,
        RagStatus.AMBER_RED,
        RagStatus.RED,
        RagStatus.BLUE,
    )
]


class ReportingForm(forms.Form):
    """What every reporting form carries: the version it was opened at, and save or submit."""

    seen = forms.CharField(widget=forms.HiddenInput)
    correction_reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="This period is locked: say why it must change. The history keeps the reason.",
    )


class UpdateForm(ReportingForm):
    """An officer's quarterly update on an action."""

    progress_rating = forms.ChoiceField(
        label="Progress", choices=ProgressRating.choices(), widget=forms.RadioSelect
    )
    status = forms.ChoiceField(
        label="Status",
        choices=[("", "Use the progress rating's colour"), *REPORTED_STATUSES],
        required=False,
        widget=forms.RadioSelect,
    )
    is_dca = forms.BooleanField(
        label="This is a Delivery Confidence Assessment (major projects)", required=False
    )
    percent_complete = forms.IntegerField(
        label="Percentage complete", required=False, min_value=0, max_value=100
    )
    commentary = forms.CharField(
        label="Commentary",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has happened this quarter.",
    )
    mitigation = forms.CharField(
        label="Issues and mitigations", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_steps = forms.CharField(
        label="Next steps", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        for milestone in milestones:
            self.fields[f"milestone_{milestone.pk}"] = forms.DateField(
                label=f"{milestone.title} (due {milestone.due.text or 'no date'})",
                required=False,
                help_text="Date completed, for example 14/6/2021. Leave empty if not completed.",
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def milestone_fields(self) -> list[forms.BoundField]:
        return [self[f"milestone_{m.pk}"] for m in self.milestones]

    def to_input(self) -> UpdateInput:
        data = self.cleaned_data
        return UpdateInput(
            progress_rating=data["progress_rating"],
            status=data["status"],
            is_dca=data["is_dca"],
            percent_complete=data["percent_complete"],
            commentary=data["commentary"],
            mitigation=data["mitigation"],
            next_steps=data["next_steps"],
            milestones_completed={m.pk: data[f"milestone_{m.pk}"] for m in self.milestones},
        )


class ValueForm(ReportingForm):
    """A measure's value for a period, or the reason there is none."""

    value = forms.DecimalField(label="Value", required=False, max_digits=18, decimal_places=6)
    no_value_reason = forms.CharField(
        label="Or, why there is no value",
        required=False,
        max_length=200,
        help_text='For example "No survey in 2020-21" or "Data due April 2021".',
    )
    data_note = forms.CharField(
        label="Note on the data",
        required=False,
        max_length=200,
        help_text='For example "Q3 data" or "rolling 12 months".',
    )
    is_provisional = forms.BooleanField(label="This figure is provisional", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("value") is None and not data.get("no_value_reason"):
            self.add_error("value", "Enter a value, or say why there is none")
        elif data.get("value") is not None and data.get("no_value_reason"):
            self.add_error("no_value_reason", "Give a value or a reason for none, not both")
        return data

    def to_input(self) -> ValueInput:
        data = self.cleaned_data
        value: Decimal | None = data["value"]
        return ValueInput(
            value=value,
            no_value_reason=data["no_value_reason"],
            data_note=data["data_note"],
            is_provisional=data["is_provisional"],
        )


class ReturnForm(forms.Form):
    """Why an update goes back to its author."""

    reason = forms.CharField(
        label="Why are you returning it?", widget=forms.Textarea(attrs={"rows": 3})
    )


class _ReadAtOnce(forms.models.ModelChoiceIterator):
    """The options read in one query. Django streams them through ``iterator()``, which on
    PostgreSQL is a server-side cursor (three round trips for a few dozen rows), and counts
    them in another query whenever the options' length is asked, as ``list()`` does."""

    @cached_property
    def rows(self) -> list[Any]:
        """The options' rows, read when first asked for."""
        return list(self.queryset)

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.rows:
            yield self.choice(row)

    def __len__(self) -> int:
        return len(self.rows) + (self.field.empty_label is not None)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.rows)


class ListedChoiceField(forms.ModelChoiceField):
    """A choice of a few rows (a filter), read in one query."""

    iterator = _ReadAtOnce


class DashboardFilterForm(forms.Form):
    """The filters: each limited to what the plan's actions use."""

    theme = ListedChoiceField(Theme.objects.none(), required=False, empty_label="All")
    portfolio = ListedChoiceField(Portfolio.objects.none(), required=False, empty_label="All")
    department = ListedChoiceField(Department.objects.none(), required=False, empty_label="All")
    officer = ListedChoiceField(
        Officer.objects.none(), required=False, empty_label="All", label="Accountable officer"
    )

    def __init__(self, plan: Plan, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        used = {"actions__plan": plan}
        self.fields["theme"].queryset = Theme.objects.filter(plan=plan)  # type: ignore[attr-defined]
        for name, model in (
            ("portfolio", Portfolio),
            ("department", Department),
            ("officer", Officer),
        ):
            self.fields[name].queryset = model.objects.filter(**used).distinct()  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select govuk-!-width-full"

    def filters(self) -> DashboardFilters:
        """The chosen filters; none when the form does not validate."""
        if not self.is_valid():
            return DashboardFilters()
        return DashboardFilters(**self.cleaned_data)
