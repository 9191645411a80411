"""The "Our outcomes / Our must do's" reader, on Derby's Council Delivery Plan 2022/23 (seed 001).

Expected values were read off the seed by hand; the line numbers are the seed's.
"""

from pathlib import Path

import pytest

from councilplan.imports import structure as s
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.outcome_must_do_tables import READER
from councilplan.imports.readers.outcome_must_do_tables_rows import (
    ItemSplitter,
    PortfolioNames,
    listed_items,
    split_notes,
)
from councilplan.imports.text.source import SourceText
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Milestone, Plan, Theme

SEED = "001_39c9c36a00977c36.txt"
DELIVERY = "council-delivery-plan-2022-23"
COUNCIL = "council-plan-2022-2025"
REGEN = "Regeneration, Decarbonisation & Strategic Planning & Transport"
CDPT = "Community Development, Place and Tourism"
ADULTS = "Adults, Health and Housing"
CYPS = "Children, Young People and Skills"
FDC = "Finance, Digital and Culture"
GREEN = "A green city"
GROWTH = "A city of growth"
VIBRANT = "A vibrant city"
RESILIENT = "A resilient city"
SMARTER = "Working smarter"
HEADER = (
    "Our outcomes\tOur must do's\tKey milestones for 2022/23\tCabinet portfolio\t"
    "Review Deadlines\tEvaluating our impact\t\n"
    "\t\t\t\t\tThe differences you will see\tPerformance measures\n"
)


@pytest.fixture
def document(seeds: Path) -> s.PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), ReadContext())


@pytest.fixture
def actions(document: s.PlanDocument) -> dict[int, s.ActionIn]:
    return {a.line: a for a in document.plans[1].actions if a.line is not None}


@pytest.fixture
def measures(document: s.PlanDocument) -> dict[str, s.MeasureIn]:
    return {m.title: m for m in document.measures}


def milestones(action: s.ActionIn) -> list[tuple[int | None, str, str]]:
    return [(m.line, m.title, m.due) for m in action.milestones]


def measure_titles(measures: dict[str, s.MeasureIn], action: s.ActionIn) -> list[str]:
    return [t for t, m in measures.items() if any(r.title == action.title for r in m.actions)]


# -- the seed: counts and plans ------------------------------------------------------------


def test_recognises_the_seed_by_its_header_rows(seeds: Path) -> None:
    assert READER.recognises(SourceText.open(seeds / SEED))
    other = SourceText.from_text("Action\tHow will we measure success?\tTimescale\n", "x.txt")
    assert not READER.recognises(other)


def test_counts_of_what_the_seed_holds(seeds: Path, document: s.PlanDocument) -> None:
    council, delivery = document.plans
    outcomes = [o for t in council.themes for o in t.children]
    assert len(council.themes) == 5
    assert len(outcomes) == 14
    assert len(delivery.actions) == 91
    assert sum(len(a.milestones) for a in delivery.actions) == 145
    assert len(document.measures) == 128
    assert document.updates == []
    assert document.skipped == []


def test_two_plans_with_the_titles_the_document_gives(document: s.PlanDocument) -> None:
    council, delivery = document.plans
    assert (council.slug, council.title, council.kind, council.line) == (
        COUNCIL,
        "Council Plan 2022 \u2013 2025",
        "council_plan",
        10,
    )
    assert (council.first_year, council.last_year, council.status, council.is_published) == (
        2022,
        2024,
        "approved",
        True,
    )
    assert (delivery.slug, delivery.title, delivery.kind, delivery.parent, delivery.line) == (
        DELIVERY,
        "Council Delivery Plan 2022/23",
        "delivery_plan",
        COUNCIL,
        8,
    )
    assert (delivery.first_year, delivery.last_year) == (2022, 2022)
    assert council.actions == []
    assert delivery.themes == council.themes
    assert document.organisation.name == "Derby City Council"
    assert document.organisation.slug == "derby-city-council"


def test_theme_headings_not_page_headers_make_the_themes(document: s.PlanDocument) -> None:
    themes = document.plans[0].themes
    assert [(t.title, t.line, t.kind) for t in themes] == [
        (GREEN, 14, "theme"),
        (GROWTH, 52, "theme"),
        (VIBRANT, 120, "theme"),
        (RESILIENT, 174, "theme"),
        (SMARTER, 305, "theme"),
    ]
    assert [(o.title, o.line, o.kind) for o in themes[3].children] == [
        ("Reduced inequalities, with healthier and wealthier residents", 178, "outcome"),
        ("Empowered, strong and independent communities", 211, "outcome"),
        (
            "A safe city, where those that need support can access them at the right time for them",
            253,
            "outcome",
        ),
    ]


