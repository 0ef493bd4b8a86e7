"""The tests read diagram labels with the same reader as the checker: scripts/diagrams/labels.py."""
from diagrams.labels import drawn_text as expected_labels  # noqa: F401
