"""Matching titles that differ slightly between documents.

The same action is written differently in a plan's index, its tables and next year's results
("... the Derby Renaissance Board" / "... the DRB"; "Reduce homelessness and enable access..."
/ "Reducing homelessness and enabling access..."). Titles are folded (case, punctuation,
trailing notes such as "NB - ..." and "(Council Delivery Plan)") and compared with rapidfuzz's
token-set ratio; a match is *sure* above ``SURE`` and *uncertain* between ``POSSIBLE`` and
``SURE``, which a person should confirm.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

SURE = 90.0
POSSIBLE = 75.0
T = TypeVar("T")

_NOTES = re.compile(
    r"\s+NB\s*[-:\u2013].*$|\((?:council )?delivery plan(?: action)?\)|\(asc\)", re.IGNORECASE
)


def fold_title(title: str) -> str:
    """A title reduced to what identifies it: lower case words, notes and punctuation gone."""
    text = _NOTES.sub(" ", title)
    text = re.sub(r"&", " and ", text.lower())
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", text).split())


@dataclass(frozen=True)
class Match(Generic[T]):
    """The best candidate for a title, how alike they are (0-100), and whether that is sure."""

    candidate: T
    title: str
    score: float

    @property
    def sure(self) -> bool:
        return self.score >= SURE


def best_match(title: str, candidates: Iterable[tuple[str, T]]) -> Match[T] | None:
    """The candidate whose title is most like ``title``, if any is at least POSSIBLE."""
    pairs: Sequence[tuple[str, T]] = list(candidates)
    if not pairs:
        return None
    folded = [fold_title(t) for t, _ in pairs]
    found = process.extractOne(fold_title(title), folded, scorer=fuzz.token_set_ratio)
    if found is None or found[1] < POSSIBLE:
        return None
    _, score, index = found
    exact = fold_title(title) == folded[index]
    return Match(pairs[index][1], pairs[index][0], 100.0 if exact else float(score))
