"""A measure's row: its definition, and values, targets and comparators per period or area."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from councilplan.domain.periods import Period, PeriodError, parse_period
from councilplan.domain.reported_values import ReportedValue, parse_reported_value
from councilplan.imports.extract.shape import Cell

from .cells import period_labelled
from .collect import THEME_NEEDS_PLAN, line_of
from .headers import display_header, period_in
from .mapping import ColumnMapping, Role
from .measure_words import comparator_kind, read_frequency, read_polarity, read_unit
from .people import names_in
from .row_keys import NUMBER_ROLES, Row, key_of

if TYPE_CHECKING:
    from .rows import TableRows


class MeasureRow:
    """One measure's row: its definition, and values, targets and comparators per period."""

    def __init__(self, reader: TableRows, row: Row):
        self.reader, self.row, self.out = reader, row, reader.out

    def read(self) -> None:
        reader, row, columns = self.reader, self.row, self.reader.columns
        reference, title = key_of(reader, row)
        source = row.source.source
        draft = self.out.measure(title or reference, reference, source)
        for name, role in (("definition", Role.DESCRIPTION), ("data_source", Role.DATA_SOURCE)):
            text = row.first(columns, role).strip().rstrip(",;").strip()
            if text:
                draft.setdefault(name, text)
        owners = names_in(row.first(columns, Role.OWNER))
        if owners:  # a measure has one owner, declared as an officer of the council
            draft["owner"] = self.out.builder.officer(owners[0], line_of(source))
        for role, read in (
            (Role.UNIT, read_unit),
            (Role.POLARITY, read_polarity),
            (Role.FREQUENCY, read_frequency),
        ):
            for _, text, cell in row.by_role(columns, role):
                try:
                    draft[role.value] = read(text)
                except ValueError as error:
                    self.out.skip(cell, text, str(error))
        portfolios = [
            self.out.builder.portfolio(n, line_of(source))
            for n in names_in(row.first(columns, Role.PORTFOLIO))
        ]
        if portfolios:
            draft["portfolios"] = portfolios
        themes = reader.themes() + [t for t in [row.first(columns, Role.THEME)] if t]
        if themes and self.out.makes_plan:
            reader.out.builder.theme(themes, line_of(source))
            draft["themes"] = [{"plan": self.out.plan_slug, "path": themes}]
        elif themes:
            self.out.skip(source, " > ".join(themes), THEME_NEEDS_PLAN)
        row_period = self._row_period()
        if row_period is None:
            return
        area = row.first(columns, Role.AREA)
        if area and not self.out.is_council(area):
            self._area_comparators(draft, area, row_period)
        elif area and not self.out.council_names:
            for _, text, cell in row.by_role(columns, Role.AREA):
                self.out.skip(cell, text, "rows by area: say which area is the council")
        else:
            self._values(draft, row_period)
        for role in (
            Role.STATUS,
            Role.PROGRESS,
            Role.DIRECTION,
            Role.RANK,
            Role.DUE,
            Role.START,
            Role.STAGE,
            Role.MILESTONES,
        ):
            for _, text, cell in row.by_role(columns, role):
                self.out.skip(
                    cell, text, f"{role.label} of a measure: councilplan works it out, not imported"
                )
        for _, text, cell in row.by_role(columns, Role.COMMENTARY):
            self.out.skip(cell, text, "commentary on a measure's value is not imported yet")
        for _, text, cell in row.by_role(columns, Role.DEPARTMENT):
            self.out.skip(cell, text, "a measure's service is not kept: its owner is an officer")

    def _area_comparators(self, draft: dict[str, Any], area: str, row_period: str) -> None:
        """Another area's row: its values are comparators for the council's measure; its
        other figures (a target, a median) are not the council's, and are listed."""
        kind = comparator_kind(area)
        for role in (*NUMBER_ROLES - {Role.ACTUAL}, Role.COMPARATOR, Role.NUMERATOR):
            for _, text, cell in self.row.by_role(self.reader.columns, role):
                self.out.skip(cell, text, f"{role.label} in another area's row, not the council's")
        for column, text, cell in self.row.by_role(self.reader.columns, Role.ACTUAL):
            period = self.reader.period(column, row_period)
            value = read_value(cell, text)
            if not period or value.value is None:
                self.out.skip(cell, text, "a comparator needs a period and a number")
                continue
            entry = {"period": period, "kind": kind, "area_name": area, "value": value.value}
            code = self.row.first(self.reader.columns, Role.AREA_CODE)
            entry |= {"gss_code": code} if code else {}
            draft["comparators"][(period, area)] = entry | {"line": line_of(cell.source)}

    def _row_period(self) -> str | None:
        """The period the row's cells are for, "" when it names none; None (and its values
        listed) when it names one councilplan cannot report against ("2021-24")."""
        text = self.row.first(self.reader.columns, Role.PERIOD)
        if not text:
            return ""
        period = read_period(text)
        if period is not None:
            return period.label
        for role in (*NUMBER_ROLES, Role.COMPARATOR, Role.NUMERATOR, Role.DENOMINATOR):
            for _, value, cell in self.row.by_role(self.reader.columns, role):
                self.out.skip(
                    cell,
                    value,
                    f'"{text}" is not a reporting period (a year, quarter or month) to put '
                    "a value in",
                )
        return None

    def _values(self, draft: dict[str, Any], row_period: str) -> None:
        actual_periods = {
            self.reader.period(column, row_period)
            for column, _, _ in self.row.by_role(self.reader.columns, Role.ACTUAL)
        }
        # A target or comparator naming no period is for the one period the row's value is for.
        row_period = row_period or (actual_periods.pop() if len(actual_periods) == 1 else "")
        for role in (
            Role.ACTUAL,
            Role.PREVIOUS,
            Role.BASELINE,
            Role.TARGET,
            Role.COMPARATOR,
            Role.NUMERATOR,
            Role.DENOMINATOR,
        ):
            for column, written, cell in self.row.by_role(self.reader.columns, role):
                period = self.reader.period(column, row_period)
                period, text = _labelled(written, period)
                if role is Role.PREVIOUS and not column.period:
                    period = _year_before(period)
                if not period:
                    self.out.skip_no_period(cell, text, role.label)
                    continue
                value = read_value(cell, text)
                self.put(draft, role, column, period=period, value=value, cell=cell, text=text)

    def put(
        self,
        draft: dict[str, Any],
        role: Role,
        column: ColumnMapping,
        *,
        period: str,
        value: ReportedValue,
        cell: Cell,
        text: str,
    ) -> None:
        line = line_of(cell.source)
        if value.is_nothing:
            return
        if role in {Role.NUMERATOR, Role.DENOMINATOR}:
            self._part(draft, role, period=period, value=value, cell=cell, text=text)
            return
        if role is Role.TARGET:
            if value.unit and "unit" not in draft:  # a target of "62%" says the unit too
                draft["unit"] = value.unit
            if value.value is None:
                draft["targets"][period] = {
                    "period": period,
                    "suspended_reason": value.no_value_reason,
                    "line": line,
                }
            else:
                draft["targets"][period] = {"period": period, "value": value.value, "line": line}
            return
        if role is Role.COMPARATOR:
            if value.value is None:
                self.out.skip(cell, text, "a comparator's value is not a number")
                return
            area = column.area or column.header
            draft["comparators"][(period, area)] = {
                "period": period,
                "kind": comparator_kind(area),
                "area_name": area,
                "value": value.value,
                "line": line,
            }
            return
        if value.unit and "unit" not in draft:
            draft["unit"] = value.unit
            draft["decimals"] = max(draft.get("decimals", 0), value.decimals)
        draft["observations"][period] = {
            "period": period,
            "value": value.value,
            "no_value_reason": value.no_value_reason,
            "data_note": value.data_note,
            "line": line,
        }

    def _part(
        self,
        draft: dict[str, Any],
        role: Role,
        *,
        period: str,
        value: ReportedValue,
        cell: Cell,
        text: str,
    ) -> None:
        """A numerator or denominator, kept with the period's observation."""
        if value.value is None:
            self.out.skip(cell, text, f"a {role.label.split(' ')[0].lower()} is a number")
            return
        observation = draft["observations"].setdefault(
            period, {"period": period, "value": None, "line": line_of(cell.source)}
        )
        observation[role.value] = value.value


