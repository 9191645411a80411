"""Validators that check stored configuration against the domain's own loaders."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from councilplan.domain.measure_status import SchemeError, scheme_from_dict
from councilplan.domain.targets import TargetError, validate_profile


def validate_status_scheme(value: object) -> None:
    """A stored measure-status scheme must load; empty means "use the default"."""
    if not value:
        return
    if not isinstance(value, Mapping):
        raise ValidationError('A status scheme is a JSON object, e.g. {"rule": "tolerance"}.')
    try:
        scheme_from_dict(value)
    except SchemeError as exc:
        raise ValidationError(str(exc)) from exc


def validate_target_profile(value: object) -> None:
    """A stored target profile: 4 (by quarter) or 12 (by month) percentages adding to 100;
    empty means pro rata."""
    if not value:
        return
    if not isinstance(value, list):
        raise ValidationError("A target profile is a list of percentages, e.g. [20, 25, 25, 30].")
    try:
        validate_profile(value)
    except TargetError as exc:
        raise ValidationError(str(exc)) from exc
