"""Properties of the general reader over tables no one wrote down: it never fails with anything
but an ImportProblem naming the file, and what it leaves unused says where and why."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from councilplan.imports.context import ReadContext
from councilplan.imports.problems import ImportProblem
from councilplan.imports.understand import propose, read

from .build import document, heading, table

WORDS = st.sampled_from(
    [
        "",
        "Ref",
        "Action",
        "Lead officer",
        "Due",
        "RAG",
        "Q1",
        "Q2 2024/25",
        "Target",
        "Green",
        "Amber",
        "Red",
        "Completed",
        "In progress",
        "March 2025",
        "Ongoing",
        "95",
        "29.4%",
        "£16.00K",
        "No data",
        "-",
        "England",
        "Anytown",
        "HC01",
        "CHN 03: Cost",
        "Jane Smith",
        "Director of Housing",
        "Higher",
        "Quarterly",
        "Open the hall",
        "Households in temporary accommodation",
        "A thriving economy",
        "2023/24",
        "Sep-23",
    ]
)
TABLES = st.integers(1, 6).flatmap(
    lambda width: st.lists(st.lists(WORDS, min_size=width, max_size=width), min_size=1, max_size=8)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=TABLES, title=st.sampled_from(["Plan 2024-2027", "Q2 2024/25 report", "Measures"]))
def test_any_table_reads_or_says_what_is_wrong(rows: list[list[str]], title: str) -> None:
    doc = document(heading(title), table(rows, heading="Housing"))
    mapping = propose(doc)
    try:
        reading = read(doc, mapping, ReadContext(organisation_slug="anytown"))
    except ImportProblem as problem:
        refused: ImportProblem | None = problem
    else:
        refused = None
    if refused is not None:
        assert refused.file == "return.pdf"
        assert refused.message
        return
    found = reading.document
    assert found.plans or found.measures or found.updates
    assert all(u.where.startswith("return.pdf") and u.reason for u in reading.unused)
