"""`councilplan report`: a plan's report written to a file, by plan id or slug."""

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
import time_machine
from django.core.management import CommandError, call_command

from councilplan.plans.models import Plan
from tests.factories import OrganisationFactory, PlanFactory


@pytest.mark.django_db
def test_writes_the_annual_results_as_csv_by_plan_slug(derby_plan: Plan, tmp_path: Path) -> None:
    out = io.StringIO()
    path = tmp_path / "results.csv"

    call_command(
        "report",
        "annual-results",
        "--plan",
        derby_plan.slug,
        "--period",
        "2020/21-Q4",
        "-o",
        str(path),
        stdout=out,
    )

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["Derby City Council Annual Performance Results 2020/21"]
    assert [
        "Adults, Health and Housing",
        "Measures of the Council Delivery Plan 2019/20",
        "Number of homeless approaches",
        "2,531",
        "2,248",
        "No target set",
        "A city of health and happiness",
    ] in rows
    assert out.getvalue().startswith(f"Wrote {path}: Derby City Council Annual Performance")


@pytest.mark.django_db
def test_the_format_may_be_given_and_the_plan_by_id(derby_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "plan.out"

    call_command(
        "report",
        "delivery-plan",
        "--plan",
        str(derby_plan.pk),
        "--period",
        "2019/20",
        "--format",
        "html",
        "-o",
        str(path),
        stdout=io.StringIO(),
    )

    assert '<h1 class="govuk-heading-xl">Council Delivery Plan 2019/20</h1>' in path.read_text()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--plan", "no-such-plan", "--period", "2020/21-Q4"], 'No plan "no-such-plan"'),
        (["--plan", "shared", "--period", "2020/21-Q4"], 'Several councils have a plan "shared"'),
        (["--plan", "shared-1", "--period", "2020/21-Q9"], "2020/21-Q9"),
    ],
)
def test_a_plan_or_period_that_cannot_be_found_is_an_error(
    arguments: list[str], message: str, tmp_path: Path
) -> None:
    for name in ("North", "South"):
        PlanFactory(organisation=OrganisationFactory(name=name), slug="shared")
    PlanFactory(slug="shared-1")

    with pytest.raises(CommandError, match=message):
        call_command("report", "quarterly", *arguments, "-o", str(tmp_path / "r.pdf"))


def test_a_file_without_a_known_extension_needs_a_format(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Give --format"):
        call_command(
            "report",
            "quarterly",
            "--plan",
            "1",
            "--period",
            "2020/21-Q4",
            "-o",
            str(tmp_path / "report.txt"),
        )


@pytest.mark.django_db
def test_refuses_a_status_report_of_a_quarter_that_has_not_started(
    derby_plan: Plan, tmp_path: Path
) -> None:
    with (
        time_machine.travel(dt.date(2020, 12, 15), tick=False),
        pytest.raises(CommandError, match="2020/21 Q4 has not started: it starts on 1 January"),
    ):
        call_command(
            "report",
            "quarterly",
            "--plan",
            derby_plan.slug,
            "--period",
            "2020/21-Q4",
            "-o",
            str(tmp_path / "q4.csv"),
            stdout=io.StringIO(),
        )
    assert not (tmp_path / "q4.csv").exists()
