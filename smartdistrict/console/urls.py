"""URL routes of the console app."""

urlpatterns: list = []
