"""PlainSelect writes what Django's Select writes, for the console's flat lists."""

import re

from django import forms

from smartdistrict.console.forms.widgets import PlainSelect

CHOICES = [("", "— tất cả —"), ("26911", "Phường Bình Quới"), ("a&b", 'Tên "lạ" <x>'),
           (7, "bảy")]


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


def test_the_markup_is_djangos():
    for value in ("", "26911", "a&b", 7, None):
        attrs = {"id": "id_ward", "aria-describedby": "id_ward_helptext", "required": True}
        ours = PlainSelect(choices=CHOICES).render("ward", value, attrs)
        django_s = forms.Select(choices=CHOICES).render("ward", value, attrs)
        assert _normal(ours) == _normal(django_s), value


def test_a_bound_form_keeps_the_choice():
    class Form(forms.Form):
        ward = forms.ChoiceField(choices=CHOICES, widget=PlainSelect, required=False)

    html = str(Form({"ward": "26911"})["ward"])
    assert '<option value="26911" selected>' in html and html.count("selected") == 1
