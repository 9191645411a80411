"""Writing measures with their values, reporting periods, and results reported on actions."""

from decimal import Decimal
from typing import Any

from django.utils import timezone

from councilplan.core import clock
from councilplan.core.models import Reviewed, ReviewState, period_lookup
from councilplan.domain.periods import Period
from councilplan.domain.units import Unit
from councilplan.imports import structure as s
from councilplan.imports.matching import best_match, fold_title
from councilplan.measures.models import ComparatorValue, Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod, SnapshotCause
from councilplan.monitoring.snapshots import take_snapshots
from councilplan.plans.models import Action, Officer, Portfolio

from .locked import LockedResults
from .plans import PlanWriter
from .result import MatchNote

MEASURE_FIELDS = {
    "national_id",
    "title",
    "definition",
    "unit",
    "rate_per",
    "rate_population",
    "numerator_definition",
    "denominator_definition",
    "decimals",
    "polarity",
    "frequency",
    "aggregation",
    "data_source",
    "reporting_level",
}


class ResultsWriter(PlanWriter, LockedResults):
    """Measures, periods and updates, after the plans they belong to."""

    # Reporting periods this document locks (none was locked before).
    newly_locked: list[Period]
    # The actions and measures given approved results, by period.
    approved: dict[Period, set[Action | Measure]]

    def write_measure(self, m: s.MeasureIn) -> None:
        existing = self.matched_measure(m) if m.match_by_title else None
        if existing is not None:
            # A results document names a measure the plan defined: it adds values, not a definition.
            measure = existing
            self.result.record("measure", "unchanged", m.line, str(measure)[:120])
        else:
            org = {"organisation": self.org}
            key = org | ({"code": m.code} if m.code else {"title": m.title})
            values = m.model_dump(include=MEASURE_FIELDS)
            values["target_profile"] = _stored_profile(m.target_profile)
            values["owner"] = self.one_named(Officer, m.owner, m, "owner")
            measure = self.upsert(Measure, m, key, values)
            actions = [
                self.action(self.plan_by_slug(r.plan, r, "actions"), r.reference, r.title, r)
                for r in m.actions
            ]
            self.set_many(measure, "actions", actions)
        themes = [self.theme(self.plan_by_slug(r.plan, r, "themes"), r.path, r) for r in m.themes]
        portfolios = self.named(Portfolio, m.portfolios, m, "portfolios")
        if existing is None:
            self.set_many(measure, "themes", themes)
            self.set_many(measure, "portfolios", portfolios)
        else:
            # Results add the themes and portfolios they report under, and the unit their
            # values are written in where the plan gave none.
            measure.themes.add(*themes)
            measure.portfolios.add(*portfolios)
            if measure.unit == Unit.NUMBER and m.unit != Unit.NUMBER:
                measure.unit, measure.decimals = m.unit, max(measure.decimals, m.decimals)
                measure.save(update_fields=["unit", "decimals"])
        self.taken_measures.add(measure.pk)
        for t in m.targets:
            self.upsert(
                Target,
                t,
                self.period_key(measure, t.period, t),
                t.model_dump(exclude={"line", "period"}),
            )
        for o in m.observations:
            values = o.model_dump(exclude={"line", "period"})
            values["source"] = f"{self.doc.source}:{o.line}" if o.line else self.doc.source
            period = self.period(o.period, o)
            of_period = {"measure": measure, **period_lookup(period)}
            self.upsert_approved(Observation, o, of_period, values, period)
        for c in m.comparators:
            key = self.period_key(measure, c.period, c) | {"kind": c.kind, "area_name": c.area_name}
            self.upsert(ComparatorValue, c, key, {"gss_code": c.gss_code, "value": c.value})

    def matched_measure(self, m: s.MeasureIn) -> Measure | None:
        """The organisation's measure surely like ``m`` by title (or code), noting inexact matches.

        An uncertain match is listed but not used: the row becomes a measure of its own, which
        keeps a re-import stable and never pours one measure's values into another.
        """
        if m.code:
            return Measure.objects.filter(organisation=self.org, code=m.code).first()
        # One row of a document is one measure: never one this document made or matched already.
        others = Measure.objects.filter(organisation=self.org).exclude(pk__in=self.taken_measures)
        candidates = [(measure.title, measure) for measure in others]
        match = best_match(m.title, candidates)
        if match is None:
            return None
        if fold_title(match.title) != fold_title(m.title):
            kind = "measure" if match.sure else "measure (kept apart)"
            self.result.matches.append(MatchNote(kind, m.line, m.title, match.title, match.score))
        return match.candidate if match.sure else None

    def period_key(self, measure: Measure, text: str, item: s.Item) -> dict[str, Any]:
        return {"measure": measure, **period_lookup(self.period(text, item))}

    def reporting_period(self, text: str, item: s.Item, **values: Any) -> ReportingPeriod:
        """The organisation's reporting period, made (or updated with ``values``) if need be.

        An import may lock a period but never unlocks one: that is the performance team's
        decision, made in the staff area and kept in the history.
        """
        key = {"organisation": self.org, **period_lookup(self.period(text, item))}
        existing = ReportingPeriod.objects.filter(**key).first()
        if not values:
            if existing is not None:
                return existing
            values = {"deadline": None, "is_locked": False}
        elif existing is not None and existing.is_locked:
            values = values | {"is_locked": True}
        elif values.get("is_locked"):
            self.newly_locked.append(self.period(text, item))
        return self.upsert(ReportingPeriod, item, key, values)

    def store_statuses(self) -> None:
        """Once the results are written: the statuses their approval gives (of the actions and
        measures approved, for each period), and of each period this document locks (of
        everything, as at its end: what Cabinet is shown of it from now on)."""
        for period, subjects in self.approved.items():
            if period in self.newly_locked:
                continue
            take_snapshots(
                organisation=self.org,
                period=period,
                today=clock.today(),
                cause=SnapshotCause.APPROVED,
                actions=Action.objects.filter(pk__in=_ids(subjects, Action)),
                measures=Measure.objects.filter(pk__in=_ids(subjects, Measure)),
            )
        for period in self.newly_locked:
            take_snapshots(
                organisation=self.org, period=period, today=period.end, cause=SnapshotCause.LOCKED
            )

    def write_update(self, u: s.ActionUpdateIn) -> None:
        """An approved result for an action; a title like none of the plan's is listed, not used."""
        plan = self.plan_by_slug(u.action.plan, u.action, "action")
        action = self.match_action(plan, u.action.reference, u.action.title, u)
        if action is None:
            given = u.action.reference or u.action.title
            self.result.unmatched.append(
                MatchNote("action", u.line or u.action.line, given, "", 0.0)
            )
            return
        period = self.reporting_period(u.period, u)
        values = u.model_dump(
            include={"percent_complete", "is_dca", "commentary", "mitigation", "next_steps"}
        )
        values |= {"progress_rating": u.progress_rating or "", "status": u.status or ""}
        key = {"action": action, "reporting_period": period}
        self.upsert_approved(ActionUpdate, u, key, values, period.period)

    def upsert_approved(
        self,
        model: type[Reviewed],
        item: s.Item,
        key: dict[str, Any],
        values: dict[str, Any],
        period: Period,
    ) -> None:
        """A reviewed row reported as final: its latest version, approved (now, if it was not).

        A period locked before the import changes only through a correction (``locked``).
        """
        if self.is_locked(period):
            self.write_locked(model, item, key, values, period)
            return
        latest = model._default_manager.filter(**key).order_by("-version").first()
        subject: Action | Measure = key.get("action") or key["measure"]
        self.approved.setdefault(period, set()).add(subject)
        values = values | {"state": ReviewState.APPROVED}
        if latest is None or latest.approved_at is None:
            values["approved_at"] = timezone.now()
        self.upsert(model, item, key | {"version": latest.version if latest else 1}, values)


def _ids(subjects: set[Action | Measure], model: type[Action | Measure]) -> list[int]:
    return [subject.pk for subject in subjects if isinstance(subject, model)]


def _stored_profile(profile: list[Decimal] | None) -> list[int | float] | None:
    """A profile as JSON numbers (whole ones as integers): ``Measure.target_profile``."""
    if not profile:
        return None
    return [int(part) if part == part.to_integral_value() else float(part) for part in profile]
