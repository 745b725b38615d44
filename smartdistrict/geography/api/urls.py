from django.urls import path
from django.views.decorators.gzip import gzip_page

from smartdistrict.geography.api import views

urlpatterns = [
    path("lookup", views.LookupView.as_view(), name="geography-lookup"),
    path("resolve", views.ResolveView.as_view(), name="geography-resolve"),
    path("units", views.UnitListView.as_view(), name="geography-units"),
    path("wards.geojson", gzip_page(views.WardsGeoJSONView.as_view()),
         name="geography-wards-geojson"),
]
