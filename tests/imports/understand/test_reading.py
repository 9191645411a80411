"""Reading tables and outlines of any layout into the normalised plan (pure, no database).

Each test's document imitates a layout councils publish (named in the test), built as the
extraction step gives it (see ``build``), so the reader is tested apart from any format.
"""

from decimal import Decimal

import pytest

from councilplan.imports.context import ReadContext
from councilplan.imports.problems import ImportProblem
from councilplan.imports.understand import Mapping, Reading, Role, TableKind, fit, propose, read

from .build import document, heading, item, paragraph, table

ANYTOWN = ReadContext(organisation_slug="anytown", organisation_name="Anytown Borough Council")


def read_proposed(*blocks, context=ANYTOWN) -> Reading:
    doc = document(*blocks)
    return read(doc, propose(doc), context)


# A delivery plan with theme rows inside the table, as many councils' Word and PDF plans have.
ACTION_PLAN = table(
    [
        ["Ref", "Action", "Lead officer", "Service", "Due", "RAG", "Commentary"],
        ["A thriving economy", "<", "<", "<", "<", "<", "<"],
        [
            "EC1",
            "Open the new market hall",
            "Jane Smith",
            "Regeneration",
            "March 2025",
            "Green",
            "Works under way",
        ],
        [
            "EC2",
            "Adopt the local plan",
            "Director of Planning",
            "Planning",
            "Q3 2024/25",
            "Amber",
            "Consultation delayed",
        ],
        ["", "after examination", "", "", "", "", "until the autumn"],
        ["Ref", "Action", "Lead officer", "Service", "Due", "RAG", "Commentary"],
        ["Healthy lives", "<", "<", "<", "<", "<", "<"],
        [
            "HL1",
            "Reopen the leisure centre",
            "Tom Jones",
            "Leisure",
            "Ongoing",
            "Red",
            "Contractor gone",
        ],
    ],
    heading="Our priorities",
)


def test_actions_with_theme_rows_people_dates_and_results():
    reading = read_proposed(
        heading("Anytown Council Plan 2024-2027"),
        paragraph("Quarter 2 2024/25 progress report"),
        ACTION_PLAN,
    )
    (plan,) = reading.document.plans
    assert (plan.first_year, plan.last_year) == (2024, 2026)
    assert [(a.reference, a.title, a.themes) for a in plan.actions] == [
        ("EC1", "Open the new market hall", [["Our priorities", "A thriving economy"]]),
        (
            "EC2",
            "Adopt the local plan after examination",
            [["Our priorities", "A thriving economy"]],
        ),
        ("HL1", "Reopen the leisure centre", [["Our priorities", "Healthy lives"]]),
    ]
    assert plan.actions[1].lead_officers == ["Director of Planning"]
    assert plan.actions[1].expected_completion == "Q3 2024/25"
    updates = {u.action.reference: u for u in reading.document.updates}
    assert {r: (u.period, u.status.value) for r, u in updates.items()} == {
        "EC1": ("2024/25 Q2", "green"),
        "EC2": ("2024/25 Q2", "amber"),
        "HL1": ("2024/25 Q2", "red"),
    }
    assert updates["EC2"].commentary == "Consultation delayed\nuntil the autumn"


def test_a_repeated_header_is_passed_over_and_listed():
    reading = read_proposed(heading("Plan 2024/25"), ACTION_PLAN)
    repeated = [u for u in reading.unused if u.reason == "the header row, repeated"]
    assert [u.where for u in repeated] == ["return.pdf, page 1, line 6"]


def test_a_status_for_no_period_is_listed_not_guessed():
    reading = read_proposed(heading("Council Plan 2024-2027"), ACTION_PLAN)
    assert reading.document.updates == []
    reasons = {u.reason for u in reading.unused}
    assert "Status (RAG) for no period: set the period the document reports" in reasons


