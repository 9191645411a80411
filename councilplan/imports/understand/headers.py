"""Reading a column's header: the role its words name, and the period or area it is for.

Councils head the same column in many ways ("Lead officer", "Responsible officer", "Who",
"Accountable officer"): each role has phrases, and a header is scored by the longest phrase it
holds as whole words. A period inside a header ("Q2 2023/24 actual", "Target 2024/25", "Mar-24")
is read by the timescale grammar the rest of the system uses, and the words left over name the
role ("actual", "target").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilplan.domain.fuzzy_dates import Precision, parse_fuzzy_date
from councilplan.domain.periods import Period, PeriodKind, period_containing

from .mapping import Role


def _phrases(text: str) -> tuple[str, ...]:
    return tuple(text.split("|"))


# Phrases per role, "|" between them, as folded words (see ``fold``). Across roles a longer
# phrase beats a shorter one ("target date" is a due date, not a target).
ROLE_PHRASES: dict[Role, tuple[str, ...]] = {
    Role.REFERENCE: _phrases(
        "ref|reference|ref no|no|number|code|id|kpi ref|pi ref|pi code|kpi code|kpi no|"
        "action ref|action no|measure ref|indicator ref|item|#"
    ),
    Role.TITLE: _phrases(
        "action|actions|title|deliverable|deliverables|key deliverable|activity|"
        "activities|what we will do|what will we do|commitment|commitments|project|"
        "projects|task|measure|measures|indicator|indicators|kpi|kpis|"
        "performance indicator|performance measure|measure description|"
        "indicator description|kpi description|action description|"
        "action or measure description|description of action|initiative|key action|"
        "key actions|must do|must dos|we will|metric|pi|name|measure name|indicator name"
    ),
    Role.DESCRIPTION: _phrases(
        "description|detail|details|summary|purpose|why|what this means|definition|scope|"
        "rationale|background"
    ),
    Role.SUCCESS_CRITERIA: _phrases(
        "how will we measure success|how we will measure success|success measure|"
        "success measures|success criteria|measure of success|measures of success|"
        "what success looks like|expected outcome|expected outcomes|outcome measure|"
        "the differences you will see|difference it will make|impact|what residents will see|"
        "what you will see|what will residents see|what residents will notice"
    ),
    Role.MILESTONES: _phrases(
        "milestone|milestones|key milestones|key milestone|what we will do and when|"
        "how and when|key dates"
    ),
    Role.OWNER: _phrases(
        "lead|lead officer|responsible officer|officer responsible|officer|owner|"
        "accountable officer|responsible|who|contact|action owner|measure owner|kpi owner|"
        "responsible person|accountable|lead officer s|senior responsible officer|sro|"
        "head of service"
    ),
    Role.DEPARTMENT: _phrases(
        "department|dept|service|service area|directorate|team|division|lead service|"
        "lead department|responsible service|service unit|business unit"
    ),
    Role.PORTFOLIO: _phrases(
        "portfolio|cabinet portfolio|cabinet member|lead member|portfolio holder|"
        "lead cabinet member|cabinet lead|cabinet portfolio holder"
    ),
    Role.THEME: _phrases(
        "theme|priority|priorities|objective|strategic objective|outcome|outcomes|"
        "strategic priority|ambition|council plan theme|pledge|focus|focus area|"
        "corporate priority|council priority|goal|aim|strand|key priority|plan theme"
    ),
    Role.START: _phrases("start|start date|from|begin|starts|commencement"),
    Role.DUE: _phrases(
        "timescale|timescales|due|due date|deadline|target date|completion date|"
        "expected completion|expected completion date|end date|by when|when|date|"
        "delivery date|timeframe|time frame|target completion|end|completion|review date|"
        "date due|target timescale"
    ),
    Role.STAGE: _phrases("stage|action stage|delivery stage|state"),
    Role.STATUS: _phrases(
        "rag|rag status|status|rating|overall status|rag rating|performance status|"
        "status rag|current status|red amber green|traffic light|dca|delivery confidence|"
        "performance against target"
    ),
    Role.PROGRESS: _phrases("progress rating|progress status|on track|progress against plan"),
    Role.COMMENTARY: _phrases(
        "commentary|comments|comment|progress|progress update|update|narrative|"
        "progress to date|notes|note|explanation|position statement|"
        "performance commentary|progress commentary|latest update|analysis|"
        "what has been achieved|achievements|remarks|current position|mitigation|"
        "next steps|actions to improve|progress made"
    ),
    Role.UNIT: _phrases("unit|units|measure type|format|unit of measure|measured as"),
    Role.POLARITY: _phrases(
        "polarity|good is|higher or lower|good performance|aim for|"
        "direction of improvement|is higher better|better if|desired direction|"
        "high or low is good|good performance is"
    ),
    Role.FREQUENCY: _phrases(
        "frequency|reporting frequency|how often|reported|collection frequency|reporting cycle"
    ),
    Role.TARGET: _phrases("target|targets|target value|annual target|year end target"),
    Role.ACTUAL: _phrases(
        "actual|actuals|outturn|result|results|performance|value|current|latest|data|"
        "figure|year end|year to date|ytd|current value|latest value|actual performance|"
        "current performance|position"
    ),
    Role.PREVIOUS: _phrases(
        "previous|last year|prior year|previous year|previous value|same period last year|"
        "last quarter|previous quarter"
    ),
    Role.BASELINE: _phrases("baseline|base line|starting point|benchmark year"),
    Role.NUMERATOR: _phrases("numerator|num"),
    Role.DENOMINATOR: _phrases("denominator|denom"),
    Role.COMPARATOR: _phrases(
        "england|national|national average|england average|regional|regional average|"
        "region|nearest neighbour|nearest neighbours|statistical neighbours|"
        "statistical neighbour|cipfa|cipfa average|comparator|comparators|"
        "similar councils|benchmark|average|median|all england|unitary average|"
        "english average|uk"
    ),
    Role.AREA: _phrases(
        "area|local authority|authority|la|geography|area name|council|local authority name|"
        "authority name|la name|council name|geography name"
    ),
    Role.AREA_CODE: _phrases(
        "area code|la code|gss code|ons code|local authority code|geography code|"
        "authority code|area id|gss"
    ),
    Role.PERIOD: _phrases(
        "period|quarter|month|year|time period|reporting period|financial year|fiscal year|"
        "reporting year|academic year|year ending"
    ),
    Role.DIRECTION: _phrases(
        "direction of travel|dot|trend|direction|change|improving|"
        "direction of travel since last year|better or worse"
    ),
    Role.RANK: _phrases("rank|ranking|position in|quartile|league table|percentile"),
    Role.DATA_SOURCE: _phrases("source|data source|source of data|evidence"),
}

_WORDS = re.compile(r"[a-z0-9£%#]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z]{2})")
_AREA_HINTS = {
    "england": "England",
    "national": "England",
    "regional": "Region",
    "region": "Region",
    "nearest neighbour": "Nearest neighbours",
    "nearest neighbours": "Nearest neighbours",
    "statistical neighbours": "Nearest neighbours",
    "statistical neighbour": "Nearest neighbours",
    "cipfa": "Nearest neighbours",
    "similar councils": "Nearest neighbours",
}


def fold(text: str) -> str:
    """Header text folded to its words: "Lead Officer(s):" -> "lead officer s"; the words of
    a data export's column names too ("LocalAuthority", "area_code")."""
    words = _CAMEL.sub(" ", text).lower().replace("&", " and ")
    return " ".join(_WORDS.findall(words))


