"""What the person importing says about a file: which council it belongs to."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadContext:
    """The council a file is read for (its slug and name), when the file does not say."""

    organisation_slug: str = ""
    organisation_name: str = ""
