"""A mapping: what a person confirmed each table's columns mean, saved to read the next file.

The general reader proposes a ``Mapping`` for a document (``propose``); a person checks and
changes it in the browser or in a JSON file; ``read`` applies it to the document. Saved under a
name ("Housing KPI return"), it is applied to the next quarter's file of the same shape: tables
are matched by their header ``signature``, never by position alone, so a file with one more
table or a different heading still reads.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from councilplan.domain.vocabulary import Vocabulary


class Role(Vocabulary):
    """What a column holds. Labels are what the mapping form shows."""

    IGNORE = "ignore", "Not used"
    REFERENCE = "reference", "Reference"
    REFERENCE_TITLE = "reference_title", "Reference and title in one cell"
    TITLE = "title", "Title (action or measure)"
    DESCRIPTION = "description", "Description"
    SUCCESS_CRITERIA = "success_criteria", "How success is measured"
    MILESTONES = "milestones", "Milestones"
    OWNER = "owner", "Owner / lead officer"
    DEPARTMENT = "department", "Department / service"
    PORTFOLIO = "portfolio", "Cabinet portfolio"
    THEME = "theme", "Theme / priority"
    START = "start", "Start"
    DUE = "due", "Timescale / due"
    STAGE = "stage", "Stage"
    STATUS = "status", "Status (RAG)"
    PROGRESS = "progress", "Progress rating"
    COMMENTARY = "commentary", "Progress commentary"
    UNIT = "unit", "Unit"
    POLARITY = "polarity", "Polarity (is higher better?)"
    FREQUENCY = "frequency", "Frequency"
    TARGET = "target", "Target"
    ACTUAL = "actual", "Actual value"
    PREVIOUS = "previous", "Previous value"
    BASELINE = "baseline", "Baseline"
    COMPARATOR = "comparator", "Comparator value (another area)"
    AREA = "area", "Area (council or comparator)"
    PERIOD = "period", "Period (one row per period)"
    DIRECTION = "direction", "Direction of travel"
    RANK = "rank", "Rank or quartile"
    DATA_SOURCE = "data_source", "Data source"


class TableKind(Vocabulary):
    """What the rows of a table are."""

    ACTIONS = "actions", "Actions"
    MEASURES = "measures", "Measures"
    MIXED = "mixed", "Actions and measures (rows with numbers are measures)"
    PERIODS_DOWN = "periods_down", "Measures across, periods down"
    SKIP = "skip", "Not imported"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ColumnMapping(Strict):
    """One column: its header as read, the role it plays, and the period or area it is for."""

    index: int = Field(ge=0)
    header: str = ""
    role: Role = Role.IGNORE
    period: str = Field(default="", description='The period its values are for ("2023/24 Q2").')
    area: str = Field(default="", description='A comparator column\'s area ("England").')
    confidence: float = Field(default=1.0, ge=0, le=1, description="How sure the proposal was.")
    why: str = Field(default="", description="What the proposal was based on, for the form.")


class TableMapping(Strict):
    """How one table reads: header rows, the kind of its rows, its columns, where themes are."""

    signature: str = Field(description="The header words, folded: how tables are matched.")
    index: int = Field(default=0, ge=0, description="Position among the document's tables.")
    place: str = Field(default="", description="Where the table is, for people.")
    header_rows: int = Field(default=1, ge=0)
    kind: TableKind = TableKind.ACTIONS
    heading_is_theme: bool = Field(
        default=True, description="The heading above the table is the theme of its rows."
    )
    section_rows_are_themes: bool = Field(
        default=True, description="A row with only its first cell filled names a theme."
    )
    period: str = Field(default="", description="Period of columns that name none.")
    columns: list[ColumnMapping] = []
    confidence: float = Field(default=1.0, ge=0, le=1)


class OutlineMapping(Strict):
    """How a document without tables reads: headings are themes, sentences are actions."""

    theme_levels: int = Field(
        default=2, ge=0, le=6, description="Heading levels that name themes (1 = top only)."
    )
    list_items_are: TableKind = TableKind.ACTIONS
    paragraphs_are_actions: bool = Field(
        default=False, description='Paragraphs ending in a date ("... by April 2024.") too.'
    )


class Mapping(Strict):
    """Everything a person confirms about a file's layout, as JSON."""

    version: int = 1
    name: str = ""
    plan_title: str = ""
    plan_slug: str = Field(default="", description="An existing plan to read into, by slug.")
    plan_kind: str = "council_plan"
    first_year: int | None = Field(default=None, ge=1900, le=2200)
    last_year: int | None = Field(default=None, ge=1900, le=2200)
    period: str = Field(default="", description="The period the document reports, if one.")
    council_area: str = Field(
        default="", description="The council's own name in area rows (the others compare)."
    )
    tables: list[TableMapping] = []
    outline: OutlineMapping | None = None
