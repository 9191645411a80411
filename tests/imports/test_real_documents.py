"""Other councils' and cities' documents read by the general reader, field by field.

The files are real public documents (``files/real``, sources in its README) or, for Word and
Excel, built by ``real_documents`` from the words and figures of real ones in layouts councils
use. Each test asserts every fact a performance officer would expect from the file (see
``real_documents.CASES``), and that nothing else comes out as an action or a measure. The
share of facts each file gives is recorded in ``bench/RESULTS.md`` (``bench/real_files.py``).
"""

from pathlib import Path

import pytest

from councilplan.imports.context import ReadContext
from councilplan.imports.general import read_general

from .real_documents import CASES
from .real_facts import REAL, Case, score


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_expected_field_of_every_row_is_read(case: Case, tmp_path: Path) -> None:
    right, expected, missed, extra = score(case, tmp_path)
    assert sorted(missed) == []
    assert sorted(extra) == []
    assert right == expected


def _unused(name: str, organisation: str) -> dict[str, str]:
    context = ReadContext(organisation_slug="council", organisation_name=organisation)
    reading = read_general(REAL / name, context).reading
    return {u.text: u.reason for u in reading.unused}


def test_a_span_of_years_is_no_reporting_period_and_its_values_are_listed():
    unused = _unused("lgbf_latest_values_aberdeen.csv", "Aberdeen City Council")
    assert "2021-24" in unused["0.7"]


def test_cells_no_field_takes_are_listed_with_why():
    unused = _unused("trafford_neet_cipfa.csv", "Trafford Council")
    assert unused["Persons"] == 'column "unit" not used'
