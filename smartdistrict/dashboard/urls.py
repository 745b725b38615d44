"""URL routes of the dashboard, mounted at /dashboard/ (namespace ``dashboard``)."""

from django.urls import path

from smartdistrict.dashboard.views import brief, export, home

app_name = "dashboard"

urlpatterns = [
    path("", home.dashboard, name="home"),
    path("hotspots.geojson", home.hotspots_geojson, name="hotspots"),
    path("export.xlsx", export.reports_export, name="export"),
    path("briefs/", brief.brief_create, name="brief-create"),
    path("briefs/<uuid:brief_id>", brief.brief_status, name="brief"),
    path("briefs/<uuid:brief_id>/brief.<str:kind>", brief.brief_file, name="brief-file"),
]
