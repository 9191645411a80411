"""The template: its tables and their columns, described once for Excel, CSV and the docs.

Each table is an Excel sheet and a CSV file (``measures.csv``); each column has the header a
person reads, the field of the normalised structure it holds, the kind of cell (see ``cells``),
and a line saying how to fill it in. The xlsx and CSV readers and writers, the "Read me" sheet
and ``docs/template.md`` all work from ``TABLES``, so they cannot drift apart.
"""

from dataclasses import dataclass

from councilplan.domain.periods import Aggregation, Frequency
from councilplan.domain.status import Polarity, ProgressRating, RagStatus, Stage
from councilplan.domain.units import Unit
from councilplan.measures.models import ComparatorKind, ReportingLevel
from councilplan.plans.models import FundingCategory, PlanKind, PlanStatus, ThemeKind

from . import cells as c


@dataclass(frozen=True)
class Column:
    """One column: header, the field it holds, its kind of cell, and how to fill it in."""

    header: str
    key: str
    kind: c.Kind
    about: str
    required: bool = False


@dataclass(frozen=True)
class Table:
    """One sheet of the workbook, or one CSV file."""

    name: str
    about: str
    columns: tuple[Column, ...]

    @property
    def file(self) -> str:
        """The CSV file of this table: "reporting-periods.csv"."""
        return self.name.lower().replace(" ", "-") + ".csv"

    def column(self, key: str) -> Column:
        """The column holding field ``key``."""
        return next(column for column in self.columns if column.key == key)


TEXT, NAMES, WHOLE, NUMBER, YES_NO, DAY = (
    c.Text(),
    c.Names(),
    c.Whole(),
    c.Number(),
    c.YesNo(),
    c.Day(),
)
PERIOD = c.ReportingPeriod()
ACTION_REFS = c.PlanRefs("action reference (or title)", None)
THEME_REFS = c.PlanRefs("theme path", c.LEVELS)


def choice(what: str, choices: list[tuple[str, str]]) -> c.Choice:
    """A column holding one of a vocabulary."""
    return c.Choice(what, tuple(choices))


PLAN = Column("Plan", "plan", TEXT, "Slug of the plan, as in the Plans sheet.", True)
ACTION = Column(
    "Action", "action", TEXT, "Reference of the action, or its title where it has none.", True
)
MEASURE = Column(
    "Measure", "measure", TEXT, "Code of the measure, or its title where it has none.", True
)
PERIOD_COLUMN = Column("Period", "period", PERIOD, "The period the row is for.", True)
NAME = Column("Name", "name", TEXT, "As it is written in the plan.", True)

INTRO = (
    "A plan, its measures and their values, as one Excel workbook (one sheet per table) or a "
    "folder or .zip of CSV files (one file per table, UTF-8, a header row first). `councilplan "
    "export --format xlsx` or `--format csv` writes it; `councilplan import FILE` reads it back.",
    "Every sheet must be there with every column (an empty sheet keeps just its header row); "
    "columns may be in any order; blank rows are skipped. A plan named in a row must be in the "
    "Plans sheet, or already in the database; an action of a plan in the file, and every "
    "measure, must be in the file.",
    'Lists sit in one cell, separated by "; "; theme paths list the titles from the top level '
    'down, separated by " > ". An item holding the separator goes in double quotes.',
    "Values and updates of a locked period are what Cabinet saw. The preview lists each row "
    "that would change one (period, old -> new, file and line); `--apply` then refuses the whole "
    "file, and `--apply --corrections` records each change as a correction with its file and "
    "line as the reason. An import may lock a period but never unlocks one.",
)

