"""URL parts for domain values: a period is written "2021-22-Q1" in a URL."""

from councilplan.domain.periods import Period, PeriodError


class PeriodConverter:
    """Financial periods in URLs: "2021-22" (year), "2021-22-Q1" (quarter), "2021-22-M10"."""

    regex = r"\d{4}-\d{2}(?:-(?:Q[1-4]|M\d{1,2}))?"

    def to_python(self, value: str) -> Period:
        try:
            return Period.parse(value)
        except PeriodError as exc:
            raise ValueError(str(exc)) from exc

    def to_url(self, value: Period) -> str:
        return value.code.replace("/", "-")
