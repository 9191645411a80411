"""Server-Timing, switched on for benchmarks, gives the server's time in milliseconds."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings

TIMING = "councilplan.web.timing.ServerTimingMiddleware"


@pytest.mark.django_db
def test_server_timing_gives_milliseconds_when_switched_on(client: Client) -> None:
    with override_settings(MIDDLEWARE=[TIMING, *settings.MIDDLEWARE]):
        response = client.get("/accessibility/")
    assert re.fullmatch(r"app;dur=\d+\.\d\d", response["Server-Timing"])


@pytest.mark.django_db
def test_no_server_timing_by_default(client: Client) -> None:
    assert "Server-Timing" not in client.get("/accessibility/")
