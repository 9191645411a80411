"""Names in a cell that may hold several: officers, departments, portfolios."""

import re

_SEPARATORS = re.compile(r"\s*(?:\n|;|\s/\s|•)\s*")


def names_in(text: str) -> list[str]:
    """ "Jane Smith; Director of Housing" -> two names, each tidied; "" -> none."""
    names = []
    for part in _SEPARATORS.split(text):
        name = " ".join(part.strip(" ,.-\t").split())
        if name and name not in names:
            names.append(name)
    return names
