"""Routes (filled in as the app grows)."""

urlpatterns: list = []
