from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "smartdistrict.survey"
    label = "survey"
    verbose_name = _("Satisfaction with administrative services")
