"""The shared shape of every stored vocabulary: a string value, a human label, Django choices.

Each vocabulary in DOMAIN.md (precision of a date, polarity, status colour, progress rating...)
is a ``StrEnum`` whose members are written as ``NAME = "stored_value", "Label"`` (status
vocabularies add an order and a GOV.UK tag colour). The stored value is what goes in the
database and the API; the label is what people read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Self, TypeVar


class VocabularyError(ValueError):
    """Text that does not name any member of a vocabulary."""


class Vocabulary(StrEnum):
    """A stored vocabulary: members are ``NAME = "value", "Label"``."""

    _label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value.replace("_", " ").capitalize()
        return member

    @property
    def label(self) -> str:
        """The human text for this member, as written in DOMAIN.md."""
        return self._label

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        """Return (value, label) pairs in definition order, for a Django field's ``choices``."""
        return [(member.value, member.label) for member in cls]


class StatusVocabulary(Vocabulary):
    """A vocabulary of statuses: members are ``NAME = "value", "Label", order, "colour"``.

    ``order`` sorts members for legends and tables; ``colour`` is a GOV.UK tag colour name
    ("green", "yellow", "orange", "red", "blue", "grey", ...), so templates never map it again.
    """

    _order: int
    _colour: str

    def __new__(cls, value: str, label: str = "", order: int = 0, colour: str = "grey") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value.replace("_", " ").capitalize()
        member._order = order
        member._colour = colour
        return member

    @property
    def order(self) -> int:
        """Position of this status when sorting (lower first)."""
        return self._order

    @property
    def colour(self) -> str:
        """The GOV.UK tag colour that shows this status."""
        return self._colour


V = TypeVar("V", bound=Vocabulary)


_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"))


def unify_dashes(text: str) -> str:
    """Turn every kind of dash (en, em, figure, minus...) into a hyphen, keeping the length."""
    return text.translate(_DASHES)


def normalise_words(text: str) -> str:
    """Fold text for matching against a vocabulary: lower case, one space, no punctuation noise."""
    folded = unify_dashes(text.strip().lower())
    folded = " ".join(folded.replace("-", " ").replace("/", " / ").split())
    return folded.replace(" / ", "/")


def unknown_term(
    text: str, what: str, members: Iterable[Vocabulary], hint: str = ""
) -> VocabularyError:
    """Build the error for text that names no member, listing the labels that would do."""
    labels = ", ".join(member.label for member in members)
    return VocabularyError(f'"{text}" is not {what}. Use one of: {labels}.{hint}')


def match_prefix(text: str, prefixes: Sequence[tuple[str, V]], what: str) -> V:
    """Return the member whose words start ``text`` ("Activity currently paused due to ...")."""
    words = normalise_words(text)
    for prefix, member in prefixes:
        if words == prefix or words.startswith(prefix + " "):
            return member
    raise unknown_term(text, what, dict.fromkeys(member for _, member in prefixes))
