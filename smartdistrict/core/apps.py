from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "smartdistrict.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from huey.contrib.djhuey import HUEY

        from smartdistrict.core import checks  # noqa: F401  (registers system checks)
        from smartdistrict.core.observability import jobs

        jobs.install(HUEY)  # jobs carry the id of the request that enqueued them
