"""The performance-results reader on Derby's Annual Performance Results 2020/21 (seed 004)."""

from decimal import Decimal
from pathlib import Path

import pytest

from councilplan.domain.periods import Frequency
from councilplan.domain.status import Polarity, ProgressRating, RagStatus
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.performance_results import READER
from councilplan.imports.readers.performance_results_rows import OUTSIDE_REASON
from councilplan.imports.structure import (
    ActionIn,
    ActionRef,
    ActionUpdateIn,
    MeasureIn,
    ObservationIn,
    PlanDocument,
    PlanIn,
    ThemeIn,
    ThemeRef,
)
from councilplan.imports.text.source import SourceText
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Measure, Observation
from councilplan.monitoring.models import ActionUpdate

SEED = "004_c94268a988d2687a.txt"
PLAN = "council-delivery-plan-2019-20"
AMBITIONS = "A city with big ambitions"
HEALTH = "A city of health and happiness"
COUNCIL = "A council focussed on the things that matter"
LAST_Q4, THIS_Q4 = "2019/20-Q4", "2020/21-Q4"
ON_TRACK, SOME, MAJOR, DONE = (
    ProgressRating.ON_TRACK,
    ProgressRating.SOME_SLIPPAGE,
    ProgressRating.MAJOR_SLIPPAGE,
    ProgressRating.COMPLETED,
)
HEADER = "Action or Measure Description\t2019/20 Actual\tQ4 Actual\tQ4 Status\tCouncil Plan Theme"


def read_seed(seeds: Path) -> PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), ReadContext())


def read_text(text: str, name: str = "results.txt") -> PlanDocument:
    return READER.read(SourceText.from_text(text, name), ReadContext())


def updates_at(doc: PlanDocument, line: int) -> list[ActionUpdateIn]:
    return [u for u in doc.updates if u.line == line]


def measure_at(doc: PlanDocument, line: int) -> MeasureIn:
    (found,) = [m for m in doc.measures if m.line == line]
    return found


def ref(title: str, line: int) -> ActionRef:
    return ActionRef(plan=PLAN, title=title, line=line)


def themes(title: str, line: int) -> list[ThemeRef]:
    return [ThemeRef(plan=PLAN, path=[title], line=line)]


def update(title: str, line: int, period: str, **fields: object) -> ActionUpdateIn:
    return ActionUpdateIn.model_validate(
        {"action": ref(title, line), "period": period, "line": line, **fields}
    )


def values(m: MeasureIn) -> list[tuple[str, Decimal | None, str, str]]:
    return [(o.period, o.value, o.no_value_reason, o.data_note) for o in m.observations]


# -- the seed as a whole ----------------------------------------------------------------------


def test_recognises_the_results_table_and_not_a_delivery_plan(seeds: Path) -> None:
    assert READER.recognises(SourceText.open(seeds / SEED))
    assert not READER.recognises(SourceText.open(seeds / "000_a81e811cd8c78bb5.txt"))


def test_reads_the_seed_counts(seeds: Path) -> None:
    doc = read_seed(seeds)

    assert doc.plans == []  # results report against the 2019/20 plan; they make none
    assert doc.organisation.name == "Derby City Council"
    assert doc.organisation.slug == "derby-city-council"
    assert [p.name for p in doc.organisation.portfolios] == [
        "Strategy and Policy",
        "Regeneration, Planning and Transportation",
        "Communities, Neighbourhoods and Streetpride",
        "Children & Young People",
        "Leisure, Culture and Tourism",
        "Finance and Procurement",
        "Governance and Licensing",
        "Adults, Health and Housing",
    ]
    assert [(p.period, p.line) for p in doc.reporting_periods] == [(LAST_Q4, 26), (THIS_Q4, 26)]
    actions = {(u.action.plan, u.action.title) for u in doc.updates}
    assert len(actions) == 52
    assert {plan for plan, _ in actions} == {PLAN}
    assert len(doc.updates) == 88  # 52 actions: all rated for 2019/20, 36 for 2020/21
    assert sum(u.period == LAST_Q4 for u in doc.updates) == 52
    assert sum(u.period == THIS_Q4 for u in doc.updates) == 36
    assert sum(u.is_dca for u in doc.updates) == 6
    assert len(doc.measures) == 54
    assert all(m.match_by_title and m.frequency == "annual" for m in doc.measures)
    assert all(m.targets == [] for m in doc.measures)  # "No target set" everywhere
    assert sum(len(m.observations) for m in doc.measures) == 98
    assert sum(o.value is None for m in doc.measures for o in m.observations) == 13
    paths = {tuple(t.path) for m in doc.measures for t in m.themes}
    assert paths == {(AMBITIONS,), (HEALTH,), (COUNCIL,)}
    assert sum(m.themes == [] for m in doc.measures) == 4
    assert len(doc.skipped) == 37


