"""Zalo as the tests meet it: a responder for ``core.testing.standin.StandIn`` that keeps
Zalo's state (docs/channels.md, "Zalo tokens", for the formats and their sources).

- ``POST /v4/oa/access_token`` (OAuth v4, form-encoded, header ``secret_key``): a known,
  unspent refresh token answers a new access token, a new refresh token and
  ``expires_in`` (a string of seconds); the refresh token is then spent, and spending it
  again is refused with an error number, as Zalo's single-use refresh tokens are.
- ``POST /v3.0/oa/message/cs`` (header ``access_token``): sent when the token is one it
  issued and not expired (``expire`` ends one), else ``{"error": -216, …}``.
- ``GET`` anything else: the resident's photo (``photo`` bytes).
"""

from __future__ import annotations

import itertools
import threading
import time

from smartdistrict.core.testing.standin import Answer, Recorded

TOKEN_PATH = "/v4/oa/access_token"
SEND_PATH = "/v3.0/oa/message/cs"
REFRESH_REFUSED = -14014  # the stand-in's number for a spent or unknown refresh token
TOKEN_INVALID = -216


class ZaloFake:
    """The state behind the stand-in: which tokens are valid, which refresh tokens spent."""

    def __init__(self, *, app_id: str, secret_key: str, access_token: str,
                 refresh_token: str, lifetime: int = 90000, photo: bytes = b"") -> None:
        self.app_id, self.secret_key = app_id, secret_key
        self.lifetime, self.photo = lifetime, photo
        self.valid_access = {access_token}
        self.valid_refresh = {refresh_token}
        self.spent_refresh: set[str] = set()
        self.refused_refresh: list[str] = []
        self.issued: list[tuple[str, str]] = []
        self.delivered: list[tuple[str, dict]] = []  # (access token, body)
        self.refresh_error: int | None = None  # set: every refresh is refused with it
        self.refresh_delay = 0.0  # seconds a refresh takes (to make workers overlap)
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def expire(self, access_token: str) -> None:
        self.valid_access.discard(access_token)

    def __call__(self, request: Recorded) -> Answer:
        if request.method == "GET":
            return Answer(200, self.photo, content_type="image/jpeg")
        if request.path == TOKEN_PATH:
            return self._token(request)
        if request.path == SEND_PATH:
            return self._send(request)
        return Answer(404, {"error": -201, "message": "unknown path"})

    def _token(self, request: Recorded) -> Answer:
        form = {key: values[0] for key, values in request.form().items()}
        if (request.headers.get("secret_key") != self.secret_key
                or form.get("app_id") != self.app_id
                or form.get("grant_type") != "refresh_token"):
            return Answer(200, {"error": -14002, "error_name": "Invalid app",
                                "error_description": "app_id or secret_key is wrong"})
        given = form.get("refresh_token", "")
        time.sleep(self.refresh_delay)
        with self._lock:
            if self.refresh_error is not None or given not in self.valid_refresh:
                self.refused_refresh.append(given)
                return Answer(200, {"error": self.refresh_error or REFRESH_REFUSED,
                                    "error_name": "Invalid refresh token",
                                    "error_description": "refresh token is invalid"})
            self.valid_refresh.discard(given)
            self.spent_refresh.add(given)
            number = next(self._numbers)
            access, refresh = f"access-{number}-zz9", f"refresh-{number}-qq7"
            self.valid_access.add(access)
            self.valid_refresh.add(refresh)
            self.issued.append((access, refresh))
        return Answer(200, {"access_token": access, "refresh_token": refresh,
                            "expires_in": str(self.lifetime)})

    def _send(self, request: Recorded) -> Answer:
        token = request.headers.get("access_token", "")
        if token not in self.valid_access:
            return Answer(200, {"error": TOKEN_INVALID,
                                "message": "Access token is invalid"})
        body = request.json()
        self.delivered.append((token, body))
        return Answer(200, {"error": 0, "message": "Success",
                            "data": {"message_id": f"m{len(self.delivered)}",
                                     "user_id": body["recipient"]["user_id"]}})
