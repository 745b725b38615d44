from django.urls import path

from smartdistrict.portal.views import alerts, fragments, home, my, report, reports, track

urlpatterns = [
    path("", home.home, name="portal-home"),
    path("portal/recent-reports.json", home.map_reports, name="portal-map-reports"),
    path("reports/", reports.reports_list, name="portal-reports"),
    path("reports/map.json", reports.reports_map, name="portal-reports-map"),
    path("report/", report.report_new, name="portal-report"),
    path("report/sent/", report.report_sent, name="portal-report-sent"),
    path("report/where", fragments.where, name="portal-where"),
    path("report/suggest", fragments.suggest, name="portal-suggest"),
    path("report/nearby", fragments.nearby, name="portal-nearby"),
    path("report/support/<str:code>", report.support, name="portal-support"),
    path("alerts/", alerts.alerts_subscribe, name="portal-alerts"),
    path("alerts/confirm/<str:token>", alerts.alerts_confirm, name="portal-alerts-confirm"),
    path("alerts/unsubscribe/<str:token>", alerts.alerts_unsubscribe,
         name="portal-alerts-unsubscribe"),
    path("my/", my.my_home, name="portal-my"),
    path("my/verify", my.my_verify, name="portal-my-verify"),
    path("my/contact", my.my_contact, name="portal-my-contact"),
    path("my/erase", my.my_erase, name="portal-my-erase"),
    path("my/sign-out", my.my_sign_out, name="portal-my-sign-out"),
    path("track/", track.track_search, name="portal-track-search"),
    path("track/<str:code>", track.track, name="portal-track"),
    path("track/<str:code>/rate", track.rate, name="portal-rate"),
    path("track/<str:code>/reopen", track.reopen, name="portal-reopen"),
    path("track/<str:code>/fixed", track.followup, name="portal-followup"),
]
