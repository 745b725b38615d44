"""Reading a received e-mail: who sent it, what it says, its photos, what it answers.

Pure functions over the message's bytes (the standard library's ``email`` package with
its modern policy), so the SMTP listener, a test and a re-run from the admin read a
message the same way. Nothing here touches the database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.html import strip_tags

from smartdistrict.core.text import clean_text

# A report code as the platform writes them (HCM-2026-000123, BT-2026-000123).
CODE = re.compile(r"\b([A-Z]{2,6}-\d{4}-\d{6})\b")
MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Where a reply's quoted history starts ("On … wrote:", "Vào … đã viết:", "> …").
_QUOTE_START = re.compile(
    r"^(?:>|On .+ wrote:|Vào .+ đã viết:|-----\s*Original Message|-----\s*Thư gốc|"
    r"From: |Từ: )", re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^-- ?$")
MAX_SUBJECT = 300


@dataclass
class Photo:
    filename: str
    data: bytes


@dataclass
class ReadMail:
    """What a message says, as far as it could be read."""

    sender: str = ""  # the address to answer (From, else the envelope's sender)
    name: str = ""
    subject: str = ""
    text: str = ""
    photos: list[Photo] = field(default_factory=list)
    message_id: str = ""
    references: list[str] = field(default_factory=list)  # In-Reply-To and References
    automatic: bool = False  # an auto-reply, a bounce, a list: never answered
    problem: str = ""  # why it cannot be read ("" when it can)

    @property
    def codes(self) -> list[str]:
        """Report codes named in the subject (a resident answering by hand)."""
        return CODE.findall(self.subject.upper())


def read_mail(raw: bytes, *, envelope_sender: str = "") -> ReadMail:
    """Read ``raw`` (a whole RFC 5322 message). Never raises: a message that cannot be
    read comes back with ``problem`` set and whatever could be read."""
    mail = ReadMail(sender=_valid_address(envelope_sender))
    try:
        message = BytesParser(policy=policy.default).parsebytes(raw)
    except Exception:  # the parser is lenient; anything it still refuses is unreadable
        mail.problem = "unparseable"
        return mail
    try:
        _read_headers(message, mail)
        _read_body(message, mail)
    except Exception:  # a header or part broken beyond what the policy tolerates
        mail.problem = mail.problem or "unparseable"
    if not mail.problem and not mail.sender:
        mail.problem = "no_sender"
    if not mail.problem and not mail.text and not mail.photos:
        mail.problem = "empty"
    return mail


def _read_headers(message: EmailMessage, mail: ReadMail) -> None:
    name, address = parseaddr(str(message.get("Reply-To") or message.get("From") or ""))
    if _valid_address(address):
        mail.sender, mail.name = _valid_address(address), clean_text(name).strip()[:120]
    mail.subject = " ".join(clean_text(str(message.get("Subject") or "")).split())[:MAX_SUBJECT]
    mail.message_id = _first_id(str(message.get("Message-ID") or ""))
    references = []
    for header in ("In-Reply-To", "References"):
        references += MESSAGE_ID.findall(str(message.get(header) or ""))
    mail.references = list(dict.fromkeys(references))
    auto = str(message.get("Auto-Submitted") or "no").strip().lower()
    precedence = str(message.get("Precedence") or "").strip().lower()
    local_part = mail.sender.split("@")[0].lower()
    mail.automatic = (
        auto != "no" or precedence in {"bulk", "list", "junk"}
        or bool(message.get("List-Id")) or local_part in {"mailer-daemon", "postmaster"}
        or any(a for _n, a in getaddresses([str(message.get("X-Failed-Recipients") or "")]))
    )


def _read_body(message: EmailMessage, mail: ReadMail) -> None:
    plain, html = [], []
    for part in message.walk():
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        disposition = part.get_content_disposition()
        if part.get_content_maintype() == "image":
            data = part.get_payload(decode=True) or b""
            if data:
                mail.photos.append(Photo(part.get_filename() or "photo", data))
        elif kind == "text/plain" and disposition != "attachment":
            plain.append(part.get_content())
        elif kind == "text/html" and disposition != "attachment":
            html.append(strip_tags(part.get_content()))
    body = "\n".join(plain) if plain else "\n".join(html)
    mail.text = new_text(body)


def new_text(body: str) -> str:
    """The message's own words: without the quoted history of a reply and without the
    signature, lines trimmed, at most two blank lines in a row."""
    lines = []
    for line in clean_text(body).replace("\r\n", "\n").split("\n"):
        if _QUOTE_START.match(line.strip()) or _SIGNATURE.match(line):
            break
        lines.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _first_id(value: str) -> str:
    found = MESSAGE_ID.findall(value)
    return found[0][:300] if found else ""


def _valid_address(address: str) -> str:
    address = (address or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address if len(address) <= 254 else ""
