"""Code blocks reachable by keyboard before Material has looked at them.

Material makes a code block focusable (tabindex 0) when its lines overflow, so a keyboard reader
can scroll it, and unfocusable when they fit. With its `content.lazy` flag it decides only when
the block nears the screen, so a wide block further down the page would not be a tab stop yet
(axe: scrollable-region-focusable). The build makes every block a tab stop; Material corrects
each one as it is set up.
"""
import re

# Material sets up every `pre:not(.mermaid) > code`; pymdownx.highlight writes an empty span first.
_CODE_IN_PRE = re.compile(r'(<pre(?![^>]*\bclass="[^"]*\bmermaid\b)[^>]*>(?:<span></span>)?<code)(?=[\s>])(?![^>]*\btabindex=)')


def focusable_code_blocks(html: str) -> str:
    return _CODE_IN_PRE.sub(r'\1 tabindex="0"', html)
