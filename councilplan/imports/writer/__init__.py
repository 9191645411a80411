"""Apply a normalised ``PlanDocument`` to the database: one transaction, idempotent.

Everything is matched on natural keys (an organisation's slug, a plan's slug, a theme's path, an
action's reference or title, a measure's code or title, a period), so applying the same document
twice changes nothing the second time, and a refreshed document updates what it names. Titles
in results documents are matched by similarity, and uncertain matches are listed. Any problem
raises ``ImportProblem`` naming the source line and field, and the transaction leaves the
database exactly as it was. ``dry_run`` does the same work and rolls it back: the preview.
Approved values and updates of locked periods change only as corrections (``locked``).
"""

from collections.abc import Callable

from django.db import IntegrityError, transaction

from councilplan.accounts.models import User
from councilplan.imports import structure as s
from councilplan.imports.problems import ImportProblem

from .locked import LockedPeriodChanges
from .result import OUTCOMES, ApplyResult, Entry, LockedChange, MatchNote
from .results import ResultsWriter

__all__ = [
    "OUTCOMES",
    "ApplyResult",
    "Entry",
    "LockedChange",
    "LockedPeriodChanges",
    "MatchNote",
    "apply_document",
]

Progress = Callable[[int, int], None]


class _DryRunRollback(Exception):  # noqa: N818 - control flow, never seen by a caller
    pass


class _Writer(ResultsWriter):
    """The whole document, top down: organisation, plans, measures, periods, results."""

    def write(self, progress: Progress | None) -> None:
        doc = self.doc
        steps = (
            1 + len(doc.plans) + len(doc.measures) + len(doc.reporting_periods) + len(doc.updates)
        )
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            if progress:
                progress(done, steps)

        self.write_organisation(doc.organisation)
        self.note_locked_periods()
        self.newly_locked, self.approved = [], {}
        step()
        for plan in doc.plans:
            self.write_plan(plan)
            step()
        for plan in doc.plans:
            self.link_themes(plan)
        for measure in doc.measures:
            self.write_measure(measure)
            step()
        for rp in doc.reporting_periods:
            self.reporting_period(rp.period, rp, deadline=rp.deadline, is_locked=rp.is_locked)
            step()
        for update in doc.updates:
            self.write_update(update)
            step()
        self.store_statuses()


def apply_document(
    document: s.PlanDocument,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    corrector: User | None = None,
) -> ApplyResult:
    """Apply a document in one transaction; ``dry_run`` reports what would change, then undoes.

    Changes to approved data of locked periods are listed in ``locked_changes``; applying
    refuses them all (``LockedPeriodChanges``, nothing written) unless ``corrector`` is given,
    who then makes each a correction with the file and line as its reason.
    """
    result = ApplyResult()
    try:
        with transaction.atomic():
            _Writer(document, result, corrector=corrector).write(progress)
            if result.locked_changes and corrector is None and not dry_run:
                raise LockedPeriodChanges(document.source, result.locked_changes)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    except IntegrityError as exc:
        raise ImportProblem(
            f"The data breaks a database rule: {exc}", file=document.source
        ) from exc
    return result
