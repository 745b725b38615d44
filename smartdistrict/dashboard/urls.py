"""URL routes of the dashboard app."""

urlpatterns: list = []
