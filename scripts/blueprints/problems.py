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


class BlueprintError(Exception):
    """Raised with every problem at once, so one build shows the author the whole list."""

    def __init__(self, problems: list[Problem], subject: str = "template pages"):
        self.problems = sorted(problems)
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} in {subject}:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))
