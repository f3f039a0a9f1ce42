"""The text a person sees on a rendered page: no markup, scripts, styles or attribute values (issue 13 §6)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Words that are Chinese offices' own vocabulary in Latin letters (file formats, the hash on the archive).
ALLOWED = frozenset({"Excel", "SHA", "xlsx", "PDF"})
ENGLISH = re.compile(r"[A-Za-z]{2,}")
HIDDEN = {"script", "style", "template", "noscript"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._code = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self._hidden += 1
        attrs = dict(attrs)
        # What a person reads without markup: titles, placeholders, button labels and alt texts count too.
        for name in ("title", "placeholder", "alt", "aria-label"):
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words(html: str, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The Latin-letter words and `None`s a person would see; codes of the plan (A01, T01, Q1) are not words."""
    text = visible_text(html)
    words = []
    for match in ENGLISH.finditer(text):
        word = match.group()
        start, end = match.span()
        glued = (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum())
        if glued or word in ALLOWED or word in allowed:
            continue  # part of a code like A01, ZJ001, 2025Q1
        words.append(word)
    return words
