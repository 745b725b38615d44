from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for Bình Thạnh. Depends on every app; nothing depends on it."""

    name = "smartdistrict.demo"
    label = "demo"
    verbose_name = "Demo"
