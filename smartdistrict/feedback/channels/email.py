"""E-mail through Django's e-mail backend (SMTP in production, the console in the demo)."""

from __future__ import annotations

from django.core.mail import send_mail

from smartdistrict.feedback.channels.base import Message


class EmailChannel:
    name = "email"

    def enabled(self) -> bool:
        return True  # Django always has an e-mail backend

    def reaches(self, message: Message) -> bool:
        return bool(message.email)

    def send(self, message: Message) -> None:
        send_mail(message.subject, message.body, None, [message.email])
