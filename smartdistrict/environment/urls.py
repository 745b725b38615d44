"""URL routes of the environment app."""

urlpatterns: list = []
