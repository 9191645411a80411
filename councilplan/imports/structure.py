"""The normalised plan structure every reader produces and the writer applies.

One shape for all inputs (the seed documents, CSV and Excel templates, the demo data): an
organisation with its people and units, its plans with theme trees and actions, its measures
with targets and observations, and results reported against actions. Items carry the source
line they were read from, so a problem found while applying can name it. It is JSON as it
stands (``PlanDocument.model_dump_json``), which is what ``councilplan import --dump json``
prints and what ``examples/`` holds.
"""

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from councilplan.domain.periods import Aggregation, Frequency
from councilplan.domain.status import Polarity, ProgressRating, RagStatus, Stage
from councilplan.domain.targets import validate_profile


class Item(BaseModel):
    """Base of every item: strict about unknown keys, remembers its source line."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    line: int | None = Field(default=None, description="Source line the item was read from.")
    place: str = Field(
        default="",
        exclude=True,
        description="Which part of a source of several tables the line is in (a template's CSV "
        "file or sheet), for messages; not part of the data, so never written out.",
    )


class CouncillorIn(Item):
    name: str = Field(min_length=1)
    role: str = ""


class PortfolioIn(Item):
    name: str = Field(min_length=1)
    short_name: str = ""
    cabinet_member: str = ""


class DepartmentIn(Item):
    name: str = Field(min_length=1)
    abbreviation: str = ""
    directorate: str = ""


class OfficerIn(Item):
    name: str = Field(min_length=1)
    job_title: str = ""
    email: str = ""


class OrganisationIn(Item):
    name: str = Field(min_length=1)
    slug: str = Field(min_length=1, pattern=r"^[-a-z0-9]+$")
    gss_code: str = ""
    councillors: list[CouncillorIn] = []
    portfolios: list[PortfolioIn] = []
    departments: list[DepartmentIn] = []
    officers: list[OfficerIn] = []


class ThemeIn(Item):
    title: str = Field(min_length=1)
    kind: str = "theme"
    reference: str = ""
    description: str = ""
    children: list["ThemeIn"] = []
    contributes_to: list["ThemeRef"] = Field(
        default=[],
        description="Outcomes of other plans this one serves (LAA outcome -> objective).",
    )


class MilestoneIn(Item):
    title: str = Field(min_length=1)
    due: str = ""
    completed_on: date | None = None


class ActionIn(Item):
    reference: str = ""
    title: str = Field(min_length=1)
    description: str = ""
    success_criteria: str = ""
    expected_differences: str = ""
    themes: list[list[str]] = Field(default=[], description="Theme paths, top level first.")
    portfolios: list[str] = []
    departments: list[str] = []
    lead_officers: list[str] = []
    start: str = ""
    expected_completion: str = ""
    funding_category: str = Field(default="", pattern=r"^[ABC]?$")
    other_links: list[str] = []
    stage: Stage | None = None
    carried_forward_from: str = Field(
        default="", description="Reference (or title) of the same action in the predecessor plan."
    )
    milestones: list[MilestoneIn] = []
    sub_actions: list["ActionIn"] = []


class PlanIn(Item):
    slug: str = Field(min_length=1, pattern=r"^[-a-z0-9]+$")
    title: str = Field(min_length=1)
    kind: str
    first_year: int = Field(ge=1900, le=2200)
    last_year: int = Field(ge=1900, le=2200)
    status: str = "draft"
    approved_by: str = ""
    approved_on: date | None = None
    is_published: bool = False
    parent: str = ""
    predecessor: str = ""
    vision: str = ""
    source: str = ""
    themes: list[ThemeIn] = []
    actions: list[ActionIn] = []


class ActionRef(Item):
    """An action named by plan slug and its reference, or its title where it has none.

    A title need not be exact: the writer takes the plan's action with the most similar title
    and lists uncertain matches (and titles like none) for a person to confirm.
    """

    plan: str
    reference: str = ""
    title: str = ""


class ThemeRef(Item):
    plan: str
    path: list[str] = Field(min_length=1)


class TargetIn(Item):
    """A target for a period, or the reason it was suspended (then no value)."""

    period: str
    value: Decimal | None = None
    suspended_reason: str = Field(default="", validate_default=True)
    tolerance: Decimal | None = None
    tolerance_is_percent: bool = False
    rationale: str = ""
    baseline: Decimal | None = None
    baseline_year: int | None = None
    interpolate: bool = False
    reward_threshold: Decimal | None = None

    @field_validator("suspended_reason")
    @classmethod
    def _value_or_reason(cls, reason: str, info: ValidationInfo) -> str:
        has_value = info.data.get("value") is not None
        if has_value and reason:
            raise ValueError("A suspended target has no value: leave Value blank.")
        if not has_value and not reason:
            raise ValueError("Give the target's value, or the reason it is suspended.")
        return reason

    @field_validator("interpolate")
    @classmethod
    def _interpolate_from_baseline(cls, interpolate: bool, info: ValidationInfo) -> bool:
        if interpolate and (
            info.data.get("baseline") is None or not info.data.get("baseline_year")
        ):
            raise ValueError("Interpolating a target needs its Baseline and Baseline year.")
        return interpolate


class ObservationIn(Item):
    period: str
    value: Decimal | None = None
    no_value_reason: str = ""
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    data_note: str = ""
    is_provisional: bool = False


class ComparatorIn(Item):
    period: str
    kind: str
    area_name: str = ""
    gss_code: str = ""
    value: Decimal


class MeasureIn(Item):
    code: str = ""
    national_id: str = ""
    title: str = Field(min_length=1)
    definition: str = ""
    unit: str = "number"
    rate_per: int | None = None
    rate_population: str = ""
    numerator_definition: str = ""
    denominator_definition: str = ""
    decimals: int = Field(default=0, ge=0, le=6)
    polarity: Polarity = Polarity.HIGHER
    frequency: Frequency = Frequency.QUARTERLY
    aggregation: Aggregation = Aggregation.LATEST
    target_profile: list[Decimal] | None = None
    data_source: str = ""
    owner: str = ""
    reporting_level: str = "council_plan"
    actions: list[ActionRef] = []
    themes: list[ThemeRef] = []
    portfolios: list[str] = Field(default=[], description="Portfolios it is reported under.")
    targets: list[TargetIn] = []
    observations: list[ObservationIn] = []
    comparators: list[ComparatorIn] = []

    @field_validator("target_profile")
    @classmethod
    def _profile_adds_up(cls, profile: list[Decimal] | None) -> list[Decimal] | None:
        return list(validate_profile(profile)) if profile else None

    match_by_title: bool = Field(
        default=False,
        description="Results documents: use the organisation's measure with the most similar "
        "title (uncertain matches are listed for a person to confirm); create it if none is alike.",
    )


class ReportingPeriodIn(Item):
    period: str
    deadline: date | None = None
    is_locked: bool = False


class ActionUpdateIn(Item):
    """A reported result for an action in a period, e.g. a row of an annual results report."""

    action: ActionRef
    period: str
    progress_rating: ProgressRating | None = None
    status: RagStatus | None = None
    is_dca: bool = False
    percent_complete: int | None = Field(default=None, ge=0, le=100)
    commentary: str = ""
    mitigation: str = ""
    next_steps: str = ""


class SkippedLine(Item):
    """A line a reader saw but could not read into data, kept so a person can check it."""

    text: str
    reason: str
    where: str = Field(
        default="", description="Its place where a line number is not enough (page, sheet, cell)."
    )


class PlanDocument(BaseModel):
    """Everything one input holds, normalised."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str = Field(default="", description="The file it was read from.")
    organisation: OrganisationIn
    plans: list[PlanIn] = []
    measures: list[MeasureIn] = []
    reporting_periods: list[ReportingPeriodIn] = []
    updates: list[ActionUpdateIn] = []
    skipped: list[SkippedLine] = []


ThemeIn.model_rebuild()