def test_every_item_remembers_its_source_line(seeds: Path) -> None:
    doc = read_seed(seeds)

    items = [*doc.updates, *doc.measures, *doc.skipped, *doc.organisation.portfolios]
    items += [o for m in doc.measures for o in m.observations]
    items += [t for m in doc.measures for t in m.themes] + [u.action for u in doc.updates]
    assert all(item.line for item in items)


# -- actions ----------------------------------------------------------------------------------


def test_an_nb_note_is_split_from_the_title_into_this_years_commentary(seeds: Path) -> None:
    title = (
        "Refresh the strategic partnership arrangements in Derby, including the Derby Plan "
        "and vision for the City"
    )
    assert updates_at(read_seed(seeds), 29) == [
        update(title, 29, LAST_Q4, progress_rating=SOME),
        update(
            title,
            29,
            THIS_Q4,
            progress_rating=ON_TRACK,
            status=RagStatus.GREEN,
            commentary="NB - This action was focused on the Local Area Partnership Board "
            "for 2020/21.",
        ),
    ]


def test_a_lower_case_nb_note_after_a_full_stop(seeds: Path) -> None:
    title = (
        "Refresh the City Centre Masterplan and deliver major regeneration projects in line "
        "with the Masterplan and Economic Growth strategy."
    )
    (_, this_year) = updates_at(read_seed(seeds), 36)

    assert this_year.action == ref(title, 36)
    assert this_year.commentary == (
        "NB - action refreshed for 2020/21 in line with the Recovery Plan 2021/22"
    )


def test_a_delivery_confidence_assessment_is_a_status_with_the_dca_flag(seeds: Path) -> None:
    title = (
        "Implement air quality measures set out in the May 2019 Ministerial Direction, on "
        "Stafford Street and surrounding routes to deliver compliance with statutory nitrogen "
        "dioxide levels in the shortest possible time"
    )
    assert updates_at(read_seed(seeds), 39) == [
        update(title, 39, LAST_Q4, progress_rating=MAJOR),
        update(title, 39, THIS_Q4, status=RagStatus.AMBER_RED, is_dca=True),
    ]


def test_a_dash_or_empty_cell_reports_nothing_for_that_year(seeds: Path) -> None:
    doc = read_seed(seeds)

    assert updates_at(doc, 50) == [
        update(
            "Carry out further deep cleans in the city centre and beyond",
            50,
            LAST_Q4,
            progress_rating=DONE,
        )
    ]
    assert [u.period for u in updates_at(doc, 32)] == [LAST_Q4]


def test_ontrack_and_completed_blue_and_a_q2_status_qualifier(seeds: Path) -> None:
    doc = read_seed(seeds)

    assert [u.progress_rating for u in updates_at(doc, 43)] == [ON_TRACK, ON_TRACK]
    assert [(u.progress_rating, u.status) for u in updates_at(doc, 113)] == [
        (SOME, None),
        (DONE, RagStatus.BLUE),
    ]
    (_, q4) = updates_at(doc, 118)
    assert (q4.progress_rating, q4.status, q4.is_dca, q4.commentary) == (
        SOME,
        RagStatus.AMBER,
        False,
        "Q2 status",
    )


def test_an_action_run_together_with_its_sub_heading(seeds: Path) -> None:
    assert updates_at(read_seed(seeds), 98) == [
        update(
            "Procure a supplier and commence the Single Person Discount Review project",
            98,
            LAST_Q4,
            progress_rating=DONE,
        )
    ]


def test_clean_cells_beside_garbled_text_are_read(seeds: Path) -> None:
    doc = read_seed(seeds)
    title = (
        "Safely reduce the number of looked after children, including those placed out of "
        "area using expensive Independent Fostering Agencies"
    )

    assert updates_at(doc, 63) == [
        update(title, 63, LAST_Q4, progress_rating=SOME),
        update(title, 63, THIS_Q4, progress_rating=MAJOR, status=RagStatus.RED),
    ]
    # Line 89 has a stray "Delivery Plan measures" before its columns: still an action.
    assert updates_at(doc, 89) == [
        update(
            "Support the Museum of Making project at Derby Silk Mill",
            89,
            LAST_Q4,
            progress_rating=SOME,
        ),
        update(
            "Support the Museum of Making project at Derby Silk Mill",
            89,
            THIS_Q4,
            progress_rating=ON_TRACK,
            status=RagStatus.GREEN,
        ),
    ]


