"""The words a diagram shows, read from its Mermaid source: node labels (with their shape),
edge labels, participants, messages, notes, states and transitions.

One reader for everyone who needs labels: the checker (is every component drawn?) and the tests
(is every label drawn in the browser and in the PDF?). It is deliberately independent of the
renderer, so a diagram drawn without its labels, or with them turned into paths, fails."""
from __future__ import annotations

from dataclasses import dataclass
import html
import re

# Openers of a node shape, longest first, and what each means in docs/diagram-legend.md.
SHAPES = (("[(", "store"), ("[[", "queue"), ("([", "client"), ("{{", "external"), ("((", "circle"),
          ("[", "service"), ("(", "rounded"), ("{", "decision"))
NODE = re.compile(r'\b\w+\s*(\[\[|\[\(|\(\[|\{\{|\[|\(\(|\(|\{)\s*"?([^"\[\]\(\)\{\}|]+?)"?\s*'
                  r'(?:\]\]|\)\]|\]\)|\}\}|\]|\)\)|\)|\})')
EDGE = re.compile(r'\|"?([^|"]+)"?\|')
PARTICIPANT = re.compile(r"^\s*(?:participant|actor)\s+(\S+)(?:\s+as\s+(.+))?$", re.M)
MESSAGE = re.compile(r"^\s*\S+?\s*(?:-->>|->>|-->|->|--x|-x|--\)|-\))\s*\S+?\s*:\s*(.+)$", re.M)
NOTE = re.compile(r"^\s*[Nn]ote\s+(?:over|left of|right of)\s+[^:]+:\s*(.+)$", re.M)
TRANSITION = re.compile(r"^\s*(\S+)\s*-->\s*(\S+)\s*(?::\s*(.+))?$", re.M)
STATE_NAMED = re.compile(r'^\s*state\s+"([^"]+)"\s+as\s+\S+', re.M)
STATE_DESCRIBED = re.compile(r"^\s*(\w+)\s*:\s*(.+)$", re.M)


@dataclass(frozen=True)
class Label:
    kind: str  # a node shape from SHAPES, or edge, participant, message, note, state, transition
    text: str


def _clean(label: str) -> str:
    return " ".join(html.unescape(label).split())


def _kind(opener: str) -> str:
    return next(kind for start, kind in SHAPES if start == opener)


def diagram_type(source: str) -> str:
    lines = [l.strip() for l in source.splitlines() if l.strip() and not l.strip().startswith("%%")]
    return lines[0].split()[0] if lines else ""


def labels(source: str) -> list[Label]:
    """Every label of a diagram, in source order within each kind."""
    first = diagram_type(source)
    found: list[Label] = []
    if first == "sequenceDiagram":
        for name, alias in PARTICIPANT.findall(source):
            found.append(Label("participant", alias or name))
        found += [Label("message", t) for t in MESSAGE.findall(source)]
        found += [Label("note", t) for t in NOTE.findall(source)]
    elif first.startswith("stateDiagram"):
        states = set()
        for a, b, text in TRANSITION.findall(source):
            states.update(s for s in (a, b) if s != "[*]")
            if text:
                found.append(Label("transition", text))
        states.update(STATE_NAMED.findall(source))
        states.update(name for name, _ in STATE_DESCRIBED.findall(source) if name not in ("note", "state"))
        found += [Label("state", s) for s in sorted(states)]
        found += [Label("note", t) for t in NOTE.findall(source)]
    else:
        found += [Label(_kind(opener), text) for opener, text in NODE.findall(source)]
        found += [Label("edge", t) for t in EDGE.findall(source)]
    return [Label(l.kind, _clean(l.text)) for l in found if _clean(l.text)]


def drawn_text(source: str) -> list[str]:
    """The runs of text a reader sees: a <br/> inside a label starts a new line of its own.
    States are left out: a state's id is drawn only when it has no description."""
    found = [l.text for l in labels(source) if l.kind != "state"]
    lines = [part for label in found for part in re.split(r"<br\s*/?>", label, flags=re.I)]
    return [label for label in map(_clean, lines) if label]
