"""Staff see what came in, read-only, in the admin."""

import pytest

from smartdistrict.inbox.common import inbound_keep
from smartdistrict.inbox.models import Door

pytestmark = pytest.mark.django_db


def test_received_messages_are_listed_and_readable(admin_client):
    kept = inbound_keep(door=Door.EMAIL, raw="Subject: Ổ gà\r\n\r\nỔ gà lớn".encode(),
                        sender="dan@example.com", subject="Ổ gà")
    listing = admin_client.get("/admin/inbox/inboundmessage/")
    assert listing.status_code == 200 and "dan@example.com" in listing.content.decode()
    page = admin_client.get(f"/admin/inbox/inboundmessage/{kept.pk}/change/")
    assert page.status_code == 200 and "Ổ gà lớn" in page.content.decode()
    assert admin_client.get("/admin/inbox/inboundmessage/add/").status_code == 403
    assert admin_client.get("/admin/inbox/zaloconversation/").status_code == 200
