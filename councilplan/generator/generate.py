"""Synthetic councils for scale testing: every council of England on one installation.

Each council is made from its own seeded random generator, so council 7 is the same whether it
is made alone or among 317, and a run that stops part way can be continued: councils already in
the database are left as they are. One council is one transaction. Plans, actions and measures
are created through the ORM (their ids are needed); milestones, targets, comparator values,
observations and updates, the millions, are copied in by ``bulk.insert_rows``, and so are the
status snapshots of the most recent locked quarters (``generator.snapshots``), which are added
to councils generated before without them.
"""

import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction

from councilplan.accounts.models import Membership, Role, User
from councilplan.core.models import ReviewState
from councilplan.domain.fuzzy_dates import parse_fuzzy_date
from councilplan.domain.periods import Aggregation, Frequency, Period, PeriodKind
from councilplan.domain.status import Polarity, ProgressRating, RagStatus
from councilplan.domain.units import Unit
from councilplan.measures.models import (
    ComparatorKind,
    ComparatorValue,
    Measure,
    Observation,
    Target,
)
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import (
    Action,
    Department,
    Milestone,
    Officer,
    Organisation,
    Plan,
    PlanKind,
    PlanStatus,
    Portfolio,
    Theme,
    ThemeKind,
)

from . import vocabulary as words
from .bulk import datetime_value, insert_rows
from .snapshots import SNAPSHOT_QUARTERS, store_snapshots

SLUG_PREFIX = "synthetic-"
# The workflow columns of values and updates, in the order ``_Council._review`` gives them.
REVIEW = (
    "version",
    "state",
    "submitted_by",
    "submitted_at",
    "approved_by",
    "approved_at",
    "changed_by",
)
PASSWORD = "councilplan-bench"  # noqa: S105 - the published password of made-up accounts


@dataclass(frozen=True)
class Shape:
    """How big each council is: the issue's "about 6 themes, 150 actions, 450 milestones,
    400 measures, a quarter of them monthly"."""

    actions: int = 150
    milestones_per_action: int = 3
    measures: int = 400
    monthly_share: float = 0.25
    officers: int = 30
    national_share: float = 0.3


@dataclass
class Counts:
    """Rows written, by table, for the progress line and the summary."""

    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, count: int) -> None:
        """Count ``count`` more rows of ``table``."""
        self.rows[table] = self.rows.get(table, 0) + count

    @property
    def total(self) -> int:
        """All rows written."""
        return sum(self.rows.values())


def council_slug(number: int) -> str:
    """The slug of generated council ``number`` (from 1)."""
    return f"{SLUG_PREFIX}{number:03d}"


def council_name(number: int) -> str:
    """A made-up council name, unique for every number."""
    places, kinds = words.PLACES, words.COUNCIL_KINDS
    index = number - 1
    name = f"{places[index % len(places)]} {kinds[(index // len(places)) % len(kinds)]}"
    cycle = index // (len(places) * len(kinds))
    return f"{name} {cycle + 1}" if cycle else name


def generate(
    *,
    councils: int,
    years: int,
    first_year: int = 2016,
    seed: int = 1,
    shape: Shape = Shape(),
    snapshot_quarters: int = SNAPSHOT_QUARTERS,
    on_council: Callable[[int, Counts], None] | None = None,
) -> Counts:
    """Make councils 1 to ``councils`` that are not already there, each with a plan of
    ``years`` financial years from ``first_year`` and a quarter's updates and values for every
    quarter of it, and the status snapshots of its ``snapshot_quarters`` most recent locked
    quarters (added to councils made before without them); ``on_council(number, counts)`` is
    called after each (for a progress bar)."""
    if councils < 1 or years < 1:
        raise ValueError("Give at least one council and one year.")
    existing = {org.slug: org for org in Organisation.objects.filter(slug__startswith=SLUG_PREFIX)}
    password = make_password(PASSWORD)
    counts = Counts()
    for number in range(1, councils + 1):
        with transaction.atomic():
            organisation = existing.get(council_slug(number))
            if organisation is None:
                organisation = _Council(
                    number=number,
                    years=years,
                    first_year=first_year,
                    seed=seed,
                    shape=shape,
                    password=password,
                    counts=counts,
                ).write()
            stored = store_snapshots(organisation, snapshot_quarters)
            if stored:
                counts.add("status snapshots", stored)
        if on_council is not None:
            on_council(number, counts)
    return counts


