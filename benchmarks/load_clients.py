"""The load test's residents (benchmarks/load.py): 50 clients over three doors.

Each client sends reports over its door (Open311, the REST API, the portal's form) from its
own address (one in ten sharing an office's), resends a report that got no answer or a 5xx
with the same idempotency key, and waits after a 429, as a well-behaved app does. Kept apart
from load.py, which starts the server, breaks it and counts what was stored.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import threading
import time
import urllib.parse
from dataclasses import dataclass

CLIENTS = 50
WORKERS = 3
DOORS = ("open311", "rest", "portal")
ATTEMPTS = 6  # one report: the first try and up to five resends with the same key
# gunicorn's worker timeout: the deploy guide's 30 s, unless the machine is shared and slow
# (a worker's first request loads the geography and the suggester: on a loaded two-core
# machine that alone passed 30 s, and timed-out workers were replaced by cold ones forever).
WORKER_TIMEOUT = int(os.environ.get("BENCH_LOAD_WORKER_TIMEOUT", "30"))
GRACE = 60.0  # seconds after the run's end during which a report in flight may be resent
CATEGORY = "rac-thai"


@dataclass
class Outcome:
    door: str
    marker: str
    result: str  # ack, 429, refused, unanswered
    attempts: int
    status: int | None = None
    server_errors: int = 0
    dropped: int = 0  # connections reset or closed without an answer



class Client:
    def __init__(self, n: int, port: int, api_key: str, points: list, run_id: str,
                 deadline: float, out: list[Outcome], lock: threading.Lock):
        self.n, self.port, self.api_key, self.points = n, port, api_key, points
        self.run_id, self.deadline, self.out, self.lock = run_id, deadline, out, lock
        self.door = DOORS[n % len(DOORS)]
        # Most clients have their own address; one in ten shares an office's (NAT), so
        # that the per-address limit is reached as it would be there.
        self.address = ("10.99.0.1" if n % 10 == 9 and n < CLIENTS
                        else f"10.{77 + n // 250}.{n % 250}.{1 + n % 200}")
        self.csrf = ""

    def _request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                timeout=WORKER_TIMEOUT + 10)
        try:
            connection.request(method, path, body, {"X-Forwarded-For": self.address,
                                                    **(headers or {})})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def _portal_token(self) -> None:
        _status, headers, page = self._request("GET", "/report/")
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
        field_ = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if cookie and field_:
            self.csrf = cookie.group(1)
            self.form_token = field_.group(1).decode()

    def _send(self, marker: str, point) -> tuple[int, dict]:
        lat, lon = point
        description = f"Rác thải đổ trộm ở đầu hẻm, bốc mùi, phiếu tải [{marker}]."
        if self.door == "open311":
            body = urllib.parse.urlencode({
                "api_key": self.api_key, "service_code": CATEGORY, "description": description,
                "lat": f"{lat:.6f}", "long": f"{lon:.6f}",
            })
            status, headers, _ = self._request(
                "POST", "/open311/v2/requests.json", body,
                {"Content-Type": "application/x-www-form-urlencoded",
                 "Idempotency-Key": f"load-{marker}"})
            return status, headers
        if self.door == "rest":
            body = json.dumps({"category": CATEGORY, "description": description, "lat": lat,
                               "lon": lon, "idempotency_key": f"load-{marker}"})
            status, headers, _ = self._request("POST", "/api/v1/reports", body,
                                               {"Content-Type": "application/json"})
            return status, headers
        if not self.csrf:
            self._portal_token()
        body = urllib.parse.urlencode({
            "csrfmiddlewaretoken": getattr(self, "form_token", ""), "category": CATEGORY,
            "description": description, "lat": f"{lat:.6f}", "lon": f"{lon:.6f}",
            "nearby_seen": CATEGORY, "idempotency_key": f"portal-load-{marker}",
        })
        status, headers, _ = self._request(
            "POST", "/report/", body, {"Content-Type": "application/x-www-form-urlencoded",
                                       "Cookie": f"csrftoken={self.csrf}"})
        if status == 302 and "/report/sent" in headers.get("Location", ""):
            status = 201
        elif status == 200:  # the form again, with its errors: refused
            status = 400
        elif status == 403:  # CSRF: the token expired with a killed worker? ask again
            self.csrf = ""
        return status, headers

    def one(self, seq: int) -> Outcome:
        marker = f"{self.run_id}-{self.n}-{seq}"
        outcome = Outcome(self.door, marker, "unanswered", 0)
        point = self.points[(self.n * 997 + seq) % len(self.points)]
        while outcome.attempts < ATTEMPTS and time.monotonic() < self.deadline + GRACE:
            outcome.attempts += 1
            try:
                status, headers = self._send(marker, point)
            except (OSError, http.client.HTTPException):
                outcome.dropped += 1
                time.sleep(0.3)
                continue
            outcome.status = status
            if 200 <= status < 300:
                outcome.result = "ack"
                return outcome
            if status == 429:
                outcome.result = "429"
                self.wait = min(float(headers.get("Retry-After", "1") or 1), 5.0)
                return outcome
            if status >= 500:
                outcome.server_errors += 1
                time.sleep(0.3)
                continue
            if status == 403 and self.door == "portal" and outcome.attempts < ATTEMPTS:
                continue
            outcome.result = "refused"
            return outcome
        return outcome

    def loop(self) -> None:
        seq = 0
        while time.monotonic() < self.deadline:
            seq += 1
            self.wait = 0.0
            outcome = self.one(seq)
            with self.lock:
                self.out.append(outcome)
            time.sleep(self.wait or 0.05)
