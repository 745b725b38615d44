"""URL routes of the targets app."""

urlpatterns: list = []
