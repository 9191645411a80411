"""`councilplan import` and locked periods: changes to what Cabinet saw are listed, refused, or
recorded as corrections with the file and line; open periods are written as before."""

import json
from dataclasses import dataclass
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from councilplan.history.models import AuditEntry
from councilplan.imports.export import document_from_database
from councilplan.imports.template import write_csv, write_xlsx
from councilplan.imports.template.columns import TABLES
from councilplan.measures.models import Measure, Observation
from councilplan.monitoring import services
from councilplan.monitoring.models import ActionUpdate, ReportingPeriod
from councilplan.plans.models import Action, Organisation
from tests.council import Q1, Council
from tests.factories import ActionUpdateFactory, ObservationFactory, ReportingPeriodFactory
from tests.imports.template_documents import row_counts
from tests.imports.template_edits import Grid, edit

Q2 = Q1.next()
FORMATS = ["csv", "xlsx", "zip"]


@dataclass
class Reported:
    """The council after Q1 was reported and locked, and its export in the template."""

    council: Council
    q2: ReportingPeriod
    path: Path
    fmt: str

    @property
    def organisation(self) -> Organisation:
        return self.council.q1.organisation

    def place(self, table: str) -> str:
        """Where the import says a row of ``table`` is: its CSV file, or the workbook's sheet."""
        if self.fmt == "xlsx":
            return f"{self.path.name} sheet {table}"
        return f"{self.path.name}/{next(t.file for t in TABLES if t.name == table)}"

    def change(self, table: str, match: dict[str, str], new: dict[str, object]) -> int:
        """Change the row of ``table`` whose cells are ``match``; return its row number."""
        found = []

        def change(grid: Grid) -> Grid:
            header = grid[0]
            for number, row in enumerate(grid[1:], start=2):
                if all(str(row[header.index(k)]) == v for k, v in match.items()):
                    for name, value in new.items():
                        row[header.index(name)] = value
                    found.append(number)
                    return grid
            raise AssertionError(f"no row of {table} is {match}")

        edit(self.path, self.fmt, table, change)
        return found[0]

    def add(self, table: str, cells: dict[str, object]) -> int:
        """Add a row to ``table``; return its row number."""
        found = []

        def change(grid: Grid) -> Grid:
            header = grid[0]
            grid.append([cells.get(name, "") for name in header])
            found.append(len(grid))
            return grid

        edit(self.path, self.fmt, table, change)
        return found[0]


def write(organisation: Organisation, folder: Path, fmt: str) -> Path:
    """The organisation exported as the template: a CSV folder, a .zip of CSV files or Excel."""
    path = folder / {"xlsx": "derby.xlsx", "csv": "derby", "zip": "derby.zip"}[fmt]
    (write_xlsx if fmt == "xlsx" else write_csv)(document_from_database(organisation), path)
    return path


def reported(council: Council, folder: Path, fmt: str) -> Reported:
    """Q1's value (95) and update (Green, on track) approved, then Q1 locked; Q2's value (50)
    approved in the open Q2; all of it exported."""
    q2 = ReportingPeriodFactory(organisation=council.q1.organisation, period=Q2)
    ObservationFactory(measure=council.own_measure, period=Q1, value=95)
    ObservationFactory(measure=council.own_measure, period=Q2, value=50)
    ActionUpdateFactory(action=council.own_action, reporting_period=council.q1)
    services.set_period_lock(user=council.performance, reporting_period=council.q1, locked=True)
    return Reported(council, q2, write(council.q1.organisation, folder, fmt), fmt)


@pytest.fixture
def csv_file(council: Council, tmp_path: Path) -> Reported:
    return reported(council, tmp_path, "csv")


@pytest.fixture(params=FORMATS)
def any_format(request: pytest.FixtureRequest, council: Council, tmp_path: Path) -> Reported:
    return reported(council, tmp_path, request.param)


def run(*args: str) -> str:
    out = StringIO()
    call_command("import", *args, stdout=out)
    return out.getvalue()


def database() -> dict[str, Any]:
    """What a refused import must leave as it was: every row count, value, update and lock."""
    return {
        "counts": row_counts() | {"AuditEntry": AuditEntry.objects.count()},
        "names": list(Organisation.objects.values_list("name", flat=True)),
        "values": list(
            Observation.objects.values_list(
                "measure_id", "period_number", "version", "value", "state"
            ).order_by("pk")
        ),
        "updates": list(
            ActionUpdate.objects.values_list(
                "action_id", "version", "status", "commentary", "state"
            ).order_by("pk")
        ),
        "locks": list(ReportingPeriod.objects.values_list("period_number", "is_locked")),
    }


