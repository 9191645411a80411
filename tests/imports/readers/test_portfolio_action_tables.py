"""The portfolio action tables reader: Derby's Council Delivery Plan 2019/20 (seed 000)."""

from pathlib import Path

import pytest

from councilplan.domain.status import Polarity
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.portfolio_action_tables import READER
from councilplan.imports.structure import (
    ActionIn,
    ActionRef,
    CouncillorIn,
    MeasureIn,
    MilestoneIn,
    PlanDocument,
    PortfolioIn,
    ThemeIn,
    ThemeRef,
)
from councilplan.imports.text.source import SourceText
from councilplan.imports.writer import apply_document
from councilplan.plans.models import Action, Milestone, Theme

SEED = "000_a81e811cd8c78bb5.txt"
PLAN = "council-delivery-plan-2019-20"
AMBITIONS = "A city with big ambitions"
HEALTH = "A city of health and happiness"
COUNCIL = "A council focussed on the things that matter"
DERBY = ReadContext(organisation_slug="derby-city-council", organisation_name="Derby City Council")
HEADER = (
    "Action\tHow will we measure success?\tTimescale\tDepartment\tAccountable officer\tTheme\tFocus"
)


def read_seed(seeds: Path, context: ReadContext = DERBY) -> PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), context)


def actions_by_line(document: PlanDocument) -> dict[int | None, ActionIn]:
    return {action.line: action for action in document.plans[0].actions}


def seed_text(seeds: Path) -> str:
    return (seeds / SEED).read_text(encoding="utf-8")


# -- recognising the layout -------------------------------------------------------------------


def test_recognises_the_delivery_plan_and_no_other_seed(seeds: Path) -> None:
    found = {p.name: READER.recognises(SourceText.open(p)) for p in sorted(seeds.glob("0*.txt"))}
    assert found == {
        SEED: True,
        "001_39c9c36a00977c36.txt": False,
        "002_c3520500f95d0464.txt": False,
        "003_7f427dc7f844e011.txt": False,
        "004_c94268a988d2687a.txt": False,
    }


# -- what the seed holds ----------------------------------------------------------------------


def test_counts_of_everything_read(seeds: Path) -> None:
    document = read_seed(seeds)
    plan = document.plans[0]
    assert [len(theme.children) for theme in plan.themes] == [6, 6, 5]
    assert len(plan.actions) == 70
    assert sum(len(action.milestones) for action in plan.actions) == 46
    assert len(document.measures) == 30
    assert document.updates == []
    assert document.skipped == []
    organisation = document.organisation
    assert (len(organisation.portfolios), len(organisation.councillors)) == (8, 8)
    assert (len(organisation.departments), len(organisation.officers)) == (19, 39)


def test_the_plan_itself(seeds: Path) -> None:
    plan = read_seed(seeds).plans[0]
    assert (plan.slug, plan.title, plan.kind, plan.line) == (
        PLAN,
        "Council Delivery Plan 2019/20",
        "delivery_plan",
        3,
    )
    assert (plan.first_year, plan.last_year, plan.status, plan.is_published) == (
        2019,
        2019,
        "approved",
        True,
    )
    assert plan.source == "Derby City Council, Council Delivery Plan 2019/20"
    paragraphs = plan.vision.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Earlier this year, we published our Council Plan for 2019")
    assert paragraphs[2].endswith("please contact performance@derby.gov.uk.")


def focus_areas(line: int, *titles: str) -> list[ThemeIn]:
    return [ThemeIn(title=t, kind="focus_area", line=line) for t in titles]


def test_theme_tree_uses_the_themes_table_spelling(seeds: Path) -> None:
    """ "A City with big aspirations" and "A City with big ambitions" are one theme; focus
    areas only the rows name (Social care, Collaborative) join their theme."""
    themes = read_seed(seeds).plans[0].themes
    assert themes == [
        ThemeIn(
            title=AMBITIONS,
            line=11,
            children=[
                *focus_areas(12, "Culture", "Economy", "Regeneration", "Skills", "Transport"),
                *focus_areas(13, "Closing the Gap"),
            ],
        ),
        ThemeIn(
            title=HEALTH,
            line=11,
            children=[
                *focus_areas(
                    12, "Children and adults", "Health and wellbeing", "Housing", "Leisure"
                ),
                *focus_areas(12, "Neighbourhoods"),
                *focus_areas(196, "Social care"),
            ],
        ),
        ThemeIn(
            title=COUNCIL,
            line=11,
            children=[
                *focus_areas(12, "Delivering for Derby", "Engaged", "Modern and efficient"),
                *focus_areas(12, "Value for money"),
                *focus_areas(139, "Collaborative"),
            ],
        ),
    ]


def test_portfolios_with_short_names_from_the_index_and_cabinet_members(seeds: Path) -> None:
    organisation = read_seed(seeds).organisation
    assert organisation.name == "Derby City Council"
    assert organisation.slug == "derby-city-council"
    assert organisation.portfolios[1] == PortfolioIn(
        line=145,
        name="Regeneration, Planning and Transportation",
        short_name="Regen, Planning, Transport",
        cabinet_member="Matthew Holmes",
    )
    assert organisation.portfolios[-1] == PortfolioIn(
        line=249,
        name="Communities, Neighbourhoods and Streetpride",
        short_name="CNS",
        cabinet_member="Jonathan Smale",
    )
    assert [p.short_name for p in organisation.portfolios[2:7]] == [
        "Governance & Licensing",
        "Adults, Health & Housing",
        "Children & Young People",
        "Finance & Procurement",
        "Leisure, Culture & Tourism",
    ]
    assert organisation.councillors[0] == CouncillorIn(
        line=129, name="Chris Poulter", role="Leader of the Council"
    )
    assert organisation.councillors[2] == CouncillorIn(line=168, name="Mick Barker")


def test_council_named_from_the_document_when_the_import_does_not_say(seeds: Path) -> None:
    """The contact address @derby.gov.uk and "Derby City" in the text; not the partner
    "Nottingham City Council" the text also names."""
    organisation = read_seed(seeds, ReadContext()).organisation
    assert (organisation.name, organisation.slug) == ("Derby City Council", "derby-city-council")


# -- rows checked field by field against the source ------------------------------------------

SA = "Strategy and Policy"
RPT = "Regeneration, Planning and Transportation"
CYP = "Children and Young People"
FP = "Finance and Procurement"
LCT = "Leisure, Culture and Tourism"
CNS = "Communities, Neighbourhoods and Streetpride"
AHH = "Adults, Health and Housing"


def milestones(line: int, *pairs: tuple[str, str]) -> list[MilestoneIn]:
    return [MilestoneIn(line=line, title=title, due=due) for title, due in pairs]


EXPECTED_ROWS = [
    # Five success items for four dates: the monitoring statement is not a milestone.
    ActionIn(
        line=134,
        title="Promote equality through co-ordinating the Statutory Equality Objectives and "
        "delivering a series of events to celebrate diversity in Derby",
        success_criteria="Procure a new Interpretation and Translation Contract Hold an event "
        "for the Employee Networks and include DWP employees Produce an Everyday Guide to "
        "Equality to go on our website Co-ordinate and publicise events throughout the year to "
        "promote equality and diversity Progress is monitored by the Equality and Diversity "
        "Strategy Group and Employee Networks",
        themes=[[HEALTH]],
        portfolios=[SA],
        departments=["HR, OD & Equalities"],
        lead_officers=["Ann Webster"],
        expected_completion="March 2020",
        milestones=milestones(
            134,
            ("Procure a new Interpretation and Translation Contract", "October 2019"),
            ("Hold an event for the Employee Networks and include DWP employees", "December 2019"),
            ("Produce an Everyday Guide to Equality to go on our website", "December 2019"),
            (
                "Co-ordinate and publicise events throughout the year to promote equality and "
                "diversity",
                "March 2020",
            ),
        ),
    ),
    # Department "All", focus on a whole theme.
    ActionIn(
        line=138,
        title="Explore ways in which climate change can be mitigated",
        success_criteria="Establishment of a working group to inform the refresh of the climate "
        "change strategy, in conjunction with partners.",
        themes=[[AMBITIONS]],
        portfolios=[SA],
        departments=["All"],
        lead_officers=["Richard Antcliff"],
        expected_completion="December 2019",
    ),
    # Four steps but one date: no milestones; a focus area the Themes table lacks.
    ActionIn(
        line=139,
        title="Develop proposals for a committee system of governance which meets the working "
        "principles agreed by Full Council, and consult on options for other constitutional "
        "change, including the move to a four yearly election cycle",
        success_criteria="Re-establish Working Group meetings and a Colleague Delivery Team "
        "Produce a Constitution and a Scheme of Delegations for a committee system of "
        "governance Plan and implement a public consultation exercise Report to Full Council on "
        "proposed new system and results of public consultation exercise",
        themes=[[COUNCIL, "Collaborative"]],
        portfolios=[SA],
        departments=["Legal, Procurement & Democratic Services"],
        lead_officers=["Emily Feenan"],
        expected_completion="January 2020",
    ),
    # Milestones run together with double spaces; completion is the latest, not the last.
    ActionIn(
        line=150,
        title="Continue to deliver the Our City, Our River programme, upgrading Derby's flood "
        "defences and unlocking derelict sites for redevelopment",
        success_criteria="Complete the works under Project Munio to Exeter Bridge/River Gardens "
        "area Secure grant funding agreement for next phase of Munio works Identify and secure "
        "funding for remaining phases of OCOR",
        themes=[[AMBITIONS, "Regeneration"]],
        portfolios=[RPT],
        departments=["City Development & Growth"],
        lead_officers=["Catherine Williams"],
        expected_completion="March 2023",
        milestones=milestones(
            150,
            (
                "Complete the works under Project Munio to Exeter Bridge/River Gardens area",
                "December 2020",
            ),
            ("Secure grant funding agreement for next phase of Munio works", "October 2019"),
            ("Identify and secure funding for remaining phases of OCOR", "March 2023"),
        ),
    ),
    # Two focus areas run together in one cell.
    ActionIn(
        line=203,
        title="Support residents to remain safe and independent in their own homes through "
        "repairs, adaptations, aids and advice",
        success_criteria="- Number of cases completed by Handyperson service - Number of "
        "households assisted through the Healthy Housing Hub - Number of Disabled Facilities "
        "Grant adaptations completed",
        themes=[[HEALTH, "Health and wellbeing"], [HEALTH, "Housing"]],
        portfolios=[AHH],
        departments=["City Development & Growth"],
        lead_officers=["Ian Fullagar"],
        expected_completion="March 2020",
    ),
    # Measures bulleted inline after a sentence.
    ActionIn(
        line=214,
        title="Review how we reach potential foster carers and implement a payment for skills "
        "scheme to achieve an increase of 30 foster carer households",
        success_criteria="Report recommendations to be submitted to Council Cabinet - Number of "
        "active approved mainstream fostering households - % of children placed with "
        "Independent Fostering Agencies",
        themes=[[HEALTH, "Social care"]],
        portfolios=[CYP],
        departments=["Early Help & Children's Social Care"],
        lead_officers=["Sally Penrose"],
        expected_completion="March 2020",
    ),
    # "A City with big aspirations" is the ambitions theme.
    ActionIn(
        line=220,
        title="Improve SEND service performance and meet statutory deadlines in line with the "
        "SEND Code of Practice",
        success_criteria="- % of new Education, Health and Care Plans issued within 20 weeks",
        themes=[[AMBITIONS, "Skills"]],
        portfolios=[CYP],
        departments=["Integrated Commissioning"],
        lead_officers=["Alex Lawson-Chamberlain"],
        expected_completion="March 2020",
    ),
    # An outcome statement first, then four dated steps; a date range and an open start.
    ActionIn(
        line=232,
        title="Procure a supplier and commence a review of Single Person Discounts for Council "
        "Tax accounts",
        success_criteria="We will assess the number of Single Person discounts that can be "
        "removed and the additional revenue gained Award contract through a framework or "
        "through a competitive procurement Issue letters and reminders Bulk cancellation "
        "exercise Carry out evaluation of exercise",
        themes=[[COUNCIL, "Value for money"]],
        portfolios=[FP],
        departments=["Financial Services"],
        lead_officers=["John Massey"],
        expected_completion="From February 2020",
        milestones=milestones(
            232,
            (
                "Award contract through a framework or through a competitive procurement",
                "August 2019",
            ),
            ("Issue letters and reminders", "September - November 2019"),
            ("Bulk cancellation exercise", "January 2020"),
            ("Carry out evaluation of exercise", "From February 2020"),
        ),
    ),
    # A measure and two steps in paragraphs; two focus areas in paragraphs.
    ActionIn(
        line=235,
        title="Implement more efficient, compliant and automated purchase-to-pay processes",
        success_criteria="- Percentage of invoices paid within 30 days Investigate the benefits "
        "of introducing a supplier incentive programme Reduce level of invoices on hold",
        themes=[[COUNCIL, "Value for money"], [COUNCIL, "Modern and efficient"]],
        portfolios=[FP],
        departments=["Financial Services"],
        lead_officers=["Amanda Verran"],
        expected_completion="March 2020",
        milestones=milestones(
            235,
            (
                "Investigate the benefits of introducing a supplier incentive programme",
                "November 2019",
            ),
            ("Reduce level of invoices on hold", "March 2020"),
        ),
    ),
    # HTML lists on both sides: a bulleted measure, then four events with their dates.
    ActionIn(
        line=245,
        title="Provide a city wide high quality programme of indoor and outdoor events in Derby, "
        "including a programme of events at Derby Arena",
        success_criteria="- Attendance at Derby Live events and performances Deliver the "
        "Hannells Darley Park Concert 2019 Deliver Derby Festé with partners Deliver Derby Folk "
        "Festival Deliver cultural programme at Derby Arena, including the pantomime",
        themes=[[AMBITIONS, "Culture"]],
        portfolios=[LCT],
        departments=["Leisure, Culture & Tourism"],
        lead_officers=["Peter Ireson"],
        expected_completion="March 2020",
        milestones=milestones(
            245,
            ("Deliver the Hannells Darley Park Concert 2019", "September 2019"),
            ("Deliver Derby Festé with partners", "September 2019"),
            ("Deliver Derby Folk Festival", "October 2019"),
            ("Deliver cultural programme at Derby Arena, including the pantomime", "March 2020"),
        ),
    ),
    # An undated "As soon as possible" among the dates; January 2019 is not the latest.
    ActionIn(
        line=253,
        title="Mitigate the risks to the Council from the increasing costs of waste disposal, "
        "and maximise the benefits from the new Waste Processing Centre in Derby",
        success_criteria="Continue to work with partners to get the Sinfon plant fully "
        "operational as soon as possible. Procure new contract for dry recyclates disposal "
        "Procure new contract for garden waste disposal Subject to requirements of new duties, "
        "develop a Waste Strategy to increase recycling rates.",
        themes=[[HEALTH, "Neighbourhoods"]],
        portfolios=[CNS],
        departments=["Public Protection & Streetpride"],
        lead_officers=["Simon Aitken"],
        expected_completion="March 2020",
        milestones=milestones(
            253,
            (
                "Continue to work with partners to get the Sinfon plant fully operational as "
                "soon as possible.",
                "As soon as possible",
            ),
            ("Procure new contract for dry recyclates disposal", "August 2019"),
            ("Procure new contract for garden waste disposal", "January 2019"),
            (
                "Subject to requirements of new duties, develop a Waste Strategy to increase "
                "recycling rates.",
                "March 2020",
            ),
        ),
    ),
    # The last line of the file, with no line end.
    ActionIn(
        line=265,
        title="Progress a city-wide Public Spaces Protection Order to tackle irresponsible dog "
        "owners",
        success_criteria="The PSPO will be in place and officers will be able to enforce its "
        "conditions",
        themes=[[HEALTH, "Neighbourhoods"]],
        portfolios=[CNS],
        departments=["Public Protection & Streetpride"],
        lead_officers=["Michael Kay"],
        expected_completion="March 2020",
    ),
]


