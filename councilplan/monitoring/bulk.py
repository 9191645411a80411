"""Bulk entry of measure values: a quarter's figures from a CSV or Excel file, all or nothing.

Only the performance team uploads (``value_sheet`` reads the file). Every row is checked (the
measure, the period, the value, repeats, locked periods) and every problem is named by row and
column, so a file is fixed in one go. ``preview_values`` says what each row will do;
``apply_values`` checks again and writes every changed row through ``services`` (submitted,
then approved by the uploader) in one transaction, or writes nothing at all.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from councilplan.accounts import permissions
from councilplan.accounts.models import User
from councilplan.core.models import ReviewState
from councilplan.domain.periods import Period
from councilplan.domain.vocabulary import StatusVocabulary
from councilplan.imports.problems import ImportProblem
from councilplan.imports.template.cells import plain_number
from councilplan.imports.template.grid import Row
from councilplan.measures.models import Measure, Observation
from councilplan.plans.models import Organisation

from . import services, workflow
from .models import ReportingPeriod
from .value_sheet import fold, in_place, read_rows


class Outcome(StatusVocabulary):
    """What applying one row of an upload does to its measure's value for the period."""

    NEW = "new", "New value", 1, "green"
    NEW_VERSION = "new_version", "New version", 2, "blue"
    REPLACES = "replaces", "Replaces a value awaiting approval", 3, "yellow"
    UNCHANGED = "unchanged", "Unchanged", 4, "grey"


@dataclass(frozen=True)
class ValueRow:
    """One good row of an upload: the value it gives and what applying it will do."""

    line: int
    measure: Measure
    period: Period
    data: services.ValueInput
    outcome: Outcome
    seen: str
    correction: bool = False

    @property
    def shown(self) -> str:
        """The value as the preview shows it: the figure as written, or the reason for none."""
        data = self.data
        if data.value is not None:
            return plain_number(data.value)
        if data.numerator is not None and data.denominator is not None:
            return f"{plain_number(data.numerator)} / {plain_number(data.denominator)}"
        return data.no_value_reason


@dataclass(frozen=True)
class ValuesPreview:
    """An upload checked: its good rows, and every problem (nothing may be applied if any)."""

    file_name: str
    rows: tuple[ValueRow, ...]
    problems: tuple[ImportProblem, ...]

    @property
    def changes(self) -> list[ValueRow]:
        """The rows that applying writes."""
        return [row for row in self.rows if row.outcome != Outcome.UNCHANGED]

    @property
    def counts(self) -> dict[Outcome, int]:
        """How many rows have each outcome, for the outcomes any row has."""
        found = Counter(row.outcome for row in self.rows)
        return {outcome: found[outcome] for outcome in Outcome if found[outcome]}


