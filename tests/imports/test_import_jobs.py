"""Imports run by the real background worker (`councilplan db_worker`, its own process): read,
checked and applied; a saved mapping reads next quarter's file in one step; a file that cannot be
read, or an apply that fails, writes nothing."""

from decimal import Decimal

import pytest

from councilplan.accounts.models import Membership, Role, User
from councilplan.imports.jobs import services
from councilplan.imports.models import ImportJob, JobState, SavedMapping
from councilplan.imports.understand import Mapping
from councilplan.measures.models import Measure, Observation
from councilplan.monitoring.models import ReportingPeriod
from tests.factories import OfficerFactory, OrganisationFactory
from tests.imports.kpi_return import Q1_VALUES, Q2_VALUES, kpi_return
from tests.worker import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def team():
    organisation = OrganisationFactory(name="Derby City Council", slug="derby")
    for name in ("Clare Mehrbani", "Ian Fullagar"):
        OfficerFactory(organisation=organisation, name=name)
    user = User.objects.create_user(username="performance", password="a-long-test-password")
    Membership.objects.create(user=user, organisation=organisation, role=Role.PERFORMANCE_TEAM)
    return user, organisation


def settled(job: ImportJob, worker, what: str) -> ImportJob:
    """The job once the worker has finished its step."""

    def done() -> bool:
        job.refresh_from_db()
        return not job.job_state.is_running

    wait_until(done, worker, what)
    return job


def test_the_worker_reads_checks_and_applies_an_import(worker, team) -> None:
    user, organisation = team
    job = services.start_import(
        user=user, organisation=organisation, file_name="q1.csv", content=kpi_return(1, Q1_VALUES)
    )
    settled(job, worker, "read the file")
    assert (job.state, job.format, job.error) == (JobState.READ, "csv", "")
    assert job.tables[0]["heading"] == "Housing KPI return 2024/25 Q1"
    assert job.tables[0]["rows"][0][:2] == ["HSG01", "Households in temporary accommodation"]
    assert (job.progress_done, job.progress_total) == (1, 1)

    mapping = Mapping.model_validate(job.mapping)
    services.confirm_mapping(user=user, job=job, mapping=mapping, save_as="Housing KPI return")
    settled(job, worker, "check the file")
    assert job.state == JobState.CHECKED, job.error
    assert job.preview["counts"]["measure"] == {"created": 3}
    assert not Measure.objects.exists()

    services.apply_import(user=user, job=job, answers=[], record_corrections=False)
    settled(job, worker, "apply the file")
    assert job.state == JobState.APPLIED, job.error
    assert (job.applied_by, job.applied_at is not None) == (user, True)
    homes = Measure.objects.get(code="HSG02")
    assert homes.title == "Homes delivered"
    assert Observation.objects.get(measure=homes).value == Decimal("96")


def test_a_saved_mapping_reads_next_quarters_file_straight_to_the_preview(worker, team) -> None:
    user, organisation = team
    first = services.start_import(
        user=user, organisation=organisation, file_name="q1.csv", content=kpi_return(1, Q1_VALUES)
    )
    settled(first, worker, "read the first file")
    mapping = Mapping.model_validate(first.mapping)
    services.confirm_mapping(user=user, job=first, mapping=mapping, save_as="Housing KPI return")
    saved = SavedMapping.objects.get(name="Housing KPI return")

    job = services.start_import(
        user=user,
        organisation=organisation,
        file_name="q2.csv",
        content=kpi_return(2, Q2_VALUES),
        saved_mapping=saved,
    )
    settled(job, worker, "read and check the second file")
    assert (job.state, job.note, job.error) == (JobState.CHECKED, "", "")
    assert job.preview["counts"]["observation"] == {"created": 3}


def test_a_file_that_cannot_be_read_fails_the_job_and_writes_nothing(worker, team) -> None:
    user, organisation = team
    job = services.start_import(
        user=user, organisation=organisation, file_name="kpi.docx", content=b"PK\x03\x04broken" * 9
    )
    settled(job, worker, "give up on the file")
    assert job.state == JobState.FAILED
    assert job.error
    assert job.error_place.startswith("kpi.docx")
    assert not Measure.objects.exists()


def test_an_apply_that_fails_writes_nothing_and_says_why(worker, team) -> None:
    user, organisation = team
    job = services.start_import(
        user=user, organisation=organisation, file_name="q1.csv", content=kpi_return(1, Q1_VALUES)
    )
    settled(job, worker, "read the file")
    services.confirm_mapping(user=user, job=job, mapping=Mapping.model_validate(job.mapping))
    settled(job, worker, "check the file")
    # The quarter is reported to Cabinet after the preview: applying now changes a locked
    # period, which the writer refuses without the person's go-ahead for corrections.
    ReportingPeriod.objects.create(
        organisation=organisation,
        period_kind="quarter",
        period_year=2024,
        period_number=1,
        is_locked=True,
    )
    services.apply_import(user=user, job=job, answers=[], record_corrections=False)
    settled(job, worker, "try to apply the file")
    assert job.state == JobState.CHECKED
    assert "locked periods; nothing was written" in job.error
    assert job.error_place == "q1.csv"
    assert not Measure.objects.exists()