def test_portfolios_are_split_and_spelled_as_first_seen(document: s.PlanDocument) -> None:
    assert [p.name for p in document.organisation.portfolios] == [
        REGEN,
        CDPT,
        "Streetpride, Leisure and Public Spaces",
        "Strategy",
        FDC,
        CYPS,
        ADULTS,
        "Governance",
    ]


# -- rows checked field by field -----------------------------------------------------------


def test_first_row_with_a_continuation_row_of_milestones(actions: dict[int, s.ActionIn]) -> None:
    action = actions[18]
    assert action.title == (
        "Continue the delivery of the Our City, Our River programme, to mitigate flood risks"
    )
    assert action.reference == ""
    assert action.themes == [[GREEN, "Cleaner air and lower CO2 emissions"]]
    assert action.portfolios == [REGEN]
    assert action.expected_differences == "More houses and businesses protected from flood risk"
    assert action.description == ""
    assert milestones(action) == [
        (
            18,
            "Planning application submitted for the next Phase of Our City, Our River",
            "March 2023",
        ),
        (19, "Complete strategic flood risk assessment", "March 2023"),
    ]


def test_bulleted_milestones_under_a_lead_in_and_cabinet_member_portfolio(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    action = actions[31]
    assert action.title == "Deliver our City Air Quality Action Plan"
    assert action.portfolios == [CDPT]
    assert action.expected_differences == ""
    assert milestones(action) == [
        (31, "Fleet and travel plans to be completed", "March 2023"),
        (31, "Air Quality Planning Policy", "March 2023"),
        (31, "NO2 Roadside Project complete", "March 2023"),
    ]
    assert measure_titles(measures, action) == ["Annual Mean NO2 rate for the city"]


def test_run_together_milestones_pair_with_run_together_deadlines(
    actions: dict[int, s.ActionIn],
) -> None:
    action = actions[56]
    assert milestones(action) == [
        (
            56,
            "Further proposals for investment at Infinity Park Derby including iHub2 site",
            "October 2022",
        ),
        (56, "Building completion", "March 2023"),
    ]
    assert milestones(actions[168]) == [
        (
            168,
            "Create a \u2018coordinating group\u2019 across services, with partners to support a "
            "cleaner, safer and more active city centre",
            "October 2022 March 2023",
        )
    ]
    assert milestones(actions[112]) == [
        (
            112,
            "Submit planning application in June 2022 with target decision date of November 2022",
            "Delivery June 2024",
        ),
        (112, "Procure architect by November 2022", "Delivery June 2024"),
    ]


def test_continuation_rows_add_milestones_portfolios_differences_and_measures(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    action = actions[68]
    assert action.title == "Support and strengthen the existing business base and sectors"
    assert action.portfolios == [REGEN, CDPT]
    assert action.expected_differences == (
        "More new businesses attracted to the city, and more existing local businesses supported "
        "in their growth Higher levels of satisfaction and customer experience with the city "
        "centre More people visiting the city centre at night More new businesses attracted to "
        "the city, and more existing local businesses supported in their growth"
    )
    assert milestones(action) == [
        (
            68,
            "Ensure more coherent innovation ecosystem through the Derby Innovation Group",
            "March 2023",
        ),
        (
            69,
            "Complete a review of place that addresses the recommendations from the Purple Flag "
            "report",
            "March 2023",
        ),
        (
            70,
            "Retain Purple Flag status by carrying out light touch audits of criteria in between "
            "formal evaluations",
            "",
        ),
        (70, "Draft a Charter for night time economy businesses", ""),
    ]
    assert measure_titles(measures, action) == [
        "Number of businesses supported by Derby City Council through access to finance, advice "
        "and indirect support (including the Ascend programme)",
        "Number of jobs created through Derby City Council initiatives",
        "Business start-ups per 10,000 population",
        "Purple flag status",
    ]


def test_paragraph_cells_read_whole_row_exactly(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    due = "Review March 2023"
    assert actions[157] == s.ActionIn(
        line=157,
        title="Building on the experience of the successful City of Culture25 bid and long "
        "listing success, develop our bid for City of Culture status 2029",
        expected_differences="Higher levels of satisfaction and customer experience with the "
        "city centre Footfall - High streets recovery tracker (Centre for Cities) Weekday Index "
        "Score Visitor satisfaction",
        themes=[[VIBRANT, "Exciting cultural offer representative of communities"]],
        portfolios=[FDC, CDPT],
        milestones=[
            s.MilestoneIn(
                line=157,
                title="Develop proposals to strengthen 'collaborative work' across the cultural "
                "sector",
                due=due,
            ),
            s.MilestoneIn(
                line=157, title="Recommendations to be received \u2013 October 2022", due=due
            ),
            s.MilestoneIn(line=157, title="Implementation \u2013 2023", due=due),
            s.MilestoneIn(
                line=157,
                title="Deliver the Culture Strategy for Derby 2020-2030 to promote cultural "
                "renewal through social mobility and opportunity, sustainable development and the "
                "shaping of a stronger city",
                due=due,
            ),
        ],
    )
    assert measure_titles(measures, actions[157]) == []


def test_multi_portfolio_cell_is_split_into_known_portfolios(
    actions: dict[int, s.ActionIn],
) -> None:
    assert actions[100].portfolios == [ADULTS, CYPS, "Governance"]
    assert actions[254].portfolios == [CYPS, ADULTS, CDPT]
    assert actions[156].portfolios == [REGEN, CDPT]


def test_must_do_split_by_a_page_break_is_joined(actions: dict[int, s.ActionIn]) -> None:
    action = actions[243]
    assert action.title == (
        "Work in partnership to streamline our processes implementing a coordinated approach to "
        "investing in our voluntary, third and faith sectors (co-production), building our "
        "communities and connecting people"
    )
    assert action.description == (
        'Please refer to the actions under "Develop our Better Together operating model of '
        'support, with shared health, housing and care records to improve patient/citizen care"'
    )
    assert action.milestones == []
    assert action.portfolios == [CDPT]
    assert 251 not in actions


def test_differences_cut_by_a_page_break_go_back_to_their_row(
    actions: dict[int, s.ActionIn],
) -> None:
    assert actions[312].expected_differences == (
        "Improved insight available to support decision making in key areas Effective and "
        "efficient services, that are sustainable, and deliver value for money; evidenced "
        "through positive performance outcomes and the level of our financial reserves"
    )
    assert actions[320].title == (
        "Rolling Digital Enablement programme of change and business operation"
    )
    assert actions[320].expected_differences == ""


def test_measures_only_row_on_a_new_page_continues_the_must_do(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    action = actions[211]
    assert [m[0] for m in milestones(action)] == [211, 212, 213, 214]
    assert measure_titles(measures, action)[3:] == [
        "The proportion of adults in contact with secondary mental health services living "
        "independently, with or without support",
        "Number of homeless approaches",
        "Total number of homelessness approaches resolved under 'prevention and relief duties'",
        "Number of people sleeping rough on a single night",
    ]


def test_italic_notes_become_the_description_not_the_title(
    actions: dict[int, s.ActionIn],
) -> None:
    assert actions[128].title == "Deliver Derby Riverside"
    assert actions[128].description == (
        "Please note that this area links to commitments under 'Maximise our river areas'"
    )
    assert actions[298].title.startswith("Respond to the White Paper 'People at the Heart")
    assert actions[298].description.startswith('This must do also links to "Provide effective')
    assert milestones(actions[298])[1][2] == "March 2023"


def test_no_measure_notes_are_not_measures(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    for line in (21, 32, 179, 210, 274, 298):
        assert measure_titles(measures, actions[line]) == []
    assert measure_titles(measures, actions[254]) == [
        "Number of young people successfully completing independent travel training"
    ]
    assert not any(t.lower().startswith("n/a") for t in measures)


def test_lead_in_of_a_measures_list_is_kept_in_each_measure(
    actions: dict[int, s.ActionIn], measures: dict[str, s.MeasureIn]
) -> None:
    assert measure_titles(measures, actions[88])[:5] == [
        "Attainment and progress rates: Early Years Foundation Stage",
        "Attainment and progress rates: Key Stage 1",
        "Attainment and progress rates: Key Stage 2",
        "Attainment and progress rates: Key Stage 4",
        "Number of fixed term and permanent exclusions at both primary and secondary levels",
    ]


def test_lead_in_joined_to_a_lower_case_list(actions: dict[int, s.ActionIn]) -> None:
    assert milestones(actions[44]) == [
        (
            44,
            "Work with Derbyshire Wildlife Trust to progress the project: analyse consultation "
            "findings; develop a full business case; and; evaluate any external funding "
            "opportunities",
            "",
        )
    ]
    titles = [m[1] for m in milestones(actions[179])]
    assert titles[0] == (
        "Deliver effective strategic planning and insight to help improve health outcomes and "
        "reduce health inequalities"
    )
    assert titles[1].endswith(
        "agreed in 2021/22: - reduced smoking prevalence - more adults and children maintaining "
        "a healthy weight - reduce harmful alcohol consumption - more adults and children "
        "participating in physical activity - reducing poverty - more people living in safe and "
        "affordable housing - more people experiencing positive emotional and mental wellbeing"
    )
    assert titles[2].startswith("Lead the Derby City Council response to COVID-19")


def test_measure_named_under_two_actions_is_one_measure_linked_to_both(
    measures: dict[str, s.MeasureIn],
) -> None:
    measure = measures["Number of homeless approaches"]
    assert measure.line == 222
    assert [r.plan for r in measure.actions] == [DELIVERY, DELIVERY]
    assert [r.title[:30] for r in measure.actions] == [
        "Develop our Better Together op",
        "Establish a citywide Preventio",
    ]
    assert [t.path for t in measure.themes] == [
        [RESILIENT, "Empowered, strong and independent communities"]
    ]
    footfall = measures[
        "Footfall - High streets recovery tracker (Centre for Cities) Weekday Index Score"
    ]
    assert len(footfall.actions) == 3
    assert "Engagement of key stakeholders" in measures


def test_run_together_measures_are_split(measures: dict[str, s.MeasureIn]) -> None:
    for title in (
        "Energy audits undertaken for small and medium-sized enterprises",
        "Tonnage of waste sent to landfill in the city",
        "Claimant count - unemployment as a percentage of the working population",
        "Care worker recruitment and retention rates for both Derby City Council teams and our "
        "external care providers",
        "Percentage of new EHCPs issued in 20 weeks",
        "Number of hate crimes reported",
        "Coverage of the 6 to 8 week Public Health Nursing review",
    ):
        assert measures[title].line is not None
    assert "Total number of Education Health and Care Plans (EHCP) maintained by Derby" in measures


# -- the cell helpers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        (
            "Outline Business Case submitted Contractor appointed",
            ["Outline Business Case submitted", "Contractor appointed"],
        ),
        (
            "in line with the approved Climate Change Strategy",
            ["in line with the approved Climate Change Strategy"],
        ),
        (
            "Net homes (all tenures) Affordable homes",
            ["Net homes (all tenures)", "Affordable homes"],
        ),
        ("judged by Ofsted to be good", ["judged by Ofsted to be good"]),
        (
            "Social work Recruitment and Retention Strategy",
            ["Social work Recruitment and Retention Strategy"],
        ),
    ],
)
def test_item_splitter(item: str, expected: list[str]) -> None:
    splitter = ItemSplitter.learn(["reported by Ofsted today"], [], [])
    assert splitter.split(item) == expected


def test_portfolio_names_split_only_into_names_seen_alone() -> None:
    names = PortfolioNames.learn(
        [
            "Cabinet Member for Culture, Leisure and Tourism",
            "Governance",
            "Culture, Leisure & Tourism Governance",
        ]
    )
    assert names.names_in("Culture, Leisure & Tourism Governance") == [
        "Culture, Leisure and Tourism",
        "Governance",
    ]
    assert names.names_in("Housing, Health") == ["Housing, Health"]


def test_split_notes_and_listed_items() -> None:
    assert split_notes("Do it <i>Please note this</i>") == ("Do it  ", "Please note this")
    items = listed_items("Deliver: <ul> \u2022 One thing \u2022 Another thing </ul>")
    assert [(i.text, i.lead_in) for i in items] == [
        ("One thing", "Deliver:"),
        ("Another thing", "Deliver:"),
    ]


# -- bad input -----------------------------------------------------------------------------


def test_table_with_a_missing_column_is_a_located_problem() -> None:
    text = (
        "Council Delivery Plan 2022/23\nDerby City Council Council Plan 2022 \u2013 2025\n"
        "A green city\n"
        "Our outcomes\tOur must do's\tKey milestones for 2022/23\tReview Deadlines\t"
        "Evaluating our impact\t\n"
        "\t\t\t\tThe differences you will see\tPerformance measures\n"
        "Clean air\tDo a thing\tA step\tMarch 2023\tBetter\tN/A\n"
    )
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(text, "plan.txt"), ReadContext())
    assert str(caught.value).startswith("plan.txt, line 4, Cabinet portfolio:")


def test_truncated_copy_of_the_seed_is_a_located_problem(seeds: Path) -> None:
    text = (seeds / SEED).read_text(encoding="utf-8")
    cut = text[: text.index("Deliver the SmartParc project") + 10]
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(cut, "cut.txt"), ReadContext())
    assert str(caught.value).startswith("cut.txt, line 57:")
    assert "cut short" in str(caught.value)


