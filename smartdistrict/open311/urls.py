"""Open311 GeoReport v2, mounted at /open311/v2/ (see docs/open311.md)."""

from django.urls import re_path

from smartdistrict.open311 import views

app_name = "open311"
_FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    re_path(r"^discovery" + _FMT, views.discovery, name="discovery"),
    re_path(r"^services" + _FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/]+)" + _FMT, views.service_definition, name="service"),
    re_path(r"^requests" + _FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<request_id>[^/]+)" + _FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[^/]+)" + _FMT, views.token_detail, name="token"),
    # Any other path under /open311/v2/, a line break in it too ("." stops at one, and
    # Django's HTML 404 answered): the spec's error list in JSON.
    re_path(r"^(?P<path>[\s\S]*)$", views.not_found, name="not_found"),
]
