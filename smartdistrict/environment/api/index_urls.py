"""Routes of the index calculator (mounted under api/v1/environment/)."""

from django.urls import path

from smartdistrict.environment.api.index_views import WqiView

urlpatterns = [
    path("wqi", WqiView.as_view(), name="environment-wqi"),
]