@pytest.mark.parametrize("expected", EXPECTED_ROWS, ids=lambda a: f"line-{a.line}")
def test_rows_read_exactly(seeds: Path, expected: ActionIn) -> None:
    assert actions_by_line(read_seed(seeds))[expected.line] == expected


def test_each_action_once_with_the_portfolio_tables_wording(seeds: Path) -> None:
    """The index says "Deliver Tranche 1 of the Transforming Cities Fund ..."; the table's
    fuller title is kept, and no index line adds an action of its own."""
    actions = read_seed(seeds).plans[0].actions
    titles = [a.title for a in actions]
    assert len(set(titles)) == 70
    assert all(a.line is not None and a.line > 128 for a in actions)
    assert (
        "Develop the Transforming Cities Fund programme with Nottingham City Council and "
        "deliver Tranche 1" in titles
    )
    assert not any(t.startswith("Deliver Tranche 1") for t in titles)


def test_a_measure_named_under_two_actions_is_one_measure(seeds: Path) -> None:
    measures = {m.title: m for m in read_seed(seeds).measures}
    funding = measures["External public funding secured"]
    assert funding == MeasureIn(
        line=133,
        title="External public funding secured",
        polarity=Polarity.NONE,
        actions=[
            ActionRef(
                line=133,
                plan=PLAN,
                title="Ensure effective integration with the wider economic partnerships (such "
                "as the D2N2 LEP, the Metro, D2 and the DRB)",
            ),
            ActionRef(
                line=159,
                plan=PLAN,
                title="Maximise external funding and income generation to support the city's "
                "development and growth",
            ),
        ],
        themes=[ThemeRef(line=133, plan=PLAN, path=[AMBITIONS, "Economy"])],
    )


