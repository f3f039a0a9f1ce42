"""Render the user guide's Markdown (the small subset it uses) to HTML, escaping everything it does not know.

Supported: #-headings, paragraphs, - and 1. lists, > notes, | tables |, ![image](screenshots/x.png),
[links](url), **bold** and `code`. A dependency for this would be heavier than the guide needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.utils.html import escape

_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:\.\./)?(?:docs/)?screenshots/([A-Za-z0-9_-]+\.png)\)")
_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_CODE = re.compile(r"`([^`]+)`")


def _inline(text: str, image_url: Callable[[str], str]) -> str:
    out = escape(text)
    out = _CODE.sub(r"<code>\1</code>", out)
    out = _IMAGE.sub(lambda m: f'<img src="{image_url(m.group(2))}" alt="{m.group(1)}" loading="lazy">', out)

    def link(m: re.Match) -> str:
        href = m.group(2)
        # Only site-relative links and anchors: nothing that leaves the machine or runs script.
        if not (href.startswith("/") or href.startswith("#")):
            return m.group(1)
        return f'<a href="{href}">{m.group(1)}</a>'

    out = _LINK.sub(link, out)
    return _BOLD.sub(r"<strong>\1</strong>", out)


def guide_html(markdown: str, *, image_url: Callable[[str], str]) -> str:
    html: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        heading = re.match(r"^(#{1,4})\s+(.*)$", line)
        if heading:
            level = len(heading.group(1))
            text = heading.group(2)
            anchor = re.sub(r"\s+", "-", text.strip())
            html.append(f'<h{level} id="{escape(anchor)}">{_inline(text, image_url)}</h{level}>')
            i += 1
            continue
        if re.match(r"^\s*([-*]|\d+\.)\s+", line):
            ordered = bool(re.match(r"^\s*\d+\.", line))
            tag = "ol" if ordered else "ul"
            items = []
            while i < len(lines) and re.match(r"^\s*([-*]|\d+\.)\s+", lines[i]):
                items.append(re.sub(r"^\s*([-*]|\d+\.)\s+", "", lines[i].rstrip()))
                i += 1
            html.append(f"<{tag}>" + "".join(f"<li>{_inline(t, image_url)}</li>" for t in items) + f"</{tag}>")
            continue
        if line.startswith(">"):
            quoted = []
            while i < len(lines) and lines[i].startswith(">"):
                quoted.append(lines[i].lstrip("> ").rstrip())
                i += 1
            html.append(f'<div class="note">{_inline(" ".join(quoted), image_url)}</div>')
            continue
        if line.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                cells = [c.strip() for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                    rows.append(cells)
                i += 1
            head, body = rows[0], rows[1:]
            table = "<thead><tr>" + "".join(f"<th>{_inline(c, image_url)}</th>" for c in head) + "</tr></thead>"
            table += (
                "<tbody>"
                + "".join("<tr>" + "".join(f"<td>{_inline(c, image_url)}</td>" for c in r) + "</tr>" for r in body)
                + "</tbody>"
            )
            html.append(f'<div class="table-wrap"><table class="table">{table}</table></div>')
            continue
        paragraph = []
        while i < len(lines) and lines[i].strip() and not re.match(r"^(#{1,4}\s|\s*([-*]|\d+\.)\s|>|\|)", lines[i]):
            paragraph.append(lines[i].strip())
            i += 1
        html.append(f"<p>{_inline(' '.join(paragraph), image_url)}</p>")
    return "\n".join(html)
