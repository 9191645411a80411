"""The tables of the open data package and their Table Schemas, described once.

Each column has a Frictionless type, so the CSV writer, the JSON writer and the descriptor all
work from ``TABLES``. Measures carry ``national_id`` (an LG Inform metric id, an ASCOF code) so
other councils' data can be joined on it.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    """One column: its name, Frictionless type and what it holds."""

    name: str
    type: str
    description: str
    required: bool = False

    def descriptor(self) -> dict[str, object]:
        """The Table Schema field."""
        field: dict[str, object] = {
            "name": self.name,
            "type": self.type,
            "description": self.description,
        }
        if self.required:
            field["constraints"] = {"required": True}
        return field


@dataclass(frozen=True)
class Table:
    """One CSV file: its columns, key and references to other tables."""

    name: str
    title: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str], ...] = ()  # (column, table referenced by its id)

    def descriptor(self) -> dict[str, object]:
        """The Table Schema."""
        return {
            "fields": [field.descriptor() for field in self.fields],
            "primaryKey": list(self.primary_key),
            "foreignKeys": [
                {"fields": column, "reference": {"resource": table, "fields": "id"}}
                for column, table in self.foreign_keys
            ],
        }


ID = Field("id", "integer", "Identifier, stable across exports.", required=True)
PERIOD = (
    Field("period", "string", 'Financial period code, e.g. "2021/22-Q1".', required=True),
    Field("period_start", "date", "First day of the period."),
    Field("period_end", "date", "Last day of the period."),
)
STATUS = (
    Field("status_period", "string", "The period the status is for."),
    Field("status", "string", "Status code: green, amber, red, blue, no_target, no_data..."),
    Field("status_label", "string", 'Status as shown, e.g. "Amber / Red".'),
    Field("status_explanation", "string", "Why the status is what it is."),
)

TABLES = (
    Table(
        "themes",
        "Themes, priorities and outcomes",
        (
            ID,
            Field("parent_id", "integer", "The theme this one sits under."),
            Field("kind", "string", "theme, priority, objective, outcome or focus_area."),
            Field("reference", "string", "The council's reference."),
            Field("title", "string", "Title.", required=True),
            Field("order", "integer", "Position among its siblings."),
        ),
        foreign_keys=(("parent_id", "themes"),),
    ),
    Table(
        "actions",
        "Actions with their status",
        (
            ID,
            Field("reference", "string", 'The council\'s reference, e.g. "1.1".'),
            Field("title", "string", "What the council will do.", required=True),
            Field("parent_id", "integer", "The action this is a sub-deliverable of."),
            Field("theme_ids", "string", "Ids of its themes, separated by ';'."),
            Field("portfolios", "string", "Cabinet portfolios, separated by ';'."),
            Field("departments", "string", "Departments, separated by ';'."),
            Field("lead_officers", "string", "Accountable officers, separated by ';'."),
            Field("expected_completion_text", "string", "The timescale as written."),
            Field("expected_completion", "date", "The last day the timescale means."),
            Field("stage", "string", "Stage, if reported."),
            Field("overdue", "boolean", "Completion date passed unfinished."),
            *STATUS,
        ),
        foreign_keys=(("parent_id", "actions"),),
    ),
    Table(
        "milestones",
        "Milestones of the actions",
        (
            ID,
            Field("action_id", "integer", "The action.", required=True),
            Field("title", "string", "The step.", required=True),
            Field("due_text", "string", "When it is due, as written."),
            Field("due", "date", "The last day it is due by."),
            Field("completed_on", "date", "When it was completed."),
        ),
        foreign_keys=(("action_id", "actions"),),
    ),
    Table(
        "action_updates",
        "Approved quarterly updates on the actions",
        (
            ID,
            Field("action_id", "integer", "The action.", required=True),
            *PERIOD,
            Field("progress_rating", "string", "Progress rating code."),
            Field("status", "string", "Reported status colour code."),
            Field("percent_complete", "integer", "Percentage complete."),
            Field("commentary", "string", "What happened this period."),
            Field("version", "integer", "Version (a later one corrects an earlier)."),
        ),
        foreign_keys=(("action_id", "actions"),),
    ),
    Table(
        "measures",
        "Measures with their status and direction of travel",
        (
            ID,
            Field("code", "string", "The council's own code."),
            Field("national_id", "string", "National identifier: LG Inform metric id, ASCOF..."),
            Field("title", "string", "What is measured.", required=True),
            Field("unit", "string", "number, percent, currency, days, rate..."),
            Field("rate_per", "integer", "For rates: per how many."),
            Field("decimals", "integer", "Decimal places shown."),
            Field("polarity", "string", "higher or lower is better, or neither."),
            Field("frequency", "string", "How often it is measured."),
            Field("data_source", "string", "Where the figures come from."),
            Field("action_ids", "string", "Ids of the actions it evidences, separated by ';'."),
            *STATUS,
            Field("since_previous", "string", "Direction of travel since the previous period."),
            Field("since_last_year", "string", "Direction of travel since a year before."),
        ),
    ),
    Table(
        "targets",
        "Targets of the measures",
        (
            Field("measure_id", "integer", "The measure.", required=True),
            *PERIOD,
            Field("value", "number", "The target; empty when suspended."),
            Field("suspended_reason", "string", "Why the target is suspended for the period."),
            Field("tolerance", "number", "Amber band around the target."),
            Field("tolerance_is_percent", "boolean", "The tolerance is a percentage."),
            Field("baseline", "number", "The starting value of a stretch or interpolated target."),
            Field("baseline_year", "integer", "Financial year of the baseline (2021 for 2021/22)."),
            Field(
                "interpolate", "boolean", "Earlier years are judged on a line from the baseline."
            ),
        ),
        primary_key=("measure_id", "period"),
        foreign_keys=(("measure_id", "measures"),),
    ),
    Table(
        "observations",
        "Approved values of the measures",
        (
            ID,
            Field("measure_id", "integer", "The measure.", required=True),
            Field("measure_code", "string", "The measure's code."),
            Field("national_id", "string", "The measure's national identifier."),
            *PERIOD,
            Field("value", "number", "The figure (a rate from numerator and denominator)."),
            Field("no_value_reason", "string", "Why there is no value."),
            Field("data_note", "string", 'e.g. "Q3 data".'),
            Field("is_provisional", "boolean", "Not final yet."),
            Field("version", "integer", "Version (a later one corrects an earlier)."),
        ),
        foreign_keys=(("measure_id", "measures"),),
    ),
)
TABLE_NAMES = tuple(table.name for table in TABLES)
