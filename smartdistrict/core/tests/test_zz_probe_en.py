import re
from html.parser import HTMLParser
import pytest
from django.test import Client
from smartdistrict.core.tests.test_browser_pages import PAGES, _seed
from smartdistrict.feedback.resident_token import resident_token

VI = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")

class T(HTMLParser):
    def __init__(self):
        super().__init__(); self.stack=[]; self.out=[]; self.skip=0
    def handle_starttag(self, tag, attrs):
        if tag in ("script","style"): self.skip+=1
        self.stack.append(tag)
        for k,v in attrs:
            if k in ("title","aria-label","alt","placeholder") or k.startswith("data-msg"):
                if v and VI.search(v): self.out.append((tag+"@"+k, v))
    def handle_endtag(self, tag):
        if tag in ("script","style"): self.skip-=1
    def handle_data(self, d):
        if not self.skip and VI.search(d): self.out.append((self.stack[-1] if self.stack else "", d.strip()))

@pytest.mark.django_db(transaction=True)
def test_probe(django_user_model):
    report = _seed()
    from smartdistrict.accounts.models import User
    admin = User.objects.create_superuser("admin2", "a@example.com", "x-Secret-9")
    for name, path, who, _ in PAGES:
        c = Client(HTTP_ACCEPT_LANGUAGE="en")
        if who == "admin": c.force_login(admin)
        if who == "sent": continue
        url = path.format(code=report.code, token=resident_token(report))
        r = c.get(url)
        t = T(); t.feed(r.content.decode())
        seen=set()
        print("=====", name, r.status_code)
        for tag, text in t.out:
            if (tag,text) in seen: continue
            seen.add((tag,text)); print("  ", tag, "|", text[:110])