# A KPI return with a merged two-row header (years over quarters) and a target column.
KPI_RETURN = table(
    [
        ["KPI", "Measure", "2023/24", "<", "2024/25", "<", "Target 2024/25", "Good is"],
        ["^", "^", "Q1", "Q2", "Q1", "Q2", "^", "^"],
        ["HC01", "Households in temporary accommodation", "95", "101", "97", "99", "90", "Lower"],
        ["HC02", "Homes delivered", "50", "120", "60", "130", "400", "Higher"],
        [
            "FIN3",
            "Cost per pre-school place",
            "£16.00K",
            "£15.5K",
            "£15.9K",
            "£16.1K",
            "£15K",
            "Lower",
        ],
        ["RES1", "Residents satisfied", "29.4%", "31% (Q3 data)", "No survey", "-", "35%", "High"],
    ],
    heading="Housing and finance",
)


def test_measures_with_values_per_quarter_targets_units_and_notes():
    reading = read_proposed(heading("Performance 2024/25"), KPI_RETURN)
    measures = {m.code: m for m in reading.document.measures}
    assert set(measures) == {"HC01", "HC02", "FIN3", "RES1"}
    homes = measures["HC02"]
    assert (homes.title, homes.polarity.value) == ("Homes delivered", "higher")
    assert [(o.period, o.value) for o in homes.observations] == [
        ("2023/24 Q1", 50),
        ("2023/24 Q2", 120),
        ("2024/25 Q1", 60),
        ("2024/25 Q2", 130),
    ]
    assert [(t.period, t.value) for t in homes.targets] == [("2024/25", 400)]
    cost = measures["FIN3"]
    assert (cost.unit, cost.observations[0].value) == ("pounds", Decimal(16000))
    satisfied = measures["RES1"]
    assert satisfied.unit == "percent"
    assert [
        (o.period, o.value, o.data_note, o.no_value_reason) for o in satisfied.observations
    ] == [
        ("2023/24 Q1", Decimal("29.4"), "", ""),
        ("2023/24 Q2", Decimal(31), "Q3 data", ""),
        ("2024/25 Q1", None, "", "No survey"),
    ]


def test_reference_and_title_in_one_cell():
    reading = read_proposed(
        heading("Children's services 2023/24"),
        table(
            [
                ["Indicator", "Q1 2023/24", "Q2 2023/24"],
                ["CHN 03: Cost per pre-school place", "£16.00K", "£15.20K"],
                ["CHN 04: Children in care per 10,000", "71", "70"],
            ]
        ),
    )
    assert [(m.code, m.title) for m in reading.document.measures] == [
        ("CHN 03", "Cost per pre-school place"),
        ("CHN 04", "Children in care per 10,000"),
    ]


def test_long_shape_a_row_per_measure_and_period():
    reading = read_proposed(
        heading("Open data: performance indicators"),
        table(
            [
                ["Indicator", "Period", "Value", "Target"],
                ["Missed bins per 100,000 collections", "2023/24 Q1", "45", "50"],
                ["Missed bins per 100,000 collections", "2023/24 Q2", "52", "50"],
                ["Fly-tipping incidents", "2023/24 Q1", "310", "300"],
            ]
        ),
    )
    bins, flytips = reading.document.measures
    assert [(o.period, o.value) for o in bins.observations] == [
        ("2023/24 Q1", 45),
        ("2023/24 Q2", 52),
    ]
    assert [(t.period, t.value) for t in bins.targets] == [("2023/24 Q1", 50), ("2023/24 Q2", 50)]
    assert [(o.period, o.value) for o in flytips.observations] == [("2023/24 Q1", 310)]


def test_transposed_periods_down_measures_across():
    reading = read_proposed(
        heading("Waste dashboard"),
        table(
            [
                ["Quarter", "Missed bins", "Fly-tips", "Recycling rate"],
                ["2022/23 Q4", "120", "40", "41.2%"],
                ["2023/24 Q1", "99", "31", "43.0%"],
            ]
        ),
    )
    measures = {m.title: m for m in reading.document.measures}
    assert set(measures) == {"Missed bins", "Fly-tips", "Recycling rate"}
    assert [(o.period, o.value) for o in measures["Recycling rate"].observations] == [
        ("2022/23 Q4", Decimal("41.2")),
        ("2023/24 Q1", Decimal("43.0")),
    ]


