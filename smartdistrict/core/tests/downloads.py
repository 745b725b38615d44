"""A test helper: follow an export's answer (a redirect to its download page) to the file."""

from __future__ import annotations

import re

from django.test import TestCase


def fetch(client, url: str, params: dict | None = None) -> tuple[str, bytes]:
    """GET ``url`` (which queues a download), run the queued job (tests run jobs at once,
    after the commit that the test's transaction never makes), then read the download's
    page and its only file. Returns (file name, content)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = client.get(url, params or {})
    assert answer.status_code == 302, answer.status_code
    page = client.get(answer["Location"])
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-status="done"' in html, html
    link = re.search(r'href="(/downloads/[^"]+/([^"/]+))"', html)
    assert link, html
    response = client.get(link.group(1))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    return link.group(2), b"".join(response.streaming_content)
