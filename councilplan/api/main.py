"""The API object: routers, errors as JSON with field names, ETags on every read."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from councilplan.domain.periods import PeriodError
from councilplan.monitoring.workflow import ConflictError, WorkflowError

from .etags import conditional
from .forms import FormInvalidError
from .routers import actions, bulk, measures, monitoring, opendata, plans
from .routers.bulk import BulkRejectedError

DESCRIPTION = """\
Council plans, actions, measures and their progress, for dashboards (Power BI, Excel),
LG Inform matching and councils' websites.

Published plans and their approved updates and values need no login. Everything else needs an
API token (make one under "API tokens" in the staff area) sent as `Authorization: Bearer <key>`;
a token sees and changes what its user may on the web. Lists are ordered by id and paged with
`limit` and `after` (the previous page's `next_after`; every page costs the same) or `offset`;
`count=true` adds the length of the whole list. Every read has a weak `ETag`, and
`If-None-Match` answers 304 when nothing changed. Open data of a published plan:
`/plans/{id}/opendata/datapackage.json`.
"""


class CouncilplanAPI(NinjaAPI):
    """NinjaAPI whose successful reads carry an ETag and answer If-None-Match with 304."""

    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        """The response as ninja builds it, made conditional."""
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)


def _error(api: NinjaAPI, request: HttpRequest, status: int, **body: object) -> HttpResponse:
    return api.create_response(request, body, status=status)


def build_api() -> CouncilplanAPI:
    """The API with every router mounted and each error family turned into its status."""
    api = CouncilplanAPI(
        title="councilplan API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
    )
    for module in (plans, actions, measures, monitoring, bulk, opendata):
        api.add_router("", module.router)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _error(api, request, 403, detail="You may not do this to this object.")

    @api.exception_handler(FormInvalidError)
    def form_invalid(request: HttpRequest, exc: FormInvalidError) -> HttpResponse:
        return _error(api, request, 422, detail=str(exc), errors=exc.errors)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        return _error(api, request, 422, detail=" ".join(exc.messages), errors=errors)

    @api.exception_handler(BulkRejectedError)
    def rejected(request: HttpRequest, exc: BulkRejectedError) -> HttpResponse:
        problems = [problem.model_dump() for problem in exc.problems]
        return _error(api, request, 422, detail=str(exc), problems=problems)

    @api.exception_handler(WorkflowError)
    def workflow(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
        return _error(api, request, 409 if isinstance(exc, ConflictError) else 422, detail=str(exc))

    @api.exception_handler(PeriodError)
    def bad_period(request: HttpRequest, exc: PeriodError) -> HttpResponse:
        return _error(api, request, 422, detail=str(exc), errors={"period": [str(exc)]})

    return api


api = build_api()
