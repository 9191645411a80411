"""Cleaning API input with the web's own forms, so both accept and refuse the same things."""

from typing import TypeVar

from django import forms

F = TypeVar("F", bound=forms.Form)


class FormInvalidError(Exception):
    """A write's fields failed the form's checks; ``errors`` lists messages by field name."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))
        self.errors = errors


def cleaned(form: F) -> F:
    """The form, once valid; else ``FormInvalidError`` with its messages by field name."""
    if not form.is_valid():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        raise FormInvalidError(errors)
    return form
