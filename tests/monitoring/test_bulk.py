"""Bulk entry of measure values: every row checked, all applied and approved, or none."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from councilplan.accounts.models import Membership, Role
from councilplan.history.models import AuditEntry
from councilplan.imports.problems import ImportProblem
from councilplan.measures.models import Observation
from councilplan.monitoring import bulk, services
from councilplan.monitoring.value_sheet import row_message
from councilplan.monitoring.workflow import NOTHING_YET, WorkflowError
from tests.council import Q1
from tests.factories import MeasureFactory, OrganisationFactory

HEADER = ["Measure", "Period", "Value", "No-value reason", "Data note", "Provisional"]
RATE_HEADER = ["Measure", "Period", "Value", "No-value reason", "Numerator", "Denominator"]
GOOD = [
    ["Homeless approaches", "2021/22 Q1", "412", "", "Q1 data", "Yes"],
    ["Trees planted", "2021/22 Q1", "1,250", "", "", ""],
]


def csv_file(*rows: list[object], header: list[str] = HEADER) -> bytes:
    """A CSV upload as Excel writes "CSV UTF-8": a byte-order mark, then the rows."""
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode("utf-8-sig")


def xlsx_file(*rows: list[object], sheets: tuple[str, ...] = ("Sheet1",)) -> bytes:
    """A workbook whose last sheet holds the rows (earlier sheets hold a note)."""
    workbook = Workbook()
    workbook.active.title = sheets[0]
    for name in sheets[1:]:
        workbook.create_sheet(name)
    workbook.worksheets[0].append(["A note, not values"])
    values = workbook.worksheets[-1]
    values.delete_rows(1)
    for row in [HEADER, *rows]:
        values.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def preview(council, content: bytes, name: str = "values.csv", user=None, **kw):
    return bulk.preview_values(
        user=user or council.performance, file_name=name, content=content, **kw
    )


def apply(council, content: bytes, name: str = "values.csv", user=None, **kw) -> int:
    return bulk.apply_values(
        user=user or council.performance, file_name=name, content=content, **kw
    )


def enter(council, measure, value: str, *, approve: bool = True) -> Observation:
    latest = measure.observations.order_by("-version").first()
    observation = services.save_observation(
        user=council.performance,
        measure=measure,
        period=Q1,
        data=services.ValueInput(value=Decimal(value)),
        seen=f"{latest.version}:{latest.revision}" if latest else NOTHING_YET,
        submit=True,
    )
    if approve:
        services.approve(user=council.performance, item=observation)
    return observation


def only_problem(result: bulk.ValuesPreview) -> ImportProblem:
    assert len(result.problems) == 1, [str(p) for p in result.problems]
    return result.problems[0]


def test_good_csv_applies_every_value_approved_by_the_uploader(council) -> None:
    assert apply(council, csv_file(*GOOD)) == 2
    homeless = council.own_measure.observations.get()
    trees = council.other_measure.observations.get()
    assert (homeless.value, homeless.data_note, homeless.is_provisional) == (412, "Q1 data", True)
    assert (trees.value, trees.is_provisional, trees.period) == (1250, False, Q1)
    for observation in (homeless, trees):
        assert observation.state == "approved"
        assert observation.submitted_by == observation.approved_by == council.performance
    verbs = set(AuditEntry.objects.values_list("verb", flat=True))
    assert verbs == {"submitted", "approved"}


@pytest.mark.parametrize(
    "sheets", [("Sheet1",), ("Read me", "Observations")], ids=["first-sheet", "named-sheet"]
)
def test_good_xlsx_applies_from_its_first_or_its_observations_sheet(council, sheets) -> None:
    content = xlsx_file(
        ["Homeless approaches", "2021/22 Q1", 412.5, None, None, "No"],
        ["Trees planted", "2021/22", 5000, None, "rolling 12 months", None],
        sheets=sheets,
    )
    assert apply(council, content, name="values.xlsx") == 2
    assert council.own_measure.observations.get().value == Decimal("412.5")
    trees = council.other_measure.observations.get()
    assert (trees.period.label, trees.value, trees.state) == ("2021/22", 5000, "approved")


def test_measure_is_found_by_code_or_by_title_in_any_case(council) -> None:
    council.own_measure.code = "HOM-1"
    council.own_measure.save()
    content = csv_file(["hom-1", "2021/22 Q1", "3"], ["  TREES   planted ", "2021/22 Q1", "4"])
    assert apply(council, content) == 2


def test_reason_for_no_value_and_a_rate_from_numerator_and_denominator(council) -> None:
    content = csv_file(
        ["Homeless approaches", "2021/22 Q1", "", "No data collected", "", ""],
        ["Trees planted", "2021/22 Q1", "", "", "3", "4"],
        header=RATE_HEADER,
    )
    assert apply(council, content) == 2
    assert council.own_measure.observations.get().no_value_reason == "No data collected"
    assert council.other_measure.observations.get().denominator == 4


def test_preview_says_what_each_row_will_do_and_writes_nothing(council) -> None:
    enter(council, council.own_measure, "412")
    other = MeasureFactory(organisation=council.own_measure.organisation, title="Fly-tipping")
    enter(council, other, "9", approve=False)
    content = csv_file(
        ["Homeless approaches", "2021/22 Q1", "412.000", "", "", ""],
        ["Trees planted", "2021/22 Q1", "7"],
        ["Fly-tipping", "2021/22 Q1", "10"],
        ["Homeless approaches", "2021/22 Q2", "400"],
    )
    before = (Observation.objects.count(), AuditEntry.objects.count())
    result = preview(council, content)
    assert not result.problems
    assert [(row.line, row.outcome) for row in result.rows] == [
        (2, bulk.Outcome.UNCHANGED),
        (3, bulk.Outcome.NEW),
        (4, bulk.Outcome.REPLACES),
        (5, bulk.Outcome.NEW),
    ]
    assert (Observation.objects.count(), AuditEntry.objects.count()) == before
    assert apply(council, content) == 3
    assert council.own_measure.observations.count() == 2  # Q1 v1 untouched, Q2 new
    assert other.observations.get().state == "approved"


def test_a_changed_approved_value_becomes_a_new_version(council) -> None:
    enter(council, council.own_measure, "412")
    content = csv_file(["Homeless approaches", "2021/22 Q1", "420"])
    assert preview(council, content).rows[0].outcome == bulk.Outcome.NEW_VERSION
    apply(council, content)
    latest = council.own_measure.observations.order_by("-version").first()
    assert (latest.version, latest.value, latest.state) == (2, 420, "approved")


def test_one_bad_row_among_good_ones_rejects_the_whole_file(council) -> None:
    content = csv_file(*GOOD, ["Homeless approaches", "2021/22 Q2", "lots"])
    before = (Observation.objects.count(), AuditEntry.objects.count())
    with pytest.raises(bulk.UploadRejectedError) as rejected:
        apply(council, content)
    [problem] = rejected.value.problems
    assert (problem.line, problem.field) == (4, "Observations.Value")
    assert row_message(problem) == 'Row 4, Value: "lots" is not a number.'
    assert (Observation.objects.count(), AuditEntry.objects.count()) == before


def test_every_bad_row_is_named_in_order(council) -> None:
    content = csv_file(
        ["Nothing like it", "2021/22 Q1", "1"],
        ["Trees planted", "2021/22 Q1", "1"],
        ["Trees planted", "Q9", "x"],
    )
    messages = [row_message(problem) for problem in preview(council, content).problems]
    assert messages == [
        'Row 2, Measure: No measure has the code or title "Nothing like it".',
        'Row 4, Period: "Q9" is not a reporting period. Write a financial year as "2020/21", '
        'a quarter as "2020/21 Q4" or "Q4 2020/21", a month as "2020/21-M10" or "January 2021".',
        'Row 4, Value: "x" is not a number.',
    ]


FAILURES = {
    "unknown measure": (["Hospital beds", "2021/22 Q1", "1"], "Measure", "No measure has"),
    "no measure": (["", "2021/22 Q1", "1"], "Measure", "This needs a value."),
    "bad period": (["Trees planted", "2021/22 Q5", "1"], "Period", "not a reporting period"),
    "no period": (["Trees planted", "", "1"], "Period", "This needs a value."),
    "not a number": (["Trees planted", "2021/22 Q1", "12a"], "Value", '"12a" is not a number'),
    "neither": (["Trees planted", "2021/22 Q1", "", ""], "Value", "Enter a value, or say why"),
    "both": (["Trees planted", "2021/22 Q1", "3", "No survey"], "No-value reason", "not both"),
    "too precise": (["Trees planted", "2021/22 Q1", "1.1234567"], "Value", "6 decimal places"),
    "too long": (["Trees planted", "2021/22 Q1", "", "x" * 201], "No-value reason", "at most 200"),
    "not yes or no": (
        ["Trees planted", "2021/22 Q1", "1", "", "", "Maybe"],
        "Provisional",
        'is not "Yes" or "No"',
    ),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_each_kind_of_bad_row_is_named_by_row_and_column(council, failure: str) -> None:
    cells, column, message = FAILURES[failure]
    problem = only_problem(preview(council, csv_file(GOOD[0], cells)))
    assert (problem.line, problem.field) == (3, f"Observations.{column}")
    assert message in problem.message


def test_the_same_measure_and_period_twice_is_refused(council) -> None:
    content = csv_file(*GOOD, ["trees planted", "2021/22 Q1", "5"])
    problem = only_problem(preview(council, content))
    assert row_message(problem) == (
        "Row 4, Measure: Row 3 already gives Trees planted for 2021/22 Q1: "
        "keep one of the two rows."
    )


def test_a_measure_of_a_council_where_the_uploader_only_reads_is_refused(council) -> None:
    elsewhere = OrganisationFactory(name="Derbyshire County Council", slug="derbyshire")
    MeasureFactory(organisation=elsewhere, title="Roads resurfaced")
    Membership.objects.create(user=council.performance, organisation=elsewhere, role=Role.VIEWER)
    content = csv_file(GOOD[0], ["Roads resurfaced", "2021/22 Q1", "8"])
    problem = only_problem(preview(council, content))
    assert (problem.line, problem.field) == (3, "Observations.Measure")
    assert "only the performance team of Derbyshire County Council may" in problem.message


def test_a_locked_period_needs_a_correction_reason(council) -> None:
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)
    content = csv_file(*GOOD)
    result = preview(council, content)
    assert [(p.line, p.field) for p in result.problems] == [
        (n, "Observations.Period") for n in (2, 3)
    ]
    assert "2021/22 Q1 is locked: give a reason for the correction." in result.problems[0].message
    with pytest.raises(bulk.UploadRejectedError):
        apply(council, content)
    assert not Observation.objects.exists()
    assert apply(council, content, correction_reason="Supplier resent the figures") == 2
    entry = AuditEntry.objects.filter(verb="corrected").first()
    assert entry.reason == "Supplier resent the figures"


def test_an_unchanged_row_in_a_locked_period_needs_no_reason(council) -> None:
    enter(council, council.own_measure, "412")
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)
    content = csv_file(["Homeless approaches", "2021/22 Q1", "412"])
    assert not preview(council, content).problems
    assert apply(council, content) == 0


@pytest.mark.parametrize("role", ["lead", "officer", "cabinet", "viewer", "outsider"])
def test_only_the_performance_team_may_upload(council, role: str) -> None:
    user = getattr(council, role)
    with pytest.raises(PermissionDenied):
        preview(council, csv_file(*GOOD), user=user)
    with pytest.raises(PermissionDenied):
        apply(council, csv_file(*GOOD), user=user)
    assert not Observation.objects.exists()


def test_a_failure_while_writing_undoes_every_row(council, monkeypatch) -> None:
    approve = services.approve
    calls = []

    def approve_once(**kw) -> None:
        calls.append(kw)
        if len(calls) > 1:
            raise WorkflowError("Someone locked the period just now.")
        approve(**kw)

    monkeypatch.setattr(services, "approve", approve_once)
    with pytest.raises(bulk.UploadRejectedError) as rejected:
        apply(council, csv_file(*GOOD))
    assert row_message(rejected.value.problems[0]) == "Row 3: Someone locked the period just now."
    assert not Observation.objects.exists()
    assert not AuditEntry.objects.exists()


HEADER_PROBLEMS = {
    "unknown column": (
        ["Measure", "Period", "Value", "Colour"],
        'Row 1, Colour: Unknown column "Colour". The columns are: Measure, Period, Value,',
    ),
    "missing column": (["Measure", "Period", "Data note"], 'Row 1, Value: Missing column "Value".'),
    "twice": (["Measure", "Period", "Value", "value"], "Row 1, Value: The column appears twice."),
}


@pytest.mark.parametrize("case", list(HEADER_PROBLEMS))
def test_a_bad_header_is_named(council, case: str) -> None:
    header, message = HEADER_PROBLEMS[case]
    problem = only_problem(preview(council, csv_file(GOOD[0][:3], header=header)))
    assert row_message(problem).startswith(message)


def truncated_xlsx() -> bytes:
    content = xlsx_file(*GOOD)
    return content[: len(content) // 2]


FILE_PROBLEMS = {
    "binary junk": ("values.csv", bytes(range(256)) * 8, "not a CSV file in UTF-8"),
    "junk named xlsx": ("values.xlsx", b"\x00\x01junk" * 50, "not an Excel workbook (.xlsx)"),
    "truncated xlsx": ("values.xlsx", truncated_xlsx(), "not an Excel workbook (.xlsx)"),
    "old excel": ("values.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "old Excel file (.xls)"),
    "nul bytes": ("values.csv", b"Measure,Period\x00,Value\n", "holds binary data"),
    "empty": ("values.csv", b"", "The file is empty"),
    "header only": ("values.csv", csv_file(), "a header row but no values"),
}


@pytest.mark.parametrize("case", list(FILE_PROBLEMS))
def test_a_file_that_cannot_be_read_gets_a_clear_message(council, case: str) -> None:
    name, content, message = FILE_PROBLEMS[case]
    problem = only_problem(preview(council, content, name=name))
    assert message in row_message(problem)
    with pytest.raises(bulk.UploadRejectedError):
        apply(council, content, name=name)
    assert not Observation.objects.exists()


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(council) -> None:
    content = csv_file(["", "", ""], GOOD[0], [], ["Trees planted", "2021/22 Q1", "bad"])
    problem = only_problem(preview(council, content))
    assert problem.line == 5


def test_preview_shows_each_value_as_written(council) -> None:
    content = csv_file(
        ["Homeless approaches", "2021/22 Q1", "1.50"],
        ["Trees planted", "2021/22 Q1", "", "", "3", "4"],
        header=RATE_HEADER,
    )
    result = preview(council, content)
    assert [row.shown for row in result.rows] == ["1.5", "3 / 4"]
    assert result.counts == {bulk.Outcome.NEW: 2}
