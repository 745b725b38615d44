from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "smartdistrict.dashboard"
    label = "dashboard"
    verbose_name = _("Operations dashboard")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from smartdistrict.feedback.models import Report

        post_delete.connect(_report_removed, sender=Report,
                            dispatch_uid="dashboard-report-removed")


def _report_removed(sender, instance, **kwargs) -> None:
    """Remember a deleted report, so the next refresh subtracts its figures (by delta)."""
    from smartdistrict.dashboard.models import RemovedReport

    RemovedReport.objects.get_or_create(report_id=instance.pk)