def test_a_row_split_over_two_lines_is_joined_when_its_cells_agree(seeds: Path) -> None:
    title = (
        "Progress plans to build a new Swimming Pool Complex at Moorways (Moorway's Sports Village)"
    )
    assert updates_at(read_seed(seeds), 85) == [
        update(title, 85, LAST_Q4, progress_rating=ON_TRACK),
        update(title, 85, THIS_Q4, status=RagStatus.GREEN),
    ]


def test_a_title_cut_by_the_garbling_is_kept_as_written_for_matching(seeds: Path) -> None:
    # The PDF lost the start of "Provide a city wide high quality programme of indoor and ..."
    assert updates_at(read_seed(seeds), 88) == [
        update(
            "outdoor events in Derby, including a programme of events at",
            88,
            LAST_Q4,
            progress_rating=DONE,
        )
    ]


# -- measures ---------------------------------------------------------------------------------


def test_a_measure_title_run_together_with_its_sub_heading_and_continued(seeds: Path) -> None:
    assert measure_at(read_seed(seeds), 44) == MeasureIn(
        title="Investment generated in Derby as a result of Council interventions",
        unit="pounds",
        polarity=Polarity.NONE,
        frequency=Frequency.ANNUAL,
        themes=themes(AMBITIONS, 44),
        portfolios=["Regeneration, Planning and Transportation"],
        observations=[
            ObservationIn(period="2019/20", value=Decimal(446155), line=45),
            ObservationIn(period="2020/21", value=Decimal(26466208), line=45),
        ],
        match_by_title=True,
        line=44,
    )


def test_a_value_with_a_data_note(seeds: Path) -> None:
    m = measure_at(read_seed(seeds), 46)

    assert (m.title, m.unit) == ("External public funding secured", "pounds")
    assert values(m) == [
        ("2019/20", Decimal(1490000), "", ""),
        ("2020/21", Decimal(1490000), "", "Q3 data"),
    ]


def test_measures_next_to_garbled_text_keep_their_clean_cells(seeds: Path) -> None:
    doc = read_seed(seeds)

    crimes = measure_at(doc, 58)
    assert crimes.title == "Number of recorded crimes in the city centre (rolling 12 months)"
    assert crimes.observations == []  # its values are only in the garbled text
    assert crimes.themes == themes(HEALTH, 58)  # the cell reads "A city of health and"
    asb = measure_at(doc, 59)
    assert asb.title == (
        "Number of reported anti social behaviour (ASB) incidents in the city centre "
        "(rolling 12 months)"
    )
    assert values(asb) == [("2019/20", Decimal(1336), "", ""), ("2020/21", Decimal(1005), "", "")]
    assert asb.themes == themes(HEALTH, 59)
    students = measure_at(doc, 69)
    assert values(students)[0][1] == Decimal(107)
    assert students.themes == []  # theme cell ", ," is noise


def test_a_title_that_lost_its_start_is_completed_from_its_series(seeds: Path) -> None:
    m = measure_at(read_seed(seeds), 78)

    assert m.title == (
        "Percentage of KS2 pupils achieving expected standard or higher level in reading, "
        "writing and maths - Disadvantaged pupils"
    )
    assert (m.unit, values(m)) == ("percent", [("2019/20", Decimal(47), "", "")])


def test_negative_scores_keep_their_decimals(seeds: Path) -> None:
    m = measure_at(read_seed(seeds), 72)

    assert (m.title, m.unit, m.decimals) == ("Progress 8 score - EHCP", "number", 2)
    assert values(m) == [("2019/20", Decimal("-1.41"), "", "")]


def test_a_theme_cell_split_over_two_rows_resolves_for_both(seeds: Path) -> None:
    doc = read_seed(seeds)

    assert measure_at(doc, 101).themes == themes(COUNCIL, 101)
    assert measure_at(doc, 102).themes == themes(COUNCIL, 102)
    assert measure_at(doc, 81).themes == themes(HEALTH, 81)  # the cell reads "happiness"


def test_days_and_reasons_for_no_value(seeds: Path) -> None:
    doc = read_seed(seeds)

    sickness = measure_at(doc, 119)
    assert sickness.title == (
        "Average working days per employee (full time equivalents) per year lost through "
        "sickness absence \u2013 Excluding schools"
    )
    assert (sickness.unit, sickness.decimals) == ("days", 1)
    assert values(sickness) == [
        ("2019/20", Decimal("11.9"), "", ""),
        ("2020/21", Decimal("10.5"), "", ""),
    ]
    assert values(measure_at(doc, 123)) == [
        ("2019/20", None, "Next survey planned for 2021/22", ""),
        ("2020/21", None, "Next survey planned for 2021/22", ""),
    ]
    assert values(measure_at(doc, 144)) == [
        ("2019/20", None, "Data due April 2021", ""),
        ("2020/21", None, "No survey in 2020-21", ""),
    ]
    assert values(measure_at(doc, 146)) == [
        ("2019/20", Decimal("0.5"), "", ""),
        ("2020/21", None, "No data collected in 2020-21", ""),
    ]


