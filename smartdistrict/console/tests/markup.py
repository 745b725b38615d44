"""A small HTML reader for the accessibility and CSP checks of the console's pages."""

from __future__ import annotations

from html.parser import HTMLParser

FIELDS = {"input", "select", "textarea"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset"}


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.label_for: set[str] = set()
        self.fields: list[dict] = []
        self.headings: list[int] = []
        self.inline_scripts = 0
        self.style_attributes = 0
        self.style_elements = 0
        self.inline_handlers = 0
        self._in_label = 0
        self._open_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.style_attributes += 1
        if any(name.startswith("on") for name in attributes):
            self.inline_handlers += 1
        if tag == "label":
            self._in_label += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in FIELDS and attributes.get("type") not in UNLABELLED_TYPES:
            self.fields.append({**attributes, "_tag": tag, "_wrapped": self._in_label > 0})
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        elif tag == "script":
            self._open_script = "src" not in attributes
        elif tag == "style":
            self.style_elements += 1

    def handle_endtag(self, tag):
        if tag == "label":
            self._in_label -= 1
        elif tag == "script":
            self._open_script = False

    def handle_data(self, data):
        if self._open_script and data.strip():
            self.inline_scripts += 1

    def unlabelled(self) -> list[str]:
        return [
            f.get("name") or f.get("id") or f["_tag"]
            for f in self.fields
            if not (f.get("id") in self.label_for or f["_wrapped"] or f.get("aria-label"))
        ]

    def heading_jumps(self) -> list[tuple[int, int]]:
        jumps = []
        previous = 0
        for level in self.headings:
            if level > previous + 1:
                jumps.append((previous, level))
            previous = level
        return jumps


def read(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    return reader