def test_no_plan_title_is_a_located_problem() -> None:
    text = (
        "A green city\n"
        + HEADER
        + "Clean air\tDo a thing\tA step\tCabinet\tMarch 2023\tBetter\tN/A\t\n"
    )
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(text, "plan.txt"), ReadContext())
    assert (
        str(caught.value)
        == "plan.txt, line 2, title: No delivery plan title above the first table."
    )


def test_small_table_of_my_own_reads() -> None:
    text = (
        "Ambitious\nCouncil Delivery Plan 2024/25\nTown Council Council Plan 2024 - 2027\n"
        "Ambitious\nA clean town\n"
        + HEADER
        + "Clean air\tPlant trees\tPlant 100 trees Survey parks\tParks\tMay 2024 June 2024\t"
        "Greener\tNumber of trees planted\t\n"
        "\t\tReport to Cabinet\t\tJuly 2024\t\t<i>N/A to be monitored as a milestone</i>\t\n"
    )
    document = READER.read(SourceText.from_text(text, "own.txt"), ReadContext())
    council, delivery = document.plans
    assert (council.slug, council.first_year, council.last_year) == (
        "council-plan-2024-2027",
        2024,
        2026,
    )
    assert document.organisation.name == "Town Council"
    (action,) = delivery.actions
    assert action.themes == [["A clean town", "Clean air"]]
    assert milestones(action) == [
        (8, "Plant 100 trees", "May 2024"),
        (8, "Survey parks", "June 2024"),
        (9, "Report to Cabinet", "July 2024"),
    ]
    assert [m.title for m in document.measures] == ["Number of trees planted"]


