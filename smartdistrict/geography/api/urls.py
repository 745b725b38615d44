from django.urls import path

from smartdistrict.geography.api import views

urlpatterns = [
    path("lookup", views.LookupView.as_view(), name="geography-lookup"),
    path("resolve", views.ResolveView.as_view(), name="geography-resolve"),
    path("units", views.UnitListView.as_view(), name="geography-units"),
    path("wards.geojson", views.WardsGeoJSONView.as_view(), name="geography-wards-geojson"),
]
