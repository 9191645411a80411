"""Forms of the import pages: the upload, the mapping (built from the proposed ``Mapping``), and
the answers to uncertain matches with the go-ahead to apply."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import QuerySet

from councilplan.imports.answers import Answer
from councilplan.imports.models import SavedMapping
from councilplan.imports.understand import Mapping, Role, TableKind, TableMapping
from councilplan.plans.models import Organisation
from councilplan.web.upload_limit import size_in_words


class SavedMappingField(forms.ModelChoiceField):
    """A saved mapping by its name, and its council's when the person is in several teams."""

    with_council = False

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.organisation.name})" if self.with_council else str(obj.name)


class UploadForm(forms.Form):
    """A file to import, the council it is for, and a saved mapping to read it with."""

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        label="Council",
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your councils"},
    )
    saved_mapping = SavedMappingField(
        queryset=SavedMapping.objects.none(),
        label="Read it with a saved mapping (optional)",
        required=False,
        empty_label="No: work out how its tables map",
        help_text="For the next file of a return you have imported before, such as next "
        "quarter's KPI return: it goes straight to the preview if its tables fit.",
    )
    file = forms.FileField(
        label="Upload a file",
        error_messages={
            "required": "Select a file to import",
            "empty": "The selected file is empty",
        },
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        saved_mappings: QuerySet[SavedMapping],
        max_bytes: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_field.queryset = organisations
        self.saved_mapping_field.queryset = saved_mappings.select_related("organisation")
        self.saved_mapping_field.with_council = organisations.count() > 1
        self.fields["file"].help_text = (
            "A PDF, Word document (.docx), Excel or OpenDocument workbook (.xlsx, .xls, .ods), "
            f"CSV, web page (.html) or text file, up to {size_in_words(max_bytes)}."
        )

    @property
    def organisation_field(self) -> forms.ModelChoiceField:
        return self.fields["organisation"]  # type: ignore[return-value]

    @property
    def saved_mapping_field(self) -> SavedMappingField:
        return self.fields["saved_mapping"]  # type: ignore[return-value]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        saved, organisation = data.get("saved_mapping"), data.get("organisation")
        if saved is not None and organisation is not None and saved.organisation != organisation:
            self.add_error("saved_mapping", "Choose a mapping saved for the same council")
        return data


@dataclass(frozen=True)
class ColumnRow:
    """One column of a table on the mapping form: what it is, what was proposed, its fields."""

    index: int
    header: str
    sample: list[str]
    proposal: str
    role: forms.BoundField
    period: forms.BoundField


@dataclass(frozen=True)
class TableGroup:
    """One table on the mapping form: where it is, a sample, its own fields and its columns."""

    number: int
    mapping: TableMapping
    summary: dict[str, Any]
    kind: forms.BoundField
    header_rows: forms.BoundField
    heading_is_theme: forms.BoundField
    columns: list[ColumnRow]


class MappingForm(forms.Form):
    """Every proposal of a ``Mapping`` as a field a person can change."""

    plan_title = forms.CharField(
        label="Plan title",
        required=False,
        max_length=300,
        help_text="The plan the actions and measures go in, as the council names it.",
    )
    first_year = forms.IntegerField(
        label="First financial year",
        required=False,
        min_value=1900,
        max_value=2200,
        help_text="The year it starts in: 2024 for 2024/25.",
    )
    last_year = forms.IntegerField(
        label="Last financial year", required=False, min_value=1900, max_value=2200
    )
    period = forms.CharField(
        label="Period the file reports",
        required=False,
        max_length=40,
        help_text='For example "2024/25 Q2". Leave it empty where each column says.',
    )
    save_as = forms.CharField(
        label="Save this mapping as (optional)",
        required=False,
        max_length=100,
        help_text='A name to read the next file of the same shape with, such as "Housing KPI '
        'return". A mapping of that name is replaced.',
    )

    def __init__(
        self,
        *args: Any,
        mapping: Mapping,
        proposed: Mapping,
        tables: list[dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.mapping, self.proposed = mapping, proposed
        self.summaries = {int(t["index"]): t for t in tables}
        for name in ("plan_title", "first_year", "last_year", "period"):
            self.fields[name].initial = getattr(mapping, name)
        for n, table in enumerate(mapping.tables):
            self._table_fields(n, table)
        if mapping.outline is not None:
            self.fields["outline-theme_levels"] = forms.IntegerField(
                label="Heading levels that name themes",
                min_value=0,
                max_value=6,
                initial=mapping.outline.theme_levels,
                help_text="1 for the top headings only, 2 for them and the headings under them.",
            )
            self.fields["outline-list_items_are"] = forms.ChoiceField(
                label="Bulleted or numbered items are",
                choices=TableKind.choices(),
                initial=mapping.outline.list_items_are,
            )
            self.fields["outline-paragraphs_are_actions"] = forms.BooleanField(
                label='Paragraphs ending in a date ("... by April 2024.") are actions too',
                required=False,
                initial=mapping.outline.paragraphs_are_actions,
            )

    def _table_fields(self, n: int, table: TableMapping) -> None:
        self.fields[f"t{n}-kind"] = forms.ChoiceField(
            label=f"Table {n + 1}: its rows are", choices=TableKind.choices(), initial=table.kind
        )
        self.fields[f"t{n}-header_rows"] = forms.IntegerField(
            label=f"Table {n + 1}: header rows",
            min_value=0,
            max_value=20,
            initial=table.header_rows,
        )
        self.fields[f"t{n}-heading_is_theme"] = forms.BooleanField(
            label=f"Table {n + 1}: the heading above it is the theme of its rows",
            required=False,
            initial=table.heading_is_theme,
        )
        for column in table.columns:
            name = f"t{n}-c{column.index}"
            said = f"Table {n + 1}, column {column.index + 1}"
            said += f" ({column.header})" if column.header else ""
            self.fields[f"{name}-role"] = forms.ChoiceField(
                label=f"{said}: what it holds", choices=Role.choices(), initial=column.role
            )
            self.fields[f"{name}-period"] = forms.CharField(
                label=f"{said}: period of its values",
                required=False,
                max_length=40,
                initial=column.period,
            )

    def tables(self) -> list[TableGroup]:
        """The tables in order, each with its fields, for the template."""
        proposed = {t.signature: t for t in self.proposed.tables}
        groups = []
        for n, table in enumerate(self.mapping.tables):
            summary = self.summaries.get(table.index, {"header": [], "rows": []})
            was = proposed.get(table.signature)
            columns = [
                ColumnRow(
                    index=c.index,
                    header=c.header,
                    sample=[row[c.index] for row in summary["rows"] if c.index < len(row)][:3],
                    proposal=_proposal(was, c.index),
                    role=self[f"t{n}-c{c.index}-role"],
                    period=self[f"t{n}-c{c.index}-period"],
                )
                for c in table.columns
            ]
            groups.append(
                TableGroup(
                    number=n + 1,
                    mapping=table,
                    summary=summary,
                    kind=self[f"t{n}-kind"],
                    header_rows=self[f"t{n}-header_rows"],
                    heading_is_theme=self[f"t{n}-heading_is_theme"],
                    columns=columns,
                )
            )
        return groups

    def outline_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("outline-")]

    def to_mapping(self) -> Mapping:
        """The mapping as the person left it."""
        data = self.cleaned_data
        tables = []
        for n, table in enumerate(self.mapping.tables):
            columns = [
                c.model_copy(
                    update={
                        "role": Role(data[f"t{n}-c{c.index}-role"]),
                        "period": data[f"t{n}-c{c.index}-period"].strip(),
                    }
                )
                for c in table.columns
            ]
            tables.append(
                table.model_copy(
                    update={
                        "kind": TableKind(data[f"t{n}-kind"]),
                        "header_rows": data[f"t{n}-header_rows"],
                        "heading_is_theme": data[f"t{n}-heading_is_theme"],
                        "columns": columns,
                    }
                )
            )
        outline = self.mapping.outline
        if outline is not None:
            outline = outline.model_copy(
                update={
                    "theme_levels": data["outline-theme_levels"],
                    "list_items_are": TableKind(data["outline-list_items_are"]),
                    "paragraphs_are_actions": data["outline-paragraphs_are_actions"],
                }
            )
        changed = self.mapping.model_copy(
            update={
                "plan_title": data["plan_title"].strip(),
                "first_year": data["first_year"],
                "last_year": data["last_year"],
                "period": data["period"].strip(),
                "tables": tables,
                "outline": outline,
            }
        )
        # Through the model again, so the saved JSON is exactly what a Mapping accepts.
        return Mapping.model_validate(changed.model_dump())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_year"), data.get("last_year")
        if first and last and last < first:
            self.add_error("last_year", "The last year must be the first year or later")
        return data


def _proposal(table: TableMapping | None, index: int) -> str:
    """'Proposed: Owner / lead officer, 90%, from the header words'."""
    column = next((c for c in table.columns if c.index == index), None) if table else None
    if column is None:
        return ""
    said = f"Proposed: {column.role.label}, {round(column.confidence * 100)}%"
    return f"{said}, {column.why}" if column.why else said


class ApplyForm(forms.Form):
    """An answer to each uncertain match, and the go-ahead for corrections of locked periods."""

    SAME = (("yes", "Yes, the same"), ("no", "No, not the same"))

    def __init__(self, *args: Any, preview: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.notes: list[dict[str, Any]] = preview["uncertain_matches"]
        source = preview.get("source") or "the file"
        for n, note in enumerate(self.notes):
            where = f", line {note['line']}" if note["line"] else ""
            self.fields[f"match-{n}"] = forms.ChoiceField(
                help_text=f"{note['kind'].capitalize()}{where} of {source}: "
                f"{note['score']:.0f}% alike.",
                label=f"Is \u201c{note['given']}\u201d the same as \u201c{note['matched']}\u201d?",
                choices=self.SAME,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether \u201c{note['given']}\u201d is the same"},
            )
        if preview["locked_changes"]:
            self.fields["record_corrections"] = forms.BooleanField(
                label="Record these changes to locked periods as corrections in my name",
                error_messages={
                    "required": "Tick the box to record the changes to locked periods as "
                    "corrections, or leave those rows out of the file"
                },
            )

    def matches(self) -> list[tuple[dict[str, Any], forms.BoundField]]:
        return [(note, self[f"match-{n}"]) for n, note in enumerate(self.notes)]

    def answers(self) -> list[Answer]:
        return [
            Answer(
                kind=note["kind"],
                line=note["line"],
                given=note["given"],
                matched=note["matched"],
                same=self.cleaned_data[f"match-{n}"] == "yes",
            )
            for n, note in enumerate(self.notes)
        ]

    @property
    def record_corrections(self) -> bool:
        return bool(self.cleaned_data.get("record_corrections"))
