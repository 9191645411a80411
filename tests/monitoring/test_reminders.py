"""Chasing: the chase list and the reminder emails with direct links to the forms."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from councilplan.monitoring import services
from councilplan.monitoring.reminders import chase_list
from councilplan.monitoring.workflow import NOTHING_YET

pytestmark = pytest.mark.django_db
TODAY = dt.date(2021, 7, 20)


def due_on(council, deadline: dt.date) -> None:
    council.q1.deadline = deadline
    council.q1.save()
    for user in (council.officer, council.other_officer):
        user.email = f"{user.username}@derby.example"
        user.save()


def test_chase_list_names_who_owes_what(council) -> None:
    owed = {
        o.user.username: [i.title for i in o.items]
        for o in chase_list(council.q1.organisation, today=TODAY)
    }
    assert owed == {
        "officer": ["Reduce homelessness", "Homeless approaches"],
        "other": ["Plant more trees", "Trees planted"],
    }


def test_submitted_items_are_no_longer_chased(council) -> None:
    services.save_action_update(
        user=council.officer,
        action=council.own_action,
        reporting_period=council.q1,
        data=services.UpdateInput(progress_rating="on_track"),
        seen=NOTHING_YET,
        submit=True,
    )
    owed = {
        o.user.username: [i.title for i in o.items]
        for o in chase_list(council.q1.organisation, today=TODAY)
    }
    assert owed["officer"] == ["Homeless approaches"]


def test_reminders_go_to_those_due_within_the_days_with_links(council, settings) -> None:
    settings.COUNCILPLAN_SITE_URL = "https://plans.derby.example"
    due_on(council, dt.date(2021, 7, 23))
    out = StringIO()
    call_command("send-reminders", "--days", "1", "--today", "2021-07-20", stdout=out)
    assert mail.outbox == []
    call_command("send-reminders", "--days", "7", "--today", "2021-07-20", stdout=out)
    assert sorted(m.to[0] for m in mail.outbox) == ["officer@derby.example", "other@derby.example"]
    text = next(m for m in mail.outbox if m.to == ["officer@derby.example"]).body
    assert (
        f"https://plans.derby.example/staff/actions/{council.own_action.pk}/update/2021-22-Q1/"
        in text
    )
    assert "due by 23 July 2021" in text
    assert "2 reminders sent." in out.getvalue()


def test_chase_page_is_for_the_performance_team(client: Client, council) -> None:
    client.force_login(council.performance)
    page = client.get(reverse("staff:chase")).content.decode()
    assert "Reduce homelessness" in page
    assert "Plant more trees" in page
    client.force_login(council.officer)
    assert (
        "The chase list is for the performance team."
        in client.get(reverse("staff:chase")).content.decode()
    )