def test_measures_take_unit_and_frequency_only_where_the_title_says(seeds: Path) -> None:
    measures = {m.title: m for m in read_seed(seeds).measures}
    looked_after = measures["Number of looked after children (rate per 10,000 pop. under 18)"]
    assert (looked_after.unit, looked_after.rate_per, looked_after.rate_population) == (
        "rate",
        10000,
        "under 18",
    )
    assert measures["% of children placed with IFAs"].unit == "percent"
    rough_sleepers = measures["Annual rough sleeper count"]
    assert (rough_sleepers.frequency, rough_sleepers.unit) == ("annual", "number")
    homeless = measures["Number of homeless approaches"]
    assert (homeless.polarity, homeless.frequency, homeless.line) == ("none", "quarterly", 201)
    assert [
        t.path for t in measures["Number of cases completed by Handyperson service"].themes
    ] == [
        [HEALTH, "Health and wellbeing"],
        [HEALTH, "Housing"],
    ]
    assert "Deliver Derby Folk Festival" not in measures


# -- the layout in another council's hands: page repeats, continuations, index-only ------------

OWN = "\n".join(
    [
        "## Council Delivery Plan 2021/22",
        "",
        "Our plan for the year. Write to plans@exampleton.gov.uk about Exampleton Borough.",
        "",
        "Themes\tA greener borough\tA fairer borough",
        "Focus\tClean air Parks and open spaces\tJobs Homes",
        "",
        "## Contents",
        "Environment \u2013 Cllr Ada Lovelace (Leader) .....\t3",
        "",
        "## A greener borough",
        "Action\tPortfolio",
        "Plant trees\tEnv",
        "Publish a parks plan\tEnv",
        "",
        "## Environment \u2013 Cllr Ada Lovelace (Leader)",
        HEADER,
        "Plant 1,000 new trees in the borough\tChoose sites  Plant the trees\tJune 2021  March "
        "2022\tETE/ CCP\tSam Jones\tA greener borough\tClean air Parks and open spaces",
        HEADER,
        "Cut emissions from the council's own fleet\t- Tonnes of CO2 emitted by the\tMarch "
        "2022\tAll depts\tSam Jones / Kim Lee\tA Greener Borough\tAll",
        "\tfleet  - Number of electric vehicles\t\t\t\t\t",
    ]
)


def read_own(text: str = OWN) -> PlanDocument:
    return READER.read(SourceText.from_text(text, "exampleton.txt"), ReadContext())


def test_another_councils_document_in_the_same_layout() -> None:
    document = read_own()
    assert document.organisation.name == "Exampleton Borough Council"
    assert document.organisation.portfolios == [
        PortfolioIn(line=16, name="Environment", short_name="Env", cabinet_member="Ada Lovelace")
    ]
    plan = document.plans[0]
    assert [[c.title for c in t.children] for t in plan.themes] == [
        ["Clean air", "Parks and open spaces"],
        ["Jobs", "Homes"],
    ]
    trees = plan.actions[0]
    assert [a.title for a in plan.actions[1:]] == [
        "Cut emissions from the council's own fleet",
        "Publish a parks plan",
    ]
    assert trees.departments == ["ETE", "CCP"]
    assert trees.themes == [
        ["A greener borough", "Clean air"],
        ["A greener borough", "Parks and open spaces"],
    ]
    assert trees.milestones == milestones(
        18, ("Choose sites", "June 2021"), ("Plant the trees", "March 2022")
    )
    assert trees.expected_completion == "March 2022"


