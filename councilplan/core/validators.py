"""Validators that check stored configuration against the domain's own loaders."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError

from councilplan.domain.measure_status import SchemeError, scheme_from_dict


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
