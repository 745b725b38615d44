from django.urls import path

from smartdistrict.portal import views

urlpatterns = [
    path("track/", views.track_search, name="portal-track-search"),
    path("track/<str:code>", views.track, name="portal-track"),
    path("track/<str:code>/rate", views.rate, name="portal-rate"),
    path("track/<str:code>/reopen", views.reopen, name="portal-reopen"),
]