def versions(measure: Measure, period_number: int) -> list[tuple[int, Decimal | None, str]]:
    rows = Observation.objects.filter(measure=measure, period_number=period_number)
    return [(o.version, o.value, o.state) for o in rows.order_by("version")]


def change_q1(file: Reported) -> tuple[int, int]:
    """Q1's value 95 -> 96 and its update Green -> Amber; the rows' numbers."""
    value = file.change("Observations", {"Period": "2021/22 Q1"}, {"Value": 96})
    update = file.change(
        "Updates",
        {"Action": "Reduce homelessness"},
        {"Progress rating": "Some slippage", "Status": "Amber", "Commentary": "Builder late."},
    )
    return value, update


def test_preview_lists_each_change_to_a_locked_period_with_old_new_file_and_line(
    any_format: Reported,
) -> None:
    value, update = change_q1(any_format)
    before = database()
    output = run(str(any_format.path))
    values, updates = any_format.place("Observations"), any_format.place("Updates")
    assert (
        f'2021/22 Q1 measure "Homeless approaches": value 95 -> 96, period locked '
        f"({values} line {value})"
    ) in output
    assert (
        '2021/22 Q1 action "Reduce homelessness" update: progress rating On track -> Some '
        f"slippage, status Green -> Amber, commentary changed, period locked ({updates} line "
        f"{update})"
    ) in output
    assert "--apply refuses them" in output
    assert database() == before


def test_apply_refuses_changes_to_a_locked_period_and_writes_nothing_of_the_file(
    any_format: Reported,
) -> None:
    value, update = change_q1(any_format)
    any_format.change("Observations", {"Period": "2021/22 Q2"}, {"Value": 55})
    any_format.change("Organisation", {"Slug": "derby"}, {"Name": "Derby renamed"})
    any_format.add("Actions", {"Plan": any_format.council.own_action.plan.slug, "Title": "New"})
    before = database()
    with pytest.raises(CommandError) as refused:
        run(str(any_format.path), "--apply")
    message = str(refused.value)
    values, updates = any_format.place("Observations"), any_format.place("Updates")
    assert message.startswith(
        f"{any_format.path.name}: 2 changes to approved data of locked periods; "
        "nothing was written:"
    )
    assert f"value 95 -> 96, period locked ({values} line {value})" in message
    assert f"commentary changed, period locked ({updates} line {update})" in message
    assert "--apply --corrections" in message
    assert database() == before
    assert not Action.objects.filter(title="New").exists()


def test_corrections_are_new_approved_versions_with_the_file_and_line_in_the_history(
    csv_file: Reported, client: Client
) -> None:
    council = csv_file.council
    value, update = change_q1(csv_file)
    output = run(str(csv_file.path), "--apply", "--corrections", "--user", "performance")
    assert "Recorded as corrections of locked periods:" in output
    assert f"value 95 -> 96, period locked (derby/observations.csv line {value})" in output
    assert versions(council.own_measure, 1) == [(1, 95, "approved"), (2, 96, "approved")]
    corrected = AuditEntry.objects.get(measure=council.own_measure, verb="corrected")
    assert (corrected.user, corrected.period) == (council.performance, "2021/22 Q1")
    assert corrected.reason == f"Imported from derby/observations.csv line {value}"
    assert corrected.changes == {"value": ["95", "96"]}
    updates = ActionUpdate.objects.filter(action=council.own_action).order_by("version")
    assert [(u.version, u.status, u.state) for u in updates] == [
        (1, "green", "approved"),
        (2, "amber", "approved"),
    ]
    corrected = AuditEntry.objects.get(action=council.own_action, verb="corrected")
    assert (corrected.user, corrected.reason) == (
        council.performance,
        f"Imported from derby/updates.csv line {update}",
    )
    assert corrected.changes["status"] == ["green", "amber"]
    client.force_login(council.performance)
    page = client.get(reverse("staff:measure", args=[council.own_measure.pk])).content.decode()
    assert f"Imported from derby/observations.csv line {value}" in page


def test_reimporting_the_same_data_lists_nothing_and_changes_nothing(
    csv_file: Reported,
) -> None:
    change_q1(csv_file)
    run(str(csv_file.path), "--apply", "--corrections", "--user", "performance")
    after = database()
    assert "period locked" not in run(str(csv_file.path))
    run(str(csv_file.path), "--apply")
    assert database() == after
    fresh = write(csv_file.organisation, csv_file.path.parent / "again", "csv")
    assert "period locked" not in run(str(fresh))
    run(str(fresh), "--apply")
    assert database() == after