def display_header(text: str) -> str:
    """A header as a title for people: a machine name's underscores as spaces
    ("cumulative_count" -> "cumulative count"), anything else as written."""
    words = " ".join(text.split())
    if "_" in words and " " not in words:
        return words.replace("_", " ").strip()
    return words


@dataclass(frozen=True)
class HeaderReading:
    """What a header's words say: each role's score (0-1), and the period and area named."""

    scores: dict[Role, float]
    period: Period | None
    area: str
    words: str  # the header without its period, folded

    def best(self) -> tuple[Role, float]:
        if not self.scores:
            return Role.IGNORE, 0.0
        role = max(self.scores, key=lambda r: self.scores[r])
        return role, self.scores[role]


def read_header(text: str, default_year: int | None = None) -> HeaderReading:
    """Score every role against a header, after taking out the period it names."""
    period, rest = period_in(text, default_year)
    words = fold(rest)
    scores: dict[Role, float] = {}
    padded = f" {words} "
    for role, phrases in ROLE_PHRASES.items():
        best = 0.0
        for phrase in phrases:
            if words == phrase:
                best = max(best, 1.0)
            elif f" {phrase} " in padded:
                # a phrase inside a longer header: the more of the header it covers, the surer
                best = max(best, 0.45 + 0.5 * len(phrase) / max(len(words), 1))
        if best:
            scores[role] = min(best, 1.0)
    area = next((name for key, name in _AREA_HINTS.items() if f" {key} " in padded), "")
    return HeaderReading(scores, period, area, words)


