"""Proposing each column's role from its header and cells (pure, no database)."""

import pytest

from councilplan.imports.understand import Role, propose

from .build import document, heading, table


def roles_of(rows: list[list[str]], title: str = "Plan 2024/25") -> list[tuple[str, str, str]]:
    mapping = propose(document(heading(title), table(rows)))
    return [(c.header, c.role.value, c.period) for c in mapping.tables[0].columns]


@pytest.mark.parametrize(
    ("header", "cells", "role"),
    [
        ("Lead Officer", ["Jane Smith", "Director of Housing"], Role.OWNER),
        ("Responsible officer(s)", ["A Khan", "B Jones"], Role.OWNER),
        ("Service area", ["Housing", "Planning"], Role.DEPARTMENT),
        ("Cabinet portfolio", ["Housing", "Leisure"], Role.PORTFOLIO),
        ("Timescale", ["March 2025", "Q3 2024/25"], Role.DUE),
        ("Target date", ["31/03/2025", "Nov-24"], Role.DUE),
        ("RAG", ["Green", "Amber"], Role.STATUS),
        ("Progress update", ["Works under way on site.", "Consultation closed."], Role.COMMENTARY),
        ("How will we measure success?", ["More homes", "Fewer voids"], Role.SUCCESS_CRITERIA),
        ("Good performance is", ["Higher", "Lower"], Role.POLARITY),
        ("Frequency", ["Quarterly", "Annual"], Role.FREQUENCY),
        ("Direction of travel", ["Improving", "Declining"], Role.DIRECTION),
        ("England average", ["12.5", "30%"], Role.COMPARATOR),
    ],
)
def test_role_from_header_words_agreeing_with_cells(header: str, cells: list[str], role: Role):
    rows = [["Ref", "Action", header], ["A1", "First action", cells[0]], ["A2", "Second", cells[1]]]
    assert roles_of(rows)[2][1] == role.value


def test_cells_overrule_a_header_they_contradict():
    rows = [
        ["Action", "Status", "Due"],
        ["Open the hall", "In progress", "March 2025"],
        ["Adopt the plan", "Completed", "June 2024"],
        ["Sell the depot", "Not started", "2025/26"],
    ]
    assert roles_of(rows)[1][1] == Role.STAGE.value


def test_a_column_of_codes_headed_kpi_is_the_reference():
    rows = [["KPI", "Measure", "Q1"], ["HC01", "Households in B&B", "95"], ["HC02", "Homes", "5"]]
    assert [r[1] for r in roles_of(rows)[:2]] == [Role.REFERENCE.value, Role.TITLE.value]


def test_a_merged_two_row_header_names_each_column_s_period():
    rows = [
        ["Measure", "2023/24", "<", "2024/25", "<", "Target 2024/25"],
        ["^", "Q1", "Q2", "Q1", "Q2", "^"],
        ["Homes delivered", "50", "120", "60", "130", "400"],
        ["Households in temporary accommodation", "95", "101", "97", "99", "90"],
    ]
    assert roles_of(rows)[1:] == [
        ("2023/24 Q1", "actual", "2023/24 Q1"),
        ("2023/24 Q2", "actual", "2023/24 Q2"),
        ("2024/25 Q1", "actual", "2024/25 Q1"),
        ("2024/25 Q2", "actual", "2024/25 Q2"),
        ("Target 2024/25", "target", "2024/25"),
    ]


def test_bare_quarters_take_the_year_the_document_names():
    rows = [["Indicator", "Q1", "Q2"], ["Missed bins", "120", "99"], ["Fly-tips", "40", "31"]]
    assert roles_of(rows, title="Performance report 2022/23")[1:] == [
        ("Q1", "actual", "2022/23 Q1"),
        ("Q2", "actual", "2022/23 Q2"),
    ]


def test_every_proposal_says_why_and_how_sure():
    rows = [["Action", "Lead"], ["Open the hall", "Jane Smith"], ["Adopt the plan", "Tom Jones"]]
    columns = propose(document(table(rows))).tables[0].columns
    assert all(c.why and 0 < c.confidence <= 1 for c in columns)