def test_comparator_areas_in_rows():
    """LG Inform-style: one measure, the council's row and its comparators' rows."""
    reading = read_proposed(
        heading("Benchmarking"),
        table(
            [
                ["Area", "2021/22", "2022/23"],
                ["Anytown", "41.0", "42.5"],
                ["England", "42.1", "41.7"],
                ["South West", "47.0", "46.8"],
                ["Nearest neighbours", "44.0", "44.3"],
            ],
            heading="Household waste recycled (%)",
        ),
    )
    (measure,) = reading.document.measures
    assert measure.title == "Household waste recycled (%)"
    assert [(o.period, o.value) for o in measure.observations] == [
        ("2021/22", Decimal("41.0")),
        ("2022/23", Decimal("42.5")),
    ]
    assert {(c.kind, c.area_name, c.period, c.value) for c in measure.comparators} == {
        ("national", "England", "2021/22", Decimal("42.1")),
        ("national", "England", "2022/23", Decimal("41.7")),
        ("regional", "South West", "2021/22", Decimal("47.0")),
        ("regional", "South West", "2022/23", Decimal("46.8")),
        ("nearest_neighbours", "Nearest neighbours", "2021/22", Decimal("44.0")),
        ("nearest_neighbours", "Nearest neighbours", "2022/23", Decimal("44.3")),
    }


def test_comparator_columns():
    reading = read_proposed(
        heading("Results 2022/23"),
        table(
            [
                ["Measure", "Anytown 2022/23", "England average", "Nearest neighbours"],
                ["Adults in employment (%)", "74.1", "75.6", "73.0"],
            ]
        ),
    )
    (measure,) = reading.document.measures
    assert [(o.period, o.value) for o in measure.observations] == [("2022/23", Decimal("74.1"))]
    assert sorted((c.kind, c.value) for c in measure.comparators) == [
        ("national", Decimal("75.6")),
        ("nearest_neighbours", Decimal("73.0")),
    ]


def test_unused_columns_are_listed_with_where_and_why():
    reading = read_proposed(
        heading("Plan 2024/25"),
        table(
            [
                ["Action", "Due", "Notes for officers only"],
                ["Open the hall", "March 2025", "x"],
            ]
        ),
    )
    doc = reading.document
    assert [a.title for a in doc.plans[0].actions] == ["Open the hall"]
    assert [s.where for s in doc.skipped] == [u.where for u in reading.unused]


def test_outline_goals_objectives_and_dated_deliverables():
    """A plan written as prose: goals, objectives, deliverables with their dates at the end."""
    reading = read_proposed(
        heading("Anytown Corporate Strategy 2024-2028"),
        heading("Growing our economy", level=2),
        paragraph("Goal 1: More good jobs in the borough"),
        paragraph("Objective 1.1: Support local businesses"),
        item("Open a business hub in the old library by April/May 2024."),
        item("Hold quarterly business breakfasts: Ongoing."),
        item("Agree the venue", level=2),
        paragraph("Objective 1.2: Improve skills"),
        paragraph("Deliverable 1.2.1: Launch a skills academy by September 2025."),
        heading("How we will measure success", level=2),
        item("Number of business start-ups"),
        item("Employment rate (16-64)"),
    )
    (plan,) = reading.document.plans
    assert [(a.reference, a.title, a.expected_completion, a.themes) for a in plan.actions] == [
        (
            "",
            "Open a business hub in the old library",
            "April/May 2024",
            [["Growing our economy", "More good jobs in the borough", "Support local businesses"]],
        ),
        (
            "",
            "Hold quarterly business breakfasts",
            "Ongoing",
            [["Growing our economy", "More good jobs in the borough", "Support local businesses"]],
        ),
        (
            "1.2.1",
            "Launch a skills academy",
            "September 2025",
            [["Growing our economy", "More good jobs in the borough", "Improve skills"]],
        ),
    ]
    assert [m.title for m in plan.actions[1].milestones] == ["Agree the venue"]
    assert [m.title for m in reading.document.measures] == [
        "Number of business start-ups",
        "Employment rate (16-64)",
    ]
    assert (plan.first_year, plan.last_year) == (2024, 2027)


