"""The corporate-plan-actions reader on Derby's Draft Corporate Plan 2006-09 (seed 002)."""

from pathlib import Path

import pytest

from councilplan.domain.status import Polarity
from councilplan.domain.units import Unit
from councilplan.imports.problems import ImportProblem
from councilplan.imports.readers import ReadContext
from councilplan.imports.readers.corporate_plan_actions import READER, laa_contributions, title_case
from councilplan.imports.readers.corporate_plan_actions_rows import (
    split_cells,
    split_links,
    split_officers,
)
from councilplan.imports.structure import ActionIn, PlanDocument, ThemeIn, ThemeRef
from councilplan.imports.text.source import SourceText
from councilplan.imports.writer import apply_document
from councilplan.measures.models import Measure
from councilplan.plans.models import Action, Officer, Plan, Theme

SEED = "002_c3520500f95d0464.txt"
SLUG = "corporate-plan-2006-2009"
LAA = "derby-s-local-area-agreement-2005-08"
QUALITY = "To improve the quality of life in Derby's neighbourhoods"
LEARNING = "To encourage lifelong learning and achievement as a catalyst for economic growth"
HEALTHY = "To build healthy and independent communities"
SERVICES = "To deliver excellent services, performance and value for money"
CRIME = "To reduce crime and anti-social behaviour"
CITY_CENTRE = "To reinvigorate the city centre and river areas"
HEALTHIER = "To promote healthier communities"
SOCIAL_CARE = "To improve the standard of social care for vulnerable adults and older people"
INEFFICIENCY = (
    "To reduce inefficiency by improving business processes and ability to perform \u2013 "
    "implementing the Building on Excellence programme \u2013 customer service, accommodation, "
    "procurement, e-Derby, people and performance, communication and engagement"
)


def read_seed(seeds: Path) -> PlanDocument:
    return READER.read(SourceText.open(seeds / SEED), ReadContext())


def by_line(doc: PlanDocument) -> dict[int, ActionIn]:
    found: dict[int, ActionIn] = {}
    for action in doc.plans[0].actions:
        assert action.line is not None
        found[action.line] = action
    return found


def count_themes(themes: list[ThemeIn]) -> int:
    return sum(1 + count_themes(t.children) for t in themes)


def test_recognises_the_action_table_header(seeds: Path) -> None:
    assert READER.recognises(SourceText.open(seeds / SEED))
    other = SourceText.from_text("Action\tHow will we measure success?\tTimescale\n", "x.txt")
    assert not READER.recognises(other)


def test_reads_the_seed_counts(seeds: Path) -> None:
    doc = read_seed(seeds)
    plan, laa = doc.plans
    assert count_themes(plan.themes) == 17  # 4 objectives, 13 priorities
    assert len(plan.actions) == 78
    assert sum(len(a.sub_actions) for a in plan.actions) == 4
    assert sum(len(a.milestones) for a in plan.actions) == 0
    assert sum(a.description.startswith("Do stage") for a in plan.actions) == 66
    assert sum(a.description.startswith("Plan stage") for a in plan.actions) == 12
    assert count_themes(laa.themes) == 22  # 4 blocks, 18 outcomes
    assert laa.actions == []
    assert len(doc.measures) == 48
    assert sum(len(m.targets) for m in doc.measures) == 0  # the plan states no target values
    assert doc.updates == []
    assert doc.reporting_periods == []
    assert len(doc.organisation.officers) == 40


def test_reads_the_plan_from_the_cover(seeds: Path) -> None:
    doc = read_seed(seeds)
    plan = doc.plans[0]
    assert (plan.line, plan.slug, plan.title, plan.kind) == (
        5,
        SLUG,
        "Corporate Plan 2006-2009",
        "corporate_plan",
    )
    assert (plan.first_year, plan.last_year, plan.status, plan.is_published) == (
        2006,
        2008,
        "draft",
        False,
    )
    assert plan.vision == "A city for all ages"
    assert plan.source == SEED
    assert (doc.organisation.line, doc.organisation.name, doc.organisation.slug) == (
        11,
        "Derby City Council",
        "derby-city-council",
    )
    assert [d.name for d in doc.organisation.departments] == [
        "Corporate and Adult Social Services",
        "Resources",
        "Environmental Services",
        "Regeneration and Community",
        "Children and Young People",
    ]