def test_a_row_continued_after_a_page_break_is_one_row() -> None:
    fleet = read_own().plans[0].actions[1]
    assert fleet.line == 20
    assert fleet.success_criteria == (
        "- Tonnes of CO2 emitted by the fleet - Number of electric vehicles"
    )
    assert (fleet.departments, fleet.lead_officers) == (["All depts"], ["Sam Jones", "Kim Lee"])
    assert fleet.themes == [["A greener borough"]]
    measures = [m.title for m in read_own().measures]
    assert measures == ["Tonnes of CO2 emitted by the fleet", "Number of electric vehicles"]


def test_an_action_only_the_index_lists_is_kept_with_its_portfolio() -> None:
    parks = read_own().plans[0].actions[2]
    assert parks == ActionIn(
        line=14,
        title="Publish a parks plan",
        themes=[["A greener borough"]],
        portfolios=["Environment"],
    )


def test_an_action_in_two_portfolios_tables_is_one_action_of_both() -> None:
    joint = "\n".join(
        [
            OWN,
            "",
            "## Housing \u2013 Cllr Bob Smith",
            HEADER,
            "Cut emissions from the council's own fleet\tFleet report\tMarch 2022\tHousing\t"
            "Kim Lee\tA fairer borough\tHomes",
        ]
    )
    document = read_own(joint)
    fleet = document.plans[0].actions[1]
    assert len(document.plans[0].actions) == 3
    assert fleet.portfolios == ["Environment", "Housing"]
    assert fleet.departments == ["All depts", "Housing"]
    assert fleet.lead_officers == ["Sam Jones", "Kim Lee"]
    assert fleet.themes == [["A greener borough"], ["A fairer borough", "Homes"]]
    assert document.organisation.portfolios[1] == PortfolioIn(
        line=23, name="Housing", cabinet_member="Bob Smith"
    )


# -- bad input --------------------------------------------------------------------------------


def test_a_table_without_a_column_is_a_problem_on_its_header_line(seeds: Path) -> None:
    lines = seed_text(seeds).splitlines()
    for number in (182, 183, 184, 185, 186):  # a table: its header and rows lose "Department"
        cells = lines[number - 1].split("\t")
        lines[number - 1] = "\t".join(cells[:3] + cells[4:])
    source = SourceText.from_text("\n".join(lines), "damaged.txt")
    assert READER.recognises(source)
    with pytest.raises(ImportProblem) as caught:
        READER.read(source, DERBY)
    assert str(caught.value) == (
        'damaged.txt, line 182, Department: The action table has no "Department" column.'
    )


def test_a_file_cut_short_is_a_problem_naming_the_missing_section(seeds: Path) -> None:
    text = "\n".join(seed_text(seeds).splitlines()[:200])
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(text, "cut.txt"), DERBY)
    assert str(caught.value).startswith(
        'cut.txt, line 25, Contents: The contents list "Children and Young People"'
    )


def test_a_file_cut_inside_a_row_is_a_problem_on_that_row(seeds: Path) -> None:
    text = seed_text(seeds)
    cut = text[: text.index("Deliver Derby Folk Festival")]
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(cut, "cut.txt"), DERBY)
    assert str(caught.value) == (
        "cut.txt, line 245, Timescale: The row stops before this column: is it cut off, "
        "or the file truncated?"
    )


def test_a_file_without_action_tables_is_a_problem() -> None:
    text = "\n".join(OWN.splitlines()[:15])
    with pytest.raises(ImportProblem, match=r"^exampleton.txt: No action tables found"):
        read_own(text)


# -- applying what was read -------------------------------------------------------------------


@pytest.mark.django_db
def test_the_seed_applies_and_applying_it_again_changes_nothing(seeds: Path) -> None:
    document = read_seed(seeds)
    first = apply_document(document)
    assert first.changed
    assert Action.objects.filter(plan__slug=PLAN).count() == 70
    assert Milestone.objects.count() == 46
    assert Theme.objects.filter(kind="focus_area").count() == 17
    second = apply_document(document)
    assert not second.changed
