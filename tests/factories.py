"""factory_boy factories for the models; tests say only what matters to them."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from councilplan.measures.models import Measure, Observation, Target
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import (
    Action,
    Department,
    Milestone,
    Officer,
    Organisation,
    Plan,
    Portfolio,
    Theme,
)


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")


class PortfolioFactory(DjangoModelFactory[Portfolio]):
    class Meta:
        model = Portfolio

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Portfolio {n}")


class DepartmentFactory(DjangoModelFactory[Department]):
    class Meta:
        model = Department

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Department {n}")


class OfficerFactory(DjangoModelFactory[Officer]):
    class Meta:
        model = Officer

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Officer {n}")


class PlanFactory(DjangoModelFactory[Plan]):
    class Meta:
        model = Plan

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Council Plan {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    kind = "council_plan"
    first_year = 2019
    last_year = 2022


class ThemeFactory(DjangoModelFactory[Theme]):
    class Meta:
        model = Theme

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Theme {n}")


class ActionFactory(DjangoModelFactory[Action]):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")


class MilestoneFactory(DjangoModelFactory[Milestone]):
    class Meta:
        model = Milestone

    action = factory.SubFactory(ActionFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")


class MeasureFactory(DjangoModelFactory[Measure]):
    class Meta:
        model = Measure

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Measure {n}")


class TargetFactory(DjangoModelFactory[Target]):
    class Meta:
        model = Target

    measure = factory.SubFactory(MeasureFactory)
    period_kind = "year"
    period_year = 2020
    period_number = 0
    value = 100


class ObservationFactory(DjangoModelFactory[Observation]):
    class Meta:
        model = Observation

    measure = factory.SubFactory(MeasureFactory)
    period_kind = "year"
    period_year = 2020
    period_number = 0
    value = 100
    state = "approved"
    approved_at = factory.LazyFunction(timezone.now)


class ReportingPeriodFactory(DjangoModelFactory[ReportingPeriod]):
    class Meta:
        model = ReportingPeriod

    organisation = factory.SubFactory(OrganisationFactory)
    period_kind = "quarter"
    period_year = 2020
    period_number = 1


class ActionUpdateFactory(DjangoModelFactory[ActionUpdate]):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    reporting_period = factory.SubFactory(ReportingPeriodFactory)
    progress_rating = "on_track"
    status = "green"
    commentary = "On track."
    state = "approved"
    approved_at = factory.LazyFunction(timezone.now)