def test_objectives_and_priorities_form_the_theme_tree(seeds: Path) -> None:
    themes = read_seed(seeds).plans[0].themes
    assert [(t.reference, t.title, t.kind, t.line) for t in themes] == [
        ("1", QUALITY, "objective", 358),
        ("2", LEARNING, "objective", 514),
        ("3", HEALTHY, "objective", 597),
        ("4", SERVICES, "objective", 715),
    ]
    assert [(p.reference, p.kind) for t in themes for p in t.children] == [
        (f"{o}.{p}", "priority")
        for o, n in ((1, 5), (2, 3), (3, 3), (4, 2))
        for p in range(1, n + 1)
    ]
    # A heading whose title stands on the next line ("PRIORITY 4.1" / blank / title).
    assert (themes[3].children[0].title, themes[3].children[0].line) == (INEFFICIENCY, 723)
    city_centre = themes[0].children[2]
    assert (city_centre.title, city_centre.line) == (CITY_CENTRE, 418)
    assert city_centre.description == (
        "Key outcome: Implementation of Cityscape priority projects Improved City Centre access "
        "for pedestrians, cyclists, public transport and essential access and improved traffic "
        "circulation To maximise provision of high quality designed affordable housing\n"
        # the label without a tab, continued on the next line (436-437)
        "Main area of focus: Prepare funding package for Silk Mill Museum revitalisation and "
        "prepare for building and opening QUAD, Derby's Visual Arts and Media Centre To "
        "complete the design and statutory processes for Connecting Derby"
    )
    # "Key outcome" alone, its items on the following lines (657-661).
    assert themes[2].children[1].description == (
        "Key outcome: Develop Telecare Services Develop Extra Care Explore potential for service "
        "integration with NHS, for commissioning and providing older people's services, and "
        "implement agreed findings Improve services to support independence\n"
        "Main area of focus: Remodel Sheltered Housing Services"
    )
    assert themes[3].children[1].description == ""  # priority 4.2 has empty tables


def test_first_do_stage_row(seeds: Path) -> None:
    action = by_line(read_seed(seeds))[370]
    assert action == ActionIn(
        line=370,
        reference="1.1 Do 1.1",
        title="Implement Year 2 of Derby Community Safety Strategy incorporating the statutory "
        "Crime and Disorder Strategy and Youth Justice Plan",
        description="Do stage",
        themes=[[QUALITY, CRIME]],
        lead_officers=["Director of Community Safety Partnership"],
        expected_completion="April 2006 \u2013 March 2007",
        funding_category="B",
        other_links=[
            "Community Safety Strategy",
            "Crime and Disorder Strategy",
            "Youth Justice Plan",
            "Drug Treatment Plan",
        ],
    )


def test_finance_that_is_not_a_category_is_kept_in_the_description(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    eastern = actions[422]
    assert (eastern.reference, eastern.title, eastern.funding_category) == (
        "1.3 Do 1.1",
        "Eastern fringes action plan",
        "",
    )
    assert eastern.description == "Do stage\nSource of finance: LDF Budget and Cityscape"
    assert eastern.expected_completion == "June 2008"
    assert eastern.other_links == [
        "Cityscape master plan",
        "Derby City Local Plan",
        "Regeneration and Community Business Plan",
    ]
    gatsby = actions[553]
    assert (gatsby.description, gatsby.funding_category, gatsby.lead_officers) == (
        "Do stage\nSource of finance: A and B",
        "",
        ["Principal Officer Gatsby Project"],
    )


def test_plan_stage_rows_have_their_own_references(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    quad = actions[443]
    assert quad == ActionIn(
        line=443,
        reference="1.3 Plan 1.4",
        title="Prepare for building and opening of QUAD, Derby's Visual Arts and Media Centre",
        description="Plan stage",
        themes=[[QUALITY, CITY_CENTRE]],
        lead_officers=["Assistant Director - Culture"],
        expected_completion="April 2008",
        funding_category="A",
        other_links=["Community Strategy", "Arts Business Plan"],
    )
    # The Plan stage table continued on the next page keeps counting (1.6).
    connecting = actions[452]
    assert (connecting.reference, connecting.expected_completion, connecting.description) == (
        "1.3 Plan 1.6",
        "2009",
        "Plan stage\nSource of finance: A/B",
    )
    assert actions[760].reference == "4.1 Plan 1.1"
    assert actions[760].themes == [[SERVICES, INEFFICIENCY]]


def test_officers_listed_after_a_plural_title_are_each_named(seeds: Path) -> None:
    action = by_line(read_seed(seeds))[545]
    assert action.lead_officers == [
        "Assistant Director \u2013 School Improvement",
        "Assistant Director \u2013 School Inclusion",
    ]
    assert action.other_links == [
        "Children and Young Peoples Plan",
        "School Improvement Business Plan",
        "Scholl Inclusion Business Plan",
        "LPSA 2",
    ]


def test_placeholder_officer_is_no_officer(seeds: Path) -> None:
    action = by_line(read_seed(seeds))[460]
    assert (action.title, action.lead_officers, action.funding_category) == (
        "Consultation at Neighbourhood Meetings and establishment of teams",
        [],
        "C",
    )


def test_a_date_shifted_into_the_finance_column_is_the_timescale(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    findings = actions[587]
    assert (findings.reference, findings.title) == ("2.3 Do 1.9", "Implement findings")
    assert (findings.expected_completion, findings.funding_category, findings.description) == (
        "October 2006 - ongoing",
        "",
        "Do stage",
    )
    assert findings.lead_officers == []
    review = actions[586]
    assert (review.expected_completion, review.lead_officers) == ("September 2006", [])


def test_table_that_lost_its_tabs_is_read_block_by_block(seeds: Path) -> None:
    doc = read_seed(seeds)
    action = by_line(doc)[613]
    assert action == ActionIn(
        line=613,
        reference="3.1 Do 1.1",
        title="General and targeted support to schools in relation to:",
        description="Do stage",
        themes=[[HEALTHY, HEALTHIER]],
        lead_officers=["Education Officer \u2013 Health Promoting Schools"],
        expected_completion="April 2006 - ongoing",
        funding_category="B",
        other_links=[
            "Children and Young Peoples Plan",
            "Health Promoting Schools Plan",
            "School Improvement Business Plan",
        ],
        sub_actions=[
            ActionIn(line=613, title="Drug and substance misuse"),
            ActionIn(line=613, title="Sexual health and pregnancy"),
            ActionIn(line=613, title="Increasing physical activity and healthy eating"),
            ActionIn(line=613, title="reducing incidents of and perception of bullying"),
        ],
    )
    measures = [m for m in doc.measures if m.line == 613]
    assert [(m.title, m.code) for m in measures] == [
        ("Local PIs c2.5", "c2.5"),
        ("LAA", ""),
        ("National Healthy School Level 3 Target", ""),
    ]
    assert all([r.reference for r in m.actions] == ["3.1 Do 1.1"] for m in measures)


def test_row_under_a_run_together_header_keeps_its_tabs(seeds: Path) -> None:
    action = by_line(read_seed(seeds))[683]
    assert (action.reference, action.title, action.expected_completion) == (
        "3.2 Plan 1.1",
        "New Support Service to be implemented",
        "April 2007 - ongoing",
    )
    assert action.other_links == [
        "Supporting People Strategy",
        "Derby Supported Housing Strategy",
        "Housing and Advice Services Business Plan",
    ]


def test_references_as_written_are_kept_inside_the_action_reference(seeds: Path) -> None:
    actions = by_line(read_seed(seeds))
    assert actions[503].reference == "1.5 Do 2.0"
    assert actions[742].reference == "4.1 Do 1.4"
    assert actions[742].expected_completion == "July 2006 - Ongoing"
    references = [a.reference for a in actions.values()]
    assert len(references) == len(set(references))


def test_measures_are_one_per_title_and_linked_to_their_actions(seeds: Path) -> None:
    measures = {m.title: m for m in read_seed(seeds).measures}
    hits = measures["Number of website hits"]
    assert (hits.line, [r.reference for r in hits.actions]) == (494, ["1.5 Do 1.6", "1.5 Do 1.8"])
    assert [t.path for t in hits.themes] == [
        [
            QUALITY,
            "To provide greater opportunities for people to participate in decisions about "
            "the area they live in",
        ]
    ]
    assert measures["Reduction in conception rates"].polarity == Polarity.LOWER
    assert measures["Percentage satisfied - Witness satisfaction surveys"].unit == Unit.PERCENT
    assert measures["LPSA PI"].actions[0].reference == "1.1 Do 1.5"
    assert "To be determined" not in measures


def test_rows_without_action_text_are_skipped_for_a_person_to_check(seeds: Path) -> None:
    skipped = read_seed(seeds).skipped
    assert [(s.line, s.reason) for s in skipped] == [
        (362, "Not part of an action table."),
        (518, "Not part of an action table."),
        (601, "Not part of an action table."),
        (719, "Not part of an action table."),
        (380, "Row has no action text."),
        (389, "Empty row."),
        (440, "Row has no action text."),
        (441, "Row has no action text."),
        (442, "Row has no action text."),
        (471, "Empty row."),
        (536, "Empty row."),
        (561, "Empty row."),
        (651, "Empty row."),
        (665, "Row has no action text."),
        (768, "Empty row."),
        (780, "Empty row."),
    ]
    assert skipped[6].text == (
        "1.1 | officer: Head of Museums | finance: B/C | timescale: November 2006 | "
        "links: Community Strategy Museums Business Plan"
    )


def test_local_area_agreement_is_a_partnership_plan_of_blocks_and_outcomes(seeds: Path) -> None:
    laa = read_seed(seeds).plans[1]
    assert (laa.line, laa.slug, laa.title, laa.kind) == (
        284,
        LAA,
        "Derby's Local Area Agreement 2005-08",
        "partnership_plan",
    )
    assert (laa.first_year, laa.last_year, laa.status, laa.is_published) == (
        2005,
        2007,
        "approved",
        False,
    )
    assert [(b.title, b.line, len(b.children)) for b in laa.themes] == [
        ("Children and Young People", 292, 7),
        ("Economic Development and Enterprise", 293, 5),
        ("Healthier Communities and Older People", 294, 6),
        ("Safer and Stronger Communities", 295, 0),
    ]
    cyp1 = laa.themes[0].children[0]
    assert cyp1 == ThemeIn(
        line=308,
        title="To provide safe environments for vulnerable children and young people",
        kind="outcome",
        reference="CYP1",
        contributes_to=[ThemeRef(plan=SLUG, path=[QUALITY], line=308)],
    )
    ede5 = laa.themes[1].children[4]
    assert (ede5.reference, ede5.title) == (
        "EDE5",
        "To maximise the benefits of investment for local labour and businesses",
    )
    hcop6 = laa.themes[2].children[5]
    assert (hcop6.reference, hcop6.contributes_to[0].path) == ("HCOP6", [LEARNING])


def test_laa_contributions_map_objectives_to_outcomes(seeds: Path) -> None:
    pairs = laa_contributions(SourceText.open(seeds / SEED))
    assert pairs == [
        *((QUALITY, ref) for ref in ("CYP1", "CYP7", "EDE1", "EDE3", "EDE5", "HCOP3", "HCOP4")),
        *((LEARNING, ref) for ref in ("CYP4", "CYP5", "CYP6", "EDE2", "EDE4", "HCOP6")),
        *((HEALTHY, ref) for ref in ("CYP2", "CYP3", "HCOP1", "HCOP2", "HCOP5")),
    ]


@pytest.mark.django_db
def test_applies_and_a_second_apply_changes_nothing(seeds: Path) -> None:
    doc = read_seed(seeds)
    apply_document(doc)
    plan = Plan.objects.get(slug=SLUG)
    assert (plan.status, plan.kind) == ("draft", "corporate_plan")
    assert Action.objects.filter(plan=plan).count() == 82  # 78 actions, 4 sub-actions
    action = Action.objects.get(plan=plan, reference="2.3 Do 1.9")
    assert action.expected_completion.text == "October 2006 - ongoing"
    assert Measure.objects.count() == 48
    assert Officer.objects.count() == 40
    cyp1 = Theme.objects.get(plan__slug=LAA, reference="CYP1")
    assert [t.title for t in cyp1.contributes_to.all()] == [QUALITY]
    assert not apply_document(read_seed(seeds)).changed


# -- helpers and bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tags"),
    [
        (
            "Community Strategy Community Policy Business Plan",
            ["Community Strategy", "Community Policy Business Plan"],
        ),
        (
            "Children and Young Peoples Strategic Plan ICS project team",
            ["Children and Young Peoples Strategic Plan", "ICS project team"],
        ),
        (
            "LSC Strategic Area Review 14 - 19 Strategy",
            ["LSC Strategic Area Review", "14 - 19 Strategy"],
        ),
        ("Housing Renewal Policy Housing Strategy", ["Housing Renewal Policy", "Housing Strategy"]),
        ("Safeguarding Board", ["Safeguarding Board"]),
    ],
)
def test_split_links_names_one_strategy_or_plan_per_tag(text: str, tags: list[str]) -> None:
    assert split_links(text) == tags


def test_helpers_read_run_together_text() -> None:
    assert split_cells("PRIORITY 1.1**To reduce crime****DO STAGE**") == [
        "PRIORITY 1.1",
        "To reduce crime",
        "DO STAGE",
        "",
    ]
    assert split_officers("To be decided") == []
    assert split_officers("Head of Libraries") == ["Head of Libraries"]
    assert (
        title_case("DERBY'S LOCAL AREA AGREEMENT 2005-08") == "Derby's Local Area Agreement 2005-08"
    )


HEADER = "\t".join(
    [
        "Ref",
        "How we will achieve it",
        "Officer responsible",
        "Source of Finance",
        "Timescale",
        "Main measure(s)",
        "Other links",
    ]
)
SMALL = "\n".join(
    [
        "Draft",
        "",
        "CORPORATE PLAN",
        "",
        "2006-2009",
        "",
        "EXAMPLE CITY COUNCIL",
        "",
        "OBJECTIVE 1",
        "",
        "To keep the city clean",
        "",
        "PRIORITY 1.1**To sweep the streets****DO STAGE**",
        "",
        HEADER,
        "1.1\tSweep daily\tHead of Streets\tA\tApril 2006 - ongoing\tStreets swept\tStreet Plan",
        "1.2\tSweep twice daily\tHead of Streets\tC\tApril 2007\t\t",
        "",
        "Part 6 - Managing our performance",
        "",
    ]
)


def test_a_small_document_of_my_own_reads() -> None:
    doc = READER.read(SourceText.from_text(SMALL, "small.txt"), ReadContext())
    assert doc.organisation.name == "Example City Council"
    assert [(a.reference, a.title, a.funding_category) for a in doc.plans[0].actions] == [
        ("1.1 Do 1.1", "Sweep daily", "A"),
        ("1.1 Do 1.2", "Sweep twice daily", "C"),
    ]
    assert len(doc.plans) == 1  # no LAA table, no LAA plan


def test_table_without_an_officer_column_is_a_located_problem() -> None:
    text = SMALL.replace("\tOfficer responsible", "")
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(text, "no-officer.txt"), ReadContext())
    assert str(caught.value) == (
        'no-officer.txt, line 15, Officer responsible: The action table has no "Officer '
        'responsible" column.'
    )


def test_row_with_more_cells_than_its_header_is_a_located_problem() -> None:
    text = SMALL.replace("\tStreet Plan", "\tStreet Plan\tStray cell")
    with pytest.raises(ImportProblem, match=r"^extra\.txt, line 16: This row has 8 cells"):
        READER.read(SourceText.from_text(text, "extra.txt"), ReadContext())


def test_truncated_copy_of_the_seed_is_a_located_problem(seeds: Path) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = "\n".join([*lines[:371], lines[371][:40]])
    with pytest.raises(ImportProblem) as caught:
        READER.read(SourceText.from_text(cut, "cut.txt"), ReadContext())
    assert str(caught.value) == (
        "cut.txt, line 372: The file ends in the middle of a table row: it looks cut short."
    )


def test_copy_cut_after_a_table_header_is_a_located_problem(seeds: Path) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = "\n".join(lines[:369])
    with pytest.raises(ImportProblem, match=r"^cut\.txt, line 369: The file ends after a table"):
        READER.read(SourceText.from_text(cut, "cut.txt"), ReadContext())


def test_copy_cut_before_the_tables_is_a_located_problem(seeds: Path) -> None:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    cut = "\n".join(lines[:297])
    with pytest.raises(ImportProblem, match=r"^cut\.txt, line 297: No action table rows found"):
        READER.read(SourceText.from_text(cut, "cut.txt"), ReadContext())


def test_row_continued_after_a_page_break_joins_the_row_above() -> None:
    page_break = [
        "",
        "PRIORITY 1.1\tTo sweep the streets",
        "---------------------\t--",
        "",
        "DO STAGE",
        "Key outcome\tCleaner streets\t\t\t\t\t",
        HEADER,
        "\tand pavements\t\t\t\tPavements swept\tPavement Strategy",
        "1.3\tWash the squares\tHead of Streets\tB\tMay 2006\t\t",
    ]
    lines = SMALL.splitlines()
    text = "\n".join([*lines[:17], *page_break, *lines[17:]])
    doc = READER.read(SourceText.from_text(text, "pages.txt"), ReadContext())
    actions = doc.plans[0].actions
    assert [(a.line, a.reference, a.title, a.other_links) for a in actions] == [
        (16, "1.1 Do 1.1", "Sweep daily", ["Street Plan"]),
        (17, "1.1 Do 1.2", "Sweep twice daily and pavements", ["Pavement Strategy"]),
        (26, "1.1 Do 1.3", "Wash the squares", []),
    ]
    assert [(m.title, [r.reference for r in m.actions]) for m in doc.measures] == [
        ("Streets swept", ["1.1 Do 1.1"]),
        ("Pavements swept", ["1.1 Do 1.2"]),
    ]
    assert doc.plans[0].themes[0].children[0].description == "Key outcome: Cleaner streets"
