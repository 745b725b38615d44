from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "smartdistrict.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from smartdistrict.core import checks  # noqa: F401  (registers system checks)
