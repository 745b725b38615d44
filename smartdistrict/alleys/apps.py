from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlleysConfig(AppConfig):
    name = "smartdistrict.alleys"
    label = "alleys"
    verbose_name = _("Alley upgrades")
