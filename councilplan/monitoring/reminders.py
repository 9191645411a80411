"""Chasing updates: who still owes what this period, and the reminder emails that ask for it."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from councilplan.accounts.models import User
from councilplan.plans.models import Organisation

from .models import ReportingPeriod
from .reporting import DueItem, due_items, reporting_period_for


@dataclass(frozen=True)
class Owed:
    """One person's outstanding items for a reporting period."""

    user: User
    reporting_period: ReportingPeriod
    items: list[DueItem]


def chase_list(organisation: Organisation, *, today: date) -> list[Owed]:
    """Everyone with a login who still owes an update or a value this period, most overdue first."""
    current = reporting_period_for(organisation, today)
    if current is None:
        return []
    users = User.objects.filter(officer__organisation=organisation, is_active=True).distinct()
    owed = [
        Owed(u, current, [i for i in due_items(u, current, today=today) if not i.done])
        for u in users
    ]
    owed = [o for o in owed if o.items]
    return sorted(
        owed, key=lambda o: (-sum(i.overdue for i in o.items), -len(o.items), o.user.username)
    )


def item_link(item: DueItem) -> str:
    """The full address of the form for one item, for an email."""
    if item.action is not None:
        path = reverse("staff:action-update", args=[item.action.pk, item.period])
    else:
        assert item.measure is not None
        path = reverse("staff:measure-value", args=[item.measure.pk, item.period])
    return settings.COUNCILPLAN_SITE_URL.rstrip("/") + path


def reminder_text(owed: Owed) -> str:
    """The email: what is due, by when, and a direct link to each form."""
    rp = owed.reporting_period
    due = f"by {rp.deadline:%d %B %Y}" if rp.deadline else "now"
    lines = [
        f"Hello {owed.user.first_name or owed.user.username},",
        "",
        f"Your council plan updates for {rp.period.label} are due {due}:",
        "",
    ]
    for item in owed.items:
        lines += [
            f"- {item.title} ({item.state.lower()}{', overdue' if item.overdue else ''})",
            f"  {item_link(item)}",
        ]
    lines += [
        "",
        "Each takes a minute: open the link, choose a rating, write a line, submit.",
        "",
        "Thank you,",
        f"{rp.organisation.name} performance team",
    ]
    return "\n".join(lines)


def send_reminders(*, today: date, within_days: int) -> list[Owed]:
    """Email everyone who owes items in a period due within ``within_days`` or already overdue."""
    sent: list[Owed] = []
    for organisation in Organisation.objects.all():
        for owed in chase_list(organisation, today=today):
            deadline = owed.reporting_period.deadline
            if deadline is None or (deadline - today).days > within_days or not owed.user.email:
                continue
            label = owed.reporting_period.period.label
            subject = f"Council plan updates for {label}: {len(owed.items)} due"
            send_mail(subject, reminder_text(owed), None, [owed.user.email])
            sent.append(owed)
    return sent
