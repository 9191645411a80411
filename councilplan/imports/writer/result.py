"""What applying a document did, for the preview and the confirmation."""

from collections import Counter
from dataclasses import dataclass, field

from councilplan.imports.matching import SURE

OUTCOMES = ("created", "updated", "unchanged")


@dataclass(frozen=True)
class Entry:
    """One thing the document names, and what applying it did to it."""

    kind: str
    outcome: str
    line: int | None
    label: str


@dataclass(frozen=True)
class MatchNote:
    """A title matched by similarity (or matched to nothing), for a person to check."""

    kind: str
    line: int | None
    given: str
    matched: str
    score: float

    @property
    def sure(self) -> bool:
        return self.score >= SURE


@dataclass(frozen=True)
class LockedChange:
    """A change the document makes to approved data of a locked period, and where it is read.

    ``changes`` say what differs from the approved version, each as people read it:
    "value 95 -> 96", "status Green -> Amber", "commentary changed".
    """

    period: str
    thing: str
    changes: tuple[str, ...]
    file: str
    line: int | None

    @property
    def place(self) -> str:
        """Where the change comes from: "results.csv line 12"."""
        return f"{self.file} line {self.line}" if self.line else self.file

    def __str__(self) -> str:
        return (
            f"{self.period} {self.thing}: {', '.join(self.changes)}, period locked ({self.place})"
        )


@dataclass
class ApplyResult:
    """What applying a document did (or, in a dry run, would do)."""

    entries: list[Entry] = field(default_factory=list)
    matches: list[MatchNote] = field(default_factory=list)
    unmatched: list[MatchNote] = field(default_factory=list)
    locked_changes: list[LockedChange] = field(default_factory=list)

    def record(self, kind: str, outcome: str, line: int | None, label: str) -> None:
        self.entries.append(Entry(kind, outcome, line, label))

    @property
    def counts(self) -> dict[str, Counter[str]]:
        """Outcomes per kind of thing: {"action": Counter(created=3, unchanged=2)}."""
        counts: dict[str, Counter[str]] = {}
        for entry in self.entries:
            counts.setdefault(entry.kind, Counter())[entry.outcome] += 1
        return counts

    def total(self, outcome: str) -> int:
        """How many things, of every kind, had this outcome."""
        return sum(1 for entry in self.entries if entry.outcome == outcome)

    @property
    def uncertain(self) -> list[MatchNote]:
        """Matches by similarity that a person should confirm."""
        return [m for m in self.matches if not m.sure]

    @property
    def changed(self) -> bool:
        return self.total("created") + self.total("updated") > 0
