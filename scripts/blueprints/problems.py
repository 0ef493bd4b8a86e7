"""A problem found in a template page, worded so an author can fix it without reading code."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}\n    How to fix: {self.fix}"


def too_few_rows(page_path: str, table, name: str, minimum: int, fix: str) -> list[Problem]:
    """Every table with a minimum says the same thing when short: how many rows, how many more."""
    if table.rows >= minimum:
        return []
    return [Problem(page_path, table.line,
                    f"the {name} table has {table.rows} row{'s' if table.rows != 1 else ''}; it needs at least {minimum}",
                    f"add {minimum - table.rows} more {fix}")]


class BlueprintError(Exception):
    """Raised with every problem at once, so one build shows the author the whole list."""

    def __init__(self, problems: list[Problem], subject: str = "template pages"):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in {subject}:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))
