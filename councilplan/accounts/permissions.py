"""Who may read, change and approve which actions and measures: scoped on the query.

Every view and API endpoint takes its objects through these querysets, so a permission is a
filter the database applies, never a check a page may forget. The roles (DOMAIN.md):
performance team (all of its organisation; approves; configures), department lead (changes and
approves within their department), accountable officer (changes only their own actions and
measures), cabinet member (reads their portfolio, comments), viewer (reads all).
"""

from django.db.models import Q, QuerySet

from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Organisation

from .models import Membership, Role, User

READ_ALL = (Role.PERFORMANCE_TEAM, Role.DEPARTMENT_LEAD, Role.ACCOUNTABLE_OFFICER, Role.VIEWER)


def _memberships(user: User) -> list[Membership]:
    if not user.is_authenticated or not user.is_active:
        return []
    cached: list[Membership] | None = getattr(user, "_councilplan_memberships", None)
    if cached is None:
        cached = list(user.memberships.all())
        user._councilplan_memberships = cached  # type: ignore[attr-defined]
    return cached


def _orgs(user: User, *roles: Role) -> set[int]:
    return {m.organisation_id for m in _memberships(user) if m.role in roles}


def _action_scope(user: User, *, read: bool, approve: bool = False) -> Q:
    """The actions a user's memberships reach, as one filter."""
    if user.is_active and user.is_superuser:
        return Q()
    q = Q(plan__organisation__in=_orgs(user, Role.PERFORMANCE_TEAM))
    if read:
        q |= Q(plan__organisation__in=_orgs(user, *READ_ALL))
    for m in _memberships(user):
        if m.role == Role.DEPARTMENT_LEAD:
            q |= Q(departments=m.department_id) | Q(departments__parent=m.department_id)
        elif m.role == Role.CABINET_MEMBER and read:
            q |= Q(portfolios=m.portfolio_id)
        elif m.role == Role.ACCOUNTABLE_OFFICER and not approve:
            q |= Q(lead_officers__user=user, plan__organisation=m.organisation_id)
    return q


def _nothing_unless(user: User, q: Q) -> Q:
    return q if (user.is_active and (user.is_superuser or _memberships(user))) else Q(pk__in=[])


def actions_readable(user: User) -> QuerySet[Action]:
    """Actions the user may see in the staff area."""
    return Action.objects.filter(_nothing_unless(user, _action_scope(user, read=True))).distinct()


def actions_changeable(user: User) -> QuerySet[Action]:
    """Actions the user may report on (write updates for)."""
    return Action.objects.filter(_nothing_unless(user, _action_scope(user, read=False))).distinct()


def actions_approvable(user: User) -> QuerySet[Action]:
    """Actions whose updates the user may approve or return."""
    scope = _action_scope(user, read=False, approve=True)
    return Action.objects.filter(_nothing_unless(user, scope)).distinct()


def actions_commentable(user: User) -> QuerySet[Action]:
    """Actions a cabinet member (or anyone who reads them) may comment on."""
    return actions_readable(user)


def _measure_scope(user: User, *, read: bool, approve: bool = False) -> Q:
    if user.is_active and user.is_superuser:
        return Q()
    q = Q(organisation__in=_orgs(user, Role.PERFORMANCE_TEAM))
    if read:
        q |= Q(organisation__in=_orgs(user, *READ_ALL))
    for m in _memberships(user):
        if m.role == Role.DEPARTMENT_LEAD:
            q |= Q(actions__departments=m.department_id) | Q(
                actions__departments__parent=m.department_id
            )
        elif m.role == Role.CABINET_MEMBER and read:
            q |= Q(actions__portfolios=m.portfolio_id)
        elif m.role == Role.ACCOUNTABLE_OFFICER and not approve:
            q |= Q(owner__user=user, organisation=m.organisation_id)
    return q


def measures_readable(user: User) -> QuerySet[Measure]:
    """Measures the user may see in the staff area."""
    return Measure.objects.filter(_nothing_unless(user, _measure_scope(user, read=True))).distinct()


def measures_changeable(user: User) -> QuerySet[Measure]:
    """Measures whose values the user may enter."""
    return Measure.objects.filter(
        _nothing_unless(user, _measure_scope(user, read=False))
    ).distinct()


def measures_approvable(user: User) -> QuerySet[Measure]:
    """Measures whose values the user may approve or return."""
    scope = _measure_scope(user, read=False, approve=True)
    return Measure.objects.filter(_nothing_unless(user, scope)).distinct()


def is_performance_team(user: User, organisation_id: int) -> bool:
    """Whether the user configures and approves everything in the organisation."""
    return user.is_active and (
        user.is_superuser or organisation_id in _orgs(user, Role.PERFORMANCE_TEAM)
    )


def organisations_configurable(user: User) -> QuerySet[Organisation]:
    """The councils whose performance team the user is in (all of them for a superuser)."""
    if not user.is_active:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(pk__in=_orgs(user, Role.PERFORMANCE_TEAM))