# -- skipped lines ----------------------------------------------------------------------------


def test_garbled_text_is_skipped_with_its_line_never_read_as_data(seeds: Path) -> None:
    doc = read_seed(seeds)
    outside = [s.line for s in doc.skipped if s.reason == OUTSIDE_REASON]

    assert outside == [*range(56, 88), 89]
    first = next(s for s in doc.skipped if s.line == 57)
    assert first.text.startswith("Number of recorded crimes in the city centre (rolling 12 months)")
    assert "ambidions" in first.text
    titles = [u.action.title for u in doc.updates] + [m.title for m in doc.measures]
    assert not any("ambidions" in t or "Active with big" in t for t in titles)


def test_values_without_a_title_are_skipped_not_guessed(seeds: Path) -> None:
    doc = read_seed(seeds)
    others = [(s.line, s.text) for s in doc.skipped if s.reason != OUTSIDE_REASON]

    assert others == [
        (61, "1 | \u0131"),  # a dotless i
        (62, "On track | On track | Green"),
        (70, "10 | No target set"),  # disagrees with the row above (107)
        (104, "0 | A served for several and the"),
    ]


# -- another document in the same layout, and bad input -----------------------------------


ANYTOWN = "\n".join(
    [
        "Anytown Borough Council Annual Performance Results 2021/22",
        "\t2021/22 Performance Information\t\t\t",
        HEADER.replace("2019/20", "2020/21"),
        "Housing and Planning\t\t\t\t",
        "Actions identified in the Council Plan 2020-21\t\t\t\t",
        "Build more homes NB - paused in summer\tNot started\tSome slippage\tAmber\tA good place",
        "Mend the roads\t-\tGreen (Q4 DCA)\t-\tA good place",
        "\tOn track\t\tGreen\t",
        "Delivery Plan measures Homes built in the\t\t\t\t",
        "borough\t1,204\t988\tNo target set\tA good place",
        "Share of roads in good repair\t75.5%\tNo survey in 2021- 22\tNo target set\tA good place",
    ]
)


def test_another_councils_results_in_the_same_layout() -> None:
    doc = read_text(ANYTOWN)

    assert doc.organisation.slug == "anytown-borough-council"
    assert [p.period for p in doc.reporting_periods] == ["2020/21-Q4", "2021/22-Q4"]
    assert [p.name for p in doc.organisation.portfolios] == ["Housing and Planning"]
    build, mend = (
        ActionRef(plan="council-plan-2020-21", title=t, line=n)
        for t, n in (("Build more homes", 6), ("Mend the roads", 7))
    )
    assert doc.updates == [
        ActionUpdateIn(
            action=build, period="2020/21-Q4", progress_rating=ProgressRating.NOT_STARTED, line=6
        ),
        ActionUpdateIn(
            action=build,
            period="2021/22-Q4",
            progress_rating=SOME,
            status=RagStatus.AMBER,
            commentary="NB - paused in summer",
            line=6,
        ),
        ActionUpdateIn(action=mend, period="2020/21-Q4", progress_rating=ON_TRACK, line=7),
        ActionUpdateIn(
            action=mend, period="2021/22-Q4", status=RagStatus.GREEN, is_dca=True, line=7
        ),
    ]
    homes, roads = doc.measures
    assert (homes.title, homes.line, homes.unit) == ("Homes built in the borough", 9, "number")
    assert values(homes) == [("2020/21", Decimal(1204), "", ""), ("2021/22", Decimal(988), "", "")]
    assert (roads.unit, roads.decimals) == ("percent", 1)
    assert values(roads)[1] == ("2021/22", None, "No survey in 2021-22", "")
    assert homes.themes == [ThemeRef(plan="council-plan-2020-21", path=["A good place"], line=9)]


