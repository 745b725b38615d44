"""URL routes of the survey, mounted at /survey/ (namespace ``survey``). Staff paths come
first; a survey token is 16 URL-safe characters."""

from django.urls import path, register_converter

from smartdistrict.survey.views import public, staff


class TokenConverter:
    regex = r"[A-Za-z0-9_-]{16}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenConverter, "token")

app_name = "survey"

urlpatterns = [
    path("", public.survey_home, name="home"),
    path("results/", staff.results, name="results"),
    path("results/export.xlsx", staff.results_export, name="export"),
    path("dossiers/", staff.dossiers, name="dossiers"),
    path("dossiers/new", staff.dossier_new, name="dossier-new"),
    path("dossiers/<str:code>/receipt", staff.receipt, name="receipt"),
    path("<token:token>", public.survey_answer, name="answer"),
    path("<token:token>/thanks", public.survey_thanks, name="thanks"),
    path("<token:token>/qr.<str:kind>", public.survey_qr, name="qr"),
]
