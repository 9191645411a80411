"""Query parameters shared by the list endpoints, and turning them into domain values."""

from typing import Annotated

from ninja.errors import HttpError
from pydantic import Field

from councilplan.domain.periods import Period, PeriodError

MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PeriodCode = Annotated[
    str,
    Field(
        pattern=r"^\d{4}[-/]\d{2}(-(Q[1-4]|M([1-9]|1[0-2])))?$",
        description='A financial period: "2021/22" (year), "2021/22-Q1" (quarter), '
        '"2021/22-M1" (month); "-" may replace "/".',
    ),
]

# Free text in a filter: no control characters (PostgreSQL refuses NUL in a query).
Text = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f]*$")]
# In a path "/" would end the segment: "2021-22-Q1" as in the web's URLs.
PathPeriod = Annotated[
    str,
    Field(
        pattern=r"^\d{4}-\d{2}(-(Q[1-4]|M([1-9]|1[0-2])))?$",
        description='A financial period: "2021-22" (year), "2021-22-Q1", "2021-22-M1".',
    ),
]


def period_from(code: str) -> Period:
    """The period a parameter names; 422 when it names none."""
    try:
        return Period.parse(code)
    except PeriodError as exc:
        raise HttpError(422, str(exc)) from exc