def test_a_new_value_or_update_for_a_locked_period_is_a_change_too(csv_file: Reported) -> None:
    council = csv_file.council
    value = csv_file.add(
        "Observations", {"Measure": "Trees planted", "Period": "2021/22 Q1", "Value": 7}
    )
    update = csv_file.add(
        "Updates",
        {
            "Plan": council.other_action.plan.slug,
            "Action": "Plant more trees",
            "Period": "2021/22 Q1",
            "Status": "Red",
        },
    )
    output = run(str(csv_file.path))
    assert (
        'measure "Trees planted": value none -> 7, period locked '
        f"(derby/observations.csv line {value})"
    ) in output
    assert (
        'action "Plant more trees" update: status none -> Red, period locked '
        f"(derby/updates.csv line {update})"
    ) in output
    with pytest.raises(CommandError, match="2 changes to approved data of locked periods"):
        run(str(csv_file.path), "--apply")
    run(str(csv_file.path), "--apply", "--corrections", "--user", "performance")
    assert versions(council.other_measure, 1) == [(1, 7, "approved")]
    entry = AuditEntry.objects.get(measure=council.other_measure, verb="corrected")
    assert entry.reason == f"Imported from derby/observations.csv line {value}"


def test_changes_to_open_periods_are_written_as_before(csv_file: Reported) -> None:
    council = csv_file.council
    csv_file.change("Observations", {"Period": "2021/22 Q2"}, {"Value": 55})
    entries = AuditEntry.objects.count()
    output = run(str(csv_file.path), "--apply")
    assert "period locked" not in output
    assert versions(council.own_measure, 2) == [(1, 55, "approved")]
    assert versions(council.own_measure, 1) == [(1, 95, "approved")]
    assert AuditEntry.objects.count() == entries


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ("nobody", 'No active user "nobody" to record the corrections as: name one with --user.'),
        (
            "officer",
            "derby/observations.csv, line 2: 2021/22 Q1 has been reported and locked. "
            "Ask the performance team",
        ),
        (
            "viewer",
            'derby/observations.csv, line 2: "viewer" may not correct this observation: '
            "ask the performance team",
        ),
    ],
)
def test_only_the_performance_team_makes_corrections(
    csv_file: Reported, user: str, message: str
) -> None:
    change_q1(csv_file)
    before = database()
    with pytest.raises(CommandError, match=message):
        run(str(csv_file.path), "--apply", "--corrections", "--user", user)
    assert database() == before


def test_an_import_never_unlocks_a_period(csv_file: Reported) -> None:
    csv_file.change("Reporting periods", {"Period": "2021/22 Q1"}, {"Locked": "No"})
    run(str(csv_file.path), "--apply")
    assert ReportingPeriod.objects.get(pk=csv_file.council.q1.pk).is_locked


def test_dump_preview_gives_the_changes_as_json(csv_file: Reported) -> None:
    value, _ = change_q1(csv_file)
    before = database()
    preview = json.loads(run(str(csv_file.path), "--dump", "preview"))
    change = preview["locked_changes"][0]
    assert change["period"] == "2021/22 Q1"
    assert change["thing"] == 'measure "Homeless approaches"'
    assert change["changes"] == ["value 95 -> 96"]
    assert (change["file"], change["line"]) == ("derby/observations.csv", value)
    assert len(preview["locked_changes"]) == 2
    assert preview["counts"]["observation"]["updated"] == 1
    assert database() == before


def test_the_normalised_json_and_results_documents_go_through_the_same_check(
    csv_file: Reported, tmp_path: Path
) -> None:
    data = document_from_database(csv_file.organisation).model_dump(mode="json")
    measure = next(m for m in data["measures"] if m["title"] == "Homeless approaches")
    measure["match_by_title"] = True
    measure["observations"] = [{"period": "2021/22-Q1", "value": "90", "data_note": "Revised"}]
    path = tmp_path / "results.json"
    path.write_text(json.dumps(data))
    before = database()
    output = run(str(path))
    assert (
        '2021/22 Q1 measure "Homeless approaches": value 95 -> 90, data note none -> "Revised", '
        "period locked (results.json)"
    ) in output
    with pytest.raises(CommandError, match="1 change to approved data"):
        run(str(path), "--apply")
    assert database() == before