def test_must_do_repeated_under_two_outcomes_is_one_action_with_both_themes() -> None:
    text = (
        "Council Delivery Plan 2024/25\nTown Council Council Plan 2024 - 2027\nA clean town\n"
        + HEADER
        + "Clean air\tPlant trees\tPlant 100 trees\tParks\tMay 2024\tGreener\t\t\n"
        "Green spaces\tPlant trees\tSurvey parks\tHousing\tJune 2024\t\tParks surveyed\t\n"
        "Ambitious\nPage furniture\nAmbitious\nPage furniture\n"
        + HEADER
        + "\t\tfor the town\t\t\t\t\t\n"
    )
    document = READER.read(SourceText.from_text(text, "own.txt"), ReadContext())
    (action,) = document.plans[1].actions
    assert action.title == "Plant trees"
    assert action.themes == [["A clean town", "Clean air"], ["A clean town", "Green spaces"]]
    assert action.portfolios == ["Parks", "Housing"]
    assert milestones(action) == [
        (6, "Plant 100 trees", "May 2024"),
        (7, "Survey parks for the town", "June 2024"),
    ]
    (measure,) = document.measures
    assert [t.path for t in measure.themes] == [["A clean town", "Green spaces"]]


# -- applying ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_seed_applies_and_applying_again_changes_nothing(document: s.PlanDocument) -> None:
    first = apply_document(document)
    assert first.changed
    delivery = Plan.objects.get(slug=DELIVERY)
    assert delivery.parent is not None
    assert delivery.parent.slug == COUNCIL
    assert Action.objects.filter(plan=delivery).count() == 91
    assert Milestone.objects.count() == 145
    assert Measure.objects.count() == 128
    assert Theme.objects.filter(plan=delivery).count() == 19
    second = apply_document(document)
    assert not second.changed
