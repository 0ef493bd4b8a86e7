"""The words a reader should find in a drawn diagram, read from its Mermaid source: node labels,
edge labels, participants, messages, notes and state transitions. Deliberately independent of
the renderer, so a diagram drawn without its labels (or with them turned into paths) fails."""
from __future__ import annotations

import html
import re

NODE = re.compile(r'\b\w+\s*(?:\[\[|\[\(|\(\[|\{\{|\[|\(\(|\(|\{)\s*"?([^"\[\]\(\)\{\}|]+?)"?\s*(?:\]\]|\)\]|\]\)|\}\}|\]|\)\)|\)|\})')
EDGE = re.compile(r'\|"?([^|"]+)"?\|')
PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+\S+\s+as\s+(.+)$", re.M)
MESSAGE = re.compile(r"^\s*\S+?\s*(?:-->>|->>|-->|->|--x|-x|--\)|-\))\s*\S+?\s*:\s*(.+)$", re.M)
NOTE = re.compile(r"^\s*[Nn]ote\s+(?:over|left of|right of)\s+[^:]+:\s*(.+)$", re.M)
TRANSITION = re.compile(r"^\s*\S+\s*-->\s*\S+\s*:\s*(.+)$", re.M)


def _clean(label: str) -> str:
    return " ".join(html.unescape(label).split())


def expected_labels(source: str) -> list[str]:
    first = source.strip().split(None, 1)[0]
    if first == "sequenceDiagram":
        found = PARTICIPANT.findall(source) + MESSAGE.findall(source) + NOTE.findall(source)
    elif first.startswith("stateDiagram"):
        found = TRANSITION.findall(source) + NOTE.findall(source)
    else:
        found = NODE.findall(source) + EDGE.findall(source)
    # A <br/> inside a label is a line break: each line is drawn as its own run of text.
    lines = [part for label in found for part in re.split(r"<br\s*/?>", label, flags=re.I)]
    return [label for label in map(_clean, lines) if label]
