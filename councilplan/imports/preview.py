"""What applying a document would do (or did), as plain data: one shape for the CLI and the web.

``councilplan import --dump preview`` prints it as JSON; the import pages keep it on the job and
show it. Lists a person reads through are capped (``LISTED``) with their full length alongside,
so a file of thousands of unused cells keeps a small preview.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any, Protocol

from councilplan.imports.structure import PlanDocument
from councilplan.imports.writer import OUTCOMES, ApplyResult

LISTED = 500


class UnusedText(Protocol):
    """A cell or line the reader did not use, and why (``understand.Unused``)."""

    @property
    def where(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def reason(self) -> str: ...


def preview_data(
    document: PlanDocument, result: ApplyResult, unused: Sequence[UnusedText] = ()
) -> dict[str, Any]:
    """Counts per kind of thing and outcome, what a person should check, what was not used."""
    not_used = _not_used(document, unused)
    return {
        "source": document.source,
        "counts": {kind: dict(tally) for kind, tally in sorted(result.counts.items())},
        "uncertain_matches": [asdict(note) for note in result.uncertain],
        "unmatched": [asdict(note) for note in result.unmatched],
        "locked_changes": [
            asdict(change) | {"text": str(change)} for change in result.locked_changes
        ],
        "skipped": [line.model_dump() for line in document.skipped],
        "unused": not_used[:LISTED],
        "unused_count": len(not_used),
    }


def _not_used(document: PlanDocument, unused: Sequence[UnusedText]) -> list[dict[str, str]]:
    """Every cell or line not used, with where and why: the reader's, then the lines the
    document itself says it skipped (once each, where a reader lists a line in both)."""
    listed = [{"where": u.where, "text": u.text, "reason": u.reason} for u in unused]
    seen = {(item["where"], item["text"], item["reason"]) for item in listed}
    for line in document.skipped:
        where = getattr(line, "where", "") or (
            f"{document.source}, line {line.line}" if line.line else document.source
        )
        if (where, line.text, line.reason) not in seen:
            seen.add((where, line.text, line.reason))
            listed.append({"where": where, "text": line.text, "reason": line.reason})
    return listed


def count_rows(preview: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per kind of thing: how many would be created, updated, left as they are, and not
    matched to anything (so skipped), for the preview's table."""
    unmatched: dict[str, int] = {}
    for note in preview["unmatched"]:
        unmatched[note["kind"]] = unmatched.get(note["kind"], 0) + 1
    kinds: Iterable[str] = sorted(set(preview["counts"]) | set(unmatched))
    return [
        {
            "kind": kind,
            **{outcome: preview["counts"].get(kind, {}).get(outcome, 0) for outcome in OUTCOMES},
            "skipped": unmatched.get(kind, 0),
        }
        for kind in kinds
    ]