_QUARTER_ONLY = re.compile(r"\b(?:q|qtr|quarter)\s*([1-4])\b", re.IGNORECASE)
_PERIOD_PRECISIONS = {
    Precision.QUARTER: PeriodKind.QUARTER,
    Precision.MONTH: PeriodKind.MONTH,
    Precision.FINANCIAL_YEAR: PeriodKind.YEAR,
}


def period_in(text: str, default_year: int | None = None) -> tuple[Period | None, str]:
    """The reporting period a header or heading names, and its other words.

    "Q2 2023/24 Actual" -> (2023/24 Q2, "Actual"); a bare "Q3" takes ``default_year`` (the
    financial year the table or document is about); a calendar year "2024" is the financial
    year that starts in it. Dates of a single day name no period (an "as at" date).
    """
    read = parse_fuzzy_date(text)
    if read.start is None and default_year is not None:
        bare = _QUARTER_ONLY.search(text)
        if bare:
            rest = (text[: bare.start()] + text[bare.end() :]).strip()
            return Period.quarter(default_year, int(bare.group(1))), rest
    if read.start is None or read.end is None:
        return None, text
    kind = _PERIOD_PRECISIONS.get(read.precision)
    if kind is not None:
        period = period_containing(read.start, kind)
        if period.start == read.start and period.end == read.end:
            return period, read.note
    if read.precision == Precision.YEAR and read.start.month == 1:
        return Period.financial_year(read.start.year), read.note
    return None, text


_ROW_NOUNS = frozenset(
    {
        "indicators",
        "measures",
        "kpis",
        "pis",
        "metrics",
        "actions",
        "deliverables",
        "commitments",
        "projects",
        "activities",
        "milestones",
    }
)
_YEAR_SPAN = re.compile(r"\b(?:19|20)\d{2}\s*(?:/|-|\u2013|to)\s*(?:19|20)?\d{2}\b")
_ROW_NOUN_PREFIXES = frozenset({"our", "key", "the", "performance", "key performance", "priority"})


def theme_name(text: str) -> str:
    """A heading as the theme it names, without the words that only say what its rows are:
    "Caring and Competent: Our Deliverables" -> "Caring and Competent", "Economic
    Transformation Indicators" -> "Economic Transformation" (a name of one word keeps them:
    "Housing KPIs"). A heading that leads in to what follows ("Priority key for table:"), or
    that names a report's or plan's period ("Housing KPI return 2024/25 Q1", "Council Plan
    2024-2027") is a title, and names no theme: ""."""
    words = " ".join(text.split()).strip("*_ ")
    if words.endswith(":") or _YEAR_SPAN.search(words) or period_named_in(words):
        return ""
    head, colon, tail = words.partition(":")
    if colon and head.strip() and _names_rows(fold(tail)):
        return head.strip()
    parts = words.split(" ")
    for cut in (3, 2, 1):
        if len(parts) - cut >= 2 and _names_rows(fold(" ".join(parts[-cut:]))):
            return " ".join(parts[:-cut])
    return words


def _names_rows(words: str) -> bool:
    *prefix, last = words.split(" ") if words else [""]
    return last in _ROW_NOUNS and (not prefix or " ".join(prefix) in _ROW_NOUN_PREFIXES)


def is_column_headings(text: str) -> bool:
    """A line that is a table's header row flattened into text ("Action What we will do and
    when What residents will see"): phrases of two or more roles covering most of its words,
    and no sentence."""
    if text.rstrip().endswith((".", "?", "!")) or len(text) > 150:
        return False
    words = fold(text).split(" ")
    covered = [False] * len(words)
    roles = set()
    for role, phrases in ROLE_PHRASES.items():
        for phrase in phrases:
            size = len(phrase.split(" "))
            for start in range(len(words) - size + 1):
                if " ".join(words[start : start + size]) == phrase and len(phrase) > 2:
                    roles.add(role)
                    covered[start : start + size] = [True] * size
    return len(roles) >= 2 and sum(covered) >= 0.75 * len(words)


def period_named_in(text: str) -> Period | None:
    """The first quarter or month a sentence names ("Council Plan 2024-2027: Quarter 1 2024/25"
    -> 2024/25 Q1), looking at runs of two to four words, longest first."""
    words = text.replace(":", " ").replace(",", " ").split()
    for size in (4, 3, 2):
        for start in range(len(words) - size + 1):
            period, rest = period_in(" ".join(words[start : start + size]))
            if period is not None and period.kind is not PeriodKind.YEAR and not rest.strip():
                return period
    return None
