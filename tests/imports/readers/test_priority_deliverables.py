"""The priority-deliverables reader on Derbyshire's Council Plan refresh 2020/21 (seed 003)."""

from pathlib import Path

import pytest

from councilplan.domain.status import Stage
from councilplan.domain.units import Unit
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.priority_deliverables import READER, financial_years
from councilplan.imports.structure import ActionIn, PlanDocument, PlanIn, ThemeRef
from councilplan.imports.text.source import SourceText
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Department, Plan

SEED = "003_7f427dc7f844e011.txt"
SLUG = "council-plan-2019-21-refresh-2020-21"
VFM = "Value for money"
GREEN = "A prosperous and green Derbyshire"
COMMUNITIES = "Empowered & self-sufficient communities"
PREVENTION = "A focus on prevention & early intervention"
SERVICES = "High performing Council services"
ETE = "Economy, Transport and Environment"
CCP = "Commissioning, Communities and Policy"
ASCH = "Adult Social Care and Health"
CS = "Children's Services"


def read_seed(seeds: Path) -> PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), ReadContext())


def plan_of(doc: PlanDocument) -> PlanIn:
    assert len(doc.plans) == 1
    return doc.plans[0]


def by_line(doc: PlanDocument) -> dict[int, ActionIn]:
    found: dict[int, ActionIn] = {}

    def walk(actions: list[ActionIn]) -> None:
        for action in actions:
            assert action.line is not None
            found[action.line] = action
            walk(action.sub_actions)

    walk(plan_of(doc).actions)
    return found


def test_reads_the_seed_counts(seeds: Path) -> None:
    doc = read_seed(seeds)
    plan = plan_of(doc)
    actions = plan.actions
    assert len(plan.themes) == 5
    assert len(actions) == 83
    assert sum(len(a.sub_actions) for a in actions) == 6
    assert sum(len(a.milestones) for a in actions) == 0
    assert sum(1 for a in actions if a.stage is not None) == 51
    assert len(doc.measures) == 27
    assert doc.updates == []
    assert doc.reporting_periods == []
    assert [(s.line, s.reason) for s in doc.skipped] == [
        (583, "a note of the key, not an abbreviation")
    ]


def test_reads_the_plan_as_a_draft_refresh(seeds: Path) -> None:
    plan = plan_of(read_seed(seeds))
    assert (plan.line, plan.slug, plan.title) == (
        79,
        SLUG,
        "Council Plan 2019-21 (Refresh 2020-21)",
    )
    assert (plan.kind, plan.first_year, plan.last_year) == ("refresh", 2020, 2020)
    # Cabinet only recommends it to Full Council: not approved in this document.
    assert (plan.status, plan.approved_by, plan.approved_on, plan.is_published) == (
        "draft",
        "",
        None,
        False,
    )
    assert plan.vision == (
        "An enterprising and value for money council enabling people and communities to thrive."
    )
    assert plan.predecessor == ""


def test_reads_the_priorities_from_the_contents(seeds: Path) -> None:
    themes = plan_of(read_seed(seeds)).themes
    assert [(t.line, t.reference, t.title, t.kind, t.children) for t in themes] == [
        (93, "1", VFM, "priority", []),
        (94, "2", GREEN, "priority", []),
        (95, "3", COMMUNITIES, "priority", []),
        (96, "4", PREVENTION, "priority", []),
        (97, "5", SERVICES, "priority", []),
    ]


def test_reads_the_organisation_departments_and_people(seeds: Path) -> None:
    org = read_seed(seeds).organisation
    assert (org.name, org.slug, org.line) == (
        "Derbyshire County Council",
        "derbyshire-county-council",
        556,
    )
    assert [(d.line, d.name, d.abbreviation) for d in org.departments] == [
        (584, ASCH, "ASC&H"),
        (585, CCP, "CCP"),
        (586, CS, "CS"),
        (587, ETE, "ETE"),
        (592, "All depts", "All depts"),
    ]
    assert [(c.line, c.name, c.role) for c in org.councillors] == [
        (128, "Barry Lewis", "Leader of Derbyshire County Council")
    ]
    assert [(o.line, o.name, o.job_title) for o in org.officers] == [
        (70, "Emma Alexander", "Strategic Director Commissioning, Communities and Policy")
    ]


