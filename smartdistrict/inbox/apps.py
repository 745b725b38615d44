from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "smartdistrict.inbox"
    label = "inbox"
    verbose_name = _("Intake by e-mail and Zalo")
