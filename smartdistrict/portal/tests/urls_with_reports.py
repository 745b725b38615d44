"""The project's URLs plus a stand-in for the public list of reports (built on another
branch), to test that the residents' header links it once its URL name exists."""

from django.http import HttpResponse
from django.urls import path

from smartdistrict.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("reports/", lambda request: HttpResponse("reports"), name="portal-reports"),
    *project_urlpatterns,
]