def test_a_row_and_its_deliverable_make_one_action_titled_as_the_row(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    assert actions[612] == ActionIn(
        line=612,
        title="Ensured Council contract decisions deliver value for money through the Council "
        "Value for Money Board",
        themes=[[VFM]],
        departments=[CCP],
        start="April 2019",
        expected_completion="March 2021",
        stage=Stage.IN_PROGRESS,
    )
    titles = [a.title for a in actions.values()]
    council_plan_wording = (
        "Ensured contract decisions deliver value for money through our Value for Money Board"
    )
    assert council_plan_wording not in titles
    assert 365 not in actions  # the priority page's wording of row 612


def test_reads_a_long_completion_cell_as_written(seeds: Path) -> None:
    assert by_line(read_seed(seeds))[596] == ActionIn(
        line=596,
        title="Lobbied government to secure a better funding settlement",
        themes=[[VFM]],
        departments=[CCP],
        start="April 2019",
        expected_completion="Short-term - Lobby for additional funding to cover Covid- 19 by "
        "December 2020 March 2021",
        stage=Stage.IN_PROGRESS,
    )


def test_reads_sub_items_as_sub_actions_across_a_page_break(seeds: Path) -> None:
    parent = by_line(read_seed(seeds))[597]
    assert parent.title == (
        "Reviewed and transformed key services to ensure a mix of in-house and commissioned "
        "provision"
    )
    assert (parent.departments, parent.start, parent.expected_completion, parent.stage) == (
        ["All depts"],
        "-",
        "-",
        None,
    )
    assert [
        (a.line, a.title, a.departments, a.start, a.expected_completion, a.stage)
        for a in parent.sub_actions
    ] == [
        (598, "Highways review", [ETE], "April 2018", "March 2021", Stage.IN_PROGRESS),
        (
            599,
            "Corporate Property review",
            [CCP],
            "February 2019",
            "September 2020",
            Stage.IN_PROGRESS,
        ),
        # "Activity currently paused" / (page break) / "following the Covid-19 outbreak"
        (600, "Countryside Services review", [ETE], "October 2018", "Tbc", Stage.ACTIVITY_PAUSED),
        (604, "Library Service review", [CCP], "January 2019", "2024", Stage.IN_PROGRESS),
        (605, "Procurement review", [CCP], "2018", "March 2021", Stage.IN_PROGRESS),
        (606, "Communications review", [CCP], "July 2018", "December 2019", Stage.COMPLETED),
    ]
    assert all(a.themes == [[VFM]] for a in parent.sub_actions)


def test_rejoins_a_completion_cell_split_across_pages(seeds: Path) -> None:
    assert by_line(read_seed(seeds))[632] == ActionIn(
        line=632,
        title="Implemented the Carbon Reduction Plan, accelerating changes to working practices "
        "introduced during the pandemic",
        themes=[[GREEN]],
        departments=["All depts"],
        start="October 2019",
        expected_completion="March 2021 and ongoing to deliverable deadline of 2032",
        stage=Stage.IN_PROGRESS,
    )


def test_reads_site_dates_written_on_two_lines(seeds: Path) -> None:
    action = by_line(read_seed(seeds))[627]
    assert action.title == (
        "Completed the clean-up of polluted land at the former Coalite works in Bolsover further "
        "developed Markham Vale"
    )
    assert (action.start, action.expected_completion, action.departments, action.stage) == (
        "Markham 2006 Coalite 2017",
        "2023 2030",
        [ETE],
        Stage.IN_PROGRESS,
    )
    assert 628 not in by_line(read_seed(seeds))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            611,
            (
                ["All depts"],
                "March 2019",
                "July 2020 \u2013 with agreed actions undertaken by end March 2021",
                Stage.IN_PROGRESS,
            ),
        ),
        (
            636,
            (
                [ETE, CCP],
                "October 2019",
                "October 2021 and ongoing to deliverable deadline of 2050",
                Stage.IN_PROGRESS,
            ),
        ),
        (645, ([CCP, ASCH], "October 2018", "September 2021", Stage.IN_PROGRESS)),
        (650, ([], "Tbc", "Tbc", Stage.NOT_STARTED)),
        (655, ([ASCH], "August 2020", "September 2021", Stage.NOT_STARTED)),
        (663, ([ASCH, CS], "Started", "September 2024", Stage.IN_PROGRESS)),
        (674, ([CS], "Started", "August 2021", Stage.ACTIVITY_PAUSED)),
        (675, ([ETE], "April 2008", "Ongoing", Stage.IN_PROGRESS)),
        (680, ([CCP], "April 2019", "March 2021", Stage.IN_PROGRESS)),
    ],
)
def test_reads_delivery_plan_rows_exactly(
    seeds: Path, line: int, expected: tuple[list[str], str, str, Stage]
) -> None:
    action = by_line(read_seed(seeds))[line]
    assert (action.departments, action.start, action.expected_completion, action.stage) == expected
    assert action.sub_actions == []