def _labelled(text: str, period: str) -> tuple[str, str]:
    """A cell that names its period ("Q1: 3,340") is for that period, in the year of the one
    its column or row is for; any other cell is for that period."""
    year = parse_period(period).year if period else None
    labelled = period_labelled(text, year)
    if labelled is None:
        return period, text
    label, value = labelled
    found, _ = period_in(label, year)
    return (found.label if found else period), value


def read_value(cell: Cell, text: str) -> ReportedValue:
    """A cell's number: its text as written ("29.4%", "£16.00K"), else the workbook's value."""
    read = parse_reported_value(text)
    if (
        read.value is None
        and isinstance(cell.value, (int, float))
        and not isinstance(cell.value, bool)
    ):
        return parse_reported_value(str(cell.value))
    return read


def read_period(text: str) -> Period | None:
    """A period written in a cell ("2023/24 Q2", "Sep-23", "Quarter 2 2023/24")."""
    try:
        return parse_period(text)
    except PeriodError:
        return period_in(text)[0]


def _year_before(period: str) -> str:
    if not period:
        return ""
    return parse_period(period).same_period_last_year().label


class PeriodsDownRow:
    """A row of a table with periods down and measures across: one value per measure."""

    def __init__(self, reader: TableRows, row: Row):
        self.reader, self.row, self.out = reader, row, reader.out

    def read(self) -> None:
        columns = self.reader.columns
        text = self.row.first(columns, Role.PERIOD)
        period = read_period(text) if text else None
        if period is None:
            for index, cell_text in self.row.texts.items():
                where = self.row.cells[index] or self.row.source
                self.out.skip(where, cell_text, "no period in the row")
            return
        for role in (Role.ACTUAL, Role.TARGET):
            for column, value_text, cell in self.row.by_role(columns, role):
                title = display_header(period_in(column.header)[1]) or column.header
                draft = self.out.measure(title, "", cell.source)
                read = read_value(cell, value_text)
                MeasureRow(self.reader, self.row).put(
                    draft,
                    role,
                    column,
                    period=period.label,
                    value=read,
                    cell=cell,
                    text=value_text,
                )
