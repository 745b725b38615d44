"""URL routes of the staff console, mounted at /console/ (namespace ``console``)."""

from django.urls import path

from smartdistrict.console.views import auth, data_requests, intake, queue, report

app_name = "console"

urlpatterns = [
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("", queue.queue, name="queue"),
    path("bulk", queue.bulk, name="bulk"),
    path("reports/<str:code>", report.report_detail, name="report"),
    path("reports/<str:code>/contact", report.report_contact, name="report-contact"),
    path("reports/<str:code>/forward-departments", report.forward_departments,
         name="report-forward-departments"),
    path("reports/<str:code>/reroute", report.reroute_preview, name="report-reroute"),
    path("reports/<str:code>/actions/<slug:action>", report.report_action,
         name="report-action"),
    path("intake", intake.intake, name="intake"),
    path("data-requests", data_requests.data_requests, name="data-requests"),
    path("data-requests/<int:request_id>", data_requests.data_request, name="data-request"),
    path("data-requests/<int:request_id>/<slug:action>", data_requests.data_request_action,
         name="data-request-action"),
    path("intake/ward", intake.intake_ward, name="intake-ward"),
    path("intake/questions", intake.intake_questions, name="intake-questions"),
]
