"""A small HTML reader for the CSP and accessibility checks of the targets pages."""

from __future__ import annotations

import itertools
from html.parser import HTMLParser

FIELDS = {"input", "select", "textarea"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset"}


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.fields: list[dict] = []
        self.headings: list[int] = []
        self.inline_scripts = self.style_attributes = self.style_elements = 0
        self.inline_handlers = 0
        self._script_open = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.style_attributes += "style" in attributes
        self.inline_handlers += any(name.startswith("on") for name in attributes)
        if tag == "label" and attributes.get("for"):
            self.labels.add(attributes["for"])
        elif tag in FIELDS and attributes.get("type") not in UNLABELLED_TYPES:
            self.fields.append(attributes)
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "script":
            self._script_open = "src" not in attributes
        elif tag == "style":
            self.style_elements += 1

    def handle_endtag(self, tag):
        if tag == "script":
            self._script_open = False

    def handle_data(self, data):
        if self._script_open and data.strip():
            self.inline_scripts += 1

    def unlabelled(self) -> list[str]:
        return [f.get("name", "?") for f in self.fields
                if f.get("id") not in self.labels and not f.get("aria-label")]

    def heading_jumps(self) -> list[tuple[int, int]]:
        levels = [0, *self.headings]
        return [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]


def read(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader
