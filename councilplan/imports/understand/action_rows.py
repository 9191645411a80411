"""An action's row: its people, dates, stage and milestones, and the results it reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from councilplan.domain.status import ProgressRating, Stage, parse_rating
from councilplan.domain.vocabulary import VocabularyError
from councilplan.imports.extract.shape import Cell

from .collect import line_of, place_of
from .dates import milestone_and_date
from .mapping import Role
from .people import names_in
from .row_keys import NUMBER_ROLES, Row, items_in, key_of

if TYPE_CHECKING:
    from .rows import TableRows


class ActionRow:
    """One action, with its people, dates and stage, and the results it reports."""

    def __init__(self, reader: TableRows, row: Row):
        self.reader, self.row, self.out = reader, row, reader.out

    def read(self) -> dict[str, Any]:
        reader, row, columns = self.reader, self.row, self.reader.columns
        reference, title = key_of(reader, row)
        source = row.source.source
        draft: dict[str, Any] = {
            "reference": reference,
            "title": title or reference,
            "line": line_of(source),
            "place": place_of(source),
            "description": row.first(columns, Role.DESCRIPTION),
            "success_criteria": row.first(columns, Role.SUCCESS_CRITERIA),
            "start": row.first(columns, Role.START),
            "expected_completion": row.first(columns, Role.DUE),
            "lead_officers": [
                self.out.builder.officer(n, line_of(source))
                for n in names_in(row.first(columns, Role.OWNER))
            ],
            "departments": [
                self.out.builder.department(n, line_of(source))
                for n in names_in(row.first(columns, Role.DEPARTMENT))
            ],
            "portfolios": [
                self.out.builder.portfolio(n, line_of(source))
                for n in names_in(row.first(columns, Role.PORTFOLIO))
            ],
            "milestones": [
                dict(zip(("title", "due"), milestone_and_date(item), strict=True))
                | {"line": line_of(source)}
                for item in items_in(row.first(columns, Role.MILESTONES))
            ],
        }
        themes = reader.themes() + [t for t in [row.first(columns, Role.THEME)] if t]
        if themes:
            reader.out.builder.theme(themes, line_of(source))
            draft["themes"] = [themes]
        self._stage(draft)
        self.out.actions.append(draft)
        self._updates(reference, title or reference)
        for role in (
            Role.DIRECTION,
            Role.RANK,
            Role.UNIT,
            Role.POLARITY,
            Role.FREQUENCY,
            *NUMBER_ROLES,
            Role.COMPARATOR,
            Role.NUMERATOR,
            Role.DENOMINATOR,
            Role.AREA_CODE,
            Role.DATA_SOURCE,
        ):
            for _, text, cell in row.by_role(columns, role):
                self.out.skip(cell, text, f"{role.label} of an action is not imported")
        return draft

    def _stage(self, draft: dict[str, Any]) -> None:
        for _, text, cell in self.row.by_role(self.reader.columns, Role.STAGE):
            try:
                draft["stage"] = Stage.parse(text)
            except VocabularyError as error:
                self.out.skip(cell, text, str(error))

    def _updates(self, reference: str, title: str) -> None:
        """Statuses, progress ratings and commentary, grouped by the period they report."""
        columns = self.reader.columns
        by_period: dict[str, dict[str, Any]] = {}
        for role in (Role.STATUS, Role.PROGRESS, Role.COMMENTARY):
            for column, text, cell in self.row.by_role(columns, role):
                period = self.reader.period(column)
                if not period:
                    self.out.skip_no_period(cell, text, role.label)
                    continue
                update = by_period.setdefault(period, {})
                self._rating(update, role, text, cell)
        ref = {
            "plan": self.out.plan_slug,
            "reference": reference,
            "title": "" if reference else title,
        }
        source = self.row.source.source
        for period, values in by_period.items():
            if values:
                values |= {"action": ref, "period": period}
                values |= {"line": line_of(source), "place": place_of(source)}
                self.reader.last_updates[period] = values
                self.out.updates.append(values)

    def _rating(self, update: dict[str, Any], role: Role, text: str, cell: Cell) -> None:
        if role is Role.COMMENTARY:
            update["commentary"] = f"{update.get('commentary', '')}\n{text}".strip()
            return
        try:
            rating = parse_rating(text)
            update["status"], update["is_dca"] = rating.status, rating.is_dca
            return
        except VocabularyError:
            pass
        try:
            update["progress_rating"] = ProgressRating.parse(text)
        except VocabularyError as error:
            self.out.skip(cell, text, str(error))
