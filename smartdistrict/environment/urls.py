"""URL routes of the environment app: the index calculator and the stations/readings API
live in separate modules so each stays small."""

from django.urls import include, path

urlpatterns = [
    path("api/v1/environment/", include("smartdistrict.environment.api.index_urls")),
    path("api/v1/environment/", include("smartdistrict.environment.api.urls")),
    path("", include("smartdistrict.environment.pages_urls")),
]