def test_a_saved_mapping_reads_next_quarter_s_return():
    """The mapping confirmed for Q1 reads the Q2 file: same roles, periods from the new file."""
    q1 = document(
        heading("Housing return Q1 2024/25"),
        table([["Measure", "Q1 2024/25", "Comment"], ["Voids", "40", "ok"]]),
    )
    saved = propose(q1)
    changed = saved.tables[0].columns[2].model_copy(update={"role": Role.IGNORE})
    saved = saved.model_copy(
        update={
            "name": "Housing KPI return",
            "tables": [
                saved.tables[0].model_copy(
                    update={"columns": [*saved.tables[0].columns[:2], changed]}
                )
            ],
        }
    )
    q2 = document(
        heading("Housing return Q2 2024/25"),
        paragraph("A note added this quarter."),
        table([["Measure", "Q2 2024/25", "Comment"], ["Voids", "38", "better"]]),
    )
    fitted = fit(saved, q2)
    assert fitted.name == "Housing KPI return"
    assert [(c.role, c.period) for c in fitted.tables[0].columns] == [
        (Role.TITLE, ""),
        (Role.ACTUAL, "2024/25 Q2"),
        (Role.IGNORE, ""),
    ]
    (measure,) = read(q2, fitted, ANYTOWN).document.measures
    assert [(o.period, o.value) for o in measure.observations] == [("2024/25 Q2", 38)]


def test_the_mapping_is_json_a_person_can_edit():
    doc = document(heading("Plan 2024/25"), ACTION_PLAN)
    mapping = propose(doc)
    edited = Mapping.model_validate_json(mapping.model_dump_json())
    assert edited == mapping
    skipped = edited.model_copy(
        update={"tables": [edited.tables[0].model_copy(update={"kind": TableKind.SKIP})]}
    )
    with pytest.raises(ImportProblem, match="Found no actions, measures or results"):
        read(doc, skipped, ANYTOWN)


def test_a_plan_whose_years_are_nowhere_asks_for_them():
    doc = document(table([["Action", "Lead"], ["Open the hall", "Jane Smith"]]))
    with pytest.raises(ImportProblem, match="Say which years the plan covers"):
        read(doc, propose(doc), ANYTOWN)


def test_the_council_comes_from_the_context_or_the_document():
    doc = document(
        heading("Borsetshire County Council Delivery Plan 2025/26"),
        table([["Action", "Due"], ["Open the hall", "March 2026"]]),
    )
    reading = read(doc, propose(doc), ReadContext())
    assert (reading.document.organisation.name, reading.document.organisation.slug) == (
        "Borsetshire County Council",
        "borsetshire-county-council",
    )
    nameless = document(table([["Action", "Due"], ["Open the hall", "March 2026"]]))
    with pytest.raises(ImportProblem, match="Say which council"):
        read(nameless, propose(nameless), ReadContext())


def test_a_value_labelled_with_its_period_is_for_that_period_of_the_years_year():
    """District targets written "Q1: 3,340" under one header, the year's in the last column."""
    doc = document(
        heading("Imihigo targets 2025/26"),
        table(
            [
                ["Indicator", "Targets", "<", "Annual target"],
                ["Jobs created", "Q1: 840", "Q2: -", "4,500"],
                ["Households on the grid", "Q1: 50%", "Q2: 65%", "100%"],
            ]
        ),
    )
    mapping = propose(doc).model_copy(update={"period": "2025/26"})
    jobs, grid = read(doc, mapping, ANYTOWN).document.measures
    assert [(t.period, t.value) for t in jobs.targets] == [
        ("2025/26 Q1", 840),
        ("2025/26", 4500),
    ]
    assert (grid.unit, grid.frequency.value) == ("percent", "quarterly")


