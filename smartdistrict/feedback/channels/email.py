"""E-mail through Django's e-mail backend (SMTP in production, the console in the demo)."""

from __future__ import annotations

from django.core.mail import EmailMessage

from smartdistrict.feedback.channels.base import Message


class EmailChannel:
    name = "email"

    def enabled(self) -> bool:
        return True  # Django always has an e-mail backend

    def reaches(self, message: Message) -> bool:
        return bool(message.email)

    def send(self, message: Message) -> None:
        headers = {}
        if message.unsubscribe:
            # RFC 2369 and RFC 8058: the mail client's own "unsubscribe" button, one click.
            headers["List-Unsubscribe"] = f"<{message.unsubscribe}>"
            headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        EmailMessage(message.subject, message.body, None, [message.email],
                     headers=headers).send()
