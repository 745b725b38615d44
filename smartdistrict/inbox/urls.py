"""Webhooks of the intake doors, mounted at /zalo/ (docs/channels.md)."""

from django.urls import path

from smartdistrict.inbox import views

urlpatterns = [
    path("webhook", views.zalo_webhook, name="zalo-webhook"),
]