class _Council:
    """One generated council, written in dependency order."""

    def __init__(
        self,
        *,
        number: int,
        years: int,
        first_year: int,
        seed: int,
        shape: Shape,
        password: str,
        counts: Counts,
    ) -> None:
        self.number, self.years, self.first_year, self.shape = number, years, first_year, shape
        self.random = random.Random(f"{seed}:{number}")  # noqa: S311 - made-up data
        self.password, self.counts = password, counts
        self.slug = council_slug(number)
        self.quarters = [
            Period(PeriodKind.QUARTER, year, q)
            for year in range(first_year, first_year + years)
            for q in range(1, 5)
        ]

    def write(self) -> Organisation:
        """Write the council and everything it has."""
        self.organisation = Organisation.objects.create(
            name=council_name(self.number), slug=self.slug, gss_code=f"E0{self.number:07d}"
        )
        self._people()
        self._plan()
        self._actions()
        self._measures()
        self._monitoring()
        return self.organisation

    def _count(self, table: str, count: int) -> None:
        self.counts.add(table, count)

    def _people(self) -> None:
        org = self.organisation
        self.portfolios = Portfolio.objects.bulk_create(
            Portfolio(organisation=org, name=name) for name in words.PORTFOLIOS
        )
        self.departments = Department.objects.bulk_create(
            Department(organisation=org, name=name) for name in words.DEPARTMENTS
        )
        names = [f"{a} {b}" for a in words.FIRST_NAMES for b in words.LAST_NAMES]
        chosen = self.random.sample(names, self.shape.officers)
        users = User.objects.bulk_create(
            [self._user(f"{self.slug}-performance", "Performance", "Team")]
            + [
                self._user(f"{self.slug}-officer-{n:02d}", *name.split(" ", 1))
                for n, name in enumerate(chosen, start=1)
            ]
        )
        self.performance_user, officer_users = users[0], users[1:]
        self.officers = Officer.objects.bulk_create(
            Officer(organisation=org, name=name, job_title="Head of Service", user=user)
            for name, user in zip(chosen, officer_users, strict=True)
        )
        Membership.objects.bulk_create(
            [Membership(user=users[0], organisation=org, role=Role.PERFORMANCE_TEAM)]
            + [
                Membership(user=user, organisation=org, role=Role.ACCOUNTABLE_OFFICER)
                for user in officer_users
            ]
        )
        self._count("people", len(users) * 3 + len(self.portfolios) + len(self.departments))

    def _user(self, username: str, first: str, last: str) -> User:
        return User(username=username, first_name=first, last_name=last, password=self.password)

    def _plan(self) -> None:
        last_year = self.first_year + self.years - 1
        self.plan = Plan.objects.create(
            organisation=self.organisation,
            title=f"Council Plan {self.first_year} to {last_year + 1}",
            slug="council-plan",
            kind=PlanKind.COUNCIL_PLAN,
            first_year=self.first_year,
            last_year=last_year,
            status=PlanStatus.APPROVED,
            approved_by="Full Council",
            approved_on=date(self.first_year, 2, 20),
            is_published=True,
            vision=f"{council_name(self.number)}: a great place to live, work and visit.",
            source="councilplan generate-data",
        )
        self.outcomes: list[Theme] = []
        for order, (title, outcomes) in enumerate(words.THEMES, start=1):
            theme = Theme.objects.create(plan=self.plan, title=title, order=order)
            self.outcomes += Theme.objects.bulk_create(
                Theme(plan=self.plan, parent=theme, kind=ThemeKind.OUTCOME, title=name, order=n)
                for n, name in enumerate(outcomes, start=1)
            )
        self._count("themes", len(words.THEMES) + len(self.outcomes))

    def _actions(self) -> None:
        rng, quarters = self.random, self.quarters
        actions, self.action_starts = [], []
        for n in range(1, self.shape.actions + 1):
            start = rng.randrange(0, max(1, len(quarters) // 2))
            end = rng.randrange(start + 4, len(quarters) + 8)
            self.action_starts.append(self._quarter(start).start)
            actions.append(
                Action(
                    plan=self.plan,
                    reference=str(n),
                    title=f"{rng.choice(words.VERBS)} {rng.choice(words.OBJECTS)}",
                    description="Generated to measure councilplan at scale.",
                    start=_quarter_text(self._quarter(start)),
                    expected_completion=_quarter_text(self._quarter(end)),
                    order=n,
                    source="councilplan generate-data",
                )
            )
        self.actions = Action.objects.bulk_create(actions)
        self.action_outcomes = [self.outcomes[i % len(self.outcomes)] for i in range(len(actions))]
        self.action_officers = [rng.choice(self.officers) for _ in actions]
        pk = [a.pk for a in self.actions]
        links = {
            "themes": [t.pk for t in self.action_outcomes],
            "portfolios": [rng.choice(self.portfolios).pk for _ in pk],
            "departments": [rng.choice(self.departments).pk for _ in pk],
            "lead_officers": [o.pk for o in self.action_officers],
        }
        for name, targets in links.items():
            _link(getattr(Action, name), zip(pk, targets, strict=True))
        self._count("actions", len(self.actions))
        self._count(
            "milestones",
            insert_rows(
                Milestone,
                ["action", "title", "due", "completed_on", "order"],
                self._milestones(),
            ),
        )

    def _quarter(self, index: int) -> Period:
        """The quarter ``index`` quarters after the plan's first (may run past its end)."""
        year, q = divmod(index, 4)
        return Period(PeriodKind.QUARTER, self.first_year + year, q + 1)

    def _milestones(self) -> Iterator[tuple[Any, ...]]:
        last_day = self.quarters[-1].end
        for action, first in zip(self.actions, self.action_starts, strict=True):
            for order in range(1, self.shape.milestones_per_action + 1):
                due = first + timedelta(days=self.random.randrange(60, 900))
                text = due.strftime("%B %Y")
                yield (
                    action.pk,
                    f"Stage {order}: {self.random.choice(words.VERBS).lower()} and report",
                    _fuzzy_json(text),
                    due if due < last_day and self.random.random() < 0.85 else None,
                    order,
                )

    def _measures(self) -> None:
        rng, shape = self.random, self.shape
        monthly = int(shape.measures * shape.monthly_share)
        self.measure_specs: list[tuple[Measure, float, float, int]] = []
        measures = []
        for n in range(1, shape.measures + 1):
            stem, unit, polarity, decimals, typical, spread = rng.choice(words.MEASURE_STEMS)
            area = words.AREAS[(n - 1) % len(words.AREAS)]
            measures.append(
                Measure(
                    organisation=self.organisation,
                    code=f"PI{n:03d}",
                    national_id=f"LGI{rng.randrange(1000, 9999)}"
                    if rng.random() < shape.national_share
                    else "",
                    title=f"{stem} ({area})" if area else stem,
                    unit=unit,
                    rate_per=10_000 if unit == Unit.RATE else None,
                    rate_population="aged 0-17" if unit == Unit.RATE else "",
                    decimals=decimals,
                    polarity=polarity,
                    frequency=Frequency.MONTHLY if n <= monthly else Frequency.QUARTERLY,
                    aggregation=Aggregation.SUM
                    if unit in (Unit.NUMBER, Unit.POUNDS) and polarity == Polarity.HIGHER
                    else Aggregation.LATEST,
                    owner=rng.choice(self.officers),
                    source="councilplan generate-data",
                )
            )
            self.measure_specs.append((measures[-1], typical, spread, decimals))
        Measure.objects.bulk_create(measures)
        self.measures = measures
        _link(Measure.themes, ((m.pk, rng.choice(self.outcomes).pk) for m in measures))
        _link(Measure.portfolios, ((m.pk, rng.choice(self.portfolios).pk) for m in measures))
        _link(Measure.actions, ((m.pk, rng.choice(self.actions).pk) for m in measures[::3]))
        self._count("measures", len(measures))
        self._measure_values()

    def _measure_values(self) -> None:
        years = range(self.first_year, self.first_year + self.years)
        targets, comparators = [], []
        for measure, typical, spread, decimals in self.measure_specs:
            better = -1 if measure.polarity == Polarity.LOWER else 1
            for year in years:
                target = typical + better * spread * 0.2
                targets.append(
                    (measure.pk, PeriodKind.YEAR, year, 0, _decimal(target, decimals), 5, True)
                )
                if measure.national_id:
                    national = typical + self.random.gauss(0, spread / 3)
                    comparators.append(
                        (
                            measure.pk,
                            ComparatorKind.NATIONAL,
                            "England",
                            PeriodKind.YEAR,
                            year,
                            0,
                            _decimal(national, decimals),
                        )
                    )
        self._count(
            "targets",
            insert_rows(
                Target,
                [
                    "measure",
                    "period_kind",
                    "period_year",
                    "period_number",
                    "value",
                    "tolerance",
                    "tolerance_is_percent",
                ],
                targets,
            ),
        )
        self._count(
            "comparator values",
            insert_rows(
                ComparatorValue,
                [
                    "measure",
                    "kind",
                    "area_name",
                    "period_kind",
                    "period_year",
                    "period_number",
                    "value",
                ],
                comparators,
            ),
        )
        self._count(
            "observations",
            insert_rows(
                Observation,
                ["measure", "period_kind", "period_year", "period_number", "value", *REVIEW],
                self._observations(),
            ),
        )

    def _observations(self) -> Iterator[tuple[Any, ...]]:
        last = self.quarters[-1]
        for measure, typical, spread, decimals in self.measure_specs:
            monthly = measure.frequency == Frequency.MONTHLY
            owner = measure.owner.user_id if measure.owner else None
            value = typical
            for quarter in self.quarters:
                periods = (
                    [
                        Period(PeriodKind.MONTH, quarter.year, (quarter.number - 1) * 3 + m)
                        for m in (1, 2, 3)
                    ]
                    if monthly
                    else [quarter]
                )
                for period in periods:
                    value = max(0.0, value + self.random.gauss(0, spread / 4))
                    yield (
                        measure.pk,
                        period.kind,
                        period.year,
                        period.number,
                        _decimal(value, decimals),
                        *self._review(quarter, last, owner),
                    )

    def _review(self, quarter: Period, last: Period, author: int | None) -> tuple[Any, ...]:
        """The ``REVIEW`` columns of a figure or update for ``quarter`` by ``author``: approved
        but in the last quarter, where a third wait for approval and a sixth are drafts."""
        end = datetime.combine(quarter.end, time(9), UTC)
        submitted = datetime_value(end + timedelta(14))
        approved = datetime_value(end + timedelta(21))
        if quarter == last:
            roll = self.random.random()
            if roll < 1 / 6:
                return 1, ReviewState.DRAFT, None, None, None, None, author
            if roll < 0.5:
                return 1, ReviewState.SUBMITTED, author, submitted, None, None, author
        checker = self.performance_user.pk
        return 1, ReviewState.APPROVED, author, submitted, checker, approved, author

    def _monitoring(self) -> None:
        periods = ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                organisation=self.organisation,
                period_kind=quarter.kind,
                period_year=quarter.year,
                period_number=quarter.number,
                deadline=quarter.end + timedelta(days=14),
                is_locked=quarter != self.quarters[-1],
            )
            for quarter in self.quarters
        )
        self._count("reporting periods", len(periods))
        self._count(
            "updates",
            insert_rows(
                ActionUpdate,
                [
                    "action",
                    "reporting_period",
                    "progress_rating",
                    "status",
                    "percent_complete",
                    "commentary",
                    "next_steps",
                    *REVIEW,
                    "created_at",
                    "updated_at",
                ],
                self._updates(periods),
            ),
        )

    def _updates(self, periods: list[ReportingPeriod]) -> Iterator[tuple[Any, ...]]:
        last = self.quarters[-1]
        ratings = [
            (ProgressRating.ON_TRACK, RagStatus.GREEN),
            (ProgressRating.SOME_SLIPPAGE, RagStatus.AMBER),
            (ProgressRating.MAJOR_SLIPPAGE, RagStatus.RED),
        ]
        for action, officer in zip(self.actions, self.action_officers, strict=True):
            done = 0
            for reporting_period in periods:
                quarter = reporting_period.period
                rating, colour = self.random.choices(ratings, weights=(70, 22, 8))[0]
                done = min(100, done + self.random.randrange(0, 6))
                review = self._review(quarter, last, officer.user_id)
                written = review[3] or datetime_value(datetime.combine(quarter.end, time(9), UTC))
                yield (
                    action.pk,
                    reporting_period.pk,
                    rating,
                    colour,
                    done,
                    self.random.choice(words.COMMENTS),
                    "Continue as planned.",
                    *review,
                    written,
                    written,
                )


def _link(relation: Any, pairs: Iterable[tuple[int, int]]) -> None:
    """Fill a many-to-many ``relation`` (``Action.themes``) with (from id, to id) pairs."""
    field = relation.field
    through = relation.through
    insert_rows(through, [field.m2m_field_name(), field.m2m_reverse_field_name()], pairs)


_FUZZY: dict[str, str] = {}


def _fuzzy_json(text: str) -> str:
    """A timescale's stored JSON, parsed once per text."""
    if text not in _FUZZY:
        _FUZZY[text] = json.dumps(parse_fuzzy_date(text).to_dict())
    return _FUZZY[text]


def _quarter_text(quarter: Period) -> str:
    """How a plan writes a quarter's end as a timescale: "March 2021"."""
    return quarter.end.strftime("%B %Y")


def _decimal(value: float, decimals: int) -> Decimal:
    return Decimal(f"{value:.{decimals}f}")
