"""Schemathesis against the OpenAPI document: no 5xx, every response as documented.

A bounded number of generated requests per operation, anonymous and with the performance
team's token (which reaches the writes), against the small council of the fixtures.
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import ApiCouncil

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture(autouse=True)
def requests_keep_the_test_transaction() -> Iterator[None]:
    """Requests go through Django in-process; the test's transaction must survive each one."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# The document as the app serves it (reading it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
BOUNDED = settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_anonymous_requests_conform(case, api_council: ApiCouncil) -> None:
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@BOUNDED
def test_performance_team_token_requests_conform(case, api_council: ApiCouncil) -> None:
    # The performance team's token reaches every write, so writes are exercised too.
    headers = {"Authorization": f"Bearer {api_council.keys['performance']}"}
    case.call_and_validate(headers=headers, checks=CHECKS)