def test_without_sub_headings_rows_are_told_apart_by_their_values() -> None:
    text = "\n".join(
        [
            "Anytown Borough Council Annual Performance Results 2021/22",
            "We monitored the 2020/21 Council Delivery Plan.",
            HEADER.replace("2019/20", "2020/21"),
            "Housing and Planning\t\t\t\t",
            "Build more homes\tOn track\tCompleted\tBlue\tA good place",
            "Homes built\t1,204\t988\tNo target set\tA good place",
            "Homes empty\t\t\t\tA good place",
        ]
    )

    doc = read_text(text)

    assert {u.action for u in doc.updates} == {
        ActionRef(plan="council-delivery-plan-2020-21", title="Build more homes", line=5)
    }
    assert [(m.title, len(m.observations)) for m in doc.measures] == [("Homes built", 2)]
    (skipped,) = doc.skipped
    assert (skipped.line, skipped.reason) == (
        7,
        "Cannot tell whether this row is an action or a measure.",
    )


def test_a_rating_no_one_can_read_is_skipped_with_its_line() -> None:
    text = ANYTOWN.replace("Not started\tSome slippage", "Not started\tSideways")

    doc = read_text(text)

    assert [u.action.title for u in doc.updates] == ["Mend the roads", "Mend the roads"]
    (skipped,) = doc.skipped
    assert (skipped.line, skipped.text) == (6, "Build more homes NB - paused in summer")
    assert '"Sideways" is not a status' in skipped.reason


def test_a_header_missing_a_column_is_a_problem_at_its_line() -> None:
    text = ANYTOWN.replace("\tQ4 Status", "")

    with pytest.raises(ImportProblem) as raised:
        read_text(text)

    assert str(raised.value) == (
        "results.txt, line 3: The results table has no quarter's status (e.g. Q4 Status) column."
    )


def test_a_copy_cut_short_in_a_row_is_a_problem_at_its_last_line() -> None:
    text = ANYTOWN.rsplit("\t", 3)[0]

    with pytest.raises(ImportProblem) as raised:
        read_text(text, "cut.txt")

    assert str(raised.value).startswith("cut.txt, line 11: The file ends part-way through")


def test_a_copy_cut_after_its_header_is_a_problem_at_the_header(seeds: Path) -> None:
    text = "\n".join((seeds / SEED).read_text().splitlines()[:26])

    with pytest.raises(ImportProblem) as raised:
        read_text(text, "cut.txt")

    assert str(raised.value) == "cut.txt, line 26: The results table has no rows."


def test_a_copy_cut_before_the_table_names_the_last_line(seeds: Path) -> None:
    text = "\n".join((seeds / SEED).read_text().splitlines()[:21])
    source = SourceText.from_text(text, "intro.txt")

    assert not READER.recognises(source)
    with pytest.raises(ImportProblem) as raised:
        READER.read(source, ReadContext())
    assert str(raised.value).startswith("intro.txt, line 21: No results table found")


# -- applying ---------------------------------------------------------------------------------


def minimal_plan() -> PlanDocument:
    """A few real actions of the Council Delivery Plan 2019/20, titled as that plan titles them."""
    titles = [
        "Refresh the Strategic Partnership arrangements in Derby, including the Derby Plan and "
        "vision for the city",
        "Implement air quality measures set out in the May 2019 Ministerial Direction, on "
        "Stafford Street and surrounding routes, to deliver compliance with statutory nitrogen "
        "dioxide levels in the shortest possible time",
        "Safely reduce the number of looked after children, including those placed out of area "
        "using expensive Independent Fostering Agencies",
        "Provide a city wide high quality programme of indoor and outdoor events in Derby, "
        "including a programme of events at Derby Arena",
        "Support the Museum of Making project at Derby Silk Mill",
        "Reduce homelessness and enable access to affordable housing",
    ]
    plan = PlanIn(
        slug=PLAN,
        title="Council Delivery Plan 2019/20",
        kind="delivery_plan",
        first_year=2019,
        last_year=2019,
        themes=[ThemeIn(title=t) for t in (AMBITIONS, HEALTH, COUNCIL)],
        actions=[ActionIn(title=t, themes=[[HEALTH]]) for t in titles],
    )
    return PlanDocument.model_validate(
        {
            "source": "minimal plan",
            "organisation": {"name": "Derby City Council", "slug": "derby-city-council"},
            "plans": [plan.model_dump()],
        }
    )


@pytest.mark.django_db
def test_the_seed_applies_to_its_plan_and_applying_again_changes_nothing(seeds: Path) -> None:
    apply_document(minimal_plan())
    first = apply_document(read_seed(seeds))

    assert first.changed
    assert ActionUpdate.objects.count() == 11  # the six plan actions' results found
    # Each row is its own measure: "Progress 8 score - SEN support" is not "... - EHCP".
    assert Measure.objects.count() == 54
    assert Observation.objects.count() == 98
    assert len({note.given for note in first.unmatched}) == 46
    again = apply_document(read_seed(seeds))
    assert not again.changed