def test_how_often_a_measure_is_reported_follows_its_periods_where_no_column_says():
    reading = read_proposed(
        heading("Media coverage"),
        table(
            [
                ["Month", "reach", "cumulative_reach"],
                ["2021-08", "62", "62"],
                ["2021-09", "29", "91"],
            ]
        ),
    )
    assert [(m.title, m.frequency.value) for m in reading.document.measures] == [
        ("reach", "monthly"),
        ("cumulative reach", "monthly"),
    ]


def test_a_measures_theme_with_no_plan_to_hold_it_is_listed():
    reading = read_proposed(
        heading("Indicators"),
        table([["Priority", "Indicator", "Source"], ["Health", "Adults active", "Sport England"]]),
    )
    (measure,) = reading.document.measures
    assert measure.themes == []
    assert ("Health", "a measure's theme needs a plan: say which plan") in {
        (u.text, u.reason) for u in reading.unused
    }


def test_an_outline_of_numbered_actions_with_dated_steps_under_a_theme_heading():
    """A council web page's text: every heading at one level, a flattened header row, numbered
    actions, their steps as bullets or a dated paragraph, a date inside a step's sentence."""
    reading = read_proposed(
        heading("Council Plan Action Plan 2025 to 2027", level=3),
        heading("Caring and Competent: Our Deliverables", level=3, line=2),
        heading("Action What we will do and when What residents will see", level=3, line=3),
        item("Certainty on future locations for key operational services.", line=4),
        paragraph("Decision on the waste depot by Summer 2025.", line=5),
        item("Deliver a remediated depot site by early 2027.", level=2, line=6),
        item("Phase 1 expected to go live 27 May 2025 (with possible reset).", level=2, line=7),
        paragraph("Continuity to council services.", line=8),
    )
    (plan,) = reading.document.plans
    (action,) = plan.actions
    assert (action.title, action.themes) == (
        "Certainty on future locations for key operational services",
        [["Caring and Competent"]],
    )
    assert [(m.title, m.due) for m in action.milestones] == [
        ("Decision on the waste depot", "Summer 2025"),
        ("Deliver a remediated depot site", "early 2027"),
        ("Phase 1 expected to go live 27 May 2025 (with possible reset)", "27 May 2025"),
    ]
    assert {u.text for u in reading.unused} == {
        "Action What we will do and when What residents will see",
        "Continuity to council services.",
    }


def test_a_question_heading_is_a_section_and_where_we_are_now_lists_measures():
    doc = document(
        heading("The Council Plan"),
        heading("Safer", line=2),
        heading("What have we achieved?", line=2),
        paragraph("We have implemented 4 Low Traffic Neighbourhood schemes.", line=3),
        heading("Where are we now?", line=4),
        item("Crime rate of 75.1 per 1,000 persons - lower than the London average.", line=5),
    )
    mapping = propose(doc).model_copy(
        update={"plan_slug": "council-plan", "first_year": 2023, "last_year": 2026}
    )
    (measure,) = read(doc, mapping, ANYTOWN).document.measures
    assert (measure.unit, [t.path for t in measure.themes]) == ("rate", [["Safer"]])


def test_a_measure_s_owner_is_declared_as_an_officer():
    reading = read_proposed(
        heading("KPIs 2024/25"),
        table(
            [["Measure", "Owner", "Q1"], ["Voids", "Sam Patel", "40"], ["Rent", "Jo Bloggs", "9"]]
        ),
    )
    assert [m.owner for m in reading.document.measures] == ["Sam Patel", "Jo Bloggs"]
    assert [o.name for o in reading.document.organisation.officers] == ["Sam Patel", "Jo Bloggs"]
