"""The environment pages, mounted at the site root: public under environment/, staff
under environment/staff/."""

from django.urls import path, re_path

from smartdistrict.environment.pages import public, staff

urlpatterns = [
    path("environment/", public.station_map, name="environment-map"),
    path("environment/stations/<str:code>", public.station_detail,
         name="environment-station-page"),
    path("environment/stations/<str:code>/wqi.svg", public.wqi_chart,
         name="environment-wqi-chart"),
    path("environment/stations/<str:code>/charts/<str:parameter>.svg", public.parameter_chart,
         name="environment-parameter-chart"),
    re_path(r"^environment/stations/(?P<code>[^/]+)/export\.(?P<extension>csv|xlsx)$",
            public.export, name="environment-export"),
    path("environment/staff/alerts", staff.alerts, name="environment-staff-alerts"),
]
