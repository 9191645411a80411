"""The one error family of imports: a problem a person can find and fix in the source."""

from dataclasses import dataclass


# Not frozen: raising sets __traceback__ on the instance.
@dataclass(eq=False)
class ImportProblem(Exception):  # noqa: N818 - "problem" is what the people who read it call it
    """Something in an input that stops an import, located by file, page or sheet, line or cell,
    and field."""

    message: str
    file: str = ""
    line: int | None = None
    field: str = ""
    page: int | None = None
    sheet: str = ""
    cell: str = ""

    @property
    def place(self) -> str:
        """Where the problem is: '000.txt, line 142, portfolios'; empty if nowhere in particular."""
        place = [self.file] if self.file else []
        place += [f"page {self.page}"] if self.page is not None else []
        place += [f"sheet {self.sheet}"] if self.sheet else []
        place += [f"line {self.line}"] if self.line else []
        place += [f"cell {self.cell}"] if self.cell else []
        place += [self.field] if self.field else []
        return ", ".join(place)

    def __str__(self) -> str:
        """'000.txt, line 142, portfolios: Unknown portfolio "Pets"': where first, then what."""
        return f"{self.place}: {self.message}" if self.place else self.message
