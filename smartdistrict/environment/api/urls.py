"""The stations and readings API (the index calculator is in index_urls.py)."""

from django.urls import path

from smartdistrict.environment.api import views

urlpatterns = [
    path("readings", views.ReadingIngestView.as_view(), name="environment-readings-ingest"),
    path("readings/import", views.ReadingImportView.as_view(),
         name="environment-readings-import"),
    path("ngsi-ld/entities", views.NgsiLdEntitiesView.as_view(),
         name="environment-ngsi-ld-ingest"),
    path("stations", views.StationListView.as_view(), name="environment-stations"),
    path("stations/<str:code>", views.StationDetailView.as_view(), name="environment-station"),
    path("stations/<str:code>/readings", views.StationReadingsView.as_view(),
         name="environment-station-readings"),
    path("stations/<str:code>/ngsi-ld", views.StationNgsiLdView.as_view(),
         name="environment-station-ngsi-ld"),
]