class UploadRejectedError(Exception):
    """An upload with problems: nothing was written; ``problems`` names each row and column."""

    def __init__(self, problems: Sequence[ImportProblem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = tuple(problems)


def uploader_organisations(user: User) -> set[int]:
    """The organisations whose values the user may upload: those of their performance teams."""
    organisations = Organisation.objects.values_list("pk", flat=True)
    return {pk for pk in organisations if permissions.is_performance_team(user, pk)}


def require_uploader(user: User) -> set[int]:
    """Refuse (403) anyone outside every performance team; else their organisations."""
    organisations = uploader_organisations(user)
    if not organisations:
        raise PermissionDenied
    return organisations


# What each row gives, checked against the database.

_FIGURE_KEYS = {"value", "no_value_reason", "numerator", "denominator"}
_NOT_GIVEN = [
    field.name for field in Observation._meta.fields if field.name not in services.VALUE_FIELDS
]


@dataclass(frozen=True)
class _Given:
    """A row whose cells are all good: the measure, period and value it gives."""

    row: Row
    measure: Measure
    period: Period
    data: services.ValueInput


@dataclass(frozen=True)
class _Measures:
    """The measures the user can see, by code and by title, read once per upload."""

    by_code: dict[str, list[Measure]]
    by_title: dict[str, list[Measure]]
    uploadable: set[int]

    @classmethod
    def load(cls, user: User, uploadable: set[int]) -> "_Measures":
        by_code: dict[str, list[Measure]] = {}
        by_title: dict[str, list[Measure]] = {}
        for measure in permissions.measures_readable(user).select_related("organisation"):
            if measure.code:
                by_code.setdefault(fold(measure.code), []).append(measure)
            by_title.setdefault(fold(measure.title), []).append(measure)
        return cls(by_code, by_title, uploadable)

    def find(self, row: Row) -> Measure:
        """The one measure a row names by code (or else exact title) that the user may upload."""
        text = str(row.require("measure"))
        named = self.by_code.get(fold(text)) or self.by_title.get(fold(text), [])
        mine = [measure for measure in named if measure.organisation_id in self.uploadable]
        if len(mine) == 1:
            return mine[0]
        if mine:
            message = f'{len(mine)} measures are called "{text}": give the code of the one meant.'
        elif named:
            message = (
                f'You may not upload values for "{named[0].title}": only the performance team '
                f"of {named[0].organisation.name} may."
            )
        else:
            message = f'No measure has the code or title "{text}".'
        raise row.problem("measure", message)


def _value_input(row: Row) -> services.ValueInput:
    return services.ValueInput(
        value=row.get("value"),
        no_value_reason=row.get("no_value_reason", ""),
        numerator=row.get("numerator"),
        denominator=row.get("denominator"),
        data_note=row.get("data_note", ""),
        is_provisional=row.get("is_provisional", False),
    )


def _value_problems(row: Row, data: services.ValueInput, failed: set[str]) -> list[ImportProblem]:
    """A value or a reason for none (not both), each field within what the database holds."""
    problems = []
    if not failed & _FIGURE_KEYS:
        ratio = data.numerator is not None and data.denominator is not None
        if data.value is None and not ratio and not data.no_value_reason:
            message = "Enter a value, or say why there is none under No-value reason."
            problems.append(row.problem("value", message))
        if data.value is not None and data.no_value_reason:
            message = "Give a value or a reason for none, not both."
            problems.append(row.problem("no_value_reason", message))
    if data.denominator == 0:
        problems.append(row.problem("denominator", "The denominator cannot be 0."))
    try:
        Observation(**asdict(data)).clean_fields(exclude=_NOT_GIVEN)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            if key not in failed:
                problems.append(row.problem(key, " ".join(messages)))
    return problems


def _given(
    row: Row, failed: set[str], measures: _Measures
) -> tuple[_Given | None, list[ImportProblem]]:
    """What a row gives, if all of it is good; every problem with it."""
    problems = []
    measure = None
    try:
        measure = measures.find(row)
    except ImportProblem as problem:
        problems.append(problem)
    period = None
    if "period" not in failed:
        try:
            period = Period.parse(row.require("period"))
        except ImportProblem as problem:
            problems.append(problem)
    data = _value_input(row)
    problems += _value_problems(row, data, failed)
    if problems or failed or measure is None or period is None:
        return None, problems
    return _Given(row, measure, period, data), problems


def _without_repeats(given: list[_Given]) -> tuple[list[_Given], list[ImportProblem]]:
    """The rows, each measure and period once; a problem for each row that repeats one."""
    first: dict[tuple[int, Period], int] = {}
    kept, problems = [], []
    for item in given:
        key = (item.measure.pk, item.period)
        if key in first:
            message = (
                f"Row {first[key]} already gives {item.measure.title} for {item.period.label}: "
                "keep one of the two rows."
            )
            problems.append(item.row.problem("measure", message))
        else:
            first[key] = item.row.number
            kept.append(item)
    return kept, problems


def _latest(given: list[_Given]) -> dict[tuple[int, Period], Observation]:
    """The latest version of each measure's value for each period the rows name."""
    measures = {item.measure.pk for item in given}
    latest = {}
    for observation in Observation.objects.filter(measure__in=measures).order_by("version"):
        latest[(observation.measure_id, observation.period)] = observation
    return latest


def _reporting_periods(given: list[_Given]) -> dict[int, list[ReportingPeriod]]:
    """The reporting periods (some locked) of each organisation whose measures the rows name."""
    periods: dict[int, list[ReportingPeriod]] = {}
    organisations = {item.measure.organisation_id for item in given}
    for reporting_period in ReportingPeriod.objects.filter(organisation__in=organisations):
        periods.setdefault(reporting_period.organisation_id, []).append(reporting_period)
    return periods


def _outcome(latest: Observation | None, data: services.ValueInput) -> Outcome:
    if latest is None:
        return Outcome.NEW
    if latest.state != ReviewState.APPROVED:
        return Outcome.REPLACES
    same = all(getattr(latest, name) == getattr(data, name) for name in services.VALUE_FIELDS)
    return Outcome.UNCHANGED if same else Outcome.NEW_VERSION


def _planned(
    given: list[_Given], *, user: User, correction_reason: str
) -> tuple[list[ValueRow], list[ImportProblem]]:
    """What applying each row will do; a problem for each change to a locked period unexplained."""
    latest, periods = _latest(given), _reporting_periods(given)
    rows, problems = [], []
    for item in given:
        current = latest.get((item.measure.pk, item.period))
        outcome, correction = _outcome(current, item.data), False
        if outcome != Outcome.UNCHANGED:
            organisation = item.measure.organisation_id
            try:
                correction = workflow.check_open(
                    periods.get(organisation, []),
                    item.period,
                    user=user,
                    organisation_id=organisation,
                    correction_reason=correction_reason,
                )
            except workflow.PeriodLockedError as exc:
                problems.append(item.row.problem("period", str(exc)))
                continue
        rows.append(
            ValueRow(
                line=item.row.number,
                measure=item.measure,
                period=item.period,
                data=item.data,
                outcome=outcome,
                seen=workflow.token(current),
                correction=correction,
            )
        )
    return rows, problems


def preview_values(
    *, user: User, file_name: str, content: bytes, correction_reason: str = ""
) -> ValuesPreview:
    """Check every row of an upload and say what applying each would do; nothing is written.

    ``correction_reason`` is needed only when a row changes a locked period.
    """
    organisations = require_uploader(user)
    read, problems = read_rows(file_name, content)
    measures = _Measures.load(user, organisations)
    given = []
    for row, failed in read:
        item, found = _given(row, failed, measures)
        problems += found
        if item is not None:
            given.append(item)
    given, repeats = _without_repeats(given)
    rows, locked = _planned(given, user=user, correction_reason=correction_reason)
    ordered = sorted([*problems, *repeats, *locked], key=in_place)
    return ValuesPreview(file_name, tuple(rows), tuple(ordered))


def apply_values(*, user: User, file_name: str, content: bytes, correction_reason: str = "") -> int:
    """Check the upload again and write every changed value, approved, in one transaction.

    Raises ``UploadRejectedError`` (and writes nothing) if any row is bad. Returns how many
    values were written; unchanged rows are left alone.
    """
    with transaction.atomic():
        preview = preview_values(
            user=user, file_name=file_name, content=content, correction_reason=correction_reason
        )
        if preview.problems:
            raise UploadRejectedError(preview.problems)
        for row in preview.changes:
            _write(user, row, file_name, correction_reason if row.correction else "")
    return len(preview.changes)


def _write(user: User, row: ValueRow, file_name: str, correction_reason: str) -> None:
    """Save a row's value, submitted, and approve it; a problem at its row if that fails."""
    try:
        observation = services.save_observation(
            user=user,
            measure=row.measure,
            period=row.period,
            data=row.data,
            seen=row.seen,
            submit=True,
            correction_reason=correction_reason,
        )
        services.approve(user=user, item=observation)
    except (workflow.WorkflowError, ValidationError, IntegrityError) as exc:
        if isinstance(exc, ValidationError):
            message = " ".join(exc.messages)
        elif isinstance(exc, IntegrityError):
            message = "Someone saved this value at the same moment: upload the file again."
        else:
            message = str(exc)
        raise UploadRejectedError([ImportProblem(message, file=file_name, line=row.line)]) from exc
