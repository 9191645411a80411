"""Finding the plan a report is asked for, by its id or its slug."""

from django.db.models import QuerySet

from councilplan.plans.models import Plan


class ReportProblem(ValueError):  # noqa: N818 - as ImportProblem: what a person reads
    """A report cannot be made as asked: no such plan, report, format or period."""


def find_plan(identifier: str, plans: QuerySet[Plan] | None = None) -> Plan:
    """The plan with this id, or this slug (which must name one plan of one council)."""
    plans = Plan.objects.all() if plans is None else plans
    plans = plans.select_related("organisation")
    if identifier.isdigit():
        found = plans.filter(pk=int(identifier)).first()
        if found is not None:
            return found
    matches = list(plans.filter(slug=identifier)[:3])
    if not matches:
        raise ReportProblem(f'No plan "{identifier}": give its id or slug.')
    if len(matches) > 1:
        ids = ", ".join(f"{p.pk} ({p.organisation.name})" for p in matches)
        raise ReportProblem(f'Several councils have a plan "{identifier}": give its id: {ids}.')
    return matches[0]
