"""Model fields that store domain values (see councilplan.domain) whole.

A ``FuzzyDateField`` keeps a timescale as the council wrote it *and* what it means: the text,
the parsed start and end, precision, open-ended flag and note, in one JSON column. Forms and the
admin show and accept the text; the parse happens on the way in.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from councilplan.domain.fuzzy_dates import FuzzyDate, Precision, parse_fuzzy_date


def _from_dict(data: dict[str, Any]) -> FuzzyDate:
    """A stored fuzzy date back, or a ValidationError saying what is wrong with it."""
    try:
        return FuzzyDate.from_dict(data)
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc


EMPTY = FuzzyDate(
    text="", start=None, end=None, precision=Precision.UNKNOWN, open_ended=False, note=""
)


class FuzzyDateFormField(forms.CharField):
    """A text box for a timescale; cleans to a parsed FuzzyDate."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, FuzzyDate):
            return value.text
        return value if isinstance(value, str) else ""

    def to_python(self, value: Any) -> FuzzyDate:  # type: ignore[override]
        if isinstance(value, FuzzyDate):
            return value
        return parse_fuzzy_date(super().to_python(value) or "")


class FuzzyDateField(models.JSONField):
    """A timescale as written plus its parsed range, stored in one JSON column."""

    description = "A fuzzy date: original text, parsed range and precision"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", dict)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> FuzzyDate:
        data = super().from_db_value(value, expression, connection)
        return _from_dict(data) if data else EMPTY

    def to_python(self, value: Any) -> FuzzyDate:
        if isinstance(value, FuzzyDate):
            return value
        if isinstance(value, str):
            return parse_fuzzy_date(value)
        if not value:
            return EMPTY
        return _from_dict(value)

    def get_prep_value(self, value: Any) -> Any:
        value = self.to_python(value)
        return super().get_prep_value(value.to_dict() if value.text else {})

    def validate(self, value: Any, model_instance: models.Model | None) -> None:
        super().validate(self.to_python(value).to_dict(), model_instance)

    def value_to_string(self, obj: models.Model) -> str:
        return str(self.to_python(self.value_from_object(obj)).text)

    def formfield(
        self, form_class: Any = None, choices_form_class: Any = None, **kwargs: Any
    ) -> Any:
        # Skip JSONField's JSON text area: people type the timescale as they would write it.
        return models.Field.formfield(self, form_class=form_class or FuzzyDateFormField, **kwargs)
