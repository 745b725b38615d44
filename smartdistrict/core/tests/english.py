"""Vietnamese left on an English page: the interface text of a page (headings, labels,
legends, table headers, buttons, options, help) must be English when English is asked;
data such as place and person names may stay Vietnamese and is not looked at."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Letters English never has.
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]"
)
INTERFACE = {"h1", "h2", "h3", "label", "legend", "th", "button", "option", "summary"}
SKIP = {"script", "style"}


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"input", "br", "img", "meta", "link", "hr"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data):
        inside = set(self.open)
        if inside & SKIP or not inside & INTERFACE:
            return
        text = data.strip()
        if text and VIETNAMESE.search(text):
            self.found.append((self.open[-1], text))


def vietnamese_interface(html: str, *, allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(tag, text) of interface text with Vietnamese letters, but the language switch's
    own "Tiếng Việt" and the ``allowed`` data (names of places, people, units)."""
    parser = _Texts()
    parser.feed(html)
    return [(tag, text) for tag, text in parser.found
            if text != "Tiếng Việt" and not any(name in text for name in allowed)]