TABLES: tuple[Table, ...] = (
    Table(
        "Organisation",
        "The council: exactly one row.",
        (
            NAME,
            Column("Slug", "slug", TEXT, 'Short name in lower case, e.g. "derby".', True),
            Column("GSS code", "gss_code", TEXT, "ONS area code, e.g. E06000015."),
        ),
    ),
    Table(
        "Councillors",
        "Elected members named as cabinet members.",
        (NAME, Column("Role", "role", TEXT, 'e.g. "Leader of the Council".')),
    ),
    Table(
        "Portfolios",
        "Cabinet portfolios.",
        (
            NAME,
            Column("Short name", "short_name", TEXT, "As written in index tables."),
            Column("Cabinet member", "cabinet_member", TEXT, "A name from Councillors."),
        ),
    ),
    Table(
        "Departments",
        "Departments and services, and the directorates they sit in.",
        (
            NAME,
            Column("Abbreviation", "abbreviation", TEXT, 'e.g. "ETE".'),
            Column("Directorate", "directorate", TEXT, "A name from this sheet."),
        ),
    ),
    Table(
        "Officers",
        "Accountable and lead officers.",
        (
            NAME,
            Column("Job title", "job_title", TEXT, "Their role."),
            Column("Email", "email", TEXT, "Their work address."),
        ),
    ),
    Table(
        "Plans",
        "Council plans, delivery plans, refreshes: one row each.",
        (
            Column(
                "Slug",
                "slug",
                TEXT,
                'Short name in lower case, e.g. "delivery-plan-2019-20".',
                True,
            ),
            Column("Title", "title", TEXT, "The plan's title.", True),
            Column("Kind", "kind", choice("plan kind", PlanKind.choices), "What it is.", True),
            Column("First year", "first_year", c.FinancialYear(), "The year it starts.", True),
            Column("Last year", "last_year", c.FinancialYear(), "The year it ends.", True),
            Column("Status", "status", choice("plan status", PlanStatus.choices), "Draft or not."),
            Column("Approved by", "approved_by", TEXT, 'e.g. "Cabinet".'),
            Column("Approved on", "approved_on", DAY, "When it was approved."),
            Column("Published", "is_published", YES_NO, "Shown on the public site."),
            Column("Parent", "parent", TEXT, "Slug of the plan this one cascades from."),
            Column("Predecessor", "predecessor", TEXT, "Slug of the plan this one refreshes."),
            Column("Vision", "vision", TEXT, "The plan's vision statement."),
            Column("Source document", "source", TEXT, "The document it came from."),
        ),
    ),
    Table(
        "Themes",
        "Each plan's tree of themes, priorities and focus areas, parents above children.",
        (
            PLAN,
            Column("Path", "path", c.ThemePath(), "The theme's title after its parents'.", True),
            Column("Kind", "kind", choice("theme kind", ThemeKind.choices), "What it is called."),
            Column("Reference", "reference", TEXT, 'e.g. "CYP1".'),
            Column("Description", "description", TEXT, "What it means."),
            Column(
                "Contributes to", "contributes_to", THEME_REFS, "Themes of other plans it serves."
            ),
        ),
    ),
    Table(
        "Actions",
        "What the council will do: one row per action or sub-action.",
        (
            PLAN,
            Column("Reference", "reference", TEXT, 'e.g. "1.1"; unique in its plan.'),
            Column("Title", "title", TEXT, "What will be done.", True),
            Column("Parent", "parent", TEXT, "For a sub-action: its action's reference or title."),
            Column("Description", "description", TEXT, "More about it."),
            Column("Themes", "themes", c.ThemePaths(), "Paths of the themes it sits under."),
            Column("Portfolios", "portfolios", NAMES, "Names from Portfolios."),
            Column("Departments", "departments", NAMES, "Names from Departments."),
            Column("Lead officers", "lead_officers", NAMES, "Names from Officers."),
            Column("Start", "start", TEXT, 'When it starts, as written, e.g. "Summer 2019".'),
            Column(
                "Expected completion",
                "expected_completion",
                TEXT,
                'The timescale as written, e.g. "March 2020", "Ongoing".',
            ),
            Column(
                "Stage",
                "stage",
                choice("stage", Stage.choices()),
                "Where it is. It holds from the day an import records or changes it: a period "
                "judged as at an earlier date reads what was reported then.",
            ),
            Column(
                "Funding category",
                "funding_category",
                choice("funding category", FundingCategory.choices),
                "Source of finance.",
            ),
            Column("Success criteria", "success_criteria", TEXT, "How success will be measured."),
            Column(
                "Expected differences",
                "expected_differences",
                TEXT,
                "The differences people will see.",
            ),
            Column("Other links", "other_links", NAMES, "Strategies and plans it supports."),
            Column(
                "Carried forward from",
                "carried_forward_from",
                TEXT,
                "Reference (or title) of the same action in the predecessor plan.",
            ),
        ),
    ),
    Table(
        "Milestones",
        "Dated steps of actions, in order.",
        (
            PLAN,
            ACTION,
            Column("Title", "title", TEXT, "The step.", True),
            Column("Due", "due", TEXT, 'When, as written, e.g. "September 2019".'),
            Column("Completed on", "completed_on", DAY, "When it was done."),
        ),
    ),
    Table(
        "Measures",
        "Performance measures (indicators, KPIs): one row each.",
        (
            Column("Code", "code", TEXT, "The council's own reference; unique."),
            Column("Title", "title", TEXT, "What is counted.", True),
            Column("National ID", "national_id", TEXT, "An LG Inform or ASCOF identifier."),
            Column("Definition", "definition", TEXT, "How it is worked out."),
            Column("Unit", "unit", choice("unit", Unit.choices()), "What the value counts."),
            Column("Rate per", "rate_per", WHOLE, "For rates: per how many, e.g. 100000."),
            Column("Rate population", "rate_population", TEXT, 'For rates: of whom, "aged 65+".'),
            Column("Numerator definition", "numerator_definition", TEXT, "What is counted."),
            Column("Denominator definition", "denominator_definition", TEXT, "Out of what."),
            Column("Decimal places", "decimals", WHOLE, "How many to show, 0 to 6."),
            Column(
                "Polarity", "polarity", choice("polarity", Polarity.choices()), "Which is better."
            ),
            Column(
                "Frequency", "frequency", choice("frequency", Frequency.choices()), "How often."
            ),
            Column(
                "Aggregation",
                "aggregation",
                choice("aggregation", Aggregation.choices()),
                "How periods combine into a year.",
            ),
            Column("Data source", "data_source", TEXT, "Where the figures come from."),
            Column("Owner", "owner", TEXT, "A name from Officers."),
            Column(
                "Reporting level",
                "reporting_level",
                choice("reporting level", ReportingLevel.choices),
                "Which plan it is reported in.",
            ),
            Column(
                "Target profile",
                "target_profile",
                c.TargetProfile(),
                "For a sum of periods: the share of the year's target due by quarter or month.",
            ),
            Column("Actions", "actions", ACTION_REFS, "The actions it evidences."),
            Column("Themes", "themes", THEME_REFS, "The themes it evidences."),
            Column("Portfolios", "portfolios", NAMES, "Portfolios it is reported under."),
            Column(
                "Match by title",
                "match_by_title",
                YES_NO,
                "Add values to the council's measure with the most similar title.",
            ),
        ),
    ),
    Table(
        "Targets",
        "What each measure should reach in a period.",
        (
            MEASURE,
            PERIOD_COLUMN,
            Column(
                "Value",
                "value",
                NUMBER,
                "The target; blank when suspended. A year's target serves its quarters and "
                "months (profiled to date for a sum of periods).",
            ),
            Column(
                "Suspended reason",
                "suspended_reason",
                TEXT,
                'Why no target applies this period (then leave Value blank), e.g. "not set due '
                'to COVID-19". A suspended year suspends its quarters and months.',
            ),
            Column("Tolerance", "tolerance", NUMBER, "The amber band around it."),
            Column("Tolerance is percent", "tolerance_is_percent", YES_NO, "The band is a %."),
            Column("Rationale", "rationale", TEXT, "Why this target."),
            Column(
                "Baseline",
                "baseline",
                NUMBER,
                "The starting value: of a stretch target, or of the line to an interpolated one.",
            ),
            Column(
                "Baseline year",
                "baseline_year",
                c.FinancialYear(),
                "The financial year the baseline was measured in.",
            ),
            Column(
                "Interpolate",
                "interpolate",
                YES_NO,
                "Judge the years before this target against a straight line from the baseline "
                "(needs Baseline and Baseline year); otherwise they have no target.",
            ),
            Column(
                "Reward threshold", "reward_threshold", NUMBER, "Share earning reward, e.g. 0.6."
            ),
        ),
    ),
    Table(
        "Observations",
        "Each measure's value for a period, or the reason there is none.",
        (
            MEASURE,
            PERIOD_COLUMN,
            Column("Value", "value", NUMBER, "The figure."),
            Column("No-value reason", "no_value_reason", TEXT, 'e.g. "No survey in 2020-21".'),
            Column("Numerator", "numerator", NUMBER, "For rates and percentages."),
            Column("Denominator", "denominator", NUMBER, "For rates and percentages."),
            Column("Data note", "data_note", TEXT, 'e.g. "Q3 data", "rolling 12 months".'),
            Column("Provisional", "is_provisional", YES_NO, "Not final yet."),
        ),
    ),
    Table(
        "Comparators",
        "The same measure elsewhere: national, regional, nearest neighbours.",
        (
            MEASURE,
            PERIOD_COLUMN,
            Column("Kind", "kind", choice("comparator", ComparatorKind.choices), "Who.", True),
            Column("Area name", "area_name", TEXT, 'e.g. "East Midlands".'),
            Column("GSS code", "gss_code", TEXT, "ONS code of the area."),
            Column("Value", "value", NUMBER, "Their figure.", True),
        ),
    ),
    Table(
        "Reporting periods",
        "Rounds of updates, with their deadlines.",
        (
            PERIOD_COLUMN,
            Column("Deadline", "deadline", DAY, "When updates are due."),
            Column(
                "Locked",
                "is_locked",
                YES_NO,
                "Reported: changes only as corrections. An import never unlocks a period.",
            ),
        ),
    ),
    Table(
        "Updates",
        "Approved progress reports on actions, one per action and period.",
        (
            PLAN,
            ACTION,
            PERIOD_COLUMN,
            Column(
                "Progress rating",
                "progress_rating",
                choice("progress rating", ProgressRating.choices()),
                "How it is going.",
            ),
            Column("Status", "status", choice("status", RagStatus.choices()), "The colour."),
            Column("DCA", "is_dca", YES_NO, "The status is a delivery confidence assessment."),
            Column("Percent complete", "percent_complete", WHOLE, "0 to 100."),
            Column("Commentary", "commentary", TEXT, "What has happened."),
            Column("Issues and mitigations", "mitigation", TEXT, "What stands in the way."),
            Column("Next steps", "next_steps", TEXT, "What happens next."),
        ),
    ),
)