def test_rows_sit_under_the_priority_they_follow(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    assert actions[615].themes == [[VFM]]  # after a repeated header, before the next priority
    assert actions[637].themes == [[GREEN]]
    assert actions[650].themes == [[COMMUNITIES]]
    assert actions[663].themes == [[PREVENTION]]
    assert actions[668].title == (
        "Deliver priority actions from the Enterprising Council Strategy and embedded the "
        "approach with staff and partners"
    )
    assert actions[668].themes == [[SERVICES]]


def test_later_deliverables_are_actions_of_their_own(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    # Near the next-year deliverable of row 656 but listed "in four years": kept apart.
    assert actions[460] == ActionIn(
        line=460,
        title="Continued the implementation of the Older Peoples Housing, Accommodation and "
        "Support Strategy",
        themes=[[PREVENTION]],
    )
    assert actions[656].title == (
        "Continued the implementation of the Older People's Housing, Accommodation and Support "
        "Strategy"
    )
    assert actions[490].title == (
        "Continued to work with Schools to ensure they increase the percentage of children in "
        "good or outstanding schools to above the national average"
    )
    later = [a for a in plan_of(read_seed(seeds)).actions if a.line and a.line < 500]
    assert len(later) == 31


def test_reads_the_key_measures_under_their_priority(seeds: Path) -> None:
    measures = {m.line: m for m in read_seed(seeds).measures}
    assert measures[502].title == "Average number of days per employee lost to sickness absence"
    assert measures[502].unit == Unit.DAYS
    assert measures[502].themes == [ThemeRef(line=498, plan=SLUG, path=[VFM])]
    assert (measures[501].unit, measures[510].unit) == (Unit.POUNDS, Unit.POUNDS)
    assert measures[530].title == (
        "Rate of permanent admissions to residential and nursing homes for adults aged 18-64 and "
        "for those aged 65 and over"
    )
    assert measures[530].unit == Unit.NUMBER  # a rate, but the document gives no base
    assert measures[530].themes[0].path == [PREVENTION]
    assert measures[547].title == (
        "Percentage of residents agreeing that they feel informed about Council decisions"
    )
    assert (measures[547].unit, measures[547].themes[0].path) == (Unit.PERCENT, [SERVICES])
    assert all(m.code == "" and m.targets == [] for m in measures.values())
    per_priority = [
        sum(1 for m in measures.values() if m.themes[0].path == [t])
        for t in (VFM, GREEN, COMMUNITIES, PREVENTION, SERVICES)
    ]
    assert per_priority == [4, 6, 4, 6, 7]


def test_recognises_only_its_layout(seeds: Path) -> None:
    seen = {p.name: READER.recognises(SourceText.open(p)) for p in sorted(seeds.glob("*.txt"))}
    assert seen.pop(SEED) is True
    assert not any(seen.values())


@pytest.mark.django_db
def test_the_seed_applies_and_applying_again_changes_nothing(seeds: Path) -> None:
    doc = read_seed(seeds)
    first = apply_document(doc)
    assert first.changed
    plan = Plan.objects.get(slug=SLUG)
    assert Action.objects.filter(plan=plan).count() == 89
    assert Action.objects.filter(plan=plan, parent__isnull=False).count() == 6
    assert Measure.objects.filter(organisation=plan.organisation).count() == 27
    assert Department.objects.filter(organisation=plan.organisation).count() == 5
    again = apply_document(read_seed(seeds))
    assert not again.changed


# -- a small document of another council in the same layout ---------------------------------

OTHER = """\
Exampleshire County Council
Council Plan 2021-25 (Refresh 2022-23)
Contents
Priority 1 \u2013 Green places\t4
Priority 2 \u2013 Good services\t5
Green places
Deliverables
In the next year we will have:
- Planted 1,000 trees in
  our parks
- Opened a repair cafe
In four years we will have:
- Become carbon neutral
Measuring impact
Green places
- Number of trees planted
Good services
- Percentage of calls answered
Have your say
Write to us.
Key
HR\tHuman Resources
Priority: Green places
Deliverable\tDepartment\tStart\tExpected Completion\tStage
Planted 1,000 trees in our parks\tHR, ENV\tApril 2022\tMarch\tNot started
\t\t\t2023\t
DRAFT
Priority: Good services
Deliverable\tDepartment\tStart\tExpected Completion\tStage
Answered calls faster\tAll departments\tStarted\tTbc\tCompleted
"""


def source(text: str, name: str = "other.txt") -> SourceText:
    return SourceText.from_text(text, name)


def test_reads_another_council_in_the_same_layout() -> None:
    doc = READER.read(source(OTHER), ReadContext())
    plan = plan_of(doc)
    assert (doc.organisation.name, plan.slug, plan.first_year, plan.last_year) == (
        "Exampleshire County Council",
        "council-plan-2021-25-refresh-2022-23",
        2022,
        2022,
    )
    assert [
        (a.line, a.title, a.departments, a.expected_completion, a.stage) for a in plan.actions
    ] == [
        (
            25,
            "Planted 1,000 trees in our parks",
            ["Human Resources", "ENV"],
            "March 2023",
            Stage.NOT_STARTED,
        ),
        (11, "Opened a repair cafe", [], "", None),
        (13, "Become carbon neutral", [], "", None),
        (30, "Answered calls faster", ["All depts"], "Tbc", Stage.COMPLETED),
    ]
    assert [(m.title, m.themes[0].path) for m in doc.measures] == [
        ("Number of trees planted", ["Green places"]),
        ("Percentage of calls answered", ["Good services"]),
    ]


def test_financial_years_of_a_span() -> None:
    assert financial_years("Refresh 2020-21") == (2020, 2020)
    assert financial_years("Council Plan 2019-21") == (2019, 2020)
    assert financial_years("Council Plan 2019-2023") == (2019, 2022)
    assert financial_years("Plan 2024") == (2024, 2024)


# -- bad input: each problem names the file and the line -------------------------------------


def problem_of(text: str, name: str = "other.txt") -> str:
    with pytest.raises(ImportProblem) as caught:
        READER.read(source(text, name), ReadContext())
    return str(caught.value)


def test_a_table_with_a_missing_column_is_a_problem() -> None:
    text = OTHER.replace(
        "Deliverable\tDepartment\tStart\tExpected Completion\tStage",
        "Deliverable\tDepartment\tExpected Completion\tStage",
        1,
    )
    assert problem_of(text) == (
        'other.txt, line 24, Start/ Expected Start: The delivery plan table has no "Start/ '
        'Expected Start" column (columns: Deliverable / Department / Expected Completion / Stage).'
    )


def test_a_row_with_too_many_cells_is_a_problem() -> None:
    text = OTHER.replace("Completed\n", "Completed\tExtra\n")
    assert problem_of(text).startswith("other.txt, line 30: This row has 6 cells")


def test_an_unknown_stage_is_a_problem() -> None:
    text = OTHER.replace("\tCompleted\n", "\tNearly there\n")
    assert problem_of(text).startswith('other.txt, line 30, Stage: "Nearly there" is not a stage')


def test_a_continuation_with_no_row_above_is_a_problem() -> None:
    text = OTHER.replace("Answered calls faster\t", "\t")
    assert problem_of(text).startswith("other.txt, line 30: A continued row with no row above")


def test_a_copy_cut_inside_a_row_is_a_problem(seeds: Path, tmp_path: Path) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "003_cut.txt"
    cut.write_text("\n".join([*lines[:595], "Lobbied government to secure\tCCP\tApril"]))
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.open(cut), ReadContext())
    assert str(caught.value) == (
        "003_cut.txt, line 596, Expected Completion: This row has 3 of the table's 5 columns; "
        "is the file cut short?"
    )


def test_a_copy_cut_before_the_last_priority_table_is_a_problem(
    seeds: Path, tmp_path: Path
) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "003_cut.txt"
    cut.write_text("\n".join(lines[:660]))
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.open(cut), ReadContext())
    assert str(caught.value) == (
        '003_cut.txt, line 660: Priority 5 "High performing Council services" (line 97) has no '
        "delivery plan table; the file ends at line 660: is it cut short?"
    )


def test_a_copy_cut_before_the_delivery_plan_is_a_problem(seeds: Path, tmp_path: Path) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "003_cut.txt"
    cut.write_text("\n".join(lines[:500]))
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.open(cut), ReadContext())
    assert str(caught.value).startswith("003_cut.txt, line 500: No delivery plan table")


def test_a_priority_heading_with_no_rows_is_a_problem() -> None:
    text = OTHER.split("Answered calls faster", maxsplit=1)[0]
    assert problem_of(text) == 'other.txt, line 28: No rows under "Priority: Good services".'
