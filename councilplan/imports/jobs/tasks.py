"""The background task: one step of an import, run by the worker (`councilplan db_worker`)."""

from django_tasks import task

from .steps import run_step


@task()
def run_import_step(job_id: int, step: str) -> None:
    """Read, check or apply an import job (``steps``)."""
    run_step(job_id, step)
